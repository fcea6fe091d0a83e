"""The dashboard's panel of translations under review that cannot be approved yet.

Wagtail's "Awaiting your review" menu offers no "Approve" for a translation with
untranslated texts (the Legal review task refuses it); this panel, above that list,
says why, with the count of translated texts.
"""

from __future__ import annotations

from django.template.loader import get_template
from wagtail.admin.ui.components import Component
from wagtail.models import TaskState

from ..models import PrivacyNoticePage
from ..models.translation_progress import translation_progress


class UntranslatedUnderReviewPanel(Component):
    name = "rekisteri_cms_untranslated_under_review"
    template_name = "rekisteri_cms/admin/dashboard_untranslated.html"
    order = 215  # just above Wagtail's "Awaiting your review" (220)

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context=None):
        rows = []
        states = (
            TaskState.objects.reviewable_by(self.request.user)
            .select_related("revision")
            .order_by("-started_at")
        )
        for state in states:
            revision = state.revision
            if revision is None:
                continue
            notice = revision.as_object()
            if not isinstance(notice, PrivacyNoticePage):
                continue
            progress = translation_progress(notice)
            if progress is None or progress.complete:
                continue
            rows.append(
                {
                    "title": notice.get_admin_display_title(),
                    "page_id": notice.pk,
                    "progress": progress,
                }
            )
        return {"rows": rows}

    def render_html(self, parent_context=None):
        context = self.get_context_data(parent_context)
        if not context["rows"]:
            return ""
        return get_template(self.template_name).render(context)


def add_untranslated_panel(request, panels) -> None:
    """``construct_homepage_panels``: put the panel on the dashboard."""
    panels.append(UntranslatedUnderReviewPanel(request))
