"""Legal review: the workflow that stands between every notice revision and readers.

The choice made here (notice-model §7, the Legal review issue): legal reviewers do
not get Wagtail's ``publish_page`` permission. Their approval in the "Legal review"
workflow is what publishes, through :func:`publish_approved_revision` (the project's
``WAGTAIL_FINISH_WORKFLOW_ACTION``), which publishes the approved revision itself
instead of checking the approver's publish permission. Every other way to publish a
notice under a workflow goes through :meth:`PrivacyNoticePage.publish`, which calls
:func:`publication_allowed`: only an approved revision, a revision an approved
publication scheduled, or an administrator's emergency publication gets through.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.models import (
    AbstractGroupApprovalTask,
    PageLogEntry,
    PagePermissionTester,
    TaskState,
)

LEGAL_REVIEW = "Legal review"


class UnapprovedRevisionError(PermissionDenied):
    """Raised when a notice revision that no legal reviewer approved is published."""


class LegalReviewTask(AbstractGroupApprovalTask):
    """Approval by a legal reviewer other than the revision's author (four eyes).

    A ``gdpr`` notice that lacks required sections cannot be approved.
    """

    class Meta:
        verbose_name = _("legal review task")
        verbose_name_plural = _("legal review tasks")

    @classmethod
    def get_description(cls):
        return _(
            "Members of the chosen groups approve or reject the revision; nobody "
            "approves a revision they wrote themselves."
        )

    def _revision_under_review(self, obj):
        task_state = getattr(obj, "current_workflow_task_state", None)
        if task_state is not None and task_state.revision_id:
            return task_state.revision
        return obj.get_latest_revision()

    def is_author(self, obj, user) -> bool:
        revision = self._revision_under_review(obj)
        return bool(revision and user and revision.user_id == user.pk)

    def approval_refusal(self, obj, user) -> str | None:
        """Why ``user`` may not approve ``obj`` now, or ``None`` if they may."""
        if self.is_author(obj, user):
            return str(
                _("You wrote this revision: another legal reviewer must approve it.")
            )
        revision = self._revision_under_review(obj)
        notice = revision.as_object() if revision else obj
        if hasattr(notice, "completeness"):
            report = notice.completeness()
            if report.blocks_publishing:
                from .models import missing_sections_message

                return missing_sections_message(report.missing, notice.language)
        return None

    def get_actions(self, obj, user):
        actions = super().get_actions(obj, user)
        if actions and self.approval_refusal(obj, user):
            actions = [action for action in actions if action[0] != "approve"]
        return actions

    def on_action(self, task_state, user, action_name, **kwargs):
        if action_name == "approve":
            refusal = self.approval_refusal(
                task_state.workflow_state.content_object, user
            )
            if refusal:
                raise UnapprovedRevisionError(refusal)
        return super().on_action(task_state, user, action_name, **kwargs)

    def start(self, workflow_state, user=None):
        notice = workflow_state.content_object
        latest = notice.get_latest_revision()
        draft = latest.as_object() if latest else notice
        if hasattr(draft, "completeness"):
            report = draft.completeness()
            if report.blocks_publishing:
                from .models import missing_sections_message

                raise PermissionDenied(
                    missing_sections_message(report.missing, draft.language)
                )
        return super().start(workflow_state, user=user)


def approved_task_state(revision):
    """The approved legal review of ``revision``, if any."""
    if revision is None:
        return None
    return (
        TaskState.objects.filter(
            revision=revision,
            status=TaskState.STATUS_APPROVED,
            task__in=models.Subquery(LegalReviewTask.objects.values("pk")),
        )
        .select_related("task")
        .order_by("-finished_at")
        .first()
    )


def scheduled_by_administrator(revision) -> bool:
    """Did an administrator's publication schedule ``revision`` for later?

    ``approved_go_live_at`` alone proves nothing: any code can save a revision with
    one. Wagtail logs the scheduling with the publishing user.
    """
    return PageLogEntry.objects.filter(
        revision=revision,
        action="wagtail.publish.schedule",
        user__is_superuser=True,
        user__is_active=True,
    ).exists()


def publication_allowed(page, revision, user) -> bool:
    """May ``revision`` of ``page`` be published by ``user`` (``None``: the system)?"""
    if page.get_workflow() is None:
        return True  # no review configured for this part of the tree
    if approved_task_state(revision) is not None:
        return True
    if (
        revision is not None
        and revision.approved_go_live_at is not None
        and scheduled_by_administrator(revision)
    ):
        return True  # an administrator's emergency publication, scheduled
    return bool(user is not None and user.is_active and user.is_superuser)


class LegalReviewPermissionTester(PagePermissionTester):
    """Page permissions where the Legal review workflow decides what is published.

    Wagtail's ``publish_page`` permission (held, for instance, by its default
    "Moderators" group on the whole tree) lets the page editor's "Publish" button,
    the admin API and "publish copies" publish without going through
    :meth:`PrivacyNoticePage.publish`. Under a review workflow only administrators
    publish directly; everybody else submits for review.
    """

    @cached_property
    def _review_decides(self) -> bool:
        return not self.user.is_superuser and self.page.get_workflow() is not None


class NoticePermissionTester(LegalReviewPermissionTester):
    """A notice under Legal review is published by its approval only."""

    def can_publish(self):
        return not self._review_decides and super().can_publish()


class NoticeIndexPermissionTester(LegalReviewPermissionTester):
    """Nobody but an administrator publishes a notice (or a copy) below the index."""

    def can_publish_subpage(self):
        return not self._review_decides and super().can_publish_subpage()


def ensure_legal_review_workflow(apps=None):
    """Get or create the "Legal review" workflow and its task (idempotent)."""
    get = apps.get_model if apps else None
    Group = get("auth", "Group") if get else _model("auth", "Group")
    Workflow = (
        get("wagtailcore", "Workflow") if get else _model("wagtailcore", "Workflow")
    )
    WorkflowTask = (
        get("wagtailcore", "WorkflowTask")
        if get
        else _model("wagtailcore", "WorkflowTask")
    )
    Task = get("rekisteri_cms", "LegalReviewTask") if get else LegalReviewTask
    from .roles import LEGAL_REVIEWERS

    reviewers, _created = Group.objects.get_or_create(name=LEGAL_REVIEWERS)
    task = Task.objects.filter(name=LEGAL_REVIEW).first()
    if task is None:
        ContentType = (
            get("contenttypes", "ContentType")
            if get
            else _model("contenttypes", "ContentType")
        )
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
    from .roles import grant_page_permissions

    grant_page_permissions(apps, page)
    WorkflowPage = (
        apps.get_model("wagtailcore", "WorkflowPage")
        if apps
        else _model("wagtailcore", "WorkflowPage")
    )
    workflow = ensure_legal_review_workflow(apps)
    WorkflowPage.objects.get_or_create(page_id=page.pk, defaults={"workflow": workflow})


def _model(app_label: str, name: str):
    from django.apps import apps as global_apps

    return global_apps.get_model(app_label, name)
