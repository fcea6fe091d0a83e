"""The workflow finish action; imported by Wagtail while its models load.

It lives apart from :mod:`rekisteri_cms.publishing` because Wagtail imports
``WAGTAIL_FINISH_WORKFLOW_ACTION`` while ``wagtail.models`` is still loading, so this
module must import no models at import time.
"""

from __future__ import annotations


def publish_approved_revision(workflow_state, user=None):
    """``WAGTAIL_FINISH_WORKFLOW_ACTION``: publish the revision the workflow approved.

    The approver is recorded as the publishing user, but their publish permission is
    not checked: in the Legal review workflow the approval is the permission
    (``PrivacyNoticePage.publish`` still checks that the revision was approved).
    """
    task_state = workflow_state.current_task_state
    revision = task_state.revision if task_state and task_state.revision_id else None
    if revision is None:
        revision = workflow_state.content_object.get_latest_revision()
    revision.publish(user=user, skip_permission_checks=True)
