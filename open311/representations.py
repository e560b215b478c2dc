"""What each endpoint says, as plain dicts and lists (rendered as JSON or XML by
open311/formats.py). Only public data: a petition's status, where it stands, the council's
public note and answer, and — once staff publish it — what it is about. Never the
petitioner's name, e-mail or phone, nor internal events."""

from __future__ import annotations

from datetime import date, datetime, time
from functools import lru_cache
from zoneinfo import ZoneInfo

from django.conf import settings
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from open311 import selectors
from open311.models import SubmissionToken
from petitions import states
from petitions.choices import Status
from petitions.models import Petition, Topic

SPECIFICATION = "http://wiki.open311.org/GeoReport_v2"
CHANGESET = "2026-11-22T00:00:00+07:00"
STATUS_NOTES_LENGTH = 500


@lru_cache(maxsize=1)
def _zone() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def w3c(value: datetime | None) -> str | None:
    """Vietnam time with its offset, e.g. 2026-01-31T08:00:00+07:00."""
    if value is None:
        return None
    return value.astimezone(_zone()).isoformat(timespec="seconds")


def end_of_day(value: date | None) -> str | None:
    """A deadline is a day: the request is expected by its end."""
    if value is None:
        return None
    return datetime.combine(value, time(23, 59, 59), tzinfo=_zone()).isoformat()


def discovery(request) -> dict:
    return {
        "changeset": CHANGESET,
        "contact": _("Write to the Cử tri số team at %(email)s.")
        % {"email": settings.DEFAULT_FROM_EMAIL},
        "key_service": _("API keys for submitting are issued by the site's administrators."),
        "endpoints": [
            {
                "specification": SPECIFICATION,
                "url": settings.SITE_URL + reverse("open311:root"),
                "changeset": CHANGESET,
                "type": "production",
                "formats": ["text/xml", "application/json"],
            }
        ],
    }


def service(topic: Topic) -> dict:
    return {
        "service_code": topic.slug,
        "service_name": topic.name,
        "description": topic.description,
        "metadata": True,
        "type": "realtime",
        "keywords": "",
        "group": "",
    }


def service_definition(topic: Topic, wards) -> dict:
    return {
        "service_code": topic.slug,
        "attributes": [
            {
                "variable": True,
                "code": "ward",
                "datatype": "singlevaluelist",
                "required": True,
                "datatype_description": _("The official code of the ward or commune."),
                "order": 1,
                "description": _("Ward or commune where the problem is"),
                "values": [{"key": ward.code, "name": ward.name} for ward in wards],
            },
            {
                "variable": True,
                "code": "title",
                "datatype": "string",
                "required": False,
                "datatype_description": _(
                    "At most 200 characters; the start of the description if empty."
                ),
                "order": 2,
                "description": _("A short title"),
                "values": [],
            },
        ],
    }


def _status_notes(row: dict) -> str:
    notes = row["status_note"] or row["answer"]
    if len(notes) > STATUS_NOTES_LENGTH:
        notes = notes[: STATUS_NOTES_LENGTH - 1].rstrip() + "…"
    return notes


@lru_cache(maxsize=64)
def _status_texts(status: Status, language: str | None) -> tuple[str, str, str]:
    """(label, explanation, next step) of a state in the active language, translated once."""
    info = states.STATE_INFO[status]
    return str(status.label), str(info.explanation), str(info.next_step)


@lru_cache(maxsize=1)
def _status_page_path() -> tuple[str, str]:
    """The public status page's path around the code (reversed once, not per row)."""
    path = reverse("petitions:status", args=["CODE"])
    before, _code, after = path.partition("CODE")
    return before, after


def service_request(row: dict) -> dict:
    """One petition (a row of ``selectors.PUBLIC_FIELDS``). Its description and place are
    shown only once staff publish it (as on the public status page); until then a partner
    sees where it stands, not its text."""
    status = Status(row["status"])
    label, explanation, next_step = _status_texts(status, get_language())
    published = row["is_published"]
    before, after = _status_page_path()
    code = row["tracking_code"]
    return {
        "service_request_id": code,
        "status": "open" if status in states.OPEN else "closed",
        "status_notes": _status_notes(row),
        "service_name": row["topic__name"],
        "service_code": row["topic__slug"],
        "description": row["description"] if published else None,
        "agency_responsible": row["council__name"],
        "service_notice": next_step,
        "requested_datetime": w3c(row["submitted_at"]),
        "updated_datetime": w3c(row["updated"]),
        "expected_datetime": end_of_day(row["deadline"]) if status in states.OPEN else None,
        "address": row["location"] if published else None,
        "address_id": None,
        "zipcode": None,
        "lat": None,
        "long": None,
        "media_url": None,
        "extended_attributes": {
            "x_status": status.value,
            "x_status_label": label,
            "x_status_explanation": explanation,
            "title": row["title"],
            "jurisdiction_id": selectors.jurisdiction_code(
                row["council__level"], row["council__ward__code"], row["council__province__code"]
            ),
            "ward": row["ward__code"],
            "ward_name": row["ward__name"],
            "is_published": published,
            "url": f"{settings.SITE_URL}{before}{code}{after}",
        },
    }


def submitted(petition: Petition, token: SubmissionToken | None) -> dict:
    if token is None:
        return {
            "service_request_id": petition.tracking_code,
            "service_notice": _("Sent to %(council)s.") % {"council": petition.council.name},
            "account_id": None,
        }
    return {
        "token": token.token,
        "service_notice": _(
            "We sent the resident a one-time code; the petition goes to the council "
            "once they confirm it."
        ),
        "account_id": None,
    }


def token(value: str) -> dict | None:
    row = SubmissionToken.objects.filter(token=value).select_related("petition").first()
    if row is None:
        return None
    confirmed = row.petition.status in states.PUBLIC
    return {
        "service_request_id": row.petition.tracking_code if confirmed else None,
        "token": row.token,
    }
