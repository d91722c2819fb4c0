"""Feeds, sitemap, robots.txt, sharing metadata, search and topic pages, per language."""

import datetime
import json

import feedparser
import pytest
from defusedxml import ElementTree as ET
from django.db import connection
from django.utils import translation

from news.factories import TopicFactory
from news.feeds import release_guid
from news.languages import page_url_in

from .helpers import main_text, soup

pytestmark = pytest.mark.django_db

SITEMAP_NS = {
    "s": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "x": "http://www.w3.org/1999/xhtml",
}


def parse(response):
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    return feed


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_feeds_list_only_releases_that_exist_in_their_language(client, make_release, language):
    present = make_release()
    lacking = make_release(languages=[code for code in ("kk", "ru", "en") if code != language])
    for path, kind in ((f"/{language}/rss.xml", "rss20"), (f"/{language}/atom.xml", "atom10")):
        response = client.get(path)
        assert response.status_code == 200
        feed = parse(response)
        assert feed.version == kind
        assert feed.feed.language == language if kind == "rss20" else True
        titles = [entry.title for entry in feed.entries]
        assert titles == [getattr(present, f"title_{language}")]
        body = response.content.decode()
        for code in ("kk", "ru", "en"):
            if code != language:
                assert getattr(present, f"title_{code}") not in body
                assert getattr(lacking, f"lead_{code}") not in body


def test_rss_item_has_everything_a_reader_needs(client, make_release, news_index):
    topic = TopicFactory(name_en="Children's rights")
    image = _image()
    release = make_release(
        title_en='Rights & "wrongs" <in> law',
        lead_en="A lead with <b>tags</b> & ampersands.",
        date=datetime.date(2026, 11, 25),
        hero_image=image,
        hero_alt_kk="Сурет",
        hero_alt_ru="Снимок",
        hero_alt_en="A picture",
    )
    release.topics.set([topic])
    release.save_revision().publish()
    feed = parse(client.get("/en/rss.xml"))
    assert feed.feed.title
    assert feed.feed.links[0].href.startswith("http://testserver/en/")
    assert any(link.rel == "self" for link in feed.feed.links)
    assert feed.feed.get("updated")
    entry = feed.entries[0]
    assert entry.title == 'Rights & "wrongs" <in> law'
    assert entry.link == "http://testserver" + page_url_in(release, "en")
    assert entry.id == release_guid(release, "en")
    assert entry.guidislink is False
    assert entry.published_parsed[:3] == (2026, 11, 25)
    # Plain text: a reader shows the tags as typed, it does not render them.
    assert entry.summary == "A lead with &lt;b&gt;tags&lt;/b&gt; &amp; ampersands."
    assert "The reception took place in Astana" in entry.content[0].value
    assert [tag.term for tag in entry.tags] == ["Children's rights"]
    enclosure = entry.enclosures[0]
    assert enclosure.type == "image/jpeg" and int(enclosure.length) > 0
    assert enclosure.href.startswith("http://testserver/")


def _image():
    from wagtail.images import get_image_model
    from wagtail.images.tests.utils import get_test_image_file

    return get_image_model().objects.create(title="Hero", file=get_test_image_file())


def test_guid_survives_edits_republication_and_slug_changes(client, make_release):
    release = make_release()
    guid = parse(client.get("/ru/rss.xml")).entries[0].id
    release.title_ru = "Новый заголовок"
    release.slug_ru = "novyy-adres"
    release.save_revision().publish()
    entry = parse(client.get("/ru/rss.xml")).entries[0]
    assert entry.title == "Новый заголовок"
    assert entry.link.endswith("/novyy-adres/")
    assert entry.id == guid


def test_feed_content_uses_absolute_urls(client, make_release):
    make_release(
        body_en=[{"type": "paragraph", "value": '<p>See <a href="/en/news/">all news</a>.</p>'}]
    )
    content = parse(client.get("/en/atom.xml")).entries[0].content[0].value
    assert 'href="http://testserver/en/news/"' in content


def test_conditional_get_answers_304_until_something_is_published(client, make_release):
    make_release()
    first = client.get("/en/rss.xml")
    etag, modified = first["ETag"], first["Last-Modified"]
    assert client.get("/en/rss.xml", HTTP_IF_NONE_MATCH=etag).status_code == 304
    assert client.get("/en/rss.xml", HTTP_IF_MODIFIED_SINCE=modified).status_code == 304
    make_release()
    assert client.get("/en/rss.xml", HTTP_IF_NONE_MATCH=etag).status_code == 200


def test_topic_page_and_feed(client, make_release):
    topic = TopicFactory(slug_en="childrens-rights", name_en="Children's rights", name_kk="")
    inside, outside = make_release(), make_release()
    inside.topics.set([topic])
    inside.save_revision().publish()
    response = client.get("/en/topics/childrens-rights/")
    assert response.status_code == 200
    text = main_text(response)
    assert inside.title_en in text and outside.title_en not in text
    feed = parse(client.get("/en/topics/childrens-rights/rss.xml"))
    assert [entry.title for entry in feed.entries] == [inside.title_en]
    # The topic has no Kazakh name: no Kazakh topic page.
    assert client.get(f"/kk/topics/{topic.slug_kk}/").status_code == 404
    assert client.get("/en/topics/no-such-topic/rss.xml").status_code == 404


def test_every_page_links_its_languages_feeds(client, make_release):
    release = make_release()
    for language in ("kk", "ru", "en"):
        page = soup(client.get(page_url_in(release, language)))
        links = page.select('link[rel="alternate"][type]')
        hrefs = {link["type"]: link["href"] for link in links}
        assert hrefs == {
            "application/rss+xml": f"http://testserver/{language}/rss.xml",
            "application/atom+xml": f"http://testserver/{language}/atom.xml",
        }
        with translation.override(language):
            assert all(link["title"] for link in links)
    feeds_page = client.get("/ru/feeds/")
    assert feeds_page.status_code == 200
    assert "/ru/rss.xml" in feeds_page.content.decode()


def test_sitemap_lists_each_page_once_per_language_with_its_alternates(client, make_release):
    both = make_release(languages=("ru", "en"))
    index = client.get("/sitemap.xml")
    assert index.status_code == 200
    section = ET.fromstring(index.content).find("s:sitemap/s:loc", SITEMAP_NS).text
    urlset = ET.fromstring(client.get(section.replace("http://testserver", "")).content)
    entries = {
        url.find("s:loc", SITEMAP_NS).text: {
            link.get("hreflang"): link.get("href") for link in url.findall("x:link", SITEMAP_NS)
        }
        for url in urlset.findall("s:url", SITEMAP_NS)
    }
    ru = "http://testserver" + page_url_in(both, "ru")
    en = "http://testserver" + page_url_in(both, "en")
    assert set(entries) >= {ru, en}
    assert not any("/kk/" in loc and both.slug_ru in loc for loc in entries)
    assert entries[ru] == {"ru": ru, "en": en, "x-default": ru}
    released = [url for url in urlset if url.find("s:loc", SITEMAP_NS).text in (ru, en)]
    assert all(url.find("s:lastmod", SITEMAP_NS) is not None for url in released)


def test_robots_txt_points_to_sitemap_and_keeps_private_paths_out(client, home):
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    for line in ("Disallow: /admin/", "Disallow: /django-admin/", "Disallow: /api/"):
        assert line in text
    assert "Sitemap: http://testserver/sitemap.xml" in text


def test_sharing_metadata_and_json_ld(client, make_release):
    release = make_release(
        languages=("ru", "en"), hero_image=_image(), hero_alt_ru="Снимок", hero_alt_en="A picture"
    )
    page = soup(client.get(page_url_in(release, "en")))
    meta = {
        tag.get("property") or tag.get("name"): tag["content"]
        for tag in page.select("meta[content]")
    }
    canonical = "http://testserver" + page_url_in(release, "en")
    assert page.select_one('link[rel="canonical"]')["href"] == canonical
    assert meta["og:title"] == release.title_en
    assert meta["og:description"] == release.lead_en
    assert meta["og:locale"] == "en_GB"
    assert [t["content"] for t in page.select('meta[property="og:locale:alternate"]')] == ["ru_RU"]
    assert meta["og:image:width"] == "1200" and meta["og:image:height"] == "630"
    assert meta["twitter:card"] == "summary_large_image"
    data = json.loads(page.select_one('script[type="application/ld+json"]').string)
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == release.title_en
    assert data["inLanguage"] == "en"
    assert data["datePublished"] == release.date.isoformat()
    assert data["dateModified"]
    assert data["image"][0].startswith("http://testserver/")
    assert data["publisher"]["logo"]["url"].endswith("logo.png")


def test_json_ld_cannot_be_broken_out_of(client, make_release):
    release = make_release(title_en="</script><script>alert(1)</script>")
    html = client.get(page_url_in(release, "en")).content.decode()
    assert "</script><script>alert(1)" not in html


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_search_finds_only_releases_in_its_language(client, make_release, language):
    words = {"kk": "бостандығы", "ru": "свободы", "en": "freedoms"}
    release = make_release(
        lead_kk="Сөз бостандығы туралы.",
        lead_ru="О свободы слова.",
        lead_en="On freedoms of expression.",
    )
    other = make_release(languages=[c for c in ("kk", "ru", "en") if c != language])
    for code, word in words.items():
        response = client.get(f"/{language}/search/", {"q": word})
        assert response.status_code == 200
        text = main_text(response)
        assert (getattr(release, f"title_{language}") in text) == (code == language), code
        for other_code in ("kk", "ru", "en"):
            if other_code != language:
                assert getattr(other, f"title_{other_code}") not in text


def test_search_follows_publishing_and_unpublishing(client, make_release):
    """Search keeps the language's live releases until the next purge: a release published
    after a search is found by the next one, and an unpublished one no longer is."""
    first = make_release(lead_en="Monitoring of detention centres.")
    found = main_text(client.get("/en/search/", {"q": "detention"}))
    assert first.title_en in found and "1 release found" in found
    release = make_release(title_en="Detention visits in Astana")
    found = main_text(client.get("/en/search/", {"q": "detention"}))
    assert release.title_en in found and "2 releases found" in found
    release.unpublish()
    found = main_text(client.get("/en/search/", {"q": "detention"}))
    assert release.title_en not in found and "1 release found" in found


@pytest.mark.parametrize(
    "query", ["", " ", "x" * 5000, "'; DROP TABLE x; --", "%00\x00", "a" * 3 + "\n" * 50]
)
def test_odd_search_queries_give_a_normal_page(client, make_release, query):
    make_release()
    response = client.get("/en/search/", {"q": query})
    assert response.status_code == 200


@pytest.mark.parametrize("raw", ["q=%ED%A0%80", "q=%FF%FE", "q=%00", "q[]=1&q=2", "q"])
def test_undecodable_search_queries_give_a_normal_page(client, make_release, raw):
    make_release()
    assert client.get(f"/en/search/?{raw}").status_code == 200


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="word forms need PostgreSQL's dictionaries"
)
def test_russian_and_english_word_forms_match_on_postgresql(client, make_release):
    release = make_release(lead_ru="О защите прав человека.", lead_en="The visits went well.")
    assert release.title_ru in main_text(client.get("/ru/search/", {"q": "человеку"}))
    assert release.title_en in main_text(client.get("/en/search/", {"q": "visit"}))


def test_large_sitemaps_are_split_into_pages_listed_by_the_index(client, make_release, monkeypatch):
    from news.sitemaps import PagesSitemap

    make_release()
    monkeypatch.setattr(PagesSitemap, "limit", 2)
    index = ET.fromstring(client.get("/sitemap.xml").content)
    locations = [loc.text for loc in index.findall("s:sitemap/s:loc", SITEMAP_NS)]
    assert len(locations) >= 3  # home, index and release, each in three languages: 9 URLs
    assert locations[1].endswith("sitemap-pages.xml?p=2")
    second = ET.fromstring(client.get(locations[1].replace("http://testserver", "")).content)
    assert len(second.findall("s:url", SITEMAP_NS)) == 2


def test_switcher_on_search_feeds_and_topic_pages_leads_to_the_same_view(client, home):
    TopicFactory(slug_en="childrens-rights", slug_ru="prava-detey", name_kk="", slug_kk="")
    from .helpers import switcher_links

    assert switcher_links(client.get("/en/search/", {"q": "x"})) == {
        "kk": "/kk/search/",
        "ru": "/ru/search/",
    }
    assert switcher_links(client.get("/ru/feeds/")) == {"kk": "/kk/feeds/", "en": "/en/feeds/"}
    topic_page = client.get("/en/topics/childrens-rights/")
    # The topic has no Kazakh name: the Kazakh link is the Kazakh home.
    assert switcher_links(topic_page) == {"ru": "/ru/topics/prava-detey/", "kk": "/kk/"}
    hreflangs = {
        link["hreflang"] for link in soup(topic_page).select('head link[rel="alternate"][hreflang]')
    }
    assert hreflangs == {"en", "ru", "x-default"}


def test_sitemap_pages_are_the_bytes_of_djangos_own_sitemap_template(client, make_release):
    """news/sitemap.xml writes the entries in Python (speed); the XML must be Django's."""
    from django.template.loader import render_to_string

    make_release(title_ru="Права & «свобода» <человека>", languages=("ru", "en"))
    response = client.get("/sitemap-pages.xml")
    assert response.status_code == 200
    urlset = response.context["urlset"]
    assert any(url["lastmod"] for url in urlset)
    assert response.content.decode() == render_to_string("sitemap.xml", {"urlset": urlset})
    # The fields our sitemap leaves out are written as Django's template writes them.
    extra = [
        {
            "location": "https://example.org/a?b=1&c=<2>",
            "lastmod": datetime.datetime(2026, 1, 2, 23, 30, tzinfo=datetime.UTC),
            "changefreq": "daily",
            "priority": "0.5",
            "alternates": [{"lang_code": "ru", "location": 'https://example.org/ru/?q="x"'}],
        },
        {"location": "https://example.org/b", "lastmod": None, "alternates": []},
    ]
    assert render_to_string("news/sitemap.xml", {"urlset": extra}) == render_to_string(
        "sitemap.xml", {"urlset": extra}
    )
