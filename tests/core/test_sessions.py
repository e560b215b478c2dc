"""The session engine used with Redis: Django's cached_db, updating in one statement."""

from datetime import timedelta

import pytest
from django.contrib.sessions.backends.base import UpdateError
from django.contrib.sessions.models import Session

from core.sessions import SessionStore

pytestmark = pytest.mark.django_db


def test_a_new_session_is_created_then_updated_in_one_statement(django_assert_num_queries):
    store = SessionStore()
    store["draft"] = {"ward": "00167"}
    store.save()
    key = store.session_key
    assert SessionStore(key)["draft"] == {"ward": "00167"}

    again = SessionStore(key)
    del again["draft"]
    again["other"] = 1
    with django_assert_num_queries(1):  # no BEGIN / COMMIT around the UPDATE
        again.save()
    row = Session.objects.get(pk=key)
    assert row.get_decoded() == {"other": 1}
    assert abs(row.expire_date - again.get_expiry_date()) < timedelta(seconds=5)
    assert SessionStore(key).load() == {"other": 1}  # the cache was updated too


def test_a_session_deleted_meanwhile_is_not_written_again():
    store = SessionStore()
    store["a"] = 1
    store.save()
    Session.objects.filter(pk=store.session_key).delete()
    store["a"] = 2
    with pytest.raises(UpdateError):
        store.save()
    assert not Session.objects.exists()
