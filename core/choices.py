from django.db import models
from django.utils.translation import gettext_lazy as _


class DivisionType(models.TextChoices):
    """Administrative division types since the 2025 reform (two tiers)."""

    CENTRAL_CITY = "thanh_pho_trung_uong", _("centrally-governed city")
    PROVINCE = "tinh", _("province")
    WARD = "phuong", _("ward")
    COMMUNE = "xa", _("commune")
    SPECIAL_ZONE = "dac_khu", _("special zone")


class CouncilLevel(models.TextChoices):
    """The two tiers of People's Councils."""

    PROVINCE = "province", _("province/city People's Council")
    WARD = "ward", _("ward/commune People's Council")
