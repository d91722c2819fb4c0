"""Hostile encodings answer 400 with a clear message, never 5xx, on every URL.

Requests go through the WSGI application that gunicorn serves (ombudsman.wsgi: the guard, then
Django's handler), because some of them fail in Django before any middleware, where the test
client cannot reach.
"""

import io
import itertools
import json
from urllib.parse import urlsplit

import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.utils import translation

from news.languages import page_url_in
from ombudsman.hostile import UNSUPPORTED_CHARSET, content_type_problem, guard_wsgi
from typo_reports.intake import NOT_TEXT
from typo_reports.protection import new_form_token

pytestmark = pytest.mark.django_db

HOSTILE_CHARSETS = [
    "undefined",
    "idna",
    "base64",
    "utf-7",
    "rot13",
    "hex",
    "zlib",
    "uu",
    "punycode",
    "utf-16",
    "x-unknown",
    '"',
    "utf-8\x00",
]


@pytest.fixture
def wsgi_app():
    return guard_wsgi(WSGIHandler())


def call(app, method, url, body=b"", content_type=None, headers=None):
    """One request through the WSGI app, keeping the test's database transaction open (as
    Django's test client does)."""
    parts = urlsplit(url)
    environ = {
        "REQUEST_METHOD": method,
        "PATH_INFO": parts.path,
        "QUERY_STRING": parts.query,
        "SERVER_NAME": "localhost",
        "SERVER_PORT": "80",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "127.0.0.1",
        "HTTP_HOST": "localhost",
        "wsgi.input": io.BytesIO(body),
        "wsgi.errors": io.StringIO(),
        "wsgi.url_scheme": "http",
        "wsgi.version": (1, 0),
        "wsgi.multithread": False,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
        "CONTENT_LENGTH": str(len(body)),
    }
    if content_type is not None:
        environ["CONTENT_TYPE"] = content_type
    for name, value in (headers or {}).items():
        environ["HTTP_" + name.upper().replace("-", "_")] = value
    captured = {}

    def start_response(status, response_headers, exc_info=None):
        captured["status"] = int(status.split()[0])
        captured["headers"] = dict(response_headers)

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        chunks = app(environ, start_response)
        content = b"".join(chunks)
        if hasattr(chunks, "close"):
            chunks.close()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
    return captured["status"], captured["headers"], content


@pytest.fixture
def urls(make_release):
    release = make_release(
        languages=("ru", "en"),
        title_ru="Встреча",
        body_ru=[{"type": "paragraph", "value": "<p>Приём прошёл в Астане.</p>"}],
    )
    return {
        "page": urlsplit(page_url_in(release, "ru")).path,
        "search": "/ru/search/",
        "report": "/api/typo-reports/",
        "admin_login": "/admin/login/",
        "django_admin_login": "/django-admin/login/",
        "release": release,
    }


def test_many_hostile_variants_never_give_5xx(wsgi_app, urls):
    bodies = [
        b"q=%ED%A0%80&page=1",
        "fragment=Приём&page=1".encode(),
        b"\xff\xfe\x00\x00",
        b"+ADw-script+AD4-",
        b"xn--80ak6aa92e",
    ]
    content_types = [
        *(f"application/x-www-form-urlencoded; charset={name}" for name in HOSTILE_CHARSETS),
        *(f"multipart/form-data; boundary=x; charset={name}" for name in HOSTILE_CHARSETS),
        *(f"text/plain; charset={name}" for name in HOSTILE_CHARSETS),
        "application/x-www-form-urlencoded; charset*=undefined''x",
        "application/x-www-form-urlencoded; charset*=idna''x",
        "multipart/form-data; boundary*=utf-7''+AGA-",
    ]
    paths = [urls[key] for key in ("page", "search", "report", "admin_login", "django_admin_login")]
    answers = []
    for path, content_type, body in itertools.product(paths, content_types, bodies):
        for method, url in (("GET", f"{path}?q=%ED%A0%80x&page=%FF"), ("POST", path)):
            status, headers, content = call(wsgi_app, method, url, body, content_type)
            answers.append(status)
            assert status < 500, (method, url, content_type, body, status, content[:300])
            if content_type_problem(content_type):
                assert status == 400, (method, url, content_type, status)
                assert content  # says why
    assert len(answers) > 1000


def test_the_answer_says_why_in_the_visitors_language(wsgi_app, urls):
    status, headers, content = call(
        wsgi_app, "GET", "/ru/search/?q=x", content_type="text/plain; charset=base64"
    )
    assert status == 400
    with translation.override("ru"):
        assert str(UNSUPPORTED_CHARSET) in content.decode()
    assert headers["Content-Language"] == "ru"
    status, headers, content = call(
        wsgi_app,
        "POST",
        "/api/typo-reports/",
        b"page=1",
        "application/x-www-form-urlencoded; charset=idna",
        headers={"Accept": "application/json", "Accept-Language": "en"},
    )
    assert status == 400
    assert json.loads(content)["errors"]["__all__"]


def test_ordinary_charsets_still_work(wsgi_app, urls):
    for charset in ("utf-8", "UTF-8", "windows-1251", "koi8-r", "iso-8859-1"):
        status, _headers, _content = call(
            wsgi_app, "GET", "/ru/search/?q=x", content_type=f"text/plain; charset={charset}"
        )
        assert status == 200, charset
    body = "q=Приём".encode("cp1251")
    status, _headers, _content = call(
        wsgi_app, "POST", "/admin/login/", body, "application/x-www-form-urlencoded; charset=cp1251"
    )
    assert status < 500


@pytest.mark.parametrize(
    "field", ["fragment", "comment", "context_before", "context_after", "kind", "language", "token"]
)
def test_a_lone_surrogate_in_any_json_field_is_400(wsgi_app, urls, field):
    release = urls["release"]
    data = {
        "page": release.pk,
        "language": "ru",
        "fragment": "прошёл в Астане",
        "kind": "typo",
        "comment": "",
        "token": new_form_token(),
        field: "a\ud800b",
    }
    body = json.dumps(data).encode()  # ensure_ascii: the surrogate travels as \\ud800
    assert b"\\ud800" in body
    status, _headers, content = call(
        wsgi_app,
        "POST",
        "/api/typo-reports/",
        body,
        "application/json",
        headers={"Accept": "application/json", "Accept-Language": "ru"},
    )
    assert status == 400
    with translation.override("ru"):
        assert json.loads(content) == {"errors": {"__all__": [str(NOT_TEXT)]}}


def test_a_lone_surrogate_in_a_json_key_or_nested_value_is_400(wsgi_app, urls):
    for payload in ({"\udfff": "x"}, {"comment": ["\ud800"]}, {"comment": {"a": "\ud800"}}):
        status, _headers, _content = call(
            wsgi_app,
            "POST",
            "/api/typo-reports/",
            json.dumps(payload).encode(),
            "application/json",
            headers={"Accept": "application/json"},
        )
        assert status == 400
