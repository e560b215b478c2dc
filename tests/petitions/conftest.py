import pytest

from core.choices import CouncilLevel
from core.models import Council
from petitions.choices import Status
from petitions.models import Petition, Topic
from petitions.services import petition_submit
from tests.factories import UserFactory


@pytest.fixture
def land(db) -> Topic:
    return Topic.objects.get(slug="dat-dai-nha-o")  # ward council, 20 working days


@pytest.fixture
def health(db) -> Topic:
    return Topic.objects.get(slug="y-te")  # province council, 20 working days


@pytest.fixture
def citizen(db):
    return UserFactory(email="lan@example.vn", first_name="Lan", last_name="Nguyễn Thị")


@pytest.fixture
def hanoi_council(hanoi) -> Council:
    return Council.objects.get(province__code="01", level=CouncilLevel.PROVINCE)


@pytest.fixture
def file_petition(cau_giay, land, citizen):
    """File a petition as a signed-in citizen (received at once); keyword overrides."""

    def _file(**overrides) -> Petition:
        values = {
            "ward": cau_giay,
            "topic": land,
            "title": "Chưa được cấp giấy chứng nhận quyền sử dụng đất",
            "description": "Hồ sơ nộp từ năm 2019, đến nay chưa có kết quả.",
            "contact_name": "Nguyễn Thị Lan",
            "contact_email": "lan@example.vn",
            "petitioner": citizen,
            **overrides,
        }
        return petition_submit(**values)

    return _file


@pytest.fixture
def unconfirmed_petition(cau_giay, land) -> Petition:
    """Filed without an account by phone, its code not entered yet."""
    return petition_submit(
        ward=cau_giay,
        topic=land,
        title="Rác thải ứ đọng đầu ngõ",
        description="Rác không được thu gom một tuần nay.",
        contact_name="Trần Văn Ba",
        contact_email="ba@example.vn",
        contact_phone="0912345678",
    )


def force_status(petition: Petition, status: Status, **fields) -> Petition:
    """Put a petition in a state for a test's starting point (bypasses the state machine)."""
    Petition.objects.filter(pk=petition.pk).update(status=status, **fields)
    petition.refresh_from_db()
    return petition


@pytest.fixture
def make_staff(db):
    """A person with an admin role and its scope, two-factor set up (as the admin requires)."""
    from allauth.mfa.totp.internal.auth import TOTP

    from accounts.choices import Role
    from accounts.services import user_assign_role
    from core import demo

    def _make(role=Role.COUNCIL_STAFF, *, council=None, province=None, **fields):
        user = user_assign_role(
            user=UserFactory(**fields), role=role, council=council, province=province
        )
        if role in (Role.COUNCIL_STAFF, Role.OVERSIGHT, Role.ADMINISTRATOR):
            TOTP.activate(user, demo.DEMO_TOTP_SECRET)
        return user

    return _make


@pytest.fixture
def staff(make_staff, cau_giay_council):
    return make_staff(council=cau_giay_council, first_name="Bình", last_name="Trần Thị")


def index(*petitions: Petition) -> None:
    """Write petitions to the search index now (it is written after commit, which a test
    inside a transaction never reaches)."""
    from search.documents import PETITION
    from search.services import documents_refresh

    documents_refresh(kind=PETITION, ids=[str(petition.pk) for petition in petitions])
