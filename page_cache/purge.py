"""Purge the page cache when what the public sees changes.

A page published, unpublished, moved or deleted changes the page itself and every page that
lists it (home, every page of the news list, its topics, feeds, sitemap, search). One new
generation (keys.bump_generation) makes all of them fresh at once. It is bumped immediately (the
same transaction may render again) and once more after the transaction commits: a reader's
request that ran between the first bump and the commit rendered the old state and may have
stored it under the new generation.

When a reverse proxy is configured (FRONTEND_CACHE_PURGE_URL, Wagtail's frontend cache), the
addresses it may hold for longer are purged there too (frontend.py).
"""

import logging

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from .keys import PurgeLost, bump_generation, page_cache

logger = logging.getLogger(__name__)


def purge_all() -> None:
    try:
        bump_generation(page_cache())
    except PurgeLost as lost:
        logger.error("Could not purge the page cache: %s", lost)
    except Exception:
        logger.exception("Could not purge the page cache")


def purge_after_change(page=None) -> None:
    purge_all()

    def after_commit():
        purge_all()
        if page is not None:
            from .frontend import purge_frontend_cache

            purge_frontend_cache(page)

    transaction.on_commit(after_commit)


def on_page_published(sender, instance, **kwargs):
    purge_after_change(instance)


def on_page_unpublished(sender, instance, **kwargs):
    purge_after_change(instance)


def on_page_moved(sender, instance, **kwargs):
    purge_after_change(instance)


def on_page_deleted(sender, instance, **kwargs):
    if isinstance(instance, Page):
        # The page is gone: purge by generation only; its addresses cannot be computed now.
        purge_after_change(None)


def on_listed_object_changed(sender, instance, **kwargs):
    """Topics (names on releases and topic pages), sites (the root of every address) and view
    restrictions (a page made private must not stay served from the cache)."""
    purge_after_change(None)


def connect_signals():
    from wagtail.models import PageViewRestriction

    from news.models import Topic

    page_published.connect(on_page_published, dispatch_uid="page_cache_published")
    page_unpublished.connect(on_page_unpublished, dispatch_uid="page_cache_unpublished")
    post_page_move.connect(on_page_moved, dispatch_uid="page_cache_moved")
    post_delete.connect(on_page_deleted, dispatch_uid="page_cache_deleted")
    for model in (Topic, Site, PageViewRestriction):
        post_save.connect(
            on_listed_object_changed, sender=model, dispatch_uid=f"page_cache_{model.__name__}"
        )
        post_delete.connect(
            on_listed_object_changed,
            sender=model,
            dispatch_uid=f"page_cache_{model.__name__}_deleted",
        )
