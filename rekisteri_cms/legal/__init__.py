"""The legal check of a privacy notice: GDPR Art. 13/14 information items.

A pure module (no models, no database): give it a notice's sections and the facts
its structured fields state, and it tells, for each item of ``items.ITEMS``,
whether the notice gives it (``present``), lacks it (``missing``) or need not
give it (``not_applicable``), with the field or the quoted sentence as evidence::

    from rekisteri_cms.legal import Facts, SectionInput, check_items

    report = check_items(
        [SectionInput("retention", "Säilytysaika", "Tarpeen mukaan.")],
        Facts(language="fi"),
    )
    report.status("retention")  # "missing"

See ``docs/legal-check.md``.
"""

from .check import (
    MISSING,
    NOT_APPLICABLE,
    PRESENT,
    STATUSES,
    Facts,
    ItemResult,
    ItemsReport,
    check_items,
)
from .evidence import SectionInput
from .items import ITEM_CODES, ITEMS, ITEMS_BY_CODE, Item
from .text import lemma
from .vocabulary import vocabulary


def warm_up(languages: tuple[str, ...] = ("fi", "sv")) -> None:
    """Load the lemmatizer dictionaries and term lists of ``languages`` now, so
    that the first check does not pay for them (Finnish takes seconds)."""
    for language in languages:
        vocabulary(language)
        lemma("tietosuoja" if language == "fi" else "dataskydd", language)


__all__ = [
    "ITEMS",
    "ITEMS_BY_CODE",
    "ITEM_CODES",
    "MISSING",
    "NOT_APPLICABLE",
    "PRESENT",
    "STATUSES",
    "Facts",
    "Item",
    "ItemResult",
    "ItemsReport",
    "SectionInput",
    "check_items",
    "warm_up",
]
