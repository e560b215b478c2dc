"""Places: provinces, wards/communes and their People's Councils.

Rows are loaded from the ``vietnam-provinces`` package by ``manage.py load_places``
(core/services.py: ``places_sync``) and identified by their official codes.
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.choices import CouncilLevel, DivisionType


class Province(models.Model):
    code = models.CharField(_("official code"), max_length=2, unique=True)
    name = models.CharField(_("name"), max_length=64, help_text=_("e.g. Thành phố Hà Nội"))
    short_name = models.CharField(_("short name"), max_length=64, help_text=_("e.g. Hà Nội"))
    division_type = models.CharField(_("type"), max_length=32, choices=DivisionType.choices)
    codename = models.SlugField(_("code name"), max_length=64, unique=True)
    name_folded = models.CharField(max_length=64, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("province/city")
        verbose_name_plural = _("provinces/cities")

    def __str__(self) -> str:
        return self.name


class Ward(models.Model):
    code = models.CharField(_("official code"), max_length=5, unique=True)
    name = models.CharField(_("name"), max_length=64, help_text=_("e.g. Phường Cầu Giấy"))
    short_name = models.CharField(_("short name"), max_length=64, help_text=_("e.g. Cầu Giấy"))
    division_type = models.CharField(_("type"), max_length=32, choices=DivisionType.choices)
    province = models.ForeignKey(
        Province, on_delete=models.PROTECT, related_name="wards", verbose_name=_("province/city")
    )
    codename = models.CharField(_("code name"), max_length=64)
    name_folded = models.CharField(max_length=64, editable=False, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["province__code", "name_folded"]
        verbose_name = _("ward/commune")
        verbose_name_plural = _("wards/communes")

    def __str__(self) -> str:
        return self.name


class Council(models.Model):
    """A People's Council (Hội đồng nhân dân): one per province and one per ward."""

    level = models.CharField(_("level"), max_length=16, choices=CouncilLevel.choices)
    province = models.ForeignKey(
        Province, on_delete=models.PROTECT, related_name="councils", verbose_name=_("province/city")
    )
    ward = models.OneToOneField(
        Ward,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="council",
        verbose_name=_("ward/commune"),
    )
    name = models.CharField(_("name"), max_length=128)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["province__code", "level", "ward__name_folded"]
        verbose_name = _("People's Council")
        verbose_name_plural = _("People's Councils")
        constraints = [
            models.CheckConstraint(
                name="council_ward_matches_level",
                condition=(Q(level=CouncilLevel.PROVINCE, ward__isnull=True))
                | (Q(level=CouncilLevel.WARD, ward__isnull=False)),
            ),
            models.UniqueConstraint(
                fields=["province"],
                condition=Q(level=CouncilLevel.PROVINCE),
                name="one_council_per_province",
            ),
        ]

    def __str__(self) -> str:
        return self.name
