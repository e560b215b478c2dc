"""Evidence while filing: checked on arrival, private, claimed by the petition."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from PIL import Image

from petitions import services
from petitions.choices import AttachmentKind
from petitions.models import Attachment, Petition
from tests.factories import UserFactory
from tests.uploads import jpeg_with_gps, pdf, png

pytestmark = pytest.mark.django_db
EVIDENCE = reverse("petitions:file_evidence")


def test_at_most_five_photos_and_three_pdfs():
    for index in range(services.MAX_IMAGES):
        services.attachment_add(upload=png(name=f"{index}.png"), draft_key="k")
    with pytest.raises(ValidationError) as refused:
        services.attachment_add(upload=png(), draft_key="k")
    assert refused.value.code == "too_many_files"
    for index in range(services.MAX_PDFS):
        services.attachment_add(upload=pdf(name=f"{index}.pdf"), draft_key="k")
    with pytest.raises(ValidationError):
        services.attachment_add(upload=pdf(), draft_key="k")
    assert Attachment.objects.count() == 8


def test_a_refused_file_leaves_nothing_behind():
    with pytest.raises(ValidationError):
        services.attachment_add(upload=pdf(b"%PDF-1.4 broken"), draft_key="k")
    assert not Attachment.objects.exists()


def _start(client, cau_giay, land):
    client.get(reverse("petitions:file_where"), {"ward": cau_giay.code})
    client.post(
        reverse("petitions:file_what"),
        {
            "topic": land.pk,
            "title": "Đường ngõ 5 sụt lún",
            "description": "Mặt đường sụt sâu 30 cm sau mưa.",
        },
    )


def test_uploading_while_filing_and_submitting_claims_the_files(client, citizen, cau_giay, land):
    client.force_login(citizen)
    _start(client, cau_giay, land)
    response = client.post(EVIDENCE, {"action": "upload", "files": [jpeg_with_gps(), pdf()]})
    assert response.status_code == 302
    page = client.get(EVIDENCE).content.decode()
    assert "anh.jpg" in page and "giay-to.pdf" in page

    client.post(EVIDENCE, {"action": "continue"})
    client.post(reverse("petitions:file_who"), {"contact_name": "Nguyễn Thị Lan"})
    client.post(reverse("petitions:file_review"))

    petition = Petition.objects.get()
    assert sorted(petition.attachments.values_list("kind", flat=True)) == [
        AttachmentKind.IMAGE,
        AttachmentKind.PDF,
    ]
    photo = petition.attachments.get(kind=AttachmentKind.IMAGE)
    stored = client.get(reverse("petitions:attachment", args=[photo.pk]))
    assert stored.status_code == 200
    assert stored["Content-Type"] == "image/jpeg"
    assert not Image.open(io.BytesIO(b"".join(stored.streaming_content))).getexif()


def test_one_bad_file_is_named_and_the_good_ones_kept(client, cau_giay, land):
    _start(client, cau_giay, land)
    bad = pdf(b"<html>not a pdf</html>", name="hop-dong.pdf")
    response = client.post(EVIDENCE, {"action": "upload", "files": [png(), bad]})
    assert response.status_code == 400
    assert "hop-dong.pdf" in response.content.decode()
    assert Attachment.objects.count() == 1


def test_attachments_are_private(client, citizen, file_petition):
    petition = file_petition()
    attachment = services.attachment_add(upload=png(), petition=petition)
    url = reverse("petitions:attachment", args=[attachment.pk])

    assert client.get(url).status_code == 404  # anonymous
    client.force_login(UserFactory())
    assert client.get(url).status_code == 404  # someone else
    client.force_login(citizen)
    assert client.get(url).status_code == 200  # the petitioner

    Attachment.objects.filter(pk=attachment.pk).update(is_public=True)
    client.logout()
    assert client.get(url).status_code == 200  # published by staff


def test_a_pdf_downloads_and_never_renders_inline(client, citizen, file_petition):
    attachment = services.attachment_add(upload=pdf(), petition=file_petition())
    client.force_login(citizen)
    response = client.get(reverse("petitions:attachment", args=[attachment.pk]))
    assert response["Content-Disposition"].startswith("attachment")
    assert "sandbox" in response["Content-Security-Policy"]


def test_abandoned_draft_files_are_discarded(db):
    from datetime import timedelta

    from django.utils import timezone

    services.attachment_add(upload=png(), draft_key="old")
    Attachment.objects.update(created_at=timezone.now() - timedelta(days=2))
    assert (
        services.attachments_discard_abandoned(older_than=timezone.now() - timedelta(days=1)) == 1
    )
    assert not Attachment.objects.exists()
