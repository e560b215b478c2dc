import pytest

from core.choices import CouncilLevel
from core.models import Province
from core.selectors import councils_for_ward, wards_search


@pytest.mark.parametrize(
    "query", ["cau giay", "Cầu Giấy", "CẦU GIẤY", "  cau   GIAY ", "phuong cau giay"]
)
def test_finds_cau_giay_with_or_without_diacritics(hanoi, query):
    assert wards_search(query=query)[0].name == "Phường Cầu Giấy"


@pytest.mark.parametrize("query", ["dong da", "Đống Đa", "đống đa"])
def test_folds_the_stroke_of_d(hanoi, query):
    assert wards_search(query=query)[0].name == "Phường Đống Đa"


def test_words_may_match_the_province_name(hanoi):
    names = [ward.name for ward in wards_search(query="cau giay ha noi")]
    assert names[0] == "Phường Cầu Giấy"


def test_province_narrows_and_lists_all_its_wards_without_a_query(hanoi):
    hanoi_province = Province.objects.get(code="01")
    assert len(wards_search(province=hanoi_province, limit=500)) == 126
    assert wards_search(query="") == []


@pytest.mark.parametrize(
    "query", ["", "!!!", "'; DROP TABLE core_ward; --", "x" * 1000, '"unbalanced']
)
def test_odd_queries_return_a_list_never_an_error(hanoi, query):
    assert isinstance(wards_search(query=query), list)


def test_councils_for_ward_lists_ward_then_province(cau_giay):
    councils = councils_for_ward(cau_giay)
    assert [council.level for council in councils] == [CouncilLevel.WARD, CouncilLevel.PROVINCE]
    assert councils[0].name == "Hội đồng nhân dân phường Cầu Giấy"
    assert councils[1].name == "Hội đồng nhân dân thành phố Hà Nội"
