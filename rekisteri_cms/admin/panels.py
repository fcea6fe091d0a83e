"""The notice editor's panels, and how the admin puts them on the page model."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import Panel
from wagtail.models import ReferenceIndex

from ..models import Controller, PrivacyNoticePage
from .compare import with_body_comparison
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


#: The controller's fields the review panel compares, in the form's order.
CONTROLLER_REVIEW_FIELDS = (
    "name",
    "business_id",
    "street_address",
    "postal_code",
    "locality",
    "country",
    "phone",
    "email",
    "website",
    "has_dpo",
    "dpo_name",
    "dpo_email",
    "dpo_phone",
    "representative_name",
    "representative_address",
    "representative_email",
    "representative_phone",
    "joint_controllers",
    "joint_arrangement",
)


def notices_using(controller) -> list[PrivacyNoticePage]:
    """The notices whose sections name ``controller`` (Wagtail's reference index)."""
    if controller is None or not controller.pk:
        return []
    page_ids = ReferenceIndex.get_references_to(controller).values_list(
        "object_id", flat=True
    )
    return list(
        PrivacyNoticePage.objects.filter(pk__in=[int(pk) for pk in page_ids])
        .select_related("locale")
        .order_by("title")
    )


def controller_changes(controller) -> list[dict]:
    """What the newest revision of ``controller`` changes against the approved row."""
    if controller is None or not controller.pk or not controller.live:
        return []
    revision = controller.latest_revision
    if revision is None:
        return []
    draft = revision.as_object()
    changes = []
    for name in CONTROLLER_REVIEW_FIELDS:
        old, new = getattr(controller, name), getattr(draft, name)
        if old != new:
            field = Controller._meta.get_field(name)
            changes.append(
                {"label": field.verbose_name, "old": old, "new": new, "name": name}
            )
    return changes


class ControllerReviewPanel(Panel):
    """The notices that name the controller, and what the change under review
    changes: a legal reviewer approving a controller sees whose notices it reaches.
    """

    class BoundPanel(Panel.BoundPanel):
        template_name = "rekisteri_cms/admin/controller_review_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            # The form's instance is the draft; the row holds what was approved.
            row = (
                Controller.objects.filter(pk=self.instance.pk).first()
                if self.instance.pk
                else None
            )
            context["notices"] = [
                {
                    "notice": notice,
                    "edit_url": reverse("wagtailadmin_pages:edit", args=(notice.pk,)),
                }
                for notice in notices_using(row)
            ]
            context["changes"] = controller_changes(row)
            context["is_new"] = row is None or not row.live
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
    if not any(isinstance(panel, ControllerReviewPanel) for panel in Controller.panels):
        Controller.panels = [
            ControllerReviewPanel(heading=_("Legal review")),
            *Controller.panels,
        ]
