"""Wagtail's own defaults folded into the newsroom's roles, and the site named after the office.

Wagtail's initial data creates a "Moderators" group with add, change, publish and lock rights on
the root page (which lets its members publish anywhere without review) and a "Moderators
approval" workflow on the root page. The newsroom's roles (editorial/roles.py) replace both:
members of Moderators become Editors, the group and its rights go, and the workflow and its task
go too (kept, deactivated, if a page has already been through them, so history stays readable).

The default Site, created by Wagtail as "localhost" without a name, is named after the office;
the admin shows the name in each reader's language (editorial/display_names.py).

Frozen names: this migration keeps working whatever editorial/roles.py says later.
"""

from django.conf import settings
from django.db import migrations
from django.db.models import Q

MODERATORS = "Moderators"
MODERATORS_WORKFLOW = "Moderators approval"
EDITORS = "Editors"
OFFICE_NAME = "Commissioner for Human Rights in the Republic of Kazakhstan"


def fold_moderators(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    Task = apps.get_model("wagtailcore", "Task")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    WorkflowState = apps.get_model("wagtailcore", "WorkflowState")
    TaskState = apps.get_model("wagtailcore", "TaskState")
    User = apps.get_model(settings.AUTH_USER_MODEL)

    for workflow in Workflow.objects.filter(name=MODERATORS_WORKFLOW):
        workflow.workflow_pages.all().delete()  # no longer applied to the root page
        tasks = list(Task.objects.filter(workflow_tasks__workflow=workflow))
        if WorkflowState.objects.filter(workflow=workflow).exists():
            workflow.active = False
            workflow.save(update_fields=["active"])
            Task.objects.filter(pk__in=[task.pk for task in tasks]).update(active=False)
            continue
        workflow.delete()  # with its WorkflowTask rows
        for task in tasks:
            if Task.objects.filter(pk=task.pk, workflow_tasks__isnull=False).exists():
                continue  # another workflow uses it too
            if TaskState.objects.filter(task=task).exists():
                Task.objects.filter(pk=task.pk).update(active=False)
            else:
                GroupApprovalTask.objects.filter(pk=task.pk).delete()
                Task.objects.filter(pk=task.pk).delete()

    moderators = Group.objects.filter(name=MODERATORS).first()
    if moderators is not None:
        editors, _created = Group.objects.get_or_create(name=EDITORS)
        for user in User.objects.filter(groups=moderators):
            user.groups.add(editors)
        moderators.delete()  # its page and collection permissions go with it


def name_the_site(apps, schema_editor):
    Site = apps.get_model("wagtailcore", "Site")
    Site.objects.filter(Q(site_name="") | Q(site_name__isnull=True)).update(site_name=OFFICE_NAME)


class Migration(migrations.Migration):
    dependencies = [
        ("editorial", "0001_roles_and_workflow"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailusers", "__latest__"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RunPython(fold_moderators, migrations.RunPython.noop),
        migrations.RunPython(name_the_site, migrations.RunPython.noop),
    ]
