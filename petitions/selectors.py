"""Reads of petitions. Staff scoping arrives with the triage queue (one place, here)."""

from datetime import datetime

from django.db.models import Q

from core.text import search_terms
from petitions import states
from petitions.choices import DeliveryStatus, Status
from petitions.models import Attachment, Notification, Petition, PetitionEvent


def normalize_code(code: str) -> str:
    """Codes are typed by people: case, spaces, dashes and the "KN" prefix are forgiven."""
    return "".join(code.upper().split()).replace("-", "").removeprefix("KN")


def petition_public_by_code(code: str) -> Petition | None:
    """A petition by its tracking code, if it may be shown: confirmed ones only."""
    normalized = normalize_code(code)
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


def petition_of_owner(user, code: str, *, granted_codes=()) -> Petition | None:
    """One of the person's own petitions, with everything they filed (not just the public
    part): theirs by account, or opened in this browser with its code and contact
    (``granted_codes``). None for anyone else's."""
    owner = Q(tracking_code__in=list(granted_codes))
    if user.is_authenticated:
        owner |= Q(petitioner=user) | Q(filed_by=user)
    return (
        Petition.objects.select_related("topic", "ward__province", "council")
        .filter(owner, tracking_code=code)
        .exclude(status=Status.UNCONFIRMED)
        .first()
    )


def petition_by_code_and_contact(code: str, contact: str) -> Petition | None:
    """The lookup without an account: the tracking code and the e-mail or phone given when
    filing must both match."""
    petition = petition_public_by_code(code)
    if petition is None:
        return None
    typed = "".join(contact.split()).lower()
    phone = typed.replace(".", "").replace("-", "")
    if typed and typed in (
        petition.contact_email.lower(),
        petition.petitioner.email.lower() if petition.petitioner_id else "",
    ):
        return petition
    if phone and phone == petition.contact_phone:
        return petition
    return None


def petition_public_events(petition: Petition) -> list[PetitionEvent]:
    return list(petition.events.filter(is_public=True).order_by("created_at", "id"))


def notifications_of_event(event_id: int) -> list[int]:
    return list(
        Notification.objects.filter(event_id=event_id, status=DeliveryStatus.PENDING).values_list(
            "id", flat=True
        )
    )


def notifications_pending(*, older_than: datetime) -> list[int]:
    return list(
        Notification.objects.filter(status=DeliveryStatus.PENDING, created_at__lt=older_than)
        .order_by("created_at")
        .values_list("id", flat=True)[:1000]
    )


def draft_attachments(draft_key: str) -> list[Attachment]:
    if not draft_key:
        return []
    return list(Attachment.objects.filter(draft_key=draft_key, petition__isnull=True))


def draft_attachment(draft_key: str, pk: str) -> Attachment | None:
    if not (draft_key and pk.isdigit()):
        return None
    return Attachment.objects.filter(draft_key=draft_key, petition__isnull=True, pk=pk).first()


def attachment_for_viewer(
    pk: int, *, user, draft_key: str = "", granted_codes=()
) -> Attachment | None:
    """An attachment if this viewer may see it: their own draft's, their own petition's
    (by account or opened with code and contact), or one staff published."""
    allowed = Q(is_public=True, petition__status__in=states.PUBLIC)
    if draft_key:
        allowed |= Q(draft_key=draft_key, petition__isnull=True)
    owner = Q(petition__tracking_code__in=list(granted_codes))
    if user.is_authenticated:
        owner |= Q(petition__petitioner=user) | Q(petition__filed_by=user)
    allowed |= owner & Q(petition__isnull=False)
    return Attachment.objects.filter(allowed, pk=pk).first()


def similar_petitions(*, ward, topic, title: str = "", limit: int = 5) -> list[Petition]:
    """Published, still-open petitions on the same topic in the same ward, those sharing
    most words with ``title`` first: "has someone already raised this?" (a database match
    until the search service takes over)."""
    candidates = list(
        Petition.objects.select_related("topic", "ward")
        .filter(ward=ward, topic=topic, is_published=True, status__in=states.OPEN)
        .order_by("-cosigner_count", "-submitted_at")[:50]
    )
    words = set(search_terms(title))

    def overlap(petition: Petition) -> int:
        return len(words & set(search_terms(petition.title)))

    return sorted(candidates, key=overlap, reverse=True)[:limit]


def has_cosigned(petition: Petition, user) -> bool:
    return user.is_authenticated and petition.cosignatures.filter(user=user).exists()
