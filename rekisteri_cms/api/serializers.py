"""Shapes of the storefront API responses, for the OpenAPI schema.

The views serve stored documents as they are; these serializers describe every field
of them (drf-spectacular reads the ``help_text``) and are checked against real
responses by the contract tests.
"""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from ..legal import ITEM_CODES, STATUSES
from ..sections import SECTION_KEYS

FRAMEWORKS = ["gdpr", "htl"]
FRAMEWORK_HELP = (
    "gdpr: privacy notice (GDPR 13–14); htl: legacy register description "
    "(Personal Data Act 10 §)."
)
ID_HELP = (
    "The notice's id: the same in every language and across renames; "
    "/api/notices/<id>/ works wherever a slug does."
)


class ErrorSerializer(serializers.Serializer):
    detail = serializers.CharField(help_text="A sentence that says what is wrong.")
    code = serializers.CharField(
        help_text="A stable machine-readable code, such as not_found, "
        "locale_not_available, unknown_locale, invalid_as_of, invalid_controller, "
        "page_not_found, method_not_allowed, withdrawn (410)."
    )
    errors = serializers.DictField(
        required=False, help_text="Per-field errors, when there are several."
    )
    withdrawn_at = serializers.DateTimeField(
        required=False, help_text="For a withdrawn notice (410): when."
    )
    versions_url = serializers.URLField(
        required=False,
        help_text="For a withdrawn notice (410): its versions, still public.",
    )
    history_url = serializers.URLField(
        required=False,
        allow_null=True,
        help_text="For a withdrawn notice (410): its public version history page.",
    )
    locale = serializers.CharField(
        required=False, help_text="For a withdrawn notice (410): the locale asked for."
    )
    available_locales = serializers.ListField(
        child=serializers.CharField(),
        required=False,
        help_text="For a missing translation or an unknown locale: the locales that exist.",
    )


class MovedSerializer(serializers.Serializer):
    detail = serializers.CharField(help_text="A sentence that says what happened.")
    code = serializers.CharField(help_text="moved.")
    id = serializers.UUIDField(help_text=ID_HELP)
    slug = serializers.CharField(help_text="The notice's current slug.")
    location = serializers.URLField(help_text="The same as the Location header.")


class ControllerSerializer(serializers.Serializer):
    name = serializers.CharField(help_text="The controller's name (rekisterinpitäjä).")
    business_id = serializers.CharField(
        allow_null=True,
        help_text="Finnish business ID (Y-tunnus) in the form 2311066-7.",
    )
    street_address = serializers.CharField(allow_null=True, help_text="Street address.")
    postal_code = serializers.CharField(
        allow_null=True, help_text="Five-digit postal code."
    )
    locality = serializers.CharField(allow_null=True, help_text="Post office locality.")
    country = serializers.CharField(
        allow_null=True, help_text="ISO 3166-1 alpha-2 country code."
    )
    phone = serializers.CharField(
        allow_null=True, help_text="Phone number in E.164 form."
    )
    email = serializers.EmailField(allow_null=True, help_text="E-mail address.")
    website = serializers.URLField(allow_null=True, help_text="Website address.")


class SectionSerializer(serializers.Serializer):
    key = serializers.CharField(
        help_text="The canonical section key (controller, purpose, retention …): a stable contract."
    )
    number = serializers.IntegerField(
        help_text="The section's number in the notice, from 1."
    )
    heading = serializers.CharField(help_text="The heading shown to readers.")
    html = serializers.CharField(
        help_text="The section's content as safe, fully rendered HTML (internal links resolved)."
    )
    text = serializers.CharField(help_text="The plain text of ``html``.")
    data = serializers.DictField(
        help_text="The section's typed fields (legal bases, retention periods, recipients …)."
    )


class CompletenessItemSerializer(serializers.Serializer):
    item = serializers.ChoiceField(
        choices=list(ITEM_CODES),
        help_text="The GDPR Art. 13/14 information item (a stable code).",
    )
    status = serializers.ChoiceField(
        choices=list(STATUSES),
        help_text="present: the notice gives it; missing: it does not; "
        "not_applicable: the notice need not give it (no DPO, no consent …).",
    )
    article = serializers.CharField(
        help_text="The article point(s) that require the item, such as "
        "“13(2)(a)” or “13(1)(f), 14(1)(f)”."
    )
    evidence_section = serializers.ChoiceField(
        choices=list(SECTION_KEYS),
        allow_null=True,
        help_text="The key of the section that gives the item, when a sentence "
        "of it does; otherwise null.",
    )
    evidence_kind = serializers.ChoiceField(
        choices=["field", "sentence", "override"],
        allow_null=True,
        help_text="field: a structured field states it; sentence: a sentence of "
        "the text; override: a legal reviewer judged it given, with a written "
        "justification; null when the item is missing or not applicable.",
    )


class CompletenessSerializer(serializers.Serializer):
    framework = serializers.ChoiceField(
        choices=FRAMEWORKS, help_text="The notice's framework. " + FRAMEWORK_HELP
    )
    missing = serializers.ListField(
        child=serializers.CharField(),
        help_text="Section keys that the notice lacks: for gdpr, the sections "
        "where its missing information items belong; for htl, the items of "
        "section 10 of the Personal Data Act it does not cover.",
    )
    recommended_missing = serializers.ListField(
        child=serializers.CharField(),
        help_text="Recommended section keys that the notice lacks.",
    )
    gdpr_missing = serializers.ListField(
        child=serializers.CharField(),
        required=False,
        help_text="For a legacy (htl) notice: the section keys of the GDPR "
        "information items it does not give.",
    )
    items = CompletenessItemSerializer(
        many=True,
        required=False,
        help_text="Each GDPR Art. 13/14 information item, in a fixed order, with "
        "its status. Absent from versions published before the item check.",
    )


class TranslationSerializer(serializers.Serializer):
    locale = serializers.CharField(help_text="Language code of the translation.")
    url = serializers.URLField(help_text="The translation's public page.")
    api_url = serializers.URLField(help_text="The translation in this API.")
    version = serializers.IntegerField(
        help_text="The translation's current version number."
    )
    source_version = serializers.IntegerField(
        allow_null=True,
        help_text="For a translation: the source-language version it was made "
        "from; null for the source itself.",
    )
    out_of_date = serializers.BooleanField(
        help_text="True when the source has a newer published version than the "
        "one this translation was made from."
    )


@extend_schema_field(
    {
        "type": "object",
        "nullable": True,
        "properties": {
            "statute": {
                "type": "string",
                "description": "The repealed Personal Data Act: 523/1999.",
            },
            "document_date": {
                "type": "string",
                "format": "date",
                "nullable": True,
                "description": "The date the document gives itself (its date section).",
            },
            "document_date_text": {
                "type": "string",
                "nullable": True,
                "description": "The date section's text when it has no date field.",
            },
            "published_as_written": {
                "type": "boolean",
                "description": "True while the published text is the imported one.",
            },
            "edited_in_version": {
                "type": "integer",
                "nullable": True,
                "description": "The first version whose text differs from the "
                "imported one.",
            },
            "translated": {
                "type": "boolean",
                "description": "A language version translated after the import.",
            },
        },
    }
)
class LegacyField(serializers.DictField):
    """What an htl document is (docs/notice-model.md#public-record)."""


@extend_schema_field(
    {
        "type": "object",
        "nullable": True,
        "properties": {
            "version": {"type": "integer", "description": "Its number."},
            "effective_from": {
                "type": "string",
                "format": "date-time",
                "description": "When it takes effect.",
            },
        },
    }
)
class UpcomingField(serializers.DictField):
    """An approved version that takes effect later."""


class VersionDocumentSerializer(serializers.Serializer):
    id = serializers.UUIDField(help_text=ID_HELP)
    slug = serializers.CharField(help_text="The notice's address part.")
    locale = serializers.CharField(help_text="Language of this document.")
    title = serializers.CharField(help_text="The notice's title.")
    framework = serializers.ChoiceField(choices=FRAMEWORKS, help_text=FRAMEWORK_HELP)
    controller = ControllerSerializer(allow_null=True, help_text="The controller.")
    sections = SectionSerializer(many=True, help_text="The sections in order.")
    completeness = CompletenessSerializer(
        help_text="What the notice lacks for its framework."
    )
    version = serializers.IntegerField(
        help_text="Version number, 1, 2, 3 … per notice and locale."
    )
    published_at = serializers.DateTimeField(
        help_text="When this version was published."
    )
    approved_at = serializers.DateTimeField(
        allow_null=True, help_text="When a legal reviewer approved this version."
    )
    approval_step = serializers.CharField(
        allow_null=True,
        help_text="The review step that approved it, as a code: legal_review, or "
        "administrator for an administrator's publication (versions recorded "
        "before the codes carry the step's stored name).",
    )
    change_summary = serializers.CharField(
        help_text="The editor's summary of the change."
    )
    content_hash = serializers.CharField(
        help_text="sha256: and the hex digest of the canonical JSON of this version."
    )
    prevailing_locale = serializers.CharField(
        required=False,
        help_text="The language version that prevails if the language versions "
        "differ (a setting of the notice; by default its source language). Absent "
        "from versions published before it was recorded.",
    )
    html_url = serializers.URLField(help_text="The notice's public page.")
    source_locale = serializers.CharField(
        allow_null=True,
        help_text="For a translation: the language it was translated from.",
    )
    source_version = serializers.IntegerField(
        allow_null=True,
        help_text="For a translation: the source-language version it was made from.",
    )
    versions_url = serializers.URLField(help_text="The list of this notice's versions.")
    html = serializers.CharField(
        help_text="The whole notice as one <article> in its language: the title "
        "(<h1>) and every section under its numbered heading (<h2>), ready to show."
    )
    text = serializers.CharField(
        help_text="The whole notice as plain text: the title, then each section "
        "after a blank line under its numbered heading; table rows as "
        "“cell – cell” lines, list items as “- ” lines."
    )
    legacy = LegacyField(
        required=False,
        allow_null=True,
        help_text="For an htl notice, what the document is: statute (523/1999), "
        "document_date (ISO date or null), document_date_text (or null), "
        "published_as_written, edited_in_version (or null), translated. Null for a "
        "GDPR notice; recorded at publication (computed for older versions).",
    )


class NoticeDocumentSerializer(VersionDocumentSerializer):
    translations = TranslationSerializer(
        many=True,
        help_text="The other languages in which the notice is in force now.",
    )
    effective_from = serializers.DateTimeField(
        required=False,
        help_text="Detail only: when this version took (or takes) effect: its "
        "publication, or a later date announced in advance.",
    )
    effective_to = serializers.DateTimeField(
        required=False,
        allow_null=True,
        help_text="Detail only: when the next version takes effect or the notice "
        "was withdrawn; null while nothing has replaced it.",
    )
    approval_step_label = serializers.CharField(
        required=False,
        allow_null=True,
        help_text="Detail only: the name of approval_step in the response language.",
    )
    upcoming = UpcomingField(
        required=False,
        allow_null=True,
        help_text="Detail only: an approved version that takes effect later: "
        "version and effective_from; null when there is none.",
    )


class NoticeSummaryControllerSerializer(serializers.Serializer):
    name = serializers.CharField(allow_null=True, help_text="The controller's name.")
    business_id = serializers.CharField(allow_null=True, help_text="Y-tunnus.")


class NoticeSummarySerializer(serializers.Serializer):
    id = serializers.UUIDField(help_text=ID_HELP)
    slug = serializers.CharField(help_text="The notice's address part.")
    locale = serializers.CharField(help_text="Language.")
    title = serializers.CharField(help_text="Title.")
    framework = serializers.ChoiceField(choices=FRAMEWORKS, help_text=FRAMEWORK_HELP)
    controller = NoticeSummaryControllerSerializer(help_text="The controller.")
    version = serializers.IntegerField(help_text="Current version number.")
    published_at = serializers.DateTimeField(
        help_text="When the current version was published."
    )
    content_hash = serializers.CharField(
        help_text="Content hash of the current version."
    )
    url = serializers.URLField(help_text="The notice in this API.")
    html_url = serializers.URLField(help_text="The notice's public page.")


class NoticeListSerializer(serializers.Serializer):
    count = serializers.IntegerField(help_text="Number of notices that match.")
    next = serializers.URLField(allow_null=True, help_text="The next page, if any.")
    previous = serializers.URLField(
        allow_null=True, help_text="The previous page, if any."
    )
    results = NoticeSummarySerializer(many=True, help_text="The notices of this page.")


class VersionSummarySerializer(serializers.Serializer):
    version = serializers.IntegerField(help_text="Version number.")
    published_at = serializers.DateTimeField(help_text="When it was published.")
    approved_at = serializers.DateTimeField(
        allow_null=True, help_text="When it was approved."
    )
    approval_step = serializers.CharField(
        allow_null=True, help_text="The approving review step."
    )
    change_summary = serializers.CharField(
        help_text="The editor's summary of the change."
    )
    content_hash = serializers.CharField(help_text="Content hash of the version.")
    superseded_at = serializers.DateTimeField(
        allow_null=True,
        help_text="When a newer version replaced it or it was withdrawn.",
    )
    current = serializers.BooleanField(
        help_text="Whether this is the newest published version (it may take "
        "effect later: see in_force)."
    )
    url = serializers.URLField(help_text="The version in full.")
    effective_from = serializers.DateTimeField(
        help_text="When the version took (or takes) effect."
    )
    effective_to = serializers.DateTimeField(
        allow_null=True,
        help_text="When the next version took effect or the notice was withdrawn.",
    )
    in_force = serializers.BooleanField(
        help_text="Whether the version is in force now, by its period."
    )
    approval_step_label = serializers.CharField(
        allow_null=True, help_text="The approving step's name in the response language."
    )


class VersionListSerializer(serializers.Serializer):
    id = serializers.UUIDField(help_text=ID_HELP)
    slug = serializers.CharField(help_text="The notice's address part.")
    locale = serializers.CharField(help_text="Language.")
    count = serializers.IntegerField(help_text="Number of versions.")
    results = VersionSummarySerializer(many=True, help_text="Versions, newest first.")


class SectionDiffSerializer(serializers.Serializer):
    key = serializers.CharField(help_text="Section key.")
    status = serializers.ChoiceField(
        choices=["added", "removed", "changed", "unchanged"],
        help_text="What happened to the section.",
    )
    heading = serializers.CharField(
        help_text="The section's heading (newer, or the removed one)."
    )
    heading_from = serializers.CharField(
        allow_null=True, help_text="Heading in the older version."
    )
    heading_to = serializers.CharField(
        allow_null=True, help_text="Heading in the newer version."
    )
    heading_diff_html = serializers.CharField(
        allow_null=True,
        help_text="Word diff of a changed heading, with <ins> and <del>.",
    )
    number_from = serializers.IntegerField(
        allow_null=True, help_text="Number in the older version."
    )
    number_to = serializers.IntegerField(
        allow_null=True, help_text="Number in the newer version."
    )
    diff_html = serializers.CharField(
        help_text="Word diff of the section text, with <ins> and <del>."
    )


class DiffSummarySerializer(serializers.Serializer):
    added = serializers.IntegerField(help_text="Sections added.")
    removed = serializers.IntegerField(help_text="Sections removed.")
    changed = serializers.IntegerField(help_text="Sections changed.")
    unchanged = serializers.IntegerField(help_text="Sections unchanged.")


class DiffSerializer(serializers.Serializer):
    id = serializers.UUIDField(help_text=ID_HELP)
    slug = serializers.CharField(help_text="The notice's address part.")
    locale = serializers.CharField(help_text="Language.")
    # "from" is a Python keyword: declared below.
    to = serializers.IntegerField(help_text="The newer version number.")
    from_published_at = serializers.DateTimeField(
        help_text="When the older version was published."
    )
    to_published_at = serializers.DateTimeField(
        help_text="When the newer version was published."
    )
    title_from = serializers.CharField(help_text="Title in the older version.")
    title_to = serializers.CharField(help_text="Title in the newer version.")
    summary = DiffSummarySerializer(help_text="Counts of sections by status.")
    sections = SectionDiffSerializer(
        many=True, help_text="The sections, in the newer order."
    )


DiffSerializer._declared_fields["from"] = serializers.IntegerField(
    help_text="The older version number."
)
