"""Public views beside the page tree, under the language prefix (/<lang>/...)."""

import hashlib

from django.urls import path
from django.views.decorators.http import condition

from . import views
from .feeds import FEED_SIZE, ReleasesAtomFeed, ReleasesFeed, TopicFeed
from .languages import active_language, in_language_q
from .models import NewsReleasePage, Topic


def _feed_state(request, slug=None):
    """What the feed shows: the keys and publication times of its newest FEED_SIZE releases.
    Read once per request (the ETag and Last-Modified checks share it), from the listing index,
    so it costs the same at 10 and 10,000 releases."""
    cache_key = ("feed_state", slug)
    cached = getattr(request, "_feed_state", None)
    if cached is not None and cached[0] == cache_key:
        return cached[1]
    releases = NewsReleasePage.objects.in_language_listing(active_language())
    if slug is not None:
        language = active_language()
        releases = releases.filter(
            in_language_q(language, prefix="topics__", model=Topic),
            **{f"topics__slug_{language}": slug},
        )
    rows = list(releases.values_list("pk", "last_published_at")[:FEED_SIZE])
    state = {
        "changed": max((published for _pk, published in rows if published), default=None),
        "items": rows,
    }
    request._feed_state = (cache_key, state)
    return state


def feed_last_modified(request, slug=None):
    return _feed_state(request, slug)["changed"]


def feed_etag(request, slug=None):
    state = _feed_state(request, slug)
    key = f"{request.path}|{state['items']}"
    return hashlib.sha256(key.encode()).hexdigest()[:32]


def conditional(view):
    """ETag / Last-Modified from the newest publication in the feed: readers polling an
    unchanged feed get a 304."""
    return condition(etag_func=feed_etag, last_modified_func=feed_last_modified)(view)


urlpatterns = [
    path("rss.xml", conditional(ReleasesFeed()), name="feed_rss"),
    path("atom.xml", conditional(ReleasesAtomFeed()), name="feed_atom"),
    path("feeds/", views.feed_list, name="feed_list"),
    path("search/", views.search, name="search"),
    path("topics/<slug:slug>/", views.topic, name="topic"),
    path("topics/<slug:slug>/rss.xml", conditional(TopicFeed()), name="topic_feed"),
]
