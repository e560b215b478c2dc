"""Reference data read on every petition (the working-day calendar, the competence matrix)
cached behind a version number: editing the data bumps the version, so a stale entry is
never read again, in any process (the cache is Redis in production)."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TypeVar

from django.core.cache import cache
from django.db import transaction

T = TypeVar("T")
_TIMEOUT = 24 * 3600


def versioned(namespace: str, key: str, compute: Callable[[], T]) -> T:
    version = cache.get(f"{namespace}:version")
    if version is None:
        cache.add(f"{namespace}:version", 1, timeout=None)
        version = cache.get(f"{namespace}:version", 1)
    full_key = f"{namespace}:v{version}:{key}"
    value = cache.get(full_key)
    if value is None:
        value = compute()
        cache.set(full_key, value, _TIMEOUT)
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
