"""PostgreSQL specifics of the database backend: the word list behind as-you-type."""

import pytest
from django.db import connection

from search import selectors
from search.backends import database
from tests.search.conftest import titles

pytestmark = pytest.mark.django_db


def _words(prefix):
    with connection.cursor() as cursor:
        return database._pg_completions(cursor, prefix)


def test_the_word_list_follows_inserts_and_updates(corpus, on_postgres):
    assert "thai" in _words("tha")
    petition = corpus["Rác thải ứ đọng đầu ngõ"]
    petition.title = "Rác thải ứ đọng đầu ngõ xyzzyq"
    petition.save()
    from search import services

    services.documents_refresh(kind="petition", ids=[str(petition.pk)])
    assert _words("xyzz") == ["xyzzyq"]
    assert titles(selectors.search_public("rac xyzz")) == [petition.title]


def test_a_short_prefix_with_many_words_is_a_tsquery_prefix(corpus, on_postgres, monkeypatch):
    monkeypatch.setattr(database, "MAX_COMPLETIONS", 1)
    assert _words("t") is None
    assert "Rác thải ứ đọng đầu ngõ" in titles(selectors.search_public("rac t"))


def test_tsquery_uses_the_completions():
    parsed = database.Parsed(terms=("mat", "duong", "sut", "lu"), phrases=())
    assert database.tsquery(parsed, "all") == "mat & duong & sut & lu:*"
    assert database.tsquery(parsed, "all", ["lu"]) == "mat & duong & sut & lu"
    assert database.tsquery(parsed, "all", ["lu", "lun"]) == "mat & duong & sut & (lu | lun)"
