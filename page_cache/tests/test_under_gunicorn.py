"""The page cache in the production profile: gunicorn with 2 workers, PostgreSQL and a Redis of
the test's own. A publish in another process is seen by every worker at once (the cache is
shared), and cached pages are still served while PostgreSQL is unreachable."""

import datetime
import json
import os
import shutil
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from django.db import connection
from django.test import override_settings

from news.languages import page_url_in
from ombudsman.cache import redis_caches
from ombudsman.tests.services import TcpRelay, free_port

ROOT = Path(__file__).resolve().parents[2]

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="the production profile runs on PostgreSQL"
    ),
    pytest.mark.skipif(shutil.which("redis-server") is None, reason="needs redis-server"),
]


def wait_for(check, seconds=30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if check():
                return
        except Exception:  # noqa: BLE001, S110 - not up yet
            pass
        time.sleep(0.2)
    raise AssertionError("timed out")


@pytest.fixture
def redis_url(private_redis):
    return private_redis.url


@pytest.fixture
def database_link():
    relay = TcpRelay(int(connection.settings_dict.get("PORT") or 5432))
    relay.restore()
    yield relay
    relay.cut()


@pytest.fixture
def server(redis_url, database_link, tmp_path):
    yield from gunicorn_server(redis_url, database_link, tmp_path)


@pytest.fixture
def uncached_server(redis_url, database_link, tmp_path):
    """Pages rendered on every request: what each worker keeps in its own memory shows."""
    yield from gunicorn_server(redis_url, database_link, tmp_path, PAGE_CACHE_ENABLED="false")


def gunicorn_server(redis_url, database_link, tmp_path, **extra_env):
    settings_dict = connection.settings_dict
    user = settings_dict.get("USER") or "postgres"
    password = f":{settings_dict['PASSWORD']}" if settings_dict.get("PASSWORD") else ""
    database_url = (
        f"postgres://{user}{password}@127.0.0.1:{database_link.port}/{settings_dict['NAME']}"
    )
    port = free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "page_cache.tests.server_settings",
        "DATABASE_URL": database_url,
        "REDIS_URL": redis_url,
        "SECRET_KEY": "server-test-key-" + "x" * 40,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "false",
        "STATIC_ROOT": str(tmp_path / "static"),
        "PYTHONPATH": str(ROOT),
        **extra_env,
    }
    process = subprocess.Popen(  # noqa: S603
        [
            str(ROOT / ".venv" / "bin" / "gunicorn"),
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "2",
            "--timeout",
            "20",
            "ombudsman.wsgi:application",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=open(tmp_path / "gunicorn.log", "w"),  # noqa: SIM115
    )
    base = f"http://127.0.0.1:{port}"
    wait_for(lambda: fetch(base + "/robots.txt")[0] == 200)
    yield base
    process.terminate()
    process.wait(timeout=20)


def fetch(url):
    try:
        with urllib.request.urlopen(url, timeout=15) as response:  # noqa: S310 - loopback http
            return response.status, response.headers.get("X-Cache"), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("X-Cache"), error.read().decode(errors="replace")


@pytest.mark.django_db(transaction=True)
def test_a_publish_in_another_process_is_seen_by_every_worker_at_once(
    server, redis_url, make_release
):
    make_release(title_ru="Первая новость")
    answers = [fetch(server + "/ru/") for _ in range(12)]
    assert all(status == 200 for status, _cache, _body in answers)
    # One miss at most: whichever worker answers next finds the entry the first one stored.
    assert [cache for _status, cache, _body in answers].count("MISS") == 1

    # The same caches the servers build from REDIS_URL (key prefixes included).
    with override_settings(CACHES=redis_caches(redis_url)):
        make_release(title_ru="Только что опубликовано")
    for _ in range(12):
        status, _cache, body = fetch(server + "/ru/")
        assert status == 200
        assert "Только что опубликовано" in body


@pytest.mark.django_db(transaction=True)
def test_values_each_worker_keeps_in_memory_follow_a_publish_in_another_process(
    uncached_server, redis_url, make_release
):
    # Each worker keeps the route to a release and its aside (previous/next) in its own memory
    # for the current generation; a publish elsewhere bumps the generation in Redis.
    first = make_release(title_ru="Старая новость", date=datetime.date(2026, 11, 1))
    url = uncached_server + page_url_in(first, "ru")
    for _ in range(8):  # both workers, several times each
        status, _cache, body = fetch(url)
        assert status == 200
        assert "Свежая новость" not in body

    with override_settings(CACHES=redis_caches(redis_url)):
        make_release(title_ru="Свежая новость", date=datetime.date(2026, 11, 2))
    for _ in range(8):
        status, _cache, body = fetch(url)
        assert status == 200
        assert "Свежая новость" in body  # the first release's "next" link


@pytest.fixture
def uncached_server_taking_reports(redis_url, database_link, tmp_path):
    yield from gunicorn_server(
        redis_url,
        database_link,
        tmp_path,
        PAGE_CACHE_ENABLED="false",
        TYPO_REPORTS_RATE_LIMIT_SHORT="1000",
        TYPO_REPORTS_RATE_LIMIT_DAILY="1000",
    )


def post_report(base, page_id, fragment) -> int:
    token = json.loads(fetch(base + "/api/typo-reports/token/")[2])["token"]
    body = {"page": page_id, "language": "ru", "fragment": fragment, "kind": "typo"}
    request = urllib.request.Request(  # noqa: S310 - loopback http
        base + "/api/typo-reports/",
        data=json.dumps({**body, "token": token}).encode(),
        headers={"Content-Type": "application/json", "Accept": "application/json", "Origin": base},
    )
    try:
        with urllib.request.urlopen(request, timeout=15) as response:  # noqa: S310
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


@pytest.mark.django_db(transaction=True)
def test_feed_entries_search_and_reported_pages_follow_an_edit_in_another_process(
    uncached_server_taking_reports, redis_url, make_release
):
    # Each worker keeps feed entries, the language's live releases (search) and a reported
    # page's text for the current generation; a publish elsewhere bumps it in Redis.
    base = uncached_server_taking_reports
    search = base + "/ru/search/?" + urllib.parse.urlencode({"q": "мониторинг"})
    release = make_release(title_ru="Прежний заголовок", lead_ru="Прежний текст о мониторинге.")
    for _ in range(6):  # both workers, several times each
        assert "Прежний заголовок" in fetch(base + "/ru/rss.xml")[2]
        assert "Прежний заголовок" in fetch(search)[2]
        assert post_report(base, release.pk, "Прежний текст") == 201

    with override_settings(CACHES=redis_caches(redis_url)):
        release.title_ru, release.lead_ru = "Новый заголовок", "Новый текст о мониторинге."
        release.save_revision().publish()
        make_release(title_ru="Вторая новость о мониторинге")
    for _ in range(6):
        status, _cache, feed = fetch(base + "/ru/rss.xml")
        assert status == 200
        assert "Новый заголовок" in feed and "Вторая новость" in feed
        assert "Прежний заголовок" not in feed
        found = fetch(search)[2]
        assert "Новый заголовок" in found and "Вторая новость" in found
        assert post_report(base, release.pk, "Прежний текст") == 400
        assert post_report(base, release.pk, "Новый текст") == 201


@pytest.mark.django_db(transaction=True)
def test_a_release_made_private_in_another_process_leaves_every_workers_lists(
    uncached_server, redis_url, make_release, news_index
):
    from wagtail.models import PageViewRestriction

    release = make_release(title_ru="Закрытый отчёт")
    address = page_url_in(release, "ru")
    lists = [uncached_server + page_url_in(news_index, "ru"), uncached_server + "/ru/rss.xml"]
    for _ in range(6):  # both workers keep "no page is private" for the generation
        for url in lists:
            assert address in fetch(url)[2], url

    with override_settings(CACHES=redis_caches(redis_url)):
        PageViewRestriction.objects.create(
            page=release, restriction_type=PageViewRestriction.PASSWORD, password="secret"
        )
    for _ in range(6):
        for url in lists:
            status, _cache, body = fetch(url)
            assert status == 200 and address not in body, url


@pytest.mark.django_db(transaction=True)
def test_cached_pages_are_served_while_postgresql_is_unreachable(
    server, database_link, make_release
):
    release = make_release(title_ru="Новость при недоступной базе")
    release_url = server + page_url_in(release, "ru")
    for url in (release_url, server + "/ru/", server + "/sitemap.xml"):
        assert fetch(url)[0] == 200

    database_link.cut()
    for url in (release_url, server + "/ru/", server + "/sitemap.xml"):
        for _ in range(4):  # both workers
            status, cache, body = fetch(url)
            assert (status, cache) == (200, "HIT"), url
    assert "Новость при недоступной базе" in fetch(release_url)[2]
    # A page nobody has asked for yet needs the database: no 200 without it.
    assert fetch(server + "/en/")[0] >= 500

    database_link.restore()  # back on the same port: the workers reconnect by themselves
    wait_for(lambda: fetch(server + "/en/")[0] == 200)
