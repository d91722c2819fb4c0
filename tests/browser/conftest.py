"""Real Chromium (Debian's /usr/bin/chromium) driven by Playwright against live_server.

Without a browser these tests skip, unless REQUIRE_BROWSER=1 (set by .ci/run): then they fail.
"""

import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path
from types import SimpleNamespace

import pytest

# Playwright's sync API runs an event loop in the test thread; the ORM calls the tests make
# around it are ordinary synchronous ones.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

ROOT = Path(__file__).resolve().parents[2]
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


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def demo_site(tmp_path_factory):
    """The site as ``make run`` serves it (dev settings, demo content), on its own SQLite file
    in a temporary folder, for the whole session; the pytest database is never involved. Tests
    that need to look into its database run ``demo_site.manage`` with ``demo_site.env``."""
    folder = tmp_path_factory.mktemp("demo-site")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "ombudsman.settings.dev",
        "DATABASE_URL": f"sqlite:///{folder / 'db.sqlite3'}",
        "MEDIA_ROOT": str(folder / "media"),
        "DEBUG": "true",
    }
    manage = [sys.executable, str(ROOT / "manage.py")]
    for command in (["migrate", "--noinput"], ["load_demo_content"], ["load_office_demo_content"]):
        subprocess.run([*manage, *command], env=env, cwd=ROOT, check=True, capture_output=True)  # noqa: S603
    port = _free_port()
    server = subprocess.Popen(  # noqa: S603
        [*manage, "runserver", f"127.0.0.1:{port}", "--noreload"],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                break
        time.sleep(0.2)
    else:
        server.kill()
        pytest.fail("the development server did not start")
    yield SimpleNamespace(url=f"http://127.0.0.1:{port}", env=env, manage=manage, root=ROOT)
    server.terminate()
    server.wait(timeout=10)


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
