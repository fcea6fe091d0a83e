"""The section blocks: one typed block per canonical section of a notice."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.snippets.blocks import SnippetChooserBlock

from ..sections import COMPLAINT_AUTHORITY, COMPLAINT_AUTHORITY_URL
from ..validators import validate_legal_basis, validate_transfers
from .base import PhoneNumberBlock, SectionBlock, SectionValue, _meta
from .choices import LEGAL_BASIS_CHOICES, SAFEGUARD_CHOICES, TRANSFER_CHOICES


class ControllerBlock(SectionBlock):
    """The controller and its contact details. GDPR 13(1)(a); HTL 10 § 1."""

    section_key = "controller"
    controller = SnippetChooserBlock(
        "rekisteri_cms.Controller",
        required=False,
        label=_("Controller"),
        help_text=_("The organisation responsible for the processing."),
    )

    def get_api_representation(self, value, context=None):
        data = super().get_api_representation(value, context)
        controller = value.get("controller")
        data["controller"] = controller.as_api_dict() if controller else None
        return data

    Meta = _meta(
        "controller",
        "group",
        _("GDPR 13(1)(a): the identity and contact details of the controller."),
    )


class ContactPersonBlock(SectionBlock):
    """The person to contact about the register. Form field 2."""

    section_key = "contact_person"
    name = blocks.CharBlock(required=False, max_length=255, label=_("Name"))
    role = blocks.CharBlock(required=False, max_length=255, label=_("Role"))
    phone = PhoneNumberBlock(label=_("Phone"))
    email = blocks.EmailBlock(required=False, label=_("E-mail"))

    Meta = _meta(
        "contact_person",
        "user",
        _(
            "The person or team to contact in matters of the register. Their contact "
            "details are personal data: publish only what the controller chooses."
        ),
    )


class DpoBlock(SectionBlock):
    """The data protection officer's contact details. GDPR 13(1)(b)."""

    section_key = "dpo"
    name = blocks.CharBlock(required=False, max_length=255, label=_("Name"))
    phone = PhoneNumberBlock(label=_("Phone"))
    email = blocks.EmailBlock(required=False, label=_("E-mail"))

    Meta = _meta(
        "dpo",
        "user",
        _(
            "GDPR 13(1)(b): the contact details of the data protection officer, "
            "where one has been appointed."
        ),
    )


class RegisterNameBlock(SectionBlock):
    """The name of the register. Form field 3."""

    section_key = "register_name"
    name = blocks.CharBlock(required=False, max_length=255, label=_("Register name"))

    Meta = _meta("register_name", "title", _("The name of the register."))


class PurposeBlock(SectionBlock):
    """The purposes of the processing. GDPR 13(1)(c); HTL 10 § 2."""

    section_key = "purpose"
    purposes = blocks.ListBlock(
        blocks.CharBlock(max_length=500, label=_("Purpose")),
        required=False,
        default=[],
        label=_("Purposes"),
    )

    Meta = _meta(
        "purpose",
        "tasks",
        _("GDPR 13(1)(c); HTL 10 § 2: the purposes of the processing."),
    )


class LegalBasisBlock(SectionBlock):
    """The legal basis of the processing. GDPR 13(1)(c),(d); GDPR 6(1)."""

    section_key = "legal_basis"
    bases = blocks.MultipleChoiceBlock(
        choices=LEGAL_BASIS_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Legal bases (GDPR 6(1))"),
    )
    legitimate_interests = blocks.TextBlock(
        required=False,
        label=_("Legitimate interests"),
        help_text=_("GDPR 13(1)(d): required when the basis is (f)."),
    )

    def section_errors(self, value):
        try:
            validate_legal_basis(value.get("bases"), value.get("legitimate_interests"))
        except ValidationError as error:
            return {"legitimate_interests": error}
        return {}

    Meta = _meta(
        "legal_basis",
        "clipboard-list",
        _("GDPR 13(1)(c),(d): the legal basis of the processing under GDPR 6(1)."),
    )


class DataSubjectsBlock(SectionBlock):
    """The groups of data subjects. HTL 10 § 3."""

    section_key = "data_subjects"
    groups = blocks.ListBlock(
        blocks.CharBlock(max_length=255, label=_("Group")),
        required=False,
        default=[],
        label=_("Groups of data subjects"),
    )

    Meta = _meta(
        "data_subjects",
        "group",
        _("HTL 10 § 3: the groups of people whose data are processed."),
    )


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


class DataContentBlock(SectionBlock):
    """The personal data processed. GDPR 14(1)(d); HTL 10 § 3."""

    section_key = "data_content"
    categories = blocks.ListBlock(
        DataCategoryBlock(), required=False, default=[], label=_("Data categories")
    )

    Meta = _meta(
        "data_content",
        "list-ul",
        _("GDPR 14(1)(d); HTL 10 § 3: the personal data or data categories."),
    )


class DataSourcesBlock(SectionBlock):
    """Where the data come from. GDPR 14(2)(f)."""

    section_key = "data_sources"
    sources = blocks.ListBlock(
        blocks.CharBlock(max_length=500, label=_("Source")),
        required=False,
        default=[],
        label=_("Sources"),
    )

    Meta = _meta(
        "data_sources",
        "download",
        _("GDPR 14(2)(f): the regular sources of the personal data."),
    )


class RecipientBlock(blocks.StructBlock):
    """One recipient or category of recipients."""

    recipient = blocks.CharBlock(max_length=255, label=_("Recipient or category"))
    purpose = blocks.CharBlock(required=False, max_length=500, label=_("Purpose"))
    country = blocks.CharBlock(
        required=False, max_length=100, label=_("Country"), default=""
    )

    class Meta:
        icon = "user"
        label = _("Recipient")


class DisclosuresBlock(SectionBlock):
    """Recipients and regular disclosures. GDPR 13(1)(e); HTL 10 § 4."""

    section_key = "disclosures"
    no_regular_disclosures = blocks.BooleanBlock(
        required=False,
        label=_("No regular disclosures"),
        help_text=_("Tick to state explicitly that data are not regularly disclosed."),
    )
    recipients = blocks.ListBlock(
        RecipientBlock(), required=False, default=[], label=_("Recipients")
    )

    def section_errors(self, value):
        if value.get("no_regular_disclosures") and value.get("recipients"):
            return {
                "recipients": ValidationError(
                    _(
                        "Remove the recipients or untick “no regular disclosures”: "
                        "the section cannot say both."
                    ),
                    code="contradictory_disclosures",
                )
            }
        return {}

    Meta = _meta(
        "disclosures",
        "openquote",
        _("GDPR 13(1)(e); HTL 10 § 4: the recipients and regular disclosures."),
    )


class TransfersBlock(SectionBlock):
    """Transfers outside the EU/EEA. GDPR 13(1)(f); HTL 10 § 4."""

    section_key = "transfers_outside_eea"
    transfers = blocks.ChoiceBlock(
        choices=TRANSFER_CHOICES, required=False, label=_("Transfers")
    )
    countries = blocks.ListBlock(
        blocks.CharBlock(max_length=100, label=_("Country")),
        required=False,
        default=[],
        label=_("Countries"),
    )
    safeguard = blocks.ChoiceBlock(
        choices=SAFEGUARD_CHOICES, required=False, label=_("Safeguard")
    )

    def section_errors(self, value):
        try:
            validate_transfers(
                value.get("transfers"), value.get("countries"), value.get("safeguard")
            )
        except ValidationError as error:
            return {"safeguard": error}
        return {}

    Meta = _meta(
        "transfers_outside_eea",
        "site",
        _("GDPR 13(1)(f); HTL 10 § 4: transfers to countries outside the EU/EEA."),
    )


class RetentionPeriodBlock(blocks.StructBlock):
    """How long one kind of data is kept."""

    data = blocks.CharBlock(max_length=255, label=_("Data"))
    period = blocks.CharBlock(max_length=500, label=_("Period or criteria"))

    class Meta:
        icon = "time"
        label = _("Retention period")


class RetentionBlock(SectionBlock):
    """How long the data are kept. GDPR 13(2)(a)."""

    section_key = "retention"
    periods = blocks.ListBlock(
        RetentionPeriodBlock(), required=False, default=[], label=_("Periods")
    )

    Meta = _meta(
        "retention",
        "time",
        _(
            "GDPR 13(2)(a): the period for which the data are stored, or the "
            "criteria used to determine it."
        ),
    )


class SecurityBlock(SectionBlock):
    """How the register is protected. HTL 10 § 5; GDPR 32."""

    section_key = "security"
    manual_material = blocks.TextBlock(required=False, label=_("A. Manual material"))
    electronic_data = blocks.TextBlock(
        required=False, label=_("B. Electronically processed data")
    )

    Meta = _meta(
        "security",
        "lock",
        _("HTL 10 § 5; GDPR 32: the principles by which the register is secured."),
    )


class RightBlock(SectionBlock):
    """A data subject's right, described in the body."""


class RightOfAccessBlock(RightBlock):
    """Right of access. HTL 26 §; GDPR 15."""

    section_key = "right_of_access"
    Meta = _meta("right_of_access", "view", _("HTL 26 §; GDPR 15: right of access."))


class RectificationErasureBlock(RightBlock):
    """Rectification and erasure. HTL 29 §; GDPR 16–17."""

    section_key = "rectification_erasure"
    Meta = _meta(
        "rectification_erasure",
        "edit",
        _("HTL 29 §; GDPR 16–17: right to rectification and erasure."),
    )


class RightToObjectBlock(RightBlock):
    """Right to object. HTL 30 §; GDPR 21."""

    section_key = "right_to_object"
    Meta = _meta("right_to_object", "cross", _("HTL 30 §; GDPR 21: right to object."))


class DataSubjectRightsBlock(RightBlock):
    """The data subject's rights. GDPR 13(2)(b),(c)."""

    section_key = "data_subject_rights"
    Meta = _meta(
        "data_subject_rights",
        "user",
        _(
            "GDPR 13(2)(b),(c): the rights of access, rectification, erasure, "
            "restriction, objection and portability, and withdrawing consent."
        ),
    )


class ComplaintValue(SectionValue):
    """A complaint section always informs: left empty, it names the Ombudsman."""

    def has_content(self) -> bool:
        return True


class ComplaintBlock(SectionBlock):
    """The right to lodge a complaint. GDPR 13(2)(d)."""

    section_key = "complaint"
    authority = blocks.CharBlock(
        required=False,
        max_length=255,
        label=_("Supervisory authority"),
        help_text=_(
            "Leave empty for the Office of the Data Protection Ombudsman "
            "(Tietosuojavaltuutetun toimisto)."
        ),
    )
    authority_url = blocks.URLBlock(
        required=False,
        label=_("Authority's website"),
        help_text=_("Leave empty for https://tietosuoja.fi."),
    )

    def get_api_representation(self, value, context=None):
        data = super().get_api_representation(value, context)
        language = (context or {}).get("language", "fi")
        data["authority"] = value.get("authority") or COMPLAINT_AUTHORITY.get(
            language, COMPLAINT_AUTHORITY["fi"]
        )
        data["authority_url"] = value.get("authority_url") or COMPLAINT_AUTHORITY_URL
        return data

    Meta = _meta(
        "complaint",
        "warning",
        _(
            "GDPR 13(2)(d): the right to lodge a complaint with a supervisory authority."
        ),
        value_class=ComplaintValue,
    )


class AutomatedDecisionsBlock(SectionBlock):
    """Automated decision-making and profiling. GDPR 13(2)(f)."""

    section_key = "automated_decisions"
    used = blocks.ChoiceBlock(
        choices=[
            ("no", _("No automated decisions or profiling")),
            ("yes", _("Automated decisions or profiling are used")),
        ],
        required=False,
        label=_("Automated decision-making"),
    )
    logic = blocks.TextBlock(
        required=False,
        label=_("Logic involved, significance and consequences"),
    )

    def section_errors(self, value):
        if value.get("used") == "yes" and not (value.get("logic") or "").strip():
            return {
                "logic": ValidationError(
                    _(
                        "Describe the logic involved and the consequences when "
                        "automated decisions or profiling are used (GDPR 13(2)(f))."
                    ),
                    code="logic_required",
                )
            }
        return {}

    Meta = _meta(
        "automated_decisions",
        "cogs",
        _("GDPR 13(2)(f): automated decision-making, including profiling."),
    )


class CookiesBlock(SectionBlock):
    """Cookies. ePrivacy directive; tietoyhteiskuntakaari 205 §."""

    section_key = "cookies"
    Meta = _meta("cookies", "pick", _("Cookies and similar technologies."))


class ChangesBlock(SectionBlock):
    """How changes to the notice are announced. Good practice."""

    section_key = "changes"
    Meta = _meta("changes", "history", _("How changes to this notice are announced."))


class DateBlock(SectionBlock):
    """The date of the notice. The 10 § form's “Laatimispvm”."""

    section_key = "date"
    date = blocks.DateBlock(required=False, label=_("Date"))

    Meta = _meta("date", "date", _("The date on which the notice was drawn up."))


class OtherBlock(SectionBlock):
    """A free section with the editor's own heading."""

    section_key = "other"
    heading = blocks.CharBlock(max_length=255, label=_("Heading"))

    Meta = _meta(
        "other",
        "doc-full",
        _("A free section with a heading of your own; it may appear many times."),
        preview_value={"heading": "Muut tiedot", "body": "<p>Muut tiedot.</p>"},
    )
