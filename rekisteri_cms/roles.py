"""The notice roles: group names and their permissions, shared by migrations and code."""

from __future__ import annotations

EDITORS = "Editors"
LEGAL_REVIEWERS = "Legal reviewers"

#: Page permissions on the notices (granted on the tree where notices live).
PAGE_PERMISSIONS = {
    EDITORS: ("add_page", "change_page", "lock_page"),
    # No publish_page: a reviewer's approval in the Legal review workflow publishes
    # (see rekisteri_cms.workflows); direct publishing stays with administrators.
    LEGAL_REVIEWERS: ("add_page", "change_page", "lock_page", "unlock_page"),
}

#: Model permissions of the Controller snippet.
CONTROLLER_PERMISSIONS = {
    EDITORS: ("add_controller", "change_controller"),
    LEGAL_REVIEWERS: ("add_controller", "change_controller", "delete_controller"),
}


def grant_page_permissions(apps, page) -> None:
    """Give both groups their page permissions on ``page`` and the pages below it."""
    if apps is None:
        from django.apps import apps as global_apps

        apps = global_apps
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    for group_name, codenames in PAGE_PERMISSIONS.items():
        group, _created = Group.objects.get_or_create(name=group_name)
        for codename in codenames:
            permission = Permission.objects.get(
                content_type__app_label="wagtailcore", codename=codename
            )
            GroupPagePermission.objects.get_or_create(
                group=group, page_id=page.pk, permission=permission
            )
