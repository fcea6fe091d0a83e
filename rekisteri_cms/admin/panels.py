"""The notice editor's panels, and how the admin puts them on the page model."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import Panel

from ..models import PrivacyNoticePage
from .compare import with_body_comparison
from .forms import PrivacyNoticePageForm
from .views.review import review_context


class ReviewPanel(Panel):
    """The draft's completeness and its changes against the version in force.

    Shown at the top of a notice's editor, so that a legal reviewer who opens the
    notice under review sees what is missing and what changed, section by section.
    """

    class BoundPanel(Panel.BoundPanel):
        template_name = "rekisteri_cms/admin/review_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context.update(review_context(self.instance, self.request))
            return context


def attach_to_models() -> None:
    """Give the notice page its admin form, put the review panel first and compare
    the body's revisions section by section.

    Called from ``RekisteriCmsConfig.ready()``, before any edit handler is built:
    the models do not import the admin, as Wagtail's own admin app sets
    ``Page.base_form_class`` in its ``ready()``. Calling it again changes nothing.
    """
    PrivacyNoticePage.base_form_class = PrivacyNoticePageForm
    panels = with_body_comparison(PrivacyNoticePage.content_panels)
    if not any(isinstance(panel, ReviewPanel) for panel in panels):
        panels = [ReviewPanel(heading=_("Legal review")), *panels]
    PrivacyNoticePage.content_panels = panels
