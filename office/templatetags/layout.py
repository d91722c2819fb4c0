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


def _remembered(request, name: str, language: str, compute):
    """``compute()`` kept until the next purge of the page cache (every publish, unpublish,
    move or deletion of a page, every change of a topic or site), under a key naming the host
    (addresses are relative to its site) and the language."""
    from page_cache.keys import remember_until_next_purge

    host = request.get_host() if request is not None else ""
    return remember_until_next_purge(f"{name}:{host}:{language}", compute)


def _navigation_items(request, language):
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
    with translation.override(language):
        items = [{"title": None, "url": home.get_url(request=request), "kind": "home"}]
        for page in children:
            is_news = isinstance(page, NewsIndexPage)
            if not (is_news or page.show_in_menus) or not has_language(page, language):
                continue
            items.append(
                {
                    "title": value_in(page, "title", language),
                    "url": page.get_url(request=request),
                    "kind": "news" if is_news else "office",
                }
            )
    return items


@register.simple_tag(takes_context=True)
def site_navigation(context):
    """Home, the news index and the office pages shown in menus, in the active language: a
    list of ``{"title", "url", "current", "kind"}``. ``current`` marks the section the reader
    is in (a release belongs to the news). The links are the same on every page: kept until
    the next purge instead of three queries a page."""
    request = context.get("request")
    language = active_language()
    items = _remembered(
        request,
        "site-navigation",
        language,
        lambda: _navigation_items(request, language),
    )
    path = request.path if request is not None else ""
    return [
        {
            **item,
            "current": path == item["url"]
            if item["kind"] == "home"
            else bool(item["url"]) and path.startswith(item["url"]),
        }
        for item in items
    ]


def _ancestor_trail(request, page, language):
    """Home → sections above ``page`` (not the page itself), in ``language``."""
    trail = []
    with translation.override(language):
        for ancestor in page.get_ancestors().filter(depth__gte=2).specific():
            if not has_language(ancestor, language):
                continue
            title = (
                _("Home")
                if isinstance(ancestor, HomePage)
                else value_in(ancestor, "title", language)
            )
            trail.append({"title": str(title), "url": ancestor.get_url(request=request)})
    return trail


@register.inclusion_tag("includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context, page=None, current_title=None):
    """Home → section → this page, for a page of the tree (``page``) or a view beside it
    (``current_title``), with the same trail as JSON-LD ``BreadcrumbList``. The sections
    above a page are kept until the next purge, per parent, host and language."""
    request = context.get("request")
    language = active_language()
    trail = []
    with translation.override(language):
        if page is not None:
            page = page.specific
            if page.depth > 2:
                parent_path = page.path[: -page.steplen]
                trail = [
                    dict(item)
                    for item in _remembered(
                        request,
                        f"breadcrumbs:{parent_path}",
                        language,
                        lambda: _ancestor_trail(request, page, language),
                    )
                ]
            if page.depth >= 2 and has_language(page, language):
                title = (
                    _("Home") if isinstance(page, HomePage) else value_in(page, "title", language)
                )
                trail.append({"title": title, "url": page.get_url(request=request)})
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
    request = context.get("request")
    site = _site(request)
    if site is None:
        return {"contacts": None}

    def compute():
        contacts = OfficeContacts.for_site(site)
        return {
            "address": value_in(contacts, "address", language),
            "reception_hours": value_in(contacts, "reception_hours", language),
            "phone": contacts.phone,
            "hotline": contacts.hotline,
            "email": contacts.email,
        }

    # Every page shows them: kept until the next purge (saving the contacts makes one, office.apps).
    return {"contacts": _remembered(request, f"office-contacts:{site.pk}", language, compute)}


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
