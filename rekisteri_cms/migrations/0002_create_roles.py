"""Create the Editors and Legal reviewers groups with their permissions."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

from rekisteri_cms.roles import CONTROLLER_PERMISSIONS, EDITORS, LEGAL_REVIEWERS


def create_roles(apps, schema_editor):
    # Permissions are normally created after all migrations; make sure they exist.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    admin_access = Permission.objects.get(
        content_type__app_label="wagtailadmin", codename="access_admin"
    )
    for name in (EDITORS, LEGAL_REVIEWERS):
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.add(admin_access)
        for codename in CONTROLLER_PERMISSIONS[name]:
            group.permissions.add(
                Permission.objects.get(
                    content_type__app_label="rekisteri_cms", codename=codename
                )
            )
    # Page permissions are granted on each notices index (migration 0005 and the
    # index's creation), not on the whole tree.


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(
        name__in=[EDITORS, LEGAL_REVIEWERS]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("rekisteri_cms", "0001_initial"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtailcore", "0090_remove_grouppagepermission_permission_type"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
