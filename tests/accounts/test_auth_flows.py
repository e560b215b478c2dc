"""Sign-up and sign-in through allauth, as a person uses them (no browser)."""

import pytest
from django.core import mail
from django.urls import reverse

from accounts.models import User
from tests.factories import UserFactory
from tests.i18n import vi

pytestmark = pytest.mark.django_db

SIGNUP = reverse("account_signup")
LOGIN = reverse("account_login")
REQUEST_CODE = reverse("account_request_login_code")
CONFIRM_CODE = reverse("account_confirm_login_code")
CONFIRM_EMAIL = reverse("account_email_verification_sent")


def _signup(client, email="lan@example.vn", **extra):
    data = {"full_name": "Nguyễn Thị Lan", "email": email, **extra}
    return client.post(SIGNUP, data)


def test_passwordless_sign_up_confirmed_by_code(client, code_from_mail):
    response = _signup(client)
    assert response.status_code == 302
    assert response.url == CONFIRM_EMAIL
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["lan@example.vn"]

    response = client.post(CONFIRM_EMAIL, {"code": code_from_mail()})
    assert response.status_code == 302

    user = User.objects.get(email="lan@example.vn")
    assert (user.last_name, user.first_name, user.get_full_name()) == (
        "Nguyễn Thị",
        "Lan",
        "Nguyễn Thị Lan",
    )
    assert not user.has_usable_password()
    assert user.emailaddress_set.get().verified
    assert client.get(reverse("account_home")).status_code == 200


def test_the_verification_mail_is_in_vietnamese(client):
    _signup(client)
    message = mail.outbox[0]
    assert message.subject.startswith("[Cử tri số] ")
    sentence = (
        "Your email verification code is listed below. Please enter it in your open browser window."
    )
    assert vi(sentence) in message.body


def test_sign_in_by_emailed_code(client, code_from_mail):
    UserFactory(email="an@example.vn")
    response = client.post(REQUEST_CODE, {"email": "an@example.vn"})
    assert response.status_code == 302
    assert response.url == CONFIRM_CODE

    response = client.post(CONFIRM_CODE, {"code": code_from_mail()})
    assert response.status_code == 302
    assert client.get(reverse("account_home")).status_code == 200


def test_sign_in_with_password(client):
    UserFactory(email="an@example.vn")
    response = client.post(LOGIN, {"login": "an@example.vn", "password": "mat-khau-rat-dai-2026"})
    assert response.status_code == 302
    assert client.get(reverse("account_home")).status_code == 200


def test_wrong_code_is_refused_in_vietnamese(client, code_from_mail):
    UserFactory(email="an@example.vn")
    client.post(REQUEST_CODE, {"email": "an@example.vn"})
    right = code_from_mail()
    wrong = "000000" if right != "000000" else "111111"

    response = client.post(CONFIRM_CODE, {"code": wrong})

    assert response.status_code == 200
    assert vi("Incorrect code.") in response.content.decode()
    assert client.get(reverse("account_home")).status_code == 302


def test_too_many_wrong_codes_end_the_attempt(client, code_from_mail):
    UserFactory(email="an@example.vn")
    client.post(REQUEST_CODE, {"email": "an@example.vn"})
    right = code_from_mail()
    wrong = "000000" if right != "000000" else "111111"
    for _attempt in range(3):
        client.post(CONFIRM_CODE, {"code": wrong})

    # The code is spent: even the right one no longer signs in.
    response = client.post(CONFIRM_CODE, {"code": right}, follow=True)
    assert client.get(reverse("account_home")).status_code == 302
    assert response.status_code == 200


def test_duplicate_email_creates_nothing_and_tells_the_owner(client):
    UserFactory(email="an@example.vn")
    mail.outbox.clear()

    response = _signup(client, email="AN@example.vn")

    # The page does not reveal that the address is taken (no account enumeration)…
    assert response.status_code == 302
    assert User.objects.filter(email__iexact="an@example.vn").count() == 1
    # …the owner learns it by e-mail instead.
    assert len(mail.outbox) == 1
    assert [address.lower() for address in mail.outbox[0].to] == ["an@example.vn"]


def test_invalid_sign_up_rerenders_with_vietnamese_errors_and_keeps_input(client):
    response = client.post(SIGNUP, {"full_name": "Nguyễn Thị Lan", "email": "khong-phai-email"})
    html = response.content.decode()
    assert response.status_code == 200
    assert 'value="Nguyễn Thị Lan"' in html
    assert 'aria-invalid="true"' in html
    assert User.objects.count() == 0


def test_repeated_failed_passwords_are_rate_limited(client):
    UserFactory(email="an@example.vn")
    for _attempt in range(5):
        client.post(LOGIN, {"login": "an@example.vn", "password": "sai-mat-khau"})
    response = client.post(LOGIN, {"login": "an@example.vn", "password": "mat-khau-rat-dai-2026"})
    assert response.status_code in (200, 429)
    assert client.get(reverse("account_home")).status_code == 302


def test_expired_code_sends_back_with_a_vietnamese_explanation(client, code_from_mail, settings):
    UserFactory(email="an@example.vn")
    client.post(REQUEST_CODE, {"email": "an@example.vn"})
    code = code_from_mail()
    settings.ACCOUNT_LOGIN_BY_CODE_TIMEOUT = -1  # every code is already out of date

    response = client.post(CONFIRM_CODE, {"code": code}, follow=True)

    assert response.redirect_chain[-1][0] == REQUEST_CODE
    message = (
        "That code has expired or was entered wrongly too many times. Please ask for a new code."
    )
    assert vi(message) in response.content.decode()
    assert client.get(reverse("account_home")).status_code == 302


def test_too_many_code_requests_for_one_address_are_refused(db):
    from django.test import Client

    UserFactory(email="an@example.vn")
    # Each request from a fresh browser (no session), as a script hammering the form would.
    statuses = [
        Client().post(REQUEST_CODE, {"email": "an@example.vn"}).status_code for _ in range(3)
    ]
    assert statuses == [302, 302, 302]

    response = Client().post(REQUEST_CODE, {"email": "an@example.vn"})

    assert response.status_code == 200
    assert vi("Too many failed login attempts. Try again later.") in response.content.decode()
    assert len(mail.outbox) == 3


def test_rate_limited_requests_get_a_vietnamese_429_page(db, settings):
    from django.test import Client

    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "signup": "1/m/ip"}
    Client().post(SIGNUP, {"full_name": "A B", "email": "a@example.vn"})
    response = Client().post(SIGNUP, {"full_name": "C D", "email": "c@example.vn"})
    assert response.status_code == 429
    assert vi("Too many attempts") in response.content.decode()
