"""The content decides: photos are decoded and re-encoded clean, PDFs checked."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from core import uploads
from tests.uploads import MINIMAL_PDF, jpeg_with_gps, pdf, png


def test_photos_are_turned_upright_and_lose_every_bit_of_metadata():
    checked = uploads.check_image(jpeg_with_gps(width=400, height=200, orientation=6))
    stored = Image.open(io.BytesIO(checked.content))
    assert stored.format == "JPEG"
    assert (stored.width, stored.height) == (200, 400)  # rotated upright
    assert not stored.getexif()  # no orientation, no maker, no GPS
    assert b"Exif" not in checked.content
    thumbnail = Image.open(io.BytesIO(checked.thumbnail))
    assert max(thumbnail.size) <= uploads.THUMBNAIL_EDGE


def test_png_is_accepted_and_stored_as_jpeg():
    checked = uploads.check_image(png())
    assert Image.open(io.BytesIO(checked.content)).format == "JPEG"


@pytest.mark.parametrize(
    "content",
    [
        b"not an image at all",
        b"\xff\xd8\xff\xe0" + b"\x00" * 50,  # a JPEG header and nothing behind it
        b"",
    ],
)
def test_corrupt_or_empty_files_are_refused(content):
    with pytest.raises(ValidationError):
        uploads.check_image(SimpleUploadedFile("anh.jpg", content, content_type="image/jpeg"))


def test_truncated_jpeg_is_refused():
    whole = jpeg_with_gps().read()
    with pytest.raises(ValidationError):
        uploads.check_image(SimpleUploadedFile("anh.jpg", whole[: len(whole) // 2]))


def test_decompression_bomb_is_refused_before_decoding():
    buffer = io.BytesIO()
    Image.new("1", (10_000, 10_000)).save(buffer, format="PNG")  # 100 MP, a few KB on disk
    with pytest.raises(ValidationError) as refused:
        uploads.check_image(SimpleUploadedFile("bom.png", buffer.getvalue()))
    assert refused.value.code == "too_many_pixels"


def test_oversized_files_are_refused():
    with pytest.raises(ValidationError) as refused:
        uploads.check_image(SimpleUploadedFile("to.jpg", b"\xff" * (uploads.MAX_IMAGE_BYTES + 1)))
    assert refused.value.code == "too_large"


def test_a_polyglot_photo_is_stored_without_its_payload():
    photo = jpeg_with_gps().read()
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as payload:
        payload.writestr("evil.html", "<script>alert(1)</script>")
    checked = uploads.check_image(SimpleUploadedFile("anh.jpg", photo + archive.getvalue()))
    assert b"evil.html" not in checked.content
    assert b"<script>" not in checked.content


def test_pdf_is_checked_by_content():
    assert uploads.check_pdf(pdf()) == MINIMAL_PDF
    with pytest.raises(ValidationError):  # a photo named .pdf
        uploads.check_pdf(SimpleUploadedFile("giay.pdf", jpeg_with_gps().read()))
    with pytest.raises(ValidationError):  # cut short: no trailer
        uploads.check_pdf(pdf(MINIMAL_PDF[:60]))
    with pytest.raises(ValidationError):  # the PDF header hidden after other content
        uploads.check_pdf(pdf(b"<html><script>x</script></html>" + MINIMAL_PDF))


@pytest.mark.parametrize("action", [b"/JavaScript", b"/JS", b"/Launch", b"/EmbeddedFile"])
def test_pdf_with_active_content_is_refused(action):
    sneaky = MINIMAL_PDF.replace(
        b"/Type/Catalog", b"/Type/Catalog/OpenAction<<" + action + b"(x)>>"
    )
    with pytest.raises(ValidationError) as refused:
        uploads.check_pdf(pdf(sneaky))
    assert refused.value.code == "active_pdf"


def test_heic_photos_from_iphones_are_accepted():
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), (10, 20, 200)).save(buffer, format="HEIF")
    checked = uploads.check_image(SimpleUploadedFile("IMG_0001.HEIC", buffer.getvalue()))
    assert (checked.width, checked.height) == (64, 48)
