"""An administrator issues a partner's Open311 key in the admin (shown once), the partner
files with it, and the administrator revokes it."""

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.test import Client
from playwright.sync_api import expect

from accounts.choices import Role
from accounts.services import user_assign_role
from core import demo
from open311.models import ApiKey
from petitions.models import Petition
from tests.browser.conftest import sign_in
from tests.factories import UserFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_an_administrator_issues_and_revokes_a_partner_key(
    page, live_server, hanoi, demo_site, axe
):
    admin = user_assign_role(user=UserFactory(email="quantri@example.vn"), role=Role.ADMINISTRATOR)
    TOTP.activate(admin, demo.DEMO_TOTP_SECRET)
    sign_in(page, live_server, admin)
    page.set_viewport_size({"width": 1280, "height": 900})

    page.goto("/admin/open311/keys/add/")
    page.locator("#id_name").fill("Cổng dịch vụ công thử nghiệm")
    page.locator("#id_is_trusted").check()
    page.locator("main form button[type=submit]").first.click()
    key_box = page.get_by_label("Khóa API")
    expect(key_box).to_be_visible()
    raw_key = key_box.input_value()
    assert len(raw_key) >= 40
    axe(page, "open311-key-issued")

    # The partner files with it; the petition reaches the council.
    response = Client().post(
        "/open311/v2/requests.json",
        {
            "api_key": raw_key,
            "jurisdiction_id": "hdnd-00167",
            "service_code": "dat-dai-nha-o",
            "attribute[ward]": "00167",
            "description": "Đèn đường ngõ 12 hỏng đã hai tuần.",
            "email": "lan@example.vn",
        },
    )
    assert response.status_code == 201
    assert Petition.objects.get().council.ward.code == "00167"

    page.goto("/admin/open311/keys/")
    expect(page.get_by_text(raw_key)).to_have_count(0)
    axe(page, "open311-keys")
    page.get_by_role("link", name="Thu hồi").click()
    page.get_by_role("button", name="Thu hồi khóa").click()
    expect(page.get_by_text("không còn dùng được nữa")).to_be_visible()
    assert not ApiKey.objects.get().is_active
