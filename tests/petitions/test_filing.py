"""Filing step by step over HTTP, as the three kinds of filer do it (no browser)."""

import re

import pytest
from django.contrib.sessions.models import Session
from django.core import mail
from django.urls import reverse

from accounts.choices import Role
from accounts.services import user_assign_role
from core import sms
from petitions.choices import Source, Status
from petitions.models import Petition
from tests.factories import UserFactory
from tests.i18n import vi

pytestmark = pytest.mark.django_db

WHERE = reverse("petitions:file_where")
WHAT = reverse("petitions:file_what")
EVIDENCE = reverse("petitions:file_evidence")
WHO = reverse("petitions:file_who")
REVIEW = reverse("petitions:file_review")
WHAT_DATA = {
    "title": "Đèn đường ngõ 12 hỏng ba tuần",
    "description": "Ngõ 12 phố Trần Thái Tông tối om, người già đi lại rất nguy hiểm.",
    "location": "Ngõ 12, tổ dân phố 5",
}


def _through_what(client, land, cau_giay):
    response = client.get(WHERE, {"ward": cau_giay.code})
    assert response.status_code == 302 and response.url == WHAT
    response = client.post(WHAT, {**WHAT_DATA, "topic": land.pk})
    assert response.status_code == 302 and response.url == EVIDENCE
    response = client.post(EVIDENCE, {"action": "continue"})  # photos are optional
    assert response.status_code == 302 and response.url == WHO


def test_a_signed_in_citizen_files_in_four_steps(
    client, citizen, land, cau_giay, django_capture_on_commit_callbacks
):
    client.force_login(citizen)
    _through_what(client, land, cau_giay)
    response = client.post(WHO, {"contact_name": "Nguyễn Thị Lan", "show_name": "on"})
    assert response.status_code == 302 and response.url == REVIEW
    review = client.get(REVIEW).content.decode()
    assert "Hội đồng nhân dân phường Cầu Giấy" in review

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(REVIEW)

    petition = Petition.objects.get()
    assert response.url == reverse("petitions:filed", args=[petition.tracking_code])
    assert (petition.status, petition.petitioner, petition.contact_email) == (
        Status.RECEIVED,
        citizen,
        "lan@example.vn",
    )
    assert petition.show_name
    assert len(mail.outbox) == 1
    assert petition.display_code in client.get(response.url).content.decode()


def test_sending_removes_the_draft_in_the_same_commit(client, citizen, land, cau_giay):
    client.force_login(citizen)
    _through_what(client, land, cau_giay)
    client.post(WHO, {"contact_name": "Nguyễn Thị Lan"})

    filed = client.post(REVIEW).url
    petition = Petition.objects.get()
    assert filed == reverse("petitions:filed", args=[petition.tracking_code])
    assert "petition_draft" not in client.session
    # Sending again (the first answer lost on the way) files nothing and shows the first.
    assert client.post(REVIEW).url == filed
    assert Petition.objects.count() == 1
    assert client.get(REVIEW).url == WHO  # the form itself starts over


def _send_twice_at_once(client) -> tuple:
    """Send the review step, then again with the draft the second send would have read
    had it started before the first committed (a double tap on a slow network)."""
    draft = client.session["petition_draft"]
    first = client.post(REVIEW)
    session = client.session
    session["petition_draft"] = draft
    session.save()
    return first, client.post(REVIEW)


def test_a_draft_sent_twice_at_once_is_filed_once(client, citizen, land, cau_giay):
    client.force_login(citizen)
    _through_what(client, land, cau_giay)
    client.post(WHO, {"contact_name": "Nguyễn Thị Lan"})

    first, second = _send_twice_at_once(client)

    petition = Petition.objects.get()
    assert first.url == second.url == reverse("petitions:filed", args=[petition.tracking_code])


def test_without_an_account_a_second_send_sends_no_second_code(
    client, land, cau_giay, django_capture_on_commit_callbacks
):
    _through_what(client, land, cau_giay)
    client.post(WHO, {"contact_name": "Trần Văn Ba", "contact_email": "ba@example.vn"})

    with django_capture_on_commit_callbacks(execute=True):
        first, second = _send_twice_at_once(client)

    petition = Petition.objects.get()
    assert first.url == second.url == reverse("petitions:confirm", args=[petition.tracking_code])
    assert len(mail.outbox) == 1  # one code, not two


def test_a_session_gone_meanwhile_files_nothing(client, citizen, land, cau_giay):
    client.force_login(citizen)
    _through_what(client, land, cau_giay)
    client.post(WHO, {"contact_name": "Nguyễn Thị Lan"})
    Session.objects.all().delete()  # signed out on another device (cached copy or not)

    response = client.post(REVIEW)
    assert response.status_code in (302, 400)
    assert not Petition.objects.exists()


def test_without_an_account_the_code_confirms(
    client, land, cau_giay, django_capture_on_commit_callbacks
):
    sms.outbox.clear()
    _through_what(client, land, cau_giay)
    client.post(WHO, {"contact_name": "Trần Văn Ba", "contact_phone": "0912 345 678"})
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(REVIEW)
    petition = Petition.objects.get()
    assert petition.status == Status.UNCONFIRMED
    assert petition.contact_phone == "0912345678"
    assert response.url == reverse("petitions:confirm", args=[petition.tracking_code])
    code = re.search(r"\b(\d{6})\b", sms.outbox[-1][1]).group(1)

    wrong = client.post(response.url, {"code": "000000" if code != "000000" else "111111"})
    assert wrong.status_code == 400
    assert vi("That code is not right. Check the message and try again.") in wrong.content.decode()

    right = client.post(response.url, {"code": code})
    assert right.url == reverse("petitions:filed", args=[petition.tracking_code])
    petition.refresh_from_db()
    assert petition.status == Status.RECEIVED


def test_the_confirmation_link_needs_a_button_press(
    client, land, cau_giay, django_capture_on_commit_callbacks
):
    _through_what(client, land, cau_giay)
    client.post(WHO, {"contact_name": "Trần Văn Ba", "contact_email": "ba@example.vn"})
    with django_capture_on_commit_callbacks(execute=True):
        client.post(REVIEW)
    link = re.search(r"(/kien-nghi/xac-nhan-lien-ket/[^/\s]+/)", mail.outbox[-1].body).group(1)

    assert client.get(link).status_code == 200  # a mail scanner fetching the link…
    assert Petition.objects.get().status == Status.UNCONFIRMED  # …confirms nothing
    client.post(link)
    assert Petition.objects.get().status == Status.RECEIVED


def test_an_ambassador_files_for_a_resident_with_consent(client, land, cau_giay):
    ambassador = user_assign_role(user=UserFactory(), role=Role.AMBASSADOR, wards=[cau_giay])
    client.force_login(ambassador)
    _through_what(client, land, cau_giay)
    refused = client.post(WHO, {"contact_name": "Lê Thị Hoa", "contact_phone": "0987654321"})
    assert refused.status_code == 400
    assert vi("Ask the resident for their consent first.") in refused.content.decode()

    client.post(WHO, {"contact_name": "Lê Thị Hoa", "contact_phone": "0987654321", "consent": "on"})
    client.post(REVIEW)
    petition = Petition.objects.get()
    assert (petition.status, petition.source, petition.filed_by, petition.petitioner) == (
        Status.RECEIVED,
        Source.AMBASSADOR,
        ambassador,
        None,
    )
    assert petition.consent_at is not None


def test_bad_input_rerenders_in_vietnamese_and_keeps_what_was_typed(client, land, cau_giay):
    client.get(WHERE, {"ward": cau_giay.code})
    response = client.post(WHAT, {"title": "Ngắn", "description": "Ngõ 12 tối om ba tuần nay rồi."})
    html = response.content.decode()
    assert response.status_code == 400
    assert vi("Choose the topic closest to your problem.") in html
    assert "Ngõ 12 tối om ba tuần nay rồi." in html
    assert not Petition.objects.exists()

    client.post(WHAT, {**WHAT_DATA, "topic": land.pk})
    response = client.post(WHO, {"contact_name": "Ba", "contact_phone": "12345"})
    assert vi("Enter a Vietnamese phone number, e.g. 0912 345 678.") in response.content.decode()
    response = client.post(WHO, {"contact_name": "Ba"})
    assert vi("Give an e-mail address or a phone number so we can send you the code.") in (
        response.content.decode()
    )


def test_steps_cannot_be_skipped(client):
    assert client.get(WHAT).url == WHERE
    assert client.get(EVIDENCE).url == WHAT
    assert client.get(WHO).url == WHAT
    assert client.get(REVIEW).url == WHO


def test_filing_without_an_account_is_rate_limited(client, land, cau_giay):
    for _petition in range(10):
        _through_what(client, land, cau_giay)
        client.post(WHO, {"contact_name": "Trần Văn Ba", "contact_phone": "0912345678"})
        assert client.post(REVIEW).status_code == 302
    _through_what(client, land, cau_giay)
    client.post(WHO, {"contact_name": "Trần Văn Ba", "contact_phone": "0912345678"})
    response = client.post(REVIEW)
    assert response.status_code == 429
    assert Petition.objects.count() == 10


def test_a_new_code_can_be_asked_for_once_a_minute(
    client, land, cau_giay, django_capture_on_commit_callbacks
):
    _through_what(client, land, cau_giay)
    client.post(WHO, {"contact_name": "Trần Văn Ba", "contact_phone": "0912345678"})
    with django_capture_on_commit_callbacks(execute=True):
        confirm_url = client.post(REVIEW).url
    too_soon = client.post(confirm_url, {"action": "resend"})
    assert too_soon.status_code == 400
    assert vi("Please wait a minute before asking for a new code.") in too_soon.content.decode()
    Petition.objects.update(
        confirmation_sent_at=Petition.objects.get().confirmation_sent_at.replace(year=2020)
    )
    assert client.post(confirm_url, {"action": "resend"}).status_code == 302
