"""Evidence beyond a heading's words: the paragraph under it, and date lines.

A mixin of the parser, :class:`_EvidenceRules`, with two kinds of rules:

- a heading the vocabulary does not know, or one whose words name a topic that
  has its section already, is keyed by what its first paragraph says
  (:func:`.layout.body_topic`), with a confidence that asks the editor to check
  it; an organisation with its business ID straight under the first heading is
  the controller;
- a date on a line with no heading of its own ("Päivitetty 1.3.2024") is the
  document's date (:class:`.notice.DateLine`), not a section: it stays the text
  of the section it ends or of the introduction.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.utils.translation import gettext_lazy as _

from .contacts import _BARE_BUSINESS_ID_RE
from .controller import entities_in
from .dates import parse_date
from .layout import body_keys_heading, body_topic, heading_shape
from .lines import _Line
from .matching import HeadingMatch, match_heading
from .notice import DateLine
from .paragraphs import build_blocks
from .placement import RUN_IN_KEYED_MIN_HEADINGS, _Draft, _HeadingFound
from .sources import EMPHASIS
from .text import _unmark

#: The confidence of a heading the vocabulary does not know, keyed by its text:
#: below ``notice.LOW_CONFIDENCE``, so that the editor is asked to confirm it.
BODY_CONFIDENCE = 0.5


class _EvidenceRules:
    """The parser's rules on a heading's text and on date lines (see the module
    docstring); the parser's state they read is described here."""

    lines: list[_Line]
    drafts: list[_Draft]
    used_keys: set[str]
    pre_heading: list[_Line]
    date_line: DateLine | None
    warn: Callable[[int | None, Any], None]

    def _is_date_line(
        self, found: _HeadingFound, line: _Line, current: _Draft | None
    ) -> bool:
        """Whether a date heading is a date line with no heading of its own
        ("Päivitetty 1.3.2024", "Datum för upprättande: 2.4.2012"): its words
        and the date on one line, neither numbered nor marked as a heading by
        the format. "14. Päiväys" over a date is a section, and so is
        "Päiväys: 20.1.2016" in a table of "Label: text" lines whose every known
        section so far starts so: there the label is the heading."""
        if not (
            found.match is not None
            and found.match.key == "date"
            and found.rest
            and found.number is None
            and line.level in (None, EMPHASIS)
        ):
            return False
        known = [d for d in self.drafts if d.key != "other"]
        table = (
            current is not None
            and current.run_in
            and len(known) >= RUN_IN_KEYED_MIN_HEADINGS
            and all(d.run_in for d in known)
        )
        return not (table and found.heading.endswith(":"))

    def _date_line(
        self, found: _HeadingFound, line: _Line, current: _Draft | None
    ) -> None:
        """Remember the first date line as the document's date."""
        if self.date_line is not None:
            return
        value = parse_date(found.rest)
        self.date_line = DateLine(
            heading=_unmark(found.heading).strip().rstrip(":").strip(),
            text=found.rest,
            date=value.isoformat() if value is not None else None,
            line=line.number,
            section=len(self.drafts) - 1 if current is not None else None,
            raw=line,
        )

    @staticmethod
    def _names_topic(clean: str) -> bool:
        """Whether a line that names the document ("Tallentava kameravalvonta –
        tietosuojaseloste") is a section's heading in a listed wording; its
        topic words or lemmas describe the register, not a section."""
        found = match_heading(clean)
        return found is not None and found.exact

    def _key_by_body(self, found: _HeadingFound, index: int) -> None:
        """Key a heading the vocabulary does not know by what its text is about
        (:func:`.layout.body_topic`; the organisation and its business ID straight
        under a heading before any other section: the controller), with a
        confidence that asks the editor to confirm it. A topic that has its
        section already leaves the heading unknown."""
        body = self._first_paragraph(index)
        key = body_topic(body)
        if key is not None and not body_keys_heading(found.heading, body, key):
            key = None
        if key is None and body and self._names_controller(body[0]):
            key = "controller"
        if key is None or key in self.used_keys:
            return
        found.match = HeadingMatch(key, (), BODY_CONFIDENCE * 100)
        found.confidence = BODY_CONFIDENCE
        self.warn(
            self.lines[index].number,
            _(
                "the heading “%(heading)s” matched no known section; its text reads "
                "as the section “%(section)s”: check the key."
            )
            % {"heading": found.heading, "section": key},
        )

    def _first_paragraph(self, index: int, limit: int = 3) -> list[str]:
        """The lines of the paragraph under the heading at ``index``: up to a
        blank line or a line marked or shaped as a heading."""
        body: list[str] = []
        for line in self.lines[index + 1 : index + 1 + limit]:
            if line.blank:
                if body:
                    break
                continue
            if (
                line.level is not None
                or heading_shape(line.clean, marked=False)
                or match_heading(line.clean) is not None
            ):
                break
            body.append(line.clean)
        return body

    def _second_by_body(self, found: _HeadingFound, index: int | None) -> str | None:
        """The key of a heading whose words name a topic that has its section
        already, read by its text instead, when the words were not a listed
        wording ("Mitä tiedoille tapahtuu tutkimuksen jälkeen" over a text
        about destroying them: retention, not a second data-content section)."""
        if index is None or found.rest or found.match is None or found.match.exact:
            return None
        match = found.match
        found.match = None
        self._key_by_body(found, index)
        if found.match is None:
            found.match = match
            return None
        return found.match.key

    def _names_controller(self, first: str) -> bool:
        """Whether the first line under a heading names an organisation with its
        business ID, before any section about the register's contents."""
        return (
            "controller" not in self.used_keys
            and all(d.key in ("other", "register_name", "date") for d in self.drafts)
            and bool(_BARE_BUSINESS_ID_RE.search(first))
            and bool(entities_in(first))
        )

    def _finish_date_line(self) -> DateLine | None:
        """The date line with the text of the section that holds it, without it
        (for the page built from the import, where it is a section of its own)."""
        date_line = self.date_line
        if date_line is None:
            return None
        holder = (
            self.pre_heading
            if date_line.section is None
            else self.drafts[date_line.section].body
        )
        date_line.blocks_without = build_blocks(
            [line for line in holder if line is not date_line.raw]
        )
        date_line.raw = None
        if date_line.date is None:
            self.warn(
                date_line.line,
                _("no valid date was found under “%(heading)s”.")
                % {"heading": date_line.heading},
            )
        return date_line
