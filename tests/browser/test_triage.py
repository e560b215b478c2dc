"""Council staff work a petition in the admin: sign in with two factors, filter the queue,
open the case, assign it, answer it; the citizen's public status page then shows the answer."""

import time

import pytest
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, hotp_value
from playwright.sync_api import expect

from accounts.choices import Role
from accounts.services import user_assign_role
from core import demo
from core.models import Ward
from petitions.models import Petition, Topic
from petitions.services import petition_submit
from tests.factories import UserFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _petition(title: str, citizen) -> Petition:
    return petition_submit(
        ward=Ward.objects.get(code="00167"),
        topic=Topic.objects.get(slug="dat-dai-nha-o"),
        title=title,
        description="Đèn đường ngõ 12 phố Trần Thái Tông hỏng đã hai tuần, buổi tối rất tối.",
        contact_name="Nguyễn Thị Lan",
        contact_email="lan@example.vn",
        petitioner=citizen,
    )


def test_staff_filters_assigns_and_answers(page, hanoi, demo_site, axe):
    staff = user_assign_role(
        user=UserFactory(email="canbo@example.vn", first_name="Bình", last_name="Trần Thị"),
        role=Role.COUNCIL_STAFF,
        council=Ward.objects.get(code="00167").council,
    )
    TOTP.activate(staff, demo.DEMO_TOTP_SECRET)
    citizen = UserFactory(email="lan@example.vn")
    petition = _petition("Đèn đường ngõ 12 hỏng", citizen)
    _petition("Rác thải ứ đọng đầu ngõ 5", citizen)
    page.set_viewport_size({"width": 1280, "height": 900})

    page.goto("/admin/")
    page.locator("main").get_by_label("Email").fill("canbo@example.vn")
    page.locator("main").get_by_label("Mật khẩu").fill("mat-khau-rat-dai-2026")
    page.locator("main form").get_by_role("button", name="Đăng nhập").click()
    code = format_hotp_value(hotp_value(demo.DEMO_TOTP_SECRET, int(time.time()) // 30))
    page.get_by_label("Mã").fill(code)
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page.locator("h1")).to_be_visible()

    page.goto("/admin/petitions/queue/?view=unassigned")
    expect(page.get_by_role("link", name="Đèn đường ngõ 12 hỏng")).to_be_visible()
    page.goto("/admin/petitions/queue/?q=rác")
    expect(page.get_by_text("Rác thải ứ đọng đầu ngõ 5")).to_be_visible()
    expect(page.get_by_text("Đèn đường ngõ 12 hỏng")).to_have_count(0)
    page.screenshot(path="test-artifacts/screenshots/triage-queue.png", full_page=True)

    page.goto(f"/admin/petitions/queue/{petition.pk}/")
    page.get_by_label("Cán bộ", exact=True).select_option(label="Trần Thị Bình")
    page.get_by_role("button", name="Lưu phân công").click()
    expect(page.get_by_text("Đã lưu phân công.")).to_be_visible()

    page.get_by_label("Trạng thái mới").select_option(label="đã thụ lý")
    page.get_by_role("button", name="Đổi trạng thái").last.click()
    expect(page.get_by_text("Đã chuyển trạng thái")).to_be_visible()

    page.get_by_label("Câu trả lời công khai").fill(
        "Phường đã thay bóng đèn ngày 20/11. Cảm ơn bà đã phản ánh."
    )
    page.get_by_role("button", name="Gửi câu trả lời").click()
    expect(page.get_by_text("Đã gửi câu trả lời cho người kiến nghị.")).to_be_visible()
    page.screenshot(path="test-artifacts/screenshots/triage-case.png", full_page=True)

    page.goto("/admin/petitions/statistics/")
    expect(page.get_by_role("heading", name="Theo lĩnh vực")).to_be_visible()
    page.screenshot(path="test-artifacts/screenshots/triage-dashboard.png", full_page=True)

    page.goto(f"/kien-nghi/{petition.tracking_code}/")
    expect(page.get_by_text("Phường đã thay bóng đèn ngày 20/11.")).to_be_visible()
    expect(page.get_by_text("lan@example.vn")).to_have_count(0)
    axe(page, "status-page-answered")
