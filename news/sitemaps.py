"""sitemap.xml: each live page once per language it has, with hreflang alternates for the
languages that page has plus x-default."""

from django.contrib.sitemaps import Sitemap
from django.db.models import Q
from wagtail.models import Page

from .languages import LANGUAGE_CODES, in_language_q, page_languages, page_url_in


class PagesSitemap(Sitemap):
    limit = 5000  # URLs per sitemap page; /sitemap.xml becomes an index of pages beyond that

    def items(self):
        any_language = Q()
        for code in LANGUAGE_CODES:
            any_language |= in_language_q(code)
        pages = Page.objects.live().public().filter(depth__gt=1).filter(any_language).specific()
        return [(page, code) for page in pages.order_by("path") for code in page_languages(page)]

    def location(self, item):
        page, language = item
        return page_url_in(page, language)

    def lastmod(self, item):
        page, _language = item
        return page.last_published_at

    def get_urls(self, page=1, site=None, protocol=None):
        urls = super().get_urls(page=page, site=site, protocol=protocol)
        for url in urls:
            page_obj, _language = url["item"]
            domain = url["location"].split("/", 3)[:3]
            base = "/".join(domain)
            alternates = [
                {"lang_code": code, "location": base + page_url_in(page_obj, code)}
                for code in page_languages(page_obj)
            ]
            alternates.append({"lang_code": "x-default", "location": alternates[0]["location"]})
            url["alternates"] = alternates
        return urls
