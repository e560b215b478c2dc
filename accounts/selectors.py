"""Reads about accounts: who holds which role, and whether they have a second factor."""

from allauth.mfa.models import Authenticator

from accounts.choices import MFA_REQUIRED_ROLES


def user_requires_mfa(user) -> bool:
    return user.is_authenticated and (user.role in MFA_REQUIRED_ROLES or user.is_superuser)


def user_has_totp(user) -> bool:
    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
