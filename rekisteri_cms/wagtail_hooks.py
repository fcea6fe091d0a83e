"""Admin wiring: the controller snippet and completeness messages for editors."""

from django.contrib import messages
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Controller, PrivacyNoticePage, missing_sections_message
from .sections import SECTIONS_BY_KEY


class ControllerViewSet(SnippetViewSet):
    """Controllers (rekisterinpitäjät) chosen in the notices' controller section."""

    model = Controller
    icon = "group"
    menu_label = _("Controllers")
    menu_order = 210
    add_to_admin_menu = True
    list_display = ["name", "business_id", "locality"]
    search_fields = ["name", "business_id"]


register_snippet(ControllerViewSet)


def _report_completeness(request, page):
    page = page.specific
    if not isinstance(page, PrivacyNoticePage):
        return
    # The page row of a live page holds the live content: report on the draft.
    revision = page.get_latest_revision()
    notice = revision.as_object() if revision else page
    report = notice.completeness()
    language = notice.language
    if report.missing:
        message = missing_sections_message(report.missing, language)
        if report.blocks_publishing:
            messages.warning(
                request,
                _(
                    "Saved as a draft. %(reason)s It cannot be published until they are written."
                )
                % {"reason": message},
            )
        else:
            messages.info(
                request,
                _(
                    "This legacy register description is published as written. %(reason)s"
                )
                % {"reason": message},
            )
    if report.recommended_missing:
        headings = ", ".join(
            SECTIONS_BY_KEY[key].heading(language) for key in report.recommended_missing
        )
        messages.info(
            request,
            _("Recommended sections not yet written: %(sections)s.")
            % {"sections": headings},
        )


@hooks.register("after_create_page")
def report_completeness_after_create(request, page):
    _report_completeness(request, page)


@hooks.register("after_edit_page")
def report_completeness_after_edit(request, page):
    _report_completeness(request, page)


# The importer's admin view registers its own hooks.
from . import import_hooks  # noqa: E402, F401
