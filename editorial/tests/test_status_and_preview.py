"""Translation status for staff, previews in each language, history and rollback."""

import pytest
from django.urls import reverse
from wagtail.models import PageLogEntry

from news.models import NewsReleasePage
from news.tests.helpers import soup
from news.tests.test_admin_editing import TEXTS, release_form

pytestmark = pytest.mark.django_db


def slugs(release):
    return {f"slug_{code}": getattr(release, f"slug_{code}") or "" for code in ("kk", "ru", "en")}


def row_of(page, release):
    edit_url = reverse("wagtailadmin_pages:edit", args=(release.pk,))
    return next(row for row in page.select("tbody tr") if row.select_one(f'a[href="{edit_url}"]'))


def test_listing_shows_each_language_and_filters_missing_ones(editor, make_release):
    _user, client = editor
    everywhere = make_release(title_en="Everywhere")
    russian_only = make_release(languages=("ru",), title_ru="Только по-русски")
    no_english_lead = make_release(title_en="No English lead", lead_en="")

    page = soup(client.get(reverse("news_releases:index")))
    row = row_of(page, everywhere)
    assert {
        cell["data-language"]: cell["data-complete"] for cell in row.select("td[data-language]")
    } == {
        "kk": "true",
        "ru": "true",
        "en": "true",
    }
    assert row_of(page, no_english_lead).select_one("td[data-language=en]")["data-complete"] == (
        "false"
    )

    missing_english = soup(client.get(reverse("news_releases:index"), {"missing": "en"}))
    assert row_of(missing_english, no_english_lead)
    assert row_of(missing_english, russian_only)
    with pytest.raises(StopIteration):
        row_of(missing_english, everywhere)
    missing_kazakh = soup(client.get(reverse("news_releases:index"), {"missing": "kk"}))
    assert row_of(missing_kazakh, russian_only)
    with pytest.raises(StopIteration):
        row_of(missing_kazakh, no_english_lead)


def test_dashboard_lists_releases_awaiting_a_translation(editor, make_release):
    _user, client = editor
    make_release(languages=("ru",), title_ru="Ждёт перевода")
    make_release(title_en="Complete everywhere")
    panel = soup(client.get(reverse("wagtailadmin_home"))).select_one(
        "#awaiting-translation-content"
    )
    assert panel is not None
    assert "Ждёт перевода" in panel.get_text()
    assert "Complete everywhere" not in panel.get_text()


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_preview_shows_the_draft_in_each_language(editor, make_release, language):
    _user, client = editor
    release = make_release()
    url = reverse("wagtailadmin_pages:preview_on_edit", args=(release.pk,))
    data = release_form(["kk", "ru", "en"], **slugs(release))
    del data["action-publish"]
    assert client.post(url, data).json()["is_valid"]
    response = client.get(url, {"mode": language})
    html = response.content.decode()
    assert TEXTS[language][1] in html
    for other in {"kk", "ru", "en"} - {language}:
        assert TEXTS[other][1] not in html
    assert soup(response).html["lang"] == language


def test_preview_in_a_language_the_draft_lacks_says_so(editor, make_release):
    _user, client = editor
    release = make_release(languages=("ru",))
    url = reverse("wagtailadmin_pages:preview_on_edit", args=(release.pk,))
    data = release_form(["ru"], **slugs(release))
    del data["action-publish"]
    assert client.post(url, data).json()["is_valid"]
    response = client.get(url, {"mode": "en"})
    page = soup(response)
    assert page.select_one("[data-preview-language=en]") is not None
    assert TEXTS["ru"][1] not in response.content.decode()


def test_publishing_an_edit_with_a_half_filled_language_is_refused(editor, make_release):
    _user, client = editor
    release = make_release(languages=("ru",))
    data = release_form(["ru"], title_en="A title without a body")
    response = client.post(reverse("wagtailadmin_pages:edit", args=(release.pk,)), data)
    assert response.status_code == 200
    assert "half filled in" in response.content.decode()
    release.refresh_from_db()
    assert not release.title_en


def test_hero_image_needs_alt_text_in_each_language(editor, news_index):
    from wagtail.images import get_image_model
    from wagtail.images.tests.utils import get_test_image_file

    from news.tests.test_admin_editing import add_url

    _user, client = editor
    image = get_image_model().objects.create(title="Hero", file=get_test_image_file())
    data = release_form(["ru", "en"], hero_image=image.pk, hero_alt_en="A picture")
    response = client.post(add_url(news_index), data)
    assert response.status_code == 200
    assert "Describe the main image" in response.content.decode()
    assert not NewsReleasePage.objects.exists()


def test_revisions_compare_revert_and_history(editor, make_release):
    user, client = editor
    release = make_release(languages=("en",), title_en="First title")
    first = release.latest_revision
    edit_url = reverse("wagtailadmin_pages:edit", args=(release.pk,))
    data = release_form(["en"], title_en="Second title", slug_en=release.slug_en)
    assert client.post(edit_url, data).status_code == 302
    release.refresh_from_db()
    second = release.latest_revision
    assert release.title_en == "Second title"

    compare = client.get(
        reverse("wagtailadmin_pages:revisions_compare", args=(release.pk, first.pk, second.pk))
    )
    assert compare.status_code == 200
    changes = soup(compare).select_one("main").get_text(" ", strip=True)
    assert "Title [en]: First Second title" in changes

    revert = client.get(reverse("wagtailadmin_pages:revisions_revert", args=(release.pk, first.pk)))
    assert revert.status_code == 200
    assert soup(revert).select_one("[name=title_en]")["value"] == "First title"
    data = release_form(
        ["en"], title_en="First title", slug_en=release.slug_en, revision=str(first.pk)
    )
    assert client.post(edit_url, data).status_code == 302
    release.refresh_from_db()
    assert release.title_en == "First title"

    history = client.get(reverse("wagtailadmin_pages:history", args=(release.pk,)))
    assert history.status_code == 200
    text = soup(history).get_text(" ", strip=True)
    assert user.get_username() in text or user.get_full_name() in text
    assert "Published" in text
    assert PageLogEntry.objects.filter(page=release, user=user).count() >= 2
