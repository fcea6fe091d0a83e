"""Admin forms: completeness messages where the editor can act on them."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

#: POST keys of the admin actions that would make a revision public.
PUBLISHING_ACTIONS = ("action-publish",)


class PrivacyNoticePageForm(WagtailAdminPageForm):
    """Saving a draft always works; publishing an incomplete GDPR notice does not."""

    def clean(self):
        cleaned_data = super().clean()
        if not any(action in self.data for action in PUBLISHING_ACTIONS):
            return cleaned_data
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
            self.add_error(
                None,
                _("This GDPR notice cannot be published yet. %(reason)s")
                % {"reason": missing_sections_message(report.missing, language)},
            )
        return cleaned_data
