"""Office pages, navigation, breadcrumbs, footer contacts, meta descriptions and 404/500."""

import json

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import override_settings

from news.tests.helpers import soup
from office.models import OfficeContacts, StandardPage

pytestmark = pytest.mark.django_db

ALL = ("kk", "ru", "en")


@pytest.fixture
def demo_office(news_index):
    call_command("load_office_demo_content", stdout=open("/dev/null", "w"))  # noqa: SIM115
    return StandardPage.objects.all()


def test_demo_office_pages_exist_in_every_language_and_the_command_is_idempotent(demo_office):
    assert demo_office.count() == 3
    revisions = sum(page.revisions.count() for page in demo_office)
    call_command("load_office_demo_content", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert StandardPage.objects.count() == 3
    assert sum(page.revisions.count() for page in StandardPage.objects.all()) == revisions
    for page in demo_office:
        for code in ALL:
            assert getattr(page, f"title_{code}") and getattr(page, f"body_{code}")


@pytest.mark.parametrize("language", ALL)
def test_office_pages_are_in_the_navigation_and_footer_in_their_language(
    client, demo_office, language
):
    response = client.get(f"/{language}/")
    page = soup(response)
    nav = [a["href"] for a in page.select(".site-nav a")]
    footer = [a["href"] for a in page.select(".site-footer a")]
    for office_page in demo_office:
        url = f"/{language}/{getattr(office_page, f'slug_{language}')}/"
        assert url in nav and url in footer
        answer = client.get(url)
        assert answer.status_code == 200
        body = soup(answer)
        assert body.h1.get_text(strip=True) == getattr(office_page, f"title_{language}")
        assert body.select_one(".site-nav a[aria-current=page]")["href"] == url


@pytest.mark.parametrize(
    ("language", "address", "hours"),
    [
        ("kk", "Министрліктер үйі", "Дүйсенбі"),
        ("ru", "Дом министерств", "Понедельник"),
        ("en", "House of Ministries", "Monday"),
    ],
)
def test_footer_has_the_contacts_in_the_pages_language(
    client, demo_office, language, address, hours
):
    footer = soup(client.get(f"/{language}/")).select_one(".site-footer")
    text = footer.get_text(" ", strip=True)
    assert address in text and hours in text
    assert footer.select_one('a[href^="mailto:"]')["href"] == "mailto:info@ombudsman.kz"
    assert footer.select_one('a[href^="tel:"]')
    assert footer.select_one(".site-footer__notice").get_text(strip=True)


def test_contacts_setting_keeps_languages_apart(client, demo_office):
    contacts = OfficeContacts.objects.get()
    contacts.address_en = ""
    contacts.save()
    text = soup(client.get("/en/")).select_one(".site-footer").get_text(" ", strip=True)
    assert "Дом министерств" not in text and "Министрліктер" not in text


def test_navigation_breadcrumbs_and_contacts_follow_changes_at_once(client, demo_office):
    """The frame's links and contacts are kept between requests (speed) until a change."""
    first = soup(client.get("/ru/"))
    assert "Дом министерств" in first.select_one(".site-footer").get_text(" ", strip=True)
    page = demo_office.first()
    old_url = f"/ru/{page.slug_ru}/"
    assert old_url in [a["href"] for a in first.select(".site-nav a")]

    contacts = OfficeContacts.objects.get()
    contacts.address_ru = "Новый адрес приёмной"
    contacts.save()
    page.title_ru, page.slug_ru = "Переименованная страница", "pereimenovannaya"
    page.save_revision().publish()

    after = soup(client.get("/ru/"))
    assert "Новый адрес приёмной" in after.select_one(".site-footer").get_text(" ", strip=True)
    nav = {a["href"]: a.get_text(strip=True) for a in after.select(".site-nav a")}
    assert nav.get("/ru/pereimenovannaya/") == "Переименованная страница"
    assert old_url not in nav
    crumbs = soup(client.get("/ru/pereimenovannaya/")).select(".breadcrumbs a")
    assert crumbs[-1].get_text(strip=True) == "Переименованная страница"


def test_breadcrumbs_and_json_ld_on_an_office_page(client, demo_office):
    page = demo_office.get(slug_en="about")
    body = soup(client.get("/en/about/"))
    crumbs = [a.get_text(strip=True) for a in body.select(".breadcrumbs a")]
    assert crumbs == ["Home", page.title_en]
    data = [json.loads(s.string) for s in body.select('script[type="application/ld+json"]')]
    trail = next(d for d in data if d["@type"] == "BreadcrumbList")
    assert [item["name"] for item in trail["itemListElement"]] == ["Home", page.title_en]
    assert trail["itemListElement"][1]["item"].endswith("/en/about/")


def test_release_breadcrumbs_home_news_release(client, make_release):
    release = make_release(title_ru="Заголовок")
    body = soup(client.get(f"/ru/novosti/{release.slug_ru}/"))
    assert [a.get_text(strip=True) for a in body.select(".breadcrumbs a")] == [
        "Главная",
        "Новости",
        "Заголовок",
    ]


@pytest.mark.parametrize("language", ALL)
def test_every_page_type_has_a_meta_description_in_its_language(
    client, demo_office, make_release, language
):
    release = make_release(lead_kk="Қысқаша", lead_ru="Кратко о главном", lead_en="In short")
    lead = {"kk": "Қысқаша", "ru": "Кратко о главном", "en": "In short"}[language]
    index = {"kk": "/kk/zhanalyqtar/", "ru": "/ru/novosti/", "en": "/en/news/"}[language]
    pages = [
        f"/{language}/",
        index,
        f"{index}{getattr(release, f'slug_{language}')}/",
        f"/{language}/{demo_office.get(slug_en='contacts').__dict__[f'slug_{language}']}/",
        f"/{language}/search/?q=x",
        f"/{language}/feeds/",
        f"/{language}/no-such-page/",
    ]
    for url in pages:
        description = soup(client.get(url)).select('meta[name="description"]')
        assert len(description) == 1, url
        assert description[0]["content"].strip(), url
    release_description = soup(client.get(pages[2])).select_one('meta[name="description"]')
    assert release_description["content"] == lead


def test_home_title_names_the_office_once(client, home):
    title = soup(client.get("/en/")).title.get_text(" ", strip=True)
    assert " — " not in title


@pytest.mark.parametrize(
    ("path", "accept", "language", "heading"),
    [
        ("/kk/no-such-page/", "en", "kk", "Бет табылмады"),
        ("/ru/no-such-page/", "en", "ru", "Страница не найдена"),
        ("/en/no-such-page/", "ru", "en", "Page not found"),
        ("/static/no-such-file.css", "ru-RU,ru;q=0.9", "ru", "Страница не найдена"),
    ],
)
def test_404_in_the_visitors_language_with_search_and_home(
    client, home, path, accept, language, heading
):
    response = client.get(path, headers={"accept-language": accept})
    assert response.status_code == 404
    page = soup(response)
    assert page.html["lang"] == language
    assert page.h1.get_text(strip=True) == heading
    assert page.select_one(f'form[role=search][action="/{language}/search/"]')
    assert page.select_one(f'main a[href="/{language}/"]')


@pytest.mark.parametrize(
    ("path", "accept", "language", "heading"),
    [
        ("/kk/x/", "", "kk", "Сервер қатесі"),
        ("/ru/x/", "", "ru", "Ошибка сервера"),
        ("/en/x/", "", "en", "Server error"),
        ("/api/x", "en-GB", "en", "Server error"),
    ],
)
def test_500_page_renders_in_the_visitors_language_without_the_database(
    rf, path, accept, language, heading
):
    from ombudsman.errors import server_error

    request = rf.get(path, headers={"accept-language": accept})

    def no_database(*args, **kwargs):
        raise AssertionError("the 500 page touched the database")

    with connection.execute_wrapper(no_database):
        response = server_error(request)
    assert response.status_code == 500
    page = soup(response)
    assert page.html["lang"] == language
    assert page.h1.get_text(strip=True) == heading
    assert page.select_one(f'form[action="/{language}/search/"]')
    assert page.select_one(f'a[href="/{language}/"]')
    assert not page.select("script:not([type])")


@override_settings(DEBUG=False)
def test_an_exception_in_a_view_gets_the_static_500(client, home, monkeypatch):
    from news.models import HomePage

    def boom(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(HomePage, "serve", boom)
    client.raise_request_exception = False
    response = client.get("/ru/")
    assert response.status_code == 500
    assert "Ошибка сервера" in response.content.decode()
