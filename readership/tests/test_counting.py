"""The view counter: beacon, bots, dedupe, batching through the cache, formatting."""

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.test import override_settings

from news.tests.helpers import soup
from readership import counting
from readership.models import PageViews

pytestmark = pytest.mark.django_db

BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/130.0 Safari/537.36"


def beacon(client, release, language="ru", agent=BROWSER, address="203.0.113.5", method="post"):
    send = getattr(client, method)
    return send(
        f"/{language}/views/{release.pk}/",
        headers={"user-agent": agent},
        REMOTE_ADDR=address,
    )


def test_a_view_counts_once_per_browser_in_the_window(client, make_release):
    release = make_release()
    first = beacon(client, release).json()
    again = beacon(client, release).json()
    other = beacon(client, release, address="203.0.113.6").json()
    assert (first["count"], first["counted"]) == (1, True)
    assert (again["count"], again["counted"]) == (1, False)
    assert other["count"] == 2
    assert beacon(client, release, method="get").json()["count"] == 2


@pytest.mark.parametrize(
    "agent",
    [
        "Googlebot/2.1 (+http://www.google.com/bot.html)",
        "curl/8.5",
        "",
        "python-requests/2.32",
        "Mozilla/5.0 (compatible; YandexBot/3.0)",
    ],
)
def test_bots_are_not_counted(client, make_release, agent):
    release = make_release()
    assert beacon(client, release, agent=agent).json() == {
        "count": 0,
        "display": "0",
        "counted": False,
    }


def test_nothing_personal_is_stored(client, make_release):
    release = make_release()
    beacon(client, release)
    row = PageViews.objects.get(page=release)
    assert {f.name for f in PageViews._meta.get_fields()} == {"page", "count", "updated_at"}
    assert row.count == 1


@override_settings(READERSHIP_BATCH_SIZE=5, READERSHIP_FLUSH_SECONDS=3600)
def test_views_wait_in_the_cache_and_are_written_in_batches(client, make_release):
    release = make_release()
    for n in range(4):
        beacon(client, release, address=f"198.51.100.{n}")
    # The first view writes at once (no write yet in the window); the next three wait.
    assert PageViews.objects.get(page=release).count == 1
    assert cache.get(counting.pending_key(release.pk)) == 3
    assert beacon(client, release, method="get").json()["count"] == 4  # row + pending
    beacon(client, release, address="198.51.100.9")
    beacon(client, release, address="198.51.100.10")
    assert PageViews.objects.get(page=release).count == 6  # the batch of five was written
    assert cache.get(counting.pending_key(release.pk)) == 0


@override_settings(READERSHIP_BATCH_SIZE=100, READERSHIP_FLUSH_SECONDS=3600)
def test_flush_command_then_a_cache_flush_keeps_the_count(client, make_release):
    release = make_release()
    for n in range(3):
        beacon(client, release, address=f"192.0.2.{n}")
    call_command("flush_view_counts", stdout=open("/dev/null", "w"))  # noqa: SIM115
    cache.clear()
    assert beacon(client, release, method="get").json()["count"] == 3
    assert PageViews.objects.get(page=release).count == 3


@override_settings(READERSHIP_BATCH_SIZE=100, READERSHIP_FLUSH_SECONDS=0)
def test_read_through_writes_when_the_window_has_passed(client, make_release):
    release = make_release()
    for n in range(3):
        beacon(client, release, address=f"192.0.2.{n}")
    cache.clear()
    assert beacon(client, release, method="get").json()["count"] == 3


@pytest.mark.parametrize(
    ("language", "display"), [("ru", "1\xa0234"), ("kk", "1\xa0234"), ("en", "1,234")]
)
def test_the_number_is_formatted_per_language(client, make_release, language, display):
    release = make_release()
    PageViews.objects.create(page=release, count=1234)
    assert beacon(client, release, language=language, method="get").json()["display"] == display
    index = {"kk": "zhanalyqtar", "ru": "novosti", "en": "news"}[language]
    page = soup(client.get(f"/{language}/{index}/{getattr(release, f'slug_{language}')}/"))
    assert page.select_one("[data-views-number]").get_text(strip=True) == display


def test_cross_site_beacons_and_other_methods_are_refused(client, make_release):
    release = make_release()
    response = client.post(
        f"/ru/views/{release.pk}/",
        headers={"origin": "https://evil.example", "user-agent": BROWSER},
    )
    assert response.status_code == 403
    assert client.put(f"/ru/views/{release.pk}/").status_code == 405
    assert client.post("/ru/views/999999/", headers={"user-agent": BROWSER}).status_code == 404


def test_a_language_the_page_lacks_is_404(client, make_release):
    release = make_release(languages=("ru",))
    assert beacon(client, release, language="en").status_code == 404


def test_beacon_answers_are_not_cached_and_release_pages_set_no_cookie(client, make_release):
    release = make_release()
    assert "no-store" in beacon(client, release)["Cache-Control"]
    page = client.get(f"/ru/novosti/{release.slug_ru}/")
    assert not page.cookies
    assert "Cookie" not in page.get("Vary", "")


@override_settings(READERSHIP_BATCH_SIZE=3, READERSHIP_FLUSH_SECONDS=3600)
def test_the_written_count_is_kept_until_the_row_is_written_again(
    client, make_release, django_assert_num_queries
):
    release = make_release()
    beacon(client, release, address="203.0.113.1")  # the first view is written at once
    assert counting.total(release.pk) == 1  # reads the row, keeps its count
    with django_assert_num_queries(0):
        assert counting.total(release.pk) == 1
    for n in range(2, 5):
        beacon(client, release, address=f"203.0.113.{n}")  # the third pending one writes
    assert PageViews.objects.get(page=release).count == 4
    # The write forgot the kept count (1): the number is the new row, not 1 plus nothing pending.
    with django_assert_num_queries(0):  # the beacon's answer read and kept it again
        assert counting.total(release.pk) == 4
    cache.delete(counting.stored_key(release.pk))
    with django_assert_num_queries(1):
        assert counting.total(release.pk) == 4
