"""Digital ambassadors: the residential groups they cover, the residents they enrol and
the visits they log. The wards an ambassador covers are ``User.ambassador_wards``
(accounts), set with the role; the residential groups within them live here."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ResidentialGroup(models.Model):
    """A tổ dân phố (in the countryside a thôn): the unit ambassadors cover door to door."""

    ward = models.ForeignKey(
        "core.Ward", on_delete=models.CASCADE, related_name="residential_groups"
    )
    name = models.CharField(_("name"), max_length=80, help_text=_("e.g. Tổ dân phố số 5"))
    households = models.PositiveIntegerField(
        _("households"), null=True, blank=True, help_text=_("About how many households live here.")
    )

    class Meta:
        ordering = ["ward__name_folded", "name"]
        verbose_name = _("residential group")
        verbose_name_plural = _("residential groups")
        constraints = [
            models.UniqueConstraint(fields=["ward", "name"], name="residential_group_unique_name")
        ]

    def __str__(self) -> str:
        return f"{self.name}, {self.ward.short_name}"


class AmbassadorProfile(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="ambassador_profile"
    )
    residential_groups = models.ManyToManyField(
        ResidentialGroup,
        blank=True,
        related_name="ambassadors",
        verbose_name=_("residential groups"),
        help_text=_("Groups in the ambassador's wards that they visit."),
    )
    organisation = models.CharField(
        _("organisation"),
        max_length=120,
        blank=True,
        help_text=_("e.g. Đoàn Thanh niên phường, a university's student union."),
    )

    class Meta:
        verbose_name = _("ambassador profile")
        verbose_name_plural = _("ambassador profiles")

    def __str__(self) -> str:
        return str(self.user)


class Enrolment(models.Model):
    """A resident signed up for a course by an ambassador, with the resident's consent."""

    resident = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="enrolments"
    )
    course = models.ForeignKey(
        "learning.CoursePage", on_delete=models.CASCADE, related_name="enrolments"
    )
    enrolled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="enrolments_made",
    )
    consent_at = models.DateTimeField(_("consent given at"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        constraints = [
            models.UniqueConstraint(fields=["resident", "course"], name="one_enrolment_per_course")
        ]

    def __str__(self) -> str:
        return f"{self.resident} — {self.course}"


class Visit(models.Model):
    """One household visit: who was helped (with their consent), which skills were done
    together, how long it took and when to come back."""

    ambassador = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="visits_made"
    )
    ward = models.ForeignKey("core.Ward", on_delete=models.PROTECT, related_name="visits")
    residential_group = models.ForeignKey(
        ResidentialGroup,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="visits",
        verbose_name=_("residential group"),
    )
    campaign = models.ForeignKey(
        "learning.Campaign",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="visits",
    )
    resident = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="visits_received",
        verbose_name=_("enrolled resident"),
    )
    resident_name = models.CharField(_("resident's name"), max_length=150)
    resident_phone = models.CharField(_("resident's phone"), max_length=20, blank=True)
    people_helped = models.PositiveSmallIntegerField(_("people helped"), default=1)
    skills = models.JSONField(_("skills done together"), default=list)
    minutes = models.PositiveSmallIntegerField(_("minutes spent"))
    follow_up_on = models.DateField(_("follow-up date"), null=True, blank=True)
    consent_at = models.DateTimeField(_("consent given at"))
    visited_on = models.DateField(_("visited on"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-visited_on", "-created_at"]
        verbose_name = _("visit")
        verbose_name_plural = _("visits")
        indexes = [models.Index(fields=["campaign", "ward"], name="visit_campaign_ward")]

    def __str__(self) -> str:
        return f"{self.visited_on:%d/%m/%Y} — {self.resident_name}"
