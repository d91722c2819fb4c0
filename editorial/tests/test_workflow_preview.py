"""The reviewer's preview offers each language the draft under review has
(editorial/workflow_preview.py); tests/browser/test_admin_languages.py clicks it in Chromium."""

import pytest
from django.urls import reverse

from editorial import workflow_preview
from news.models import NewsReleasePage
from news.tests.helpers import soup
from news.tests.test_admin_editing import TEXTS, add_url, release_form

pytestmark = pytest.mark.django_db


def submit(client, news_index, languages):
    data = release_form(languages)
    del data["action-publish"]
    data["action-submit"] = "submit"
    assert client.post(add_url(news_index), data).status_code == 302
    release = NewsReleasePage.objects.get()
    return release, release.current_workflow_task_state


def preview_links(client):
    panel = soup(client.get(reverse("wagtailadmin_home"))).select_one("#awaiting-review-content")
    assert panel is not None
    return {
        link["data-preview-language"]: (link.get_text(strip=True), link["href"])
        for link in panel.select("a[data-preview-language]")
    }


@pytest.mark.parametrize(
    ("ui_language", "labels"),
    [
        ("en", {"kk": "Preview: Қазақша", "en": "Preview: English"}),
        ("ru", {"kk": "Предпросмотр: Қазақша", "en": "Предпросмотр: English"}),
    ],
)
def test_the_dashboard_offers_a_preview_per_language_of_the_draft(
    author, editor, news_index, ui_language, labels
):
    release, task_state = submit(author[1], news_index, ["kk", "en"])
    _user, client = editor
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = ui_language
    links = preview_links(client)
    assert {code: label for code, (label, _url) in links.items()} == labels
    for code, (_label, url) in links.items():
        assert url == reverse(
            "editorial_workflow_preview", args=(release.pk, task_state.task_id, code)
        )
    # Wagtail's single "Preview" (in the default mode) is replaced, not repeated.
    default = reverse("wagtailadmin_pages:workflow_preview", args=(release.pk, task_state.task_id))
    panel = soup(client.get(reverse("wagtailadmin_home"))).select_one("#awaiting-review-content")
    assert not panel.select(f'a[href="{default}"]')


def test_each_link_previews_its_language_of_the_revision_under_review(author, editor, news_index):
    release, task_state = submit(author[1], news_index, ["kk", "en"])
    _user, client = editor
    for code, other in (("kk", "en"), ("en", "kk")):
        url = reverse("editorial_workflow_preview", args=(release.pk, task_state.task_id, code))
        response = client.get(url)
        assert response.status_code == 200
        text = response.content.decode()
        assert TEXTS[code][0] in text and TEXTS[code][1] in text
        assert TEXTS[other][0] not in text and TEXTS[other][1] not in text


def test_a_language_the_draft_lacks_is_said_so_never_another(author, editor, news_index):
    release, task_state = submit(author[1], news_index, ["kk"])
    _user, client = editor
    assert set(preview_links(client)) == {"kk"}
    url = reverse("editorial_workflow_preview", args=(release.pk, task_state.task_id, "ru"))
    response = client.get(url)
    assert response.status_code == 200
    assert TEXTS["kk"][0] not in response.content.decode()


def test_an_unknown_language_is_404_and_authors_may_not_review(author, editor, news_index):
    release, task_state = submit(author[1], news_index, ["en"])
    unknown = reverse("editorial_workflow_preview", args=(release.pk, task_state.task_id, "de"))
    response = editor[1].get(unknown)
    # A 404 (which Django's LocaleMiddleware answers with a redirect to a language prefix).
    assert response.status_code in (302, 404)
    assert response.status_code == 404 or response.url == "/en" + unknown
    own = reverse("editorial_workflow_preview", args=(release.pk, task_state.task_id, "en"))
    response = author[1].get(own)
    # Refused (Wagtail's admin answers PermissionDenied with a redirect to the dashboard).
    assert response.status_code == 302 and response.url == reverse("wagtailadmin_home")


def test_a_page_no_longer_in_review_goes_back_to_the_dashboard(author, editor, news_index):
    release, task_state = submit(author[1], news_index, ["en"])
    _user, client = editor
    approve = reverse(
        "wagtailadmin_pages:workflow_action", args=(release.pk, "approve", task_state.pk)
    )
    assert client.post(approve, {"comment": ""}).status_code == 302
    url = reverse("editorial_workflow_preview", args=(release.pk, task_state.task_id, "en"))
    response = client.get(url)
    assert response.status_code == 302 and response.url == reverse("wagtailadmin_home")


def test_the_check_fails_when_wagtail_changes_what_was_copied(monkeypatch):
    assert workflow_preview.check_copied_sources() == []
    monkeypatch.setitem(workflow_preview.COPIED_SOURCES, "PreviewRevisionForTask.get", "0" * 64)
    errors = workflow_preview.check_copied_sources()
    assert [error.id for error in errors] == ["editorial.E002"]
