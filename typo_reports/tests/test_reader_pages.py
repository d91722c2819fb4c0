"""The release's "Report an error" block and the no-JS form page."""

import pytest

from news.tests.helpers import soup

pytestmark = pytest.mark.django_db


def test_release_shows_the_prompt_in_its_language_without_any_token(client, release):
    response = client.get(f"/ru/novosti/{release.slug_ru}/")
    assert response.status_code == 200
    page = soup(response)
    block = page.select_one("[data-typo-report]")
    assert block["data-language"] == "ru"
    assert block["data-page-id"] == str(release.pk)
    assert block["data-api-url"] == "/api/typo-reports/"
    link = block.select_one("a[data-typo-link]")
    assert link["href"] == f"/ru/typo-report/?page={release.pk}"
    assert page.select_one("article[data-typo-scope] [data-article-text]")
    # Cacheable: no per-visitor value anywhere (the token field is empty).
    assert page.select_one("dialog input[name=token]")["value"] == ""
    assert "csrfmiddlewaretoken" not in response.content.decode()
    scripts = page.select("script")
    assert all(script.get("src") or "json" in script.get("type", "") for script in scripts)
    assert page.select_one('script[src$="typo_reports/typo_reports.js"]').has_attr("defer")


def test_no_js_form_in_the_readers_language(client, release):
    response = client.get(f"/en/typo-report/?page={release.pk}")
    assert response.status_code == 200
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
    page = soup(response)
    assert page.html["lang"] == "en"
    form = page.select_one("form.typo-report-form")
    assert form["action"] == "/api/typo-reports/"
    names = {field["name"] for field in form.select("[name]")}
    assert {"page", "language", "fragment", "kind", "comment", "token", "website"} <= names
    assert form.select_one("input[name=language]")["value"] == "en"
    assert form.select_one("input[name=token]")["value"]
    assert form.select_one("input[name=kind][value=typo]").has_attr("checked")


def test_no_js_form_prefills_the_fragment(client, release):
    response = client.get(f"/ru/typo-report/?page={release.pk}&fragment=Астане")
    assert "Астане" in soup(response).select_one("textarea[name=fragment]").text


@pytest.mark.parametrize("page", ["", "abc", "999999", "-1"])
def test_no_js_form_404_for_missing_pages(client, page):
    assert client.get(f"/ru/typo-report/?page={page}").status_code == 404


def test_no_js_form_404_for_a_language_the_page_lacks(client, release):
    assert client.get(f"/kk/typo-report/?page={release.pk}").status_code == 404


def test_no_js_form_404_for_a_page_that_is_not_live(client, make_release):
    draft = make_release(publish=False, live=False)
    assert client.get(f"/ru/typo-report/?page={draft.pk}").status_code == 404


def test_no_js_form_round_trip(client, release):
    page = soup(client.get(f"/ru/typo-report/?page={release.pk}"))
    data = {
        field["name"]: field.get("value", "")
        for field in page.select("form.typo-report-form input[type=hidden]")
    }
    data.update(fragment="прошёл в Астане", kind="translation", website="")
    response = client.post("/api/typo-reports/", data=data)
    assert response.status_code == 303
    thanks = client.get(response["Location"])
    assert thanks.status_code == 200
    assert soup(thanks).html["lang"] == "ru"
    assert f"/ru/novosti/{release.slug_ru}/" in thanks.content.decode()
