"""Candidate information in the browser: my ballots, a unit, a candidate, the comparison,
the practice ballot and reporting an error, each scanned with axe."""

import re

import pytest
from playwright.sync_api import expect

from elections.choices import BallotLevel
from elections.models import Candidate, ElectoralUnit, ErrorReport
from elections.selectors import official_order, public_candidacies

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def demo_elections(demo_site, hanoi):
    from elections.demo import load_demo_elections

    load_demo_elections()


def _ward_unit():
    return ElectoralUnit.objects.get(election__slug="bau-cu-2026", level=BallotLevel.WARD, number=1)


def _see_three_ballots(page) -> None:
    expect(page.get_by_role("heading", level=1)).to_have_text("Lá phiếu của tôi")
    expect(page.locator(".ballot")).to_have_count(3)
    expect(page.get_by_role("heading", name="1. Quốc hội")).to_be_visible()
    expect(page.get_by_text("Hội đồng nhân dân phường Cầu Giấy").first).to_be_visible()


def test_my_ballots_from_cau_giay(page, demo_elections, axe):
    page.goto("/bau-cu-2026/")
    page.get_by_label("Tên phường, xã").fill("cau giay")
    choice = page.get_by_label("Phường Cầu Giấy — Thành phố Hà Nội")
    expect(choice).to_be_visible()
    axe(page, "elections-election")
    choice.check()
    page.get_by_role("button", name="Chọn phường, xã này").click()
    _see_three_ballots(page)
    axe(page, "elections-my-ballots")

    page.get_by_role("link", name="Thử bỏ phiếu tập").click()
    page.locator(".paper-ballot input[type=checkbox]").first.check()
    page.locator(".paper-ballot input[type=checkbox]").nth(1).check()
    page.get_by_role("button", name="Kiểm tra lá phiếu của tôi").click()
    expect(page.locator(".verdict")).to_contain_text("Phiếu hợp lệ")
    axe(page, "elections-practice")


def test_my_ballots_without_javascript(page_without_js, demo_elections, axe):
    page = page_without_js
    page.goto("/bau-cu-2026/la-phieu-cua-toi/")
    page.get_by_label("Tên phường, xã").fill("cau giay")
    page.get_by_role("button", name="Tìm kiếm").click()
    page.get_by_label("Phường Cầu Giấy — Thành phố Hà Nội").check()
    page.get_by_role("button", name="Chọn phường, xã này").click()
    _see_three_ballots(page)
    axe(page, "elections-my-ballots-no-js")


def test_unit_page_in_official_order_then_a_candidate(page, demo_elections, axe):
    unit = _ward_unit()
    expected = [
        c.candidate.full_name
        for c in official_order(public_candidacies().filter(unit=unit)).select_related("candidate")
    ]
    page.goto(f"/bau-cu-2026/don-vi/{unit.pk}/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Đơn vị bầu cử số 1")
    expect(page.locator(".candidate-name")).to_have_text(expected)
    expect(page.get_by_text("DỮ LIỆU MẪU").first).to_be_visible()
    axe(page, "elections-unit")

    page.get_by_role("link", name=expected[0]).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(expected[0])
    candidate = Candidate.objects.get(full_name=expected[0])
    expect(page.get_by_text(candidate.hometown)).to_be_visible()
    jsonld = page.locator('script[type="application/ld+json"]').text_content()
    assert '"@type": "Person"' in jsonld
    axe(page, "elections-candidate")


def test_comparison_page(page, demo_elections, axe):
    unit = _ward_unit()
    page.goto(f"/bau-cu-2026/don-vi/{unit.pk}/")
    page.get_by_role("link", name=re.compile("So sánh những người ứng cử")).click()
    cards = page.locator(".compare-card")
    expect(cards).to_have_count(unit.candidacies.count())
    expect(cards.first.get_by_text("Ngày vào Đảng")).to_be_visible()
    expect(page.get_by_role("button", name="In")).to_be_visible()
    axe(page, "elections-compare")
    page.emulate_media(media="print")
    expect(page.locator(".site-header")).to_be_hidden()
    page.emulate_media(media="screen")


def test_report_an_error(page, demo_elections, axe):
    candidate = _ward_unit().candidacies.first().candidate
    page.goto(f"/bau-cu-2026/ung-vien/{candidate.pk}/")
    page.get_by_role("link", name="Báo thông tin sai trên trang này").click()
    expect(page.get_by_text(f"Về: {candidate.full_name}")).to_be_visible()
    page.get_by_role("button", name="Gửi cho biên tập viên").click()
    expect(page.get_by_text("Xin cho biết thông tin nào chưa đúng.")).to_be_visible()
    axe(page, "elections-report-error-invalid")
    page.get_by_label("Thông tin nào chưa đúng?").fill("Năm sinh khác với danh sách niêm yết.")
    page.get_by_role("button", name="Gửi cho biên tập viên").click()
    expect(page.get_by_role("status")).to_contain_text("Cảm ơn bạn")
    axe(page, "elections-report-error-sent")
    assert ErrorReport.objects.get().candidate == candidate
