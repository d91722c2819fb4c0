"""RSS 2.0 and Atom 1.0 feeds per language (and per topic), for subscribers.

Only releases that exist in the feed's language are listed, with text in that language only.
GUIDs are derived from the page's Wagtail ``translation_key`` (a UUID that survives edits,
re-publication and slug changes) and the language, so readers never see an item twice.
"""

import datetime
import io
import re
import uuid

from django.contrib.sites.shortcuts import get_current_site
from django.contrib.syndication.views import Feed, add_domain
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Enclosure, Rss201rev2Feed
from django.utils.html import escape
from django.utils.translation import gettext_lazy as _
from django.utils.xmlutils import SimplerXMLGenerator
from wagtail.rich_text import expand_db_html

from .languages import active_language, has_language, page_url_in, value_in
from .models import NewsReleasePage
from .topics import topic_in_language

FEED_SIZE = 50
_RELATIVE_URL = re.compile(r'(\s(?:href|src)=")(/[^"/][^"]*)"')


class WrittenItems:
    """For the feed generators: an item that carries its own ``xml`` (written by this generator
    class once, see item_xml) is copied into the feed as it is; others are written as usual."""

    def write_items(self, handler):
        for item in self.items:
            if "xml" in item:
                handler.ignorableWhitespace(item["xml"])  # written unescaped, as it was made
            else:
                self.write_item(handler, item)

    def write_item(self, handler, item):
        handler.startElement(self.item_element, self.item_attributes(item))
        self.add_item_elements(handler, item)
        handler.endElement(self.item_element)


def item_xml(generator_class, **item) -> str:
    """One item's element as ``generator_class`` writes it in a whole feed (same handler
    settings as its ``write``), to be kept and copied into later feeds (WrittenItems)."""
    generator = generator_class(title="", link="", description="")
    generator.add_item(**item)
    out = io.StringIO()
    handler = SimplerXMLGenerator(out, "utf-8", short_empty_elements=True)
    generator.write_item(handler, generator.items[0])
    return out.getvalue()


class ContentEncodedRss(WrittenItems, Rss201rev2Feed):
    """RSS 2.0 with the full body in ``content:encoded``."""

    item_element = "item"

    def rss_attributes(self):
        return {
            **super().rss_attributes(),
            "xmlns:content": "http://purl.org/rss/1.0/modules/content/",
        }

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        if item.get("content_html"):
            handler.addQuickElement("content:encoded", item["content_html"])


class HtmlContentAtom(WrittenItems, Atom1Feed):
    """Atom 1.0 with the full body as ``<content type="html">``."""

    item_element = "entry"

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


def feed_item(release, language: str, request) -> dict:
    """Everything a feed prints of one release, as the feed generators' add_item takes it."""
    pubdate = timezone.make_aware(datetime.datetime.combine(release.date, datetime.time(9)))
    enclosures = []
    if release.hero_image:
        rendition = release.hero_image.get_rendition("width-1200|format-jpeg")
        enclosures.append(
            Enclosure(
                request.build_absolute_uri(rendition.url), str(rendition.file.size), "image/jpeg"
            )
        )
    return {
        "title": value_in(release, "title", language),
        # As Django's Feed makes every link absolute: on the host the reader asked for.
        "link": add_domain(
            get_current_site(request).domain,
            page_url_in(release, language, request),
            request.is_secure(),
        ),
        # The lead is plain text; a description is HTML to feed readers, so escape it once
        # here (and the feed generator escapes it again for XML).
        "description": escape(value_in(release, "lead", language) or ""),
        "unique_id": release_guid(release, language),
        "unique_id_is_permalink": False,
        "pubdate": pubdate,
        "updateddate": release.last_published_at or pubdate,
        "categories": [
            value_in(topic, "name", language)
            for topic in release.topics.all()
            if has_language(topic, language)
        ],
        "enclosures": enclosures,
        "content_html": absolute_html(release_body_html(release, language), request),
    }


def feed_entries(pks: list[int], language: str, request, generator_class) -> list[dict]:
    """The entries of the releases ``pks``, in that order: each the release's item element as
    ``generator_class`` writes it, with its dates (the feed's own date is the newest of them).
    Each is kept until the next purge of the page cache (every publish, unpublish, move or
    deletion, every change of a topic), per feed format, language and site address (its links
    are absolute), and shared by the feeds that list the release (the language's, its topics'):
    rendering and writing 50 items is most of a feed's cost, and a publish changes one."""
    from page_cache.keys import remember_many_until_next_purge

    address = f"{request.scheme}://{request.get_host()}"
    kind = generator_class.__name__
    names = {f"feed-entry:{kind}:{pk}:{language}:{address}": pk for pk in pks}

    def render(missing: list[str]) -> dict:
        wanted = {names[name]: name for name in missing}
        releases = (
            NewsReleasePage.objects.in_language_listing(language, with_body=True)
            .filter(pk__in=list(wanted))
            .prefetch_related("topics")
        )
        entries = {}
        for release in releases:
            item = feed_item(release, language, request)
            entries[wanted[release.pk]] = {
                "xml": item_xml(generator_class, **item),
                "pubdate": item["pubdate"],
                "updateddate": item["updateddate"],
            }
        return entries

    entries = remember_many_until_next_purge(list(names), render)
    # A release unpublished since the list was read has no entry: left out.
    return [entries[name] for name in names if name in entries]


class ReleasesFeed(Feed):
    """The newest releases in the active language (``/<lang>/rss.xml``)."""

    feed_type = ContentEncodedRss

    def get_object(self, request, *args, **kwargs):
        return None

    def releases(self, obj):
        return NewsReleasePage.objects.in_language_listing(active_language())

    def get_feed(self, obj, request):
        """The channel as Django's Feed makes it, then the items as kept entries (feed_entries):
        already written, so none goes through the item hooks and the XML writer again."""
        feed = super().get_feed(obj, request)  # items() lists nothing: see below
        pks = list(self.releases(obj).values_list("pk", flat=True)[:FEED_SIZE])
        feed.items.extend(feed_entries(pks, active_language(), request, self.feed_type))
        return feed

    def items(self, obj):
        # The items are added by get_feed, written once per release and kept.
        return []

    def title(self, obj):
        return str(_("News of the Commissioner for Human Rights in the Republic of Kazakhstan"))

    def description(self, obj):
        return str(_("Press releases of the Commissioner for Human Rights, newest first."))

    def link(self, obj):
        return f"/{active_language()}/"


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
