"""Publishing, supporting a published petition, and similar petitions while filing."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from petitions.choices import Status
from petitions.models import CoSignature, Petition
from petitions.services import petition_cosign, petition_publish, petition_transition
from tests.factories import UserFactory
from tests.i18n import vi

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(file_petition, django_capture_on_commit_callbacks):
    # Run the after-commit work too: the search index, which suggests similar petitions.
    with django_capture_on_commit_callbacks(execute=True):
        return petition_publish(petition=file_petition(), actor=UserFactory())


def test_one_support_per_person_and_a_count(published):
    neighbour = UserFactory()
    assert petition_cosign(petition=published, user=neighbour)
    assert not petition_cosign(petition=published, user=neighbour)
    assert Petition.objects.get(pk=published.pk).cosigner_count == 1
    assert CoSignature.objects.count() == 1


def test_support_needs_a_verified_address_a_published_open_petition_and_someone_else(
    published, file_petition
):
    unverified = UserFactory()
    unverified.emailaddress_set.update(verified=False)
    with pytest.raises(ValidationError):
        petition_cosign(petition=published, user=unverified)
    with pytest.raises(ValidationError):
        petition_cosign(petition=file_petition(title="Chưa công khai"), user=UserFactory())
    with pytest.raises(ValidationError):
        petition_cosign(petition=published, user=published.petitioner)
    closed = petition_transition(petition=published, to=Status.WITHDRAWN)
    with pytest.raises(ValidationError):
        petition_cosign(petition=closed, user=UserFactory())


def test_status_page_of_a_published_petition_offers_support(client, published):
    url = reverse("petitions:status", args=[published.tracking_code])
    page = client.get(url).content.decode()
    assert published.description in page
    assert vi("Sign in to support this petition") in page

    client.force_login(UserFactory())
    client.post(reverse("petitions:cosign", args=[published.tracking_code]))
    page = client.get(url).content.decode()
    assert vi("You support this petition.") in page


def test_an_unpublished_petition_shows_no_description(client, file_petition):
    petition = file_petition()
    page = client.get(reverse("petitions:status", args=[petition.tracking_code])).content.decode()
    assert petition.description not in page


def test_similar_open_petitions_are_suggested_while_filing(client, published, land, cau_giay):
    client.get(reverse("petitions:file_where"), {"ward": cau_giay.code})
    client.post(
        reverse("petitions:file_what"),
        {
            "topic": land.pk,
            "title": "Chậm cấp giấy chứng nhận đất",
            "description": "Hồ sơ nộp từ lâu chưa có kết quả.",
        },
    )
    page = client.get(reverse("petitions:file_evidence")).content.decode()
    assert vi("Has someone already raised this?") in page
    assert published.title in page
