"""Settings: secure by default, production refuses to start half-configured, and
`check --deploy` is clean."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "config.settings.production",
    "SECRET_KEY": "x" * 20 + "-a-long-random-production-secret-key-0123456789",
    "ALLOWED_HOSTS": "cutri.example.vn",
    "DATABASE_URL": "postgres://cutri@127.0.0.1:5432/cutri",
    "REDIS_URL": "redis://127.0.0.1:6379/0",
}


def _manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    # DJANGO_ALLOW_ASYNC_UNSAFE is set by the browser tests of this run, never in deployment.
    ignored = {*PRODUCTION_ENV, "DJANGO_ALLOW_ASYNC_UNSAFE"}
    clean = {key: value for key, value in os.environ.items() if key not in ignored}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        check=False,
    )


def test_check_deploy_is_clean_with_production_settings():
    result = _manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize("missing", ["SECRET_KEY", "DATABASE_URL", "REDIS_URL"])
def test_production_refuses_to_start_without_its_services(missing):
    result = _manage("check", env={**PRODUCTION_ENV, missing: ""})
    assert result.returncode != 0
    assert f"Production needs {missing} to be set." in result.stderr


def test_base_settings_refuse_to_serve_without_a_secret_key():
    script = "import django; django.setup(); from django.conf import settings; settings.SECRET_KEY"
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.base", "SECRET_KEY": ""},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "The SECRET_KEY setting must not be empty" in result.stderr


def test_base_settings_are_secure_by_default():
    from config.settings import base

    assert base.DEBUG is False
    assert base.SESSION_COOKIE_SECURE and base.CSRF_COOKIE_SECURE
    assert base.SECURE_SSL_REDIRECT and base.SECURE_HSTS_SECONDS >= 31536000
    assert base.LANGUAGE_CODE == "vi"


def _untranslated(po_file: Path) -> list[str]:
    """msgids of a .po file whose translation is empty or fuzzy (the header excluded)."""
    problems = []
    for entry in po_file.read_text(encoding="utf-8").strip().split("\n\n"):
        lines = [line for line in entry.splitlines() if not line.startswith("#") or "fuzzy" in line]
        fields: dict[str, str] = {}
        key = ""
        for line in lines:
            if line.startswith("#"):
                fields["fuzzy"] = "yes"
            elif line.startswith('"'):
                fields[key] += line[1:-1]
            else:
                key, _, value = line.partition(" ")
                fields[key] = value[1:-1]
        if not fields.get("msgid") and "msgid_plural" not in fields:
            continue  # the header
        if fields.get("fuzzy") or not (fields.get("msgstr") or fields.get("msgstr[0]")):
            problems.append(fields["msgid"])
    return problems


def test_every_vietnamese_string_is_translated_and_compiled():
    for po_file in (
        ROOT / "locale/vi/LC_MESSAGES/django.po",
        ROOT / "locale_vendor/allauth/vi/LC_MESSAGES/django.po",
        ROOT / "locale_vendor/wagtail/vi/LC_MESSAGES/django.po",
        ROOT / "locale_vendor/wagtail/vi/LC_MESSAGES/djangojs.po",
    ):
        assert _untranslated(po_file) == [], po_file
        compiled = po_file.with_suffix(".mo")
        assert compiled.exists() and compiled.stat().st_size > 0
