"""The notice roles: group names, their permissions and the Legal review workflow
they work in, shared by migrations and code.

Every function takes the app registry of a migration (``apps``) or ``None`` for the
running project's, so that the migrations and the code set roles up the same way.
"""

from __future__ import annotations

from django.apps import apps as global_apps

EDITORS = "Editors"
LEGAL_REVIEWERS = "Legal reviewers"
#: Wagtail's own default group: page rights on the whole tree.
MODERATORS = "Moderators"
#: The private collection editors' uploads go into (when a setting allows uploads),
#: and the public one a document moves to when a notice linking it is approved.
UNREVIEWED_UPLOADS = "Unreviewed uploads"
NOTICE_DOCUMENTS = "Notice documents"
#: Collection permissions of the document and image apps.
UPLOAD_PERMISSIONS = (
    ("wagtaildocs", ("add_document", "change_document", "choose_document")),
    ("wagtailimages", ("add_image", "change_image", "choose_image")),
)
#: What Editors get on the private collection when uploads are allowed.
EDITOR_UPLOAD_PERMISSIONS = ("add_document", "choose_document")
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


def assign_legal_review_to_snippets(apps=None) -> None:
    """Make every change of a controller go through the Legal review workflow."""
    apps = _registry(apps)
    ContentType = apps.get_model("contenttypes", "ContentType")
    WorkflowContentType = apps.get_model("wagtailcore", "WorkflowContentType")
    workflow = ensure_legal_review_workflow(apps)
    content_type, _created = ContentType.objects.get_or_create(
        app_label="rekisteri_cms", model="controller"
    )
    WorkflowContentType.objects.update_or_create(
        content_type=content_type, defaults={"workflow": workflow}
    )


def remove_moderators_root_publishing(apps=None) -> int:
    """Take ``publish_page`` on the root from Wagtail's default Moderators group.

    Under the Legal review nobody but an administrator publishes a notice directly;
    the root grant would let Moderators publish every other page of the site
    without any review. Returns the number of grants removed.
    """
    GroupPagePermission = _registry(apps).get_model(
        "wagtailcore", "GroupPagePermission"
    )
    deleted, _rows = GroupPagePermission.objects.filter(
        group__name=MODERATORS,
        page__depth=1,
        permission__content_type__app_label="wagtailcore",
        permission__codename="publish_page",
    ).delete()
    return deleted


def upload_collections():
    """The private collection for unreviewed uploads and the public one, created
    below the root collection when missing (the project's models: treebeard's
    tree API is not available to migrations)."""
    from wagtail.models import Collection, CollectionViewRestriction

    root = Collection.get_first_root_node()
    if root is None:
        return None, None
    result = []
    for name in (UNREVIEWED_UPLOADS, NOTICE_DOCUMENTS):
        collection = root.get_children().filter(name=name).first()
        if collection is None:
            collection = root.add_child(name=name)
        result.append(collection)
    private, public = result
    if not CollectionViewRestriction.objects.filter(collection=private).exists():
        # "login": signed-in users of the admin only, never an anonymous reader.
        CollectionViewRestriction.objects.create(
            collection=private, restriction_type=CollectionViewRestriction.LOGIN
        )
    return private, public


def sync_editor_upload_permissions(apps=None, *, allow_uploads: bool = False) -> None:
    """Editors' document and image rights, as README's roles table says.

    Migrations call it with their ``apps`` and no uploads (they only take rights
    away); after every ``migrate`` the project calls it with the setting.

    Without ``allow_uploads`` (``REKISTERI_CMS_EDITOR_UPLOADS``) Editors have no
    collection permission at all. With it they may add and choose documents in the
    private "Unreviewed uploads" collection only; a document moves to the public
    "Notice documents" collection when a notice linking it is approved
    (:func:`rekisteri_cms.publishing.release_linked_documents`). Idempotent.
    """
    apps = _registry(apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    GroupCollectionPermission = apps.get_model(
        "wagtailcore", "GroupCollectionPermission"
    )
    editors = Group.objects.filter(name=EDITORS).first()
    if editors is None:
        return
    keep = []
    if allow_uploads:
        private, _public = upload_collections()
        for codename in EDITOR_UPLOAD_PERMISSIONS:
            permission = Permission.objects.filter(
                content_type__app_label="wagtaildocs", codename=codename
            ).first()
            if permission is None:
                continue  # permissions are created after the first migrate
            grant, _created = GroupCollectionPermission.objects.get_or_create(
                group=editors, collection=private, permission=permission
            )
            keep.append(grant.pk)
    GroupCollectionPermission.objects.filter(group=editors).filter(
        permission__content_type__app_label__in=[app for app, _c in UPLOAD_PERMISSIONS]
    ).exclude(pk__in=keep).delete()


def _registry(apps):
    """A migration's historical ``apps``, or the project's registry for ``None``."""
    return global_apps if apps is None else apps
