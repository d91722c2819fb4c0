"""The public page cache over HTTP: hits, per-language keys, purges, who is never cached."""

import pytest
from django.db import OperationalError
from django.db.backends.base.base import BaseDatabaseWrapper
from django.test import override_settings
from wagtail.models import Page

from news.factories import TopicFactory
from news.languages import page_url_in

URLS_LISTING_A_RELEASE = {
    "home": "/ru/",
    "news list": "/ru/novosti/",
    "news list, page 1 by number": "/ru/novosti/?page=1",
    "rss": "/ru/rss.xml",
    "atom": "/ru/atom.xml",
    "sitemap page": "/sitemap-pages.xml",
    "search": "/ru/search/?q=Свежая",
}


@pytest.fixture
def topic(db):
    return TopicFactory()


def get(client, url, **headers):
    return client.get(url, headers=headers)


@pytest.mark.django_db
def test_second_anonymous_get_is_a_hit_without_queries(
    client, make_release, django_assert_num_queries
):
    release = make_release()
    url = page_url_in(release, "ru")
    first = client.get(url)
    assert first.status_code == 200
    assert first["X-Cache"] == "MISS"
    with django_assert_num_queries(0):
        second = client.get(url)
    assert second["X-Cache"] == "HIT"
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]
    assert second["Content-Language"] == "ru"


@pytest.mark.django_db
def test_query_string_is_part_of_the_key_in_any_order(client, make_release):
    make_release()
    assert client.get("/ru/search/?q=Новость&page=1")["X-Cache"] == "MISS"
    assert client.get("/ru/search/?page=1&q=Новость")["X-Cache"] == "HIT"
    assert client.get("/ru/search/?q=Приём")["X-Cache"] == "MISS"


@pytest.mark.django_db
def test_every_language_has_its_own_entry(client, make_release):
    make_release(title_kk="Қазақша тақырып", title_ru="Русский заголовок", title_en="English")
    responses = {code: client.get(f"/{code}/") for code in ("kk", "ru", "en")}
    assert {r["X-Cache"] for r in responses.values()} == {"MISS"}
    assert "Русский заголовок" in responses["ru"].content.decode()
    assert "Русский заголовок" not in responses["en"].content.decode()
    assert "English" in client.get("/en/").content.decode()
    assert client.get("/en/")["X-Cache"] == "HIT"


@pytest.mark.django_db
@pytest.mark.parametrize("where", sorted(URLS_LISTING_A_RELEASE))
def test_publishing_purges_every_page_that_lists_it(client, make_release, where):
    make_release(title_ru="Прежняя новость")
    url = URLS_LISTING_A_RELEASE[where]
    assert client.get(url).status_code == 200
    assert client.get(url)["X-Cache"] == "HIT"

    make_release(title_ru="Свежая новость", slug_ru="svezhaya-novost")
    response = client.get(url)
    assert response["X-Cache"] == "MISS"
    body = response.content.decode()
    assert "svezhaya-novost" in body


@pytest.mark.django_db
def test_publish_purges_topic_pages_and_their_feeds(client, make_release, topic):
    url, feed = f"/ru/topics/{topic.slug_ru}/", f"/ru/topics/{topic.slug_ru}/rss.xml"
    first = make_release(title_ru="Первая по теме")
    first.topics.set([topic])
    first.save_revision().publish()
    client.get(url), client.get(feed)
    assert client.get(url)["X-Cache"] == "HIT"

    second = make_release(title_ru="Вторая по теме", publish=False)
    second.topics.set([topic])
    second.save_revision().publish()
    assert "Вторая по теме" in client.get(url).content.decode()
    assert "Вторая по теме" in client.get(feed).content.decode()


@pytest.mark.django_db
def test_unpublish_purges_the_release_and_its_lists(client, make_release):
    release = make_release(title_ru="Снимаемая новость")
    url = page_url_in(release, "ru")
    assert client.get(url).status_code == 200
    assert "Снимаемая новость" in client.get("/ru/novosti/").content.decode()
    assert client.get("/ru/novosti/")["X-Cache"] == "HIT"

    release.unpublish()
    assert client.get(url).status_code == 404
    assert "Снимаемая новость" not in client.get("/ru/novosti/").content.decode()
    assert "Снимаемая новость" not in client.get("/ru/rss.xml").content.decode()


@pytest.mark.django_db
def test_delete_purges_the_release_and_its_lists(client, make_release):
    release = make_release(title_ru="Удаляемая новость")
    url = page_url_in(release, "ru")
    client.get(url), client.get("/ru/"), client.get("/sitemap-pages.xml")
    assert client.get("/ru/")["X-Cache"] == "HIT"

    Page.objects.get(pk=release.pk).delete()
    assert client.get(url).status_code == 404
    assert "Удаляемая новость" not in client.get("/ru/").content.decode()
    assert url not in client.get("/sitemap-pages.xml").content.decode()


@pytest.mark.django_db
def test_move_purges_old_and_new_addresses(client, make_release, home):
    from news.factories import NewsIndexPageFactory

    release = make_release(title_ru="Переезжающая новость")
    other_index = NewsIndexPageFactory(
        parent=home,
        title_ru="Архив",
        slug_ru="arhiv",
        title_kk="Мұрағат",
        slug_kk="muraghat",
        title_en="Archive",
        slug_en="archive",
    )
    other_index.save_revision().publish()
    old_url = page_url_in(release, "ru")
    client.get(old_url), client.get("/ru/novosti/")
    assert client.get(old_url)["X-Cache"] == "HIT"

    Page.objects.get(pk=release.pk).move(other_index, pos="last-child")
    release.refresh_from_db()
    assert client.get(old_url).status_code == 404
    assert "Переезжающая новость" not in client.get("/ru/novosti/").content.decode()
    assert client.get(page_url_in(release, "ru")).status_code == 200


@pytest.mark.django_db
def test_purge_also_runs_after_commit(client, make_release, django_capture_on_commit_callbacks):
    """A reader may render the old state between the publish and its commit: the generation
    moves again once the transaction is committed."""
    make_release()
    client.get("/ru/")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        make_release(title_ru="После коммита")
    client.get("/ru/")  # rendered (and stored) before the commit
    assert client.get("/ru/")["X-Cache"] == "HIT"
    for callback in callbacks:
        callback()
    assert client.get("/ru/")["X-Cache"] == "MISS"


@pytest.mark.django_db
def test_public_pages_send_caching_headers_for_a_proxy(client, make_release):
    release = make_release()
    response = client.get(page_url_in(release, "ru"))
    directives = {part.strip() for part in response["Cache-Control"].split(",")}
    assert "public" in directives
    assert any(d.startswith("max-age=") for d in directives)
    assert any(d.startswith("s-maxage=") for d in directives)
    assert any(d.startswith("stale-while-revalidate=") for d in directives)
    assert response["ETag"].startswith('"')
    assert response["Last-Modified"]


@pytest.mark.django_db
@pytest.mark.parametrize("hit", [False, True], ids=["miss", "hit"])
def test_release_answers_304_to_conditional_requests(client, make_release, hit):
    release = make_release()
    url = page_url_in(release, "ru")
    if hit:
        client.get(url)
    response = client.get(url)
    etag, modified = response["ETag"], response["Last-Modified"]
    assert client.get(url, headers={"If-None-Match": etag}).status_code == 304
    assert client.get(url, headers={"If-Modified-Since": modified}).status_code == 304
    assert client.get(url, headers={"If-None-Match": '"other"'}).status_code == 200


@pytest.mark.django_db
def test_signed_in_staff_are_never_cached(client, admin_user, make_release):
    release = make_release()
    url = page_url_in(release, "ru")
    client.force_login(admin_user)
    for _ in range(2):
        response = client.get(url)
        assert response.status_code == 200
        assert "X-Cache" not in response
        assert "public" not in response.get("Cache-Control", "")
    client.logout()
    # Nothing was stored while signed in: the first anonymous request is a miss.
    assert client.get(url)["X-Cache"] == "MISS"


@pytest.mark.django_db
def test_previews_are_never_cached(client, admin_user, make_release):
    release = make_release(publish=False)
    client.force_login(admin_user)
    preview = f"/admin/pages/{release.pk}/edit/preview/?mode=ru"
    response = client.get(preview)
    assert "X-Cache" not in response
    assert "public" not in response.get("Cache-Control", "")


@pytest.mark.django_db
def test_posts_and_other_answers_are_not_stored(client, make_release):
    make_release()
    assert client.post("/ru/").status_code in (200, 403, 405)
    assert client.get("/ru/")["X-Cache"] == "MISS"
    assert "X-Cache" not in client.get("/ru/no-such-page/")
    assert "X-Cache" not in client.get("/ru/no-such-page/")
    assert "X-Cache" not in client.get("/ru/typo-report/?page=1")


def set_a_cookie(response):
    response.set_cookie("something", "personal")


def vary_on_cookie(response):
    from django.utils.cache import patch_vary_headers

    patch_vary_headers(response, ["Cookie"])


def private(response):
    response["Cache-Control"] = "private"


@pytest.mark.django_db
@pytest.mark.parametrize("personal", [set_a_cookie, vary_on_cookie, private])
def test_a_personal_response_is_not_stored(client, make_release, monkeypatch, personal):
    from page_cache import middleware

    make_release()
    real = middleware.PageCacheMiddleware.__call__

    def with_cookie(self, request):
        inner = self.get_response

        def get_response(req):
            response = inner(req)
            personal(response)
            return response

        self.get_response = get_response
        try:
            return real(self, request)
        finally:
            self.get_response = inner

    monkeypatch.setattr(middleware.PageCacheMiddleware, "__call__", with_cookie)
    assert "X-Cache" not in client.get("/ru/")
    monkeypatch.undo()
    assert client.get("/ru/")["X-Cache"] == "MISS"


@pytest.mark.django_db
def test_a_failing_cache_does_not_break_pages(client, make_release, monkeypatch):
    from page_cache import keys

    make_release(title_ru="Без кэша")

    class BrokenCache:
        def __getattr__(self, name):
            def fail(*args, **kwargs):
                raise ConnectionError("redis is down")

            return fail

    monkeypatch.setattr(keys, "caches", {"default": BrokenCache()})
    response = client.get("/ru/")
    assert response.status_code == 200
    assert "Без кэша" in response.content.decode()
    assert "X-Cache" not in response or response["X-Cache"] == "BYPASS"
    make_release(title_ru="Публикация без кэша")  # publishing works too


@pytest.mark.django_db(transaction=True)
def test_cached_page_is_served_with_the_database_unreachable(client, make_release, monkeypatch):
    release = make_release(title_ru="Кэш без базы")
    url = page_url_in(release, "ru")
    assert client.get(url)["X-Cache"] == "MISS"
    assert client.get("/sitemap.xml").status_code == 200

    def unreachable(self, *args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(BaseDatabaseWrapper, "ensure_connection", unreachable)
    monkeypatch.setattr(BaseDatabaseWrapper, "connect", unreachable)
    from django.db import connections

    for connection in connections.all():
        connection.close()
    response = client.get(url)
    assert response.status_code == 200
    assert response["X-Cache"] == "HIT"
    assert "Кэш без базы" in response.content.decode()
    assert client.get("/sitemap.xml")["X-Cache"] == "HIT"


@override_settings(PAGE_CACHE_ENABLED=False)
@pytest.mark.django_db
def test_the_cache_can_be_switched_off(client, make_release):
    make_release()
    assert "X-Cache" not in client.get("/ru/")


@pytest.mark.django_db
def test_a_client_that_accepts_gzip_gets_the_compressed_variant_of_the_same_page(
    client, make_release
):
    import gzip

    release = make_release()
    url = page_url_in(release, "ru")
    first = client.get(url)
    assert first["X-Cache"] == "MISS"
    assert "Accept-Encoding" in first["Vary"]
    plain = client.get(url)
    assert plain["X-Cache"] == "HIT" and not plain.has_header("Content-Encoding")
    packed = client.get(url, headers={"Accept-Encoding": "gzip, deflate, br"})
    assert packed["X-Cache"] == "HIT"
    assert packed["Content-Encoding"] == "gzip"
    assert gzip.decompress(packed.content) == plain.content == first.content
    assert len(packed.content) < len(plain.content) / 2
    assert packed["Content-Length"] == str(len(packed.content))
    assert "Accept-Encoding" in packed["Vary"]
    # Another representation, another ETag; each answers 304 to its own.
    assert packed["ETag"] == plain["ETag"][:-1] + '-gzip"'
    for headers in (
        {"Accept-Encoding": "gzip", "If-None-Match": packed["ETag"]},
        {"If-None-Match": plain["ETag"]},
    ):
        assert client.get(url, headers=headers).status_code == 304
    # The same security headers as the page itself (the policy carries no nonce to go stale).
    for name in ("Content-Security-Policy", "Permissions-Policy", "Content-Type"):
        assert packed[name] == first[name]
    assert "nonce-" not in packed["Content-Security-Policy"]


@pytest.mark.django_db
@pytest.mark.parametrize("accept", ["", "identity", "gzip;q=0", "br", "*"])
def test_clients_that_do_not_ask_for_gzip_get_the_page_as_it_is(client, make_release, accept):
    release = make_release()
    url = page_url_in(release, "ru")
    client.get(url)
    response = client.get(url, headers={"Accept-Encoding": accept})
    assert response["X-Cache"] == "HIT"
    assert not response.has_header("Content-Encoding")
    assert response.content.startswith(b"<!DOCTYPE html>") or b"<html" in response.content[:200]


@pytest.mark.parametrize(
    ("accept", "expected"),
    [
        ("gzip", True),
        ("gzip, deflate, br, zstd", True),
        ("br;q=1.0, gzip;q=0.8", True),
        ("x-gzip", True),
        ("GZIP", True),
        ("gzip;q=0", False),
        ("gzip; q=0.0", False),
        ("deflate, br", False),
        ("gzipped", False),
        ("", False),
    ],
)
def test_accept_encoding_is_read_as_rfc_9110_says(rf, accept, expected):
    from page_cache.middleware import accepts_gzip

    assert accepts_gzip(rf.get("/", HTTP_ACCEPT_ENCODING=accept)) is expected
