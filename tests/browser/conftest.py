"""Playwright driving Debian's Chromium against pytest-django's live server.

Each test gets a fresh browser context; ``check_accessibility(page)`` runs axe-core on
the current page and fails on any serious or critical violation. Screenshots go to
test-artifacts/screenshots/ so a person can look at them.
"""

import os
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.db import connections

from tests.services import CHROMIUM_PATH, require

# Playwright's sync API runs an event loop in this thread; Django's ORM calls made by
# the test itself (factories, assertions) are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"
PHONE = {"width": 360, "height": 740}  # a common low-cost Android phone
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--headless",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
_axe = Axe()
_SCRIPTLESS_CONTEXTS: list = []


@pytest.fixture
def browser(_django_db_helper):
    """A fresh Chromium per test, started after the test database is set up.

    Playwright's sync API runs an event loop in this thread, which gives Django's
    connection handler a new context; a browser that outlived one test would hide the
    serialized test data that ``serialized_rollback`` restores for the next one."""
    require("chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM_PATH, args=CHROMIUM_ARGS)
        yield browser
        browser.close()
        # Queries the test made while Playwright ran used connections of that context;
        # close them, or PostgreSQL cannot drop the test database at the end.
        connections.close_all()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(viewport=PHONE, base_url=live_server.url)
    context.set_default_timeout(15_000)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def page_without_js(browser, live_server):
    context = browser.new_context(
        viewport=PHONE, base_url=live_server.url, java_script_enabled=False
    )
    context.set_default_timeout(15_000)
    _SCRIPTLESS_CONTEXTS.append(context)
    page = context.new_page()
    yield page
    _SCRIPTLESS_CONTEXTS.remove(context)
    context.close()


def check_accessibility(page, name: str) -> None:
    """No serious or critical axe-core violation on the page; save a screenshot.

    axe-core is JavaScript: for a page opened with JavaScript off, the same address is
    scanned in a second, script-enabled page of the same browser."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"{name}.png", full_page=True)
    if page.context in _SCRIPTLESS_CONTEXTS:
        scan_context = page.context.browser.new_context(viewport=PHONE)
        try:
            scan_page = scan_context.new_page()
            scan_page.goto(page.url)
            _assert_no_serious_violations(_axe.run(scan_page), name)
        finally:
            scan_context.close()
        return
    _assert_no_serious_violations(_axe.run(page), name)


def _assert_no_serious_violations(results, name: str) -> None:
    violations = [
        violation
        for violation in results.response["violations"]
        if violation["impact"] in ("serious", "critical")
    ]
    report = "\n".join(
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in violations
    )
    assert not violations, f"{name}: {report}"


@pytest.fixture
def axe():
    return check_accessibility


@pytest.fixture
def demo_site(transactional_db):
    """The demo home page and content pages, as `make run` creates them."""
    from core import demo

    demo.load_demo_content()


def sign_in(page, live_server, user) -> None:
    """Sign a user in for the browser by giving it a real session cookie."""
    from django.conf import settings
    from django.test import Client

    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie.value, "url": live_server.url}]
    )
