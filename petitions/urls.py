from django.urls import path

from petitions import views

app_name = "petitions"

urlpatterns = [
    path("<str:code>/", views.petition_status, name="status"),
]
