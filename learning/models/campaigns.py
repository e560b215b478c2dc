"""Campaigns such as "45 ngày đêm": a period, a province, and targets per ward."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Campaign(models.Model):
    name = models.CharField(_("name"), max_length=160)
    province = models.ForeignKey(
        "core.Province", on_delete=models.PROTECT, related_name="learning_campaigns"
    )
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-starts_on", "name"]
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")
        constraints = [
            models.CheckConstraint(
                name="campaign_ends_after_start",
                condition=models.Q(ends_on__gte=models.F("starts_on")),
            )
        ]

    def __str__(self) -> str:
        return self.name


class CampaignTarget(models.Model):
    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="targets")
    ward = models.ForeignKey("core.Ward", on_delete=models.PROTECT, related_name="+")
    households = models.PositiveIntegerField(_("households to visit"))
    residents = models.PositiveIntegerField(_("residents to help"))

    class Meta:
        ordering = ["ward__name_folded"]
        verbose_name = _("ward target")
        verbose_name_plural = _("ward targets")
        constraints = [
            models.UniqueConstraint(fields=["campaign", "ward"], name="one_target_per_ward")
        ]

    def __str__(self) -> str:
        return f"{self.campaign} — {self.ward}"
