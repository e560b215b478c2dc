"""The places loader: every official unit, one council each, idempotent."""

import dataclasses
from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import F
from vietnam_provinces import Province as SourceProvince
from vietnam_provinces import Ward as SourceWard

from core.choices import CouncilLevel, DivisionType
from core.models import Council, Province, Ward
from core.services import places_sync

pytestmark = pytest.mark.django_db


def test_loads_every_province_ward_and_council():
    result = places_sync()

    assert Province.objects.count() == 34
    assert Ward.objects.count() == 3321
    assert Ward.objects.filter(province__code="01").count() == 126
    assert Council.objects.filter(level=CouncilLevel.PROVINCE).count() == 34
    assert Council.objects.filter(level=CouncilLevel.WARD).count() == 3321
    # one council each, and each council belongs to its own unit
    assert Province.objects.filter(councils__level=CouncilLevel.PROVINCE).distinct().count() == 34
    assert Ward.objects.filter(council__isnull=True).count() == 0
    assert (
        not Council.objects.filter(level=CouncilLevel.WARD)
        .exclude(province=F("ward__province"))
        .exists()
    )
    assert result.provinces.created == 34
    assert result.wards.created == 3321
    assert result.councils.created == 3355


def test_official_codes_names_and_council_names():
    places_sync()
    hanoi = Province.objects.get(code="01")
    assert (hanoi.name, hanoi.short_name) == ("Thành phố Hà Nội", "Hà Nội")
    assert hanoi.division_type == DivisionType.CENTRAL_CITY
    cao_bang = Province.objects.get(codename="cao_bang")
    assert (cao_bang.name, cao_bang.short_name) == ("Tỉnh Cao Bằng", "Cao Bằng")
    cau_giay = Ward.objects.get(code="00167")
    assert (cau_giay.name, cau_giay.short_name, cau_giay.province) == (
        "Phường Cầu Giấy",
        "Cầu Giấy",
        hanoi,
    )
    assert cau_giay.council.name == "Hội đồng nhân dân phường Cầu Giấy"
    assert Council.objects.get(province=hanoi, level=CouncilLevel.PROVINCE).name == (
        "Hội đồng nhân dân thành phố Hà Nội"
    )
    assert Council.objects.get(province=cao_bang, level=CouncilLevel.PROVINCE).name == (
        "Hội đồng nhân dân tỉnh Cao Bằng"
    )
    assert Ward.objects.filter(division_type=DivisionType.SPECIAL_ZONE).count() == 13


def test_second_run_changes_nothing():
    places_sync()
    stamps = dict(Ward.objects.values_list("code", "updated_at"))

    again = places_sync()

    assert not again.changed
    assert (again.provinces.unchanged, again.wards.unchanged, again.councils.unchanged) == (
        34,
        3321,
        3355,
    )
    assert dict(Ward.objects.values_list("code", "updated_at")) == stamps


def test_renamed_unit_is_updated_in_place_never_duplicated():
    hanoi = SourceProvince.from_code(1)
    wards = list(SourceWard.iter_by_province(1))
    places_sync(provinces=[hanoi], wards=wards)
    ward = Ward.objects.get(code="00167")
    council_id = ward.council.id

    renamed = [
        dataclasses.replace(w, name="Phường Cầu Giấy Mới") if w.code.value == 167 else w
        for w in wards
    ]
    result = places_sync(provinces=[hanoi], wards=renamed)

    assert result.wards.updated == 1
    assert result.councils.updated == 1
    assert Ward.objects.filter(province__code="01").count() == 126
    ward.refresh_from_db()
    assert ward.name == "Phường Cầu Giấy Mới"
    assert ward.name_folded == "phuong cau giay moi"
    assert ward.council.id == council_id
    assert ward.council.name == "Hội đồng nhân dân phường Cầu Giấy Mới"


def test_command_reports_counts():
    out = StringIO()
    call_command("load_places", stdout=out)
    assert "wards       3321  created 3321" in out.getvalue()
    out = StringIO()
    call_command("load_places", stdout=out)
    assert "unchanged 3321" in out.getvalue()
