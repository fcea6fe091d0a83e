"""The endpoint form of the admin."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from ...validators import normalize_business_id
from ..addresses import validate_webhook_url
from ..models import EVENT_CHOICES, WebhookEndpoint


class WebhookEndpointForm(WagtailAdminModelForm):
    url = forms.URLField(
        label=_("URL"),
        max_length=500,
        assume_scheme="https",
        validators=[validate_webhook_url],
        help_text=_("The receiver's https:// address."),
    )
    events = forms.MultipleChoiceField(
        label=_("Events"),
        choices=EVENT_CHOICES,
        widget=forms.CheckboxSelectMultiple,
    )
    locale = forms.ChoiceField(label=_("Language"), required=False, choices=())

    class Meta:
        model = WebhookEndpoint
        fields = [
            "name",
            "url",
            "events",
            "controller_business_id",
            "locale",
            "is_active",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["locale"].choices = [("", _("All languages")), *settings.LANGUAGES]
        self.fields["locale"].help_text = _(
            "Only notices in this language; empty for all."
        )

    def clean_controller_business_id(self):
        value = (self.cleaned_data.get("controller_business_id") or "").strip()
        return normalize_business_id(value) if value else ""

    def save(self, commit=True):
        endpoint = super().save(commit=False)
        if endpoint.is_active and endpoint.disabled_at is not None:
            # An administrator switched it on again: start counting anew.
            endpoint.disabled_at = None
            endpoint.consecutive_failures = 0
        if commit:
            endpoint.save()
        return endpoint
