"""Wagtail's frontend-cache purge for a reverse proxy, when one is configured."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.test import override_settings

from news.factories import TopicFactory
from news.languages import page_url_in


@pytest.fixture
def proxy():
    """A stand-in reverse proxy that records every PURGE it receives."""
    purged = []

    class Handler(BaseHTTPRequestHandler):
        def do_PURGE(self):
            purged.append((self.headers["Host"], self.path))
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}", purged
    server.shutdown()


def backend(location):
    return {
        "default": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": location,
        }
    }


@pytest.mark.django_db
def test_publishing_purges_the_release_and_what_lists_it_at_the_proxy(
    proxy, make_release, django_capture_on_commit_callbacks
):
    location, purged = proxy
    topic = TopicFactory()
    with override_settings(
        WAGTAILFRONTENDCACHE=backend(location), FRONTEND_CACHE_SITE_URL="https://news.example"
    ):
        release = make_release(publish=False, languages=("ru", "en"))
        release.topics.set([topic])
        with django_capture_on_commit_callbacks(execute=True):
            release.save_revision().publish()
    paths = {path for host, path in purged}
    assert {host for host, path in purged} == {"news.example"}
    assert {page_url_in(release, "ru"), page_url_in(release, "en")} <= paths
    assert {"/kk/", "/ru/", "/en/", "/ru/novosti/", "/en/news/", "/ru/rss.xml", "/en/atom.xml"} <= (
        paths
    )
    assert {f"/ru/topics/{topic.slug_ru}/", f"/ru/topics/{topic.slug_ru}/rss.xml"} <= paths
    assert "/sitemap.xml" in paths
    assert page_url_in(release, "kk") is None  # no Kazakh version: nothing to purge there


@pytest.mark.django_db
def test_without_a_proxy_nothing_is_sent_and_proxies_keep_pages_briefly(
    proxy, client, make_release, django_capture_on_commit_callbacks, settings
):
    _location, purged = proxy
    with django_capture_on_commit_callbacks(execute=True):
        make_release()
    assert purged == []
    assert f"s-maxage={settings.PAGE_CACHE_PROXY_MAX_AGE}" in client.get("/ru/")["Cache-Control"]


@pytest.mark.django_db
def test_with_a_proxy_purged_pages_may_be_kept_longer_but_query_strings_not(
    proxy, client, make_release, settings
):
    location, _purged = proxy
    make_release()
    with override_settings(WAGTAILFRONTENDCACHE=backend(location)):
        long = client.get("/ru/")["Cache-Control"]
        short = client.get("/ru/novosti/?page=1")["Cache-Control"]
    assert f"s-maxage={settings.PAGE_CACHE_PURGED_PROXY_MAX_AGE}" in long
    assert f"s-maxage={settings.PAGE_CACHE_PROXY_MAX_AGE}" in short
