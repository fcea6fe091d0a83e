"""Admin forms: completeness and change-summary rules where the editor can act."""

from __future__ import annotations

import re

from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

from ..completeness import completeness_of
from ..diff import meaningful
from ..models.workflows import placeholder_refusal
from ..validators import placeholders_in
from .stream_input import UnreadablePost, guard_block_field

#: POST keys of the admin actions that publish a revision or put it up for review.
PUBLISHING_ACTIONS = ("action-publish",)
REVIEW_ACTIONS = ("action-submit", "action-restart-workflow")


#: What the rich text editor adds to text written outside it (by the importer, the
#: demo, code): paragraph keys, and an empty paragraph for an empty field.
_BLOCK_KEY = re.compile(r'\s+data-block-key="[^"]*"')
_EMPTY_PARAGRAPHS = re.compile(r"(?:<p>\s*</p>)*")


def _as_edited(value):
    """``value`` (a StreamField's stored form) as the editor would send it back."""
    if isinstance(value, dict):
        return {key: _as_edited(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_as_edited(item) for item in value]
    if isinstance(value, str):
        value = _BLOCK_KEY.sub("", value)
        return "" if _EMPTY_PARAGRAPHS.fullmatch(value) else value
    return value


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
        if "body" in self.fields:
            self.fields["body"].has_changed = self._body_has_changed
            guard_block_field(
                self.fields["body"],
                self.initial.get("body", getattr(instance, "body", None)),
            )

    def _body_has_changed(self, initial, data) -> bool:
        """Did the editor change the sections, beyond the rich text editor's markup?

        Text that was not written in the editor comes back from it with paragraph
        keys; counting that as a change would make a reviewer who approves in the
        page editor save a new revision in their own name, which then needs
        another approval.
        """
        if isinstance(data, UnreadablePost):
            return True
        block = self.fields["body"].block
        return meaningful(_as_edited(block.get_prep_value(initial))) != meaningful(
            _as_edited(block.get_prep_value(data))
        )

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
        placeholders = placeholders_in(self.fields["body"].block.get_prep_value(body))
        if placeholders:
            self.add_error(None, placeholder_refusal(placeholders))
            return cleaned_data
        controller = next(
            (b.value.get("controller") for b in body if b.block_type == "controller"),
            None,
        )
        language = (
            self.instance.locale.language_code if self.instance.locale_id else "fi"
        )
        report = completeness_of(
            framework,
            body,
            controller,
            language=language,
            overrides_for=self.instance.item_overrides_for,
        )
        if report.blocks_publishing:
            message = (
                _("This GDPR notice cannot be published yet. %(reason)s")
                if publishing
                else _(
                    "This GDPR notice cannot be submitted for review yet. %(reason)s"
                )
            )
            self.add_error(
                None,
                message % {"reason": report.reason()},
            )
        return cleaned_data
