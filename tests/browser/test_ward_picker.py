import pytest
from playwright.sync_api import expect

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_find_a_ward_while_typing_without_diacritics(page, hanoi, axe):
    page.goto("/dia-ban/")
    page.get_by_label("Tên phường, xã").fill("cau giay")
    choice = page.get_by_label("Phường Cầu Giấy — Thành phố Hà Nội")
    expect(choice).to_be_visible()
    axe(page, "ward-picker-results")
    choice.check()
    page.get_by_role("button", name="Chọn phường, xã này").click()
    expect(page.get_by_text("Hội đồng nhân dân phường Cầu Giấy")).to_be_visible()
    expect(page.get_by_text("Hội đồng nhân dân thành phố Hà Nội")).to_be_visible()
    axe(page, "ward-picker-chosen")


def test_the_picker_works_without_javascript(page_without_js, hanoi, axe):
    page = page_without_js
    page.goto("/dia-ban/")
    page.get_by_label("Tỉnh, thành phố").select_option("01")
    page.get_by_label("Tên phường, xã").fill("Đống Đa")
    page.get_by_role("button", name="Tìm kiếm").click()
    page.get_by_label("Phường Đống Đa — Thành phố Hà Nội").check()
    page.get_by_role("button", name="Chọn phường, xã này").click()
    expect(page.get_by_text("Hội đồng nhân dân phường Đống Đa")).to_be_visible()
    axe(page, "ward-picker-no-js")


def test_typing_before_the_script_loads_is_not_lost(page, hanoi):
    """On a slow phone the person types before the picker's script arrives."""
    held = []
    page.route("**/ward-picker.js", lambda route: held.append(route))
    page.goto("/dia-ban/", wait_until="commit")
    page.get_by_label("Tên phường, xã").fill("cau giay")
    while not held:
        page.wait_for_timeout(50)
    held[0].continue_()
    expect(page.get_by_label("Phường Cầu Giấy — Thành phố Hà Nội")).to_be_visible()
