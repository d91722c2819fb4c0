"""Where an address leads, kept until the next purge: the page tree is walked once per address.

Wagtail's ``serve`` finds the site (a query), reads its root page and the root's specific row
(two more) and walks the tree one segment at a time (a query or two per segment), on every
request the page cache does not answer: about half of a release page's time in the worker.
The outcome of that walk depends only on the host, the language and the path (never on the
visitor: view restrictions are checked after it), and changes only when a page is published,
unpublished, moved or deleted, or a site is changed, each of which purges the page cache
(page_cache.purge). So it is kept there, and a later request gets its page with one query.

Wagtail documents where it keeps a request's site and route (``request._wagtail_site``,
``request._wagtail_route_for_request``, in ``Site.find_for_request`` and
``Page.route_for_request``) and reads them from there when present: this middleware puts the
kept ones there before Wagtail's view runs. news.E003 fails when an upgrade stops reading them.
"""

import contextlib
import inspect

from django.apps import apps
from django.core.exceptions import ObjectDoesNotExist
from wagtail import views as wagtail_views
from wagtail.models import Page, Site
from wagtail.url_routing import RouteResult

from .languages import active_language

SITE_ATTRIBUTE = "_wagtail_site"
ROUTE_ATTRIBUTE = "_wagtail_route_for_request"
# In every key: a release that keeps routes in another shape uses another number, so workers of
# two releases running side by side (a rolling restart) never read each other's.
ROUTE_FORMAT = 1


def wagtail_reads_kept_routes() -> bool:
    """Whether Wagtail still takes a request's site and route from the attributes set here."""
    return ROUTE_ATTRIBUTE in inspect.getsource(Page.route_for_request) and (
        SITE_ATTRIBUTE in inspect.getsource(Site.find_for_request)
    )


def route_key(request, path: str) -> str:
    return f"page-cache:route:{ROUTE_FORMAT}:{request.get_host()}:{active_language()}:{path}"


def site_key(request) -> str:
    return f"page-cache:site:{ROUTE_FORMAT}:{request.get_host()}:{request.get_port()}"


def site_fields(site) -> dict:
    return {field.attname: getattr(site, field.attname) for field in Site._meta.concrete_fields}


def site_from_fields(fields: dict):
    names = list(fields)
    return Site.from_db("default", names, [fields[name] for name in names])


def _kept(request, key: str):
    """The value kept under ``key`` in the current generation, or None. The generation is
    recorded on the request, for keeping what it finds; a failing cache gives None and
    records nothing, so nothing is kept (it only means walking the tree or a query)."""
    from page_cache.keys import page_cache, read_with_generation

    try:
        generation, kept = read_with_generation(page_cache(), key, small=True)
    except Exception:  # noqa: BLE001 - a failing cache only means finding it again
        return None
    request.route_generation = generation
    return None if kept is None else kept["value"]


def _keep(request, key: str, value) -> None:
    from page_cache.keys import page_cache, store_for_generation

    with contextlib.suppress(Exception):  # not kept: found again next time
        store_for_generation(page_cache(), key, value, request.route_generation, small=True)


def remember(request, path: str) -> None:
    """Keep the route Wagtail found for this request (none for a 404)."""
    route = getattr(request, ROUTE_ATTRIBUTE, None)
    site = getattr(request, SITE_ATTRIBUTE, None)
    if route is None or site is None:
        return
    page, args, kwargs = route
    entry = {
        "site": site_fields(site),
        "model": page._meta.label_lower,
        "pk": page.pk,
        "args": list(args),
        "kwargs": dict(kwargs),
    }
    _keep(request, route_key(request, path), entry)


def restore(request, path: str) -> bool:
    """Put the kept site and route on the request; False when none is kept (or it is stale)."""
    entry = _kept(request, route_key(request, path))
    if entry is None:
        return False
    try:
        model = apps.get_model(entry["model"])
        page = model._default_manager.get(pk=entry["pk"])
    except (LookupError, ObjectDoesNotExist):
        return False
    if not page.live:
        return False
    setattr(request, SITE_ATTRIBUTE, site_from_fields(entry["site"]))
    setattr(request, ROUTE_ATTRIBUTE, RouteResult(page, entry["args"], entry["kwargs"]))
    return True


def remember_site(request) -> None:
    """Keep the site Wagtail found for this request's host, if it looked one up."""
    site = getattr(request, SITE_ATTRIBUTE, None)
    if site is not None:
        _keep(request, site_key(request), site_fields(site))


def restore_site(request) -> bool:
    """Put the site kept for this host on the request; False when none is kept."""
    fields = _kept(request, site_key(request))
    if fields is None:
        return False
    setattr(request, SITE_ATTRIBUTE, site_from_fields(fields))
    return True


class RouteCacheMiddleware:
    """Before Wagtail's ``serve``: the kept route, if any; after it: keep the route it found."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        path = getattr(request, "route_to_remember", None)
        if path is not None and response.status_code == 200:
            remember(request, path)
        elif getattr(request, "site_to_remember", False) and response.status_code == 200:
            remember_site(request)
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.method not in ("GET", "HEAD"):
            return None
        if view_func is not wagtail_views.serve:
            # Views beside the tree (search, topics, feeds) link to pages: the site is kept too.
            if not restore_site(request) and hasattr(request, "route_generation"):
                request.site_to_remember = True
            return None
        # wagtail.urls passes the path positionally.
        path = view_args[0] if view_args else view_kwargs.get("path", "")
        if not restore(request, path) and hasattr(request, "route_generation"):
            request.route_to_remember = path
        return None
