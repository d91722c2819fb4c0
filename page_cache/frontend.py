"""Wagtail's frontend-cache purge, for a reverse proxy in front of the app servers.

Off unless FRONTEND_CACHE_PURGE_URL is set (settings: WAGTAILFRONTENDCACHE). On a publish,
unpublish or move the proxy is told to drop the page in each of its languages and the pages that
list it without a query string: each language's home, news index, feeds and the topics the release
is filed under, and the sitemap. Addresses with a query string (later list pages, search) are
not purgeable one by one; proxies keep those only PAGE_CACHE_PROXY_MAX_AGE seconds
(middleware.proxy_max_age).
"""

import logging

from django.conf import settings
from django.urls import reverse
from django.utils import translation

logger = logging.getLogger(__name__)


def addresses_listing(page) -> list[str]:
    from news.languages import LANGUAGE_CODES, page_url_in, value_in
    from news.models import NewsIndexPage

    specific = page.specific
    urls = []
    for code in LANGUAGE_CODES:
        if url := page_url_in(specific, code):
            urls.append(url)
        with translation.override(code):
            urls.append(reverse("wagtail_serve", args=[""]))
            urls.append(reverse("feed_rss"))
            urls.append(reverse("feed_atom"))
            for index in NewsIndexPage.objects.live().ancestor_of(page, inclusive=True):
                if index_url := page_url_in(index, code):
                    urls.append(index_url)
            topics = specific.topics.all() if hasattr(specific, "topics") else []
            for topic in topics:
                if slug := value_in(topic, "slug", code):
                    urls.append(reverse("topic", kwargs={"slug": slug}))
                    urls.append(reverse("topic_feed", kwargs={"slug": slug}))
    urls.append(reverse("sitemap_index"))
    return list(dict.fromkeys(urls))


def purge_frontend_cache(page) -> None:
    if not settings.WAGTAILFRONTENDCACHE:
        return
    from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache

    base = settings.FRONTEND_CACHE_SITE_URL.rstrip("/")
    try:
        purge_urls_from_cache([base + url for url in addresses_listing(page)])
    except Exception:
        logger.exception("Frontend cache purge failed")
