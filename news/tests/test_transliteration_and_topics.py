"""One transliteration for slugs; topics follow the language rule; the overrides are guarded."""

import json
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.db import connection

from news import checks
from news.languages import has_language, in_language_q, page_languages
from news.models import NewsReleasePage, Topic
from news.pages import OVERRIDDEN_NAMES, LanguageAwarePage
from news.transliteration import LETTERS, slug_from_title

RUSSIAN = "абвгдеёжзийклмнопрстуфхцчшщъыьэюя"
KAZAKH = "әғқңөұүһі"
EXPECTED = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh",
    "з": "z", "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
    "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu",
    "я": "ya", "ә": "a", "ғ": "gh", "қ": "q", "ң": "ng", "ө": "o", "ұ": "u", "ү": "u",
    "һ": "h", "і": "i",
}  # fmt: skip


@pytest.mark.parametrize("letter", list(RUSSIAN + KAZAKH))
def test_every_kazakh_and_russian_letter_in_both_cases(letter):
    expected = EXPECTED[letter]
    assert LETTERS[letter] == expected
    # Between two Latin letters, so that "ъ" / "ь" (nothing) still leave a slug.
    assert slug_from_title(f"x{letter}x") == f"x{expected}x"
    assert slug_from_title(f"X{letter.upper()}X") == f"x{expected}x"


def test_whole_kazakh_words_are_kept():
    assert slug_from_title("Уәкіл Павлодарда азаматтарды қабылдады") == (
        "uakil-pavlodarda-azamattardy-qabyldady"
    )
    assert slug_from_title("құқық қорғаушылармен") == "quqyq-qorghaushylarmen"
    assert slug_from_title("Ғылым, өнер және Һ — «тест»!") == "ghylym-oner-zhane-h-test"
    assert slug_from_title("2,146 calls / Café") == "2146-calls-cafe"


def test_long_titles_are_cut_at_a_word():
    slug = slug_from_title("сөз " * 40)
    assert len(slug) <= 80 and not slug.endswith("-") and slug.startswith("soz-soz")


DEMO_ADDRESSES = json.loads(
    (Path(__file__).parent / "demo_addresses.json").read_text(encoding="utf-8")
)


@pytest.mark.django_db
def test_demo_content_keeps_the_addresses_it_has_on_main():
    """demo_addresses.json was captured from main (89a250f) before the transliteration moved."""
    from wagtail.models import Page

    from news.languages import LANGUAGE_CODES, page_url_in, value_in

    call_command("load_demo_content", verbosity=0)
    pages = [
        {code: page_url_in(page, code) for code in LANGUAGE_CODES}
        for page in Page.objects.filter(depth__gte=2).specific().order_by("path")
    ]
    assert pages == DEMO_ADDRESSES["pages"]
    topics = [
        {code: value_in(topic, "slug", code) for code in LANGUAGE_CODES}
        for topic in Topic.objects.order_by("pk")
    ]
    assert topics == DEMO_ADDRESSES["topic_slugs"]


# --- topics ---------------------------------------------------------------------------------
@pytest.mark.django_db
def test_a_topic_name_without_a_slug_gets_one():
    topic = Topic(name_en="Children's rights", name_kk="Бала құқықтары")
    topic.full_clean()
    assert topic.slug_en == "childrens-rights"
    assert topic.slug_kk == "bala-quqyqtary"
    assert not topic.slug_ru
    topic.save()
    assert page_languages(topic) == ["kk", "en"]


@pytest.mark.django_db
def test_a_slug_without_a_name_is_refused():
    with pytest.raises(ValidationError) as error:
        Topic(name_ru="Пытки", slug_en="torture").full_clean()
    assert set(error.value.message_dict) == {"slug_en"}


@pytest.mark.django_db
def test_a_topic_needs_a_language_and_a_free_slug():
    with pytest.raises(ValidationError) as error:
        Topic().full_clean()
    assert set(error.value.message_dict) == {"name_kk", "name_ru", "name_en"}
    Topic.objects.create(name_en="Torture", slug_en="torture")
    with pytest.raises(ValidationError) as error:
        Topic(name_en="Torture prevention", slug_en="torture").full_clean()
    assert set(error.value.message_dict) == {"slug_en"}
    with pytest.raises(ValidationError) as error:
        Topic(name_en="!!!").full_clean()
    assert set(error.value.message_dict) == {"slug_en"}


@pytest.mark.django_db
def test_a_topic_exists_in_a_language_with_name_and_slug(client, make_release):
    """A topic saved before validation (English name, no English slug) breaks nothing."""
    broken = Topic.objects.create(name_en="Name only", name_ru="Тема", slug_ru="tema")
    release = make_release(("ru", "en"))
    release.topics.add(broken)
    release.save_revision().publish()
    assert not has_language(broken, "en") and has_language(broken, "ru")
    assert list(Topic.objects.filter(in_language_q("en", model=Topic))) == []
    release = NewsReleasePage.objects.get(pk=release.pk)
    for url in (
        f"/en/news/{release.slug_en}/",
        f"/ru/novosti/{release.slug_ru}/",
        "/en/feeds/",
        "/ru/feeds/",
        "/en/rss.xml",
        "/ru/topics/tema/",
        "/ru/topics/tema/rss.xml",
    ):
        assert client.get(url).status_code == 200, url
    assert "Name only" not in client.get(f"/en/news/{release.slug_en}/").content.decode()
    assert client.get("/en/topics/tema/").status_code == 404


# --- the system check -----------------------------------------------------------------------
def test_the_overrides_are_ours_and_the_check_is_quiet():
    assert checks.check_overrides() == []


@pytest.mark.django_db
@pytest.mark.parametrize("name", OVERRIDDEN_NAMES)
def test_the_check_fires_when_an_override_is_undone(monkeypatch, name):
    """As a library upgrade would: assign a foreign method or form onto a page class."""
    foreign = (
        type("Foreign", (NewsReleasePage.base_form_class,), {})
        if name == ("base_form_class")
        else (lambda self, *args, **kwargs: None)
    )
    monkeypatch.setattr(NewsReleasePage, name, foreign, raising=False)
    errors = checks.check_overrides()
    assert [(error.id, error.obj) for error in errors] == [("news.E001", NewsReleasePage)]
    with pytest.raises(SystemCheckError):
        call_command("check")


@pytest.mark.django_db
def test_the_check_fires_when_a_slug_index_is_missing():
    assert checks.missing_slug_indexes() == []
    with connection.cursor() as cursor:
        cursor.execute("DROP INDEX wagtailcore_page_slug_ru_idx")
    try:
        errors = checks.check_slug_indexes()
        assert [error.id for error in errors] == ["news.E002"]
        assert "slug_ru" in errors[0].msg
    finally:
        from news.translated_columns import prepare_translated_columns

        prepare_translated_columns()
    assert checks.check_slug_indexes() == []


def test_language_aware_pages_define_the_overrides_in_their_body():
    for name in OVERRIDDEN_NAMES:
        assert name in vars(LanguageAwarePage), name
