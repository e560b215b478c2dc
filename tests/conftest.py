import pytest
from django.core.cache import cache
from vietnam_provinces import Province as SourceProvince
from vietnam_provinces import Ward as SourceWard

from core.models import Council, Ward
from core.services import places_sync

HANOI = 1


@pytest.fixture(autouse=True)
def _clear_cache():
    # Rate limits and one-time codes live in the cache; each test starts clean.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def hanoi(db):
    """Hà Nội and its 126 wards with their councils, loaded by the real loader."""
    places_sync(
        provinces=[SourceProvince.from_code(HANOI)],
        wards=list(SourceWard.iter_by_province(HANOI)),
    )


@pytest.fixture
def cau_giay(hanoi) -> Ward:
    return Ward.objects.get(code="00167")


@pytest.fixture
def cau_giay_council(cau_giay) -> Council:
    return cau_giay.council
