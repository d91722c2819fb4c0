"""Real Chromium (Debian's /usr/bin/chromium) driven by Playwright against live_server.

Without a browser these tests skip, unless REQUIRE_BROWSER=1 (set by .ci/run): then they fail.
"""

import os
import shutil
import socket
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
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


class DemoSite(SimpleNamespace):
    def shell(self, code: str) -> str:
        """Run Python in the site's own database (``manage.py shell -c``); its stdout."""
        result = subprocess.run(  # noqa: S603
            [*self.manage, "shell", "--no-imports", "-c", code],
            env=self.env,
            cwd=self.root,
            check=True,
            capture_output=True,
            text=True,
        )
        return result.stdout


def _run_demo_site(folder, debug=True, copy_of=None):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "ombudsman.settings.dev",
        "DATABASE_URL": f"sqlite:///{folder / 'db.sqlite3'}",
        "MEDIA_ROOT": str(folder / "media"),
        "DEBUG": "true" if debug else "false",
    }
    manage = [sys.executable, str(ROOT / "manage.py")]
    if copy_of is None:
        for command in (
            ["migrate", "--noinput"],
            ["load_demo_content"],
            ["load_office_demo_content"],
        ):
            subprocess.run([*manage, *command], env=env, cwd=ROOT, check=True, capture_output=True)  # noqa: S603
    else:  # another site's database and media (SQLite's backup API: consistent while it runs)
        with (
            closing(sqlite3.connect(copy_of.folder / "db.sqlite3")) as source,
            closing(sqlite3.connect(folder / "db.sqlite3")) as target,
        ):
            source.backup(target)
        shutil.copytree(copy_of.folder / "media", folder / "media")
    port = _free_port()
    log = (folder / "server.log").open("wb")
    server = subprocess.Popen(  # noqa: S603
        # --insecure: runserver serves the static files with DEBUG off too.
        [
            *manage,
            "runserver",
            f"127.0.0.1:{port}",
            "--noreload",
            *([] if debug else ["--insecure"]),
        ],
        env=env,
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
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
    yield DemoSite(
        url=f"http://127.0.0.1:{port}",
        env=env,
        manage=manage,
        root=ROOT,
        folder=folder,
        log=folder / "server.log",
    )
    server.terminate()
    server.wait(timeout=10)
    log.close()


@pytest.fixture(scope="session")
def demo_site(tmp_path_factory):
    """The site as ``make run`` serves it (dev settings, demo content), on its own SQLite file
    in a temporary folder, for the whole session; the pytest database is never involved. Tests
    that need to look into its database use ``demo_site.shell``."""
    yield from _run_demo_site(tmp_path_factory.mktemp("demo-site"))


@pytest.fixture(scope="session")
def no_debug_site(tmp_path_factory, demo_site):
    """The demo site with DEBUG off, on a copy of ``demo_site``'s SQLite file (no second load of
    the demo content): Django then answers with the project's own error pages (handler404 /
    handler500) instead of its debug pages. Static files still come from runserver
    (``--insecure``); media files are not served with DEBUG off."""
    yield from _run_demo_site(
        tmp_path_factory.mktemp("no-debug-site"), debug=False, copy_of=demo_site
    )


@pytest.fixture(scope="session")
def staff_site(tmp_path_factory):
    """A second demo site for staff tests, which add and publish releases (the reader tests
    expect the demo content as it is). It has an Author and an Editor, made by
    tests/browser/make_staff.py through ``manage.py shell``."""
    for site in _run_demo_site(tmp_path_factory.mktemp("staff-site")):
        site.shell((Path(__file__).parent / "make_staff.py").read_text(encoding="utf-8"))
        yield site


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


STAFF_PASSWORD = "x-pass-123"


class AdminWatcher(ConsoleWatcher):
    """Console errors and every response >= 400 on one page. Requests to any other host are
    refused (nothing may be fetched from outside at run time) and listed in ``outside``; the
    console's "failed to load" errors for them are listed there instead of in ``errors``."""

    def __init__(self, page, base_url):
        self.base_url = base_url
        self.outside = []
        self.bad_responses = []
        self.bodies = {}
        super().__init__(page)
        page.route("**/*", self._route)
        page.on(
            "response",
            lambda response: (
                response.status >= 400
                and self.bad_responses.append(
                    (response.status, response.request.method, response.url)
                )
            ),
        )

    def _route(self, route):
        if route.request.url.startswith(self.base_url) or route.request.url.startswith("data:"):
            route.continue_()
        else:
            self.outside.append(route.request.url)
            route.abort()

    def _console(self, message):
        location = (message.location or {}).get("url", "")
        if message.type == "error" and location and not location.startswith(self.base_url):
            return  # an outside request refused above, named in self.outside
        super()._console(message)


@pytest.fixture
def staff_page(browser, staff_site):
    """``staff_page("author", "ru-RU")``: a page logged into the admin of ``staff_site``."""
    contexts = []

    def open_(username, locale="ru-RU"):
        context = browser.new_context(
            locale=locale,
            extra_http_headers={"Accept-Language": locale},
            viewport={"width": 1280, "height": 1000},
        )
        contexts.append(context)
        # Wagtail's unsaved-changes watcher (which drives autosave) takes the form's initial
        # state two seconds after it connects, and only edits made after that snapshot are
        # autosaved. It connects twice on the page forms (Wagtail's w-init controller on the
        # same form removes itself from data-controller, and Stimulus then reconnects the
        # controllers after it), and each connect schedules its own snapshot (Wagtail 8.0:
        # UnsavedController.checkIntervalValueChanged): typing between the two snapshots
        # becomes part of the second one and is never saved. Each connect announces itself
        # ("w-unsaved:ready"), so tests that wait for autosave wait until there have been as
        # many snapshots ("watch-edits") as connects before the first snapshot.
        context.add_init_script(
            """
            (() => {
              let connects = 0;
              let snapshots = 0;
              document.addEventListener("w-unsaved:ready", () => {
                if (!snapshots) connects += 1;
              });
              document.addEventListener("w-unsaved:watch-edits", () => {
                snapshots += 1;
                window.newsWatchingEdits = snapshots >= connects;
              });
            })();
            """
        )
        page = context.new_page()
        page.watch = AdminWatcher(page, staff_site.url)
        page.site = staff_site
        page.goto(staff_site.url + "/admin/login/")
        page.fill("#id_username", username)
        page.fill("#id_password", STAFF_PASSWORD)
        page.locator("button[type=submit]").click()
        page.wait_for_url(staff_site.url + "/admin/")
        return page

    yield open_
    for context in contexts:
        context.close()
