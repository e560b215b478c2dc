"""Filing a petition in the browser, three ways, and following it by its code."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from accounts.choices import Role
from accounts.services import user_assign_role
from core import sms
from petitions.choices import Source, Status
from petitions.models import Petition
from tests.browser.conftest import sign_in
from tests.factories import UserFactory
from tests.uploads import jpeg_with_gps

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _where_and_what(page, axe, name: str, photo=None) -> None:
    page.goto("/")
    page.get_by_role("link", name="Gửi kiến nghị").first.click()
    page.get_by_label("Tên phường, xã").fill("cau giay")
    page.get_by_label("Phường Cầu Giấy — Thành phố Hà Nội").check()
    axe(page, f"{name}-1-where")
    page.get_by_role("button", name="Chọn phường, xã này").click()

    page.get_by_label("Giao thông, hạ tầng").check()
    page.get_by_label("Kiến nghị của bạn trong một câu").fill("Đèn đường ngõ 12 hỏng ba tuần")
    page.get_by_label("Mô tả vấn đề").fill(
        "Ngõ 12 tối om, người già đi lại rất nguy hiểm vào buổi tối."
    )
    axe(page, f"{name}-2-what")
    page.get_by_role("button", name="Tiếp tục").click()
    expect(page.get_by_role("heading", name="Ảnh, giấy tờ (không bắt buộc)")).to_be_visible()
    if photo is not None:
        page.get_by_label("Thêm ảnh hoặc tài liệu PDF").set_input_files(str(photo))
        page.get_by_role("button", name="Tải lên").click()
        expect(page.get_by_role("img", name="Ảnh của bạn duong-ngo-12.jpg")).to_be_visible()
        axe(page, f"{name}-3-evidence")
    page.get_by_role("button", name="Tiếp tục").click()


def test_a_signed_in_citizen_files_a_petition(page, live_server, demo_site, hanoi, axe, tmp_path):
    citizen = UserFactory(email="lan@example.vn", first_name="Lan", last_name="Nguyễn Thị")
    sign_in(page, live_server, citizen)
    photo = tmp_path / "duong-ngo-12.jpg"
    photo.write_bytes(jpeg_with_gps().read())
    _where_and_what(page, axe, "file-signed-in", photo=photo)

    expect(page.get_by_label("Họ và tên")).to_have_value("Nguyễn Thị Lan")
    axe(page, "file-signed-in-3-who")
    page.get_by_role("button", name="Tiếp tục").click()
    expect(page.get_by_text("Hội đồng nhân dân phường Cầu Giấy")).to_be_visible()
    axe(page, "file-signed-in-4-review")
    page.get_by_role("button", name="Gửi kiến nghị").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Kiến nghị của bạn đã được gửi")
    petition = Petition.objects.get()
    expect(page.locator(".tracking-code")).to_have_text(petition.display_code)
    axe(page, "file-signed-in-5-sent")
    assert petition.status == Status.RECEIVED and petition.petitioner == citizen
    assert petition.attachments.count() == 1
    assert mail.outbox[-1].to == ["lan@example.vn"]


def test_filing_without_an_account_confirmed_by_code(page, demo_site, hanoi, axe):
    sms.outbox.clear()
    _where_and_what(page, axe, "file-anonymous")
    page.get_by_label("Họ và tên").fill("Trần Văn Ba")
    page.get_by_label("Số điện thoại").fill("0912 345 678")
    page.get_by_role("button", name="Tiếp tục").click()
    page.get_by_role("button", name="Gửi kiến nghị").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Nhập mã chúng tôi đã gửi cho bạn")
    axe(page, "file-anonymous-5-code")
    code = re.search(r"\b(\d{6})\b", sms.outbox[-1][1]).group(1)
    page.get_by_label("Mã gồm sáu chữ số").fill(code)
    page.get_by_role("button", name="Xác nhận và gửi").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Kiến nghị của bạn đã được gửi")
    assert Petition.objects.get().status == Status.RECEIVED


def test_an_ambassador_files_for_a_resident(page, live_server, demo_site, cau_giay, axe):
    ambassador = user_assign_role(user=UserFactory(), role=Role.AMBASSADOR, wards=[cau_giay])
    sign_in(page, live_server, ambassador)
    _where_and_what(page, axe, "file-ambassador")

    expect(page.get_by_role("heading", name="Người dân là ai?")).to_be_visible()
    page.get_by_label("Họ và tên người dân").fill("Lê Thị Hoa")
    page.get_by_label("Số điện thoại của người dân").fill("0987654321")
    page.get_by_role("button", name="Tiếp tục").click()
    expect(page.get_by_text("Vui lòng hỏi ý kiến đồng ý của người dân trước.")).to_be_visible()
    axe(page, "file-ambassador-3-consent-missing")
    page.get_by_label(re.compile("Người dân đã đồng ý")).check()
    page.get_by_role("button", name="Tiếp tục").click()
    page.get_by_role("button", name="Gửi kiến nghị").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Kiến nghị của bạn đã được gửi")
    petition = Petition.objects.get()
    assert (petition.source, petition.filed_by) == (Source.AMBASSADOR, ambassador)


def test_follow_a_petition_by_its_code(page, hanoi, file_petition_for_browser, axe):
    petition = file_petition_for_browser()
    page.goto(f"/kien-nghi/{petition.display_code.lower()}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(petition.title)
    expect(page.get_by_text("đã tiếp nhận").first).to_be_visible()
    expect(page.get_by_text("lan@example.vn")).to_have_count(0)
    axe(page, "petition-status")


@pytest.fixture
def file_petition_for_browser(cau_giay):
    from petitions.models import Topic
    from petitions.services import petition_submit

    def _file():
        return petition_submit(
            ward=cau_giay,
            topic=Topic.objects.get(slug="dat-dai-nha-o"),
            title="Chưa được cấp giấy chứng nhận quyền sử dụng đất",
            description="Hồ sơ nộp từ năm 2019, đến nay chưa có kết quả.",
            contact_name="Nguyễn Thị Lan",
            contact_email="lan@example.vn",
            petitioner=UserFactory(email="lan@example.vn"),
        )

    return _file


def test_the_petitioner_rates_the_answer(page, live_server, hanoi, file_petition_for_browser, axe):
    from petitions.services import petition_transition

    petition = file_petition_for_browser()
    petition = petition_transition(petition=petition, to=Status.ACCEPTED)
    petition = petition_transition(
        petition=petition, to=Status.ANSWERED, answer="Đã cấp giấy ngày 5/3."
    )
    sign_in(page, live_server, petition.petitioner)

    page.goto("/kien-nghi/cua-toi/")
    axe(page, "my-petitions")
    page.get_by_role("link", name=petition.title).click()
    expect(page.get_by_text("Đã cấp giấy ngày 5/3.")).to_be_visible()
    page.get_by_label("Không hài lòng", exact=True).check()
    page.get_by_role("button", name="Gửi đánh giá").click()
    expect(
        page.get_by_text("Vui lòng cho Hội đồng nhân dân biết điều gì vẫn chưa được giải quyết")
    ).to_be_visible()
    axe(page, "rate-answer-error")
    page.get_by_label("Ý kiến").fill("Tôi vẫn chưa nhận được giấy chứng nhận.")
    page.get_by_role("button", name="Gửi đánh giá").click()

    expect(page.get_by_role("heading", name="Tình trạng: đã mở lại")).to_be_visible()
    axe(page, "rate-answer-reopened")
    assert Petition.objects.get(pk=petition.pk).status == Status.REOPENED


def test_tracking_lookup_without_an_account(page, demo_site, hanoi, file_petition_for_browser, axe):
    petition = file_petition_for_browser()
    page.goto("/")
    page.get_by_role("link", name="Tra cứu kiến nghị").click()
    axe(page, "lookup")
    page.get_by_label("Mã tra cứu").fill(petition.display_code.lower())
    page.get_by_label("Email hoặc số điện thoại bạn đã cung cấp").fill("sai@example.vn")
    page.get_by_role("button", name="Mở kiến nghị của tôi").click()
    expect(page.get_by_role("alert")).to_contain_text("Không tìm thấy kiến nghị nào")
    axe(page, "lookup-not-found")
    page.get_by_label("Email hoặc số điện thoại bạn đã cung cấp").fill("lan@example.vn")
    page.get_by_role("button", name="Mở kiến nghị của tôi").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(petition.title)
    expect(page.get_by_text(petition.description)).to_be_visible()
    axe(page, "lookup-owner-page")


def test_a_neighbour_supports_a_published_petition(
    page, live_server, hanoi, file_petition_for_browser, axe
):
    from petitions.services import petition_publish

    petition = petition_publish(petition=file_petition_for_browser())
    sign_in(page, live_server, UserFactory(email="hangxom@example.vn"))
    page.goto(f"/kien-nghi/{petition.tracking_code}/")
    expect(page.get_by_text(petition.description)).to_be_visible()
    axe(page, "support-before")
    page.get_by_role("button", name="Tôi cũng gặp vấn đề này: ủng hộ kiến nghị").click()
    expect(page.get_by_text("Cảm ơn bạn: lượt ủng hộ của bạn đã được ghi nhận.")).to_be_visible()
    expect(page.get_by_role("heading", name="1 người dân ủng hộ kiến nghị này")).to_be_visible()
    axe(page, "support-after")
    assert Petition.objects.get(pk=petition.pk).cosigner_count == 1
