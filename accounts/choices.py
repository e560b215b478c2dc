from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    """What a person does on the platform. One role per account; every role can also
    act as a citizen (file and follow petitions, take courses)."""

    CITIZEN = "citizen", _("citizen")
    AMBASSADOR = "ambassador", _("digital ambassador")
    COUNCIL_STAFF = "council_staff", _("council staff")
    OVERSIGHT = "oversight", _("province oversight")
    EDITOR = "editor", _("editor")
    ADMINISTRATOR = "administrator", _("administrator")


# Roles that reach personal data or the whole site must sign in with a second factor.
MFA_REQUIRED_ROLES = frozenset({Role.COUNCIL_STAFF, Role.OVERSIGHT, Role.ADMINISTRATOR})
