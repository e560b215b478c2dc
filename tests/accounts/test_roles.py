"""Roles, their scope, their permission groups, and the MFA rule for staff roles."""

import time

import pytest
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, hotp_value
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from wagtail.models import ModelLogEntry

from accounts.choices import Role
from accounts.models import User
from accounts.services import ROLE_GROUPS, user_assign_role, user_create
from core import demo
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_council_staff_belongs_to_one_council_and_its_group(cau_giay_council):
    admin = UserFactory()
    user = user_assign_role(
        user=UserFactory(), role=Role.COUNCIL_STAFF, council=cau_giay_council, by=admin
    )
    assert user.council == cau_giay_council
    assert list(user.groups.values_list("name", flat=True)) == [ROLE_GROUPS[Role.COUNCIL_STAFF]]
    assert user.has_perm("wagtailadmin.access_admin")
    assert not user.is_superuser


def test_role_changes_are_logged_with_who_and_what(cau_giay_council):
    admin = UserFactory()
    user = UserFactory()
    user_assign_role(user=user, role=Role.COUNCIL_STAFF, council=cau_giay_council, by=admin)
    entry = ModelLogEntry.objects.get(action="accounts.assign_role", object_id=str(user.pk))
    assert entry.user == admin
    assert entry.data["from"]["role"] == Role.CITIZEN
    assert entry.data["to"] == {
        "role": "council_staff",
        "council": cau_giay_council.pk,
        "province": None,
        "wards": [],
    }


def test_changing_role_drops_the_old_scope_and_group(cau_giay, cau_giay_council):
    user = user_assign_role(user=UserFactory(), role=Role.COUNCIL_STAFF, council=cau_giay_council)
    user = user_assign_role(user=user, role=Role.AMBASSADOR, wards=[cau_giay])
    assert user.council is None
    assert list(user.ambassador_wards.all()) == [cau_giay]
    assert not user.groups.exists()
    assert not user.has_perm("wagtailadmin.access_admin")


def test_editors_can_edit_pages_and_administrators_are_superusers(db):
    editor = user_assign_role(user=UserFactory(), role=Role.EDITOR)
    assert editor.has_perm("wagtailadmin.access_admin")
    assert editor.groups.get().page_permissions.filter(permission__codename="publish_page").exists()
    admin = user_assign_role(user=UserFactory(), role=Role.ADMINISTRATOR)
    assert admin.is_superuser


@pytest.mark.parametrize(
    ("role", "scope"),
    [
        (Role.COUNCIL_STAFF, {}),
        (Role.OVERSIGHT, {}),
        (Role.AMBASSADOR, {}),
        (Role.CITIZEN, {"council": "council"}),
        (Role.EDITOR, {"wards": "wards"}),
    ],
)
def test_scope_must_match_the_role(cau_giay, cau_giay_council, role, scope):
    values = {"council": cau_giay_council, "wards": [cau_giay]}
    user = UserFactory()
    with pytest.raises(ValidationError):
        user_assign_role(user=user, role=role, **{key: values[key] for key in scope})
    user.refresh_from_db()
    assert user.role == Role.CITIZEN


def test_database_refuses_staff_without_a_council(db):
    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.create_user(email="x@example.vn", role=Role.COUNCIL_STAFF)


def test_createsuperuser_makes_an_administrator(db):
    admin = User.objects.create_superuser(email="Admin@Example.VN", password="mat-khau-rat-dai")
    assert admin.role == Role.ADMINISTRATOR
    assert admin.email == "admin@example.vn"


def test_user_create_registers_the_address_with_allauth(db):
    user = user_create(email="ba@example.vn", full_name="Trần Văn Ba", email_verified=True)
    assert user.get_full_name() == "Trần Văn Ba"
    assert user.emailaddress_set.get().verified


@pytest.mark.parametrize("role", [Role.COUNCIL_STAFF, Role.OVERSIGHT, Role.ADMINISTRATOR])
def test_staff_roles_must_set_up_mfa_before_anything_else(client, cau_giay_council, role, hanoi):
    from core.models import Province

    scope = {
        Role.COUNCIL_STAFF: {"council": cau_giay_council},
        Role.OVERSIGHT: {"province": Province.objects.get(code="01")},
        Role.ADMINISTRATOR: {},
    }[role]
    user = user_assign_role(user=UserFactory(), role=role, **scope)
    client.force_login(user)

    response = client.get("/admin/")
    assert response.status_code == 302
    assert response.url == "/tai-khoan/2fa/totp/activate/"

    TOTP.activate(user, demo.DEMO_TOTP_SECRET)
    assert client.get("/admin/").status_code == 200


@pytest.mark.parametrize("role", [Role.CITIZEN, Role.EDITOR])
def test_other_roles_are_not_forced_into_mfa(client, role):
    user = user_assign_role(user=UserFactory(), role=role)
    client.force_login(user)
    assert client.get("/tai-khoan/").status_code == 200
    assert client.get("/dia-ban/").status_code == 200


def test_wagtail_login_form_is_bypassed_for_allauth(client, db):
    response = client.get("/admin/login/?next=/admin/")
    assert response.status_code == 302
    assert response.url == "/tai-khoan/login/?next=/admin/"


def test_staff_with_mfa_sign_in_in_two_steps(client, cau_giay_council):
    user = user_assign_role(
        user=UserFactory(email="canbo@example.vn"),
        role=Role.COUNCIL_STAFF,
        council=cau_giay_council,
    )
    TOTP.activate(user, demo.DEMO_TOTP_SECRET)
    response = client.post(
        "/tai-khoan/login/", {"login": "canbo@example.vn", "password": "mat-khau-rat-dai-2026"}
    )
    assert response.status_code == 302
    assert response.url == "/tai-khoan/2fa/authenticate/"
    assert client.get("/admin/").status_code == 302  # not signed in yet

    code = format_hotp_value(hotp_value(demo.DEMO_TOTP_SECRET, int(time.time()) // 30))
    response = client.post("/tai-khoan/2fa/authenticate/", {"code": code})
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200


def test_assign_role_command(cau_giay, capsys):
    from django.core.management import CommandError, call_command

    UserFactory(email="canbo@example.vn")
    call_command("assign_role", "canbo@example.vn", "council_staff", "--ward", cau_giay.code)
    assert User.objects.get(email="canbo@example.vn").council == cau_giay.council
    call_command("assign_role", "canbo@example.vn", "oversight", "--province", "01")
    assert User.objects.get(email="canbo@example.vn").oversight_province.code == "01"
    with pytest.raises(CommandError):
        call_command("assign_role", "canbo@example.vn", "council_staff")
    with pytest.raises(CommandError):
        call_command("assign_role", "canbo@example.vn", "ambassador", "--ward", "99999")


def test_a_code_one_step_late_is_still_taken_once():
    user = UserFactory()
    totp = TOTP(TOTP.activate(user, demo.DEMO_TOTP_SECRET).instance)
    if time.time() % 30 > 27:  # not across a step's end while the test runs
        time.sleep(3)
    step = int(time.time()) // 30
    late, too_late = (
        format_hotp_value(hotp_value(demo.DEMO_TOTP_SECRET, step - n)) for n in (1, 2)
    )
    assert not totp.validate_code(too_late)
    assert totp.validate_code(late)  # typed slowly, or a phone clock a little off
    assert not totp.validate_code(late)  # but never twice
