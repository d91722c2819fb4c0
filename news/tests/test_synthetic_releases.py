"""`load_demo_content --releases N`: a valid tree, served in each language, idempotent; and
queries per page that do not grow with the number of releases."""

import pytest
from django.core.management import call_command
from django.test import override_settings
from wagtail.models import Page

from news.languages import LANGUAGE_CODES, page_languages, page_url_in
from news.models import NewsIndexPage, NewsReleasePage
from news.synthetic_releases import SLUG_PATTERN, create_synthetic_releases


@pytest.fixture
def demo_site(db):
    call_command("load_demo_content", verbosity=0)
    return NewsIndexPage.objects.get()


def synthetic():
    return NewsReleasePage.objects.filter(slug_en__startswith="release-") | (
        NewsReleasePage.objects.filter(slug_ru__startswith="soobshchenie-")
        | NewsReleasePage.objects.filter(slug_kk__startswith="habarlama-")
    )


@pytest.mark.django_db
def test_fifty_synthetic_releases_make_a_valid_tree_served_in_each_language(client, demo_site):
    call_command("load_demo_content", "--releases", "50", verbosity=0)
    releases = list(synthetic().distinct())
    assert len(releases) == 50
    assert Page.find_problems() == ([], [], [], [], [])
    demo_site.refresh_from_db()
    assert demo_site.numchild == demo_site.get_children().count()

    single = [r for r in releases if len(page_languages(r)) == 1]
    assert single, "some releases exist in one language only"
    served = dict.fromkeys(LANGUAGE_CODES, 0)
    for release in releases:
        for code in LANGUAGE_CODES:
            url = page_url_in(release, code)
            if url is None:
                continue
            response = client.get(url)
            assert response.status_code == 200, url
            assert (
                release.title_ru is None
                or code != "ru"
                or release.title_ru in (response.content.decode())
            )
            served[code] += 1
    assert all(served.values())
    # A language a release lacks is a 404 that names the languages it has.
    kk_only = next(r for r in single if page_languages(r) == ["kk"])
    assert client.get(f"/ru/novosti/{kk_only.slug_kk}/").status_code == 404


@pytest.mark.django_db
def test_a_second_run_creates_nothing_and_a_larger_n_adds_only_the_rest(demo_site):
    assert create_synthetic_releases(20) == 20
    assert create_synthetic_releases(20) == 0
    assert create_synthetic_releases(30) == 10
    numbers = set()
    for release in synthetic().distinct():
        for code in LANGUAGE_CODES:
            if (slug := getattr(release, f"slug_{code}")) and (match := SLUG_PATTERN.match(slug)):
                numbers.add(int(match.group(1)))
    assert numbers == set(range(1, 31))
    assert Page.find_problems() == ([], [], [], [], [])


@pytest.mark.django_db
def test_synthetic_releases_are_listed_and_editable(client, demo_site):
    create_synthetic_releases(12)
    release = NewsReleasePage.objects.get(slug_ru="soobshchenie-00001")
    assert release.title_ru in client.get("/ru/novosti/").content.decode()
    # An editor's later save and publish works on a bulk-inserted page.
    release.lead_ru = "Новый лид."
    release.save_revision().publish()
    assert "Новый лид." in client.get(page_url_in(release, "ru")).content.decode()


PAGES = {
    "home": "/ru/",
    "news list": "/ru/novosti/",
    "news list, page 2": "/ru/novosti/?page=2",
    "release": "/ru/novosti/soobshchenie-00001/",
    "rss": "/ru/rss.xml",
    "atom": "/en/atom.xml",
    "sitemap index": "/sitemap.xml",
    "sitemap page": "/sitemap-pages.xml",
    "search": "/ru/search/?q=Уполномоченный",
    "topic": "/ru/topics/mezhdunarodnoe-sotrudnichestvo/",
    "feeds": "/ru/feeds/",
}


def queries_per_page(client, django_assert_num_queries) -> dict[str, int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = {}
    for name, url in PAGES.items():
        client.get(url)  # warm per-process caches (site root paths, compiled templates)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200, url
        counts[name] = len(queries)
    return counts


@override_settings(PAGE_CACHE_ENABLED=False)
@pytest.mark.django_db
def test_queries_per_page_do_not_grow_with_the_number_of_releases(
    client, demo_site, django_assert_num_queries
):
    create_synthetic_releases(25)
    small = queries_per_page(client, django_assert_num_queries)
    create_synthetic_releases(250)
    large = queries_per_page(client, django_assert_num_queries)
    # Equal, but for a sitemap page: one query per language it spans (one or two of them,
    # wherever the page boundaries fall), never more than the languages there are.
    sitemap_page = "sitemap page"
    assert {k: v for k, v in large.items() if k != sitemap_page} == {
        k: v for k, v in small.items() if k != sitemap_page
    }
    assert large[sitemap_page] <= 1 + len(LANGUAGE_CODES)
    assert small[sitemap_page] <= 1 + len(LANGUAGE_CODES)
