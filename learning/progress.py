"""Progress of a learner without an account, remembered on their device.

A signed cookie (no JavaScript needed) holds {lesson id: {"done", "percent",
"attempts"}}; it cannot be forged into a completed lesson, and it moves into the account
when the learner signs in (services.progress_merge_device)."""

import json

from django.conf import settings

COOKIE = "hoc_tien_do"
SALT = "learning.progress"
MAX_AGE = 365 * 24 * 3600
MAX_LESSONS = 150  # keeps the cookie well under 4 KB


def read(request) -> dict[int, dict]:
    raw = request.get_signed_cookie(COOKIE, default=None, salt=SALT, max_age=MAX_AGE)
    if not raw:
        return {}
    try:
        data = json.loads(raw)
        return {int(key): dict(value) for key, value in data.items()}
    except (ValueError, TypeError, AttributeError):
        return {}


def write(response, data: dict[int, dict]) -> None:
    items = list(data.items())[-MAX_LESSONS:]
    compact = {
        str(key): {k: v for k, v in value.items() if v not in (None, 0, False)}
        for key, value in items
    }
    response.set_signed_cookie(
        COOKIE,
        json.dumps(compact, separators=(",", ":")),
        salt=SALT,
        max_age=MAX_AGE,
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )


def forget(response) -> None:
    response.delete_cookie(COOKIE, samesite="Lax")
