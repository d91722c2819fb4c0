"""The roles (Authors, Editors, Administrators) and the workflow "Editorial review".

A frozen copy of editorial/roles.py as it stood when this migration was written: a migration
must keep doing what it did, whatever the live table says later. (typo_reports/0002 grants
Editors the typo-report permissions; later changes to the roles get migrations of their own.)
"""

from django.db import migrations

AUTHORS = "Authors"
EDITORS = "Editors"
ADMINISTRATORS = "Administrators"
WORKFLOW_NAME = "Editorial review"
TASK_NAME = "Approval by an editor"

# Permissions on each news index and every release below it. Authors lack publish_page: what
# they write reaches readers only through the review workflow.
PAGE_PERMISSIONS = {
    AUTHORS: ("add_page", "change_page"),
    EDITORS: (
        "add_page",
        "change_page",
        "publish_page",
        "lock_page",
        "unlock_page",
        "bulk_delete_page",
    ),
}

ACCESS_ADMIN = ("wagtailadmin", "admin", "access_admin")
MODEL_PERMISSIONS = {
    AUTHORS: [ACCESS_ADMIN],
    EDITORS: [
        ACCESS_ADMIN,
        *[("news", "topic", f"{action}_topic") for action in ("add", "change", "delete")],
    ],
    ADMINISTRATORS: [
        ACCESS_ADMIN,
        *[
            (app, model, f"{action}_{model}")
            for app, model in (
                ("auth", "user"),
                ("auth", "group"),
                ("wagtailcore", "site"),
                ("wagtailcore", "workflow"),
                ("wagtailcore", "task"),
                ("wagtailredirects", "redirect"),
            )
            for action in ("add", "change", "delete")
        ],
    ],
}

# Permissions on the root collection (every image and document).
COLLECTION_PERMISSIONS = {
    AUTHORS: [
        ("wagtailimages", "image", "add_image"),
        ("wagtailimages", "image", "choose_image"),
        ("wagtaildocs", "document", "add_document"),
        ("wagtaildocs", "document", "choose_document"),
    ],
    EDITORS: [
        (app, model, f"{action}_{model}")
        for app, model in (("wagtailimages", "image"), ("wagtaildocs", "document"))
        for action in ("add", "change", "delete", "choose")
    ],
}


def permission(apps, app_label, model, codename):
    content_type, _created = apps.get_model("contenttypes", "ContentType").objects.get_or_create(
        app_label=app_label, model=model
    )
    # On a fresh database Django creates permissions only after every migration has run.
    found, _created = apps.get_model("auth", "Permission").objects.get_or_create(
        content_type=content_type,
        codename=codename,
        defaults={"name": codename.replace("_", " ").capitalize()},
    )
    return found


def group(apps, name):
    return apps.get_model("auth", "Group").objects.get_or_create(name=name)[0]


def ensure_roles(apps):
    for name, permissions in MODEL_PERMISSIONS.items():
        group(apps, name).permissions.add(*(permission(apps, *key) for key in permissions))
    root_collection = apps.get_model("wagtailcore", "Collection").objects.filter(depth=1).first()
    if root_collection is not None:
        collection_permission = apps.get_model("wagtailcore", "GroupCollectionPermission")
        for name, permissions in COLLECTION_PERMISSIONS.items():
            for key in permissions:
                collection_permission.objects.get_or_create(
                    group=group(apps, name),
                    collection=root_collection,
                    permission=permission(apps, *key),
                )


def editorial_workflow(apps):
    """The workflow "Editorial review": one task that any member of Editors approves."""
    workflow, _created = apps.get_model("wagtailcore", "Workflow").objects.get_or_create(
        name=WORKFLOW_NAME, defaults={"active": True}
    )
    task_content_type, _created = apps.get_model(
        "contenttypes", "ContentType"
    ).objects.get_or_create(app_label="wagtailcore", model="groupapprovaltask")
    task, _created = apps.get_model("wagtailcore", "GroupApprovalTask").objects.get_or_create(
        name=TASK_NAME, defaults={"active": True, "content_type": task_content_type}
    )
    task.groups.add(group(apps, EDITORS))
    apps.get_model("wagtailcore", "WorkflowTask").objects.get_or_create(
        workflow=workflow, task=task, defaults={"sort_order": 0}
    )
    return workflow


def set_up_news_index(apps, page_id):
    """Grant the roles' page permissions on one news index and put it under review."""
    ensure_roles(apps)
    page_permission = apps.get_model("wagtailcore", "GroupPagePermission")
    for name, codenames in PAGE_PERMISSIONS.items():
        for codename in codenames:
            page_permission.objects.get_or_create(
                group=group(apps, name),
                page_id=page_id,
                permission=permission(apps, "wagtailcore", "page", codename),
            )
    # An assignment staff chose later (another workflow) is left alone.
    apps.get_model("wagtailcore", "WorkflowPage").objects.get_or_create(
        page_id=page_id, defaults={"workflow": editorial_workflow(apps)}
    )


def set_up_every_news_index(apps):
    ensure_roles(apps)
    editorial_workflow(apps)
    for page_id in apps.get_model("news", "NewsIndexPage").objects.values_list("pk", flat=True):
        set_up_news_index(apps, page_id)


def set_up(apps, schema_editor):
    set_up_every_news_index(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailimages", "__latest__"),
        ("wagtaildocs", "__latest__"),
        ("wagtailredirects", "__latest__"),
        ("wagtailadmin", "__latest__"),
        ("news", "0001_initial"),
    ]

    operations = [migrations.RunPython(set_up, migrations.RunPython.noop)]
