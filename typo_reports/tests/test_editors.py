"""The editors' side: admin listing, report screen, bulk actions, permissions, the possibly-fixed
flag, purge and digest."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from typo_reports.models import DigestLog, TypoReport

pytestmark = pytest.mark.django_db


@pytest.fixture
def report(release):
    release.refresh_from_db()
    return TypoReport.objects.create(
        page=release,
        revision=release.live_revision,
        language="ru",
        fragment="прошёл в Астане",
        context_before="Приём ",
        context_after=", обращения",
        client_hash="x" * 64,
    )


@pytest.fixture
def editor(django_user_model):
    user = django_user_model.objects.create_user(
        "editor", email="editor@example.org", password="pw-editor-1"
    )
    user.groups.add(Group.objects.get(name="Editors"))
    return user


@pytest.fixture
def outsider(django_user_model):
    """Can use the admin, but is not an editor."""
    user = django_user_model.objects.create_user("outsider", password="pw-outsider-1")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    return user


def test_editors_group_has_the_report_permissions():
    codenames = set(
        Group.objects.get(name="Editors").permissions.values_list("codename", flat=True)
    )
    assert {
        "change_typoreport",
        "delete_typoreport",
        "view_typoreport",
        "access_admin",
    } <= codenames
    assert Group.objects.filter(name="Editors").count() == 1


def test_editor_sees_the_listing_with_filters_and_search(client, editor, report):
    client.force_login(editor)
    response = client.get("/admin/typo-reports/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "прошёл в Астане" in html
    assert "Встреча в Брюсселе" in html
    assert "data-bulk-action-checkbox" in html
    assert "/admin/bulk/typo_reports/typoreport/mark_fixed/" in html
    for query in ("status=new", "language=ru", "kind=typo", f"page={report.page_id}", "q=Астане"):
        response = client.get(f"/admin/typo-reports/?{query}")
        assert response.status_code == 200, query
        assert "прошёл в Астане" in response.content.decode(), query
    response = client.get("/admin/typo-reports/?status=fixed")
    assert "прошёл в Астане" not in response.content.decode()


def test_admin_menu_has_typo_reports(client, editor):
    client.force_login(editor)
    assert "/admin/typo-reports/" in client.get("/admin/").content.decode()


def test_report_screen_shows_context_current_text_and_links(client, editor, report, release):
    client.force_login(editor)
    response = client.get(f"/admin/typo-reports/edit/{report.pk}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<mark><strong>[прошёл в Астане]</strong></mark>" in html
    assert "Приём " in html and "обращения" in html
    assert f"/admin/pages/{release.pk}/edit/" in html
    assert f"/ru/novosti/{release.slug_ru}/" in html
    assert f"/admin/pages/{release.pk}/revisions/{report.revision_id}/view/" in html
    response = client.post(
        f"/admin/typo-reports/edit/{report.pk}/", {"status": "in_progress", "editor_note": "ok"}
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == "in_progress"


@pytest.mark.parametrize(
    ("action", "status"),
    [("mark_fixed", "fixed"), ("mark_not_an_error", "not_an_error"), ("mark_spam", "spam")],
)
def test_bulk_actions(client, editor, report, release, action, status):
    other = TypoReport.objects.create(page=release, language="ru", fragment="Астане")
    client.force_login(editor)
    url = f"/admin/bulk/typo_reports/typoreport/{action}/?id={report.pk}&id={other.pk}"
    confirmation = client.get(url)
    assert confirmation.status_code == 200
    assert "прошёл в Астане" in confirmation.content.decode()
    response = client.post(url + "&next=/admin/typo-reports/")
    assert response.status_code == 302
    assert set(TypoReport.objects.values_list("status", flat=True)) == {status}


def test_anonymous_gets_the_login_page(client, report):
    for url in ("/admin/typo-reports/", f"/admin/typo-reports/edit/{report.pk}/"):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/admin/login/")


def test_other_staff_get_403(client, outsider, report):
    client.force_login(outsider)
    assert client.get("/admin/typo-reports/").status_code == 403
    assert client.get(f"/admin/typo-reports/edit/{report.pk}/").status_code == 403
    url = f"/admin/bulk/typo_reports/typoreport/mark_spam/?id={report.pk}"
    assert client.post(url).status_code == 403
    report.refresh_from_db()
    assert report.status == "new"
    assert "/admin/typo-reports/" not in client.get("/admin/").content.decode()


def test_django_admin_for_superusers(client, admin_user, report):
    client.force_login(admin_user)
    assert client.get("/django-admin/typo_reports/typoreport/").status_code == 200
    assert (
        client.get(f"/django-admin/typo_reports/typoreport/{report.pk}/change/").status_code == 200
    )


def test_republishing_without_the_fragment_flags_possibly_fixed(report, release):
    untouched = TypoReport.objects.create(page=release, language="ru", fragment="Итоги встречи")
    closed = TypoReport.objects.create(
        page=release, language="ru", fragment="прошёл в Астане", status="not_an_error"
    )
    release.refresh_from_db()
    body = release.body_ru.raw_data
    body[0]["value"] = "<p>Приём прошёл в Астане-2, обращения рассмотрены.</p>"
    release.body_ru = body
    release.save_revision().publish()
    assert not TypoReport.objects.get(pk=report.pk).possibly_fixed  # still occurs
    body[0]["value"] = "<p>Приём состоялся в Астане, обращения рассмотрены.</p>"
    release.body_ru = body
    release.save_revision().publish()
    assert TypoReport.objects.get(pk=report.pk).possibly_fixed
    assert not TypoReport.objects.get(pk=untouched.pk).possibly_fixed
    assert not TypoReport.objects.get(pk=closed.pk).possibly_fixed


def test_purge_removes_reports_older_than_the_retention(report, release, settings):
    settings.TYPO_REPORTS_RETENTION_DAYS = 30
    old = TypoReport.objects.create(page=release, language="ru", fragment="Астане")
    TypoReport.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=31))
    call_command("purge_typo_reports")
    assert list(TypoReport.objects.values_list("pk", flat=True)) == [report.pk]


def test_digest_goes_to_editors_once(report, editor, admin_user, django_user_model, release):
    django_user_model.objects.create_user("nobody", email="nobody@example.org")
    inactive = django_user_model.objects.create_user("gone", email="gone@example.org")
    inactive.groups.add(Group.objects.get(name="Editors"))
    inactive.is_active = False
    inactive.save()
    call_command("send_typo_report_digest")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert sorted(message.to) == sorted([editor.email, admin_user.email])
    assert "[прошёл в Астане]" in message.body
    assert "/admin/typo-reports/" in message.body
    assert DigestLog.objects.count() == 1
    # Nothing new: no second e-mail.
    call_command("send_typo_report_digest")
    assert len(mail.outbox) == 1
    TypoReport.objects.create(page=release, language="ru", fragment="Итоги встречи")
    call_command("send_typo_report_digest")
    assert len(mail.outbox) == 2
    assert "Итоги встречи" in mail.outbox[1].body
    assert "прошёл в Астане" not in mail.outbox[1].body


def test_digest_finds_its_recipients_by_permission_not_by_group_name(
    report, editor, django_user_model
):
    """Renaming the Editors group, or granting triage to another group or to one user, changes
    nothing about who may triage, so nothing about who gets the digest."""
    Group.objects.filter(name="Editors").update(name="Редакция")
    triage = Permission.objects.get(codename="change_typoreport")
    proofreaders = Group.objects.create(name="Proofreaders")
    proofreaders.permissions.add(triage)
    proofreader = django_user_model.objects.create_user("proof", email="proof@example.org")
    proofreader.groups.add(proofreaders)
    single = django_user_model.objects.create_user("single", email="single@example.org")
    single.user_permissions.add(triage)
    viewer = django_user_model.objects.create_user("viewer", email="viewer@example.org")
    viewer.user_permissions.add(Permission.objects.get(codename="view_typoreport"))
    call_command("send_typo_report_digest")
    assert sorted(mail.outbox[0].to) == sorted([editor.email, proofreader.email, single.email])
