"""Playwright (sync API) driving Debian's Chromium against pytest-django's live_server.

The pytest-playwright plugin is deliberately not used; these few fixtures are all
the browser tests need:

- ``playwright`` and ``browser``: one Node driver and one headless Chromium per session.
- ``page``: a fresh browser context per test (Danish locale, 1280×900), JavaScript on.
- ``page_without_js``: the same with JavaScript off, for progressive-enhancement checks.
- ``screenshot(page, name)``: a full-page PNG in artifacts/screenshots/<name>.png.

Both page fixtures depend on ``live_server`` and on a transactional database with
serialized rollback, so the data the migrations load (municipalities, groups) is
there in every browser test even though the live server needs real commits.
"""

import os
from pathlib import Path

import pytest

# Playwright's sync API runs an asyncio event loop in the test thread, which makes
# Django's async-safety check refuse ORM calls from the test (factories, asserts).
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
]
VIEWPORT = {"width": 1280, "height": 900}
LOCALE = "da-DK"
# Everything runs on localhost; anything slower than this is a failure, not a wait.
TIMEOUT_MS = 5_000
NAVIGATION_TIMEOUT_MS = 10_000

HERE = Path(__file__).resolve().parent
SCREENSHOTS = HERE.parent.parent / "artifacts" / "screenshots"


def pytest_collection_modifyitems(config, items):
    """Mark every test in this folder `browser`, and skip them all without Chromium.

    A conftest hook sees the whole session's items, so only those under this folder
    are touched.
    """
    skip = pytest.mark.skip(reason=f"Chromium not found at {CHROMIUM}; browser tests need it")
    for item in items:
        if HERE in item.path.parents:
            item.add_marker(pytest.mark.browser)
            if not CHROMIUM.exists():
                item.add_marker(skip)


@pytest.fixture(scope="session")
def playwright():
    if not CHROMIUM.exists():
        pytest.skip(f"Chromium not found at {CHROMIUM}; browser tests need it")
    from django.db import connections
    from playwright.sync_api import sync_playwright

    # While Playwright's sync API is started it marks its event loop as running in
    # this thread, and Django's `connections` (an asgiref Local) then switches from
    # thread-local to context-local storage: the test code would get new connection
    # objects, without the serialized rollback data pytest-django gave the old ones,
    # and (SQLite) a second connection to the in-memory database the live server
    # uses. Keep the very same connection objects in both storages.
    wrappers = {alias: connections[alias] for alias in connections}
    driver = sync_playwright().start()
    for alias, wrapper in wrappers.items():
        connections[alias] = wrapper
    yield driver
    driver.stop()


@pytest.fixture(scope="session")
def browser(playwright):
    browser = playwright.chromium.launch(
        executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
    )
    yield browser
    browser.close()


def _new_page(browser, **options):
    context = browser.new_context(viewport=VIEWPORT, locale=LOCALE, **options)
    context.set_default_timeout(TIMEOUT_MS)
    context.set_default_navigation_timeout(NAVIGATION_TIMEOUT_MS)
    page = context.new_page()
    # Uncaught exceptions in the page's scripts; checked when the test ends.
    page.js_errors = []
    page.on("pageerror", lambda error: page.js_errors.append(str(error)))
    return context, page


@pytest.fixture
def page(browser, live_server, django_db_serialized_rollback):
    """A page with JavaScript, in its own context (no cookies or storage shared)."""
    context, page = _new_page(browser)
    yield page
    errors = page.js_errors
    context.close()
    assert not errors, f"JavaScript errors on the page: {errors}"


@pytest.fixture
def page_without_js(browser, live_server, django_db_serialized_rollback):
    """A page with JavaScript disabled: what the site must do without enhancement."""
    context, page = _new_page(browser, java_script_enabled=False)
    yield page
    context.close()


@pytest.fixture
def screenshot():
    """`screenshot(page, name)` saves a full-page PNG to artifacts/screenshots/<name>.png.

    The name may contain slashes ("a11y/home-da-390"): missing folders are made.
    """

    def take(page, name):
        path = SCREENSHOTS / f"{name}.png"
        path.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(path), full_page=True)
        return path

    return take
