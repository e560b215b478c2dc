from django.urls import path

from core import views

app_name = "core"

urlpatterns = [
    path("dia-ban/", views.ward_picker, name="ward_picker"),
    path("dia-ban/phuong-xa/", views.ward_options, name="ward_options"),
]
