"""The "Editors" group can triage typo reports. get_or_create: Wagtail's initial data may already
have made a group of that name; it simply gains these permissions."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

REPORT_PERMISSIONS = ["change_typoreport", "delete_typoreport", "view_typoreport"]


def grant_editors(apps, schema_editor):
    # Permissions are normally created after the whole migrate run; create ours now.
    app_config = apps.get_app_config("typo_reports")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    editors, _created = Group.objects.get_or_create(name="Editors")
    permissions = list(
        Permission.objects.filter(
            content_type__app_label="typo_reports", codename__in=REPORT_PERMISSIONS
        )
    ) + list(
        Permission.objects.filter(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    editors.permissions.add(*permissions)


def revoke_editors(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    editors = Group.objects.filter(name="Editors").first()
    if editors is not None:
        editors.permissions.remove(
            *Permission.objects.filter(
                content_type__app_label="typo_reports", codename__in=REPORT_PERMISSIONS
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("typo_reports", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
    ]

    operations = [migrations.RunPython(grant_editors, revoke_editors)]
