"""The public search page: no JavaScript needed, facets as links, stable pages, bad input
gives a normal page, and nothing but our <mark> is ever HTML."""

import pytest
from django.urls import reverse

from tests.i18n import vi
from tests.search.test_contract import BAD_INPUT

pytestmark = pytest.mark.django_db

URL = "/tim-kiem/"


def test_the_route():
    assert reverse("search:search") == URL


def test_a_query_without_accents_finds_a_published_petition(client, corpus):
    page = client.get(URL, {"q": "dat dai"}).content.decode()
    assert "<mark>Đất</mark> <mark>đai</mark> bị lấn chiếm ở ngõ 25" in page
    assert "Tranh chấp" not in page  # not published
    assert "Phạm Thị Hường" not in page and "huong.rieng.tu" not in page


def test_facets_are_links_that_filter_and_can_be_removed(client, corpus, cau_giay):
    page = client.get(URL, {"q": "dat"}).content.decode()
    assert vi("Ward/commune") in page
    link = f"?q=dat&amp;ward={cau_giay.pk}"
    assert link in page
    filtered = client.get(URL, {"q": "dat", "ward": cau_giay.pk}).content.decode()
    assert "Giấy tờ nhà đất" not in filtered  # Ba Đình
    assert 'aria-current="true"' in filtered
    assert vi("Remove all filters") in filtered


def test_pages_of_results(client, corpus):
    first = client.get(URL, {"q": ""}).content.decode()
    assert vi("Search") in first
    from search import views

    views_per_page = views.PER_PAGE
    views.PER_PAGE = 2
    try:
        page1 = client.get(URL, {"q": "", "ward": ""}).content.decode()
        assert "trang=2" in page1 and 'rel="next"' in page1
        page3 = client.get(URL, {"trang": "3"}).content.decode()
        assert 'rel="prev"' in page3 and 'rel="next"' not in page3
    finally:
        views.PER_PAGE = views_per_page


@pytest.mark.parametrize("text", BAD_INPUT)
def test_bad_input_gives_a_normal_page(client, corpus, text):
    response = client.get(URL, {"q": text, "ward": "x'--", "topic": "99999999999", "trang": "-5"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "<script>alert" not in html


def test_facet_and_page_garbage_is_ignored(client, corpus):
    for params in ({"trang": "abc"}, {"year": "20x6"}, {"status": "<b>"}, {"loai": "../"}):
        assert client.get(URL, params).status_code == 200


def test_pages_tab_searches_the_site(client, db):
    from core import demo
    from search import services

    demo.load_demo_content()
    services.index_rebuild(kinds=["page"])
    page = client.get(URL, {"q": "gioi thieu", "loai": "page"}).content.decode()
    assert "<mark>Giới</mark> <mark>thiệu</mark>" in page


def test_a_typo_shows_the_nearest_titles_with_a_notice(client, corpus):
    page = client.get(URL, {"q": "hoang quoc vet"}).content.decode()
    assert vi("Nothing matched exactly; these are the closest titles. Check the spelling?") in page
    assert "<mark>Hoàng</mark> <mark>Quốc</mark> Việt bị hỏng nặng" in page
    nothing = client.get(URL, {"q": "zzzz qqqq"}).content.decode()
    assert (
        vi("Nothing matched exactly; these are the closest titles. Check the spelling?")
        not in nothing
    )
    assert vi("Nothing found. Try fewer words, or other words for the same thing.") in nothing
