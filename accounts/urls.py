from django.urls import path

from accounts import views

urlpatterns = [
    path("", views.account_home, name="account_home"),
    # Replaces allauth's view of the same name (this urlconf is included first).
    path(
        "login/code/confirm/",
        views.ConfirmLoginCodeView.as_view(),
        name="account_confirm_login_code",
    ),
]
