"""Tests: the same services as the environment offers (CI sets DATABASE_URL and REDIS_URL)."""

from urllib.parse import urlsplit, urlunsplit

from .base import *  # noqa: F403
from .base import REDIS_URL, env

SECRET_KEY = "test-only-insecure-key"
DEBUG = False
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]

SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
LANGUAGE_COOKIE_SECURE = False
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "http"

EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
SMS_BACKEND = "core.sms.LocmemBackend"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast; tests only
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MEDIA_ROOT = env.path("TEST_MEDIA_ROOT", default=BASE_DIR / "test-artifacts" / "media")  # noqa: F405
PRIVATE_MEDIA_ROOT = BASE_DIR / "test-artifacts" / "private_media"  # noqa: F405
STORAGES["private"] = {**STORAGES["private"], "OPTIONS": {"location": str(PRIVATE_MEDIA_ROOT)}}

if REDIS_URL:
    # Tests flush the cache between cases; they use their own logical database so that
    # a developer's cache survives a test run: REDIS_URL's database + 8 (0 → 8), so two
    # checkouts testing at once on databases 0 and 1 do not flush each other's cache.
    parts = urlsplit(REDIS_URL)
    own_database = int(parts.path.strip("/") or 0)
    TEST_REDIS_URL = urlunsplit(parts._replace(path=f"/{8 + own_database}"))
    CACHES = {
        "default": {
            "BACKEND": "core.cache.ReusedClientRedisCache",
            "LOCATION": TEST_REDIS_URL,
        }
    }

# Tests call tasks inline unless a test talks to a real worker on purpose
# (tests/config/test_celery.py).
CELERY_TASK_ALWAYS_EAGER = True

# Static files straight from the app folders, as in development (no collectstatic).
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
