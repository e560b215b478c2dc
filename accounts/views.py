"""Account pages of our own; allauth provides sign-up, sign-in, e-mail and MFA."""

from allauth.account import views as allauth_views
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from accounts import selectors


@login_required
def account_home(request: HttpRequest) -> HttpResponse:
    context = {
        "requires_mfa": selectors.user_requires_mfa(request.user),
        "has_totp": selectors.user_has_totp(request.user),
    }
    return render(request, "accounts/account_home.html", context)


class ConfirmLoginCodeView(allauth_views.ConfirmLoginCodeView):
    """allauth's code page, saying why it sends the person back when the code is spent.

    allauth silently returns to "request a code" once a code expired or took too many
    wrong tries; people new to this would think the site is broken."""

    def dispatch(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        response = super().dispatch(request, *args, **kwargs)
        if getattr(self, "_process", True) is None:
            messages.warning(
                request,
                _(
                    "That code has expired or was entered wrongly too many times. "
                    "Please ask for a new code."
                ),
            )
        return response
