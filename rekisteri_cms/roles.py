"""The notice roles: group names, their permissions and the Legal review workflow
they work in, shared by migrations and code.

Every function takes the app registry of a migration (``apps``) or ``None`` for the
running project's, so that the migrations and the code set roles up the same way.
"""

from __future__ import annotations

from django.apps import apps as global_apps

EDITORS = "Editors"
LEGAL_REVIEWERS = "Legal reviewers"
#: The name of the review workflow and of its one task.
LEGAL_REVIEW = "Legal review"

#: Page permissions on the notices (granted on the tree where notices live).
PAGE_PERMISSIONS = {
    EDITORS: ("add_page", "change_page", "lock_page"),
    # No publish_page: a reviewer's approval in the Legal review workflow publishes
    # (see rekisteri_cms.models.workflows); direct publishing stays with
    # administrators.
    LEGAL_REVIEWERS: ("add_page", "change_page", "lock_page", "unlock_page"),
}

#: Model permissions of the Controller snippet.
CONTROLLER_PERMISSIONS = {
    EDITORS: ("add_controller", "change_controller"),
    LEGAL_REVIEWERS: ("add_controller", "change_controller", "delete_controller"),
}


def grant_page_permissions(apps, page) -> None:
    """Give both groups their page permissions on ``page`` and the pages below it."""
    apps = _registry(apps)
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


def ensure_legal_review_workflow(apps=None):
    """Get or create the "Legal review" workflow and its task (idempotent)."""
    apps = _registry(apps)
    Group = apps.get_model("auth", "Group")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    Task = apps.get_model("rekisteri_cms", "LegalReviewTask")

    reviewers, _created = Group.objects.get_or_create(name=LEGAL_REVIEWERS)
    task = Task.objects.filter(name=LEGAL_REVIEW).first()
    if task is None:
        ContentType = apps.get_model("contenttypes", "ContentType")
        content_type, _created = ContentType.objects.get_or_create(
            app_label="rekisteri_cms", model="legalreviewtask"
        )
        task = Task.objects.create(
            name=LEGAL_REVIEW, content_type=content_type, active=True
        )
        task.groups.add(reviewers)
    workflow, created = Workflow.objects.get_or_create(
        name=LEGAL_REVIEW, defaults={"active": True}
    )
    if created or not WorkflowTask.objects.filter(workflow=workflow).exists():
        WorkflowTask.objects.get_or_create(
            workflow=workflow, task=task, defaults={"sort_order": 0}
        )
    return workflow


def assign_legal_review(page, apps=None) -> None:
    """Make every notice below ``page`` go through the Legal review workflow.

    Also gives the Editors and Legal reviewers groups their page permissions there.
    """
    grant_page_permissions(apps, page)
    WorkflowPage = _registry(apps).get_model("wagtailcore", "WorkflowPage")
    workflow = ensure_legal_review_workflow(apps)
    WorkflowPage.objects.get_or_create(page_id=page.pk, defaults={"workflow": workflow})


def _registry(apps):
    """A migration's historical ``apps``, or the project's registry for ``None``."""
    return global_apps if apps is None else apps
