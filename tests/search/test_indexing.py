"""Indexing: after commit, coalesced per transaction, idempotent; rebuild and catch-up;
Elasticsearch outages fall back to the database."""

import logging

import pytest
from django.core.management import call_command
from django.db import transaction

from core import demo
from petitions.models import Petition
from petitions.services import petition_publish
from search import documents, selectors, services, tasks
from search.backends import elasticsearch as es
from search.models import SearchDocument
from tests.search.conftest import CONTACT_EMAIL, CONTACT_NAME, titles

pytestmark = pytest.mark.django_db


@pytest.fixture
def spy_delay(monkeypatch):
    calls = []
    original = tasks.refresh_documents.delay

    def delay(kind, ids):
        calls.append((kind, list(ids)))
        return original(kind, ids)

    monkeypatch.setattr(tasks.refresh_documents, "delay", delay)
    return calls


def test_a_publication_is_indexed_after_commit(corpus, django_capture_on_commit_callbacks):
    petition = corpus["Tranh chấp đất đai chưa công khai"]
    with django_capture_on_commit_callbacks(execute=True):
        petition_publish(petition=petition)
        assert "Tranh chấp đất đai chưa công khai" not in titles(
            selectors.search_public("tranh chap")
        )
    assert titles(selectors.search_public("tranh chap")) == ["Tranh chấp đất đai chưa công khai"]

    with django_capture_on_commit_callbacks(execute=True):
        petition_publish(petition=petition, publish=False)
    assert selectors.search_public("tranh chap").total == 0
    assert selectors.search_staff("tranh chap", council_ids=[petition.council_id]).total == 1


def test_changes_of_one_transaction_are_queued_once(
    corpus, spy_delay, django_capture_on_commit_callbacks
):
    petitions = list(corpus.values())[:3]
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        for petition in petitions * 2:
            petition.title = petition.title + "!"
            petition.save()
    assert spy_delay == [("petition", sorted(str(p.pk) for p in petitions))]
    assert SearchDocument.objects.get(object_id=str(petitions[0].pk)).title.endswith("!!")


def test_a_rolled_back_transaction_does_not_swallow_the_next_one(
    corpus, spy_delay, django_capture_on_commit_callbacks
):
    petition = next(iter(corpus.values()))
    with django_capture_on_commit_callbacks(execute=True):
        try:
            with transaction.atomic():
                petition.save()
                raise RuntimeError
        except RuntimeError:
            pass
        with transaction.atomic():
            petition.save()
    assert spy_delay == [("petition", [str(petition.pk)])]


def test_refreshing_is_idempotent(corpus):
    ids = [str(petition.pk) for petition in corpus.values()]
    rows = SearchDocument.objects.filter(kind="petition").order_by("pk")
    services.documents_refresh(kind="petition", ids=ids)
    first = list(rows.values("object_id", "folded", "is_public"))
    services.documents_refresh(kind="petition", ids=ids)
    assert list(rows.values("object_id", "folded", "is_public")) == first
    assert len(first) == 6


def test_no_personal_data_in_the_index(corpus):
    for row in SearchDocument.objects.all():
        stored = " ".join([row.title, row.body, row.folded, row.url])
        assert CONTACT_EMAIL not in stored
        assert "pham" not in row.folded.split()
        assert CONTACT_NAME not in stored


def test_rebuild_command_shows_progress_and_drops_stale_documents(corpus, capsys):
    SearchDocument.objects.create(
        kind="petition", object_id="999999", title="x", updated_at="2020-01-01T00:00Z"
    )
    call_command("rebuild_search_index", "--kind", "petition")
    out = capsys.readouterr().out
    assert "[####" in out and "petition: 6 documents" in out
    assert not SearchDocument.objects.filter(object_id="999999").exists()


def test_rebuild_command_refuses_an_unknown_kind(db):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("rebuild_search_index", "--kind", "nothing")


def test_catch_up_indexes_what_no_signal_announced(corpus):
    petition = corpus["Rác thải ứ đọng đầu ngõ"]
    Petition.objects.filter(pk=petition.pk).update(title="Rác thải ứ đọng cuối ngõ")  # no signal
    assert selectors.search_public("cuoi ngo").total == 0
    tasks.catch_up()
    assert titles(selectors.search_public("cuoi ngo")) == ["Rác thải ứ đọng cuối ngõ"]


@pytest.fixture
def unreachable_elasticsearch(settings):
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"  # nothing listens on the discard port
    es.client.cache_clear()
    yield
    es.client.cache_clear()


def test_search_answers_from_the_database_when_elasticsearch_is_down(
    corpus, unreachable_elasticsearch, caplog
):
    with caplog.at_level(logging.WARNING, logger="search"):
        results = selectors.search_public("dat dai")
    assert results.backend == "database"
    assert "Đất đai bị lấn chiếm ở ngõ 25" in titles(results)
    assert "Elasticsearch unavailable" in caplog.text


def test_indexing_goes_on_in_the_database_when_elasticsearch_is_down(
    corpus, unreachable_elasticsearch, caplog
):
    petition = corpus["Rác thải ứ đọng đầu ngõ"]
    Petition.objects.filter(pk=petition.pk).update(title="Rác ở ngõ 7")
    with caplog.at_level(logging.WARNING, logger="search"):
        services.documents_refresh(kind="petition", ids=[str(petition.pk)])
        services.index_catch_up()
    assert SearchDocument.objects.get(object_id=str(petition.pk)).title == "Rác ở ngõ 7"
    assert "catch-up" in caplog.text


def test_pages_are_found_by_site_search_and_leave_when_unpublished(
    db, django_capture_on_commit_callbacks
):
    demo.load_demo_content()
    services.index_rebuild(kinds=[documents.PAGE])
    results = selectors.search_site("gioi thieu")
    assert "Giới thiệu" in titles(results)
    page = next(hit for hit in results.hits if hit.title == "Giới thiệu")
    assert page.kind == "page" and page.url.startswith("/")
    from wagtail.models import Page

    with django_capture_on_commit_callbacks(execute=True):
        Page.objects.get(pk=page.object_id).unpublish()
    assert "Giới thiệu" not in titles(selectors.search_site("gioi thieu"))


def test_another_app_registers_a_kind(db):
    def course_documents(ids):
        yield documents.Document(
            kind="course", object_id="1", title="Đăng ký khai sinh trực tuyến", url="/hoc/1/"
        )

    documents.register("course", label="Courses", documents=course_documents)
    try:
        services.documents_refresh(kind="course", ids=["1"])
        assert titles(selectors.search_site("dang ky khai sinh")) == [
            "Đăng ký khai sinh trực tuyến"
        ]
        assert titles(selectors.search_site("dang ky", kinds=["page"])) == []
    finally:
        documents._REGISTRY.pop("course")


def test_a_deleted_page_leaves_the_index(db, django_capture_on_commit_callbacks):
    from wagtail.models import Page

    demo.load_demo_content()
    services.index_rebuild(kinds=[documents.PAGE])
    page = Page.objects.get(title="Giới thiệu")
    with django_capture_on_commit_callbacks(execute=True):
        page.delete()
    assert not SearchDocument.objects.filter(kind="page", object_id=str(page.pk)).exists()
