"""Editors work in the Wagtail admin, in Vietnamese, and Vietnamese titles get ASCII slugs."""

import pytest
from playwright.sync_api import expect

from accounts.choices import Role
from accounts.services import user_assign_role
from tests.factories import UserFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_editor_publishes_a_page_with_a_vietnamese_title(page, demo_site, axe):
    user_assign_role(user=UserFactory(email="bientap@example.vn"), role=Role.EDITOR)
    page.set_viewport_size({"width": 1280, "height": 900})

    page.goto("/admin/")
    # The admin sends people to allauth's sign-in page (with its MFA step for staff).
    expect(page).to_have_url("/tai-khoan/login/?next=/admin/")
    page.locator("main").get_by_label("Email").fill("bientap@example.vn")
    page.locator("main").get_by_label("Mật khẩu").fill("mat-khau-rat-dai-2026")
    page.locator("main form").get_by_role("button", name="Đăng nhập").click()
    expect(page.locator("html")).to_have_attribute("lang", "vi")
    expect(page.locator("h1")).to_be_visible()
    page.screenshot(path="test-artifacts/screenshots/admin-dashboard.png")

    page.goto(f"/admin/pages/add/core/standardpage/{_home_page_id()}/")
    page.locator("#id_title").fill("Đất đai")
    page.locator("#id_lead").click()  # leaving the title syncs the slug in the browser
    expect(page.get_by_role("button", name="Lưu bản nháp")).to_be_visible()
    page.screenshot(path="test-artifacts/screenshots/admin-edit.png")
    page.locator(".w-dropdown-button button[aria-expanded]").click()  # "More actions"
    page.locator('button[name="action-publish"]').click()
    expect(page.locator(".messages")).to_be_visible()

    page.goto("/dat-dai/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Đất đai")
    axe(page, "published-page")


def _home_page_id() -> int:
    from core.models import HomePage

    return HomePage.objects.get().pk
