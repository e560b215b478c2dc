"""Account pages of our own; allauth provides sign-up, sign-in, e-mail and MFA."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from accounts import selectors


@login_required
def account_home(request: HttpRequest) -> HttpResponse:
    context = {
        "requires_mfa": selectors.user_requires_mfa(request.user),
        "has_totp": selectors.user_has_totp(request.user),
    }
    return render(request, "accounts/account_home.html", context)
