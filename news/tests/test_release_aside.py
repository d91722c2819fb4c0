"""The links around a release (news.release_aside): right addresses, kept until the next purge,
never kept for a preview."""

import datetime

from django.utils import translation

from news.factories import TopicFactory
from news.languages import page_url_in
from news.models import RelatedRelease
from news.release_aside import release_aside
from news.tests.helpers import soup


def test_links_carry_the_address_title_and_date_pageurl_gives(make_release):
    older = make_release(date=datetime.date(2026, 11, 1), title_ru="Раньше")
    release = make_release(date=datetime.date(2026, 11, 2))
    newer = make_release(date=datetime.date(2026, 11, 3), title_ru="Позже")
    with translation.override("ru"):
        aside = release_aside(release)
    assert aside["previous"] == {
        "pk": older.pk,
        "url": page_url_in(older, "ru"),
        "title": "Раньше",
        "date": datetime.date(2026, 11, 1),
    }
    assert aside["next"]["url"] == page_url_in(newer, "ru")
    assert aside["next"]["title"] == "Позже"


def test_aside_is_kept_until_a_publish_or_unpublish(make_release, django_assert_num_queries):
    release = make_release(date=datetime.date(2026, 11, 2))
    with translation.override("en"):
        first = release_aside(release)
        assert first["next"] is None
        with django_assert_num_queries(0):
            assert release_aside(release) == first
        newer = make_release(date=datetime.date(2026, 11, 3), title_en="Later")
        assert release_aside(release)["next"]["title"] == "Later"
        newer.unpublish()
        assert release_aside(release)["next"] is None


def test_related_in_editor_order_then_same_topic_and_only_in_the_language(make_release):
    topic = TopicFactory(name_ru="Права детей", slug_ru="prava-detei")
    picked_second = make_release(title_ru="Второй выбор")
    picked_first = make_release(title_ru="Первый выбор")
    english_only = make_release(languages=("en",))
    same_topic = make_release(title_ru="По теме")
    same_topic.topics.set([topic])
    same_topic.save_revision().publish()
    release = make_release()
    release.topics.set([topic])
    for order, pick in enumerate((picked_first, english_only, picked_second)):
        RelatedRelease.objects.create(page=release, release=pick, sort_order=order)
    release.save_revision().publish()
    with translation.override("ru"):
        titles = [link["title"] for link in release_aside(release)["related"]]
    assert titles == ["Первый выбор", "Второй выбор", "По теме"]


def test_preview_shows_the_drafts_picks_and_is_not_kept(make_release):
    pick = make_release(title_ru="Выбор в черновике")
    release = make_release()
    with translation.override("ru"):
        assert release_aside(release)["related"] == []  # now kept for the live page
    draft = type(release).objects.get(pk=release.pk)
    draft.related_releases.add(RelatedRelease(release=pick, sort_order=0))
    draft = draft.save_revision().as_object()
    preview = draft.make_preview_request(preview_mode="ru")
    assert preview.status_code == 200
    assert "Выбор в черновике" in soup(preview).select_one("aside.related").get_text()
    with translation.override("ru"):
        assert release_aside(release)["related"] == []  # the live page is unchanged
