"""Wagtail's defaults tidied: its Moderators folded into the roles, the project's names in the
reader's language, the office's name on the site and in e-mails, reviews first on the dashboard,
an account page that saves without a name."""

from importlib import import_module

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.core import mail
from django.utils import translation
from wagtail.admin.forms.account import NameEmailForm
from wagtail.admin.views.account import NameEmailSettingsPanel
from wagtail.models import (
    GroupApprovalTask,
    Page,
    Site,
    Task,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)
from wagtail.users.models import UserProfile

from editorial import account
from editorial.display_names import DisplayName
from editorial.roles import ADMINISTRATORS, AUTHORS, EDITORS, TASK_NAME, WORKFLOW_NAME
from ombudsman.library_msgids import LIBRARY_MSGIDS
from ombudsman.office import OFFICE_NAME

from .test_workflow import submit_for_review

pytestmark = pytest.mark.django_db

fold_migration = import_module(
    "editorial.migrations.0002_fold_wagtail_moderators_and_name_the_site"
)

NAMES = {
    "ru": {
        EDITORS: "Редакторы",
        AUTHORS: "Авторы",
        ADMINISTRATORS: "Администраторы",
        WORKFLOW_NAME: "Редакторская проверка",
        TASK_NAME: "Утверждение редактором",
        OFFICE_NAME: "Уполномоченный по правам человека в Республике Казахстан",
    },
    "kk": {
        EDITORS: "Редакторлар",
        WORKFLOW_NAME: "Редакциялық тексеру",
        TASK_NAME: "Редактордың мақұлдауы",
        OFFICE_NAME: "Қазақстан Республикасындағы Адам құқықтары жөніндегі уәкіл",
    },
    "en": {name: name for name in (EDITORS, WORKFLOW_NAME, TASK_NAME, OFFICE_NAME)},
}


def test_wagtails_moderators_group_and_workflow_are_gone():
    assert not Group.objects.filter(name="Moderators").exists()
    assert not Workflow.objects.filter(name="Moderators approval").exists()
    assert not Task.objects.filter(name="Moderators approval").exists()
    root = Page.get_first_root_node()
    assert not WorkflowPage.objects.filter(page=root).exists()
    # Nobody may publish at the root any more, so nothing bypasses review.
    assert not root.group_permissions.filter(permission__codename="publish_page").exists()


def test_moderators_members_become_editors_and_their_workflow_goes(django_user_model):
    moderators = Group.objects.create(name="Moderators")
    member = django_user_model.objects.create_user("mod", "mod@example.org", "x-pass-123")
    member.groups.add(moderators)
    task = GroupApprovalTask.objects.create(name="Moderators approval")
    task.groups.add(moderators)
    workflow = Workflow.objects.create(name="Moderators approval")
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    WorkflowPage.objects.create(page=Page.get_first_root_node(), workflow=workflow)

    fold_migration.fold_moderators(apps, None)

    assert list(member.groups.values_list("name", flat=True)) == [EDITORS]
    assert not Group.objects.filter(name="Moderators").exists()
    assert not Workflow.objects.filter(pk=workflow.pk).exists()
    assert not Task.objects.filter(pk=task.pk).exists()
    assert not WorkflowPage.objects.filter(page=Page.get_first_root_node()).exists()


def test_the_site_carries_the_offices_name():
    site = Site.objects.get(is_default_site=True)
    assert site.site_name == OFFICE_NAME
    with translation.override("ru"):
        assert str(site.site_name) == NAMES["ru"][OFFICE_NAME]


@pytest.mark.parametrize("language", ["ru", "kk", "en"])
def test_project_names_read_in_the_readers_language(news_index, language):
    workflow = news_index.get_workflow()
    task = workflow.tasks.get().specific
    objects = {
        EDITORS: Group.objects.get(name=EDITORS).name,
        WORKFLOW_NAME: workflow.name,
        TASK_NAME: task.name,
        OFFICE_NAME: Site.objects.get(is_default_site=True).site_name,
    }
    if language == "ru":
        objects[AUTHORS] = Group.objects.get(name=AUTHORS).name
        objects[ADMINISTRATORS] = Group.objects.get(name=ADMINISTRATORS).name
    with translation.override(language):
        for canonical, name in objects.items():
            assert isinstance(name, DisplayName)
            assert name == canonical  # queries, comparisons and JSON see the stored name
            expected = NAMES[language][canonical]
            assert str(name) == f"{name}" == "%s" % (name,) == expected  # noqa: UP031
            assert name.__html__() == expected


def test_saving_a_translated_name_keeps_the_stored_one():
    editors = Group.objects.get(name=EDITORS)
    with translation.override("ru"):
        editors.name = str(editors.name)  # what the group form sends back unchanged
        editors.save()
    assert Group.objects.filter(name=EDITORS).exists()
    # A new group that happens to be called so is left as named.
    Group.objects.create(name="Редакторы")
    assert Group.objects.filter(name="Редакторы").exists()


def test_library_strings_have_russian_translations():
    with translation.override("ru"):
        for msgid in LIBRARY_MSGIDS:
            translated = translation.gettext(msgid)
            assert translated != msgid and any("а" <= ch <= "я" for ch in translated.lower())
            assert "\u200b" not in translated  # Wagtail's own has zero-width spaces


def test_submission_email_carries_the_offices_name_and_the_task_in_russian(
    author, editor, news_index
):
    editor_user, _client = editor
    profile = UserProfile.get_for_user(editor_user)
    profile.preferred_language = "ru"
    profile.save()
    _user, client = author
    submit_for_review(client, news_index)
    to_editor = [message for message in mail.outbox if editor_user.email in message.to]
    assert to_editor
    body = to_editor[0].body
    assert NAMES["ru"][OFFICE_NAME] in body
    task = NAMES["ru"][TASK_NAME]
    assert to_editor[0].subject == (
        f"Страница «English-only release» отправлена на утверждение, этап «{task}»"
    )


def test_editors_dashboard_shows_reviews_first(author, editor, news_index):
    _user, author_client = author
    submit_for_review(author_client, news_index)
    _user, client = editor
    html = client.get("/admin/").content.decode()
    # The submitted release lacks Kazakh, so both panels show; Wagtail orders them by "order".
    assert html.index("awaiting-review") < html.index("awaiting-translation")


def test_account_page_saves_a_language_without_a_name(admin_user, client):
    admin_user.first_name = admin_user.last_name = admin_user.email = ""
    admin_user.save()
    client.force_login(admin_user)
    response = client.post(
        "/admin/account/",
        {
            "name_email-first_name": "",
            "name_email-last_name": "",
            "name_email-email": "",
            "locale-preferred_language": "ru",
            "locale-current_time_zone": "Asia/Almaty",
            "theme-theme": "system",
            "theme-density": "default",
            "theme-contrast": "system",
            "theme-keyboard_shortcuts": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert UserProfile.get_for_user(admin_user).preferred_language == "ru"


def test_the_account_form_check_fires_when_wagtail_replaces_it(monkeypatch):
    assert account.check_account_form() == []
    monkeypatch.setattr(NameEmailSettingsPanel, "form_class", NameEmailForm)
    assert [error.id for error in account.check_account_form()] == ["editorial.E001"]


def test_no_time_zone_a_browser_rejects_is_offered(settings):
    assert "localtime" not in settings.WAGTAIL_USER_TIME_ZONES
    assert "Asia/Almaty" in settings.WAGTAIL_USER_TIME_ZONES
    assert all("/" in zone or zone == "UTC" for zone in settings.WAGTAIL_USER_TIME_ZONES)


def test_the_dashboard_carries_the_offices_name_in_the_staff_language(admin_user, client):
    profile = UserProfile.get_for_user(admin_user)
    profile.preferred_language = "ru"
    profile.save()
    client.force_login(admin_user)
    html = client.get("/admin/").content.decode()
    assert NAMES["ru"][OFFICE_NAME] in html
    assert "localhost" not in html


def test_nothing_in_the_admin_asks_another_host(settings, admin_user, client):
    assert settings.WAGTAIL_GRAVATAR_PROVIDER_URL is None
    assert settings.WAGTAIL_ENABLE_UPDATE_CHECK is False
    client.force_login(admin_user)
    html = client.get("/admin/").content.decode()
    assert "gravatar" not in html
    assert "releases.wagtail.io" not in html and "wagtail.org/news" not in html
