"""Release cards (news.cards): the values a list prints, read without page objects, with the
addresses Wagtail gives the pages."""

import pytest

from news.cards import release_cards
from news.languages import page_url_in
from news.models import NewsReleasePage

pytestmark = pytest.mark.django_db


def _image():
    from wagtail.images import get_image_model
    from wagtail.images.tests.utils import get_test_image_file

    return get_image_model().objects.create(title="Hero", file=get_test_image_file())


def pictured() -> dict:
    """A hero image with its description in every language (required with an image)."""
    return {
        "hero_image": _image(),
        "hero_alt_kk": "Сурет",
        "hero_alt_ru": "Снимок",
        "hero_alt_en": "A picture",
    }


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_cards_carry_what_the_list_prints_with_wagtails_addresses(make_release, language):
    with_image = make_release(**pictured())
    only_russian = make_release(languages=("ru",))
    plain = make_release()
    listing = NewsReleasePage.objects.in_language_listing(language)
    cards = release_cards(listing, language)
    expected = list(listing)
    assert [card["pk"] for card in cards] == [r.pk for r in expected]
    for card, release in zip(cards, expected, strict=True):
        assert card["url"] == page_url_in(release, language)
        assert card["title"] == getattr(release, f"title_{language}")
        assert card["lead"] == getattr(release, f"lead_{language}")
        assert card["date"] == release.date
    by_pk = {card["pk"]: card for card in cards}
    assert by_pk[with_image.pk]["hero_image"] == with_image.hero_image
    assert by_pk[plain.pk]["hero_image"] is None
    assert (only_russian.pk in by_pk) == (language == "ru")


def test_a_list_page_shows_each_card_and_its_picture(client, make_release, news_index):
    with_picture = make_release(title_ru="С фотографией", **pictured())
    make_release(title_ru="Без фотографии")
    body = client.get(page_url_in(news_index, "ru")).content.decode()
    assert f'href="{page_url_in(with_picture, "ru")}">С фотографией</a>' in body
    assert "Без фотографии" in body
    assert body.count("<picture") == 1


def test_cards_of_a_list_page_cost_the_same_queries_however_many_have_images(
    client, make_release, news_index, django_assert_max_num_queries, settings
):
    settings.PAGE_CACHE_ENABLED = False
    for number in range(6):
        make_release(**(pictured() if number % 2 else {}))
    url = page_url_in(news_index, "ru")
    client.get(url)
    # The route, the page of keys, the cards, their images with renditions (and the count and
    # site, kept until the next purge); none per card.
    with django_assert_max_num_queries(6):
        assert client.get(url, {"page": "1"}).status_code == 200


def test_a_list_pages_keys_are_kept_until_the_next_publish(
    client, make_release, news_index, settings
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    settings.PAGE_CACHE_ENABLED = False
    make_release(title_ru="Первая")
    url = page_url_in(news_index, "ru")

    def key_queries(query_string):
        with CaptureQueriesContext(connection) as captured:
            body = client.get(url, query_string).content.decode()
        keys = [
            q
            for q in captured
            # The keys of the page: the listing index walked with LIMIT (the cards query
            # names its keys instead).
            if q["sql"].startswith('SELECT "news_newsreleasepage"."page_ptr_id"')
            and " LIMIT " in q["sql"]
        ]
        return len(keys), body

    assert key_queries({"page": "1"})[0] == 1
    assert key_queries({"page": "1", "again": "1"})[0] == 0  # kept
    make_release(title_ru="Вторая")  # a publish purges: read again, and the new one is listed
    count, body = key_queries({"page": "1", "after": "1"})
    assert count == 1
    assert "Вторая" in body
