"""Reads of petitions. Staff scoping arrives with the triage queue (one place, here)."""

from datetime import datetime

from petitions import states
from petitions.choices import DeliveryStatus
from petitions.models import Notification, Petition, PetitionEvent


def petition_public_by_code(code: str) -> Petition | None:
    """A petition by its tracking code, if it may be shown: confirmed ones only. Codes are
    typed by people: case, spaces, dashes and the "KN" prefix are forgiven."""
    normalized = "".join(code.upper().split()).replace("-", "")
    normalized = normalized.removeprefix("KN")
    return (
        Petition.objects.select_related("topic", "ward__province", "council", "merged_into")
        .filter(tracking_code=normalized, status__in=states.PUBLIC)
        .first()
    )


def petition_public_events(petition: Petition) -> list[PetitionEvent]:
    return list(petition.events.filter(is_public=True).order_by("created_at", "id"))


def notifications_pending(*, older_than: datetime) -> list[int]:
    return list(
        Notification.objects.filter(status=DeliveryStatus.PENDING, created_at__lt=older_than)
        .order_by("created_at")
        .values_list("id", flat=True)[:1000]
    )
