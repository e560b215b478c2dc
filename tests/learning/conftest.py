import pytest
from allauth.mfa.totp.internal.auth import TOTP

from accounts.choices import Role
from accounts.services import user_assign_role
from core import demo
from core.choices import CouncilLevel
from core.models import Council, Ward
from learning import demo as learning_demo
from learning.models import CoursePage, LessonPage
from tests.factories import UserFactory


@pytest.fixture
def courses(hanoi):
    """The demo course index and courses, as `make run` creates them."""
    demo.load_demo_content()
    learning_demo.load_demo_courses()
    return CoursePage.objects.order_by("path")


@pytest.fixture
def scam_course(courses) -> CoursePage:
    return courses.get(slug="phong-tranh-lua-dao-bao-ve-ma-otp")


@pytest.fixture
def scam_lesson(scam_course) -> LessonPage:
    return scam_course.lessons().first()


@pytest.fixture
def portal_lessons(courses) -> list[LessonPage]:
    return list(courses.get(slug="tao-tai-khoan-tren-cong-dich-vu-cong-quoc-gia").lessons())


def right_answers(lesson: LessonPage) -> dict[str, str]:
    """{"q-<question id>": "<right answer id>"} as the quiz form posts it."""
    answers = {}
    for question in lesson.quiz()["questions"].bound_blocks:
        right = next(c for c in question.value["choices"].bound_blocks if c.value["is_correct"])
        answers[f"q-{question.id}"] = right.id
    return answers


def wrong_answers(lesson: LessonPage) -> dict[str, str]:
    answers = {}
    for question in lesson.quiz()["questions"].bound_blocks:
        wrong = next(c for c in question.value["choices"].bound_blocks if not c.value["is_correct"])
        answers[f"q-{question.id}"] = wrong.id
    return answers


@pytest.fixture
def learner(db):
    return UserFactory(email="hoa@example.vn", first_name="Hoa", last_name="Trần Thị")


def make_ambassador(*wards, email=None):
    user = UserFactory(**({"email": email} if email else {}))
    user_assign_role(user=user, role=Role.AMBASSADOR, wards=wards)
    return user


@pytest.fixture
def ambassador(cau_giay):
    return make_ambassador(cau_giay, email="duc@example.vn")


@pytest.fixture
def dong_da(hanoi) -> Ward:
    return Ward.objects.get(code="00235")  # Phường Đống Đa


def make_staff(council: Council):
    user = UserFactory()
    user_assign_role(user=user, role=Role.COUNCIL_STAFF, council=council)
    TOTP.activate(user, demo.DEMO_TOTP_SECRET)  # staff must have a second factor
    return user


@pytest.fixture
def hanoi_council(hanoi) -> Council:
    return Council.objects.get(province__code="01", level=CouncilLevel.PROVINCE)
