"""Legal review: the workflow task that stands between every notice revision and
readers, and the approval rules :meth:`PrivacyNoticePage.publish` applies.

The choice made here (docs/review-workflow.md#legal-review, the Legal review issue): legal reviewers do
not get Wagtail's ``publish_page`` permission. Their approval in the "Legal review"
workflow is what publishes, through
:func:`rekisteri_cms.workflow_actions.publish_approved_revision` (the project's
``WAGTAIL_FINISH_WORKFLOW_ACTION``), which publishes the approved revision itself
instead of checking the approver's publish permission. Every other way to publish a
notice under a workflow goes through :meth:`PrivacyNoticePage.publish`, which calls
:func:`publication_allowed`: only an approved revision, a revision an approved
publication scheduled, or an administrator's emergency publication gets through.
"""

from __future__ import annotations

from contextvars import ContextVar

from django.core.exceptions import PermissionDenied
from django.db import DatabaseError, models, transaction
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.models import AbstractGroupApprovalTask, PageLogEntry, TaskState

from ..validators import placeholders_in
from .translation_progress import translation_progress

#: The user publishing the revision at hand (set by ``PrivacyNoticePage.publish``):
#: Wagtail's ``page_published`` signal does not say who published.
publishing_user: ContextVar = ContextVar("rekisteri_cms_publishing_user", default=None)
#: The revision ``PrivacyNoticePage.publish`` is publishing: a ``page_published``
#: signal for any other revision did not come through the review gate (Wagtail's
#: page copy sends the signal itself, for instance).
publishing_revision: ContextVar = ContextVar(
    "rekisteri_cms_publishing_revision", default=None
)


class UnapprovedRevisionError(PermissionDenied):
    """Raised when a notice revision that no legal reviewer approved is published."""


class ReviewActionNotSaved(DatabaseError):
    """A reviewer's approval or rejection failed on the database.

    The action ran in one transaction, which was rolled back: nothing of it was
    saved or published, and the revision still waits for review. The admin tells
    the reviewer so (:mod:`rekisteri_cms.admin.errors`) instead of answering 500.
    """

    def __init__(self, action_name: str):
        super().__init__(action_name)
        self.action_name = action_name


class LegalReviewTask(AbstractGroupApprovalTask):
    """Approval by a legal reviewer other than the revision's author (four eyes).

    A ``gdpr`` notice that lacks required sections cannot be approved, and a
    translation with untranslated texts can be neither submitted nor approved.
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
        refusal = unapproved_controller_refusal(notice)
        if refusal:
            return refusal
        return draft_refusal(notice)

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
        # The approval, the publication it finishes (page row, version, cache
        # generations, webhook events) and the workflow's state are one transaction.
        try:
            with transaction.atomic():
                return super().on_action(task_state, user, action_name, **kwargs)
        except DatabaseError as error:
            raise ReviewActionNotSaved(action_name) from error

    def start(self, workflow_state, user=None):
        notice = workflow_state.content_object
        latest = notice.get_latest_revision()
        draft = latest.as_object() if latest else notice
        refusal = draft_refusal(draft)
        if refusal:
            raise PermissionDenied(refusal)
        return super().start(workflow_state, user=user)


def unapproved_controller_refusal(notice) -> str | None:
    """Why ``notice`` may not be approved or published because of its controller.

    A controller snippet that was never published holds a draft in its row
    (docs/review-workflow.md#controllers): a notice naming it would publish
    unapproved details. ``None`` when the notice names no such controller.
    """
    controller = getattr(notice, "controller", None)
    if controller is None or getattr(controller, "live", True):
        return None
    if controller.is_synced_translation():
        # A translation wagtail-localize keeps in step with an approved source: its
        # identifiers are synchronised from the source, never translated; its
        # address in the other language is reviewed with the notice naming it.
        return None
    return str(
        _(
            "The controller “%(name)s” has not been approved yet: a legal reviewer "
            "must approve it before a notice naming it is published."
        )
        % {"name": controller.name}
    )


def draft_refusal(notice) -> str | None:
    """Why ``notice`` (a revision's content) cannot go to review or be approved:
    untranslated texts of a translation, template placeholders not replaced, or
    GDPR information it lacks."""
    if not hasattr(notice, "completeness"):
        return None
    placeholders = placeholders_in(notice.body.get_prep_value())
    if placeholders:
        return placeholder_refusal(placeholders)
    progress = translation_progress(notice)
    if progress is not None and not progress.complete:
        return progress.refusal()
    report = notice.completeness()
    if report.blocks_publishing:
        return report.reason()
    return None


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


def placeholder_refusal(placeholders: list[str]) -> str:
    """Why a notice with template placeholders cannot go out, naming the first."""
    return ngettext(
        "The notice still has %(count)s placeholder of its template (%(first)s): "
        "replace it with your own text.",
        "The notice still has %(count)s placeholders of its template (first: "
        "%(first)s): replace them with your own text.",
        len(placeholders),
    ) % {"count": len(placeholders), "first": placeholders[0]}
