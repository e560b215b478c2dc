import pytest
from django.db import connection

from core.models import Ward
from petitions.choices import Status
from petitions.models import Petition, Topic
from petitions.services import petition_publish, petition_submit
from search import selectors, services
from tests.factories import UserFactory

# title, description, ward code, topic slug, published, status
CORPUS = [
    (
        "Đất đai bị lấn chiếm ở ngõ 25",
        "Nhà bên cạnh xây tường lấn sang lối đi chung của xóm.",
        "00167",
        "dat-dai-nha-o",
        True,
        None,
    ),
    (
        "Chậm cấp giấy chứng nhận quyền sử dụng đất",
        "Hồ sơ nộp từ năm 2019, đến nay chưa có kết quả.",
        "00167",
        "dat-dai-nha-o",
        True,
        None,
    ),
    (
        "Đường Hoàng Quốc Việt bị hỏng nặng",
        "Mặt đường nhiều ổ gà, xe máy dễ ngã khi trời mưa.",
        "00167",
        "giao-thong-ha-tang",
        True,
        None,
    ),
    (
        "Rác thải ứ đọng đầu ngõ",
        "Rác không được thu gom một tuần nay, mùi hôi.",
        "00004",
        "moi-truong-ve-sinh",
        True,
        None,
    ),
    (
        "Giấy tờ nhà đất: xin chứng nhận lại",
        "Mất giấy, cần làm lại; phường trả lời chậm.",
        "00004",
        "dat-dai-nha-o",
        True,
        Status.ANSWERED,
    ),
    (
        "Tranh chấp đất đai chưa công khai",
        "Hai gia đình tranh chấp ranh giới đất.",
        "00167",
        "dat-dai-nha-o",
        False,
        None,
    ),
]
CONTACT_NAME = "Phạm Thị Hường"
CONTACT_EMAIL = "huong.rieng.tu@example.vn"


@pytest.fixture(params=["database", "elasticsearch"])
def backend(request, settings):
    """The contract suite runs on every backend available here."""
    if request.param == "elasticsearch":
        if not settings.ELASTICSEARCH_URL:
            pytest.skip("ELASTICSEARCH_URL is not set: no Elasticsearch server here")
        settings.SEARCH_ELASTICSEARCH_INDEX = "cutri-search-test"
        backend = selectors.backends()[-1]
        request.getfixturevalue("corpus")
        services.index_rebuild()
        backend.refresh()
        return backend
    return selectors.backends()[0]


@pytest.fixture
def citizen(db):
    return UserFactory(email="cong.dan.tim.kiem@example.vn")


@pytest.fixture
def topics(db) -> dict[str, Topic]:
    return {topic.slug: topic for topic in Topic.objects.all()}


@pytest.fixture
def corpus(hanoi, citizen, topics, django_capture_on_commit_callbacks) -> dict[str, Petition]:
    """Six petitions in Cầu Giấy and Ba Đình, five published, committed (their after-commit
    indexing runs) and then indexed again by a rebuild."""
    with django_capture_on_commit_callbacks(execute=True):
        petitions = _file_corpus(citizen, topics)
    services.index_rebuild()
    return petitions


def _file_corpus(citizen, topics) -> dict[str, Petition]:
    petitions = {}
    for title, description, ward_code, topic_slug, published, status in CORPUS:
        petition = petition_submit(
            ward=Ward.objects.get(code=ward_code),
            topic=topics[topic_slug],
            title=title,
            description=description,
            contact_name=CONTACT_NAME,
            contact_email=CONTACT_EMAIL,
            petitioner=citizen,
        )
        if published:
            petition = petition_publish(petition=petition)
        if status:
            Petition.objects.filter(pk=petition.pk).update(
                status=status, answer="Phường đã cấp lại bản sao trong tháng."
            )
        petitions[title] = petition
    return petitions


def titles(results) -> list[str]:
    return [hit.title for hit in results.hits]


@pytest.fixture
def on_postgres():
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only")
