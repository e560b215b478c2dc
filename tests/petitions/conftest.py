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
