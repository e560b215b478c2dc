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


def test_codes_are_not_completions_but_still_found(corpus, on_postgres):
    from petitions.models import Petition
    from search import services

    petition = corpus["Rác thải ứ đọng đầu ngõ"]
    Petition.objects.filter(pk=petition.pk).update(tracking_code="THA2KMNPQRST")
    services.documents_refresh(kind="petition", ids=[str(petition.pk)])
    assert "thai" in _words("tha")
    assert "tha2kmnpqrst" not in _words("tha")  # "tha" completes to words, not codes
    for typed in ("THA2KMNPQRST", "rac tha2km"):  # a code whole, or its beginning
        assert petition.title in titles(selectors.search_public(typed))


def test_a_short_prefix_with_many_words_is_a_tsquery_prefix(corpus, on_postgres, monkeypatch):
    monkeypatch.setattr(database, "MAX_COMPLETIONS", 1)
    assert _words("t") is None
    assert "Rác thải ứ đọng đầu ngõ" in titles(selectors.search_public("rac t"))


def test_tsquery_uses_the_completions():
    parsed = database.Parsed(terms=("mat", "duong", "sut", "lu"), phrases=())
    assert database.tsquery(parsed, "all") == "mat & duong & sut & lu:*"
    assert database.tsquery(parsed, "all", ["lu"]) == "mat & duong & sut & lu"
    assert database.tsquery(parsed, "all", ["lu", "lun"]) == "mat & duong & sut & (lu | lun)"


def test_common_words_are_checked_on_the_rows_not_in_the_index():
    parsed = database.Parsed(terms=("truong", "hoc", "qua", "tai"), phrases=())
    shares = {"tai": 1.0, "hoc": 0.2}
    assert database.indexed_tsquery(parsed, ["tai"], shares) == "truong & hoc & qua"
    assert database.indexed_tsquery(parsed, None, {}) == "truong & hoc & qua"  # tai:*
    assert database.indexed_tsquery(parsed, ["tai"], {}) is None
    assert database.indexed_tsquery(parsed, ["tai"], dict.fromkeys(parsed.terms, 0.9)) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("rác thu gom ngõ", {"Rác thải ứ đọng đầu ngõ"}),
        ("rác thu gom bệnh viện", set()),
        ('"giấy chứng nhận" đất', {"Chậm cấp giấy chứng nhận quyền sử dụng đất"}),
    ],
)
def test_common_words_still_have_to_match(corpus, on_postgres, monkeypatch, text, expected):
    shares = {"ngo": 0.9, "thu": 0.9, "vien": 0.9, "giay": 0.9, "dat": 0.9}
    monkeypatch.setattr(database, "_pg_word_shares", lambda cursor: shares)
    assert set(titles(selectors.search_public(text))) == expected
