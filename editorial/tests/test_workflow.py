"""Authors submit, editors approve, publish and schedule; everything through the admin's HTTP."""

import datetime

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.models import GroupPagePermission, Page, PageLogEntry, WorkflowState

from editorial.roles import EDITORS, TASK_NAME, WORKFLOW_NAME, set_up_news_index
from news.languages import page_url_in
from news.models import NewsReleasePage
from news.tests.test_admin_editing import add_url, release_form

pytestmark = pytest.mark.django_db


def submit_for_review(client, news_index):
    data = release_form(["ru", "en"])
    del data["action-publish"]
    data["action-submit"] = "submit"
    response = client.post(add_url(news_index), data)
    assert response.status_code == 302
    return NewsReleasePage.objects.get()


def test_the_news_index_is_under_editorial_review(news_index):
    workflow = news_index.get_workflow()
    assert workflow.name == WORKFLOW_NAME
    task = workflow.tasks.get().specific
    assert list(task.groups.values_list("name", flat=True)) == [EDITORS]


def test_setting_up_an_index_twice_changes_nothing(news_index):
    from django.apps import apps

    count = GroupPagePermission.objects.count()
    set_up_news_index(apps, news_index.pk)
    assert GroupPagePermission.objects.count() == count


def test_author_cannot_publish_directly(author, news_index):
    _user, client = author
    response = client.post(add_url(news_index), release_form(["ru", "en"]))
    assert response.status_code in (302, 403)
    release = NewsReleasePage.objects.first()
    assert release is None or not release.live
    assert client.get("/en/news/").status_code == 200
    assert "English-only release" not in client.get("/en/news/").content.decode()


def test_author_cannot_approve_their_own_submission(author, news_index):
    _user, client = author
    release = submit_for_review(client, news_index)
    task_state = release.current_workflow_task_state
    response = client.post(
        reverse("wagtailadmin_pages:workflow_action", args=(release.pk, "approve", task_state.pk)),
        {"comment": ""},
    )
    assert response.status_code in (302, 403)
    release.refresh_from_db()
    assert not release.live


def test_editor_approval_publishes_and_notifies(author, editor, news_index):
    author_user, author_client = author
    editor_user, editor_client = editor
    release = submit_for_review(author_client, news_index)
    assert not release.live
    assert any(editor_user.email in message.to for message in mail.outbox)

    mail.outbox.clear()
    task_state = release.current_workflow_task_state
    response = editor_client.post(
        reverse("wagtailadmin_pages:workflow_action", args=(release.pk, "approve", task_state.pk)),
        {"comment": "Good to go"},
    )
    assert response.status_code == 302
    release.refresh_from_db()
    assert release.live
    assert editor_client.get(page_url_in(release, "en")).status_code == 200
    assert any(author_user.email in message.to for message in mail.outbox)


def test_editor_rejection_with_a_reason(author, editor, news_index):
    _author_user, author_client = author
    _editor_user, editor_client = editor
    release = submit_for_review(author_client, news_index)
    task_state = release.current_workflow_task_state
    response = editor_client.post(
        reverse("wagtailadmin_pages:workflow_action", args=(release.pk, "reject", task_state.pk)),
        {"comment": "Check the Russian title"},
    )
    assert response.status_code == 302
    release.refresh_from_db()
    assert not release.live
    state = WorkflowState.objects.get()
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    task_state.refresh_from_db()
    assert task_state.comment == "Check the Russian title"


def test_editor_can_unpublish(editor, make_release):
    _user, client = editor
    release = make_release()
    response = client.post(reverse("wagtailadmin_pages:unpublish", args=(release.pk,)))
    assert response.status_code == 302
    release.refresh_from_db()
    assert not release.live


def test_scheduled_release_goes_live_at_its_time_and_expires(editor, news_index):
    _user, client = editor
    go_live = timezone.now() + datetime.timedelta(days=2)
    expire = go_live + datetime.timedelta(days=5)
    data = release_form(
        ["ru", "en"],
        go_live_at=timezone.localtime(go_live).strftime("%Y-%m-%d %H:%M"),
        expire_at=timezone.localtime(expire).strftime("%Y-%m-%d %H:%M"),
    )
    assert client.post(add_url(news_index), data).status_code == 302
    release = NewsReleasePage.objects.get()
    assert not release.live
    assert release.scheduled_revision is not None

    call_command("publish_scheduled")
    release.refresh_from_db()
    assert not release.live

    with time_machine.travel(go_live + datetime.timedelta(minutes=1)):
        call_command("publish_scheduled")
        release.refresh_from_db()
        assert release.live
        assert client.get(page_url_in(release, "en")).status_code == 200

    with time_machine.travel(expire + datetime.timedelta(minutes=1)):
        call_command("publish_scheduled")
        release.refresh_from_db()
        assert not release.live
        assert client.get(page_url_in(release, "en")).status_code == 404


def test_a_new_news_index_gets_the_roles_and_the_workflow(home):
    from news.factories import NewsIndexPageFactory

    index = NewsIndexPageFactory(parent=home, languages=("en",), slug_en="press")
    assert index.get_workflow().name == WORKFLOW_NAME
    assert GroupPagePermission.objects.filter(
        page=index, group__name=EDITORS, permission__codename="publish_page"
    ).exists()
    assert Page.objects.filter(pk=index.pk).exists()


def test_workflow_history_names_read_in_each_readers_language(author, news_index):
    """The log entry keeps the canonical names, whatever language the submitter's admin was in;
    the page history shows them in the reader's language."""
    _user, client = author
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "ru"
    release = submit_for_review(client, news_index)
    entry = PageLogEntry.objects.get(page=release, action="wagtail.workflow.start")
    stored = PageLogEntry.objects.filter(pk=entry.pk).values_list("data", flat=True).get()
    assert stored["workflow"]["title"] == WORKFLOW_NAME
    assert stored["workflow"]["next"]["title"] == TASK_NAME
    for language in ("ru", "en"):
        with translation.override(language):
            expected = (translation.gettext(WORKFLOW_NAME), translation.gettext(TASK_NAME))
            message = str(PageLogEntry.objects.get(pk=entry.pk).message)
        assert all(name in message for name in expected), (language, message)
