"""Checking files people upload: the content decides, never the name or the browser.

Photos are opened with Pillow under a pixel limit (decompression bombs), fully decoded,
turned upright, and re-encoded as JPEG without any metadata — so EXIF, GPS positions and
anything smuggled after the image data (polyglots) are gone. PDFs must start with the PDF
header, end with its trailer, and carry no active content (JavaScript, launch actions,
embedded files).
"""

from __future__ import annotations

import io
import re
import warnings
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError
from pillow_heif import register_heif_opener

register_heif_opener()  # iPhones save photos as HEIC

MAX_IMAGE_BYTES = 10 * 1024 * 1024
MAX_PDF_BYTES = 10 * 1024 * 1024
MAX_IMAGE_PIXELS = 40_000_000  # a 40-megapixel phone photo; bombs are far larger
MAX_EDGE = 2048  # stored photos are scaled down to this; enough to read a document
THUMBNAIL_EDGE = 320
IMAGE_FORMATS = {"JPEG", "PNG", "WEBP", "HEIF", "GIF", "BMP", "MPO"}
_ACTIVE_PDF = re.compile(rb"/(JavaScript|JS|Launch|EmbeddedFile|RichMedia)\b")


@dataclass(frozen=True)
class CheckedImage:
    content: bytes
    thumbnail: bytes
    width: int
    height: int


def _read(upload: UploadedFile, limit: int, message: str) -> bytes:
    if upload.size is not None and upload.size > limit:
        raise ValidationError(message, code="too_large")
    data = upload.read(limit + 1)
    if len(data) > limit:
        raise ValidationError(message, code="too_large")
    if not data:
        raise ValidationError(_("The file is empty."), code="empty")
    return data


def looks_like_pdf(head: bytes) -> bool:
    return head.startswith(b"%PDF-")


def check_image(upload: UploadedFile) -> CheckedImage:
    data = _read(upload, MAX_IMAGE_BYTES, _("A photo may be at most 10 MB."))
    unreadable = ValidationError(
        _("This file is not a photo we can read. Send a JPEG or PNG picture."), code="not_an_image"
    )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as probe:
                if probe.format not in IMAGE_FORMATS:
                    raise unreadable
                if probe.width * probe.height > MAX_IMAGE_PIXELS:
                    raise ValidationError(
                        _("This picture has too many pixels. Send a smaller photo."),
                        code="too_many_pixels",
                    )
                probe.verify()  # structure checks (truncation, bad chunks)
            with Image.open(io.BytesIO(data)) as image:
                image.load()  # decode every pixel: a corrupt file fails here
                upright = ImageOps.exif_transpose(image)
    except ValidationError:
        raise
    except (
        UnidentifiedImageError,
        OSError,
        SyntaxError,
        ValueError,
        Image.DecompressionBombError,
    ) as error:
        raise unreadable from error
    except Image.DecompressionBombWarning as error:
        raise ValidationError(
            _("This picture has too many pixels. Send a smaller photo."), code="too_many_pixels"
        ) from error

    photo = upright.convert("RGB")
    photo.thumbnail((MAX_EDGE, MAX_EDGE))
    content = io.BytesIO()
    photo.save(content, format="JPEG", quality=85, optimize=True)  # no exif= : metadata dropped
    thumb = photo.copy()
    thumb.thumbnail((THUMBNAIL_EDGE, THUMBNAIL_EDGE))
    thumbnail = io.BytesIO()
    thumb.save(thumbnail, format="JPEG", quality=80)
    return CheckedImage(content.getvalue(), thumbnail.getvalue(), photo.width, photo.height)


def check_pdf(upload: UploadedFile) -> bytes:
    data = _read(upload, MAX_PDF_BYTES, _("A PDF may be at most 10 MB."))
    if not looks_like_pdf(data[:8]) or b"%%EOF" not in data[-2048:]:
        raise ValidationError(
            _("This file is not a complete PDF document. Save it again as PDF and retry."),
            code="not_a_pdf",
        )
    if _ACTIVE_PDF.search(data):
        raise ValidationError(
            _(
                "This PDF contains scripts or embedded files, which we cannot accept. "
                "Print it to a new PDF and retry."
            ),
            code="active_pdf",
        )
    return data
