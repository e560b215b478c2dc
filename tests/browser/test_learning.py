"""Learning in the browser: a learner earns a certificate that verifies publicly; an
ambassador logs a visit on a phone in three screens; an organiser sees the coverage
chart; a lesson and the display options work without JavaScript."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from learning import demo as learning_demo
from learning.models import Campaign, CampaignTarget, Certificate, Visit
from learning.services import visit_record
from tests.browser.conftest import sign_in
from tests.factories import UserFactory
from tests.learning.conftest import make_ambassador, make_staff

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

SCAM_ANSWERS = [
    "Không bấm, gọi tổng đài ghi trên thẻ ngân hàng",
    "Không ai cả",
    "Gọi ngay ngân hàng để khóa tài khoản",
]


@pytest.fixture
def courses(demo_site, hanoi):
    learning_demo.load_demo_courses()


def test_a_learner_completes_a_lesson_and_its_quiz_and_verifies_the_certificate(
    page, browser, live_server, courses, axe
):
    learner = UserFactory(email="hoa@example.vn", first_name="Hoa", last_name="Trần Thị")
    sign_in(page, live_server, learner)
    page.goto("/hoc-ky-nang-so/")
    axe(page, "learning-1-courses")
    page.get_by_role("link", name="Phòng tránh lừa đảo, bảo vệ mã OTP").click()
    axe(page, "learning-2-course")
    page.get_by_role("link", name="Bắt đầu học").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Năm dấu hiệu của kẻ lừa đảo")
    axe(page, "learning-3-lesson")

    page.get_by_label(SCAM_ANSWERS[0]).check()
    page.get_by_role("button", name="Kiểm tra câu trả lời").click()
    expect(page.get_by_role("alert")).to_contain_text("Hãy trả lời tất cả các câu hỏi.")
    expect(page.get_by_label(SCAM_ANSWERS[0])).to_be_checked()  # kept
    for answer in SCAM_ANSWERS[1:]:
        page.get_by_label(answer).check()
    page.get_by_role("button", name="Kiểm tra câu trả lời").click()
    expect(page.get_by_role("status").first).to_contain_text("Bạn trả lời đúng 3 trên 3 câu")
    axe(page, "learning-4-quiz-feedback")

    page.get_by_role("link", name="Chứng nhận của bạn đã sẵn sàng").first.click()
    certificate = Certificate.objects.get(user=learner)
    expect(page.locator(".certificate__name")).to_have_text("Trần Thị Hoa")
    expect(page.locator(".certificate .tracking-code")).to_have_text(certificate.display_code)
    axe(page, "learning-5-certificate")
    page.emulate_media(media="print")
    expect(page.locator(".site-header")).to_be_hidden()
    page.emulate_media(media="screen")

    # Anyone can check it, without an account, by typing the printed code.
    public = browser.new_context(viewport={"width": 360, "height": 740}, base_url=live_server.url)
    try:
        other = public.new_page()
        other.goto("/hoc/chung-nhan/")
        other.get_by_label("Mã xác minh").fill(certificate.display_code.lower())
        other.get_by_role("button", name="Kiểm tra").click()
        expect(other.get_by_role("status")).to_contain_text("Chứng nhận này là thật")
        expect(other.locator(".certificate__course")).to_have_text(
            "Phòng tránh lừa đảo, bảo vệ mã OTP"
        )
        axe(other, "learning-6-verified")
        other.goto("/hoc/chung-nhan/CN-2222-3333-4444/")
        expect(other.get_by_role("alert")).to_contain_text("Không có chứng nhận nào mang mã này")
        axe(other, "learning-7-unknown-code")
    finally:
        public.close()


def test_an_ambassador_logs_a_visit_on_a_phone_in_three_screens(
    page, live_server, demo_site, cau_giay, axe
):
    ambassador = make_ambassador(cau_giay, email="duc@example.vn")
    sign_in(page, live_server, ambassador)
    screens = []
    page.on(
        "framenavigated",
        lambda frame: screens.append(frame.url) if frame == page.main_frame else None,
    )

    page.goto("/hoc/dai-su/")  # screen 1: the tools
    axe(page, "visit-1-tools")
    page.get_by_role("link", name="Ghi lượt hỗ trợ").click()  # screen 2: the form
    page.get_by_label("Họ tên người dân").fill("Bà Nguyễn Thị Mẫu")
    page.get_by_label("Nhận biết lừa đảo").check()
    page.get_by_label("Tài khoản Cổng Dịch vụ công").check()
    page.get_by_label("45 phút").check()
    page.get_by_label("Người dân đồng ý để tôi ghi lại buổi hỗ trợ này và họ tên của họ").check()
    axe(page, "visit-2-form")
    page.get_by_role("button", name="Lưu lượt hỗ trợ").click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("Đã lưu lượt hỗ trợ")  # screen 3
    axe(page, "visit-3-saved")
    assert len(screens) == 3, screens
    visit = Visit.objects.get()
    assert visit.ward == cau_giay and visit.minutes == 45 and visit.consent_at is not None
    assert sorted(visit.skills) == ["portal_account", "scam_awareness"]
    # The page fits a 360 px phone: nothing scrolls sideways.
    assert page.evaluate("document.documentElement.scrollWidth") <= 360


def test_an_organiser_sees_the_coverage_chart(page, live_server, demo_site, cau_giay, axe):
    today = timezone.localdate()
    campaign = Campaign.objects.create(
        name="45 ngày đêm",
        province=cau_giay.province,
        starts_on=today - timedelta(days=3),
        ends_on=today + timedelta(days=42),
    )
    CampaignTarget.objects.create(campaign=campaign, ward=cau_giay, households=20, residents=30)
    ambassador = make_ambassador(cau_giay)
    for minutes in (20, 40):
        visit_record(
            ambassador=ambassador,
            ward=cau_giay,
            resident_name="Hộ mẫu",
            consent=True,
            skills=["identity_app"],
            minutes=minutes,
        )
    staff = make_staff(cau_giay.council)
    sign_in(page, live_server, staff)
    page.goto("/hoc/chien-dich/")
    axe(page, "campaign-1-list")
    page.get_by_role("link", name="45 ngày đêm").click()
    chart = page.get_by_role("img", name="Tỷ lệ số hộ đã đến so với chỉ tiêu")
    expect(chart).to_be_visible()
    expect(page.get_by_role("table", name="Độ phủ theo phường, xã")).to_contain_text("2 / 20 (10%)")
    expect(page.get_by_role("table", name="Xếp hạng đại sứ số")).to_contain_text(str(ambassador))
    axe(page, "campaign-2-coverage")


def test_a_lesson_and_the_display_options_work_without_javascript(page_without_js, courses, axe):
    page = page_without_js
    page.goto("/hoc-ky-nang-so/")
    page.get_by_role("link", name="Chữ to hơn, tương phản cao").first.click()
    page.get_by_label("Chữ to hơn").check()
    page.get_by_label("Tương phản cao (đen trắng)").check()
    page.get_by_role("button", name="Lưu").click()
    expect(page.locator("html")).to_have_class("text-large high-contrast")
    page.get_by_role("link", name="Đăng ký khai sinh trực tuyến").click()
    page.get_by_role("link", name="Bắt đầu học").click()
    page.get_by_label("60 ngày kể từ ngày sinh").check()
    page.get_by_label("Giấy chứng sinh").check()
    page.get_by_role("button", name="Kiểm tra câu trả lời").click()
    expect(page.get_by_role("status").first).to_contain_text("Bạn trả lời đúng 2 trên 2 câu")
    expect(page.get_by_role("status").last).to_contain_text("Đã xong 1 trên 1 bài")
    axe(page, "learning-no-js-large-contrast")
