"""Page permissions where the Legal review workflow decides what is published.

The page models hand these testers to Wagtail (``permissions_for_user``); they ask
the page for its workflow and import no model of the app.
"""

from __future__ import annotations

from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.models import PagePermissionTester

from .roles import LEGAL_REVIEWERS


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


def is_legal_reviewer(user) -> bool:
    """An active administrator, or an active member of the Legal reviewers group."""
    if user is None or not user.is_active or user.is_anonymous:
        return False
    return user.is_superuser or user.groups.filter(name=LEGAL_REVIEWERS).exists()


def override_refusal(user, page) -> str | None:
    """Why ``user`` may not mark an item of ``page``'s newest revision present (the
    revision under review), or ``None`` if they may.

    The rules of approving: legal reviewers and administrators only, and never on a
    revision they wrote themselves (four eyes).
    """
    if not is_legal_reviewer(user):
        return str(_("Only a legal reviewer may mark an information item present."))
    revision = page.get_latest_revision()
    if revision is not None and revision.user_id == user.pk:
        return str(
            _(
                "You wrote this revision: another legal reviewer must judge its "
                "information items."
            )
        )
    return None
