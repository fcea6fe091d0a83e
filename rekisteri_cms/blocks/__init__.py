"""StreamField blocks: one typed block per canonical section of a notice.

The block names of :class:`NoticeStreamBlock` are the section keys of the notice model
(``controller``, ``purpose``, ``retention`` …) and part of the public API contract:
never rename one without a data migration and a changelog line.

The package's modules: ``choices`` (the stored choice values), ``base`` (the section
value and block, shared field blocks), ``items`` (the items of the sections' lists)
and ``section_blocks`` (one block per section).
Every block is importable from here: migrations name them ``rekisteri_cms.blocks.<Name>``.
"""

from __future__ import annotations

import re
from html import unescape

from django.utils.html import strip_tags
from django.utils.text import normalize_newlines
from wagtail import blocks

from ..sections import SECTION_KEYS
from .base import (
    RICH_TEXT_FEATURES,
    NoticeRichTextBlock,
    PhoneNumberBlock,
    PhoneNumberFormField,
    SectionBlock,
    SectionValue,
    ValidatedStructBlock,
)
from .choices import (
    COLLECTED_FROM_CHOICES,
    DEROGATION_CHOICES,
    LEGAL_BASIS_CHOICES,
    PROVISION_REQUIREMENT_CHOICES,
    RECIPIENT_ROLE_CHOICES,
    RIGHT_CHOICES,
    SAFEGUARD_CHOICES,
    SECTION_KEY_CHOICES,
    SOURCE_KIND_CHOICES,
    SPECIAL_CATEGORY_CONDITION_CHOICES,
    TRANSFER_CHOICES,
    TRANSFER_MECHANISM_CHOICES,
)
from .items import (
    DataCategoryBlock,
    DataSourceBlock,
    DataSourceValue,
    PurposeDetailBlock,
    RecipientBlock,
    RecipientValue,
    RequestChannelBlock,
    RetentionPeriodBlock,
    TransferDestinationBlock,
    TransferDestinationValue,
)
from .section_blocks import (
    DEFAULT_RESPONSE_TIME,
    AutomatedDecisionsBlock,
    ChangesBlock,
    ComplaintBlock,
    ContactPersonBlock,
    ControllerBlock,
    CookiesBlock,
    DataContentBlock,
    DataSourcesBlock,
    DataSubjectRightsBlock,
    DataSubjectRightsValue,
    DataSubjectsBlock,
    DateBlock,
    DisclosuresBlock,
    DpoBlock,
    LegalBasisBlock,
    LegalBasisValue,
    OtherBlock,
    PurposeBlock,
    RectificationErasureBlock,
    RegisterNameBlock,
    RetentionBlock,
    RightBlock,
    RightOfAccessBlock,
    RightToObjectBlock,
    SecurityBlock,
    TransfersBlock,
    TransfersValue,
)

__all__ = [
    "AutomatedDecisionsBlock",
    "COLLECTED_FROM_CHOICES",
    "ChangesBlock",
    "ComplaintBlock",
    "ContactPersonBlock",
    "ControllerBlock",
    "CookiesBlock",
    "DEFAULT_RESPONSE_TIME",
    "DEROGATION_CHOICES",
    "DataCategoryBlock",
    "DataContentBlock",
    "DataSourceBlock",
    "DataSourceValue",
    "DataSourcesBlock",
    "DataSubjectRightsBlock",
    "DataSubjectRightsValue",
    "DataSubjectsBlock",
    "DateBlock",
    "DisclosuresBlock",
    "DpoBlock",
    "LEGAL_BASIS_CHOICES",
    "LegalBasisBlock",
    "LegalBasisValue",
    "NoticeRichTextBlock",
    "NoticeStreamBlock",
    "OtherBlock",
    "PROVISION_REQUIREMENT_CHOICES",
    "PhoneNumberBlock",
    "PhoneNumberFormField",
    "PurposeBlock",
    "PurposeDetailBlock",
    "RECIPIENT_ROLE_CHOICES",
    "RICH_TEXT_FEATURES",
    "RIGHT_CHOICES",
    "RecipientBlock",
    "RecipientValue",
    "RectificationErasureBlock",
    "RegisterNameBlock",
    "RequestChannelBlock",
    "RetentionBlock",
    "RetentionPeriodBlock",
    "RightBlock",
    "RightOfAccessBlock",
    "RightToObjectBlock",
    "SAFEGUARD_CHOICES",
    "SECTION_BLOCK_CLASSES",
    "SECTION_KEY_CHOICES",
    "SOURCE_KIND_CHOICES",
    "SPECIAL_CATEGORY_CONDITION_CHOICES",
    "SectionBlock",
    "SectionValue",
    "SecurityBlock",
    "TRANSFER_CHOICES",
    "TRANSFER_MECHANISM_CHOICES",
    "TransferDestinationBlock",
    "TransferDestinationValue",
    "TransfersBlock",
    "TransfersValue",
    "ValidatedStructBlock",
    "plain_text",
]

SECTION_BLOCK_CLASSES: dict[str, type[SectionBlock]] = {
    cls.section_key: cls
    for cls in (
        ControllerBlock,
        ContactPersonBlock,
        DpoBlock,
        RegisterNameBlock,
        PurposeBlock,
        LegalBasisBlock,
        DataSubjectsBlock,
        DataContentBlock,
        DataSourcesBlock,
        DisclosuresBlock,
        TransfersBlock,
        RetentionBlock,
        SecurityBlock,
        RightOfAccessBlock,
        RectificationErasureBlock,
        RightToObjectBlock,
        DataSubjectRightsBlock,
        ComplaintBlock,
        AutomatedDecisionsBlock,
        CookiesBlock,
        ChangesBlock,
        DateBlock,
        OtherBlock,
    )
}
assert tuple(SECTION_BLOCK_CLASSES) == SECTION_KEYS, "blocks and section table differ"  # noqa: S101


class NoticeStreamBlock(blocks.StreamBlock):
    """The sections of a notice, in the editor's order; each key at most once."""

    def __init__(self, local_blocks=None, **kwargs):
        local_blocks = [
            (key, cls()) for key, cls in SECTION_BLOCK_CLASSES.items()
        ] + list(local_blocks or [])
        super().__init__(local_blocks, **kwargs)

    class Meta:
        block_counts = {key: {"max_num": 1} for key in SECTION_KEYS if key != "other"}
        collapsed = True


#: The end of a table cell followed by the next cell of its row, or of a term
#: (``<dt>``) followed by its description.
_CELL_BOUNDARY = re.compile(r"</(?:t[dh]|dt)>(?=\s*<(?:t[dh]|dd)[\s>])")
#: The start of a list item.
_LIST_ITEM = re.compile(r"<li(?:\s[^>]*)?>")


def plain_text(html: str, *, bullets: bool = False) -> str:
    """Plain text of rendered section HTML (for search, the API and diffs).

    One line per paragraph, list item, heading, table row and description; the
    cells of a row, and a term and its description, are joined with " – ". With ``bullets`` each list item starts with "- "
    (the notice's whole-document text).
    """
    text = normalize_newlines(str(html or ""))
    text = _CELL_BOUNDARY.sub(lambda m: m.group(0) + " – ", text)
    if bullets:
        text = _LIST_ITEM.sub(lambda m: m.group(0) + "\n- ", text)
    for tag in (
        "</p>",
        "</li>",
        "<br>",
        "<br/>",
        "</h3>",
        "</h4>",
        "</tr>",
        "</dd>",
    ):
        text = text.replace(tag, tag + "\n")
    # Entities decoded after the tags are gone: "&lt;b&gt;" is text, not a tag.
    lines = [" ".join(line.split()) for line in unescape(strip_tags(text)).splitlines()]
    return "\n".join(line for line in lines if line)
