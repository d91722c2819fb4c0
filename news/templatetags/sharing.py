"""Sharing metadata for the <head>: canonical link, OpenGraph, Twitter card, JSON-LD, feeds."""

import json

from django import template
from django.templatetags.static import static
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from news.languages import absolute, active_language, page_languages, page_url_in, value_in

register = template.Library()

OG_LOCALES = {"kk": "kk_KZ", "ru": "ru_RU", "en": "en_GB"}
_JSON_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def _description(page, language):
    return (
        value_in(page, "search_description", language)
        or value_in(page, "lead", language)
        or value_in(page, "intro", language)
        or ""
    )


def _image(page, request):
    hero = getattr(page, "hero_image", None)
    if hero is not None:
        rendition = hero.get_rendition("fill-1200x630|format-jpeg")
        return absolute(rendition.url, request), 1200, 630
    return absolute(static("news/og-default.png"), request), 1200, 630


@register.inclusion_tag("includes/sharing_meta.html", takes_context=True)
def sharing_meta(context):
    request = context.get("request")
    page = context.get("page")
    language = active_language()
    meta = {
        "language": language,
        "og_locale": OG_LOCALES[language],
        "feeds": [
            ("application/rss+xml", _("News (RSS)"), absolute(reverse("feed_rss"), request)),
            ("application/atom+xml", _("News (Atom)"), absolute(reverse("feed_atom"), request)),
        ],
        "site_name": _("Commissioner for Human Rights in the Republic of Kazakhstan"),
    }
    if page is None or not getattr(page, "pk", None) or language not in page_languages(page):
        return meta
    image_url, width, height = _image(page, request)
    canonical = absolute(page_url_in(page, language, request), request)
    meta.update(
        canonical=canonical,
        title=value_in(page, "seo_title", language) or value_in(page, "title", language),
        description=_description(page, language),
        image=image_url,
        image_width=width,
        image_height=height,
        image_alt=value_in(page, "hero_alt", language) if hasattr(page, "hero_alt") else "",
        og_type="article" if hasattr(page, "date") else "website",
        alternate_locales=[OG_LOCALES[code] for code in page_languages(page) if code != language],
    )
    if hasattr(page, "date"):
        meta["json_ld"] = news_article_json_ld(page, language, request, canonical, image_url)
    return meta


def news_article_json_ld(page, language, request, canonical, image_url):
    published = page.date.isoformat()
    modified = page.last_published_at.isoformat() if page.last_published_at else published
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": value_in(page, "title", language)[:110],
        "description": _description(page, language),
        "datePublished": published,
        "dateModified": modified,
        "image": [image_url],
        "inLanguage": language,
        "mainEntityOfPage": canonical,
        "publisher": {
            "@type": "GovernmentOrganization",
            "name": _("Commissioner for Human Rights in the Republic of Kazakhstan"),
            "logo": {
                "@type": "ImageObject",
                "url": absolute(static("news/logo.png"), request),
            },
        },
    }
    text = json.dumps(data, ensure_ascii=False).translate(_JSON_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))  # noqa: S308
