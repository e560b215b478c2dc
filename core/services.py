"""Writes of places: loading provinces, wards and their councils from official data.

``places_sync`` is the only writer of Province, Ward and Council rows. It keys every
row by its official code, so a second run changes nothing and a renamed unit is
updated in place, never duplicated.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from vietnam_provinces import Province as SourceProvince
from vietnam_provinces import VietNamDivisionType
from vietnam_provinces import Ward as SourceWard

from core.cache import invalidate
from core.choices import CouncilLevel, DivisionType
from core.models import Council, Province, Ward
from core.text import fold

_TYPE = {
    VietNamDivisionType.THANH_PHO_TRUNG_UONG: DivisionType.CENTRAL_CITY,
    VietNamDivisionType.TINH: DivisionType.PROVINCE,
    VietNamDivisionType.PHUONG: DivisionType.WARD,
    VietNamDivisionType.XA: DivisionType.COMMUNE,
    VietNamDivisionType.DAC_KHU: DivisionType.SPECIAL_ZONE,
}
# The word before a unit's own name in official titles ("Tỉnh Cao Bằng", "Phường Cầu Giấy").
_PREFIX = {
    DivisionType.CENTRAL_CITY: "Thành phố",
    DivisionType.PROVINCE: "Tỉnh",
    DivisionType.WARD: "Phường",
    DivisionType.COMMUNE: "Xã",
    DivisionType.SPECIAL_ZONE: "Đặc khu",
}


@dataclass
class SyncCount:
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    @property
    def total(self) -> int:
        return self.created + self.updated + self.unchanged


@dataclass
class PlacesSyncResult:
    provinces: SyncCount = field(default_factory=SyncCount)
    wards: SyncCount = field(default_factory=SyncCount)
    councils: SyncCount = field(default_factory=SyncCount)

    @property
    def changed(self) -> bool:
        return any(c.created or c.updated for c in (self.provinces, self.wards, self.councils))


_PLACE_FIELDS = ["name", "short_name", "division_type", "codename", "name_folded"]


def _names(name: str, division_type: DivisionType) -> tuple[str, str]:
    """(official full name, short name) from the package's name."""
    prefix = _PREFIX[division_type]
    short = name.removeprefix(f"{prefix} ")
    return f"{prefix} {short}", short


def council_name(division_type: DivisionType, short_name: str) -> str:
    return f"Hội đồng nhân dân {_PREFIX[division_type].lower()} {short_name}"


def _upsert(queryset, rows: dict, fields: list[str], key: str, count: SyncCount) -> None:
    """Create missing rows of ``queryset`` and update changed ones, in bulk, matching on ``key``.

    ``rows`` maps each key value to the row's data; only ``fields`` are compared and updated.
    """
    model = queryset.model
    existing = {getattr(obj, key): obj for obj in queryset.filter(**{f"{key}__in": list(rows)})}
    now = timezone.now()
    to_create, to_update = [], []
    for value, data in rows.items():
        obj = existing.get(value)
        if obj is None:
            to_create.append(model(**{key: value}, **data))
        elif any(getattr(obj, name) != data[name] for name in fields):
            for name in fields:
                setattr(obj, name, data[name])
            obj.updated_at = now  # bulk_update does not stamp auto_now fields
            to_update.append(obj)
    model.objects.bulk_create(to_create, batch_size=500)
    model.objects.bulk_update(to_update, [*fields, "updated_at"], batch_size=500)
    count.created += len(to_create)
    count.updated += len(to_update)
    count.unchanged += len(rows) - len(to_create) - len(to_update)


@transaction.atomic
def places_sync(
    *,
    provinces: Iterable[SourceProvince] | None = None,
    wards: Iterable[SourceWard] | None = None,
) -> PlacesSyncResult:
    """Load all provinces and wards (by default from the ``vietnam-provinces`` package)
    and give each exactly one People's Council."""
    result = PlacesSyncResult()

    province_rows = {}
    for item in provinces if provinces is not None else SourceProvince.iter_all():
        division_type = _TYPE[item.division_type]
        name, short = _names(item.name, division_type)
        province_rows[f"{item.code.value:02d}"] = {
            "name": name,
            "short_name": short,
            "division_type": division_type,
            "codename": item.codename,
            "name_folded": fold(name),
        }
    _upsert(Province.objects.all(), province_rows, _PLACE_FIELDS, "code", result.provinces)
    province_ids = dict(Province.objects.values_list("code", "id"))

    ward_rows = {}
    for item in wards if wards is not None else SourceWard.iter_all():
        division_type = _TYPE[item.division_type]
        name, short = _names(item.name, division_type)
        ward_rows[f"{item.code.value:05d}"] = {
            "name": name,
            "short_name": short,
            "division_type": division_type,
            "codename": item.codename,
            "name_folded": fold(name),
            "province_id": province_ids[f"{item.province_code.value:02d}"],
        }
    _upsert(Ward.objects.all(), ward_rows, [*_PLACE_FIELDS, "province_id"], "code", result.wards)

    province_councils = {
        province.id: {
            "level": CouncilLevel.PROVINCE,
            "name": council_name(province.division_type, province.short_name),
        }
        for province in Province.objects.only("id", "division_type", "short_name")
    }
    _upsert(
        Council.objects.filter(level=CouncilLevel.PROVINCE),
        province_councils,
        ["name"],
        "province_id",
        result.councils,
    )
    ward_councils = {
        ward.id: {
            "level": CouncilLevel.WARD,
            "name": council_name(ward.division_type, ward.short_name),
            "province_id": ward.province_id,
        }
        for ward in Ward.objects.only("id", "division_type", "short_name", "province_id")
    }
    _upsert(
        Council.objects.filter(level=CouncilLevel.WARD),
        ward_councils,
        ["name", "province_id"],
        "ward_id",
        result.councils,
    )
    if result.changed:
        invalidate("routing")  # bulk writes send no signals; cached routes name councils
    return result
