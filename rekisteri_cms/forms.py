"""Admin forms: completeness and change-summary rules where the editor can act."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

#: POST keys of the admin actions that publish a revision or put it up for review.
PUBLISHING_ACTIONS = ("action-publish",)
REVIEW_ACTIONS = ("action-submit", "action-restart-workflow")


class PrivacyNoticePageForm(WagtailAdminPageForm):
    """Saving a draft always works; publishing or submitting an incomplete GDPR
    notice does not, and submitting asks for a summary of the change."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The summary of the version in force belongs to that version: start a new
        # edit with an empty summary rather than one describing an older change.
        instance = self.instance
        if instance.pk and instance.change_summary and "change_summary" in self.fields:
            current = instance.current_version()
            if (
                current is not None
                and current.change_summary == instance.change_summary
            ):
                self.initial["change_summary"] = ""

    def _requested(self, actions) -> bool:
        return any(action in self.data for action in actions)

    def clean(self):
        cleaned_data = super().clean()
        publishing = self._requested(PUBLISHING_ACTIONS)
        submitting = self._requested(REVIEW_ACTIONS)
        if not (publishing or submitting):
            return cleaned_data
        if submitting and not (cleaned_data.get("change_summary") or "").strip():
            self.add_error(
                "change_summary",
                _(
                    "Write a short summary of the change for the version history, "
                    "for example “Lisätty säilytysajat”."
                ),
            )
        body = cleaned_data.get("body")
        framework = cleaned_data.get("framework")
        if body is None or not framework:
            return cleaned_data
        from .models import completeness_of, missing_sections_message

        controller = next(
            (b.value.get("controller") for b in body if b.block_type == "controller"),
            None,
        )
        report = completeness_of(framework, body, controller)
        if report.blocks_publishing:
            language = (
                self.instance.locale.language_code if self.instance.locale_id else None
            )
            message = (
                _("This GDPR notice cannot be published yet. %(reason)s")
                if publishing
                else _(
                    "This GDPR notice cannot be submitted for review yet. %(reason)s"
                )
            )
            self.add_error(
                None,
                message
                % {"reason": missing_sections_message(report.missing, language)},
            )
        return cleaned_data
