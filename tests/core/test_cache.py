"""The versioned cache of reference data, and the Redis cache backend of the settings."""

import pytest
from django.core.cache import cache

from core.cache import invalidate, versioned
from tests.services import require


def _counting(value):
    calls = []

    def compute():
        calls.append(1)
        return value

    return compute, calls


def test_a_value_is_computed_once_until_its_namespace_changes(
    db, django_capture_on_commit_callbacks
):
    compute, calls = _counting({"rule": 1})
    assert versioned("test-ns", "a", compute) == {"rule": 1}
    assert versioned("test-ns", "a", compute) == {"rule": 1}
    assert len(calls) == 1

    with django_capture_on_commit_callbacks(execute=True):
        invalidate("test-ns")
    assert versioned("test-ns", "a", compute) == {"rule": 1}
    assert len(calls) == 2


def test_none_is_cached_too():
    compute, calls = _counting(None)
    assert versioned("test-ns", "missing", compute) is None
    assert versioned("test-ns", "missing", compute) is None
    assert len(calls) == 1


def test_an_entry_computed_before_a_change_is_never_served_after_it():
    # What a reader computed while a writer's transaction was still open (stored with the
    # version it read) is recomputed once the version moved on.
    versioned("test-ns", "k", lambda: "old")
    cache.incr("test-ns:version")
    assert versioned("test-ns", "k", lambda: "new") == "new"
    assert versioned("test-ns", "k", lambda: "newer") == "new"


@pytest.mark.redis
def test_the_redis_backend_keeps_one_client():
    require("redis")
    client = cache._cache.get_client("key")
    assert cache._cache.get_client("other", write=True) is client
    cache.set("test-key", {"a": 1})
    assert cache.get("test-key") == {"a": 1}
