"""The reading layout of a release: metadata, share links, related, previous / next, lists, and
the error-report dialog rendered from its form."""

import datetime
from urllib.parse import parse_qs, urlsplit

import pytest

from typo_reports.forms import COMMENT_MAX_LENGTH, FRAGMENT_MAX_LENGTH, HONEYPOT_FIELD
from typo_reports.models import TypoReport

from .helpers import soup

pytestmark = pytest.mark.django_db


def release_page(client, release, language="ru"):
    index = {"kk": "zhanalyqtar", "ru": "novosti", "en": "news"}[language]
    return soup(client.get(f"/{language}/{index}/{getattr(release, f'slug_{language}')}/"))


def test_share_links_escape_the_title(client, make_release):
    title = 'Права & свободы: "кавычки" <b>теги</b> #1?'
    release = make_release(title_ru=title)
    page = release_page(client, release)
    links = {a["data-share"]: a["href"] for a in page.select(".share a[data-share]")}
    assert set(links) == {"telegram", "whatsapp", "facebook", "x", "vk", "email"}
    for name, href in links.items():
        query = parse_qs(urlsplit(href).query)
        values = " ".join(v for values in query.values() for v in values)
        if name != "facebook":
            assert title in values, name
        assert "<b>" not in href and '"' not in href and " " not in href
    assert page.select_one("[data-copy-link]")["data-url"].endswith(
        f"/ru/novosti/{release.slug_ru}/"
    )


def test_metadata_block_has_date_reading_time_views_topics_and_source(client, make_release):
    release = make_release(source_ru="Казинформ")
    meta = release_page(client, release).select_one(".release-meta")
    text = meta.get_text(" ", strip=True)
    assert "Опубликовано" in text and "Время чтения" in text and "Просмотры" in text
    assert "Казинформ" in text
    assert meta.select_one("[data-views-url]")["data-views-url"] == f"/ru/views/{release.pk}/"


def test_previous_and_next_in_the_same_language(client, make_release):
    older = make_release(date=datetime.date(2026, 1, 1))
    middle = make_release(date=datetime.date(2026, 2, 1))
    make_release(date=datetime.date(2026, 2, 15), languages=("kk",))  # not in Russian
    newer = make_release(date=datetime.date(2026, 3, 1))
    page = release_page(client, middle)
    assert page.select_one('.prev-next a[rel="prev"]')["href"].endswith(f"{older.slug_ru}/")
    assert page.select_one('.prev-next a[rel="next"]')["href"].endswith(f"{newer.slug_ru}/")


def test_lists_are_one_column_of_entries_with_h2_titles(client, make_release):
    for _n in range(3):
        make_release()
    page = soup(client.get("/ru/novosti/"))
    entries = page.select("ul.release-list > li.release-card")
    assert len(entries) == 3
    assert all(entry.select_one("h2.release-card__title a") for entry in entries)
    assert not page.select("h3")  # no jump from h1 to h3


def test_the_dialog_is_rendered_from_the_form(client, make_release):
    release = make_release()
    page = release_page(client, release)
    dialog = page.select_one("dialog[data-typo-dialog]")
    kinds = [radio["value"] for radio in dialog.select("input[name=kind]")]
    assert kinds == [value for value, _label in TypoReport.Kind.choices]
    assert dialog.select_one("input[name=kind][checked]")["value"] == TypoReport.Kind.TYPO
    assert dialog.select_one("textarea[name=comment]")["maxlength"] == str(COMMENT_MAX_LENGTH)
    assert dialog.select_one(f"input[name={HONEYPOT_FIELD}]")
    prompt = page.select_one("[data-typo-report]")
    assert prompt["data-max-length"] == str(FRAGMENT_MAX_LENGTH)
    assert str(FRAGMENT_MAX_LENGTH) in prompt["data-message-too-long"]
    status = dialog.select_one("[data-typo-dialog-status]")
    assert status["role"] == "status" and status["aria-live"] == "polite"


def test_public_pages_have_no_inline_script_or_style(client, make_release):
    release = make_release()
    for url in ("/ru/", "/ru/novosti/", f"/ru/novosti/{release.slug_ru}/", "/ru/search/?q=a"):
        page = soup(client.get(url))
        assert not page.select("[style]"), url
        assert not page.select("style"), url
        for script in page.select("script"):
            assert script.get("src") or script.get("type") == "application/ld+json", url
        for script in page.select("script[src]"):
            assert script.has_attr("defer"), url
        # One stylesheet; the low-vision one only for readers without JavaScript.
        sheets = list(page.select('link[rel="stylesheet"]'))
        assert [link.find_parent("noscript") is None for link in sheets] == [True, False], url
