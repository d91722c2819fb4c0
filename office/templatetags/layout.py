"""The site's frame: navigation (home, news, office pages), breadcrumbs, footer contacts."""

import json

from django import template
from django.utils import translation
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from wagtail.models import Site

from news.languages import absolute, active_language, has_language, value_in
from news.models import HomePage, NewsIndexPage

from ..models import OfficeContacts, StandardPage

register = template.Library()

_JSON_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def _site(request):
    return Site.find_for_request(request) if request is not None else None


def _home(request):
    site = _site(request)
    root = site.root_page if site is not None else None
    if root is not None and root.specific_class is HomePage:
        return root
    return HomePage.objects.first()


@register.simple_tag(takes_context=True)
def site_navigation(context):
    """Home, the news index and the office pages shown in menus, in the active language: a
    list of ``{"title", "url", "current", "kind"}``. ``current`` marks the section the reader
    is in (a release belongs to the news)."""
    request = context.get("request")
    language = active_language()
    home = _home(request)
    if home is None:
        return []
    children = (
        home.get_children()
        .live()
        .filter(**{f"title_{language}__gt": ""})
        .type(NewsIndexPage, StandardPage)
        .specific()
    )
    path = request.path if request is not None else ""
    with translation.override(language):
        home_url = home.get_url(request=request)
        items = [{"title": None, "url": home_url, "current": path == home_url, "kind": "home"}]
        for page in children:
            is_news = isinstance(page, NewsIndexPage)
            if not (is_news or page.show_in_menus) or not has_language(page, language):
                continue
            url = page.get_url(request=request)
            items.append(
                {
                    "title": value_in(page, "title", language),
                    "url": url,
                    "current": bool(url) and path.startswith(url),
                    "kind": "news" if is_news else "office",
                }
            )
    return items


@register.inclusion_tag("includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context, page=None, current_title=None):
    """Home → section → this page, for a page of the tree (``page``) or a view beside it
    (``current_title``), with the same trail as JSON-LD ``BreadcrumbList``."""
    request = context.get("request")
    language = active_language()
    trail = []
    with translation.override(language):
        if page is not None:
            for ancestor in page.get_ancestors(inclusive=True).filter(depth__gte=2).specific():
                if not has_language(ancestor, language):
                    continue
                title = (
                    _("Home")
                    if isinstance(ancestor, HomePage)
                    else value_in(ancestor, "title", language)
                )
                trail.append({"title": title, "url": ancestor.get_url(request=request)})
        else:
            home = _home(request)
            if home is not None:
                trail.append({"title": _("Home"), "url": home.get_url(request=request)})
            if current_title:
                trail.append({"title": str(current_title), "url": request.path if request else ""})
    if len(trail) < 2:
        return {"trail": []}
    data = {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {
                "@type": "ListItem",
                "position": position,
                "name": item["title"],
                "item": absolute(item["url"], request),
            }
            for position, item in enumerate(trail, start=1)
        ],
    }
    text = json.dumps(data, ensure_ascii=False).translate(_JSON_ESCAPES)
    json_ld = format_html('<script type="application/ld+json">{}</script>', mark_safe(text))  # noqa: S308
    return {"trail": trail, "json_ld": json_ld}


@register.inclusion_tag("office/includes/contacts.html", takes_context=True)
def office_contacts(context):
    """The office's address, phones, e-mail and reception hours in the active language."""
    language = active_language()
    site = _site(context.get("request"))
    if site is None:
        return {"contacts": None}
    contacts = OfficeContacts.for_site(site)
    return {
        "contacts": {
            "address": value_in(contacts, "address", language),
            "reception_hours": value_in(contacts, "reception_hours", language),
            "phone": contacts.phone,
            "hotline": contacts.hotline,
            "email": contacts.email,
        }
    }


DESCRIPTION_LENGTH = 160


@register.simple_tag
def page_description(page=None):
    """The meta description in the active language: the page's search description, else its
    lead or introduction, trimmed; pages and views without one get the office's own."""
    from django.utils.text import Truncator

    language = active_language()
    text = ""
    if page is not None and getattr(page, "pk", None):
        for field in ("search_description", "lead", "intro"):
            text = value_in(page, field, language) or ""
            if text.strip():
                break
    if not text.strip():
        text = _(
            "Official website of the Commissioner for Human Rights in the Republic of "
            "Kazakhstan: news, how to turn to the Commissioner, contacts."
        )
    return Truncator(" ".join(text.split())).chars(DESCRIPTION_LENGTH)
