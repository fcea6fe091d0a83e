"""The items of the sections' lists: data categories, recipients, retention periods,
purposes, destinations and sources.

Each item is a ``StructBlock`` whose value class names its choices in the active
language (the page renders a notice under its own language) for the templates.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail import blocks

from ..validators import (
    MECHANISMS_WITH_COPY,
    validate_data_source,
    validate_legal_basis,
    validate_transfer_destination,
)
from .base import ValidatedStructBlock, errors_by_field
from .choices import (
    DEROGATION_CHOICES,
    LEGAL_BASIS_CHOICES,
    RECIPIENT_ROLE_CHOICES,
    SOURCE_KIND_CHOICES,
    TRANSFER_MECHANISM_CHOICES,
    choice_label,
)


class PurposeDetailBlock(ValidatedStructBlock):
    """One purpose with its legal basis. GDPR 13(1)(c),(d); 13(2)(a)."""

    purpose = blocks.CharBlock(max_length=500, label=_("Purpose"))
    legal_basis = blocks.ChoiceBlock(
        choices=LEGAL_BASIS_CHOICES,
        required=False,
        label=_("Legal basis (GDPR 6(1))"),
    )
    legitimate_interest = blocks.TextBlock(
        required=False,
        label=_("Legitimate interests"),
        help_text=_("GDPR 13(1)(d): required when the basis is (f)."),
    )
    retention = blocks.CharBlock(
        required=False,
        max_length=500,
        label=_("Retention for this purpose"),
        help_text=_(
            "Optional: how long the data are kept for this purpose, or the criteria "
            "used to determine it."
        ),
    )

    def item_errors(self, value):
        try:
            validate_legal_basis(
                [value.get("legal_basis")], value.get("legitimate_interest")
            )
        except ValidationError as error:
            return {"legitimate_interest": error}
        return {}

    class Meta:
        icon = "tasks"
        label = _("Purpose and its legal basis")


class TransferDestinationValue(blocks.StructValue):
    def mechanism_label(self) -> str:
        return choice_label(TRANSFER_MECHANISM_CHOICES, self.get("mechanism"))

    def derogation_label(self) -> str:
        return choice_label(DEROGATION_CHOICES, self.get("derogation_point"))

    def has_copy(self) -> bool:
        return self.get("mechanism") in MECHANISMS_WITH_COPY


class TransferDestinationBlock(ValidatedStructBlock):
    """One destination outside the EU/EEA and its ground. GDPR 13(1)(f); 44–49."""

    country = blocks.CharBlock(max_length=100, label=_("Country"))
    recipient = blocks.CharBlock(
        required=False,
        max_length=255,
        label=_("Recipient or category"),
    )
    mechanism = blocks.ChoiceBlock(
        choices=TRANSFER_MECHANISM_CHOICES,
        required=False,
        label=_("Transfer mechanism"),
    )
    derogation_point = blocks.ChoiceBlock(
        choices=DEROGATION_CHOICES,
        required=False,
        label=_("Point of GDPR 49(1)"),
        help_text=_("Required when the transfer relies on a derogation."),
    )
    copy_info = blocks.TextBlock(
        required=False,
        label=_("How to obtain a copy of the safeguard"),
        help_text=_(
            "GDPR 13(1)(f): how the data subject obtains a copy of the safeguard or "
            "where it is available. Not needed for an adequacy decision or a "
            "derogation."
        ),
    )
    copy_url = blocks.URLBlock(
        required=False,
        label=_("Address where the safeguard is available"),
    )

    def item_errors(self, value):
        try:
            validate_transfer_destination(
                value.get("mechanism"),
                value.get("derogation_point"),
                value.get("copy_info"),
                value.get("copy_url"),
            )
        except ValidationError as error:
            return errors_by_field(error)
        return {}

    class Meta:
        icon = "site"
        label = _("Destination")
        value_class = TransferDestinationValue


class DataSourceValue(blocks.StructValue):
    def kind_label(self) -> str:
        return choice_label(SOURCE_KIND_CHOICES, self.get("kind"))


class DataSourceBlock(ValidatedStructBlock):
    """One source of the personal data. GDPR 14(2)(f)."""

    kind = blocks.ChoiceBlock(choices=SOURCE_KIND_CHOICES, label=_("Kind of source"))
    description = blocks.CharBlock(
        required=False,
        max_length=500,
        label=_("Description"),
        help_text=_(
            "Name the source, or say whether it is publicly accessible (GDPR 14(2)(f))."
        ),
    )

    def item_errors(self, value):
        try:
            validate_data_source(value.get("kind"), value.get("description"))
        except ValidationError as error:
            return {"description": error}
        return {}

    class Meta:
        icon = "download"
        label = _("Source")
        value_class = DataSourceValue


class RequestChannelBlock(blocks.StructBlock):
    """Where the data subject sends a request to exercise the rights. GDPR 12(2)."""

    email = blocks.EmailBlock(required=False, default="", label=_("E-mail"))
    form_url = blocks.URLBlock(required=False, default="", label=_("Web form"))
    postal_address = blocks.TextBlock(
        required=False, default="", label=_("Postal address")
    )

    class Meta:
        icon = "mail"
        label = _("How to make a request")
        form_classname = "rekisteri-request-channel"


class DataCategoryBlock(blocks.StructBlock):
    """One category of personal data; Art. 9 special categories are flagged."""

    category = blocks.CharBlock(max_length=255, label=_("Category"))
    items = blocks.TextBlock(required=False, label=_("Data items"))
    special_category = blocks.BooleanBlock(
        required=False,
        label=_("Special category (GDPR 9)"),
        help_text=_("Health, ethnic origin, beliefs, biometrics and the like."),
    )

    class Meta:
        icon = "list-ul"
        label = _("Data category")


class RecipientValue(blocks.StructValue):
    def role_label(self) -> str:
        return choice_label(RECIPIENT_ROLE_CHOICES, self.get("role"))


class RecipientBlock(blocks.StructBlock):
    """One recipient or category of recipients, processors included. GDPR 4(9)."""

    recipient = blocks.CharBlock(
        max_length=255,
        label=_("Recipient or category"),
        help_text=_(
            "A named recipient or a category of recipients, such as “payment "
            "service providers”."
        ),
    )
    purpose = blocks.CharBlock(required=False, max_length=500, label=_("Purpose"))
    country = blocks.CharBlock(
        required=False, max_length=100, label=_("Country"), default=""
    )
    role = blocks.ChoiceBlock(
        default="",
        choices=RECIPIENT_ROLE_CHOICES,
        required=False,
        label=pgettext_lazy("recipient", "Role"),
        help_text=_(
            "A processor processes the data on the controller's behalf; a "
            "controller receives them for its own purposes."
        ),
    )

    class Meta:
        icon = "user"
        label = _("Recipient")
        value_class = RecipientValue


class RetentionPeriodBlock(blocks.StructBlock):
    """How long one kind of data is kept."""

    data = blocks.CharBlock(max_length=255, label=_("Data"))
    period = blocks.CharBlock(max_length=500, label=_("Period or criteria"))

    class Meta:
        icon = "time"
        label = _("Retention period")
