"""Opening one's petition without an account, and stopping messages."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from petitions.choices import Status
from petitions.models import Notification, Petition
from petitions.services import petition_transition
from tests.i18n import vi

pytestmark = pytest.mark.django_db
LOOKUP = reverse("petitions:lookup")


@pytest.fixture
def anonymous_petition(unconfirmed_petition):
    from petitions.services import petition_confirm

    return petition_confirm(petition=unconfirmed_petition)


@pytest.mark.parametrize(
    "contact", ["ba@example.vn", " BA@example.vn ", "0912 345 678", "0912.345.678"]
)
def test_code_and_contact_open_the_owner_page(client, anonymous_petition, contact):
    response = client.post(
        LOOKUP, {"code": anonymous_petition.display_code.lower(), "contact": contact}
    )
    assert response.status_code == 302
    page = client.get(response.url).content.decode()
    assert "Rác không được thu gom một tuần nay." in page  # the private part


def test_a_wrong_contact_reveals_nothing(client, anonymous_petition):
    response = client.post(
        LOOKUP, {"code": anonymous_petition.tracking_code, "contact": "khac@example.vn"}
    )
    assert response.status_code == 400
    assert vi(
        "We found no petition with this code and this contact. Check both and try again."
    ) in (response.content.decode())
    owner_page = reverse("petitions:mine", args=[anonymous_petition.tracking_code])
    assert client.get(owner_page).url == LOOKUP


def test_lookups_are_rate_limited(client, anonymous_petition):
    for _attempt in range(10):
        client.post(
            LOOKUP, {"code": anonymous_petition.tracking_code, "contact": "doan@example.vn"}
        )
    response = client.post(
        LOOKUP, {"code": anonymous_petition.tracking_code, "contact": "ba@example.vn"}
    )
    assert response.status_code == 429
    assert vi("Too many attempts") in response.content.decode()


def test_an_anonymous_petitioner_can_withdraw_after_lookup(client, anonymous_petition):
    client.post(LOOKUP, {"code": anonymous_petition.tracking_code, "contact": "ba@example.vn"})
    url = reverse("petitions:mine", args=[anonymous_petition.tracking_code])
    client.post(url, {"action": "withdraw_confirmed"})
    assert Petition.objects.get(pk=anonymous_petition.pk).status == Status.WITHDRAWN


def test_every_message_can_stop_further_messages(
    client, anonymous_petition, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        petition_transition(petition=anonymous_petition, to=Status.ACCEPTED)
    link = re.search(r"(/kien-nghi/huy-nhan-tin/[^/\s]+/)", mail.outbox[-1].body).group(1)

    assert client.get(link).status_code == 200
    assert Petition.objects.get(pk=anonymous_petition.pk).notify  # opening the link changes nothing
    client.post(link)
    assert not Petition.objects.get(pk=anonymous_petition.pk).notify

    Notification.objects.all().delete()
    petition_transition(petition=anonymous_petition, to=Status.IN_PROGRESS)
    assert not Notification.objects.exists()


def test_a_forged_unsubscribe_token_is_not_found(client, db):
    assert client.get(reverse("petitions:unsubscribe", args=["forged"])).status_code == 404


def test_unconfirmed_submissions_are_deleted_after_a_week(unconfirmed_petition):
    from datetime import timedelta

    from django.utils import timezone

    from petitions.services import petitions_discard_unconfirmed

    Petition.objects.filter(pk=unconfirmed_petition.pk).update(
        submitted_at=timezone.now() - timedelta(days=8)
    )
    assert petitions_discard_unconfirmed(older_than=timezone.now() - timedelta(days=7)) == 1
    assert not Petition.objects.exists()


def test_code_guesses_are_capped_per_petition(client, unconfirmed_petition):
    url = reverse("petitions:confirm", args=[unconfirmed_petition.tracking_code])
    statuses = [client.post(url, {"code": "000000"}).status_code for _ in range(16)]
    assert statuses[-1] == 429


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("KN-AB3D-EF4H-JK5M", "AB3DEF4HJK5M"),
        ("kn ab3d ef4h jk5m", "AB3DEF4HJK5M"),
        ("AB3DEF4HJK5M", "AB3DEF4HJK5M"),
        # A bare code may itself begin with "KN": only a real prefix is dropped.
        ("KNTTZMW4M3CY", "KNTTZMW4M3CY"),
        ("KN-KNTT-ZMW4-M3CY", "KNTTZMW4M3CY"),
    ],
)
def test_typed_codes_are_forgiven_but_not_mangled(typed, code):
    from petitions.selectors import normalize_code

    assert normalize_code(typed) == code
