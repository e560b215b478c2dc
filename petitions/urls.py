from django.urls import path

from petitions import views

app_name = "petitions"

urlpatterns = [
    path("gui/", views.file_where, name="file_where"),
    path("gui/noi-dung/", views.file_what, name="file_what"),
    path("gui/anh-giay-to/", views.file_evidence, name="file_evidence"),
    path("gui/nguoi-gui/", views.file_who, name="file_who"),
    path("tep/<int:pk>/", views.attachment, name="attachment"),
    path("gui/xem-lai/", views.file_review, name="file_review"),
    path("xac-nhan/<str:code>/", views.confirm, name="confirm"),
    path("xac-nhan-lien-ket/<str:token>/", views.confirm_link, name="confirm_link"),
    path("da-gui/<str:code>/", views.filed, name="filed"),
    path("tra-cuu/", views.lookup, name="lookup"),
    path("huy-nhan-tin/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("cua-toi/", views.my_petitions, name="my_petitions"),
    path("cua-toi/<str:code>/", views.my_petition, name="mine"),
    path("<str:code>/ung-ho/", views.cosign, name="cosign"),
    path("<str:code>/", views.petition_status, name="status"),
]
