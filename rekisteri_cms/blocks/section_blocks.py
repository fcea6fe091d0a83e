"""The section blocks: one typed block per canonical section of a notice."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.snippets.blocks import SnippetChooserBlock

from ..sections import COMPLAINT_AUTHORITY, COMPLAINT_AUTHORITY_URL
from ..validators import (
    validate_data_sources,
    validate_legal_basis,
    validate_provision_requirement,
    validate_rights_request,
    validate_special_categories,
    validate_transfer_destinations,
    validate_transfers,
)
from .base import (
    PhoneNumberBlock,
    SectionBlock,
    SectionValue,
    _meta,
    errors_by_field,
    in_language,
)
from .choices import (
    COLLECTED_FROM_CHOICES,
    LEGAL_BASIS_CHOICES,
    PROVISION_REQUIREMENT_CHOICES,
    RIGHT_CHOICES,
    SAFEGUARD_CHOICES,
    SAFEGUARD_OF_MECHANISM,
    SPECIAL_CATEGORY_CONDITION_CHOICES,
    TRANSFER_CHOICES,
    choice_label,
)
from .items import (
    DataCategoryBlock,
    DataSourceBlock,
    PurposeDetailBlock,
    RecipientBlock,
    RequestChannelBlock,
    RetentionPeriodBlock,
    TransferDestinationBlock,
)


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
        # GDPR 13(1)(a), 26(2), 27: facts of the controller that the notice gives
        # beside the controller's own details.
        data["representative"] = (
            controller.representative_api_dict() if controller else None
        )
        data["joint_controllers"] = (
            controller.joint_controllers_api_dict() if controller else None
        )
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
        help_text=_(
            "Purposes without their own legal basis. Prefer the list below, which "
            "links each purpose to its legal basis (GDPR 13(1)(c))."
        ),
    )
    purposes_detailed = blocks.ListBlock(
        PurposeDetailBlock(),
        required=False,
        default=[],
        label=_("Purposes and their legal bases"),
    )

    def get_api_representation(self, value, context=None):
        data = super().get_api_representation(value, context)
        # ``purposes`` stays the list of every purpose as text for older clients.
        purposes = list(data.get("purposes") or [])
        for item in data.get("purposes_detailed") or []:
            if item["purpose"] not in purposes:
                purposes.append(item["purpose"])
        data["purposes"] = purposes
        return data

    Meta = _meta(
        "purpose",
        "tasks",
        _("GDPR 13(1)(c); HTL 10 § 2: the purposes of the processing."),
    )


class LegalBasisValue(SectionValue):
    def requirement_label(self) -> str:
        return choice_label(PROVISION_REQUIREMENT_CHOICES, self.get("requirement"))

    def condition_labels(self) -> list[str]:
        return [
            choice_label(SPECIAL_CATEGORY_CONDITION_CHOICES, condition)
            for condition in self.get("special_categories_condition") or ()
        ]


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
    requirement = blocks.ChoiceBlock(
        default="",
        choices=PROVISION_REQUIREMENT_CHOICES,
        required=False,
        label=_("Obligation to provide the data"),
        help_text=_(
            "GDPR 13(2)(e): whether providing the data is a statutory or contractual "
            "requirement or necessary to enter into a contract, or voluntary."
        ),
    )
    requirement_consequences = blocks.TextBlock(
        default="",
        required=False,
        label=_("Consequences of not providing the data"),
        help_text=_(
            "GDPR 13(2)(e): required when the data subject is obliged to provide "
            "the data."
        ),
    )
    special_categories = blocks.BooleanBlock(
        default=False,
        required=False,
        label=_("Special categories of personal data are processed"),
        help_text=_(
            "GDPR 9(1): health, ethnic origin, political opinions, religious or "
            "philosophical beliefs, trade union membership, genetic or biometric "
            "data, sex life or sexual orientation."
        ),
    )
    special_categories_condition = blocks.MultipleChoiceBlock(
        default=[],
        choices=SPECIAL_CATEGORY_CONDITION_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Conditions for special categories (GDPR 9(2))"),
        help_text=_("Required when special categories are processed."),
    )

    def section_errors(self, value):
        errors = {}
        for name, check in (
            (
                "legitimate_interests",
                lambda: validate_legal_basis(
                    value.get("bases"), value.get("legitimate_interests")
                ),
            ),
            (
                "requirement_consequences",
                lambda: validate_provision_requirement(
                    value.get("requirement"), value.get("requirement_consequences")
                ),
            ),
            (
                "special_categories_condition",
                lambda: validate_special_categories(
                    value.get("special_categories"),
                    value.get("special_categories_condition"),
                ),
            ),
        ):
            try:
                check()
            except ValidationError as error:
                errors[name] = error
        return errors

    Meta = _meta(
        "legal_basis",
        "clipboard-list",
        _("GDPR 13(1)(c),(d): the legal basis of the processing under GDPR 6(1)."),
        value_class=LegalBasisValue,
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
    collected_from = blocks.ChoiceBlock(
        default="",
        choices=COLLECTED_FROM_CHOICES,
        required=False,
        label=_("Data are collected"),
        help_text=_(
            "From the data subject, GDPR 13 applies; from elsewhere, GDPR 14, and "
            "the notice names the sources."
        ),
    )
    sources = blocks.ListBlock(
        blocks.CharBlock(max_length=500, label=_("Source")),
        required=False,
        default=[],
        label=_("Sources"),
        help_text=_("Sources as text. Prefer the list below, which names their kind."),
    )
    sources_detailed = blocks.ListBlock(
        DataSourceBlock(),
        required=False,
        default=[],
        label=_("Sources by kind"),
    )

    def section_errors(self, value):
        named = list(value.get("sources") or []) + [
            item.get("kind") for item in value.get("sources_detailed") or []
        ]
        try:
            validate_data_sources(value.get("collected_from"), named)
        except ValidationError as error:
            return {"sources_detailed": error}
        return {}

    def get_api_representation(self, value, context=None):
        data = super().get_api_representation(value, context)
        # ``sources`` stays the list of every source as text for older clients.
        language = (context or {}).get("language")
        sources = list(data.get("sources") or [])
        with in_language(language):
            for item in value.get("sources_detailed") or []:
                text = item.get("description") or item.kind_label()
                if text not in sources:
                    sources.append(text)
        data["sources"] = sources
        return data

    Meta = _meta(
        "data_sources",
        "download",
        _(
            "GDPR 13 and 14(2)(f): whether the data are collected from the data "
            "subject, and the sources of the personal data."
        ),
    )


class DisclosuresBlock(SectionBlock):
    """Recipients and regular disclosures. GDPR 13(1)(e); HTL 10 § 4."""

    section_key = "disclosures"
    no_regular_disclosures = blocks.BooleanBlock(
        required=False,
        label=_("No recipients: the data are not disclosed"),
        help_text=_(
            "Tick only when no one outside the controller receives the data, not "
            "even a processor such as an IT service provider (GDPR 4(9), 13(1)(e))."
        ),
    )
    recipients = blocks.ListBlock(
        RecipientBlock(),
        required=False,
        default=[],
        label=_("Recipients or categories of recipients"),
        help_text=_(
            "GDPR 13(1)(e): everyone to whom the data are disclosed, processors "
            "included, not only regular disclosures."
        ),
    )

    def section_errors(self, value):
        if value.get("no_regular_disclosures") and value.get("recipients"):
            return {
                "recipients": ValidationError(
                    _(
                        "Remove the recipients or untick “no recipients”: the "
                        "section cannot say both."
                    ),
                    code="contradictory_disclosures",
                )
            }
        return {}

    Meta = _meta(
        "disclosures",
        "openquote",
        _(
            "GDPR 13(1)(e); HTL 10 § 4: the recipients or categories of recipients, "
            "processors included."
        ),
    )


class TransfersValue(SectionValue):
    def legacy_only(self) -> bool:
        """An older notice: countries and a safeguard, no destinations."""
        return not self.get("destinations")


class TransfersBlock(SectionBlock):
    """Transfers outside the EU/EEA. GDPR 13(1)(f); HTL 10 § 4."""

    section_key = "transfers_outside_eea"
    transfers = blocks.ChoiceBlock(
        choices=TRANSFER_CHOICES, required=False, label=_("Transfers")
    )
    destinations = blocks.ListBlock(
        TransferDestinationBlock(),
        required=False,
        default=[],
        label=_("Destinations"),
        help_text=_(
            "GDPR 13(1)(f): each country with its recipient and the ground of the "
            "transfer."
        ),
    )
    countries = blocks.ListBlock(
        blocks.CharBlock(max_length=100, label=_("Country")),
        required=False,
        default=[],
        label=_("Countries (older notices)"),
        help_text=_("Replaced by the destinations; used only when there are none."),
    )
    safeguard = blocks.ChoiceBlock(
        choices=SAFEGUARD_CHOICES,
        required=False,
        label=_("Safeguard (older notices)"),
        help_text=_("Replaced by the destinations; used only when there are none."),
    )

    def section_errors(self, value):
        destinations = value.get("destinations") or []
        countries = [c for c in value.get("countries") or [] if str(c).strip()]
        if not destinations and (countries or value.get("safeguard")):
            # An older notice's countries and single safeguard keep their rule.
            try:
                validate_transfers(
                    value.get("transfers"), countries, value.get("safeguard")
                )
            except ValidationError as error:
                return {"safeguard": error}
            return {}
        try:
            validate_transfer_destinations(
                value.get("transfers"),
                [item.get("mechanism") for item in destinations],
            )
        except ValidationError as error:
            return {"destinations": error}
        return {}

    def get_api_representation(self, value, context=None):
        data = super().get_api_representation(value, context)
        # ``countries`` and ``safeguard`` keep their meaning for older clients:
        # with destinations, they are the destinations' countries and their
        # common safeguard in the old vocabulary (empty when there is none).
        destinations = data.get("destinations") or []
        if destinations:
            countries = []
            for item in destinations:
                if item["country"] not in countries:
                    countries.append(item["country"])
            safeguards = {
                SAFEGUARD_OF_MECHANISM.get(item["mechanism"], "")
                for item in destinations
            }
            data["countries"] = countries
            data["safeguard"] = safeguards.pop() if len(safeguards) == 1 else ""
        return data

    Meta = _meta(
        "transfers_outside_eea",
        "site",
        _("GDPR 13(1)(f); HTL 10 § 4: transfers to countries outside the EU/EEA."),
        value_class=TransfersValue,
    )


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


#: GDPR 12(3), said when the editor does not give a response time of their own.
DEFAULT_RESPONSE_TIME = _(
    "Requests are answered without undue delay and at the latest within one month "
    "of receipt. Where necessary, taking into account the complexity and number of "
    "the requests, the period may be extended by two further months; the data "
    "subject is then informed of the extension within one month (GDPR 12(3))."
)


class DataSubjectRightsValue(SectionValue):
    def right_labels(self) -> list[str]:
        return [
            choice_label(RIGHT_CHOICES, right) for right in self.get("rights") or ()
        ]

    def response_time_text(self) -> str:
        """The editor's response time, or GDPR 12(3)'s when rights are listed."""
        text = (self.get("response_time") or "").strip()
        if text or not self.get("rights"):
            return text
        return str(DEFAULT_RESPONSE_TIME)

    def response_time_is_default(self) -> bool:
        """Whether the response time shown is GDPR 12(3)'s, not the editor's."""
        return not (self.get("response_time") or "").strip() and bool(
            self.get("rights")
        )


class DataSubjectRightsBlock(RightBlock):
    """The data subject's rights and how to exercise them. GDPR 13(2)(b),(c); 12."""

    section_key = "data_subject_rights"
    rights = blocks.MultipleChoiceBlock(
        default=[],
        choices=RIGHT_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Rights"),
        help_text=_(
            "The rights that apply to this processing: portability only with consent "
            "or a contract, objection only with a public task, legitimate interests "
            "or direct marketing."
        ),
    )
    request_channel = RequestChannelBlock(
        required=False,
        help_text=_("GDPR 12(2): where the data subject sends a request."),
    )
    identity_check = blocks.TextBlock(
        default="",
        required=False,
        label=_("Identity check"),
        help_text=_("How the requester's identity is verified (GDPR 12(6))."),
    )
    response_time = blocks.TextBlock(
        default="",
        required=False,
        label=_("Response time"),
        help_text=_(
            "Leave empty for GDPR 12(3): one month, extendable by two further months."
        ),
    )
    objection_statement = blocks.TextBlock(
        default="",
        required=False,
        label=_("Right to object, stated separately"),
        help_text=_(
            "GDPR 21(4): the right to object is shown apart from the other "
            "information. Required when the right to object is listed."
        ),
    )

    def section_errors(self, value):
        channel = value.get("request_channel") or {}
        try:
            validate_rights_request(
                value.get("rights"),
                [channel.get(name) for name in ("email", "form_url", "postal_address")],
                value.get("objection_statement"),
            )
        except ValidationError as error:
            return errors_by_field(error)
        return {}

    def get_api_representation(self, value, context=None):
        data = super().get_api_representation(value, context)
        with in_language((context or {}).get("language")):
            data["response_time"] = value.response_time_text()
        return data

    Meta = _meta(
        "data_subject_rights",
        "user",
        _(
            "GDPR 13(2)(b),(c): the rights of access, rectification, erasure, "
            "restriction, objection and portability, and withdrawing consent."
        ),
        value_class=DataSubjectRightsValue,
    )


class ComplaintBlock(SectionBlock):
    """The right to lodge a complaint. GDPR 13(2)(d)."""

    section_key = "complaint"
    authority = blocks.CharBlock(
        required=False,
        max_length=255,
        label=_("Supervisory authority"),
        help_text=_(
            "The authority to which a data subject may complain, usually the Office "
            "of the Data Protection Ombudsman (Tietosuojavaltuutetun toimisto). An "
            "empty section does not tell readers of their right."
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
