"""Which outside services this run has, and what to do when one is missing.

A test that needs PostgreSQL, Redis or Chromium calls ``require(...)``: on a laptop
without the service it is skipped with the reason; where REQUIRE_SERVICES names the
service (CI does), its absence fails the test instead, so CI never skips silently.
"""

import os
import shutil
import socket
from functools import cache
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.db import connection

CHROMIUM_PATH = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")


def _required() -> set[str]:
    return {
        name.strip() for name in os.environ.get("REQUIRE_SERVICES", "").split(",") if name.strip()
    }


@cache
def _reachable(url: str) -> bool:
    parts = urlsplit(url)
    try:
        with socket.create_connection(
            (parts.hostname or "127.0.0.1", parts.port or 6379), timeout=1
        ):
            return True
    except OSError:
        return False


def available(service: str) -> tuple[bool, str]:
    if service == "postgres":
        return connection.vendor == "postgresql", "needs PostgreSQL: set DATABASE_URL=postgres://…"
    if service == "redis":
        url = settings.REDIS_URL
        if not url:
            return False, "needs Redis: set REDIS_URL=redis://…"
        return _reachable(url), f"needs Redis at {url}, which does not answer"
    if service == "chromium":
        found = os.path.exists(CHROMIUM_PATH) or shutil.which(CHROMIUM_PATH)
        return bool(found), f"needs Chromium at {CHROMIUM_PATH} (apt-get install chromium)"
    raise ValueError(service)


def require(service: str) -> None:
    ok, reason = available(service)
    if ok:
        return
    if service in _required():
        pytest.fail(f"REQUIRE_SERVICES includes {service}, but the test {reason}")
    pytest.skip(reason)
