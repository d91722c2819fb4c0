"""Staff create and publish releases in any subset of languages, in any admin UI language."""

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from news.models import NewsReleasePage
from news.pages import NO_LANGUAGE_MESSAGE

from .helpers import soup

pytestmark = pytest.mark.django_db

ALL = ("kk", "ru", "en")
TEXTS = {
    "kk": ("Тек қазақша жаңалық", "Мәтін қазақ тілінде."),
    "ru": ("Только русская новость", "Текст на русском языке."),
    "en": ("English-only release", "Text in English."),
}


def add_url(index):
    return reverse("wagtailadmin_pages:add", args=("news", "newsreleasepage", index.pk))


def release_form(languages, **extra):
    data = {"date": "2026-11-25", "related_releases": inline_formset([])}
    data["comments"] = inline_formset([])
    for code in ALL:
        if code in languages:
            title, text = TEXTS[code]
            data[f"title_{code}"] = title
            data[f"body_{code}"] = streamfield([("paragraph", rich_text(text))])
        else:
            data[f"body_{code}"] = streamfield([])
    data.update(extra)
    data["action-publish"] = "publish"
    return nested_form_data(data)


@pytest.fixture
def editor_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("editor", "editor@example.org", "x-pass-123")
    client.force_login(user)
    return client


@pytest.mark.parametrize("ui_language", ["ru", "en", "kk"])
@pytest.mark.parametrize("language", ALL)
def test_single_language_release_through_the_add_form(
    editor_client, news_index, ui_language, language
):
    response = editor_client.post(
        add_url(news_index), release_form([language]), HTTP_ACCEPT_LANGUAGE=ui_language
    )
    assert response.status_code == 302, soup(response).select(".error-message")
    release = NewsReleasePage.objects.get()
    assert release.live
    assert getattr(release, f"title_{language}") == TEXTS[language][0]
    for other in ALL:
        if other != language:
            assert not getattr(release, f"title_{other}")
            assert not getattr(release, f"slug_{other}")
    public = editor_client.get(
        f"/{language}/{getattr(news_index, f'slug_{language}')}/"
        f"{getattr(release, f'slug_{language}')}/"
    )
    assert public.status_code == 200
    assert TEXTS[language][1] in public.content.decode()


def test_kazakh_slug_is_readable_latin(editor_client, news_index):
    editor_client.post(add_url(news_index), release_form(["kk"]))
    assert NewsReleasePage.objects.get().slug_kk == "tek-qazaqsha-zhangalyq"


def test_siblings_lacking_the_same_language_do_not_clash(editor_client, news_index):
    for title in ("Первая", "Вторая"):
        data = release_form(["ru"], title_ru=title)
        assert editor_client.post(add_url(news_index), data).status_code == 302
    assert NewsReleasePage.objects.count() == 2


def test_same_slug_in_one_language_is_refused_on_that_field(editor_client, news_index):
    assert editor_client.post(add_url(news_index), release_form(["ru", "en"])).status_code == 302
    response = editor_client.post(
        add_url(news_index), release_form(["en"]), HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 200
    assert "already used by another page" in response.content.decode()
    assert NewsReleasePage.objects.count() == 1


@pytest.mark.parametrize("ui_language", ["ru", "en"])
def test_release_with_no_language_is_refused_with_a_clear_message(
    editor_client, news_index, ui_language
):
    response = editor_client.post(
        add_url(news_index), release_form([]), HTTP_ACCEPT_LANGUAGE=ui_language
    )
    assert response.status_code == 200
    with translation.override(ui_language):
        message = str(NO_LANGUAGE_MESSAGE)
    with translation.override("en"):
        assert (message == str(NO_LANGUAGE_MESSAGE)) == (ui_language == "en")  # translated
    assert escape(message) in response.content.decode()
    assert not NewsReleasePage.objects.exists()


def test_half_filled_language_is_refused(editor_client, news_index):
    data = release_form(["ru"], title_en="Title without a body")
    response = editor_client.post(add_url(news_index), data, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert "half filled in" in response.content.decode()
    assert not NewsReleasePage.objects.exists()


TAB_FIELDS = (
    "title",
    "slug",
    "lead",
    "source",
    "hero_alt",
    "hero_caption",
    "hero_credit",
    "seo_title",
    "search_description",
)


def test_one_edit_form_holds_all_three_languages_each_in_its_tab(editor_client, make_release):
    release = make_release()
    response = editor_client.get(reverse("wagtailadmin_pages:edit", args=(release.pk,)))
    assert response.status_code == 200
    form = soup(response)
    for code in ALL:
        tab = form.select_one(f"section.news-language-tab--{code}")
        assert tab is not None, code
        names = {field["name"] for field in tab.select("[name]")}
        for field in TAB_FIELDS:
            assert f"{field}_{code}" in names, (field, code)
        assert not {name for name in names if name.rsplit("_", 1)[-1] in set(ALL) - {code}}
        # StreamFields are drawn by JavaScript into this section
        assert tab.select_one(f'[id$="-body_{code}-section"]'), code
    shared = {field["name"] for field in form.select("section.w-tabs__panel [name]")}
    assert {"date", "hero_image", "topics"} <= shared
    # Nothing is marked required: one language is enough.
    assert not form.select("section.news-language-tab .w-required-mark")


@pytest.mark.parametrize(
    ("accept", "expected"), [("kk", "ru"), ("en", "en"), ("ru", "ru"), ("de", "ru")]
)
def test_admin_speaks_russian_or_english(editor_client, accept, expected):
    response = editor_client.get(reverse("wagtailadmin_home"), HTTP_ACCEPT_LANGUAGE=accept)
    assert soup(response).html["lang"] == expected


def test_users_preferred_admin_language_wins(editor_client, django_user_model):
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(django_user_model.objects.get(username="editor"))
    profile.preferred_language = "en"
    profile.save()
    response = editor_client.get(reverse("wagtailadmin_home"), HTTP_ACCEPT_LANGUAGE="ru")
    assert soup(response).html["lang"] == "en"


@pytest.mark.parametrize("ui_language", ["ru", "en"])
def test_single_language_release_is_edited_and_republished_in_any_ui_language(
    editor_client, news_index, ui_language
):
    assert editor_client.post(add_url(news_index), release_form(["kk"])).status_code == 302
    release = NewsReleasePage.objects.get()
    edit_url = reverse("wagtailadmin_pages:edit", args=(release.pk,))
    assert editor_client.get(edit_url, HTTP_ACCEPT_LANGUAGE=ui_language).status_code == 200
    data = release_form(["kk"], title_kk="Жаңартылған тақырып", slug_kk=release.slug_kk)
    response = editor_client.post(edit_url, data, HTTP_ACCEPT_LANGUAGE=ui_language)
    assert response.status_code == 302, soup(response).select(".error-message")
    release.refresh_from_db()
    assert release.title_kk == "Жаңартылған тақырып"
    assert not release.title_ru and not release.title_en
    assert editor_client.get(f"/kk/zhanalyqtar/{release.slug_kk}/").status_code == 200
    assert editor_client.get(f"/ru/novosti/{release.slug_kk}/").status_code == 404
