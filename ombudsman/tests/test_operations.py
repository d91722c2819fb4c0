"""Headers (CSP, Permissions-Policy, HSTS), /healthz up and down, request ids and JSON logs,
the client address behind a proxy, and the retention of login-limiting records."""

import json
import logging
from datetime import timedelta

import pytest
from axes.helpers import get_client_ip_address
from axes.models import AccessAttempt, AccessLog
from django.core.management import call_command
from django.test import RequestFactory, override_settings
from django.utils import timezone

from ombudsman.cache import redis_caches
from ombudsman.client_ip import client_ip
from ombudsman.request_log import JsonFormatter
from ombudsman.tests.services import free_port

pytestmark = pytest.mark.django_db


def csp_directives(header: str) -> dict:
    return {
        part.split()[0]: part.split()[1:] for part in (p.strip() for p in header.split(";")) if part
    }


def test_public_pages_have_a_strict_csp(client, make_release):
    make_release()
    for url in ["/ru/", "/en/news/", "/kk/search/?q=x", "/api/typo-reports/token/"]:
        response = client.get(url)
        assert response.status_code == 200, url
        policy = csp_directives(response["Content-Security-Policy"])
        assert policy["script-src"] == ["'self'"], url
        assert policy["style-src"] == ["'self'"], url
        assert policy["frame-ancestors"] == ["'none'"], url
        assert policy["object-src"] == ["'none'"]
        header = response["Content-Security-Policy"]
        assert "unsafe-inline" not in header and "unsafe-eval" not in header
        assert "nonce-" not in header  # cached pages cannot carry a per-request nonce


def test_public_templates_have_no_inline_script_or_style(client, make_release):
    from bs4 import BeautifulSoup

    release = make_release()
    for url in ["/ru/", "/ru/novosti/", release.get_url()]:
        soup = BeautifulSoup(client.get(url).content, "html.parser")
        for script in soup.find_all("script"):
            assert script.get("src") or script.get("type") == "application/ld+json", script
        assert not soup.find_all("style")
        assert not soup.select("[style]")
        assert not [
            tag for tag in soup.find_all(True) if any(a.startswith("on") for a in tag.attrs)
        ]


def test_admin_has_its_own_policy_and_may_frame_itself(admin_client):
    response = admin_client.get("/admin/")
    policy = csp_directives(response["Content-Security-Policy"])
    assert policy["frame-ancestors"] == ["'self'"]
    assert policy["frame-src"] == ["'self'"]
    assert "'unsafe-eval'" not in response["Content-Security-Policy"]
    login = admin_client.get("/django-admin/login/")
    assert "frame-ancestors 'self'" in login["Content-Security-Policy"]


def test_permissions_policy_and_other_headers(client, home):
    response = client.get("/ru/")
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Frame-Options"] == "DENY"


@override_settings(SECURE_HSTS_SECONDS=63072000, SECURE_HSTS_INCLUDE_SUBDOMAINS=True)
def test_hsts_on_https(client, home):
    response = client.get("/ru/", secure=True)
    assert response["Strict-Transport-Security"] == "max-age=63072000; includeSubDomains"


@override_settings(SECURE_SSL_REDIRECT=True, SECURE_REDIRECT_EXEMPT=[r"^healthz$"])
def test_ssl_redirect_spares_healthz(client, home):
    assert client.get("/ru/").status_code == 301
    response = client.get("/healthz")
    assert response.status_code == 200


def test_healthz_up(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"database": "ok", "cache": "ok"}
    assert "no-store" in response["Cache-Control"]


def test_healthz_names_the_cache_when_it_is_down(client):
    closed = free_port()
    with override_settings(CACHES=redis_caches(f"redis://127.0.0.1:{closed}/0")):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"database": "ok", "cache": "unavailable"}
    assert response["Retry-After"]
    assert str(closed) not in response.content.decode()  # no hosts, ports or secrets


def test_request_id_is_echoed_or_made(client, home):
    response = client.get("/ru/", headers={"X-Request-ID": "abc-123"})
    assert response["X-Request-ID"] == "abc-123"
    made = client.get("/ru/", headers={"X-Request-ID": "bad id\nforged log line"})
    assert made["X-Request-ID"] != "bad id\nforged log line"
    assert len(made["X-Request-ID"]) == 32


def test_errors_are_logged_as_json_with_traceback_and_request_id(client, caplog, monkeypatch):
    import ombudsman.urls

    def broken(request):
        raise RuntimeError("boom in robots")

    pattern = next(p for p in ombudsman.urls.urlpatterns if getattr(p, "name", "") == "robots_txt")
    monkeypatch.setattr(pattern, "callback", broken)
    client.raise_request_exception = False
    with caplog.at_level(logging.ERROR, logger="django.request"):
        response = client.get("/robots.txt", headers={"X-Request-ID": "req-42"})
    assert response.status_code == 500
    assert response["X-Request-ID"] == "req-42"
    record = next(r for r in caplog.records if r.name == "django.request")
    line = json.loads(JsonFormatter().format(record))
    assert line["level"] == "ERROR"
    assert line["request_id"] == "req-42"
    assert line["status"] == 500
    assert line["path"] == "/robots.txt"
    assert "RuntimeError: boom in robots" in line["exception"]
    assert "Traceback" in line["exception"]


@override_settings(CLIENT_IP_HEADERS=["HTTP_X_FORWARDED_FOR"])
def test_client_address_is_the_one_the_proxy_reports():
    request = RequestFactory().get(
        "/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.9"
    )
    # The right-most entry is what our proxy saw; the left ones the client could forge.
    assert client_ip(request) == "203.0.113.9"
    # django-axes uses the very same helper.
    assert get_client_ip_address(request) == "203.0.113.9"
    garbage = RequestFactory().get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="nonsense")
    assert client_ip(garbage) == "127.0.0.1"


def test_without_client_ip_headers_the_socket_address_counts():
    request = RequestFactory().get("/", REMOTE_ADDR="198.51.100.4", HTTP_X_FORWARDED_FOR="1.2.3.4")
    assert client_ip(request) == "198.51.100.4"


def test_purge_login_records_keeps_only_the_retention(settings):
    settings.LOGIN_RECORDS_RETENTION_DAYS = 30
    old = timezone.now() - timedelta(days=31)
    recent = timezone.now() - timedelta(days=2)
    for when, name in ((old, "old"), (recent, "recent")):
        attempt = AccessAttempt.objects.create(
            username=name, ip_address="203.0.113.5", user_agent="x", failures_since_start=1
        )
        AccessAttempt.objects.filter(pk=attempt.pk).update(attempt_time=when)
        log = AccessLog.objects.create(username=name, ip_address="203.0.113.5", user_agent="x")
        AccessLog.objects.filter(pk=log.pk).update(attempt_time=when)
    call_command("purge_login_records")
    assert list(AccessAttempt.objects.values_list("username", flat=True)) == ["recent"]
    assert list(AccessLog.objects.values_list("username", flat=True)) == ["recent"]
