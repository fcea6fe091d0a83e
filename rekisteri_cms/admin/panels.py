"""The notice editor's panels, and how the admin puts them on the page model."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import Panel

from ..models import PrivacyNoticePage
from .forms import PrivacyNoticePageForm
from .notice_templates import templates_for
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
            context["start_from"] = self._templates()
            return context

        def _templates(self) -> list[dict]:
            """For a new notice: the templates it can start from, as links."""
            request = self.request
            if self.instance.pk is not None or request is None:
                return []
            if request.method != "GET" or request.GET.get("template"):
                return []
            language = self.instance.locale.language_code
            return [
                {"name": name, "url": f"{request.path}?template={key}"}
                for key, name in templates_for(language)
            ]


def attach_to_models() -> None:
    """Give the notice page its admin form and put the review panel first.

    Called from ``RekisteriCmsConfig.ready()``, before any edit handler is built:
    the models do not import the admin, as Wagtail's own admin app sets
    ``Page.base_form_class`` in its ``ready()``. Calling it again changes nothing.
    """
    PrivacyNoticePage.base_form_class = PrivacyNoticePageForm
    panels = PrivacyNoticePage.content_panels
    if not any(isinstance(panel, ReviewPanel) for panel in panels):
        PrivacyNoticePage.content_panels = [
            ReviewPanel(heading=_("Legal review")),
            *panels,
        ]
