"""Reads of petitions. Staff scoping arrives with the triage queue (one place, here)."""

from datetime import datetime

from django.db.models import Q

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


def petitions_of_user(user) -> list[Petition]:
    """ "My petitions": filed by the person, or by them for a resident (ambassadors)."""
    if not user.is_authenticated:
        return []
    return list(
        Petition.objects.select_related("topic", "ward", "council")
        .filter(Q(petitioner=user) | Q(filed_by=user))
        .order_by("-submitted_at")
    )


def petition_of_owner(user, code: str) -> Petition | None:
    """One of the person's own petitions, with everything they filed (not just the public
    part); None for anyone else's."""
    if not user.is_authenticated:
        return None
    return (
        Petition.objects.select_related("topic", "ward__province", "council")
        .filter(Q(petitioner=user) | Q(filed_by=user), tracking_code=code)
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
