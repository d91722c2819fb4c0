"""POST /api/typo-reports/: the contract, its limits and its anti-abuse rules."""

import json
import time

import pytest
from django.core import signing
from django.core.cache import caches
from django.test import Client, override_settings
from django.utils import translation

from typo_reports.forms import TypoReportForm
from typo_reports.models import TypoReport
from typo_reports.protection import (
    TOKEN_SALT,
    _window_key,
    client_hash,
    new_form_token,
    rate_windows,
)

pytestmark = pytest.mark.django_db


def test_a_valid_json_report_is_stored_with_the_live_revision(post_json, report_data, release):
    response = post_json(report_data(kind="factual", comment="Не в Астане, а в Алматы"))
    assert response.status_code == 201, response.content
    body = response.json()
    report = TypoReport.objects.get()
    assert body == {"id": str(report.public_id), "status": "new", "duplicate_of": None}
    assert report.page_id == release.pk
    assert report.language == "ru"
    assert report.kind == "factual"
    assert report.fragment == "прошёл в Астане"
    assert report.context_before == "Приём "
    release.refresh_from_db()
    assert release.live_revision_id is not None
    assert report.revision_id == release.live_revision_id


def test_the_form_encoded_body_of_the_no_js_form_succeeds(client, report_data):
    response = client.post("/api/typo-reports/", data=report_data())
    assert response.status_code == 303
    assert response["Location"].startswith("/ru/typo-report/thanks/?page=")
    assert TypoReport.objects.count() == 1


@pytest.mark.parametrize(
    "fragment",
    [
        "Встреча в Брюсселе",  # title
        "встретился с коллегами",  # lead
        "обращения рассмотрены",  # across inline markup
        "рассмотрены. Итоги встречи",  # across blocks
        "  Права   человека\nпревыше ",  # whitespace differs
        "Уполномоченный",  # quote attribution
    ],
)
def test_fragments_anywhere_in_the_live_text_are_accepted(post_json, report_data, fragment):
    assert post_json(report_data(fragment=fragment)).status_code == 201


def not_found_message(language):
    with translation.override(language):
        return str(TypoReportForm.error_messages["fragment_not_found"])


def test_fragment_not_on_the_page(post_json, report_data):
    response = post_json(report_data(fragment="Этого текста нет"))
    assert response.status_code == 400
    assert response.json() == {"errors": {"fragment": [not_found_message("ru")]}}
    assert not_found_message("ru") != not_found_message("en")  # really in Russian
    assert not TypoReport.objects.exists()


def test_fragment_in_another_language_of_the_page_is_not_found(post_json, report_data, release):
    english_title = release.title_en
    response = post_json(report_data(fragment=english_title))
    assert response.status_code == 400
    assert "fragment" in response.json()["errors"]


def test_language_the_page_lacks(post_json, report_data):
    response = post_json(report_data(language="kk"))
    assert response.status_code == 400
    assert "page" in response.json()["errors"]


def test_unpublished_or_missing_page(post_json, report_data, make_release):
    draft = make_release(publish=False, live=False)
    assert post_json(report_data(page=draft.pk)).status_code == 400
    assert post_json(report_data(page=999999)).status_code == 400


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"fragment": ""}, "fragment"),
        ({"fragment": "   "}, "fragment"),
        ({"fragment": "а" * 301}, "fragment"),
        ({"context_before": "а" * 201}, "context_before"),
        ({"context_after": "а" * 201}, "context_after"),
        ({"comment": "а" * 1001}, "comment"),
        ({"kind": "rant"}, "kind"),
        ({"page": "abc"}, "page"),
        ({"page": [1, 2]}, "page"),
        ({"language": "de"}, "language"),
        ({"token": ""}, "token"),
    ],
)
def test_limits_and_bad_values(post_json, report_data, overrides, field):
    response = post_json(report_data(**overrides))
    assert response.status_code == 400
    assert field in response.json()["errors"]


def test_errors_come_in_the_submitted_language(post_json, report_data):
    response = post_json(report_data(language="en", fragment="nowhere on the page"))
    assert response.json()["errors"]["fragment"] == ["fragment not found on the page"]
    response = post_json(report_data(comment="x" * 1001))
    assert "1000" in response.json()["errors"]["comment"][0]


def test_errors_in_accept_language_when_the_language_is_invalid(post_json, report_data):
    response = post_json(report_data(language="xx", fragment=""), **{"Accept-Language": "en"})
    assert response.json()["errors"]["fragment"] == ["This field is required."]


def test_honeypot_stores_nothing_but_answers_alike(post_json, report_data, client):
    response = post_json(report_data(website="http://spam.example"))
    assert response.status_code == 201
    assert set(response.json()) == {"id", "status", "duplicate_of"}
    form = client.post("/api/typo-reports/", data=report_data(website="spam"))
    assert form.status_code == 303
    assert not TypoReport.objects.exists()


def test_forged_token(post_json, report_data):
    token = new_form_token()
    forged = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    for bad in (forged, "nonsense", signing.TimestampSigner(salt="other").sign("x")):
        response = post_json(report_data(token=bad))
        assert response.status_code == 400
        assert "token" in response.json()["errors"]


def test_expired_token(post_json, report_data):
    old = signing.TimestampSigner(salt=TOKEN_SALT)
    with override_settings(TYPO_REPORTS_TOKEN_MAX_AGE=60):
        token = old.sign("abc")
        from unittest import mock

        with mock.patch("time.time", return_value=__import__("time").time() + 120):
            response = post_json(report_data(token=token))
    assert response.status_code == 400
    assert "token" in response.json()["errors"]


def test_token_endpoint_is_fresh_and_never_cached(client):
    response = client.get("/api/typo-reports/token/")
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    token = response.json()["token"]
    assert token != client.get("/api/typo-reports/token/").json()["token"]


@pytest.mark.parametrize(
    "headers",
    [
        {"Origin": "https://evil.example"},
        {"Origin": "null"},
        {"Referer": "https://evil.example/page"},
    ],
)
def test_cross_site_requests_are_refused(post_json, report_data, headers):
    response = post_json(report_data(), **headers)
    assert response.status_code == 403
    assert "errors" in response.json()
    assert not TypoReport.objects.exists()


def test_same_site_origin_is_accepted(post_json, report_data):
    response = post_json(report_data(), Origin="http://testserver")
    assert response.status_code == 201


@override_settings(TYPO_REPORTS_RATE_LIMIT_SHORT=5, TYPO_REPORTS_RATE_LIMIT_DAILY=30)
def test_rate_limit_is_shared_through_the_cache(post_json, report_data):
    # Separate clients (as separate workers would see them), one address.
    for number in range(5):
        response = post_json(report_data(comment=str(number)), client_=Client())
        assert response.status_code == 201
    response = post_json(report_data(), client_=Client())
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert "errors" in response.json()
    # The counters live in the cache, keyed by the hashed address: a new window, a new chance.
    limits = caches["limits"]
    short = rate_windows()[0]
    assert limits.get(_window_key(client_hash_of("127.0.0.1"), short, time.time())) >= 5
    limits.clear()
    assert post_json(report_data(), client_=Client()).status_code == 201


def client_hash_of(address):
    class FakeRequest:
        META = {"REMOTE_ADDR": address}

    return client_hash(FakeRequest())


@override_settings(TYPO_REPORTS_RATE_LIMIT_SHORT=100, TYPO_REPORTS_RATE_LIMIT_DAILY=3)
def test_daily_limit(post_json, report_data):
    for _number in range(3):
        assert post_json(report_data()).status_code == 201
    assert post_json(report_data()).status_code == 429


def test_other_addresses_are_not_limited(post_json, report_data):
    for _number in range(5):
        post_json(report_data())
    assert post_json(report_data()).status_code == 429
    other = Client(REMOTE_ADDR="10.1.2.3")
    assert post_json(report_data(), client_=other).status_code == 201


def test_repeats_of_an_open_report_are_counted(post_json, report_data):
    first = post_json(report_data()).json()
    second = post_json(report_data(fragment="прошёл  в\nАстане")).json()
    assert second["duplicate_of"] == first["id"] == second["id"]
    report = TypoReport.objects.get()
    assert report.repeat_count == 2
    TypoReport.objects.update(status=TypoReport.Status.FIXED)
    third = post_json(report_data()).json()
    assert third["duplicate_of"] is None
    assert TypoReport.objects.count() == 2


def test_no_raw_ip_address_is_stored(post_json, report_data):
    address = "203.0.113.77"
    post_json(report_data(), client_=Client(REMOTE_ADDR=address))
    row = TypoReport.objects.values().get()
    assert not any(address in str(value) for value in row.values())
    assert row["client_hash"] == client_hash_of(address)
    assert len(row["client_hash"]) == 64


@pytest.mark.parametrize(
    ("body", "content_type", "status"),
    [
        ("{not json", "application/json", 400),
        ("[1, 2]", "application/json", 400),
        ('"text"', "application/json", 400),
        (b"\xff\xfe", "application/json", 400),
        ("page=1", "text/plain", 415),
        ("<xml/>", "application/xml", 415),
    ],
)
def test_malformed_bodies_never_give_500(client, body, content_type, status):
    response = client.post(
        "/api/typo-reports/",
        data=body,
        content_type=content_type,
        headers={"Accept": "application/json"},
    )
    assert response.status_code == status
    assert "errors" in response.json()


def test_huge_bodies_are_refused_without_reading_them(client, report_data):
    data = report_data(comment="x" * 20000)
    response = client.post(
        "/api/typo-reports/",
        data=json.dumps(data),
        content_type="application/json",
        headers={"Accept": "application/json"},
    )
    assert response.status_code == 413
    response = client.post("/api/typo-reports/", data=data)
    assert response.status_code == 413


def test_get_is_not_allowed(client):
    assert client.get("/api/typo-reports/").status_code == 405


def test_form_client_gets_the_form_again_with_its_input(client, report_data):
    response = client.post(
        "/api/typo-reports/",
        data=report_data(fragment="нет такого текста", comment="мой комментарий", token="bad"),
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert '<html lang="ru">' in html
    assert not_found_message("ru") in html
    assert "нет такого текста" in html
    assert "мой комментарий" in html
    assert (
        response["Cache-Control"].startswith("max-age=0") or "no-cache" in response["Cache-Control"]
    )


def test_form_client_over_the_limit_gets_429(client, report_data):
    for _number in range(5):
        client.post("/api/typo-reports/", data=report_data())
    response = client.post("/api/typo-reports/", data=report_data())
    assert response.status_code == 429
    assert response["Retry-After"]
