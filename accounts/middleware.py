"""MFA is required for council staff, province oversight and administrators."""

from collections.abc import Callable

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from accounts import selectors

# Pages a person must still reach to set up the second factor (or leave).
_EXEMPT_PREFIXES = ("/tai-khoan/", "/static/", "/media/", "/i18n/", "/healthz")


class RequireMFAMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if (
            selectors.user_requires_mfa(user)
            and not request.path.startswith(_EXEMPT_PREFIXES)
            and not selectors.user_has_totp(user)
        ):
            messages.warning(
                request,
                _(
                    "Your role gives access to citizens' personal data, so your account needs "
                    "two-factor authentication. Set up an authenticator app to continue."
                ),
            )
            return redirect("mfa_activate_totp")
        return self.get_response(request)
