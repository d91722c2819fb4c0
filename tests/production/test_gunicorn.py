"""The production profile as a system administrator runs it: `make serve` (collectstatic,
migrate, gunicorn with 2 workers) on PostgreSQL (a fresh database, migrated from zero) and
Redis (a private redis-server). Checked over real HTTP: hashed and compressed static files with
long cache lifetimes, the CSP header, /healthz, the typo-report limit exact across workers, and
both faults with recovery while the workers keep running."""

import json
import os
import re
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import psycopg
import pytest

from ombudsman.tests.services import PrivateRedis, TcpRelay, free_port

ROOT = Path(__file__).resolve().parents[2]
# Its own database per run: several suites may run on one machine at once.
DATABASE = f"prod_gunicorn_test_{uuid.uuid4().hex[:12]}"
LIMIT = 7

pytestmark = pytest.mark.production


def admin_sql(sql: str) -> None:
    with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True) as db:
        db.execute(sql)


class Response:
    def __init__(self, status, headers, body):
        self.status, self.headers, self.body = status, headers, body

    def json(self):
        return json.loads(self.body)

    @property
    def text(self):
        return self.body.decode("utf-8", "replace")


def fetch(url, data=None, headers=None, method=None) -> Response:
    request = urllib.request.Request(url, data=data, headers=headers or {}, method=method)  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=30) as answer:  # noqa: S310
            return Response(answer.status, answer.headers, answer.read())
    except urllib.error.HTTPError as error:
        return Response(error.code, error.headers, error.read())


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    folder = tmp_path_factory.mktemp("production")
    admin_sql(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
    admin_sql(f"CREATE DATABASE {DATABASE}")
    redis = PrivateRedis()
    redis.start()
    relay = TcpRelay(5432)
    relay.restore()
    port = free_port()
    env = {
        **{k: v for k, v in os.environ.items() if k not in ("DJANGO_SETTINGS_MODULE",)},
        "DJANGO_SETTINGS_MODULE": "ombudsman.settings.production",
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:{relay.port}/{DATABASE}",
        "DATABASE_CONNECT_TIMEOUT": "2",
        "REDIS_URL": redis.url,
        "SECRET_KEY": "gunicorn-test-" + uuid.uuid4().hex + uuid.uuid4().hex,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "false",
        "STATIC_ROOT": str(folder / "static"),
        "MEDIA_ROOT": str(folder / "media"),
        "HOST": "127.0.0.1",
        "PORT": str(port),
        "WEB_CONCURRENCY": "2",
        "TYPO_REPORTS_RATE_LIMIT_SHORT": str(LIMIT),
        "TYPO_REPORTS_RATE_LIMIT_DAILY": "1000",
    }
    manage = [sys.executable, str(ROOT / "manage.py")]
    for command in (["migrate", "--noinput"], ["load_demo_content"]):
        result = subprocess.run(  # noqa: S603
            [*manage, *command], env=env, cwd=ROOT, capture_output=True, text=True, check=False
        )
        assert result.returncode == 0, result.stderr[-3000:]
    release = json.loads(
        subprocess.run(  # noqa: S603
            [
                *manage,
                "shell",
                "-c",
                "import json; from news.models import NewsReleasePage; "
                "r = NewsReleasePage.objects.live().exclude(title_ru='').first(); "
                "print(json.dumps({'id': r.pk, 'title': r.title_ru}))",
            ],
            env=env,
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        )
        .stdout.strip()
        .splitlines()[-1]
    )
    log = open(folder / "serve.log", "w")  # noqa: SIM115 (closed at teardown)
    process = subprocess.Popen(
        ["make", "--no-print-directory", "serve"],  # noqa: S607
        env=env,
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,  # its own process group: make, the shell and gunicorn
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        try:
            if fetch(base + "/healthz").status == 200:
                break
        except OSError:
            pass
        assert process.poll() is None, (folder / "serve.log").read_text()[-3000:]
        time.sleep(0.5)
    else:
        pytest.fail("make serve did not answer: " + (folder / "serve.log").read_text()[-3000:])
    yield type(
        "Server",
        (),
        {
            "url": base,
            "redis": redis,
            "relay": relay,
            "release": release,
            "log": folder / "serve.log",
        },
    )
    os.killpg(process.pid, signal.SIGTERM)
    process.wait(timeout=30)
    log.close()
    redis.stop()
    relay.cut()
    admin_sql(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")


def report(server, comment="", token=None):
    token = token or fetch(server.url + "/api/typo-reports/token/").json()["token"]
    body = {
        "page": server.release["id"],
        "language": "ru",
        "fragment": server.release["title"],
        "kind": "typo",
        "comment": comment,
        "token": token,
    }
    return fetch(
        server.url + "/api/typo-reports/",
        data=json.dumps(body).encode(),
        headers={
            "Content-Type": "application/json",
            "Accept": "application/json",
            "Origin": server.url,
        },
    )


def test_two_workers_are_running(server):
    pids = set()
    for _attempt in range(40):
        pids.add(fetch(server.url + "/healthz").headers.get("X-Request-ID"))
    gunicorn = subprocess.run(  # noqa: S603
        ["pgrep", "-f", f"gunicorn.*{server.url.rsplit(':', 1)[-1]}|gunicorn --config"],  # noqa: S607
        capture_output=True,
        text=True,
        check=False,
    ).stdout.split()
    assert len(gunicorn) >= 3  # the master and two workers
    assert len(pids) == 40  # a fresh request id each time


def test_static_files_are_hashed_compressed_and_cached_for_long(server):
    page = fetch(server.url + "/ru/")
    assert page.status == 200
    links = re.findall(r'(/static/[^"\']+\.[0-9a-f]{12}\.(?:css|js|svg|png))', page.text)
    assert links, "no hashed static file on the home page"
    for link in {link for link in links if link.endswith((".css", ".js"))}:
        answer = fetch(server.url + link, headers={"Accept-Encoding": "gzip"})
        assert answer.status == 200, link
        assert answer.headers["Content-Encoding"] == "gzip", link
        cache_control = answer.headers["Cache-Control"]
        assert "immutable" in cache_control
        assert int(re.search(r"max-age=(\d+)", cache_control).group(1)) >= 31536000
    assert fetch(server.url + "/static/no-such-file.css").status == 404


def test_csp_and_security_headers(server):
    page = fetch(server.url + "/ru/")
    policy = page.headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "frame-ancestors 'none'" in policy
    assert "unsafe-inline" not in policy
    assert "camera=()" in page.headers["Permissions-Policy"]
    admin = fetch(server.url + "/admin/login/")
    assert "frame-ancestors 'self'" in admin.headers["Content-Security-Policy"]


def test_healthz(server):
    answer = fetch(server.url + "/healthz")
    assert answer.status == 200
    assert answer.json() == {"database": "ok", "cache": "ok"}
    assert "no-store" in answer.headers["Cache-Control"]


def test_rate_limit_is_exact_across_workers(server):
    """1,000 reports from one client, 100 in flight at a time, over both workers: exactly the
    limit accepted, every other one 429 (one form token, as a page sends it, reused)."""
    token = fetch(server.url + "/api/typo-reports/token/").json()["token"]
    with ThreadPoolExecutor(max_workers=100) as pool:
        statuses = list(
            pool.map(lambda number: report(server, f"#{number}", token).status, range(1000))
        )
    assert statuses.count(201) == LIMIT, sorted(set(statuses))
    assert statuses.count(429) == 1000 - LIMIT, sorted(set(statuses))


def test_redis_stopped_then_back(server):
    server.redis.stop()
    try:
        assert fetch(server.url + "/ru/").status == 200
        refused = report(server)
        assert refused.status == 503
        assert int(refused.headers["Retry-After"]) > 0
        health = fetch(server.url + "/healthz")
        assert health.status == 503 and health.json()["cache"] == "unavailable"
    finally:
        server.redis.start()
    assert fetch(server.url + "/healthz").status == 200
    assert report(server, "after redis").status == 201


def test_postgresql_cut_then_back(server):
    query = uuid.uuid4().hex  # a page no cache can hold
    server.relay.cut()
    try:
        page = fetch(server.url + f"/ru/search/?q={query}")
        assert page.status == 503
        assert int(page.headers["Retry-After"]) > 0
        assert '<html lang="ru">' in page.text
        english = fetch(server.url + f"/en/search/?q={query}")
        assert '<html lang="en">' in english.text
        assert report(server).status == 503
        health = fetch(server.url + "/healthz")
        assert health.status == 503 and health.json() == {"database": "unavailable", "cache": "ok"}
    finally:
        server.relay.restore()
    for _attempt in range(20):
        if fetch(server.url + "/healthz").status == 200:
            break
        time.sleep(0.5)
    assert fetch(server.url + f"/ru/search/?q={query}").status == 200
    # Every report accepted before and between the faults is still there, on one row.
    with psycopg.connect(f"postgresql://postgres@127.0.0.1:5432/{DATABASE}") as db:
        rows = db.execute("SELECT repeat_count FROM typo_reports_typoreport").fetchall()
        readings = db.execute("SELECT count(*) FROM typo_reports_typoreading").fetchone()[0]
    assert rows == [(LIMIT + 1,)]
    assert readings == LIMIT + 1


def test_access_and_application_logs_are_json_lines(server):
    fetch(server.url + "/ru/", headers={"X-Request-ID": "trace-me-1"})
    time.sleep(0.5)
    lines = [line for line in server.log.read_text().splitlines() if "trace-me-1" in line]
    assert lines
    entry = json.loads(lines[-1])
    assert entry["logger"] == "gunicorn.access" and entry["path"] == "/ru/"
