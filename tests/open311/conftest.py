import pytest

from open311 import services
from petitions.choices import Status
from petitions.models import Petition
from tests.petitions import conftest as _petitions

# The petitions' fixtures, shared (pytest finds fixtures by their name in a conftest).
citizen = _petitions.citizen
file_petition = _petitions.file_petition
force_status = _petitions.force_status
hanoi_council = _petitions.hanoi_council
health = _petitions.health
land = _petitions.land
make_staff = _petitions.make_staff
staff = _petitions.staff

PETITIONER = {
    "contact_name": "Nguyễn Thị Lan",
    "contact_email": "lan@example.vn",
    "contact_phone": "0912345678",
}


@pytest.fixture
def petition(file_petition) -> Petition:
    """A received petition of Phường Cầu Giấy, filed by a signed-in citizen."""
    return file_petition(**PETITIONER)


@pytest.fixture
def published(file_petition) -> Petition:
    petition = file_petition(title="Vỉa hè bị lấn chiếm", location="Số 5 phố Duy Tân")
    return force_status(petition, Status.IN_PROGRESS, is_published=True)


@pytest.fixture
def trusted_key(db):
    return services.api_key_issue(name="Cổng dịch vụ công thử nghiệm", is_trusted=True)


@pytest.fixture
def partner_key(db):
    return services.api_key_issue(name="Báo điện tử thử nghiệm")
