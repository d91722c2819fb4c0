"""Feed entries are rendered and written once per release, format, language and site address,
shared by a language's feed and its topics' feeds, and made again after the next purge (a
publish, a topic changed); the feeds are the bytes Django's feed generators write."""

import feedparser
import pytest
from django.utils import translation

from news import feeds
from news.factories import TopicFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def pages_rendered_each_time(settings):
    # Whole pages uncached, so every request reaches the feed and its entries.
    settings.PAGE_CACHE_ENABLED = False


@pytest.fixture
def rendered_bodies(monkeypatch):
    rendered = []
    original = feeds.release_body_html

    def counting(release, language):
        rendered.append((release.pk, language))
        return original(release, language)

    monkeypatch.setattr(feeds, "release_body_html", counting)
    return rendered


def entries(response):
    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    return feed.entries


def test_each_body_is_rendered_once_for_every_feed_until_the_next_publish(
    client, make_release, rendered_bodies
):
    topic = TopicFactory(name_ru="Права детей")
    first = make_release(title_ru="Первый выпуск")
    second = make_release(title_ru="Второй выпуск")
    for release in (first, second):
        release.topics.set([topic])
        release.save_revision().publish()
    topic_slug = topic.slug_ru

    assert [e.title for e in entries(client.get("/ru/rss.xml"))] == [
        "Второй выпуск",
        "Первый выпуск",
    ]
    assert sorted(rendered_bodies) == sorted([(first.pk, "ru"), (second.pk, "ru")])
    topic_feed = entries(client.get(f"/ru/topics/{topic_slug}/rss.xml"))
    again = entries(client.get("/ru/rss.xml"))
    assert len(rendered_bodies) == 2  # the topic's feed and RSS again: nothing rendered
    atom = entries(client.get("/ru/atom.xml"))
    assert len(rendered_bodies) == 4  # Atom writes its own entries, once
    entries(client.get("/ru/atom.xml"))
    assert len(rendered_bodies) == 4
    assert [e.title for e in atom] == [e.title for e in topic_feed] == [e.title for e in again]
    assert atom[0].content[0].value == again[0].content[0].value

    make_release(title_ru="Третий выпуск")  # a publish purges: every entry is made again
    titles = [e.title for e in entries(client.get("/ru/rss.xml"))]
    assert titles == ["Третий выпуск", "Второй выпуск", "Первый выпуск"]
    assert len(rendered_bodies) == 7


def test_an_edited_release_and_a_renamed_topic_show_in_the_next_feed(client, make_release):
    topic = TopicFactory(name_ru="Права детей")
    release = make_release(title_ru="Черновой заголовок")
    release.topics.set([topic])
    release.save_revision().publish()
    first = entries(client.get("/ru/rss.xml"))[0]
    assert (first.title, [t.term for t in first.tags]) == ("Черновой заголовок", ["Права детей"])

    release.title_ru = "Исправленный заголовок"
    release.save_revision().publish()
    topic.name_ru = "Защита прав ребёнка"
    topic.save()
    entry = entries(client.get("/ru/rss.xml"))[0]
    assert entry.title == "Исправленный заголовок"
    assert [t.term for t in entry.tags] == ["Защита прав ребёнка"]


def test_entries_are_kept_per_site_address_and_language(client, make_release, rendered_bodies):
    release = make_release()
    on_testserver = entries(client.get("/ru/rss.xml"))[0]
    on_localhost = entries(client.get("/ru/rss.xml", HTTP_HOST="localhost"))[0]
    in_english = entries(client.get("/en/rss.xml"))[0]
    assert on_testserver.link.startswith("http://testserver/ru/")
    assert on_localhost.link.startswith("http://localhost/ru/")
    assert in_english.link.startswith("http://testserver/en/")
    assert sorted(rendered_bodies) == sorted(
        [(release.pk, "ru"), (release.pk, "ru"), (release.pk, "en")]
    )


def test_an_unpublished_release_leaves_the_feed(client, make_release):
    kept = make_release(title_ru="Остаётся")
    gone = make_release(title_ru="Снимается")
    assert len(entries(client.get("/ru/rss.xml"))) == 2
    gone.unpublish()
    assert [e.title for e in entries(client.get("/ru/rss.xml"))] == [kept.title_ru]


@pytest.mark.parametrize("path", ["/ru/rss.xml", "/ru/atom.xml"])
def test_feeds_are_the_bytes_djangos_generators_write_for_the_same_items(
    client, make_release, path, monkeypatch
):
    """Entries are written once and copied into later feeds (news.feeds.WrittenItems): the
    feed must be what the generator writes with every item passed to it as usual."""
    from django.test import RequestFactory
    from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed

    from news.feeds import ReleasesAtomFeed, ReleasesFeed, feed_item
    from news.models import NewsReleasePage

    topic = TopicFactory(name_ru="Права детей")
    release = make_release(title_ru="Права & «свобода» <человека>", lead_ru="Ввод <b>и</b> вывод")
    release.topics.set([topic])
    release.save_revision().publish()
    make_release(title_ru="Вторая")
    served = client.get(path)  # written and kept
    served_again = client.get(path)  # copied from what was kept
    assert served.content == served_again.content

    feed_class = ReleasesFeed if path.endswith("rss.xml") else ReleasesAtomFeed
    # Django's own loop over the items, not the one that copies kept entries.
    django_class = Rss201rev2Feed if feed_class is ReleasesFeed else Atom1Feed
    monkeypatch.setattr(feed_class.feed_type, "write_items", django_class.write_items)
    request = RequestFactory().get(path)
    view = feed_class()
    with translation.override("ru"):
        stock = view.get_feed(None, request)
        stock.items.clear()
        for each in NewsReleasePage.objects.in_language_listing("ru", with_body=True):
            stock.add_item(**feed_item(each, "ru", request))
        expected = stock.writeString("utf-8")
    assert served.content.decode() == expected
