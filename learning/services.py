"""Writes of the learning app: quiz grading and progress, certificates, residents
enrolled by ambassadors, visits, campaigns and their ward targets.

Quizzes are graded here from the answers stored in the lesson, never from anything the
browser claims; a tampered answer is refused before anything is written. Every other
change is atomic and leaves an entry in Wagtail's audit log.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from accounts import services as account_services
from accounts.choices import Role
from accounts.models import User
from core.models import Province, Ward
from learning import selectors
from learning.choices import MASTERY_PERCENT, Skill
from learning.models import (
    Campaign,
    CampaignTarget,
    Certificate,
    CoursePage,
    Enrolment,
    LessonPage,
    LessonProgress,
    ResidentialGroup,
    Visit,
)
from petitions.services import TRACKING_ALPHABET

CERTIFICATE_CODE_LENGTH = 12  # 29 symbols ^ 12 ≈ 58 bits: not guessable at any rate limit


class QuizTampered(ValidationError):
    """The answers name a question or an answer this lesson's quiz does not have."""


@dataclass
class QuestionFeedback:
    id: str
    chosen: str | None
    correct: str
    is_correct: bool
    explanation: str


@dataclass
class QuizResult:
    feedback: dict[str, QuestionFeedback] = field(default_factory=dict)
    correct: int = 0
    total: int = 0
    missing: list[str] = field(default_factory=list)

    @property
    def percent(self) -> int:
        return round(100 * self.correct / self.total) if self.total else 0

    @property
    def mastered(self) -> bool:
        return not self.missing and self.percent >= MASTERY_PERCENT


def new_certificate_code() -> str:
    return "".join(secrets.choice(TRACKING_ALPHABET) for _ in range(CERTIFICATE_CODE_LENGTH))


def quiz_grade(*, lesson: LessonPage, answers: Mapping[str, str]) -> QuizResult:
    """Grade ``answers`` ({question id: answer id}) against the lesson's stored quiz.

    Unknown question ids (another lesson's, or invented) and answer ids that are not
    among the question's answers raise ``QuizTampered``; unanswered questions are
    listed in ``missing`` so the form can ask for them."""
    quiz = lesson.quiz()
    if quiz is None:
        raise QuizTampered(_("This lesson has no quiz."))
    questions = {question.id: question for question in quiz["questions"].bound_blocks}
    unknown = set(answers) - set(questions)
    if unknown:
        raise QuizTampered(
            _("Your answers do not match this lesson's questions. Reload the page and try again.")
        )
    result = QuizResult(total=len(questions))
    for question_id, question in questions.items():
        choices = {choice.id: choice.value for choice in question.value["choices"].bound_blocks}
        correct = next(cid for cid, choice in choices.items() if choice["is_correct"])
        chosen = answers.get(question_id) or None
        if chosen is None:
            result.missing.append(question_id)
        elif chosen not in choices:
            raise QuizTampered(
                _("One answer is not among this question's answers. Reload the page and try again.")
            )
        is_correct = chosen == correct
        result.correct += is_correct
        result.feedback[question_id] = QuestionFeedback(
            id=question_id,
            chosen=chosen,
            correct=correct,
            is_correct=is_correct,
            explanation=question.value["explanation"],
        )
    return result


def _progress_for_update(user: User, lesson: LessonPage) -> LessonProgress:
    progress, _created = LessonProgress.objects.select_for_update().get_or_create(
        user=user, lesson=lesson
    )
    return progress


@transaction.atomic
def lesson_record_quiz(*, user: User, lesson: LessonPage, result: QuizResult) -> LessonProgress:
    """Keep the best score; a mastered quiz completes the lesson (and maybe the course)."""
    progress = _progress_for_update(user, lesson)
    progress.attempts += 1
    progress.best_percent = max(progress.best_percent or 0, result.percent)
    if result.mastered and progress.completed_at is None:
        progress.completed_at = timezone.now()
    progress.save()
    if progress.completed_at is not None:
        certificate_issue_if_complete(user=user, course=lesson.get_parent().specific)
    return progress


@transaction.atomic
def lesson_complete(*, user: User, lesson: LessonPage) -> LessonProgress:
    """ "I have finished this lesson": only for lessons without a quiz (a quiz must be
    mastered instead)."""
    if lesson.quiz() is not None:
        raise ValidationError(_("Answer the quiz to finish this lesson."))
    progress = _progress_for_update(user, lesson)
    if progress.completed_at is None:
        progress.completed_at = timezone.now()
        progress.save()
    certificate_issue_if_complete(user=user, course=lesson.get_parent().specific)
    return progress


@transaction.atomic
def progress_merge_device(*, user: User, device: Mapping[int, dict]) -> int:
    """Move progress remembered on a device into the account (after signing in). Keeps
    the better of the two for each lesson. Returns how many lessons were merged."""
    lessons = LessonPage.objects.live().in_bulk(list(device))
    courses = set()
    for lesson_id, lesson in lessons.items():
        entry = device[lesson_id]
        progress = _progress_for_update(user, lesson)
        if entry.get("percent") is not None:
            progress.best_percent = max(progress.best_percent or 0, entry["percent"])
        progress.attempts += entry.get("attempts", 0)
        if entry.get("done") and progress.completed_at is None:
            progress.completed_at = timezone.now()
        progress.save()
        courses.add(lesson.get_parent().id)
    for course in CoursePage.objects.filter(id__in=courses):
        certificate_issue_if_complete(user=user, course=course)
    return len(lessons)


@transaction.atomic
def certificate_issue_if_complete(*, user: User, course: CoursePage) -> Certificate | None:
    """Issue the course certificate once every live lesson is completed (idempotent)."""
    existing = Certificate.objects.filter(user=user, course=course).first()
    if existing is not None:
        return existing
    lesson_ids = set(course.lessons().values_list("id", flat=True))
    done = set(
        LessonProgress.objects.filter(
            user=user, lesson_id__in=lesson_ids, completed_at__isnull=False
        ).values_list("lesson_id", flat=True)
    )
    if not lesson_ids or done != lesson_ids:
        return None
    for _attempt in range(5):
        try:
            with transaction.atomic():
                certificate = Certificate.objects.create(
                    code=new_certificate_code(),
                    user=user,
                    course=course,
                    full_name=user.get_full_name() or user.email.split("@")[0],
                    course_title=course.title,
                )
            break
        except IntegrityError:  # a code collided, or a parallel request issued it first
            existing = Certificate.objects.filter(user=user, course=course).first()
            if existing is not None:
                return existing
    else:
        raise RuntimeError("Could not draw a unique certificate code.")
    log(instance=certificate, action="learning.certificate_issue", user=user)
    return certificate


def _require_ambassador(user: User) -> None:
    if user.role != Role.AMBASSADOR:
        raise ValidationError(_("Only digital ambassadors can do this."))


@transaction.atomic
def resident_enrol(
    *,
    ambassador: User,
    full_name: str,
    email: str,
    phone: str = "",
    course: CoursePage,
    consent: bool,
) -> Enrolment:
    """Create an account for a resident (they sign in later with a code sent by e-mail)
    and enrol them in ``course``. Needs the resident's consent; an address that already
    has an account is refused (the resident signs in themselves)."""
    _require_ambassador(ambassador)
    if not consent:
        raise ValidationError(_("Record the resident's consent before creating their account."))
    if User.objects.filter(email__iexact=email.strip()).exists():
        raise ValidationError(
            _(
                "This e-mail address already has an account. Ask the resident to sign in "
                "with it; their progress is kept there."
            )
        )
    resident = account_services.user_create(email=email.strip(), full_name=full_name)
    if phone:
        resident.phone = phone
        resident.save(update_fields=["phone"])
    enrolment = Enrolment.objects.create(
        resident=resident, course=course, enrolled_by=ambassador, consent_at=timezone.now()
    )
    log(instance=enrolment, action="learning.enrol", user=ambassador, data={"course": course.pk})
    return enrolment


@transaction.atomic
def visit_record(
    *,
    ambassador: User,
    ward: Ward,
    resident_name: str = "",
    resident_phone: str = "",
    resident: User | None = None,
    residential_group: ResidentialGroup | None = None,
    consent: bool,
    skills: Iterable[str],
    minutes: int,
    people_helped: int = 1,
    follow_up_on: date | None = None,
    visited_on: date | None = None,
) -> Visit:
    """Log one household visit. Refused for a ward the ambassador does not cover, a
    group outside that ward, a resident they did not enrol or help, or without consent."""
    _require_ambassador(ambassador)
    if not ambassador.ambassador_wards.filter(pk=ward.pk).exists():
        raise ValidationError(
            _("You do not cover %(ward)s. Choose one of your wards.") % {"ward": ward.name}
        )
    if residential_group is not None and residential_group.ward_id != ward.pk:
        raise ValidationError(_("This residential group is not in %(ward)s.") % {"ward": ward.name})
    if not consent:
        raise ValidationError(_("Ask the resident for their consent and tick the box."))
    if resident is not None:
        if not selectors.residents_of_ambassador(ambassador).filter(pk=resident.pk).exists():
            raise ValidationError(_("Choose one of the residents you have helped."))
        resident_name = resident_name or resident.get_full_name() or resident.email
        resident_phone = resident_phone or resident.phone
    if not resident_name.strip():
        raise ValidationError(_("Enter the resident's name or choose an enrolled resident."))
    skills = list(dict.fromkeys(skills))
    if set(skills) - set(Skill.values):
        raise ValidationError(_("Choose skills from the list."))
    today = timezone.localdate()
    visited_on = visited_on or today
    if follow_up_on is not None and follow_up_on < visited_on:
        raise ValidationError(_("The follow-up date cannot be before the visit."))
    campaign = (
        Campaign.objects.filter(
            province_id=ward.province_id, starts_on__lte=visited_on, ends_on__gte=visited_on
        )
        .order_by("-starts_on")
        .first()
    )
    visit = Visit.objects.create(
        ambassador=ambassador,
        ward=ward,
        residential_group=residential_group,
        campaign=campaign,
        resident=resident,
        resident_name=resident_name.strip(),
        resident_phone=resident_phone.strip(),
        people_helped=people_helped,
        skills=skills,
        minutes=minutes,
        follow_up_on=follow_up_on,
        consent_at=timezone.now(),
        visited_on=visited_on,
    )
    log(instance=visit, action="learning.visit_record", user=ambassador)
    return visit


@transaction.atomic
def ambassador_set_groups(
    *, ambassador: User, groups: Iterable[ResidentialGroup], organisation: str | None = None
):
    """Set the residential groups an ambassador visits (all within their wards)."""
    from learning.models import AmbassadorProfile

    _require_ambassador(ambassador)
    groups = list(groups)
    ward_ids = set(ambassador.ambassador_wards.values_list("pk", flat=True))
    if any(group.ward_id not in ward_ids for group in groups):
        raise ValidationError(_("Residential groups must be in the wards the ambassador covers."))
    profile, _created = AmbassadorProfile.objects.get_or_create(user=ambassador)
    if organisation is not None:
        profile.organisation = organisation
        profile.save()
    profile.residential_groups.set(groups)
    return profile


@transaction.atomic
def campaign_create(
    *, by: User, name: str, starts_on: date, ends_on: date, province: Province | None = None
) -> Campaign:
    """Organisers start a campaign in their province (administrators name one)."""
    province = selectors.organiser_province(by) or province
    if province is None or not selectors.can_organise_in(by, province):
        raise ValidationError(_("You cannot organise a campaign here."))
    if ends_on < starts_on:
        raise ValidationError(_("The campaign must end after it starts."))
    campaign = Campaign.objects.create(
        name=name, province=province, starts_on=starts_on, ends_on=ends_on, created_by=by
    )
    log(instance=campaign, action="learning.campaign_create", user=by)
    return campaign


@transaction.atomic
def campaign_set_target(
    *, by: User, campaign: Campaign, ward: Ward, households: int, residents: int
) -> CampaignTarget:
    if not selectors.campaigns_for_organiser(by).filter(pk=campaign.pk).exists():
        raise ValidationError(_("You do not organise this campaign."))
    if ward.province_id != campaign.province_id:
        raise ValidationError(
            _("%(ward)s is not in %(province)s.")
            % {"ward": ward.name, "province": campaign.province.name}
        )
    target, _created = CampaignTarget.objects.update_or_create(
        campaign=campaign, ward=ward, defaults={"households": households, "residents": residents}
    )
    # Visits in this ward during the campaign count towards it from now on.
    Visit.objects.filter(
        ward=ward,
        visited_on__gte=campaign.starts_on,
        visited_on__lte=campaign.ends_on,
        campaign__isnull=True,
    ).update(campaign=campaign)
    log(
        instance=campaign,
        action="learning.campaign_target",
        user=by,
        data={"ward": ward.code, "households": households, "residents": residents},
    )
    return target
