from django.urls import path

from learning import views

app_name = "learning"

urlpatterns = [
    path("chung-nhan/", views.certificate_lookup, name="certificate_lookup"),
    path("chung-nhan/<str:code>/", views.certificate_detail, name="certificate"),
    path("cua-toi/", views.my_learning, name="mine"),
    path("hien-thi/", views.display, name="display"),
    path("dai-su/", views.ambassador_home, name="ambassador"),
    path("dai-su/ghi-tham/", views.visit_new, name="visit_new"),
    path("dai-su/da-luu/", views.visit_saved, name="visit_saved"),
    path("dai-su/to-dan-pho/", views.ambassador_groups, name="groups"),
    path("dai-su/ghi-danh/", views.resident_enrol, name="enrol"),
    path("chien-dich/", views.campaign_list, name="campaigns"),
    path("chien-dich/<int:pk>/", views.campaign_detail, name="campaign"),
    path("chien-dich/<int:pk>/csv/", views.campaign_csv, name="campaign_csv"),
    path("can-bo/", views.officials_report, name="officials_report"),
]
