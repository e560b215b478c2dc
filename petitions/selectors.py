"""Reads of petitions, and the one place where staff scoping lives.

Who sees what (issue 4): council staff see their own council's petitions and the transfers
offered to their council; province oversight reads every council of its province;
administrators read everything; editors, ambassadors and citizens see none in the admin.
Only the staff of the council holding a petition act on it (the receiving council only
accepts or declines a transfer). Every admin view, action, export and search goes through
``petitions_for_staff`` / ``staff_petition``, so a petition out of scope is a 404.
"""

from datetime import datetime

from django.db.models import Count, Q, QuerySet

from accounts.choices import Role
from petitions import states
from petitions.choices import DeliveryStatus, Status
from petitions.models import (
    TRACKING_LENGTH,
    Attachment,
    Notification,
    Petition,
    PetitionEvent,
)


def normalize_code(code: str) -> str:
    """Codes are typed by people: case, spaces, dashes and the "KN" prefix are forgiven.

    The prefix goes only when it is one: a bare code may itself begin with "KN"."""
    code = "".join(code.upper().split()).replace("-", "")
    if len(code) == TRACKING_LENGTH + 2 and code.startswith("KN"):
        code = code[2:]
    return code


def petition_by_code(code: str) -> Petition | None:
    """Any petition by its exact code, for the one who holds it (their own session)."""
    return Petition.objects.filter(tracking_code=code).first() if code else None


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
    """Published, still-open petitions like the one being filed, found by the search
    service: sharing words with ``title``, the same ward and topic first. Rows are read
    back from the database, so a lagging index never shows a withdrawn publication."""
    from search.selectors import similar_petition_ids

    ids = similar_petition_ids(
        ward_id=ward.pk, topic_id=topic.pk, title=title, statuses=states.OPEN, limit=limit
    )
    found = (
        Petition.objects.select_related("topic", "ward")
        .filter(is_published=True, status__in=states.OPEN)
        .in_bulk(ids)
    )
    return [found[pk] for pk in ids if pk in found]


def has_cosigned(petition: Petition, user) -> bool:
    return user.is_authenticated and petition.cosignatures.filter(user=user).exists()


# --- Staff scope ----------------------------------------------------------------------


def staff_scope(user) -> Q | None:
    """The petitions ``user`` may read in the admin, as a filter; None when none."""
    if not (user.is_authenticated and user.is_active):
        return None
    if user.is_superuser or user.role == Role.ADMINISTRATOR:
        return Q()
    if user.role == Role.COUNCIL_STAFF and user.council_id:
        return Q(council_id=user.council_id) | Q(
            status=Status.TRANSFER_REQUESTED, transfer_to_id=user.council_id
        )
    if user.role == Role.OVERSIGHT and user.oversight_province_id:
        return Q(council__province_id=user.oversight_province_id)
    return None


def petitions_for_staff(user) -> QuerySet[Petition]:
    """Every confirmed petition ``user`` may read; empty for everyone else."""
    scope = staff_scope(user)
    if scope is None:
        return Petition.objects.none()
    return Petition.objects.filter(scope).exclude(status=Status.UNCONFIRMED)


# What a queue row shows; loading only these keeps the page query small at scale.
QUEUE_COLUMNS = (
    "id",
    "tracking_code",
    "title",
    "status",
    "deadline",
    "deadline_state",
    "topic__name",
    "ward__name",
    "assignee__first_name",
    "assignee__last_name",
    "assignee__email",
)


def staff_queue(user) -> QuerySet[Petition]:
    """The rows of the admin queue (then filtered, searched and ordered by the view)."""
    return (
        petitions_for_staff(user).select_related("topic", "ward", "assignee").only(*QUEUE_COLUMNS)
    )


def staff_export_rows(queryset: QuerySet[Petition]) -> QuerySet[Petition]:
    """Every column an export shows, for the rows of a (filtered) queue."""
    return (
        queryset.model.objects.filter(pk__in=queryset.values("pk"))
        .select_related("topic", "ward", "council", "assignee", "agency")
        .order_by(*queryset.query.order_by)
    )


def staff_petition(user, pk) -> Petition | None:
    """One petition by primary key, if ``user`` may read it (else None → 404)."""
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        return None
    return (
        petitions_for_staff(user)
        .select_related(
            "topic", "ward__province", "council", "assignee", "agency", "merged_into", "transfer_to"
        )
        .filter(pk=pk)
        .first()
    )


def works_for_council(user, council_id: int | None) -> bool:
    """Is ``user`` a staff member of this council (the one who may act for it)?"""
    return bool(
        user.is_authenticated
        and user.role == Role.COUNCIL_STAFF
        and user.council_id
        and user.council_id == council_id
    )


def can_handle(user, petition: Petition) -> bool:
    """May ``user`` act on the petition as its council (assign, answer, change status…)?"""
    return works_for_council(user, petition.council_id)


def can_decide_transfer(user, petition: Petition) -> bool:
    """May ``user`` accept or decline a transfer offered to their council?"""
    return petition.status == Status.TRANSFER_REQUESTED and works_for_council(
        user, petition.transfer_to_id
    )


def council_staff(council_id: int) -> QuerySet:
    """The active staff of a council: whom a petition can be assigned to."""
    from accounts.models import User

    return User.objects.filter(
        role=Role.COUNCIL_STAFF, council_id=council_id, is_active=True
    ).order_by("first_name", "last_name")


def staff_timeline(petition: Petition) -> list[PetitionEvent]:
    """The whole history for staff: public events, internal notes and the audit trail."""
    return list(petition.events.select_related("actor").order_by("created_at", "id"))


def queue_counts(user) -> dict[str, int]:
    """How many cases the saved views of the queue hold, for their tabs."""
    queue = petitions_for_staff(user).filter(status__in=states.OPEN)
    return queue.aggregate(
        mine=Count("id", filter=Q(assignee_id=user.pk)),
        unassigned=Count("id", filter=Q(assignee__isnull=True)),
        overdue=Count("id", filter=Q(deadline_state="overdue")),
    )


def deadline_digests() -> dict:
    """Who gets the daily deadline digest and what it lists: each assignee their own cases
    nearly overdue or overdue, each council lead all such cases of the council and the
    commitments due within a week or already missed (their reminders). One entry per
    person (one mail, not one per case)."""
    from accounts.models import User
    from petitions.choices import CommitmentStatus
    from petitions.models import Commitment

    late = list(
        Petition.objects.filter(
            status__in=states.OPEN - states.CLOCK_PAUSED,
            deadline_state__in=["due_soon", "overdue"],
        )
        .select_related("council")
        .order_by("deadline", "pk")
    )
    from datetime import timedelta

    from django.utils import timezone

    commitments = list(
        Commitment.objects.filter(
            status__in=[CommitmentStatus.PROMISED, CommitmentStatus.MISSED],
            due_on__lte=timezone.localdate() + timedelta(days=7),
            petition__status__in=states.OPEN | {Status.ANSWERED, Status.CLOSED},
        )
        .select_related("petition")
        .order_by("due_on")
    )
    by_council: dict[int, list] = {}
    for petition in late:
        by_council.setdefault(petition.council_id, []).append(petition)
    commitments_by_council: dict[int, list] = {}
    for commitment in commitments:
        commitments_by_council.setdefault(commitment.petition.council_id, []).append(commitment)

    digests: dict = {}
    councils = set(by_council) | set(commitments_by_council)
    leads = User.objects.filter(
        role=Role.COUNCIL_STAFF, is_council_lead=True, is_active=True, council_id__in=councils
    )
    for lead in leads:
        digests[lead] = (
            by_council.get(lead.council_id, []),
            commitments_by_council.get(lead.council_id, []),
        )
    assignee_ids = {petition.assignee_id for petition in late if petition.assignee_id}
    for user in User.objects.filter(pk__in=assignee_ids, is_active=True):
        if user in digests:
            continue  # a lead's digest already lists every case of the council
        digests[user] = ([petition for petition in late if petition.assignee_id == user.pk], [])
    return digests


def answer_templates(petition: Petition) -> QuerySet:
    """Answer templates for a petition: those of its topic first, then the general ones."""
    from django.db.models import F

    from petitions.models import AnswerTemplate

    return AnswerTemplate.objects.filter(
        Q(topic__isnull=True) | Q(topic_id=petition.topic_id), status=Status.ANSWERED
    ).order_by(F("topic_id").asc(nulls_last=True), "title")


# A staff search narrows the queue to at most this many best matches.
STAFF_SEARCH_LIMIT = 500


def staff_search(user, queryset: QuerySet[Petition], query: str) -> QuerySet[Petition]:
    """The queue's search box: a tracking code, or words through the search service
    (Vietnamese folding, typos), scoped to the councils the user may read — the scope is
    a filter inside the search, and the queue's own scope still applies."""
    from search.selectors import search_staff

    code = normalize_code(query)
    if len(code) == TRACKING_LENGTH and code.isalnum():
        return queryset.filter(tracking_code=code)
    council_ids = list(councils_for_staff(user).values_list("pk", flat=True))
    results = search_staff(query, council_ids=council_ids, per_page=STAFF_SEARCH_LIMIT, facets=())
    ids = list(results.ids)
    # Transfers offered to this council are still held by the councils that offer them.
    senders = list(
        queryset.filter(status=Status.TRANSFER_REQUESTED)
        .exclude(council_id__in=council_ids)
        .order_by()
        .values_list("council_id", flat=True)
        .distinct()
    )
    if senders:
        offered = search_staff(
            query,
            council_ids=senders,
            statuses=(Status.TRANSFER_REQUESTED,),
            per_page=STAFF_SEARCH_LIMIT,
            facets=(),
        )
        ids += offered.ids
    return queryset.filter(pk__in=[int(pk) for pk in ids])


def petition_commitments(petition: Petition) -> list:
    """The dated commitments made about a petition: public, with their status."""
    return list(petition.commitments.order_by("due_on", "id"))


# --- Council dashboard ----------------------------------------------------------------


def councils_for_staff(user) -> QuerySet:
    """The councils whose dashboard ``user`` may open."""
    from core.models import Council

    if not (user.is_authenticated and user.is_active):
        return Council.objects.none()
    if user.is_superuser or user.role == Role.ADMINISTRATOR:
        return Council.objects.all()
    if user.role == Role.COUNCIL_STAFF and user.council_id:
        return Council.objects.filter(pk=user.council_id)
    if user.role == Role.OVERSIGHT and user.oversight_province_id:
        return Council.objects.filter(province_id=user.oversight_province_id)
    return Council.objects.none()


def council_dashboard(council_id: int, *, today, weeks: int = 12) -> dict:
    """The figures of one council's dashboard. Every figure is one grouped query over the
    council's petitions (the (council, …) indexes keep them to that council's rows)."""
    from datetime import timedelta
    from statistics import median

    from django.db.models.functions import TruncWeek

    from petitions.choices import Satisfaction
    from petitions.models import Topic

    petitions = Petition.objects.filter(council_id=council_id).exclude(status=Status.UNCONFIRMED)
    open_ = petitions.filter(status__in=states.OPEN)
    by_status = dict(open_.values_list("status").annotate(n=Count("id")).values_list("status", "n"))
    overdue = open_.filter(deadline_state="overdue").count()
    year_ago = today - timedelta(days=365)
    answer_days = sorted(
        petitions.filter(
            working_days_to_answer__isnull=False, answered_at__date__gte=year_ago
        ).values_list("working_days_to_answer", flat=True)
    )
    ratings = dict(
        petitions.exclude(satisfaction="")
        .values_list("satisfaction")
        .annotate(n=Count("id"))
        .values_list("satisfaction", "n")
    )
    rated = sum(ratings.values())
    topics = dict(Topic.objects.values_list("pk", "name"))
    by_topic = [
        {"label": topics.get(row["topic_id"], "—"), "total": row["total"], "open": row["open"]}
        for row in petitions.values("topic_id")
        .annotate(total=Count("id"), open=Count("id", filter=Q(status__in=states.OPEN)))
        .order_by("-total")
    ]
    by_ward = [
        {"label": row["ward__name"], "total": row["total"], "open": row["open"]}
        for row in petitions.values("ward__name")
        .annotate(total=Count("id"), open=Count("id", filter=Q(status__in=states.OPEN)))
        .order_by("-total")[:15]
    ]
    start = today - timedelta(weeks=weeks - 1, days=today.weekday())
    received = dict(
        petitions.filter(received_at__date__gte=start)
        .annotate(week=TruncWeek("received_at"))
        .values_list("week")
        .annotate(n=Count("id"))
        .values_list("week", "n")
    )
    answered = dict(
        petitions.filter(answered_at__date__gte=start)
        .annotate(week=TruncWeek("answered_at"))
        .values_list("week")
        .annotate(n=Count("id"))
        .values_list("week", "n")
    )
    received = {_as_date(week): n for week, n in received.items()}
    answered = {_as_date(week): n for week, n in answered.items()}
    trend = []
    for offset in range(weeks):
        week = start + timedelta(weeks=offset)
        trend.append(
            {"week": week, "received": received.get(week, 0), "answered": answered.get(week, 0)}
        )
    return {
        "open_total": sum(by_status.values()),
        "by_status": [
            {"label": Status(status).label, "status": status, "total": by_status.get(status, 0)}
            for status in Status
            if status in states.OPEN
        ],
        "overdue": overdue,
        "median_days_to_answer": median(answer_days) if answer_days else None,
        "answered_last_year": len(answer_days),
        "rated": rated,
        "satisfaction_rate": (
            round(100 * ratings.get(Satisfaction.SATISFIED, 0) / rated) if rated else None
        ),
        "ratings": [
            {"label": choice.label, "total": ratings.get(choice.value, 0)}
            for choice in Satisfaction
        ],
        "by_topic": by_topic,
        "by_ward": by_ward,
        "trend": trend,
    }


def _as_date(value):
    """TruncWeek gives a datetime on PostgreSQL and may give a date or a string elsewhere."""
    from datetime import date, datetime

    from django.utils import timezone

    if isinstance(value, datetime):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


# --- Session dossiers -----------------------------------------------------------------


def dossiers_for_staff(user) -> QuerySet:
    """The dossiers of the councils whose petitions ``user`` may read."""
    from petitions.models import Dossier

    return Dossier.objects.filter(council__in=councils_for_staff(user)).select_related("council")


def dossier_report(dossier) -> list[dict]:
    """A dossier's petitions grouped by topic, then by responsible agency, with answers:
    the printable report put before the council session."""
    items = dossier.items.select_related(
        "petition__topic", "petition__agency", "petition__ward"
    ).order_by("petition__topic__sort_order", "petition__agency__name", "petition__received_at")
    groups: dict = {}
    for item in items:
        petition = item.petition
        topic = groups.setdefault(petition.topic.name, {})
        agency = petition.agency.name if petition.agency else ""
        topic.setdefault(agency, []).append(
            {"petition": petition, "is_carried_over": item.is_carried_over}
        )
    return [
        {
            "topic": topic,
            "agencies": [{"agency": agency, "items": rows} for agency, rows in agencies.items()],
        }
        for topic, agencies in groups.items()
    ]
