"""The petitioner's own page: rating the answer, disputing it, withdrawing."""

from datetime import timedelta

import pytest
from django.urls import reverse

from petitions import services
from petitions.choices import Satisfaction, Status
from petitions.models import Petition
from petitions.services import (
    petition_rate,
    petition_transition,
    petitions_close_after_dispute_period,
)
from tests.factories import UserFactory
from tests.i18n import vi

pytestmark = pytest.mark.django_db


@pytest.fixture
def answered(file_petition):
    petition = petition_transition(petition=file_petition(), to=Status.ACCEPTED)
    return petition_transition(
        petition=petition, to=Status.ANSWERED, answer="Đã cấp giấy ngày 5/3."
    )


def test_satisfied_closes(answered):
    petition = petition_rate(petition=answered, rating=Satisfaction.SATISFIED)
    assert (petition.status, petition.satisfaction) == (Status.CLOSED, Satisfaction.SATISFIED)


def test_not_satisfied_in_time_reopens_and_needs_a_reason(answered):
    with pytest.raises(Exception):  # noqa: B017 - ValidationError: a reason is required
        petition_rate(petition=answered, rating=Satisfaction.NOT_SATISFIED)
    petition = petition_rate(
        petition=answered, rating=Satisfaction.NOT_SATISFIED, comment="Chưa nhận được giấy"
    )
    assert petition.status == Status.REOPENED


def test_not_satisfied_too_late_is_recorded_and_closes(answered, monkeypatch):
    later = answered.dispute_until + timedelta(days=1)
    monkeypatch.setattr(services, "_today", lambda: later)
    petition = petition_rate(
        petition=answered, rating=Satisfaction.NOT_SATISFIED, comment="Vẫn chưa xong"
    )
    assert (petition.status, petition.satisfaction) == (Status.CLOSED, Satisfaction.NOT_SATISFIED)


def test_unrated_answers_close_after_the_dispute_period(answered, monkeypatch):
    monkeypatch.setattr(services, "_today", lambda: answered.dispute_until + timedelta(days=1))
    assert petitions_close_after_dispute_period() == 1
    assert Petition.objects.get(pk=answered.pk).status == Status.CLOSED


def test_owner_rates_on_their_page(client, citizen, answered):
    client.force_login(citizen)
    url = reverse("petitions:mine", args=[answered.tracking_code])
    page = client.get(url).content.decode()
    assert "Đã cấp giấy ngày 5/3." in page
    response = client.post(url, {"action": "rate", "rating": "not_satisfied"})
    assert response.status_code == 400
    assert (
        vi("Tell the council what is still wrong, so it can look again.")
        in response.content.decode()
    )
    client.post(url, {"action": "rate", "rating": "partly", "comment": "Chậm"})
    assert Petition.objects.get(pk=answered.pk).status == Status.CLOSED


def test_withdrawing_takes_two_presses(client, citizen, file_petition):
    petition = file_petition()
    client.force_login(citizen)
    url = reverse("petitions:mine", args=[petition.tracking_code])
    first = client.post(url, {"action": "withdraw"})
    assert first.status_code == 200
    assert Petition.objects.get(pk=petition.pk).status == Status.RECEIVED
    client.post(url, {"action": "withdraw_confirmed"})
    assert Petition.objects.get(pk=petition.pk).status == Status.WITHDRAWN


def test_nobody_else_sees_the_owner_page(client, file_petition):
    petition = file_petition()
    client.force_login(UserFactory())
    assert client.get(reverse("petitions:mine", args=[petition.tracking_code])).status_code == 404
    client.logout()
    assert client.get(reverse("petitions:mine", args=[petition.tracking_code])).status_code == 302


def test_my_petitions_lists_own_and_filed_for_residents(client, citizen, file_petition):
    mine = file_petition()
    file_petition(petitioner=UserFactory(), contact_email="x@example.vn", title="Của người khác")
    client.force_login(citizen)
    html = client.get(reverse("petitions:my_petitions")).content.decode()
    assert mine.title in html
    assert "Của người khác" not in html
