import pytest
from django.urls import reverse

from petitions.choices import RejectReason, Status
from petitions.services import petition_transition
from tests.i18n import vi

pytestmark = pytest.mark.django_db


def test_status_page_shows_where_the_petition_stands(client, file_petition):
    petition = file_petition()
    petition = petition_transition(
        petition=petition, to=Status.NEEDS_CLARIFICATION, note="Xin số hồ sơ?"
    )
    html = client.get(reverse("petitions:status", args=[petition.tracking_code])).content.decode()
    assert petition.title in html
    assert "Hội đồng nhân dân phường Cầu Giấy" in html
    assert vi("waiting for you") in html
    assert "Xin số hồ sơ?" in html
    assert vi("paused") in html


def test_status_page_never_shows_contact_details(client, file_petition):
    petition = file_petition(contact_phone="0912345678")
    html = client.get(reverse("petitions:status", args=[petition.tracking_code])).content.decode()
    for private in ("lan@example.vn", "0912345678", "Nguyễn Thị Lan"):
        assert private not in html


def test_the_name_shows_only_when_chosen(client, file_petition):
    petition = file_petition(show_name=True)
    html = client.get(reverse("petitions:status", args=[petition.tracking_code])).content.decode()
    assert "Nguyễn Thị Lan" in html


def test_codes_are_forgiving_to_type(client, file_petition):
    petition = file_petition()
    typed = petition.display_code.lower().replace("-", " - ")
    response = client.get(reverse("petitions:status", args=[typed]))
    assert response.status_code == 200


def test_unconfirmed_and_unknown_codes_are_not_found(client, unconfirmed_petition):
    url = reverse("petitions:status", args=[unconfirmed_petition.tracking_code])
    assert client.get(url).status_code == 404
    assert client.get(reverse("petitions:status", args=["ABCDEFGHJKMN"])).status_code == 404


def test_answer_and_rejection_notes_are_public(client, file_petition):
    answered = file_petition()
    answered = petition_transition(petition=answered, to=Status.ACCEPTED)
    answered = petition_transition(
        petition=answered, to=Status.ANSWERED, answer="Đã cấp giấy ngày 5/3."
    )
    html = client.get(reverse("petitions:status", args=[answered.tracking_code])).content.decode()
    assert "Đã cấp giấy ngày 5/3." in html

    rejected = petition_transition(
        petition=file_petition(),
        to=Status.REJECTED,
        reason=RejectReason.NOT_COMPETENT,
        note="Tòa án",
    )
    html = client.get(reverse("petitions:status", args=[rejected.tracking_code])).content.decode()
    assert "Tòa án" in html
