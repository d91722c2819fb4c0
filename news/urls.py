"""Public views beside the page tree, under the language prefix (/<lang>/...)."""

import hashlib

from django.db.models import Count, Max
from django.urls import path
from django.views.decorators.http import condition

from . import views
from .feeds import ReleasesAtomFeed, ReleasesFeed, TopicFeed
from .languages import active_language, in_language_q
from .models import NewsReleasePage, Topic


def _feed_state(request, slug=None):
    releases = NewsReleasePage.objects.in_language_listing(active_language())
    if slug is not None:
        language = active_language()
        releases = releases.filter(
            in_language_q(language, prefix="topics__", model=Topic),
            **{f"topics__slug_{language}": slug},
        )
    return releases.order_by().aggregate(changed=Max("last_published_at"), count=Count("pk"))


def feed_last_modified(request, slug=None):
    return _feed_state(request, slug)["changed"]


def feed_etag(request, slug=None):
    state = _feed_state(request, slug)
    key = f"{request.path}|{state['changed']}|{state['count']}"
    return hashlib.sha256(key.encode()).hexdigest()[:32]


def conditional(view):
    """ETag / Last-Modified from the newest publication in the feed: readers polling an
    unchanged feed get a 304."""
    return condition(etag_func=feed_etag, last_modified_func=feed_last_modified)(view)


urlpatterns = [
    path("rss.xml", conditional(ReleasesFeed.per_request()), name="feed_rss"),
    path("atom.xml", conditional(ReleasesAtomFeed.per_request()), name="feed_atom"),
    path("feeds/", views.feed_list, name="feed_list"),
    path("search/", views.search, name="search"),
    path("topics/<slug:slug>/", views.topic, name="topic"),
    path("topics/<slug:slug>/rss.xml", conditional(TopicFeed.per_request()), name="topic_feed"),
]
