"""The newsroom's staff roles and the review workflow: one table, applied the same way everywhere.

``ROLES`` is the one place that says which groups exist and what each may do. The live code
(a signal when a news index is created, the demo content) applies it through
``set_up_news_index``; each data migration carries a frozen copy of the table as it stood, so
editing this file never rewrites history. To change a role: edit ``ROLES`` and add a data
migration in editorial/migrations that applies the change with its own copy.

Every function takes an ``apps`` registry so that it works with historical models too. Groups
are looked up or created by name, so running it again changes nothing. The names are stored in
English (the msgids of the project's catalogues) and shown in the reader's language
(editorial/display_names.py); code that needs "who may do X" asks for the permission, not the
group (the typo-report digest does).
"""

from dataclasses import dataclass

from django.utils.translation import gettext_noop

AUTHORS = gettext_noop("Authors")
EDITORS = gettext_noop("Editors")
ADMINISTRATORS = gettext_noop("Administrators")
WORKFLOW_NAME = gettext_noop("Editorial review")
TASK_NAME = gettext_noop("Approval by an editor")

ACCESS_ADMIN = ("wagtailadmin", "admin", "access_admin")


def _model_permissions(*models, actions=("add", "change", "delete")):
    return tuple((app, model, f"{action}_{model}") for app, model in models for action in actions)


@dataclass(frozen=True)
class Role:
    name: str
    # On each news index and every release below it.
    page_permissions: tuple[str, ...] = ()
    # (app label, model, codename) granted to the group.
    model_permissions: tuple[tuple[str, str, str], ...] = ()
    # (app label, model, codename) on the root collection: every image and document.
    collection_permissions: tuple[tuple[str, str, str], ...] = ()
    # Members approve or reject submissions in the workflow's task.
    reviews: bool = False


ROLES = (
    # Authors lack publish_page: what they write reaches readers only through the review workflow.
    Role(
        AUTHORS,
        page_permissions=("add_page", "change_page"),
        model_permissions=(ACCESS_ADMIN,),
        collection_permissions=(
            ("wagtailimages", "image", "add_image"),
            ("wagtailimages", "image", "choose_image"),
            ("wagtaildocs", "document", "add_document"),
            ("wagtaildocs", "document", "choose_document"),
        ),
    ),
    Role(
        EDITORS,
        page_permissions=(
            "add_page",
            "change_page",
            "publish_page",
            "lock_page",
            "unlock_page",
            "bulk_delete_page",
        ),
        model_permissions=(
            ACCESS_ADMIN,
            *_model_permissions(("news", "topic")),
            # Triage of readers' typo reports (the digest goes to whoever may change them).
            *_model_permissions(
                ("typo_reports", "typoreport"), actions=("change", "delete", "view")
            ),
        ),
        collection_permissions=_model_permissions(
            ("wagtailimages", "image"),
            ("wagtaildocs", "document"),
            actions=("add", "change", "delete", "choose"),
        ),
        reviews=True,
    ),
    Role(
        ADMINISTRATORS,
        model_permissions=(
            ACCESS_ADMIN,
            *_model_permissions(
                ("auth", "user"),
                ("auth", "group"),
                ("wagtailcore", "site"),
                ("wagtailcore", "workflow"),
                ("wagtailcore", "task"),
                ("wagtailredirects", "redirect"),
            ),
        ),
    ),
)

ROLE_NAMES = tuple(role.name for role in ROLES)


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
    root_collection = apps.get_model("wagtailcore", "Collection").objects.filter(depth=1).first()
    collection_permission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    for role in ROLES:
        role_group = group(apps, role.name)
        role_group.permissions.add(*(permission(apps, *key) for key in role.model_permissions))
        if root_collection is None:
            continue
        for key in role.collection_permissions:
            collection_permission.objects.get_or_create(
                group=role_group, collection=root_collection, permission=permission(apps, *key)
            )


def editorial_workflow(apps):
    """The workflow "Editorial review": one task that any member of a reviewing role approves."""
    workflow, _created = apps.get_model("wagtailcore", "Workflow").objects.get_or_create(
        name=WORKFLOW_NAME, defaults={"active": True}
    )
    task_content_type, _created = apps.get_model(
        "contenttypes", "ContentType"
    ).objects.get_or_create(app_label="wagtailcore", model="groupapprovaltask")
    task, _created = apps.get_model("wagtailcore", "GroupApprovalTask").objects.get_or_create(
        name=TASK_NAME, defaults={"active": True, "content_type": task_content_type}
    )
    task.groups.add(*(group(apps, role.name) for role in ROLES if role.reviews))
    apps.get_model("wagtailcore", "WorkflowTask").objects.get_or_create(
        workflow=workflow, task=task, defaults={"sort_order": 0}
    )
    return workflow


def set_up_news_index(apps, page_id):
    """Grant the roles' page permissions on one news index and put it under review."""
    ensure_roles(apps)
    page_permission = apps.get_model("wagtailcore", "GroupPagePermission")
    for role in ROLES:
        for codename in role.page_permissions:
            page_permission.objects.get_or_create(
                group=group(apps, role.name),
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
