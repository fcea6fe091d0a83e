"""Editors edit notices only: drop the rights Wagtail's own "Editors" group has on
the whole page tree.

Wagtail's initial data gives its "Editors" group add and change permission on the
root page, so its members could edit every page of the site. This project's
Editors are notice editors: their page permissions are granted on each notices
index (``rekisteri_cms.roles.grant_page_permissions``).
"""

from django.db import migrations

from rekisteri_cms.roles import EDITORS


def narrow_editors(apps, schema_editor):
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupPagePermission.objects.filter(group__name=EDITORS, page__depth=1).delete()


def restore_editors(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    Permission = apps.get_model("auth", "Permission")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    group = Group.objects.filter(name=EDITORS).first()
    root = Page.objects.filter(depth=1).first()
    if group is None or root is None:
        return
    for codename in ("add_page", "change_page"):
        GroupPagePermission.objects.get_or_create(
            group=group,
            page=root,
            permission=Permission.objects.get(
                content_type__app_label="wagtailcore", codename=codename
            ),
        )


class Migration(migrations.Migration):
    dependencies = [
        ("rekisteri_cms", "0007_translation_source_version"),
        ("wagtailcore", "0090_remove_grouppagepermission_permission_type"),
    ]

    operations = [migrations.RunPython(narrow_editors, restore_editors)]
