"""RSS 2.0 and Atom 1.0 feeds per language (and per topic), for subscribers.

Only releases that exist in the feed's language are listed, with text in that language only.
GUIDs are derived from the page's Wagtail ``translation_key`` (a UUID that survives edits,
re-publication and slug changes) and the language, so readers never see an item twice.
"""

import datetime
import re
import uuid

from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Enclosure, Rss201rev2Feed
from django.utils.html import escape
from django.utils.translation import gettext_lazy as _
from wagtail.rich_text import expand_db_html

from .languages import active_language, has_language, page_url_in, value_in
from .models import NewsReleasePage
from .topics import topic_in_language

FEED_SIZE = 50
_RELATIVE_URL = re.compile(r'(\s(?:href|src)=")(/[^"/][^"]*)"')


class ContentEncodedRss(Rss201rev2Feed):
    """RSS 2.0 with the full body in ``content:encoded``."""

    def rss_attributes(self):
        return {
            **super().rss_attributes(),
            "xmlns:content": "http://purl.org/rss/1.0/modules/content/",
        }

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        if item.get("content_html"):
            handler.addQuickElement("content:encoded", item["content_html"])


class HtmlContentAtom(Atom1Feed):
    """Atom 1.0 with the full body as ``<content type="html">``."""

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        if item.get("content_html"):
            handler.addQuickElement("content", item["content_html"], {"type": "html"})


def release_guid(release, language: str) -> str:
    return f"urn:uuid:{uuid.uuid5(release.translation_key, language)}"


def absolute_html(html: str, request) -> str:
    """Feed readers show content outside our site: make every link and image absolute."""
    return _RELATIVE_URL.sub(
        lambda m: f'{m.group(1)}{request.build_absolute_uri(m.group(2))}"', html
    )


def release_body_html(release, language: str) -> str:
    body = value_in(release, "body", language)
    return expand_db_html(body.render_as_block()) if body else ""


def feed_entry(release, language: str, request) -> dict:
    """Everything a feed prints of one release, as plain values (kept between requests)."""
    pubdate = timezone.make_aware(datetime.datetime.combine(release.date, datetime.time(9)))
    enclosure = None
    if release.hero_image:
        rendition = release.hero_image.get_rendition("width-1200|format-jpeg")
        enclosure = (request.build_absolute_uri(rendition.url), str(rendition.file.size))
    return {
        "title": value_in(release, "title", language),
        # The lead is plain text; a description is HTML to feed readers, so escape it once
        # here (and the feed generator escapes it again for XML).
        "description": escape(value_in(release, "lead", language) or ""),
        "link": page_url_in(release, language, request),
        "guid": release_guid(release, language),
        "pubdate": pubdate,
        "updateddate": release.last_published_at or pubdate,
        "categories": [
            value_in(topic, "name", language)
            for topic in release.topics.all()
            if has_language(topic, language)
        ],
        "enclosure": enclosure,
        "content_html": absolute_html(release_body_html(release, language), request),
    }


def feed_entries(pks: list[int], language: str, request) -> list[dict]:
    """The entries of the releases ``pks``, in that order. Each release's entry is kept until
    the next purge of the page cache (every publish, unpublish, move or deletion, every change
    of a topic), per language and site address (its links are absolute), and shared by every
    feed that lists the release (RSS, Atom, its topics): rendering 50 bodies is most of a
    feed's cost, and a publish changes one of them."""
    from page_cache.keys import remember_many_until_next_purge

    address = f"{request.scheme}://{request.get_host()}"
    names = {f"feed-entry:{pk}:{language}:{address}": pk for pk in pks}

    def render(missing: list[str]) -> dict:
        wanted = {names[name]: name for name in missing}
        releases = (
            NewsReleasePage.objects.in_language_listing(language, with_body=True)
            .filter(pk__in=list(wanted))
            .prefetch_related("topics")
        )
        return {wanted[release.pk]: feed_entry(release, language, request) for release in releases}

    entries = remember_many_until_next_purge(list(names), render)
    # A release unpublished since the list was read has no entry: left out.
    return [entries[name] for name in names if name in entries]


class ReleasesFeed(Feed):
    """The newest releases in the active language (``/<lang>/rss.xml``)."""

    feed_type = ContentEncodedRss
    item_guid_is_permalink = False

    def __call__(self, request, *args, **kwargs):
        # The item_* hooks get no request, and absolute URLs need one: each request gets its
        # own feed instance (see per_request), so keeping it here is thread-safe.
        self.request = request
        return super().__call__(request, *args, **kwargs)

    @classmethod
    def per_request(cls):
        def view(request, *args, **kwargs):
            return cls()(request, *args, **kwargs)

        view.__name__ = view.__qualname__ = f"{cls.__name__}_view"
        return view

    def get_object(self, request, *args, **kwargs):
        return None

    def releases(self, obj):
        return NewsReleasePage.objects.in_language_listing(active_language())

    def items(self, obj):
        pks = list(self.releases(obj).values_list("pk", flat=True)[:FEED_SIZE])
        return feed_entries(pks, active_language(), self.request)

    def title(self, obj):
        return str(_("News of the Commissioner for Human Rights in the Republic of Kazakhstan"))

    def description(self, obj):
        return str(_("Press releases of the Commissioner for Human Rights, newest first."))

    def link(self, obj):
        return f"/{active_language()}/"

    def item_title(self, item):
        return item["title"]

    def item_description(self, item):
        return item["description"]

    def item_link(self, item):
        return item["link"]

    def item_guid(self, item):
        return item["guid"]

    def item_pubdate(self, item):
        return item["pubdate"]

    def item_updateddate(self, item):
        return item["updateddate"]

    def item_categories(self, item):
        return item["categories"]

    def item_enclosures(self, item):
        if item["enclosure"] is None:
            return []
        url, length = item["enclosure"]
        return [Enclosure(url, length, "image/jpeg")]

    def item_extra_kwargs(self, item):
        return {"content_html": item["content_html"]}


class ReleasesAtomFeed(ReleasesFeed):
    """The same releases as Atom 1.0 (``/<lang>/atom.xml``)."""

    feed_type = HtmlContentAtom
    subtitle = ReleasesFeed.description


class TopicFeed(ReleasesFeed):
    """One topic's releases (``/<lang>/topics/<slug>/rss.xml``)."""

    def get_object(self, request, slug):
        return topic_in_language(slug, active_language())

    def releases(self, obj):
        return super().releases(obj).filter(topics=obj)

    def title(self, obj):
        return str(_("%(topic)s: news of the Commissioner for Human Rights")) % {
            "topic": value_in(obj, "name", active_language())
        }

    def link(self, obj):
        return f"/{active_language()}/topics/{value_in(obj, 'slug', active_language())}/"
