"""Typo reports under load: the rate limit exact across processes sharing Redis, one row per
identical open report under concurrent inserts (PostgreSQL), every reader's reading kept, the
honeypot's answer like a real one, and a client key that changes every day."""

import json
import os
import subprocess
import sys
import threading
import uuid
from datetime import date
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client, RequestFactory, override_settings

from typo_reports.models import TypoReading, TypoReport
from typo_reports.protection import client_hash

ROOT = Path(settings.BASE_DIR)
on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="concurrent inserts need PostgreSQL"
)


@pytest.mark.django_db
@override_settings(TYPO_REPORTS_RATE_LIMIT_SHORT=100, TYPO_REPORTS_RATE_LIMIT_DAILY=100)
def test_every_readers_kind_and_comment_is_kept_on_one_report(post_json, report_data, admin_client):
    first = post_json(report_data(kind="typo", comment="опечатка")).json()
    second = post_json(report_data(kind="factual", comment="не в Астане")).json()
    third = post_json(report_data(kind="other", comment="")).json()
    assert second["duplicate_of"] == third["duplicate_of"] == first["id"]
    report = TypoReport.objects.get()
    assert report.repeat_count == 3
    assert list(report.readings.values_list("kind", "comment")) == [
        ("typo", "опечатка"),
        ("factual", "не в Астане"),
        ("other", ""),
    ]
    screen = admin_client.get(f"/admin/typo-reports/edit/{report.pk}/")
    html = screen.content.decode()
    assert screen.status_code == 200
    assert "опечатка" in html and "не в Астане" in html


@pytest.mark.django_db
def test_the_honeypot_answers_like_a_real_report_and_counts_nothing(post_json, report_data):
    trap = post_json(report_data(website="http://spam.example")).json()
    assert set(trap) == {"id", "status", "duplicate_of"}
    uuid.UUID(trap["id"])  # an opaque reference, like a real one: no row number to count
    assert trap["status"] == "new" and trap["duplicate_of"] is None
    assert not TypoReport.objects.exists()
    real = post_json(report_data()).json()
    uuid.UUID(real["id"])
    # Once the fragment is reported, a bot is told "already reported", as a reader would be.
    trap_again = post_json(report_data(website="spam")).json()
    assert trap_again == {"id": real["id"], "status": "new", "duplicate_of": real["id"]}
    # An invalid trapped report is refused exactly like an invalid real one.
    bad_trap = post_json(report_data(website="spam", fragment="нет на странице"))
    bad_real = post_json(report_data(fragment="нет на странице"))
    assert bad_trap.status_code == bad_real.status_code == 400
    assert bad_trap.json() == bad_real.json()
    assert TypoReading.objects.count() == 1


@pytest.mark.django_db
def test_honeypot_and_real_reports_share_the_rate_limit(post_json, report_data):
    for number in range(5):
        honeypot = number % 2 == 0
        data = report_data(website="spam" if honeypot else "")
        assert post_json(data).status_code == 201
    assert post_json(report_data(website="spam")).status_code == 429
    assert post_json(report_data()).status_code == 429


@pytest.mark.django_db
def test_invalid_reports_do_not_use_up_the_allowance(post_json, report_data):
    for _number in range(8):
        assert post_json(report_data(fragment="нет на странице")).status_code == 400
    for _number in range(5):
        assert post_json(report_data()).status_code == 201
    assert post_json(report_data()).status_code == 429


def test_the_client_key_changes_every_day_and_hides_the_address():
    request = RequestFactory().get("/", REMOTE_ADDR="203.0.113.7")
    monday, tuesday = date(2026, 11, 30), date(2026, 12, 1)
    assert client_hash(request, monday) == client_hash(request, monday)
    assert client_hash(request, monday) != client_hash(request, tuesday)
    other = RequestFactory().get("/", REMOTE_ADDR="203.0.113.8")
    assert client_hash(request, monday) != client_hash(other, monday)
    assert len(client_hash(request)) == 64
    assert "203.0.113.7" not in client_hash(request)


@override_settings(CLIENT_IP_HEADERS=["HTTP_X_FORWARDED_FOR"])
@pytest.mark.django_db
def test_behind_a_proxy_each_reader_has_their_own_limit(post_json, report_data):
    proxy = Client(REMOTE_ADDR="127.0.0.1")
    for _number in range(5):
        response = post_json(report_data(), client_=proxy, **{"X-Forwarded-For": "198.51.100.1"})
        assert response.status_code == 201
    limited = post_json(report_data(), client_=proxy, **{"X-Forwarded-For": "198.51.100.1"})
    assert limited.status_code == 429
    # Another reader behind the same proxy is not limited by the first one.
    other = post_json(report_data(), client_=proxy, **{"X-Forwarded-For": "198.51.100.2"})
    assert other.status_code == 201


TAKE_SLOTS = """
import json, sys, time
from typo_reports.protection import take_slot
start = float(sys.argv[2])
while time.time() < start:
    time.sleep(0.001)
print(json.dumps([take_slot("one-client") == 0 for _ in range(int(sys.argv[3]))]))
"""


def test_the_limit_is_exact_across_processes_sharing_redis(private_redis):
    """Two processes (as two gunicorn workers) take slots at the same moment from one Redis."""
    import time

    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "ombudsman.settings.test",
        "REDIS_URL": private_redis.url,
        "TYPO_REPORTS_RATE_LIMIT_SHORT": "37",
        "TYPO_REPORTS_RATE_LIMIT_DAILY": "1000",
    }
    start = time.time() + 4
    processes = [
        subprocess.Popen(  # noqa: S603
            [
                sys.executable,
                "-c",
                "import django, sys; django.setup(); exec(sys.argv[1])",
                TAKE_SLOTS,
                str(start),
                "250",
            ],
            env=env,
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    accepted = 0
    for process in processes:
        out, err = process.communicate(timeout=120)
        assert process.returncode == 0, err[-2000:]
        results = json.loads(out.strip().splitlines()[-1])
        assert len(results) == 250
        accepted += sum(results)
    assert accepted == 37


def test_on_redis_each_check_is_one_atomic_script_and_slots_come_back(private_redis):
    """take_slot on Redis: one round trip (a script), the windows' keys expire, an invalid
    report's slot comes back, and a window that has ended is not brought back by give_back."""
    import redis as redis_py

    from ombudsman.cache import redis_caches
    from typo_reports.protection import give_back, take_slot

    with override_settings(
        CACHES=redis_caches(private_redis.url),
        TYPO_REPORTS_RATE_LIMIT_SHORT=3,
        TYPO_REPORTS_RATE_LIMIT_DAILY=1000,
    ):
        from django.core.cache import caches

        connection = caches["limits"]._cache.get_client(write=True)
        commands = []
        original = connection.execute_command

        def counting(*args, **kwargs):
            commands.append(args[0])
            return original(*args, **kwargs)

        connection.execute_command = counting
        try:
            assert take_slot("reader") == 0  # the first call also loads the script
            commands.clear()
            assert [take_slot("reader") for _ in range(2)] == [0, 0]
            assert commands == ["EVALSHA", "EVALSHA"]  # one round trip a check
            give_back("reader")  # the third report was invalid: its slot comes back
            assert take_slot("reader") == 0
            wait = take_slot("reader")
            assert 0 < wait <= settings.TYPO_REPORTS_RATE_LIMIT_SHORT_SECONDS + 1
            assert take_slot("another-reader") == 0
        finally:
            connection.execute_command = original
        raw = redis_py.Redis.from_url(private_redis.url)
        keys = raw.keys("*typo_reports:rate:reader:*")
        assert len(keys) == 2  # the short window and the day
        for key in keys:
            assert 0 < raw.ttl(key) <= 24 * 60 * 60 + 60
        raw.delete(*keys)  # the windows end
        give_back("reader")
        assert raw.keys("*typo_reports:rate:reader:*") == []


@on_postgresql
@pytest.mark.django_db(transaction=True)
@override_settings(TYPO_REPORTS_RATE_LIMIT_SHORT=1000, TYPO_REPORTS_RATE_LIMIT_DAILY=1000)
def test_identical_reports_sent_at_once_make_one_row(report_data, release):
    """Threads, each with its own database connection, insert the same report together: the
    partial unique constraint lets one insert win and the others merge into it."""
    count = 24
    barrier = threading.Barrier(count)
    statuses, errors = [], []
    payloads = [report_data(comment=f"читатель {number}") for number in range(count)]

    def send(payload):
        try:
            barrier.wait()
            response = Client().post(
                "/api/typo-reports/",
                data=json.dumps(payload),
                content_type="application/json",
                headers={"Accept": "application/json"},
            )
            statuses.append(response.status_code)
        except Exception as error:  # noqa: BLE001 — reported below
            errors.append(repr(error))
        finally:
            connection.close()

    threads = [threading.Thread(target=send, args=(payload,)) for payload in payloads]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not errors, errors
    assert statuses == [201] * count
    report = TypoReport.objects.get()
    assert report.repeat_count == count
    comments = sorted(report.readings.values_list("comment", flat=True))
    assert comments == sorted(f"читатель {number}" for number in range(count))
