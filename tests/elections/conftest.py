import pytest

from core.choices import CouncilLevel
from core.models import Council
from elections.choices import BallotLevel
from elections.models import Election, ElectionPage, ElectoralUnit


@pytest.fixture
def demo_elections(hanoi):
    """The demo home page, the 2026 election for Hà Nội and the practice ballot."""
    from core import demo
    from elections.demo import load_demo_elections

    demo.load_demo_content()
    load_demo_elections()
    return Election.objects.get(slug="bau-cu-2026")


@pytest.fixture
def election_page(demo_elections) -> ElectionPage:
    return demo_elections.page


@pytest.fixture
def empty_election(hanoi) -> Election:
    return Election.objects.create(name="Bầu cử thử", slug="bau-cu-thu", election_day="2026-03-15")


@pytest.fixture
def draft_units(empty_election, cau_giay):
    """Unpublished units ready to receive an import: NA unit 1 and city unit 1 covering
    Cầu Giấy, and ward council unit 1 and 2 of Cầu Giấy."""
    province = cau_giay.province
    city = Council.objects.get(province=province, level=CouncilLevel.PROVINCE)
    layout = {
        "na1": (BallotLevel.NATIONAL_ASSEMBLY, None, 1),
        "city1": (BallotLevel.PROVINCE, city, 1),
        "ward1": (BallotLevel.WARD, cau_giay.council, 1),
        "ward2": (BallotLevel.WARD, cau_giay.council, 2),
    }
    units = {
        key: ElectoralUnit(
            election=empty_election,
            level=level,
            province=province,
            council=council,
            number=number,
            seats=3,
            name=f"Đơn vị bầu cử số {number}",
        )
        for key, (level, council, number) in layout.items()
    }
    for unit in units.values():
        unit.live = False
        unit.save()
        unit.wards.set([cau_giay])
    return units
