"""Reads of elections, units and candidates for the public site and open data.

The public sees only published rows: a unit whose official list passed the two-person
check (``live``) and candidates that are live themselves. That rule lives here, once.
"""

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, F, Prefetch, Q, QuerySet
from django.utils import timezone

from core.models import Province, Ward
from elections.choices import BallotLevel, MilestoneStatus
from elections.models import Candidacy, Candidate, Election, ElectoralUnit, Milestone


def public_units(election: Election) -> QuerySet[ElectoralUnit]:
    return ElectoralUnit.objects.filter(election=election, live=True)


def public_candidacies() -> QuerySet[Candidacy]:
    return Candidacy.objects.filter(candidate__live=True, unit__live=True)


def official_order(candidacies: QuerySet[Candidacy]) -> QuerySet[Candidacy]:
    """The official list's own order when it gives one, else Vietnamese name order."""
    return candidacies.order_by(
        F("list_order").asc(nulls_last=True), "candidate__sort_key", "candidate_id"
    )


def unit_public(*, election: Election, pk: int) -> ElectoralUnit | None:
    return (
        public_units(election)
        .select_related("province", "council", "council__ward")
        .filter(pk=pk)
        .first()
    )


# What the unit page and the comparison show: fetching only these keeps the query small
# (candidates carry ~35 columns of workflow and revision bookkeeping).
_LIST_FIELDS = (
    "list_order",
    "nomination_type",
    "is_elected",
    "votes",
    "unit_id",
    "candidate__id",
    "candidate__full_name",
    "candidate__date_of_birth",
    "candidate__gender",
    "candidate__hometown",
    "candidate__ethnicity",
    "candidate__religion",
    "candidate__education",
    "candidate__qualification",
    "candidate__occupation",
    "candidate__workplace",
    "candidate__party_joined_on",
    "candidate__current_deputy",
    "candidate__is_sample",
    "candidate__photo",
)


def unit_candidacies(unit: ElectoralUnit) -> list[Candidacy]:
    return list(
        official_order(public_candidacies().filter(unit=unit))
        .select_related("candidate", "candidate__photo")
        .only(*_LIST_FIELDS)
    )


def unit_wards(unit: ElectoralUnit) -> list[Ward]:
    return list(unit.wards.order_by("name_folded"))


def candidate_public(*, election: Election, pk: int) -> Candidate | None:
    candidacies = Prefetch(
        "candidacies",
        queryset=Candidacy.objects.filter(unit__live=True).select_related(
            "unit", "unit__province", "unit__council"
        ),
    )
    candidate = (
        Candidate.objects.filter(election=election, live=True, pk=pk)
        .select_related("photo")
        .prefetch_related(candidacies)
        .first()
    )
    if candidate is None or not candidate.candidacies.all():
        return None
    return candidate


def levels_summary(election: Election) -> list[dict]:
    counts = dict(public_units(election).values_list("level").annotate(n=Count("id")).order_by())
    return [
        {"level": level, "label": level.label, "units": counts.get(level.value, 0)}
        for level in BallotLevel
    ]


def provinces_with_units(*, election: Election, level: str) -> list[tuple[Province, int]]:
    counts = dict(
        public_units(election)
        .filter(level=level)
        .values_list("province_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    return [
        (province, counts[province.pk])
        for province in Province.objects.order_by("code")
        if province.pk in counts
    ]


def units_in_province(*, election: Election, level: str, province: Province) -> list:
    return list(
        public_units(election)
        .filter(level=level, province=province)
        .select_related("council", "council__ward")
        .annotate(candidate_count=Count("candidacies", filter=Q(candidacies__candidate__live=True)))
        .order_by("council__ward__name_folded", "number")
    )


@dataclass(frozen=True)
class Ballot:
    unit: ElectoralUnit
    candidate_count: int

    @property
    def may_keep(self) -> int:
        """How many names a voter may leave on the ballot: at most one per seat."""
        return min(self.unit.seats, self.candidate_count)

    @property
    def must_strike(self) -> int:
        return max(self.candidate_count - self.unit.seats, 0)


_LEVEL_ORDER = {level.value: index for index, level in enumerate(BallotLevel)}


def ballots_for_ward(*, election: Election, ward: Ward) -> list[Ballot]:
    """The ballots a voter of ``ward`` receives: National Assembly, province council and
    ward council, in that order (fewer if a list is not published yet)."""
    units = (
        public_units(election)
        .filter(wards=ward)
        .select_related("province", "council")
        .annotate(candidate_count=Count("candidacies", filter=Q(candidacies__candidate__live=True)))
    )
    ballots = [Ballot(unit=unit, candidate_count=unit.candidate_count) for unit in units]
    return sorted(ballots, key=lambda ballot: _LEVEL_ORDER[ballot.unit.level])


@dataclass(frozen=True)
class TimelineStep:
    milestone: Milestone
    status: str
    note: str

    @property
    def status_label(self) -> str:
        return MilestoneStatus(self.status).label


def timeline(
    *, election: Election, province: Province | None = None, today: date | None = None
) -> list[TimelineStep]:
    """Each step with its status: as the province reported it, else from the dates."""
    today = today or timezone.localdate()
    reported = {}
    if province is not None:
        for milestone_id, status, note in election.milestones.filter(
            provinces__province=province
        ).values_list("pk", "provinces__status", "provinces__note"):
            reported[milestone_id] = (status, note)
    steps = []
    for milestone in election.milestones.all():
        if milestone.pk in reported:
            status, note = reported[milestone.pk]
        elif today > milestone.ends_on:
            status, note = MilestoneStatus.DONE, ""
        elif today >= milestone.starts_on:
            status, note = MilestoneStatus.IN_PROGRESS, ""
        else:
            status, note = MilestoneStatus.PLANNED, ""
        steps.append(TimelineStep(milestone=milestone, status=status, note=note))
    return steps


def election_candidacies(election: Election, unit: ElectoralUnit | None = None):
    """Every public candidacy of an election (or one unit), for open data, in order."""
    candidacies = public_candidacies().filter(unit__election=election)
    if unit is not None:
        candidacies = candidacies.filter(unit=unit)
    return candidacies.select_related(
        "candidate", "unit", "unit__province", "unit__council"
    ).order_by(
        "unit__level",
        "unit__province__code",
        "unit__council_id",
        "unit__number",
        F("list_order").asc(nulls_last=True),
        "candidate__sort_key",
    )
