"""sitemap.xml: each live page once per language it has, with hreflang alternates for the
languages that page has plus x-default.

At 10,000 releases this must stay cheap: one query fetches only the columns printed (no
``.specific()``, no StreamField decoded), each address is computed once per page and language,
and the index's lastmod is one aggregate instead of a pass over every item. A page has a language
when its title there is filled in (news.languages.in_language_q, the rule listings use).
"""

from dataclasses import dataclass

from django.contrib.sitemaps import Sitemap
from django.db.models import Count, Max, Q
from django.urls import reverse
from django.utils import translation
from wagtail.models import Page, Site

from .languages import LANGUAGE_CODES, in_language_q


@dataclass(frozen=True, slots=True)
class SitemapEntry:
    location: str
    lastmod: object
    alternates: tuple[tuple[str, str], ...]  # (language, address) for every language the page has


def live_pages():
    any_language = Q()
    for code in LANGUAGE_CODES:
        any_language |= in_language_q(code)
    return Page.objects.live().public().filter(depth__gt=1).filter(any_language)


def language_prefixes() -> dict[str, str]:
    """language -> the address of the site root in it (``/ru/``)."""
    prefixes = {}
    for code in LANGUAGE_CODES:
        with translation.override(code):
            prefixes[code] = reverse("wagtail_serve", args=[""])
    return prefixes


def site_root_paths() -> list[str]:
    return sorted({root.root_path for root in Site.get_site_root_paths()}, key=len, reverse=True)


class PageEntries:
    """Every (page, language) entry, ordered by language, then tree path, and read lazily: the
    paginator asks for the count (one aggregate) and then for one slice, which becomes an
    OFFSET/LIMIT query per language it spans, fetching only the columns printed."""

    columns = (
        "last_published_at",
        *(f"{n}_{c}" for c in LANGUAGE_CODES for n in ("title", "url_path")),
    )

    def __init__(self):
        self.pages = live_pages().order_by("path")
        from page_cache.keys import remember_until_next_purge

        # A scan of every live page: kept until the next purge of the page cache (every
        # publish, unpublish, move or deletion makes one).
        counts = remember_until_next_purge(
            f"sitemap-counts:{','.join(LANGUAGE_CODES)}",
            lambda: self.pages.aggregate(
                **{code: Count("pk", filter=in_language_q(code)) for code in LANGUAGE_CODES}
            ),
        )
        self.counts = [(code, counts[code]) for code in LANGUAGE_CODES]

    def count(self):
        return sum(count for _code, count in self.counts)

    def __len__(self):
        return self.count()

    def __getitem__(self, window):
        if not isinstance(window, slice):
            raise TypeError("PageEntries are read by slices")
        start, stop, _step = window.indices(self.count())
        roots, prefixes = site_root_paths(), language_prefixes()
        entries, offset = [], 0
        for code, count in self.counts:
            first, last = max(start - offset, 0), min(stop - offset, count)
            offset += count
            if first >= last:
                continue
            rows = self.pages.filter(in_language_q(code)).values_list(*self.columns)
            for row in rows[first:last]:
                values = dict(zip(self.columns, row, strict=True))
                alternates = tuple(
                    (other, url)
                    for other in LANGUAGE_CODES
                    if (url := address(values, other, roots, prefixes)) is not None
                )
                entries.append(
                    SitemapEntry(dict(alternates)[code], values["last_published_at"], alternates)
                )
        return entries


def address(values: dict, code: str, roots: list[str], prefixes: dict[str, str]) -> str | None:
    """The page's address in ``code`` from its url_path there, as Page.get_url would give it on
    the one site that holds it; None when the page lacks the language."""
    if not values[f"title_{code}"]:
        return None
    url_path = values[f"url_path_{code}"] or ""
    root = next((path for path in roots if url_path.startswith(path)), None)
    return None if root is None else prefixes[code] + url_path[len(root) :]


class PagesSitemap(Sitemap):
    # URLs per sitemap page; /sitemap.xml becomes an index of pages beyond that. Crawlers accept
    # up to 50,000, but each page is rendered on a cache miss: 250 (with their alternates, about
    # 110 kB) keep that miss short, and the index stays small (about 100 pages at 10,000
    # releases in three languages).
    limit = 250

    def items(self):
        return PageEntries()

    def location(self, item):
        return item.location

    def lastmod(self, item):
        return item.lastmod

    def get_latest_lastmod(self):
        from page_cache.keys import remember_until_next_purge

        return remember_until_next_purge(
            f"sitemap-latest:{','.join(LANGUAGE_CODES)}",
            lambda: live_pages().aggregate(latest=Max("last_published_at"))["latest"],
        )

    def get_urls(self, page=1, site=None, protocol=None):
        urls = super().get_urls(page=page, site=site, protocol=protocol)
        for url in urls:
            base = "/".join(url["location"].split("/", 3)[:3])
            alternates = [
                {"lang_code": code, "location": base + location}
                for code, location in url["item"].alternates
            ]
            alternates.append({"lang_code": "x-default", "location": alternates[0]["location"]})
            url["alternates"] = alternates
        return urls
