"""Template helpers for the language rule (news.languages) and site navigation."""

from django import template
from django.urls import reverse
from django.utils import translation

from news.languages import (
    LANGUAGE_CODES,
    LANGUAGE_NAMES,
    absolute,
    active_language,
    translations_of,
    value_in,
)

register = template.Library()


@register.filter
def strict(obj, field_name):
    """``{{ page|strict:"lead" }}``: the field in the active language only, no fallback."""
    return value_in(obj, field_name, active_language())


def language_home(code: str) -> str:
    with translation.override(code):
        return reverse("wagtail_serve", args=[""])


@register.simple_tag(takes_context=True)
def language_versions(context):
    """For the switcher and hreflang: every language with the current page's URL in it, or
    ``None`` where the page lacks it. Views outside the page tree pass ``language_alternates``
    (language -> URL or None); error pages get each language's home."""
    request = context.get("request")
    page = context.get("page")
    alternates = context.get("language_alternates")
    if alternates is not None:
        versions = [
            {
                "code": code,
                "name": LANGUAGE_NAMES[code],
                "url": alternates.get(code),
                "full_url": absolute(alternates.get(code), request),
            }
            for code in LANGUAGE_CODES
        ]
    elif (
        page is not None and getattr(page, "pk", None) and hasattr(page, "language_defining_fields")
    ):
        versions = translations_of(page, request)
    else:
        versions = [
            {
                "code": code,
                "name": LANGUAGE_NAMES[code],
                "url": language_home(code),
                "full_url": absolute(language_home(code), request),
            }
            for code in LANGUAGE_CODES
        ]
    current = active_language()
    for version in versions:
        version["current"] = version["code"] == current
        version["home"] = language_home(version["code"])
    return versions


@register.simple_tag
def x_default(versions):
    """hreflang x-default: the page in the first language it has (site order: kk, ru, en)."""
    return next((v["full_url"] for v in versions if v["full_url"]), None)


@register.simple_tag(takes_context=True)
def news_index_url(context):
    """The address of the news index in the active language (for the main navigation)."""
    from news.languages import in_language_q
    from news.models import NewsIndexPage
    from page_cache.keys import remember_until_next_purge

    language = active_language()
    request = context.get("request")

    def compute():
        index = NewsIndexPage.objects.live().filter(in_language_q(language)).first()
        if index is None:
            return ""
        with translation.override(language):
            return index.get_url(request=request)

    # Every page renders this link: kept until the next publish instead of a query per page.
    host = request.get_host() if request is not None else ""
    return remember_until_next_purge(f"news-index-url:{host}:{language}", compute)


@register.simple_tag
def home_url():
    """The home page of the active language (``/kk/``, ``/ru/``, ``/en/``)."""
    return language_home(active_language())
