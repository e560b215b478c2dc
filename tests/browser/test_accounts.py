"""Sign up, then sign in, by a one-time code read from the e-mail outbox."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _code_from_last_mail() -> str:
    return re.search(r"^\s*(\d{6})\s*$", mail.outbox[-1].body, re.MULTILINE).group(1)


def test_sign_up_then_sign_in_by_emailed_code(page, demo_site, axe):
    page.goto("/")
    page.get_by_role("link", name="Đăng ký").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Đăng ký")
    axe(page, "signup")

    page.get_by_label("Họ và tên").fill("Nguyễn Thị Lan")
    page.get_by_label("Email").fill("lan@example.vn")
    page.locator("main form").get_by_role("button", name="Đăng ký").click()

    # Verify the address with the code from the e-mail.
    code_box = page.get_by_label("Mã")
    expect(code_box).to_be_visible()
    axe(page, "signup-confirm-code")
    code_box.fill(_code_from_last_mail())
    page.get_by_role("button", name="Xác nhận").click()
    expect(page.get_by_role("button", name="Đăng xuất")).to_be_visible()

    page.get_by_role("button", name="Đăng xuất").click()
    expect(page.get_by_role("link", name="Đăng nhập")).to_be_visible()

    # Sign in again, without a password.
    page.get_by_role("link", name="Đăng nhập").click()
    axe(page, "login")
    page.get_by_role("link", name="Gửi cho tôi mã đăng nhập").click()
    axe(page, "request-login-code")
    page.get_by_label("Email").fill("lan@example.vn")
    page.locator("main form").get_by_role("button").first.click()
    code_box = page.get_by_label("Mã")
    expect(code_box).to_be_visible()
    code_box.fill(_code_from_last_mail())
    page.get_by_role("button", name="Xác nhận").click()
    expect(page.get_by_role("button", name="Đăng xuất")).to_be_visible()
    page.get_by_role("link", name="Tài khoản của tôi").click()
    expect(page.get_by_text("Nguyễn Thị Lan")).to_be_visible()
    axe(page, "account-home")


def test_wrong_code_shows_a_vietnamese_error(page, axe):
    from tests.factories import UserFactory

    UserFactory(email="an@example.vn")
    page.goto("/tai-khoan/login/code/")
    page.get_by_label("Email").fill("an@example.vn")
    page.locator("main form").get_by_role("button").first.click()
    right = _code_from_last_mail()
    page.get_by_label("Mã").fill("000000" if right != "000000" else "111111")
    page.get_by_role("button", name="Xác nhận").click()
    expect(page.get_by_text("Mã không đúng")).to_be_visible()
    axe(page, "login-code-wrong")
