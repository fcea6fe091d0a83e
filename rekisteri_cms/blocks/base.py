"""The base of the section blocks: the section value, block and shared field blocks."""

from __future__ import annotations

import contextlib

from django import forms
from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.functional import cached_property
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import BlockGroup, StructBlockValidationError
from wagtail.rich_text import expand_db_html

from ..sections import SECTIONS_BY_KEY, canonical_heading, section_name_lazy
from ..validators import normalize_phone
from .choices import SECTION_KEY_CHOICES

RICH_TEXT_FEATURES = ["h3", "h4", "bold", "italic", "ol", "ul", "link", "document-link"]


class PublicPathMixin:
    """Migrations name the block by its public path, ``rekisteri_cms.blocks.<Name>``.

    The blocks live in submodules of the package; the migrations that reference a
    block class must keep working wherever the class is defined.
    """

    @cached_property
    def canonical_module_path(self):
        return f"{__package__}.{type(self).__name__}"


class NoticeRichTextBlock(PublicPathMixin, blocks.RichTextBlock):
    """Rich text that APIs receive as rendered HTML (links resolved, no ``linktype``)."""

    def get_api_representation(self, value, context=None):
        return expand_db_html(value.source) if value else ""


class PhoneNumberFormField(forms.CharField):
    """A phone number, stored in E.164 form (``+358401234567``)."""

    def clean(self, value):
        value = super().clean(value)
        return normalize_phone(value) if value else value


class PhoneNumberBlock(PublicPathMixin, blocks.FieldBlock):
    """A phone number; a ``FieldBlock``, so it is synchronised, never translated."""

    def __init__(self, required=False, help_text=None, **kwargs):
        self.field = PhoneNumberFormField(
            required=required, max_length=32, help_text=help_text
        )
        super().__init__(**kwargs)

    class Meta:
        icon = "mobile-alt"


class SectionValue(blocks.StructValue):
    """A section's value, with the helpers that the page, the API and checks need."""

    def heading_text(
        self, language: str | None = "fi", framework: str | None = None
    ) -> str:
        """The editor's heading, or the canonical heading in ``language`` (in the
        terms of ``framework``)."""
        heading = (self.get("heading") or "").strip()
        return heading or canonical_heading(self.block.section_key, language, framework)

    def has_body_text(self) -> bool:
        """Does the rich-text body hold any text? The page editor sends an empty
        paragraph for a body left empty, which is no text."""
        body = self.get("body")
        return bool(body and strip_tags(body.source).strip())

    def has_content(self) -> bool:
        """True when the section says something: text or any typed fact."""
        for name in self.block.child_blocks:
            if name in ("heading", "also_covers"):
                continue
            value = self.get(name)
            if name == "body":
                if value and strip_tags(value.source).strip():
                    return True
            elif isinstance(value, blocks.StructValue):
                # A group of fields (the rights' request channel) says something
                # only when one of its fields does.
                if any(value.values()):
                    return True
            elif value:
                return True
        return False

    def covered_keys(self) -> list[str]:
        return list(self.get("also_covers") or [])


class SectionBlock(blocks.StructBlock):
    """Base of every section: optional heading override and a rich-text body."""

    section_key = "other"

    heading = blocks.CharBlock(
        required=False,
        max_length=255,
        label=_("Heading"),
        help_text=_("Leave empty to use the canonical heading in the page's language."),
    )
    body = NoticeRichTextBlock(
        required=False, features=RICH_TEXT_FEATURES, label=_("Text")
    )
    also_covers = blocks.MultipleChoiceBlock(
        choices=SECTION_KEY_CHOICES,
        required=False,
        label=_("Also covers"),
        help_text=_(
            "Other legal items that this section answers, for a combined heading "
            "such as disclosures and transfers outside the EU/EEA."
        ),
    )

    #: The rarely used fields, behind the section's "Settings" (cog) button in the
    #: editor: the heading override and the other items the section answers.
    MORE_OPTIONS = ("heading", "also_covers")

    def __init__(self, local_blocks=None, **kwargs):
        super().__init__(local_blocks, **kwargs)
        # The value keeps its order (heading first, the typed fields, "also covers"
        # last), whatever order the form layout shows the fields in.
        order = ["heading"] + [
            name for name in self.child_blocks if name not in self.MORE_OPTIONS
        ]
        order.append("also_covers")
        self.child_blocks = type(self.child_blocks)(
            (name, self.child_blocks[name]) for name in order
        )

    def get_form_layout(self) -> BlockGroup:
        """The section's own fields first; :attr:`MORE_OPTIONS` in the collapsed
        settings area that Wagtail shows behind the block's cog button."""
        return BlockGroup(
            children=[
                name for name in self.child_blocks if name not in self.MORE_OPTIONS
            ],
            settings=[name for name in self.MORE_OPTIONS if name in self.child_blocks],
        )

    def section_errors(self, value) -> dict[str, ValidationError]:
        """Cross-field checks of the section; subclasses call ``validators``."""
        return {}

    def clean(self, value):
        value = super().clean(value)
        errors = self.section_errors(value)
        if errors:
            raise StructBlockValidationError(block_errors=errors)
        return value

    def typed_data(self, value, context=None) -> dict:
        """The section's typed fields: ``data`` in the notice API."""
        data = self.get_api_representation(value, context)
        for name in ("heading", "body", "also_covers"):
            data.pop(name, None)
        return data

    class Meta:
        value_class = SectionValue
        icon = "doc-full"
        template = "rekisteri_cms/blocks/section_block.html"
        form_classname = "rekisteri-section-block"


def _meta(key: str, icon: str, description, **extra):
    """Build the ``Meta`` of a section block from the section table."""
    section = SECTIONS_BY_KEY[key]
    attrs = {
        "icon": icon,
        # The section's name in the admin user's language, evaluated when shown.
        "label": section_name_lazy(key),
        "template": f"rekisteri_cms/blocks/{key}_block.html",
        "help_text": description,
        "description": description,
        "preview_value": {"heading": "", "body": f"<p>{section.fi}.</p>"},
        **extra,
    }
    return type("Meta", (), attrs)


def errors_by_field(error: ValidationError) -> dict[str, ValidationError]:
    """The first error of each field of a validator's ``ValidationError({field: …})``."""
    return {name: errors[0] for name, errors in error.error_dict.items()}


class ValidatedStructBlock(blocks.StructBlock):
    """An item of a list (a destination, a source) with cross-field checks."""

    def item_errors(self, value) -> dict[str, ValidationError]:
        """Cross-field checks of the item; subclasses call ``validators``."""
        return {}

    def clean(self, value):
        value = super().clean(value)
        errors = self.item_errors(value)
        if errors:
            raise StructBlockValidationError(block_errors=errors)
        return value


def in_language(language: str | None):
    """Translate in ``language`` (the notice's); without one, in the active language."""
    return translation.override(language) if language else contextlib.nullcontext()
