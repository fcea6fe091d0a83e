"""The parsed notice: its sections, metadata and warnings."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from ..completeness import CompletenessReport, check_completeness
from ..legal import Facts, ItemsReport, SectionInput, check_items
from .contacts import CONTACT_PERSON_FIELDS, CONTROLLER_FIELDS
from .lines import strip_heading_number
from .paragraphs import Block, blocks_to_html, blocks_to_text
from .text import normalize_space

#: A section whose key is less sure than this is flagged for the editor.
LOW_CONFIDENCE = 0.6


@dataclass
class ParsedSection:
    """One section of an imported notice, under a canonical key (docs/notice-model.md#section-keys).

    ``heading`` is the heading as written in the source (numbering and colon
    included, surrounding spaces removed); ``text`` is the plain text of
    ``blocks``; ``data`` holds typed facts found in the text (a date, the
    controller's identifiers); ``also_covers`` lists the further keys a combined
    heading names; ``line`` is the line number of the heading.
    """

    key: str
    heading: str
    text: str = ""
    also_covers: list[str] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    data: dict[str, Any] = field(default_factory=dict)
    line: int | None = None
    #: How sure the importer is of ``key`` (0-1): 1 for a listed wording, less for
    #: a heading read by its words or lemmas, least for one it did not know.
    confidence: float = 1.0

    @property
    def low_confidence(self) -> bool:
        """Whether an editor should confirm the key (see :data:`LOW_CONFIDENCE`)."""
        return self.confidence < LOW_CONFIDENCE

    @property
    def display_heading(self) -> str:
        """The heading without numbering, Markdown marks or a trailing colon.

        Numbering is derived when a notice is shown (docs/notice-model.md#section-keys), so a
        page built from this section stores this form, not ``heading``.
        """
        text = normalize_space(self.heading).lstrip("#").strip().strip("*_").strip()
        text = strip_heading_number(text)
        return text.strip("*_").rstrip(":;,").strip()

    def as_json(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "heading": self.heading,
            "text": self.text,
            "confidence": round(self.confidence, 2),
            "low_confidence": self.low_confidence,
        }


@dataclass
class DateLine:
    """A date on a line with no heading of its own ("Päivitetty 1.3.2024").

    It is not a section: it stays the text of the section it ends (``section``,
    an index into the notice's sections) or of the introduction (``None``), and
    gives the document its date. A notice built from the import still gets a
    ``date`` section from it: ``heading`` ("Päivitetty") and ``text`` ("1.3.2024")
    are its heading and text there, and ``blocks_without`` is the text of the
    section that held the line, without it.
    """

    heading: str
    text: str
    date: str | None  # ISO date, or None when the line's date is not valid
    line: int
    section: int | None
    raw: Any = None  # the parser's line, while parsing
    blocks_without: list[Block] = field(default_factory=list)


@dataclass
class ParsedNotice:
    """The result of parsing one notice: metadata, sections and warnings."""

    file: str
    title: str
    language: str
    framework: str
    controller: dict[str, str | None]
    contact_person: dict[str, str | None]
    sections: list[ParsedSection]
    warnings: list[str] = field(default_factory=list)
    #: Short notes on what the importer could not decide about the controller.
    controller_uncertain: list[str] = field(default_factory=list)
    #: The text before the first heading, as blocks: the page's introduction.
    introduction: list[Block] = field(default_factory=list)
    #: The document's date given on a line of its own, if any (see :class:`DateLine`).
    date_line: DateLine | None = None

    @property
    def document_date(self) -> str | None:
        """The document's date (ISO): of its date line, else of its date section."""
        if self.date_line is not None and self.date_line.date:
            return self.date_line.date
        section = self.section("date")
        return section.data.get("date") if section is not None else None

    @property
    def low_confidence_sections(self) -> list[ParsedSection]:
        """The sections whose key an editor should confirm."""
        return [s for s in self.sections if s.low_confidence]

    @property
    def introduction_text(self) -> str:
        """The plain text of :attr:`introduction`."""
        return blocks_to_text(self.introduction)

    @property
    def completeness(self) -> CompletenessReport:
        """The completeness report for the notice's framework (empty sections
        do not count)."""
        return check_completeness(
            self.framework,
            [(s.key, s.also_covers) for s in self.sections if s.text.strip()],
        )

    @cached_property
    def gdpr_items(self) -> ItemsReport:
        """The GDPR information items the text gives, judged as for a ``gdpr``
        notice whatever the file's framework (a legacy file gets its GDPR gaps)."""
        # Readers see the introduction above the sections: what it says counts.
        introduction = self.introduction_text
        sections = [SectionInput("other", "", introduction)] if introduction else []
        sections += [
            SectionInput(s.key, s.heading, s.text, tuple(s.also_covers))
            for s in self.sections
        ]
        return check_items(sections, Facts(language=self.language))

    @property
    def missing(self) -> list[str]:
        """The keys the notice lacks for its framework (docs/notice-model.md#section-keys)."""
        return list(self.completeness.missing)

    def section(self, key: str) -> ParsedSection | None:
        """The first section with ``key``, or ``None``."""
        return next((s for s in self.sections if s.key == key), None)

    @property
    def keys(self) -> list[str]:
        return [s.key for s in self.sections]

    def as_json(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "title": self.title,
            "language": self.language,
            "framework": self.framework,
            "controller": {
                **{name: self.controller.get(name) for name in CONTROLLER_FIELDS},
                "uncertain": list(self.controller_uncertain),
            },
            "contact_person": {
                name: self.contact_person.get(name) for name in CONTACT_PERSON_FIELDS
            },
            "sections": [s.as_json() for s in self.sections],
            "missing": self.missing,
            "warnings": list(self.warnings),
            "gdpr_article": self.gdpr_items.article,
            "gdpr_items": [
                {
                    "item": item.code,
                    "status": item.status,
                    "article": item.article,
                    "evidence": item.evidence or "",
                }
                for item in self.gdpr_items.items
            ],
            # Added after the first release of this report: keys are only appended.
            "introduction": self.introduction_text,
            "document_date": self.document_date,
        }


def section_body_html(section: ParsedSection) -> str:
    """The body of ``section`` as HTML for Wagtail's ``RichTextBlock``."""
    return blocks_to_html(section.blocks)


def _section_lines(section: ParsedSection) -> list[str]:
    lines: list[str] = []
    for kind, value in section.blocks:
        if kind == "p":
            lines.extend(value.split("\n"))
        else:
            lines.extend(value)
    return lines
