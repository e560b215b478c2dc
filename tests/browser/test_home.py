import pytest
from playwright.sync_api import expect

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_home_page_in_vietnamese(page, demo_site, axe):
    page.goto("/")
    expect(page.locator("html")).to_have_attribute("lang", "vi")
    expect(page.get_by_role("heading", level=1)).to_have_text("Cử tri số")
    expect(page.get_by_role("link", name="Tìm phường, xã của bạn")).to_be_visible()
    expect(page.locator("picture img").first).to_have_attribute(
        "alt", "Hình vẽ một chiếc điện thoại hiển thị sáu ô để nhập mã đăng nhập."
    )
    axe(page, "home-phone")


def test_switch_to_english_and_back(page, demo_site, axe):
    page.goto("/")
    page.get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("link", name="Find your ward")).to_be_visible()
    axe(page, "home-english")
    page.get_by_role("button", name="Tiếng Việt").click()
    expect(page.locator("html")).to_have_attribute("lang", "vi")


def test_content_page_with_numbered_steps(page, demo_site, axe):
    page.goto("/huong-dan-su-dung/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Hướng dẫn sử dụng")
    expect(page.locator("ol.steps > li")).to_have_count(3)
    axe(page, "guide-phone")
