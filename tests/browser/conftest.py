"""Real Chromium (Debian's /usr/bin/chromium) driven by Playwright against live_server.

Without a browser these tests skip, unless REQUIRE_BROWSER=1 (set by .ci/run): then they fail.
"""

import os
import shutil
from io import StringIO

import pytest
from django.core.management import call_command

# Playwright's sync API runs an event loop in the test thread; the ORM calls the tests make
# around it are ordinary synchronous ones.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def _unavailable(reason):
    if os.environ.get("REQUIRE_BROWSER") == "1":
        pytest.fail(f"REQUIRE_BROWSER=1 but the browser cannot run: {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def browser():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as error:
        _unavailable(f"playwright is not installed ({error})")
    if not (os.path.exists(CHROMIUM) or shutil.which(CHROMIUM)):
        _unavailable(f"no Chromium at {CHROMIUM} (apt-get install -y chromium)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def demo_site(live_server):
    # Browser tests are marked django_db(transaction=True, serialized_rollback=True): the rollback
    # restores what Wagtail's data migrations made (root page, locale, collection) after each
    # flush of the live server's database.
    call_command("load_demo_content", stdout=StringIO())
    return live_server


class ConsoleWatcher:
    def __init__(self, page):
        self.errors = []
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.errors.append(str(error)))

    def _console(self, message):
        if message.type == "error":
            self.errors.append(message.text)


@pytest.fixture
def open_page(browser):
    """A new page with the given browser language and viewport; console errors collected."""
    contexts = []

    def open_(locale="ru-RU", viewport=None, **options):
        context = browser.new_context(
            locale=locale,
            extra_http_headers={"Accept-Language": locale},
            viewport=viewport or {"width": 1280, "height": 900},
            **options,
        )
        contexts.append(context)
        page = context.new_page()
        page.console = ConsoleWatcher(page)
        return page

    yield open_
    for context in contexts:
        context.close()
