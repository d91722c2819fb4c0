"""The language rule on public pages: no fallback leak, 404 with links, hreflang, switcher."""

import datetime

import pytest

from news.languages import page_url_in

from .helpers import alternates, main_text, soup, switcher_links

pytestmark = pytest.mark.django_db

ALL = ("kk", "ru", "en")


@pytest.mark.parametrize("language", ALL)
def test_home_index_and_release_answer_in_their_language(client, make_release, language):
    release = make_release(
        title_kk="Қазақша тақырып",
        title_ru="Русский заголовок",
        title_en="English headline",
    )
    expected = {"kk": "Қазақша тақырып", "ru": "Русский заголовок", "en": "English headline"}
    others = [text for code, text in expected.items() if code != language]
    index_url = {"kk": "/kk/zhanalyqtar/", "ru": "/ru/novosti/", "en": "/en/news/"}[language]
    release_url = f"{index_url}{getattr(release, f'slug_{language}')}/"

    for url in (f"/{language}/", index_url, release_url):
        response = client.get(url)
        assert response.status_code == 200, url
        page = soup(response)
        assert page.html["lang"] == language
        text = main_text(response)
        assert expected[language] in text
        for other in others:
            assert other not in text


@pytest.mark.parametrize("missing", ALL)
def test_release_without_a_language_is_404_there_with_links_and_no_leak(
    client, make_release, missing
):
    present = [code for code in ALL if code != missing]
    release = make_release(languages=present)
    index_slug = {"kk": "zhanalyqtar", "ru": "novosti", "en": "news"}
    # Its would-be address in the missing language uses another language's slug.
    other_slug = getattr(release, f"slug_{present[0]}")
    response = client.get(f"/{missing}/{index_slug[missing]}/{other_slug}/")
    assert response.status_code == 404
    page = soup(response)
    assert page.html["lang"] == missing
    links = {a["hreflang"]: a["href"] for a in page.select(".available-languages a")}
    assert links == {
        code: f"/{code}/{index_slug[code]}/{getattr(release, f'slug_{code}')}/" for code in present
    }
    for code in present:
        assert getattr(release, f"title_{code}") not in response.content.decode()
        assert getattr(release, f"lead_{code}") not in response.content.decode()


@pytest.mark.parametrize("missing", ALL)
def test_listing_omits_releases_lacking_the_language(client, make_release, missing):
    present = [code for code in ALL if code != missing]
    lacking = make_release(languages=present)
    complete = make_release()
    index_url = {"kk": "/kk/zhanalyqtar/", "ru": "/ru/novosti/", "en": "/en/news/"}[missing]
    for url in (f"/{missing}/", index_url):
        text = main_text(client.get(url))
        assert getattr(complete, f"title_{missing}") in text
        for code in present:
            assert getattr(lacking, f"title_{code}") not in text


def test_optional_fields_never_fall_back_to_another_language(client, make_release):
    release = make_release(
        languages=("ru", "en"),
        source_ru="МИА «Казинформ»",
        hero_caption_ru="Подпись",
        seo_title_ru="SEO по-русски",
        search_description_ru="Описание по-русски",
    )
    response = client.get(f"/en/news/{release.slug_en}/")
    html = response.content.decode()
    assert response.status_code == 200
    for russian in ("МИА «Казинформ»", "Подпись", "SEO по-русски", "Описание по-русски"):
        assert russian not in html
    assert "SEO по-русски" in client.get(f"/ru/novosti/{release.slug_ru}/").content.decode()


def test_wrong_language_slug_is_404_with_the_right_address(client, make_release):
    release = make_release(title_ru="Русский заголовок", title_en="English headline")
    response = client.get(f"/en/news/{release.slug_ru}/")
    assert response.status_code == 404
    assert "another address in this language" in main_text(response)
    links = {a["hreflang"]: a["href"] for a in soup(response).select(".available-languages a")}
    assert links["en"] == f"/en/news/{release.slug_en}/"
    assert "Русский заголовок" not in main_text(response)
    assert client.get(f"/en/news/{release.slug_en}/").status_code == 200


def test_hreflang_lists_only_existing_languages_plus_x_default(client, make_release):
    release = make_release(languages=("ru", "en"))
    response = client.get(f"/ru/novosti/{release.slug_ru}/")
    assert alternates(response) == {
        "ru": f"http://testserver/ru/novosti/{release.slug_ru}/",
        "en": f"http://testserver/en/news/{release.slug_en}/",
        "x-default": f"http://testserver/ru/novosti/{release.slug_ru}/",
    }


def test_switcher_leads_to_same_release_or_to_the_language_home(client, make_release):
    release = make_release(languages=("ru", "en"))
    response = client.get(f"/en/news/{release.slug_en}/")
    links = switcher_links(response)
    assert links == {"ru": f"/ru/novosti/{release.slug_ru}/", "kk": "/kk/"}
    switcher = soup(response).select_one(".language-switcher")
    assert switcher.select_one('[aria-current="true"]')["lang"] == "en"
    assert switcher.select_one(".language-switcher__note") is not None
    # Following the link really shows the Russian version.
    assert release.title_ru in main_text(client.get(links["ru"]))


@pytest.mark.parametrize(
    ("language", "expected"),
    [("kk", "25 қараша 2026 ж."), ("ru", "25 ноября 2026"), ("en", "25 November 2026")],
)
def test_dates_are_written_the_newsroom_way(client, make_release, language, expected):
    release = make_release(date=datetime.date(2026, 11, 25))
    response = client.get(page_url_in(release, language))
    time = soup(response).select_one("article.release time")
    assert time["datetime"] == "2026-11-25"
    assert time.get_text(strip=True) == expected


def test_draft_release_is_not_served(client, make_release):
    release = make_release(publish=False)
    release.unpublish()
    assert client.get(f"/ru/novosti/{release.slug_ru}/").status_code == 404


def test_topics_and_related_releases_show_only_in_languages_they_have(client, make_release):
    from news.factories import TopicFactory
    from news.models import RelatedRelease

    topic = TopicFactory(name_en="", name_ru="Права детей", name_kk="Бала құқықтары")
    russian_only = make_release(languages=("ru",), title_ru="Только по-русски")
    release = make_release()
    release.topics.set([topic])
    RelatedRelease.objects.create(page=release, release=russian_only, sort_order=0)
    release.save_revision().publish()

    english = main_text(client.get(page_url_in(release, "en")))
    assert "Права детей" not in english and "Бала құқықтары" not in english
    assert "Только по-русски" not in english
    russian = main_text(client.get(page_url_in(release, "ru")))
    assert "Права детей" in russian
    assert "Только по-русски" in russian


def test_old_address_redirects_after_a_slug_change_in_its_language_only(client, make_release):
    release = make_release(languages=("ru", "en"))
    old_ru, old_en = page_url_in(release, "ru"), page_url_in(release, "en")
    release = type(release).objects.get(pk=release.pk)
    release.slug_ru = "novyy-adres"
    release.save_revision().publish()
    response = client.get(old_ru)
    assert response.status_code == 301
    assert response["Location"].endswith("/ru/novosti/novyy-adres/")
    assert client.get(response["Location"]).status_code == 200
    assert client.get(old_en).status_code == 200  # English address unchanged
    assert client.get(old_ru.replace("/ru/novosti/", "/kk/zhanalyqtar/")).status_code == 404


def test_counts_kept_between_requests_follow_a_publish_and_an_unpublish(client, make_release):
    """List, topic and sitemap counts are kept until the next change (speed): a publish or an
    unpublish shows at once, in the language it concerns only."""
    from django.test import override_settings

    from news.factories import TopicFactory

    topic = TopicFactory(name_ru="Права детей", slug_ru="prava-detei")
    first = make_release(languages=("ru",))
    first.topics.set([topic])
    first.save_revision().publish()
    with override_settings(NEWS_RELEASES_PER_PAGE=1):
        assert client.get("/ru/novosti/?page=2").status_code == 404
        assert client.get("/ru/topics/prava-detei/?page=2").status_code == 404
        sitemap = client.get("/sitemap-pages.xml").content.decode()
        second = make_release(languages=("ru",))
        second.topics.set([topic])
        second.save_revision().publish()
        assert client.get("/ru/novosti/?page=2").status_code == 200
        assert client.get("/ru/topics/prava-detei/?page=2").status_code == 200
        assert client.get("/en/news/?page=2").status_code == 404
        assert second.slug_ru not in sitemap
        assert second.slug_ru in client.get("/sitemap-pages.xml").content.decode()
        second.unpublish()
        assert client.get("/ru/novosti/?page=2").status_code == 404
        assert second.slug_ru not in client.get("/sitemap-pages.xml").content.decode()
