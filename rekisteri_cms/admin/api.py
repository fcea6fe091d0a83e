"""Wagtail's admin API with a publish action that goes through the page model."""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework.exceptions import ValidationError
from wagtail.actions.publish_page_revision import PublishPageRevisionAction
from wagtail.admin.api.actions.publish import PublishPageAPIAction
from wagtail.admin.api.views import PagesAdminAPIViewSet


class _PublishThroughModel:
    """Check Wagtail's publish permission, then publish with ``Revision.publish``.

    ``Revision.publish`` calls the page's own ``publish()``, where notices check
    completeness and legal approval and record their version.
    """

    def __init__(self, revision, user):
        self.revision = revision
        self.user = user

    def execute(self):
        PublishPageRevisionAction(self.revision, user=self.user).check()
        try:
            self.revision.publish(user=self.user)
        except DjangoValidationError as error:
            raise ValidationError({"detail": error.messages}) from error


class PublishThroughModelAPIAction(PublishPageAPIAction):
    def _action_from_data(self, instance, data):
        user = self.request.user
        revision = instance.get_latest_revision() or instance.save_revision(user=user)
        return _PublishThroughModel(revision, user)


class NoticeAwarePagesAdminAPIViewSet(PagesAdminAPIViewSet):
    actions = {**PagesAdminAPIViewSet.actions, "publish": PublishThroughModelAPIAction}
