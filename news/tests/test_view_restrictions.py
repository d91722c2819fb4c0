"""Wagtail's page privacy still applies although the restriction lookup is skipped while no
page has one (LanguageAwarePage.get_view_restrictions), a page made private is not served
from the page cache afterwards, and a private release is listed nowhere public."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from news.languages import page_url_in


def restriction_queries(client, url) -> list[str]:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url, {"uncached": "1"}).status_code == 200
    return [q["sql"] for q in captured if "pageviewrestriction" in q["sql"]]


def test_no_restriction_query_while_no_page_is_private(client, make_release):
    url = page_url_in(make_release(), "ru")
    client.get(url, {"uncached": "1"})  # the answer "none exists" is now kept
    assert restriction_queries(client, url) == []


def test_a_page_made_private_asks_for_the_password_at_once(client, make_release, news_index):
    release = make_release()
    url = page_url_in(release, "en")
    assert client.get(url).status_code == 200  # now in the page cache too
    restriction = PageViewRestriction.objects.create(
        page=news_index, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    response = client.get(url)
    assert response.status_code == 200
    assert b'name="password"' in response.content
    assert release.title_en.encode() not in response.content
    restriction.delete()
    assert release.title_en.encode() in client.get(url).content


def test_a_private_release_is_listed_nowhere_public(client, make_release, news_index):
    shown = make_release(title_en="Open visit report", lead_en="A report on the detention visit.")
    private = make_release(title_en="Closed visit report", lead_en="A report on detention.")
    address = page_url_in(private, "en").encode()  # in links, feed items and sitemap entries
    pages = [
        page_url_in(news_index, "en"),
        "/en/",
        "/en/rss.xml",
        "/en/atom.xml",
        "/en/search/?q=detention",
        "/sitemap-pages.xml",
    ]
    for url in pages:
        assert address in client.get(url).content, url

    restriction = PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    for url in pages:
        content = client.get(url).content
        assert address not in content, url
        assert private.title_en.encode() not in content, url
    assert shown.title_en.encode() in client.get(page_url_in(news_index, "en")).content
    assert b"1 release found" in client.get("/en/search/?q=detention").content

    restriction.delete()
    for url in pages:
        assert address in client.get(url).content, url
