"""Routes kept until the next purge (news.route_cache): one query finds the page, and a
publish, unpublish or move is followed at once."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from news.checks import check_route_cache
from news.languages import page_url_in


def page_queries(client, url, status=200) -> list[str]:
    # A query string of its own each time: the page cache never answers, the route cache may.
    page_queries.calls = getattr(page_queries, "calls", 0) + 1
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, {"n": page_queries.calls})
    assert response.status_code == status
    return [
        q["sql"]
        for q in captured
        if "wagtailcore_site" in q["sql"] or '"wagtailcore_page"' in q["sql"]
    ]


def test_a_kept_route_costs_one_query_for_the_page(client, make_release):
    release = make_release()
    url = page_url_in(release, "kk")
    walked = page_queries(client, url)
    kept = page_queries(client, url)
    assert len(walked) >= 4  # site, root, root's own row, the walk down the tree
    assert len(kept) == 1 and "wagtailcore_site" not in kept[0]
    response = client.get(url, {"again": "1"})
    assert release.title_kk in response.content.decode()


def test_routes_are_kept_per_language_and_address(client, make_release):
    first, second = make_release(), make_release()
    for release in (first, second):
        for code in ("kk", "ru", "en"):
            page_queries(client, page_url_in(release, code))
    for release in (first, second):
        for code in ("kk", "ru", "en"):
            body = client.get(page_url_in(release, code), {"x": "1"}).content.decode()
            assert getattr(release, f"title_{code}") in body


def test_an_unpublished_page_is_not_found_through_its_kept_route(client, make_release):
    release = make_release()
    url = page_url_in(release, "ru")
    page_queries(client, url)
    release.unpublish()
    page_queries(client, url, status=404)


def test_a_moved_page_is_found_at_its_new_address_only(client, make_release, news_index):
    from news.factories import NewsIndexPageFactory

    release = make_release()
    old = page_url_in(release, "en")
    page_queries(client, old)
    other_index = NewsIndexPageFactory(parent=news_index.get_parent())
    release.move(other_index, pos="last-child")
    release.refresh_from_db()
    page_queries(client, old, status=404)
    assert release.title_en in client.get(page_url_in(release, "en")).content.decode()


def test_check_fails_when_wagtail_stops_reading_the_kept_route(monkeypatch):
    assert check_route_cache() == []
    monkeypatch.setattr("news.route_cache.wagtail_reads_kept_routes", lambda: False)
    assert [error.id for error in check_route_cache()] == ["news.E003"]


def site_queries(client, url, **params) -> int:
    page_queries.calls = getattr(page_queries, "calls", 0) + 1
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, {**params, "n": page_queries.calls})
    assert response.status_code == 200
    return sum("wagtailcore_site" in q["sql"] for q in captured)


def test_views_beside_the_tree_keep_the_site_of_their_host(client, make_release):
    release = make_release(title_ru="Посещение учреждений")
    assert site_queries(client, "/ru/search/", q="учреждений") >= 1  # the site, its root paths
    assert site_queries(client, "/ru/search/", q="учреждений") == 0
    assert site_queries(client, "/ru/rss.xml") == 0  # the same host: the same kept site
    found = client.get("/ru/search/", {"q": "учреждений", "again": "1"}).content.decode()
    assert page_url_in(release, "ru") in found


def test_a_changed_site_is_looked_up_again(client, make_release, home):
    from wagtail.models import Site

    make_release()
    site_queries(client, "/ru/rss.xml")
    assert site_queries(client, "/ru/rss.xml") == 0
    site = Site.objects.get(is_default_site=True)
    site.site_name = "Омбудсмен"
    site.save()  # purges the page cache: nothing kept is used
    assert site_queries(client, "/ru/rss.xml") >= 1  # the site (and its root paths)


def test_site_root_paths_are_read_once_per_language_and_kept(client, make_release, monkeypatch):
    from wagtail_modeltranslation import patch_wagtailadmin

    reads = []
    original = patch_wagtailadmin._localized_site_get_site_root_paths

    def counting():
        reads.append(translation.get_language())
        return original()

    release = make_release()
    monkeypatch.setattr(patch_wagtailadmin, "_localized_site_get_site_root_paths", counting)
    url = page_url_in(release, "ru")
    body = client.get(url, {"first": "1"}).content.decode()
    # The switcher links each language's address; the page its own several times more.
    for code in ("kk", "en"):
        assert f'href="{page_url_in(release, code)}"' in body
    # Once per language, not once per change of language (the navigation, made once per purge,
    # reads its own for the plain Page of the site root).
    assert reads.count("kk") == reads.count("en") == 1
    assert reads.count("ru") <= 2
    reads.clear()
    client.get(url, {"second": "1"})
    assert reads == []  # kept until the next purge
