"""Searching published petitions in the browser, with JavaScript off, on a phone."""

import pytest
from playwright.sync_api import expect

from core.models import Ward
from petitions.models import Topic
from petitions.services import petition_publish, petition_submit
from tests.factories import UserFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def published(hanoi):
    """Three published petitions (indexed after commit, as in production) and one that
    is not published."""
    citizen = UserFactory(email="tim.kiem@example.vn")
    land = Topic.objects.get(slug="dat-dai-nha-o")
    cau_giay, ba_dinh = Ward.objects.get(code="00167"), Ward.objects.get(code="00004")
    rows = [
        (cau_giay, "Đất đai bị lấn chiếm ở ngõ 25", True),
        (ba_dinh, "Đất đai chậm cấp giấy chứng nhận", True),
        (cau_giay, "Rác thải ứ đọng đầu ngõ", True),
        (cau_giay, "Đất đai tranh chấp chưa công khai", False),
    ]
    for ward, title, is_published in rows:
        petition = petition_submit(
            ward=ward,
            topic=land,
            title=title,
            description="Người dân đã phản ánh nhiều lần.",
            contact_name="Phạm Thị Hường",
            contact_email="tim.kiem@example.vn",
            petitioner=citizen,
        )
        if is_published:
            petition_publish(petition=petition)


def test_dat_dai_finds_dat_dai_without_javascript_and_facets_filter(
    page_without_js, published, demo_site, axe
):
    page = page_without_js
    page.goto("/tim-kiem/")
    page.get_by_label("Bạn muốn tìm gì?").fill("dat dai")
    page.get_by_role("search").get_by_role("button", name="Tìm kiếm").click()

    expect(page.get_by_role("heading", name="2 kết quả")).to_be_visible()
    expect(page.get_by_role("link", name="Đất đai bị lấn chiếm ở ngõ 25")).to_be_visible()
    expect(page.get_by_role("link", name="Đất đai chậm cấp giấy chứng nhận")).to_be_visible()
    expect(page.get_by_text("Đất đai tranh chấp chưa công khai")).to_have_count(0)
    expect(page.locator(".search-hit mark").first).to_have_text("Đất")
    axe(page, "search-1-results")

    page.get_by_role("link", name="Phường Cầu Giấy (1)").click()
    expect(page.get_by_role("heading", name="1 kết quả")).to_be_visible()
    expect(page.get_by_role("link", name="Đất đai chậm cấp giấy chứng nhận")).to_have_count(0)
    axe(page, "search-2-filtered")

    page.get_by_role("link", name="Bỏ tất cả bộ lọc").click()
    expect(page.get_by_role("heading", name="2 kết quả")).to_be_visible()

    page.get_by_role("link", name="Đất đai bị lấn chiếm ở ngõ 25").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Đất đai bị lấn chiếm ở ngõ 25")


def test_nothing_found_and_bad_input_on_a_phone(page, published, demo_site, axe):
    page.goto('/tim-kiem/?q="dat dai <script>alert(1)</script>')
    expect(page.get_by_role("heading", name="0 kết quả")).to_be_visible()
    expect(page.get_by_role("link", name="Gửi kiến nghị").last).to_be_visible()
    axe(page, "search-3-nothing")
