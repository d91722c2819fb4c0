"""One language is enough on every path, and nothing is copied into another language.

These post the admin's forms the way the browser does (save draft, then submit; autosave with
a half-filled language); tests/browser/test_admin_languages.py does the same in Chromium.
"""

import pytest
from django.urls import reverse
from django.utils import translation
from wagtail.models import Page
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from news.models import NewsReleasePage
from news.pages import UNTITLED_DRAFT_MESSAGE
from news.tests.test_admin_editing import ALL, TEXTS, add_url, release_form

pytestmark = pytest.mark.django_db

TRANSLATED = ("title", "slug", "seo_title", "search_description", "lead", "hero_caption")


def form_with(languages, action, **extra):
    data = release_form(languages, **extra)
    del data["action-publish"]
    if action:
        data[f"action-{action}"] = action
    return data


def assert_only(release, language):
    release = NewsReleasePage.objects.get(pk=release.pk)
    for other in set(ALL) - {language}:
        for field in TRANSLATED:
            assert not getattr(release, f"{field}_{other}"), (field, other)
        assert not getattr(release, f"body_{other}"), other
    draft = release.get_latest_revision_as_object()
    for other in set(ALL) - {language}:
        for field in TRANSLATED:
            assert not getattr(draft, f"{field}_{other}"), ("draft", field, other)


@pytest.mark.parametrize("ui_language", ["ru", "en"])
@pytest.mark.parametrize("language", ALL)
def test_draft_then_submit_in_any_ui_language(author, news_index, ui_language, language):
    _user, client = author
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = ui_language
    response = client.post(add_url(news_index), form_with([language], None))
    assert response.status_code == 302
    release = NewsReleasePage.objects.get()
    assert_only(release, language)
    assert getattr(release, f"slug_{language}")

    edit = reverse("wagtailadmin_pages:edit", args=(release.pk,))
    response = client.post(edit, form_with([language], "submit"))
    assert response.status_code == 302, response.context["form"].errors
    release.refresh_from_db()
    assert release.current_workflow_state is not None
    assert_only(release, language)


@pytest.mark.parametrize("ui_language", ["ru", "en"])
def test_submit_straight_from_the_add_form(author, news_index, ui_language):
    _user, client = author
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = ui_language
    response = client.post(add_url(news_index), form_with(["kk"], "submit"))
    assert response.status_code == 302
    release = NewsReleasePage.objects.get()
    assert release.current_workflow_state is not None
    assert_only(release, "kk")


def test_autosave_accepts_a_half_filled_language(author, news_index):
    _user, client = author
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "ru"
    client.post(add_url(news_index), form_with(["kk"], None))
    release = NewsReleasePage.objects.get()
    data = form_with(["kk"], None, title_en="Half an English version")
    data["overwrite_revision_id"] = release.latest_revision_id
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=(release.pk,)),
        data,
        HTTP_ACCEPT="application/json",
    )
    assert response.status_code == 200, response.content[:500]
    assert response.json()["success"]
    draft = NewsReleasePage.objects.get().get_latest_revision_as_object()
    assert draft.title_en == "Half an English version"
    assert not draft.title_ru and not draft.slug_ru


@pytest.mark.parametrize("fields", [{}, {"lead_kk": "Только лид."}])
def test_a_draft_without_any_title_is_a_form_error_not_a_500(author, news_index, fields):
    """Wagtail names revisions and log entries after the title: an untitled draft can't be kept.
    "Save draft" shows the error on every title; autosave answers Wagtail's validation error."""
    _user, client = author
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "ru"
    response = client.post(add_url(news_index), form_with([], None, **fields))
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert {f"title_{code}" for code in ALL} <= set(errors)
    with translation.override("ru"):
        assert errors["title_kk"] == [str(UNTITLED_DRAFT_MESSAGE)]
    assert errors["title_kk"][0].startswith("Чтобы сохранить черновик")  # in the UI's Russian
    response = client.post(
        add_url(news_index), form_with([], None, **fields), HTTP_ACCEPT="application/json"
    )
    assert response.status_code == 400
    assert response.json()["error_code"] == "validation_error"
    assert not NewsReleasePage.objects.exists()


def test_clearing_every_title_of_a_draft_is_a_form_error(author, news_index):
    _user, client = author
    client.post(add_url(news_index), form_with(["ru"], None))
    release = NewsReleasePage.objects.get()
    edit = reverse("wagtailadmin_pages:edit", args=(release.pk,))
    response = client.post(edit, form_with([], None))
    assert response.status_code == 200
    assert "title_ru" in response.context["form"].errors
    assert NewsReleasePage.objects.get().get_latest_revision_as_object().title_ru


def test_submitting_a_half_filled_language_is_a_form_error(author, news_index):
    _user, client = author
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "ru"
    response = client.post(add_url(news_index), form_with(["kk"], "submit", title_en="Half"))
    assert response.status_code == 200
    assert "body_en" in response.context["form"].errors
    assert not NewsReleasePage.objects.exists()


def test_editor_publishes_directly_in_one_language(editor, news_index):
    _user, client = editor
    response = client.post(add_url(news_index), release_form(["en"]))
    assert response.status_code == 302
    release = NewsReleasePage.objects.get()
    assert release.live
    assert_only(release, "en")
    assert client.get(f"/en/news/{release.slug_en}/").status_code == 200
    assert client.get(f"/ru/novosti/{release.slug_en}/").status_code == 404


def test_revert_to_an_earlier_revision_keeps_one_language(editor, news_index):
    _user, client = editor
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "ru"
    client.post(add_url(news_index), release_form(["kk"]))
    release = NewsReleasePage.objects.get()
    first = release.latest_revision
    edit = reverse("wagtailadmin_pages:edit", args=(release.pk,))
    client.post(edit, release_form(["kk"], title_kk="Екінші нұсқа"))
    revert = reverse("wagtailadmin_pages:revisions_revert", args=(release.pk, first.pk))
    assert client.get(revert).status_code == 200
    response = client.post(edit, release_form(["kk"], revision=first.pk))
    assert response.status_code == 302
    release.refresh_from_db()
    assert release.title_kk == TEXTS["kk"][0]
    assert_only(release, "kk")


def test_copy_keeps_one_language(editor, news_index):
    _user, client = editor
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "ru"
    client.post(add_url(news_index), release_form(["en"]))
    release = NewsReleasePage.objects.get()
    response = client.get(reverse("wagtailadmin_pages:copy", args=(release.pk,)))
    assert response.status_code == 200
    response = client.post(
        reverse("wagtailadmin_pages:copy", args=(release.pk,)),
        {
            "new_title_kk": "",
            "new_title_ru": "",
            "new_title_en": "Copy of the English release",
            "new_slug_kk": "",
            "new_slug_ru": "",
            "new_slug_en": "copy-of-the-english-release",
            "new_parent_page": news_index.pk,
        },
    )
    assert response.status_code == 302, response.content[:3000]
    copy = NewsReleasePage.objects.exclude(pk=release.pk).get()
    assert copy.title_en == "Copy of the English release"
    assert_only(copy, "en")
    assert Page.objects.filter(slug_en="copy-of-the-english-release").count() == 1


def test_autosave_of_a_live_release_with_a_half_filled_language(editor, news_index):
    _user, client = editor
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    client.post(add_url(news_index), release_form(["kk"]))
    release = NewsReleasePage.objects.get()
    assert release.live
    # As the browser sends it while a paragraph has just been added and is still empty.
    data = form_with(["kk"], None, title_en="Reception", slug_en="reception")
    data.update(nested_form_data({"body_en": streamfield([("paragraph", rich_text(""))])}))
    data["overwrite_revision_id"] = release.latest_revision_id
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=(release.pk,)),
        data,
        HTTP_ACCEPT="application/json",
    )
    assert response.status_code == 200, response.content[:500]
    release.refresh_from_db()
    assert not release.title_en  # the live version is untouched
    assert release.get_latest_revision_as_object().title_en == "Reception"


@pytest.mark.parametrize("ui_language", ["ru", "en"])
def test_publishing_with_half_a_second_language_is_a_form_error(editor, news_index, ui_language):
    _user, client = editor
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = ui_language
    for extra in ({"title_en": "Only a title"}, {"lead_en": "Only a lead"}):
        response = client.post(add_url(news_index), release_form(["kk"], **extra))
        assert response.status_code == 200
        assert set(response.context["form"].errors) & {"title_en", "body_en"}
    assert not NewsReleasePage.objects.exists()
