"""Faults: Redis stopped (a private redis-server this test starts and stops) and PostgreSQL
unreachable (a connection pointed at a closed port). The gunicorn test in
tests/production/ also cuts and restores PostgreSQL under running workers."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.test import override_settings
from django.utils import translation

from ombudsman.cache import redis_caches
from ombudsman.faults import EXPLANATION
from ombudsman.tests.services import free_port
from typo_reports.models import TypoReport

ROOT = Path(settings.BASE_DIR)


@pytest.fixture
def release(make_release):
    return make_release(
        languages=("ru", "en"),
        title_ru="Встреча в Брюсселе",
        body_ru=[{"type": "paragraph", "value": "<p>Приём прошёл в Астане.</p>"}],
    )


def report(client, release, token=None, **fields):
    from typo_reports.protection import new_form_token

    data = {
        "page": release.pk,
        "language": "ru",
        "fragment": "прошёл в Астане",
        "kind": "typo",
        "token": token or new_form_token(),
        **fields,
    }
    return client.post(
        "/api/typo-reports/",
        data=json.dumps(data),
        content_type="application/json",
        headers={"Accept": "application/json"},
    )


@pytest.mark.django_db
def test_with_redis_stopped_pages_serve_and_reports_wait(
    client, admin_client, release, private_redis
):
    with override_settings(CACHES=redis_caches(private_redis.url)):
        assert report(client, release).status_code == 201  # accepted before the fault
        private_redis.stop()

        for url in ["/ru/", "/ru/novosti/", "/ru/search/?q=Астане", "/ru/rss.xml"]:
            assert client.get(url).status_code == 200, url
        assert client.get("/ru/novosti/").status_code == 200
        # Staff sessions live in the database (cached_db): the admin still works.
        assert admin_client.get("/admin/").status_code == 200

        refused = report(client, release, comment="during the outage")
        assert refused.status_code == 503
        assert int(refused["Retry-After"]) > 0
        assert refused.json()["errors"]["__all__"]
        health = client.get("/healthz")
        assert health.status_code == 503
        assert health.json() == {"database": "ok", "cache": "unavailable"}

        private_redis.start()  # same port: the clients reconnect by themselves
        assert client.get("/healthz").status_code == 200
        again = report(client, release, comment="after the outage")
        assert again.status_code == 201
    # Nothing accepted before the fault was lost; nothing was accepted without a limit.
    report_row = TypoReport.objects.get()
    assert list(report_row.readings.values_list("comment", flat=True)) == ["", "after the outage"]


def run_with_database_down(script: str) -> dict:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "ombudsman.settings.test",
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:{free_port()}/prod_unreachable",
        "ALLOWED_HOSTS": "testserver",
    }
    env.pop("REDIS_URL", None)
    result = subprocess.run(  # noqa: S603
        [sys.executable, str(ROOT / "manage.py"), "shell", "-c", script],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


DOWN_SCRIPT = """
import json
from django.test import Client
client = Client(raise_request_exception=False)
answers = {}
for key, url, language in [
    ("ru_home", "/ru/", ""), ("en_list", "/en/news/", ""), ("kk_release", "/kk/a/b/", ""),
    ("sitemap_en", "/sitemap.xml", "en"), ("admin_ru", "/admin/login/", "ru"),
]:
    headers = {"Accept-Language": language} if language else {}
    if key == "admin_ru":  # signing in needs the users table
        response = client.post(url, {"username": "a", "password": "b"}, headers=headers)
    else:
        response = client.get(url, headers=headers)
    answers[key] = [response.status_code, response.get("Retry-After"),
                    response.get("Content-Language"), response.content.decode()]
health = client.get("/healthz")
answers["healthz"] = [health.status_code, health.content.decode()]
from typo_reports.protection import new_form_token
body = {"page": 1, "language": "ru", "fragment": "x", "kind": "typo", "token": new_form_token()}
posted = client.post("/api/typo-reports/", data=json.dumps(body), content_type="application/json",
                     headers={"Accept": "application/json"})
answers["report"] = [posted.status_code, posted.get("Retry-After")]
print(json.dumps(answers))
"""


def test_with_postgresql_unreachable_visitors_get_503_in_their_language():
    answers = run_with_database_down(DOWN_SCRIPT)
    for key, language in [
        ("ru_home", "ru"),
        ("en_list", "en"),
        ("kk_release", "kk"),
        ("sitemap_en", "en"),
        ("admin_ru", "ru"),
    ]:
        status, retry_after, content_language, html = answers[key]
        assert status == 503, (key, html[:500])
        assert int(retry_after) > 0
        assert content_language == language
        assert f'<html lang="{language}">' in html
        with translation.override(language):
            assert str(EXPLANATION).split(".")[0] in html
        assert "postgres" not in html.lower() and "Traceback" not in html
    status, body = answers["healthz"]
    assert status == 503
    assert json.loads(body) == {"database": "unavailable", "cache": "ok"}
    assert answers["report"][0] == 503 and int(answers["report"][1]) > 0
