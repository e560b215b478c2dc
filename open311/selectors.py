"""Reads of the Open311 API. Only confirmed petitions (``petitions.states.PUBLIC``) are
ever returned, and only the columns a response may show: never the petitioner's name,
e-mail or phone, nor internal events."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import datetime

from django.db.models import OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce

from core.choices import CouncilLevel
from core.models import Council, Ward
from petitions import states
from petitions.models import CompetenceRule, Petition, PetitionEvent, Topic

# "hdnd-00167": the council of ward 00167; "hdnd-tinh-01": the council of province 01.
WARD_JURISDICTION = re.compile(r"^hdnd-(\d{5})$")
PROVINCE_JURISDICTION = re.compile(r"^hdnd-tinh-(\d{2})$")

# What a response reads from a petition (personal columns are never loaded). Rows are
# read as dicts, not model instances: a page of 100 builds no objects it does not need.
PUBLIC_FIELDS = (
    "tracking_code",
    "status",
    "status_changed_at",
    "title",
    "description",
    "location",
    "is_published",
    "submitted_at",
    "deadline",
    "status_note",
    "answer",
    "topic__slug",
    "topic__name",
    "ward__code",
    "ward__name",
    "council__name",
    "council__level",
    "council__ward__code",
    "council__province__code",
)


def jurisdiction_id(council: Council) -> str:
    return jurisdiction_code(
        council.level, council.ward.code if council.ward_id else "", council.province.code
    )


def jurisdiction_code(level: str, ward_code: str, province_code: str) -> str:
    if level == CouncilLevel.WARD:
        return f"hdnd-{ward_code}"
    return f"hdnd-tinh-{province_code}"


def council_by_jurisdiction(value: str) -> Council | None:
    queryset = Council.objects.select_related("ward", "province").order_by()
    if match := WARD_JURISDICTION.match(value):
        return queryset.filter(level=CouncilLevel.WARD, ward__code=match[1]).first()
    if match := PROVINCE_JURISDICTION.match(value):
        return queryset.filter(level=CouncilLevel.PROVINCE, province__code=match[1]).first()
    return None


def council_topics(council: Council) -> list[Topic]:
    """The services of a jurisdiction: the active topics this council is competent for in
    its province (the province's own rule, else the national default)."""
    rules = CompetenceRule.objects.filter(topic__is_active=True).select_related("topic")
    effective: dict[int, CompetenceRule] = {}
    for rule in rules.filter(province__isnull=True):
        effective[rule.topic_id] = rule
    for rule in rules.filter(province_id=council.province_id):
        effective[rule.topic_id] = rule
    topics = [rule.topic for rule in effective.values() if rule.council_level == council.level]
    return sorted(topics, key=lambda topic: (topic.sort_order, topic.name))


def council_topic(council: Council, slug: str) -> Topic | None:
    return next((topic for topic in council_topics(council) if topic.slug == slug), None)


def council_wards(council: Council) -> QuerySet[Ward]:
    """The wards a jurisdiction takes petitions from."""
    if council.level == CouncilLevel.WARD:
        return Ward.objects.filter(pk=council.ward_id)
    return Ward.objects.filter(province_id=council.province_id).order_by("name_folded")


def _public_petitions() -> QuerySet:
    last_public_event = (
        PetitionEvent.objects.filter(petition=OuterRef("pk"), is_public=True)
        .order_by("-created_at", "-id")
        .values("created_at")[:1]
    )
    return (
        Petition.objects.filter(status__in=states.PUBLIC)
        .annotate(updated=Coalesce(Subquery(last_public_event), "status_changed_at"))
        .values(*PUBLIC_FIELDS, "updated")
    )


def public_request(code: str) -> dict | None:
    return _public_petitions().filter(tracking_code=code).first()


def public_requests(
    *,
    council: Council | None = None,
    topics: Iterable[Topic] | None = None,
    status_groups: Iterable[str] = (),
    start: datetime | None = None,
    end: datetime | None = None,
    codes: Iterable[str] | None = None,
) -> QuerySet:
    """Newest first, on a stable key (submitted_at, id) that an index serves per council."""
    queryset = _public_petitions()
    if codes is not None:  # the spec: a list of ids overrides every other filter
        return queryset.filter(tracking_code__in=list(codes)).order_by("-submitted_at", "-id")
    if council is not None:
        queryset = queryset.filter(council=council)
    if topics is not None:
        queryset = queryset.filter(topic__in=list(topics))
    groups = set(status_groups)
    if groups == {"open"}:
        queryset = queryset.filter(status__in=states.OPEN)
    elif groups == {"closed"}:
        queryset = queryset.filter(status__in=states.CLOSED)
    if start is not None:
        queryset = queryset.filter(submitted_at__gte=start)
    if end is not None:
        queryset = queryset.filter(submitted_at__lte=end)
    return queryset.order_by("-submitted_at", "-id")
