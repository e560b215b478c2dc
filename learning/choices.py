from django.db import models
from django.utils.translation import gettext_lazy as _


class Audience(models.TextChoices):
    """Who a course is written for. Officials' courses feed the per-council report."""

    PUBLIC = "public", _("everyone")
    OFFICIALS = "officials", _("council staff and deputies")


class Level(models.TextChoices):
    FIRST_STEPS = "first_steps", _("first steps")
    EVERYDAY = "everyday", _("everyday use")
    CONFIDENT = "confident", _("confident user")


class Skill(models.TextChoices):
    """The skills an ambassador practises with a resident (the visit checklist); courses
    name the ones they teach."""

    IDENTITY_APP = "identity_app", _("Identity app (VNeID) activated")
    PORTAL_ACCOUNT = "portal_account", _("Public-service portal account")
    BIRTH_REGISTRATION = "birth_registration", _("Birth registered online")
    ONLINE_TAX = "online_tax", _("Tax or fee paid online")
    CASHLESS_PAYMENT = "cashless_payment", _("Cashless payment")
    SCAM_AWARENESS = "scam_awareness", _("Scam awareness")


# A quiz is mastered with at least this share of correct answers.
MASTERY_PERCENT = 80
