"""Writes of the staff side (issue 4): assignment, internal notes, status changes made by
staff, commitments, bulk actions, exports and session dossiers.

Every function checks that the actor may act (petitions.selectors holds the rule), takes
the row lock, refuses a form drawn from an older version of the petition (two people never
silently overwrite each other) and writes a timeline event; staff-only events are not
public and form the audit trail (PetitionEvent rows are never edited).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from core.models import Council
from petitions import states
from petitions.choices import CommitmentStatus, EventKind, Status
from petitions.models import (
    Agency,
    Commitment,
    Dossier,
    DossierItem,
    Petition,
    PetitionEvent,
)
from petitions.selectors import (
    can_decide_transfer,
    can_handle,
    council_staff,
    petitions_for_staff,
    staff_scope,
    works_for_council,
)
from petitions.services import (
    TRANSITION_FIELDS,
    _apply_transition,
    _event,
    _queue_notifications,
    _queue_notifications_many,
    _transition,
)
from search.documents import PETITION
from search.services import index_queue


def _locked(petition: Petition, actor: User, version: int | None) -> Petition:
    """The petition's row, locked, after checking the actor may act on it and that the
    form was drawn from its current version."""
    locked = Petition.objects.select_for_update().get(pk=petition.pk)
    if not can_handle(actor, locked):
        raise PermissionDenied
    _check_version(locked, version)
    return locked


def _check_version(petition: Petition, version: int | None) -> None:
    if version is not None and petition.version != version:
        raise ValidationError(
            _(
                "Someone else changed this petition after you opened it. Nothing was saved: "
                "read the latest version and try again."
            ),
            code="stale",
        )


@transaction.atomic
def petition_assign(
    *,
    petition: Petition,
    actor: User,
    assignee: User | None,
    agency: Agency | None = None,
    version: int | None = None,
) -> Petition:
    """Give the case to a staff member of the council and/or a responsible agency."""
    petition = _locked(petition, actor, version)
    if (
        assignee is not None
        and not council_staff(petition.council_id).filter(pk=assignee.pk).exists()
    ):
        raise ValidationError(_("Only a staff member of this council can be assigned."))
    if agency is not None and agency.council_id != petition.council_id:
        raise ValidationError(_("Choose an agency of this council."))
    _assign(petition, actor, assignee, agency)
    return petition


def _assign(petition: Petition, actor: User, assignee: User | None, agency: Agency | None):
    petition.assignee = assignee
    petition.agency = agency
    petition.version += 1
    petition.save(update_fields=["assignee", "agency", "version", "updated_at"])
    _event(
        petition,
        EventKind.ASSIGNED,
        actor=actor,
        is_public=False,
        assignee=assignee.get_full_name() if assignee else None,
        assignee_id=assignee.pk if assignee else None,
        agency=agency.name if agency else None,
    )


@transaction.atomic
def petition_note_add(*, petition: Petition, actor: User, note: str) -> None:
    """An internal note: staff only, never shown to the petitioner or the public."""
    if not note.strip():
        raise ValidationError(_("Write the note first."))
    petition = _locked(petition, actor, None)
    _event(petition, EventKind.NOTE, actor=actor, note=note.strip(), is_public=False)


@transaction.atomic
def petition_contact_view(*, petition: Petition, actor: User) -> Petition:
    """Staff open the petitioner's personal data: allowed to the council holding the
    petition, and logged every time."""
    if not can_handle(actor, petition):
        raise PermissionDenied
    _event(petition, EventKind.CONTACT_VIEWED, actor=actor, is_public=False)
    return petition


@transaction.atomic
def attachment_staff_open(*, petition: Petition, actor: User, attachment_id: int):
    """Staff of the council open a piece of evidence (it may show people): logged."""
    if not can_handle(actor, petition):
        raise PermissionDenied
    attachment = petition.attachments.filter(pk=attachment_id).first()
    if attachment is None:
        return None
    _event(
        petition,
        EventKind.FILE_VIEWED,
        actor=actor,
        is_public=False,
        attachment=attachment.pk,
        name=attachment.original_name,
    )
    return attachment


@transaction.atomic
def petition_staff_transition(
    *, petition: Petition, actor: User, to: Status, version: int | None = None, **changes
) -> Petition:
    """A status change made in the admin by the council holding the petition, through
    the state machine. A merge may name its target by tracking code."""
    locked = _locked(petition, actor, version)
    if locked.status == Status.TRANSFER_REQUESTED:
        raise ValidationError(_("The receiving council has not yet answered the transfer."))
    merged_code = changes.pop("merged_into_code", "")
    if to == Status.MERGED and merged_code:
        changes["merged_into"] = _merge_target(actor, locked, merged_code)
    result = _transition(locked, to, actor=actor, **changes)
    if to == Status.MERGED:
        _carry_over_followers(result, changes["merged_into"])
    return result


@transaction.atomic
def petition_transfer_decide(
    *, petition: Petition, actor: User, accept: bool, note: str = "", version: int | None = None
) -> Petition:
    """The council a transfer is offered to accepts it (→ received there, with a fresh
    clock) or declines it with a reason (→ back to where it was)."""
    locked = Petition.objects.select_for_update().get(pk=petition.pk)
    if not can_decide_transfer(actor, locked):
        raise PermissionDenied
    _check_version(locked, version)
    if accept:
        return _transition(locked, Status.RECEIVED, actor=actor, note=note.strip())
    if not note.strip():
        raise ValidationError(_("Say why the transfer is declined."))
    back = Status(locked.transfer_return_status or Status.RECEIVED)
    return _transition(locked, back, actor=actor, note=note.strip())


def _merge_target(actor: User, petition: Petition, code: str) -> Petition:
    from petitions.selectors import normalize_code

    target = (
        Petition.objects.filter(tracking_code=normalize_code(code), council_id=petition.council_id)
        .exclude(pk=petition.pk)
        .first()
    )
    if target is None:
        raise ValidationError(_("No petition of this council has that tracking code."))
    return target


def _carry_over_followers(duplicate: Petition, target: Petition) -> None:
    """Supporters of a duplicate now support the petition it was merged into."""
    from django.db.models import F

    from petitions.models import CoSignature

    known = set(target.cosignatures.values_list("user_id", flat=True))
    known |= {target.petitioner_id, target.filed_by_id}
    movers = [
        CoSignature(petition=target, user_id=user_id)
        for user_id in duplicate.cosignatures.values_list("user_id", flat=True)
        if user_id not in known
    ]
    if duplicate.petitioner_id and duplicate.petitioner_id not in known:
        movers.append(CoSignature(petition=target, user_id=duplicate.petitioner_id))
    CoSignature.objects.bulk_create(movers, ignore_conflicts=True)
    if movers:
        Petition.objects.filter(pk=target.pk).update(
            cosigner_count=F("cosigner_count") + len(movers), version=F("version") + 1
        )


# --- Commitments ----------------------------------------------------------------------


@transaction.atomic
def commitment_add(
    *, petition: Petition, actor: User, description: str, due_on: date, owner: str
) -> Commitment:
    """A dated promise to residents; public, and followed until it is kept."""
    petition = _locked(petition, actor, None)
    if due_on < timezone.localdate():
        raise ValidationError(_("A commitment's date cannot be in the past."))
    if petition.status in states.FINAL - {Status.CLOSED}:
        raise ValidationError(_("This petition is no longer handled."))
    commitment = Commitment.objects.create(
        petition=petition,
        description=description.strip(),
        due_on=due_on,
        owner=owner.strip(),
        created_by=actor,
    )
    event = _event(
        petition,
        EventKind.COMMITMENT,
        actor=actor,
        note=commitment.description,
        due_on=due_on.isoformat(),
        owner=commitment.owner,
        commitment_id=commitment.pk,
    )
    _queue_notifications(event)
    return commitment


@transaction.atomic
def commitment_set_status(
    *, commitment: Commitment, actor: User, status: CommitmentStatus, note: str = ""
) -> Commitment:
    petition = _locked(commitment.petition, actor, None)
    commitment = Commitment.objects.select_for_update().get(pk=commitment.pk)
    commitment.status = status
    commitment.done_at = timezone.now() if status == CommitmentStatus.DONE else None
    commitment.save(update_fields=["status", "done_at"])
    event = _event(
        petition,
        EventKind.COMMITMENT,
        actor=actor,
        note=note.strip() or commitment.description,
        status=str(status),
        commitment_id=commitment.pk,
    )
    _queue_notifications(event)
    return commitment


# --- Bulk actions and exports ---------------------------------------------------------


@dataclass
class BulkResult:
    done: int = 0
    refused: list[tuple[Petition, str]] = field(default_factory=list)


def _bulk_rows(actor: User, petition_ids) -> list[Petition]:
    """The selected petitions the actor may act on, locked, in id order (a stable lock
    order keeps two bulk actions from deadlocking). Ids out of scope are simply absent."""
    rows = (
        petitions_for_staff(actor)
        .select_for_update(of=("self",))
        .select_related("petitioner")
        .filter(pk__in=list(petition_ids))
        .order_by("pk")
    )
    return [petition for petition in rows if can_handle(actor, petition)]


@transaction.atomic
def petitions_bulk_assign(
    *, actor: User, petition_ids, assignee: User | None, agency: Agency | None = None
) -> BulkResult:
    rows = _bulk_rows(actor, petition_ids)
    result = BulkResult()
    staff_of = {}
    for petition in rows:
        if assignee is not None:
            allowed = staff_of.setdefault(
                petition.council_id,
                set(council_staff(petition.council_id).values_list("pk", flat=True)),
            )
            if assignee.pk not in allowed:
                result.refused.append((petition, _("not a staff member of this council")))
                continue
        if agency is not None and agency.council_id != petition.council_id:
            result.refused.append((petition, _("the agency belongs to another council")))
            continue
        _assign(petition, actor, assignee, agency)
        result.done += 1
    return result


@transaction.atomic
def petitions_bulk_transition(
    *, actor: User, petition_ids, to: Status, note: str = "", reason: str = ""
) -> BulkResult:
    """Change the status of many petitions at once, set-based: one update of the rows,
    one insert of their events, one insert of the outbox. A petition the state machine does
    not let move (or whose transition lacks what it needs) is left as it is and reported."""
    result = BulkResult()
    changed, events = [], []
    for petition in _bulk_rows(actor, petition_ids):
        if petition.status == Status.TRANSFER_REQUESTED:
            result.refused.append(
                (petition, _("the receiving council has not yet answered the transfer"))
            )
            continue
        if not states.can_transition(petition.status, to):
            result.refused.append(
                (
                    petition,
                    _("a petition that is “%(source)s” cannot become “%(target)s”")
                    % {"source": Status(petition.status).label, "target": Status(to).label},
                )
            )
            continue
        try:
            event = _apply_transition(petition, to, actor=actor, note=note, reason=reason)
        except ValidationError as error:
            result.refused.append((petition, " ".join(error.messages)))
            continue
        changed.append(petition)
        events.append(event)
    Petition.objects.bulk_update(changed, TRANSITION_FIELDS, batch_size=500)
    PetitionEvent.objects.bulk_create(events, batch_size=500)
    index_queue(PETITION, [petition.pk for petition in changed])  # bulk writes send no signal
    _queue_notifications_many(events)
    result.done = len(changed)
    return result


@transaction.atomic
def petitions_export_record(*, actor: User, petition_ids, file_format: str) -> int:
    """An export of the queue is an access to many petitions at once: audit each."""
    if staff_scope(actor) is None:
        raise PermissionDenied
    ids = list(
        petitions_for_staff(actor).filter(pk__in=list(petition_ids)).values_list("pk", flat=True)
    )
    PetitionEvent.objects.bulk_create(
        PetitionEvent(
            petition_id=pk,
            kind=EventKind.EXPORTED,
            actor=actor,
            is_public=False,
            data={"format": file_format, "rows": len(ids)},
        )
        for pk in ids
    )
    return len(ids)


# --- Session dossiers -----------------------------------------------------------------


@transaction.atomic
def dossier_compile(
    *,
    actor: User,
    council: Council,
    title: str,
    period_start: date,
    period_end: date,
    session_on: date | None = None,
) -> Dossier:
    """Compile the petitions a council received in a period, plus those of its previous
    dossier still unresolved (carried over), into a dossier for a council session."""
    if not works_for_council(actor, council.pk):
        raise PermissionDenied
    if period_end < period_start:
        raise ValidationError(_("The period ends before it starts."))
    previous = council.dossiers.filter(period_end__lt=period_end).order_by("-period_end").first()
    dossier = Dossier.objects.create(
        council=council,
        title=title.strip(),
        period_start=period_start,
        period_end=period_end,
        session_on=session_on,
        created_by=actor,
    )
    new_ids = list(
        Petition.objects.filter(
            council=council,
            received_at__date__gte=period_start,
            received_at__date__lte=period_end,
        )
        .exclude(status__in=[Status.UNCONFIRMED, Status.MERGED, Status.WITHDRAWN])
        .values_list("pk", flat=True)
    )
    carried = []
    if previous is not None:
        carried = list(
            previous.petitions.filter(council=council, status__in=states.OPEN)
            .exclude(pk__in=new_ids)
            .values_list("pk", flat=True)
        )
    DossierItem.objects.bulk_create(
        [DossierItem(dossier=dossier, petition_id=pk) for pk in new_ids]
        + [DossierItem(dossier=dossier, petition_id=pk, is_carried_over=True) for pk in carried]
    )
    PetitionEvent.objects.bulk_create(
        PetitionEvent(
            petition_id=pk,
            kind=EventKind.DOSSIER,
            actor=actor,
            is_public=False,
            data={"dossier_id": dossier.pk, "title": dossier.title},
        )
        for pk in [*new_ids, *carried]
    )
    return dossier


# --- Deadlines and the daily digest ---------------------------------------------------

DUE_SOON_WORKING_DAYS = 3


@transaction.atomic
def petitions_mark_deadlines(*, today: date | None = None) -> dict[str, int]:
    """Mark every running case on time, nearly overdue (deadline within three working
    days) or overdue; commitments past their date without being kept become missed.
    Three set-based updates, whatever the number of petitions."""
    from core.calendar import WorkingCalendar
    from petitions.choices import DeadlineState

    today = today or timezone.localdate()
    soon = WorkingCalendar(today).add_working_days(today, DUE_SOON_WORKING_DAYS)
    running = Petition.objects.filter(
        status__in=states.OPEN - states.CLOCK_PAUSED, deadline__isnull=False
    )
    counts = {
        DeadlineState.OVERDUE: running.filter(deadline__lt=today)
        .exclude(deadline_state=DeadlineState.OVERDUE)
        .update(deadline_state=DeadlineState.OVERDUE),
        DeadlineState.DUE_SOON: running.filter(deadline__gte=today, deadline__lte=soon)
        .exclude(deadline_state=DeadlineState.DUE_SOON)
        .update(deadline_state=DeadlineState.DUE_SOON),
    }
    late = running.filter(deadline__lte=soon).values("pk")
    counts[DeadlineState.ON_TIME] = (
        Petition.objects.exclude(deadline_state=DeadlineState.ON_TIME)
        .exclude(pk__in=late)
        .update(deadline_state=DeadlineState.ON_TIME)
    )
    counts["missed_commitments"] = Commitment.objects.filter(
        status=CommitmentStatus.PROMISED, due_on__lt=today
    ).update(status=CommitmentStatus.MISSED)
    return {str(key): value for key, value in counts.items()}


def deadline_digest_send(*, user: User, petitions, commitments, today: date) -> bool:
    """Send one person their daily digest. At most once a day per person, even if the job
    runs twice (a retried task, two beat schedulers)."""
    from django.conf import settings
    from django.core.cache import cache
    from django.core.mail import send_mail
    from django.template.loader import render_to_string

    if not (petitions or commitments):
        return False
    if not cache.add(f"petitions:digest:{user.pk}:{today.isoformat()}", 1, timeout=2 * 86400):
        return False
    context = {
        "user": user,
        "petitions": petitions,
        "commitments": commitments,
        "today": today,
        "admin_url": settings.SITE_URL + "/admin/",
    }
    send_mail(
        _("Cases nearing their deadline: %(count)s") % {"count": len(petitions)},
        render_to_string("petitions/email/deadline_digest.txt", context),
        None,
        [user.email],
    )
    return True
