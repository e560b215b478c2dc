"""Reads of the learning app, scoped by who asks.

- Learners read their own progress (the database when signed in, else the device).
- Ambassadors read only the residents they enrolled or visited.
- Organisers of a campaign: administrators (every campaign), province oversight (the
  campaigns of their province) and council staff (a province council's staff: the
  campaigns of their province; a ward council's staff: campaigns with a target in their
  ward). Ambassador rankings are shown to organisers only.
- The officials' report: administrators see every council, oversight their province's,
  council staff their own council.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet, Sum

from accounts.choices import Role
from accounts.models import User
from core.choices import CouncilLevel
from core.models import Council, Province
from learning import progress as device_progress
from learning.choices import Audience, Skill
from learning.models import (
    Campaign,
    CampaignTarget,
    Certificate,
    CoursePage,
    LessonPage,
    LessonProgress,
    ResidentialGroup,
    Visit,
)

# --- learners ---------------------------------------------------------------------------


def lesson_states(*, request, lessons) -> dict[int, dict]:
    """{lesson id: {"done": bool, "percent": int | None}} for whoever is browsing."""
    ids = [lesson.id for lesson in lessons]
    if request.user.is_authenticated:
        rows = LessonProgress.objects.filter(user=request.user, lesson_id__in=ids)
        return {
            row.lesson_id: {"done": row.is_completed, "percent": row.best_percent} for row in rows
        }
    device = device_progress.read(request)
    return {
        lesson_id: {"done": bool(entry.get("done")), "percent": entry.get("percent")}
        for lesson_id, entry in device.items()
        if lesson_id in ids
    }


def course_progress_map(*, request, courses) -> dict[int, dict]:
    """{course id: {"done": n, "total": n}} for the course list."""
    lessons = list(LessonPage.objects.live().only("id", "path", "depth"))
    by_course: dict[int, list] = defaultdict(list)
    paths = {course.path: course.id for course in courses}
    for lesson in lessons:
        course_id = paths.get(lesson.path[: -LessonPage.steplen])
        if course_id is not None:
            by_course[course_id].append(lesson)
    states = lesson_states(request=request, lessons=[x for ls in by_course.values() for x in ls])
    return {
        course.id: {
            "total": len(by_course[course.id]),
            "done": sum(1 for x in by_course[course.id] if states.get(x.id, {}).get("done")),
        }
        for course in courses
    }


def course_overview(*, request, course: CoursePage) -> dict:
    lessons = list(course.lessons())
    states = lesson_states(request=request, lessons=lessons)
    certificate = None
    if request.user.is_authenticated:
        certificate = Certificate.objects.filter(user=request.user, course=course).first()
    done = sum(1 for lesson in lessons if states.get(lesson.id, {}).get("done"))
    return {
        "lessons": [(lesson, states.get(lesson.id, {})) for lesson in lessons],
        "done_count": done,
        "lesson_count": len(lessons),
        "certificate": certificate,
        "next_lesson": next(
            (lesson for lesson in lessons if not states.get(lesson.id, {}).get("done")), None
        ),
    }


def normalize_certificate_code(code: str) -> str:
    """ "cn-ab3d-ef4h-jk5m" → "AB3DEF4HJK5M" (the printed form, typed any way)."""
    normalized = "".join(ch for ch in code.upper() if ch.isalnum())
    return normalized[2:] if normalized.startswith("CN") and len(normalized) == 14 else normalized


def certificate_by_code(code: str) -> Certificate | None:
    normalized = normalize_certificate_code(code)
    if len(normalized) != 12:
        return None
    return Certificate.objects.filter(code=normalized).select_related("course").first()


# --- ambassadors ------------------------------------------------------------------------


def residents_of_ambassador(ambassador: User) -> QuerySet[User]:
    """Accounts of the residents this ambassador enrolled or logged a visit with."""
    return User.objects.filter(
        Q(enrolments__enrolled_by=ambassador) | Q(visits_received__ambassador=ambassador)
    ).distinct()


@dataclass
class ResidentRow:
    resident: User
    courses: list[tuple[CoursePage, int, int, bool]]  # course, done, total, certified


def residents_progress(ambassador: User) -> list[ResidentRow]:
    """The residents an ambassador helped and their progress in the courses they are
    enrolled in (or have started)."""
    residents = list(residents_of_ambassador(ambassador).order_by("first_name", "last_name"))
    if not residents:
        return []
    courses = list(CoursePage.objects.live().order_by("path"))
    lessons_by_course = {
        course.id: set(course.lessons().values_list("id", flat=True)) for course in courses
    }
    done: dict[int, set[int]] = defaultdict(set)
    for user_id, lesson_id in LessonProgress.objects.filter(
        user__in=residents, completed_at__isnull=False
    ).values_list("user_id", "lesson_id"):
        done[user_id].add(lesson_id)
    enrolled = defaultdict(set)
    for user_id, course_id in CoursePage.objects.filter(
        enrolments__resident__in=residents
    ).values_list("enrolments__resident_id", "id"):
        enrolled[user_id].add(course_id)
    certified = set(
        Certificate.objects.filter(user__in=residents).values_list("user_id", "course_id")
    )
    rows = []
    for resident in residents:
        row = []
        for course in courses:
            lesson_ids = lessons_by_course[course.id]
            count = len(done[resident.id] & lesson_ids)
            if course.id in enrolled[resident.id] or count:
                row.append((course, count, len(lesson_ids), (resident.id, course.id) in certified))
        rows.append(ResidentRow(resident=resident, courses=row))
    return rows


def visits_of_ambassador(ambassador: User) -> QuerySet[Visit]:
    return Visit.objects.filter(ambassador=ambassador).select_related("ward", "residential_group")


def chosen_groups_of_ambassador(ambassador: User) -> QuerySet[ResidentialGroup]:
    return ResidentialGroup.objects.filter(
        ambassadors__user=ambassador, ward__in=ambassador.ambassador_wards.all()
    )


def groups_of_ambassador(ambassador: User) -> QuerySet[ResidentialGroup]:
    """The groups the ambassador chose, or else every group of their wards."""
    chosen = chosen_groups_of_ambassador(ambassador)
    if chosen.exists():
        return chosen.select_related("ward")
    return ResidentialGroup.objects.filter(
        ward__in=ambassador.ambassador_wards.all()
    ).select_related("ward")


def ambassador_totals(ambassador: User) -> dict:
    totals = Visit.objects.filter(ambassador=ambassador).aggregate(
        households=Count("id"), residents=Sum("people_helped"), minutes=Sum("minutes")
    )
    return {key: value or 0 for key, value in totals.items()}


# --- organisers -------------------------------------------------------------------------


def organiser_province(user: User) -> Province | None:
    """The province a (non-administrator) organiser works in."""
    if user.role == Role.OVERSIGHT:
        return user.oversight_province
    if user.role == Role.COUNCIL_STAFF and user.council_id:
        return user.council.province
    return None


def is_organiser(user: User) -> bool:
    return user.is_authenticated and (
        user.role in (Role.ADMINISTRATOR, Role.OVERSIGHT, Role.COUNCIL_STAFF) or user.is_superuser
    )


def can_organise_in(user: User, province: Province) -> bool:
    if not is_organiser(user):
        return False
    if user.role == Role.ADMINISTRATOR or user.is_superuser:
        return True
    return organiser_province(user) == province


def campaigns_for_organiser(user: User) -> QuerySet[Campaign]:
    campaigns = Campaign.objects.select_related("province")
    if not is_organiser(user):
        return campaigns.none()
    if user.role == Role.ADMINISTRATOR or user.is_superuser:
        return campaigns
    if user.role == Role.OVERSIGHT:
        return campaigns.filter(province_id=user.oversight_province_id)
    council = user.council
    if council is None:
        return campaigns.none()
    if council.level == CouncilLevel.PROVINCE:
        return campaigns.filter(province_id=council.province_id)
    return campaigns.filter(Q(targets__ward_id=council.ward_id) | Q(created_by=user)).distinct()


@dataclass
class CoverageRow:
    label: str
    households: int
    residents: int
    skills: int
    households_target: int | None = None
    residents_target: int | None = None
    code: str = ""

    @property
    def households_percent(self) -> int | None:
        if not self.households_target:
            return None
        return round(100 * self.households / self.households_target)

    @property
    def residents_percent(self) -> int | None:
        if not self.residents_target:
            return None
        return round(100 * self.residents / self.residents_target)

    @property
    def bar_percent(self) -> int:
        """Width of the chart bar: share of the target, capped at 100."""
        return min(self.households_percent or 0, 100)


def _visit_sums(visits: QuerySet[Visit], key: str) -> dict:
    sums: dict = defaultdict(lambda: {"households": 0, "residents": 0, "skills": 0})
    for row_key, people, skills in visits.values_list(key, "people_helped", "skills"):
        entry = sums[row_key]
        entry["households"] += 1
        entry["residents"] += people
        entry["skills"] += len(skills or [])
    return sums


def campaign_coverage(campaign: Campaign) -> dict:
    """Coverage per ward (against the targets) and per residential group, and totals.

    A visit is one household; residents helped add up ``people_helped``; skills gained
    count each skill done together in a visit."""
    visits = Visit.objects.filter(campaign=campaign)
    targets = list(CampaignTarget.objects.filter(campaign=campaign).select_related("ward"))
    by_ward = _visit_sums(visits, "ward_id")
    wards = []
    seen = set()
    for target in targets:
        seen.add(target.ward_id)
        sums = by_ward.get(target.ward_id, {"households": 0, "residents": 0, "skills": 0})
        wards.append(
            CoverageRow(
                label=target.ward.name,
                code=target.ward.code,
                households_target=target.households,
                residents_target=target.residents,
                **sums,
            )
        )
    from core.models import Ward

    for ward in Ward.objects.filter(pk__in=set(by_ward) - seen):
        wards.append(CoverageRow(label=ward.name, code=ward.code, **by_ward[ward.pk]))
    by_group = _visit_sums(visits, "residential_group_id")
    group_names = {
        group.pk: str(group)
        for group in ResidentialGroup.objects.filter(
            pk__in=[k for k in by_group if k]
        ).select_related("ward")
    }
    from django.utils.translation import gettext as _

    groups = [
        CoverageRow(label=group_names.get(key) or _("No residential group given"), **sums)
        for key, sums in by_group.items()
    ]
    groups.sort(key=lambda row: row.label)
    skills = defaultdict(int)
    for visit_skills in visits.values_list("skills", flat=True):
        for skill in visit_skills or []:
            skills[skill] += 1
    skill_rows = [(label, skills.get(code, 0)) for code, label in Skill.choices]
    top = max([count for _label, count in skill_rows] + [1])
    total = CoverageRow(
        label=_("All wards"),
        households=sum(row.households for row in wards),
        residents=sum(row.residents for row in wards),
        skills=sum(row.skills for row in wards),
        households_target=sum(t.households for t in targets) or None,
        residents_target=sum(t.residents for t in targets) or None,
    )
    return {
        "wards": wards,
        "groups": groups,
        "skills": [(label, count, round(100 * count / top)) for label, count in skill_rows],
        "total": total,
        "group_top": max([row.households for row in groups] + [1]),
    }


def campaign_rankings(campaign: Campaign) -> list[dict]:
    """Ambassadors by households visited in the campaign (organisers only)."""
    rows = (
        Visit.objects.filter(campaign=campaign)
        .values("ambassador_id")
        .annotate(households=Count("id"), residents=Sum("people_helped"), minutes=Sum("minutes"))
        .order_by("-households", "-residents")
    )
    users = User.objects.in_bulk([row["ambassador_id"] for row in rows])
    return [{**row, "ambassador": users[row["ambassador_id"]]} for row in rows]


# --- officials' track -------------------------------------------------------------------


def councils_for_report(user: User) -> QuerySet[Council]:
    councils = Council.objects.select_related("province", "ward")
    if user.role == Role.ADMINISTRATOR or user.is_superuser:
        return councils
    if user.role == Role.OVERSIGHT:
        return councils.filter(province_id=user.oversight_province_id)
    if user.role == Role.COUNCIL_STAFF and user.council_id:
        return councils.filter(pk=user.council_id)
    return councils.none()


def officials_report(user: User) -> dict:
    """Per council: how many of its staff finished each officials' course. Councils
    without staff accounts are left out (there is nothing to report)."""
    courses = list(CoursePage.objects.live().filter(audience=Audience.OFFICIALS).order_by("path"))
    councils = (
        councils_for_report(user)
        .annotate(
            staff_count=Count(
                "staff", filter=Q(staff__role=Role.COUNCIL_STAFF, staff__is_active=True)
            )
        )
        .filter(staff_count__gt=0)
    )
    certified = defaultdict(int)
    for council_id, course_id in Certificate.objects.filter(
        course__in=courses, user__role=Role.COUNCIL_STAFF, user__council__in=councils
    ).values_list("user__council_id", "course_id"):
        certified[(council_id, course_id)] += 1
    rows = [
        {
            "council": council,
            "staff": council.staff_count,
            "cells": [
                (
                    certified[(council.pk, course.pk)],
                    round(100 * certified[(council.pk, course.pk)] / council.staff_count),
                )
                for course in courses
            ],
        }
        for council in councils
    ]
    return {"courses": courses, "rows": rows}
