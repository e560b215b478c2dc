"""Reference data read on every petition (the working-day calendar, the competence matrix)
cached behind a version number: editing the data bumps the version, so a stale entry is
never read again, in any process (the cache is Redis in production).

Also the Redis cache backend of the settings: Django's, keeping one client per process."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TypeVar

from django.core.cache import cache
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from django.db import transaction

T = TypeVar("T")
_TIMEOUT = 24 * 3600


def versioned(namespace: str, key: str, compute: Callable[[], T]) -> T:
    """The cached value of ``key``, computed afresh once ``namespace`` was invalidated.

    One round trip to the cache: the version and the entry are read together, and an
    entry carries the version it was computed under (a value of None is cached too)."""
    version_key, entry_key = f"{namespace}:version", f"{namespace}:{key}"
    found = cache.get_many([version_key, entry_key])
    version = found.get(version_key)
    if version is None:
        cache.add(version_key, 1, timeout=None)
        version = cache.get(version_key, 1)
    entry = found.get(entry_key)
    if entry is not None and entry[0] == version:
        return entry[1]
    value = compute()
    cache.set(entry_key, (version, value), _TIMEOUT)
    return value


def invalidate(namespace: str) -> None:
    """Bump the version now and again when the transaction commits (a reader between the
    two could have cached what the transaction had not yet made visible)."""
    _bump(namespace)
    transaction.on_commit(partial(_bump, namespace))


def _bump(namespace: str) -> None:
    try:
        cache.incr(f"{namespace}:version")
    except ValueError:
        cache.set(f"{namespace}:version", 2, timeout=None)


class _ReusedClient(RedisCacheClient):
    """Django builds a new ``redis.Redis`` for every cache call, and redis-py 8 spends
    about 0.3 ms of CPU building one (its table of response callbacks) — more than the
    round trip itself. A client is thread-safe over its connection pool: keep one per pool."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients: dict[int, object] = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)  # kept for the life of the process
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class ReusedClientRedisCache(RedisCache):
    """``django.core.cache.backends.redis.RedisCache`` with one client per pool."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = _ReusedClient

    def redis_client(self):
        """The redis-py client itself, for what the cache API lacks (core.batching's lists)."""
        return self._cache.get_client(write=True)
