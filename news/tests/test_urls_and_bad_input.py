"""Addresses: / by Accept-Language, pagination, unknown prefixes, odd query strings."""

import pytest

from .helpers import soup

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("accept", "expected"),
    [
        ("ru-RU,ru;q=0.9,en;q=0.8", "/ru/"),
        ("en-GB,en;q=0.9", "/en/"),
        ("kk-KZ,kk;q=0.9,ru;q=0.8", "/kk/"),
        ("de-DE,fr;q=0.8,en;q=0.5", "/en/"),
        ("de-DE,fr;q=0.8", "/kk/"),
        ("", "/kk/"),
        ("*", "/kk/"),
        ("garbage;;;q=x," * 50, "/kk/"),
    ],
)
def test_root_redirects_by_accept_language(client, home, accept, expected):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=accept)
    assert response.status_code == 302
    assert response["Location"] == expected
    assert "Accept-Language" in response["Vary"]


def test_root_ignores_the_language_cookie(client, home):
    client.cookies["django_language"] = "en"
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="ru")["Location"] == "/ru/"


def test_index_lists_ten_newest_first_and_paginates(client, make_release):
    import datetime

    releases = [
        make_release(date=datetime.date(2026, 1, 1) + datetime.timedelta(days=n)) for n in range(12)
    ]
    first = soup(client.get("/en/news/"))
    titles = [a.get_text(strip=True) for a in first.select(".release-card__title a")]
    assert titles == [r.title_en for r in reversed(releases)][:10]
    second = soup(client.get("/en/news/?page=2"))
    titles = [a.get_text(strip=True) for a in second.select(".release-card__title a")]
    assert titles == [releases[1].title_en, releases[0].title_en]
    assert first.select_one('.pagination a[rel="next"]')["href"] == "?page=2"


@pytest.mark.parametrize(
    "page", ["0", "-1", "3", "999999999999999999999", "abc", "1.5", "%00", "2'"]
)
def test_bad_page_numbers_are_404_never_500(client, make_release, page):
    make_release()
    response = client.get(f"/en/news/?page={page}")
    assert response.status_code == 404
    assert soup(response).html["lang"] == "en"


def test_empty_page_parameter_is_the_first_page(client, make_release):
    make_release()
    assert client.get("/en/news/?page=").status_code == 200


@pytest.mark.parametrize(
    "path",
    ["/de/", "/xx/news/", "/KK/", "/en/no-such-page/", "/ru/novosti/no-such-release/", "/en-gb/"],
)
def test_unknown_addresses_are_4xx(client, news_index, path):
    response = client.get(path, follow=True)
    assert 400 <= response.status_code < 500


@pytest.mark.parametrize(
    "query",
    [
        "?q=" + "x" * 10000,
        "?utm_source=%FF%FE",
        "?a=<script>alert(1)</script>",
        "?" + "&".join(["a=1"] * 500),
    ],
)
def test_odd_query_strings_give_a_normal_page(client, news_index, query):
    for url in ("/en/", "/en/news/"):
        response = client.get(url + query)
        assert response.status_code == 200
        assert b"<script>alert(1)</script>" not in response.content


def test_404_page_is_in_the_language_of_the_address(client, home):
    for language in ("kk", "ru", "en"):
        response = client.get(f"/{language}/missing/")
        assert response.status_code == 404
        assert soup(response).html["lang"] == language


def test_admins_are_where_the_design_says(client, home):
    assert client.get("/admin/").status_code == 302
    assert client.get("/django-admin/").status_code == 302
