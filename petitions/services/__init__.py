"""Writes of petitions: submission, confirmation, routing and every change of status.

``petition_transition`` is the one writer of ``Petition.status``: it checks the table in
petitions/states.py, locks the row, keeps the deadline clock (paused while the petition
waits for the citizen or for another council), stamps the time and writes the timeline
event. Every function here is atomic.
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from enum import Enum
from functools import partial

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext as _

from accounts.models import User
from core import uploads
from core.batching import Batch
from core.cache import versioned
from core.calendar import WorkingCalendar
from core.choices import CouncilLevel
from core.db import insert_rows
from core.models import Council, Ward
from core.sms import send_sms
from petitions import selectors, states
from petitions.choices import (
    AttachmentKind,
    Channel,
    DeliveryStatus,
    EventKind,
    RejectReason,
    Satisfaction,
    Source,
    Status,
)
from petitions.models import (
    TRACKING_LENGTH,
    Attachment,
    CompetenceRule,
    CoSignature,
    Notification,
    Petition,
    PetitionEvent,
    Topic,
)

logger = logging.getLogger(__name__)

# No characters people confuse when reading or typing (0/O, 1/I/L, U/V dropped):
# 29 symbols × 12 characters ≈ 58 bits, shown as KN-XXXX-XXXX-XXXX.
TRACKING_ALPHABET = "23456789ABCDEFGHJKMNPQRSTWXYZ"
# Calendar days after an answer during which the petitioner may dispute it.
DISPUTE_DAYS = 30


def new_tracking_code() -> str:
    return "".join(secrets.choice(TRACKING_ALPHABET) for _ in range(TRACKING_LENGTH))


def _today():
    return timezone.localdate()


@dataclass(frozen=True)
class Routing:
    council: Council
    rule: CompetenceRule
    answer_working_days: int


def petition_route(*, ward: Ward, topic: Topic) -> Routing:
    """The competent council for a topic in a ward: the province's own rule if it has
    one, else the national default; ward level → the ward's council, province level →
    the province's council. Cached until a rule, a topic or a council changes."""
    routing = versioned("routing", f"{ward.pk}:{topic.pk}", partial(_compute_route, ward, topic))
    if routing is None:
        raise ValidationError(
            _("No council is set up to receive petitions about “%(topic)s” yet."),
            params={"topic": topic},
        )
    return routing


@dataclass(frozen=True)
class FilingChoice:
    """A draft's ward and (active) topic, and where a petition about it goes (None:
    no council is competent yet)."""

    ward: Ward
    topic: Topic
    routing: Routing | None


def filing_choice(*, ward_code: str, topic_id: int | str) -> FilingChoice | None:
    """The ward and active topic a filing draft names, with their routing; None when
    either is gone. The last step of the form reads it on every submission: one cache
    read instead of three queries, until a ward, topic, council or rule changes."""
    return versioned(
        "routing",
        f"filing:{ward_code}:{topic_id}",
        partial(_compute_filing_choice, ward_code, topic_id),
    )


def _compute_filing_choice(ward_code: str, topic_id: int | str) -> FilingChoice | None:
    ward = Ward.objects.select_related("province").filter(code=ward_code).first()
    topic = Topic.objects.filter(pk=topic_id, is_active=True).first()
    if ward is None or topic is None:
        return None
    return FilingChoice(ward=ward, topic=topic, routing=_compute_route(ward, topic))


def _compute_route(ward: Ward, topic: Topic) -> Routing | None:
    rules = CompetenceRule.objects.filter(
        Q(province=ward.province_id) | Q(province__isnull=True), topic=topic
    )
    rule = min(rules, key=lambda r: r.province_id is None, default=None)
    if rule is None:
        return None
    if rule.council_level == CouncilLevel.WARD:
        council = Council.objects.get(ward=ward)
    else:
        council = Council.objects.get(province_id=ward.province_id, level=CouncilLevel.PROVINCE)
    return Routing(council=council, rule=rule, answer_working_days=rule.answer_working_days)


def _event(
    petition: Petition,
    kind: EventKind,
    *,
    actor=None,
    from_status="",
    to_status="",
    note="",
    is_public=True,
    **data,
) -> PetitionEvent:
    return PetitionEvent.objects.create(
        petition=petition,
        kind=kind,
        actor=actor,
        from_status=from_status,
        to_status=to_status,
        note=note,
        is_public=is_public,
        data=data,
    )


def petition_submit(
    *,
    ward: Ward,
    topic: Topic,
    title: str,
    description: str,
    contact_name: str,
    contact_email: str = "",
    contact_phone: str = "",
    location: str = "",
    show_name: bool = False,
    petitioner: User | None = None,
    filed_by: User | None = None,
    resident_consent: bool = False,
    source: Source = Source.ONLINE,
    draft_key: str = "",
    tracking_code: str = "",
    routing: Routing | None = None,
    on_filed: Callable[[Petition], object] | None = None,
) -> Petition:
    """Create a petition. It goes straight to the council when the contact is known to be
    real (a signed-in citizen, or an ambassador who recorded the resident's consent);
    otherwise it waits, unconfirmed, for the one-time code or link.

    The filing path is the busiest write of the site: the petition is inserted already
    routed, its events in one insert, in one transaction (no savepoint unless the caller
    has a transaction of its own), and after commit one task message carries the rest
    (notifications, search). ``routing``: when the caller already looked it up.
    ``on_filed(petition)`` runs inside the transaction, so that what it writes (the web
    form's session without its draft) commits with the petition, or not at all.

    ``tracking_code``: the code drawn with the web form's draft. A second send of the same
    draft (a double tap, a retry on a slow network, started before the first committed)
    then meets the first petition's code and raises ``AlreadyFiled`` instead of filing
    the petition twice."""
    if not topic.is_active:
        raise ValidationError(_("This topic is no longer offered. Please choose another."))
    if not (contact_email or contact_phone or petitioner):
        raise ValidationError(
            _("Please give an e-mail address or a phone number so we can reach you.")
        )
    if filed_by is not None:
        if not resident_consent:
            raise ValidationError(_("Record the resident's consent before filing on their behalf."))
        source = Source.AMBASSADOR
    if routing is None:  # refuse early if nobody is competent
        routing = petition_route(ward=ward, topic=topic)
    fields = {
        "ward": ward,
        "topic": topic,
        "title": title.strip(),
        "description": description.strip(),
        "location": location.strip(),
        "contact_name": contact_name.strip(),
        "contact_email": contact_email.strip().lower(),
        "contact_phone": contact_phone.strip(),
        "show_name": show_name,
        "petitioner": petitioner,
        "filed_by": filed_by,
        "source": source,
    }
    for _attempt in range(5):
        code = tracking_code or new_tracking_code()
        try:
            with transaction.atomic():
                petition = _submit(
                    tracking_code=code,
                    routing=routing,
                    draft_key=draft_key,
                    actor=petitioner or filed_by,
                    **fields,
                )
                if on_filed is not None:
                    on_filed(petition)
                return petition
        except IntegrityError as error:
            if "tracking_code" not in str(error):
                raise
            first = selectors.petition_by_code(code)
            if tracking_code and first is not None and _same_submission(first, fields):
                raise AlreadyFiled(first) from None
            tracking_code = ""  # a code drawn elsewhere collided (≈ 1 in 10^17): again
    raise RuntimeError("Could not draw a unique tracking code.")  # pragma: no cover


class AlreadyFiled(Exception):
    """The draft was sent before: ``petition`` is what the first send filed."""

    def __init__(self, petition: Petition):
        super().__init__(petition.tracking_code)
        self.petition = petition


def _same_submission(petition: Petition, fields: dict) -> bool:
    """Whether the petition holding a draft's code came from the same draft: same account
    (or none), same contact, same title. Anything else is a chance collision of codes."""
    same_people = (petition.petitioner_id, petition.filed_by_id) == tuple(
        person.pk if person else None for person in (fields["petitioner"], fields["filed_by"])
    )
    return same_people and all(
        getattr(petition, name) == fields[name]
        for name in ("title", "contact_email", "contact_phone")
    )


def _submit(*, routing: Routing, draft_key: str, actor: User | None, **fields) -> Petition:
    now = timezone.now()
    petition = Petition(
        status=Status.UNCONFIRMED,
        status_changed_at=now,
        submitted_at=now,
        consent_at=now if fields["filed_by"] is not None else None,
        **fields,
    )
    if actor is not None:
        # The contact is known: the petition is born routed and received.
        events = _route_and_receive(petition, routing, actor)
    else:
        events = [
            PetitionEvent(
                petition=petition,
                kind=EventKind.SUBMITTED,
                to_status=Status.UNCONFIRMED,
                is_public=False,
            )
        ]
    # Inserted without ``save()`` so that no post_save re-indexing is queued: the relay
    # item queued below indexes the petition and sends its notifications.
    insert_rows([petition])
    insert_rows(events)
    if draft_key:  # the evidence uploaded while filing now belongs to the petition
        Attachment.objects.filter(draft_key=draft_key, petition__isnull=True).update(
            petition=petition, draft_key=""
        )
    owed = _write_outbox([event for event in events if event.kind == EventKind.STATUS])
    transaction.on_commit(partial(_enqueue_filed, petition.pk, owed))
    return petition


def _route_and_receive(
    petition: Petition, routing: Routing, actor: User | None
) -> list[PetitionEvent]:
    """Give an unconfirmed petition its council and receive it there: the fields are set,
    the two events (routed, received) returned unsaved."""
    petition.council = routing.council
    petition.routing_rule = routing.rule
    petition.answer_working_days = routing.answer_working_days
    petition.received_at = timezone.now()
    routed = PetitionEvent(
        petition=petition,
        kind=EventKind.ROUTED,
        note=routing.council.name,
        data={
            "rule": routing.rule.pk,
            "council": routing.council.pk,
            "council_level": routing.rule.council_level,
            "province_rule": routing.rule.province_id is not None,
        },
    )
    return [routed, _apply_transition(petition, Status.RECEIVED, actor=actor)]


def petition_confirm(
    *,
    petition: Petition,
    routing: Routing | None = None,
    actor: User | None = None,
    locked: bool = False,
) -> Petition:
    """The contact is confirmed: route the petition and start its clock.

    ``locked``: the caller's transaction already holds the row (no savepoint of our own)."""
    if locked:
        return _confirm(petition, routing, actor)
    with transaction.atomic():
        return _confirm(Petition.objects.select_for_update().get(pk=petition.pk), routing, actor)


def _confirm(petition: Petition, routing: Routing | None, actor: User | None) -> Petition:
    if petition.status != Status.UNCONFIRMED:
        return petition  # confirming twice (a double click, a retried link) changes nothing
    routing = routing or petition_route(ward=petition.ward, topic=petition.topic)
    events = _route_and_receive(petition, routing, actor)
    petition.save()
    insert_rows(events)
    _queue_notifications_many([event for event in events if event.kind == EventKind.STATUS])
    return petition


def _pause_clock(petition: Petition, today) -> None:
    if petition.clock_started_on is not None:
        used = WorkingCalendar(petition.clock_started_on).working_days_between(
            petition.clock_started_on, today
        )
        petition.working_days_used = min(
            petition.answer_working_days, petition.working_days_used + used
        )
    petition.clock_started_on = None


def _working_days_so_far(petition: Petition, today) -> int:
    """Working days the council has held the petition (the paused time not counted)."""
    running = 0
    if petition.clock_started_on is not None:
        running = WorkingCalendar(petition.clock_started_on).working_days_between(
            petition.clock_started_on, today
        )
    return petition.working_days_used + running


def _start_clock(petition: Petition, today) -> None:
    petition.clock_started_on = today
    remaining = max(petition.answer_working_days - petition.working_days_used, 0)
    petition.deadline = WorkingCalendar(today).add_working_days(today, remaining)


def petition_transition(
    *,
    petition: Petition,
    to: Status,
    locked: bool = False,
    **changes,
) -> Petition:
    """Move a petition to another state, if the state machine allows it.

    Checks the preconditions a state carries (a reason to reject, where to go instead when
    the council is not competent, the answer text, the petition merged into, the council a
    transfer goes to), keeps the deadline clock, stamps the time and writes the event.
    ``changes``: actor, note, reason, answer, merged_into, transfer_to, is_public.
    ``locked``: the caller's transaction already holds the row (no savepoint of our own)."""
    if locked:
        return _transition(petition, to, **changes)
    with transaction.atomic():
        return _transition(Petition.objects.select_for_update().get(pk=petition.pk), to, **changes)


def _transition(petition: Petition, to: Status, **changes) -> Petition:
    """Apply a transition to a locked petition, save it, write its event, notify."""
    event = _apply_transition(petition, to, **changes)
    petition.save()
    event.save()
    _queue_notifications(event)
    return petition


# Every field ``_apply_transition`` may change (the bulk path updates exactly these).
TRANSITION_FIELDS = [
    "status",
    "status_changed_at",
    "version",
    "reject_reason",
    "status_note",
    "merged_into",
    "answer",
    "answered_at",
    "working_days_to_answer",
    "dispute_until",
    "transfer_to",
    "transfer_return_status",
    "council",
    "working_days_used",
    "clock_started_on",
    "deadline",
    "updated_at",
]


def _apply_transition(
    petition: Petition,
    to: Status,
    *,
    actor: User | None = None,
    note: str = "",
    reason: RejectReason | str = "",
    answer: str = "",
    merged_into: Petition | None = None,
    transfer_to: Council | None = None,
    is_public: bool = True,
) -> PetitionEvent:
    to = Status(to)
    source = Status(petition.status)
    if not states.can_transition(source, to):
        raise ValidationError(
            _("A petition that is “%(source)s” cannot become “%(target)s”."),
            params={"source": source.label, "target": to.label},
            code="invalid_transition",
        )
    today = _today()
    now = timezone.now()

    if to == Status.REJECTED:
        if not reason:
            raise ValidationError(_("Choose the reason the petition is not accepted."))
        if reason == RejectReason.NOT_COMPETENT and not note.strip():
            raise ValidationError(_("Say which body the citizen should turn to instead."))
        petition.reject_reason = reason
    if to == Status.MERGED:
        if merged_into is None or merged_into.pk == petition.pk:
            raise ValidationError(_("Choose the petition this one duplicates."))
        if merged_into.status not in states.OPEN | {Status.ANSWERED, Status.CLOSED}:
            raise ValidationError(
                _("A petition can only be merged into one that is still followed.")
            )
        petition.merged_into = merged_into
    if to == Status.ANSWERED:
        if not answer.strip():
            raise ValidationError(_("Write the answer before sending it."))
        petition.answer = answer.strip()
        petition.answered_at = now
        petition.working_days_to_answer = _working_days_so_far(petition, today)
        petition.dispute_until = today + timedelta(days=DISPUTE_DAYS)
    if to == Status.TRANSFER_REQUESTED:
        if transfer_to is None or transfer_to.pk == petition.council_id:
            raise ValidationError(_("Choose the council the petition should go to."))
        petition.transfer_to = transfer_to
        petition.transfer_return_status = source
    if source == Status.TRANSFER_REQUESTED:
        _finish_transfer(petition, to)

    # The clock: paused while someone other than the council holds the petition.
    if to in states.CLOCK_PAUSED:
        if source not in states.CLOCK_PAUSED:
            _pause_clock(petition, today)
    elif to == Status.REOPENED:
        petition.working_days_used = 0  # a disputed answer gets a full new period
        _start_clock(petition, today)
    elif to in states.OPEN and (source == Status.UNCONFIRMED or source in states.CLOCK_PAUSED):
        _start_clock(petition, today)
    elif to in states.CLOSED:
        petition.clock_started_on = None

    petition.status = to
    petition.status_changed_at = now
    petition.version += 1
    if note and to in (Status.REJECTED, Status.NEEDS_CLARIFICATION, Status.MERGED):
        petition.status_note = note.strip()
    petition.updated_at = now
    return PetitionEvent(
        petition=petition,
        kind=EventKind.STATUS,
        actor=actor,
        from_status=source,
        to_status=to,
        note=note.strip(),
        is_public=is_public,
        data={
            "reason": str(reason),
            "deadline": petition.deadline.isoformat() if petition.deadline else None,
        },
    )


def _finish_transfer(petition: Petition, to: Status) -> None:
    """Leaving TRANSFER_REQUESTED: accepted (→ received by the other council, with a fresh
    clock) or declined (→ back to the state it came from)."""
    if to == Status.RECEIVED and petition.transfer_to_id:
        petition.council_id = petition.transfer_to_id
        petition.working_days_used = 0
    elif to != petition.transfer_return_status:
        raise ValidationError(_("A declined transfer goes back to the state it came from."))
    petition.transfer_to = None
    petition.transfer_return_status = ""


@transaction.atomic
def petition_transfer_accept(
    *, petition: Petition, actor: User | None = None, note: str = ""
) -> Petition:
    return petition_transition(petition=petition, to=Status.RECEIVED, actor=actor, note=note)


@transaction.atomic
def petition_transfer_decline(
    *, petition: Petition, actor: User | None = None, note: str
) -> Petition:
    if not note.strip():
        raise ValidationError(_("Say why the transfer is declined."))
    petition = Petition.objects.select_for_update().get(pk=petition.pk)
    back = Status(petition.transfer_return_status or Status.RECEIVED)
    petition.transfer_to = None  # the petition stays with its council
    return petition_transition(petition=petition, to=back, actor=actor, note=note, locked=True)


@transaction.atomic
def petition_dispute(*, petition: Petition, actor: User | None = None, note: str = "") -> Petition:
    """The petitioner disputes the answer within the dispute period: reopened for staff."""
    petition = Petition.objects.select_for_update().get(pk=petition.pk)
    if (
        petition.status != Status.ANSWERED
        or petition.dispute_until is None
        or _today() > petition.dispute_until
    ):
        raise ValidationError(_("This answer can no longer be disputed."))
    return petition_transition(
        petition=petition, to=Status.REOPENED, actor=actor, note=note, locked=True
    )


# --- The petitioner's own actions -------------------------------------------------------


@transaction.atomic
def petition_rate(
    *, petition: Petition, rating: Satisfaction | str, comment: str = "", actor: User | None = None
) -> Petition:
    """The petitioner rates the answer. Satisfied or partly satisfied closes the petition;
    not satisfied within the dispute period reopens it for staff, later only records it."""
    rating = Satisfaction(rating)
    petition = Petition.objects.select_for_update().get(pk=petition.pk)
    if petition.status != Status.ANSWERED:
        raise ValidationError(_("Only an answered petition can be rated."))
    if rating == Satisfaction.NOT_SATISFIED and not comment.strip():
        raise ValidationError(_("Tell the council what is still wrong, so it can look again."))
    petition.satisfaction = rating
    petition.satisfaction_comment = comment.strip()
    petition.rated_at = timezone.now()
    petition.save(update_fields=["satisfaction", "satisfaction_comment", "rated_at", "updated_at"])
    _event(
        petition,
        EventKind.RATED,
        actor=actor,
        note=comment.strip(),
        is_public=False,
        rating=rating.value,
    )
    in_time = petition.dispute_until is not None and _today() <= petition.dispute_until
    if rating == Satisfaction.NOT_SATISFIED and in_time:
        return petition_transition(
            petition=petition, to=Status.REOPENED, actor=actor, note=comment, locked=True
        )
    return petition_transition(petition=petition, to=Status.CLOSED, actor=actor, locked=True)


@transaction.atomic
def petition_withdraw(*, petition: Petition, actor: User | None = None, note: str = "") -> Petition:
    """The petitioner withdraws a petition that is still open."""
    petition = Petition.objects.select_for_update().get(pk=petition.pk)
    if petition.status not in states.WITHDRAWABLE:
        raise ValidationError(_("This petition can no longer be withdrawn."))
    return petition_transition(
        petition=petition, to=Status.WITHDRAWN, actor=actor, note=note, locked=True
    )


def petitions_close_after_dispute_period() -> int:
    """Close answered petitions whose dispute period has passed (a daily beat job)."""
    closed = 0
    for petition_id in Petition.objects.filter(
        status=Status.ANSWERED, dispute_until__lt=_today()
    ).values_list("id", flat=True):
        with transaction.atomic():
            petition = Petition.objects.select_for_update().get(pk=petition_id)
            if petition.status == Status.ANSWERED:
                petition_transition(petition=petition, to=Status.CLOSED, locked=True)
                closed += 1
    return closed


@transaction.atomic
def petition_mute(*, petition: Petition) -> Petition:
    """Stop messages about this petition (the unsubscribe link)."""
    Petition.objects.filter(pk=petition.pk).update(notify=False, updated_at=timezone.now())
    petition.notify = False
    return petition


_UNSUBSCRIBE_SALT = "petitions.unsubscribe"


def unsubscribe_url(petition: Petition) -> str:
    token = signing.dumps(petition.pk, salt=_UNSUBSCRIBE_SALT)
    return settings.SITE_URL + reverse("petitions:unsubscribe", args=[token])


def petition_from_unsubscribe_token(token: str) -> Petition | None:
    try:
        pk = signing.loads(token, salt=_UNSUBSCRIBE_SALT)  # no expiry: old e-mails keep working
    except signing.BadSignature:
        return None
    return Petition.objects.filter(pk=pk).first()


def petitions_recompute_deadlines() -> int:
    """Recount the deadline of every running clock on the current working-day calendar
    (after an editor added a holiday or a compensatory day). Each change is a public event
    and tells the petitioner. Returns how many deadlines moved."""
    running = Petition.objects.filter(
        status__in=states.OPEN, clock_started_on__isnull=False
    ).exclude(status__in=states.CLOCK_PAUSED)
    calendars: dict = {}
    moved = 0
    for petition_id, started, days, used, deadline in running.values_list(
        "id", "clock_started_on", "answer_working_days", "working_days_used", "deadline"
    ).iterator():
        calendar = calendars.setdefault(started, WorkingCalendar(started))
        new_deadline = calendar.add_working_days(started, max(days - used, 0))
        if new_deadline == deadline:
            continue
        with transaction.atomic():
            petition = Petition.objects.select_for_update().get(pk=petition_id)
            if petition.deadline != deadline or petition.clock_started_on != started:
                continue  # changed meanwhile; the next run sees it
            petition.deadline = new_deadline
            petition.save(update_fields=["deadline", "updated_at"])
            event = _event(
                petition,
                EventKind.DEADLINE,
                from_status=petition.status,
                to_status=petition.status,
                previous=deadline.isoformat() if deadline else None,
                deadline=new_deadline.isoformat(),
            )
            _queue_notifications(event)
        moved += 1
    return moved


# --- Publishing and support -----------------------------------------------------------


@transaction.atomic
def petition_publish(
    *, petition: Petition, actor: User | None = None, publish: bool = True
) -> Petition:
    """Staff make a petition's description readable by everyone (and let residents support
    it), or take it down again. Contact details are never published."""
    petition = Petition.objects.select_for_update().get(pk=petition.pk)
    if publish and petition.status not in states.PUBLIC:
        raise ValidationError(_("An unconfirmed petition cannot be published."))
    petition.is_published = publish
    petition.version += 1
    petition.save(update_fields=["is_published", "version", "updated_at"])
    _event(petition, EventKind.PUBLISHED, actor=actor, is_public=False, published=publish)
    return petition


@transaction.atomic
def petition_cosign(*, petition: Petition, user: User) -> bool:
    """Add a resident's support. Returns False if they had already supported it."""
    if not EmailAddress.objects.filter(user=user, verified=True).exists():
        raise ValidationError(_("Confirm your e-mail address before supporting a petition."))
    petition = Petition.objects.select_for_update().get(pk=petition.pk)
    if not petition.is_published or petition.status not in states.OPEN:
        raise ValidationError(_("This petition is not open for support."))
    if user.pk in (petition.petitioner_id, petition.filed_by_id):
        raise ValidationError(_("You filed this petition yourself."))
    _support, created = CoSignature.objects.get_or_create(petition=petition, user=user)
    if created:
        Petition.objects.filter(pk=petition.pk).update(cosigner_count=F("cosigner_count") + 1)
    return created


# --- Evidence -------------------------------------------------------------------------

MAX_IMAGES = 5
MAX_PDFS = 3


@transaction.atomic
def attachment_add(*, upload, draft_key: str = "", petition: Petition | None = None) -> Attachment:
    """Check an uploaded photo or PDF by its content and keep it, privately, for a draft
    (while filing) or a petition. Nothing is stored when the file is refused."""
    owner = (
        {"petition": petition}
        if petition is not None
        else {"draft_key": draft_key, "petition__isnull": True}
    )
    head = upload.read(8)
    upload.seek(0)
    kind = AttachmentKind.PDF if uploads.looks_like_pdf(head) else AttachmentKind.IMAGE
    existing = Attachment.objects.select_for_update().filter(**owner, kind=kind).count()
    limit = MAX_PDFS if kind == AttachmentKind.PDF else MAX_IMAGES
    if existing >= limit:
        message = (
            _("You can attach at most %(count)s PDF documents.")
            if kind == AttachmentKind.PDF
            else _("You can attach at most %(count)s photos.")
        )
        raise ValidationError(message, params={"count": limit}, code="too_many_files")

    name = (upload.name or "tep")[-120:]
    attachment = Attachment(
        petition=petition,
        draft_key="" if petition is not None else draft_key,
        kind=kind,
        original_name=name,
    )
    if kind == AttachmentKind.PDF:
        content = uploads.check_pdf(upload)
        attachment.file.save("tai-lieu.pdf", ContentFile(content), save=False)
    else:
        image = uploads.check_image(upload)
        content = image.content
        attachment.width, attachment.height = image.width, image.height
        attachment.file.save("anh.jpg", ContentFile(image.content), save=False)
        attachment.thumbnail.save("anh-nho.jpg", ContentFile(image.thumbnail), save=False)
    attachment.size = len(content)
    attachment.save()
    return attachment


@transaction.atomic
def attachment_remove(*, attachment: Attachment) -> None:
    attachment.file.delete(save=False)
    if attachment.thumbnail:
        attachment.thumbnail.delete(save=False)
    attachment.delete()


def petitions_discard_unconfirmed(*, older_than) -> int:
    """Delete submissions whose contact was never confirmed (they never reached a council),
    with their evidence: a daily beat job, so no personal data lingers."""
    count = 0
    for petition in Petition.objects.filter(status=Status.UNCONFIRMED, submitted_at__lt=older_than):
        for attachment in petition.attachments.all():
            attachment_remove(attachment=attachment)
        petition.delete()
        count += 1
    return count


def attachments_discard_abandoned(*, older_than) -> int:
    """Delete evidence of drafts never sent (a daily beat job)."""
    abandoned = Attachment.objects.filter(petition__isnull=True, created_at__lt=older_than)
    count = 0
    for attachment in abandoned:
        attachment_remove(attachment=attachment)
        count += 1
    return count


# --- Notifications (an outbox: rows written with the event, sent after commit) ---------

MAX_SEND_ATTEMPTS = 8


def petition_url(petition: Petition) -> str:
    return settings.SITE_URL + reverse("petitions:status", args=[petition.tracking_code])


def _queue_notifications(event: PetitionEvent) -> None:
    """Write the outbox rows an event owes the petitioner (one per channel) and send them
    once the transaction commits. Internal events and muted petitions send nothing. The
    text is written at send time, off the request's path (``notification_message``)."""
    _queue_notifications_many([event])


def _queue_notifications_many(events: list[PetitionEvent]) -> None:
    """The outbox rows of many events in one insert, sent after commit (a message per
    ``EVENTS_PER_TASK`` events)."""
    owed = _write_outbox(events)
    if owed:
        transaction.on_commit(partial(events_send_queue, owed))


def _write_outbox(events: list[PetitionEvent]) -> list[int]:
    """Write the outbox rows of these events in one insert; the ids of the events that
    owe something (their rows are sent after commit by the caller's task)."""
    rows, owed = [], []
    for event in events:
        petition = event.petition
        if not (event.is_public and petition.notify):
            continue
        email = petition.contact_email or (
            petition.petitioner.email if petition.petitioner_id else ""
        )
        before = len(rows)
        if email:
            rows.append(Notification(event=event, channel=Channel.EMAIL, recipient=email))
        if petition.contact_phone:
            rows.append(
                Notification(event=event, channel=Channel.SMS, recipient=petition.contact_phone)
            )
        if len(rows) > before:
            owed.append(event.pk)
    insert_rows(rows)
    return owed


def events_send_queue(event_ids: list[int]) -> None:
    """Queue the sending of these events' outbox rows, a message per ``EVENTS_PER_TASK``."""
    from petitions.tasks import send_events

    for start in range(0, len(event_ids), EVENTS_PER_TASK):
        chunk = event_ids[start : start + EVENTS_PER_TASK]
        try:
            send_events.delay(chunk)
        except Exception:  # the broker is down: the outbox rows wait for flush_notifications
            logger.warning(
                "Could not queue the notifications of events %s; they will be sent later.",
                chunk,
                exc_info=True,
            )


# New petitions: the search document and the first notifications, queued through one
# Redis append per filing instead of a publish; ``tasks.relay_filed`` takes them.
FILED = Batch("petitions-filed", "petitions.relay_filed")
EVENTS_PER_TASK = 50


def _enqueue_filed(petition_id: int, event_ids: list[int]) -> None:
    FILED.add(f"{petition_id}:{','.join(map(str, event_ids))}")


def filed_items_parse(items: list[str]) -> tuple[list[int], list[int]]:
    """(petition ids, event ids) of ``FILED``'s items."""
    petition_ids, event_ids = [], []
    for item in items:
        petition_id, _, events = item.partition(":")
        petition_ids.append(int(petition_id))
        event_ids += [int(event_id) for event_id in events.split(",") if event_id]
    return petition_ids, event_ids


def notification_message(notification: Notification) -> tuple[str, str]:
    """(subject, body) of an outbox row, from its event: the state the petition entered,
    what it means, the council's note, the answer, the expected date and the links."""
    event = notification.event
    petition = event.petition
    status = Status(event.to_status)
    with translation.override(settings.LANGUAGE_CODE):
        url = petition_url(petition)
        if notification.channel == Channel.SMS:
            text = _("Cử tri số: petition %(code)s is now “%(status)s”. %(url)s") % {
                "code": petition.display_code,
                "status": status.label,
                "url": url,
            }
            return "", text
        subject = _("[Cử tri số] Petition %(code)s: %(status)s") % {
            "code": petition.display_code,
            "status": status.label,
        }
        context = {
            "petition": petition,
            "event": event,
            "status": status,
            "status_label": status.label,
            "open_statuses": states.OPEN,
            "info": states.STATE_INFO[status],
            "url": url,
            "unsubscribe_url": unsubscribe_url(petition),
        }
        return subject, render_to_string("petitions/email/update.txt", context)


class Delivery(Enum):
    SENT = "sent"
    NOTHING_TO_DO = "nothing to do"
    RETRY = "retry"
    GAVE_UP = "gave up"


@transaction.atomic
def notification_send(*, notification_id: int) -> Delivery:
    """Send one outbox row. The row is locked while sending and marked sent in the same
    transaction, so a task delivered twice sends once."""
    notification = (
        Notification.objects.select_for_update(of=("self",))
        .select_related("event__petition__petitioner")
        .filter(pk=notification_id, status=DeliveryStatus.PENDING)
        .first()
    )
    if notification is None:
        return Delivery.NOTHING_TO_DO
    if not notification.body:
        notification.subject, notification.body = notification_message(notification)
    try:
        if notification.channel == Channel.EMAIL:
            send_mail(notification.subject, notification.body, None, [notification.recipient])
        else:
            send_sms(notification.recipient, notification.body)
    except Exception as error:  # SMTP, gateway: any failure is retried later
        notification.attempts += 1
        notification.last_error = f"{type(error).__name__}: {error}"[:1000]
        gave_up = notification.attempts >= MAX_SEND_ATTEMPTS
        notification.status = DeliveryStatus.FAILED if gave_up else DeliveryStatus.PENDING
        notification.save(update_fields=["attempts", "last_error", "status", "subject", "body"])
        return Delivery.GAVE_UP if gave_up else Delivery.RETRY
    notification.status = DeliveryStatus.SENT
    notification.sent_at = timezone.now()
    notification.attempts += 1
    notification.save(update_fields=["status", "sent_at", "attempts", "subject", "body"])
    return Delivery.SENT


# --- Confirming the contact of a petition filed without an account ---------------------

CONFIRMATION_CODE_MINUTES = 30
CONFIRMATION_MAX_ATTEMPTS = 5
RESEND_AFTER_SECONDS = 60
CONFIRMATION_LINK_MAX_AGE = 60 * 60 * 48  # seconds
_LINK_SALT = "petitions.confirmation-link"


def _code_hash(petition: Petition, code: str) -> str:
    return salted_hmac("petitions.confirmation-code", f"{petition.pk}:{code}").hexdigest()


@transaction.atomic
def petition_send_confirmation(*, petition: Petition, resend: bool = False) -> None:
    """Draw a new six-digit code (the previous one stops working) and send it, with a
    confirmation link, to the contact given. Sent after commit by a Celery task. A resend
    waits a minute after the previous code."""
    petition = Petition.objects.select_for_update().get(pk=petition.pk)
    if petition.status != Status.UNCONFIRMED:
        return
    sent_at = petition.confirmation_sent_at
    if resend and sent_at and timezone.now() - sent_at < timedelta(seconds=RESEND_AFTER_SECONDS):
        raise ValidationError(
            _("Please wait a minute before asking for a new code."), code="too_soon"
        )
    code = f"{secrets.randbelow(10**6):06d}"
    petition.confirmation_hash = _code_hash(petition, code)
    petition.confirmation_sent_at = timezone.now()
    petition.confirmation_attempts = 0
    petition.save(
        update_fields=["confirmation_hash", "confirmation_sent_at", "confirmation_attempts"]
    )
    from petitions.tasks import send_confirmation

    transaction.on_commit(partial(send_confirmation.delay, petition.pk, code))


def confirmation_message(petition: Petition, code: str) -> tuple[str, str, str]:
    """(subject, e-mail body, SMS text) carrying the code and the link."""
    link = settings.SITE_URL + reverse(
        "petitions:confirm_link", args=[signing.dumps(petition.pk, salt=_LINK_SALT)]
    )
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("[Cử tri số] Your code to send petition %(code)s") % {
            "code": petition.display_code
        }
        body = render_to_string(
            "petitions/email/confirmation.txt",
            {
                "petition": petition,
                "code": code,
                "link": link,
                "minutes": CONFIRMATION_CODE_MINUTES,
            },
        )
        text = _(
            "Cử tri số: your code is %(code)s. It sends petition %(petition)s to the council."
        ) % {
            "code": code,
            "petition": petition.display_code,
        }
    return subject, body, text


class CodeCheck(Enum):
    CONFIRMED = "confirmed"
    WRONG = "wrong"
    EXPIRED = "expired"


def petition_confirm_by_code(*, petition: Petition, code: str) -> CodeCheck:
    """Confirm with the six-digit code. Wrong attempts are counted (and kept, even though
    the check fails); after five, or 30 minutes, the code is spent."""
    with transaction.atomic():
        petition = Petition.objects.select_for_update().get(pk=petition.pk)
        if petition.status != Status.UNCONFIRMED:
            return CodeCheck.CONFIRMED
        sent_at = petition.confirmation_sent_at
        expired = (
            sent_at is None
            or timezone.now() - sent_at > timedelta(minutes=CONFIRMATION_CODE_MINUTES)
            or petition.confirmation_attempts >= CONFIRMATION_MAX_ATTEMPTS
        )
        if expired:
            return CodeCheck.EXPIRED
        if not constant_time_compare(
            petition.confirmation_hash, _code_hash(petition, code.strip())
        ):
            petition.confirmation_attempts += 1
            petition.save(update_fields=["confirmation_attempts"])
            return CodeCheck.WRONG
    petition_confirm(petition=petition)
    return CodeCheck.CONFIRMED


def petition_from_confirmation_link(token: str) -> Petition | None:
    try:
        pk = signing.loads(token, salt=_LINK_SALT, max_age=CONFIRMATION_LINK_MAX_AGE)
    except signing.BadSignature:
        return None
    return Petition.objects.filter(pk=pk).first()
