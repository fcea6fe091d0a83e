"""Where a heading stands: the parser's rules for telling a heading from text.

A line is a heading by its place and shape as much as by its words: these rules
(a mixin of the parser, :class:`_HeadingRules`) decide whether a line that names a
known section stands as its heading or labels a part of the section above
(:mod:`.layout`), whether a line the vocabulary does not know is a heading by its
layout, and whether "Label: text" starts a section. The parser's state they read
(its lines, the nearest text lines, the headings so far) is described on the
mixin.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from .controller import entities_in
from .layout import (
    ambiguous_key,
    body_supports,
    deletion_is_retention,
    heading_shape,
    is_caps,
    is_list_line,
    nests_in,
)
from .lines import (
    _COMPANY_SUFFIX_RE,
    _DATE_HINT_RE,
    _RUN_IN_RE,
    _is_list_item,
    _Line,
    heading_number,
    strip_heading_number,
)
from .matching import HEADING_MAX_CHARS, HeadingMatch, heading_topics, match_heading
from .sources import EMPHASIS
from .text import _unmark, normalize_heading, strip_invisible
from .vocabulary import NORMALIZED_FIELD_LABELS, NORMALIZED_SECTION_LABELS

_NOT_HEADING_LABELS = NORMALIZED_FIELD_LABELS | NORMALIZED_SECTION_LABELS
#: The confidence of a heading the vocabulary did not know, of an ambiguous one
#: whose body reads as its section, and of one whose body does not.
OTHER_CONFIDENCE = 0.4
#: A plain line is a heading by layout alone (see ``_tight_title``) when it has
#: at most this many words, the line under it at least as many, and the document
#: has this many known headings laid out so.
TIGHT_TITLE_MAX_WORDS = 6
TIGHT_LAYOUT_MIN_HEADINGS = 3
AMBIGUOUS_CONFIDENCE = 0.75
#: A "Label: text" line the vocabulary does not know heads a section of its own
#: only in a document whose known sections (at least this many) all start so, and
#: when its label has at most this many words and its text at least this many.
RUN_IN_LAYOUT_MIN_HEADINGS = 3
#: ... and one that its words name, where at least this many do.
RUN_IN_KEYED_MIN_HEADINGS = 2
RUN_IN_OTHER_MAX_WORDS = 4
RUN_IN_OTHER_MIN_TEXT_WORDS = 3
UNSUPPORTED_CONFIDENCE = 0.5
#: A document whose known headings include this many in capitals has its
#: headings written so (see ``_caps_heading``).
CAPS_LAYOUT_MIN_HEADINGS = 3
#: ... and one whose known headings include this many on lines of their own
#: ending in a colon has its headings laid out so.
COLON_LAYOUT_MIN_HEADINGS = 3


def _confidence(found: HeadingMatch) -> float:
    """A heading match's score as a confidence: 1 for a listed wording."""
    return round(min(found.score, 100.0) / 100, 2)


#: Generic contact headings: the controller's section where a notice has no other
#: (see ``_HeadingRules._contact_heading``), a field's label anywhere else.
CONTACT_HEADINGS = frozenset({"yhteystiedot", "kontaktuppgifter", "contact details"})
#: A heading that matches no known section is shorter still than one that does
#: (``HEADING_MAX_WORDS``, ``HEADING_MAX_CHARS``).
OTHER_HEADING_MAX_WORDS = 8
OTHER_HEADING_MAX_CHARS = 80


@dataclass
class _Draft:
    key: str
    heading: str
    line: int
    also_covers: list[str]
    body: list[_Line] = field(default_factory=list)
    level: int | None = None
    numbered: bool = False
    confidence: float = 1.0
    labelled: bool = False  # has a label straight under its heading
    run_in: bool = False  # its heading runs into its text ("Label: text")


@dataclass
class _HeadingFound:
    match: HeadingMatch | None  # None: a heading that matched no known section
    heading: str
    number: int | None
    rest: str = ""
    level: int | None = None
    confidence: float = 1.0
    number_kind: str | None = None  # see lines.heading_number


class _HeadingRules:
    """The heading rules of :class:`.parser._Parser` (see the module docstring)."""

    lines: list[_Line]
    next_content: list[int | None]
    previous_content: list[int | None]
    heading_indexes: set[int]
    drafts: list[_Draft]
    last_number: int | None
    separated: bool
    dense: bool
    tight_count: int | None
    used_keys: set[str]
    caps_count: int | None  # see _caps_heading
    colon_count: int | None  # see _colon_headings
    _blank_or_dropped: Callable[[int], bool]

    def _next_content(self, index: int) -> _Line | None:
        following = self.next_content[index]
        return None if following is None else self.lines[following]

    def _previous_content(self, index: int) -> _Line | None:
        previous = self.previous_content[index]
        return None if previous is None else self.lines[previous]

    def _contact_heading(
        self, index: int, current: _Draft | None
    ) -> _HeadingFound | None:
        """ "Yhteystiedot:" or "Kontaktuppgifter:" heading a block that names an
        organisation, in a notice that has no controller section (and is not in
        a contact section): the controller's section under a generic heading.
        Anywhere else such a line is the label of a field."""
        line = self.lines[index]
        if (
            normalize_heading(line.clean) not in CONTACT_HEADINGS
            or "controller" in self.used_keys
            or (current is not None and current.key != "other")
            or not (line.clean.endswith(":") or line.level is not None)
            or not self._blank_or_dropped(index - 1)
        ):
            return None
        following = self._next_content(index)
        if following is None or not entities_in(following.clean):
            return None
        return _HeadingFound(
            HeadingMatch("controller", (), AMBIGUOUS_CONFIDENCE * 100),
            strip_invisible(line.raw).strip(),
            None,
            level=line.level,
            confidence=AMBIGUOUS_CONFIDENCE,
        )

    def _is_first_text_line(self, index: int, current: _Draft | None) -> bool:
        """Whether the line at ``index`` is straight under the current section's
        heading, which has no text yet: a heading's text, not another heading,
        unless its wording, number or markup says otherwise."""
        return (
            current is not None
            and index > 0
            and self._is_heading_line(index - 1)
            and not self.lines[index - 1].blank
            and not current.run_in
            and not any(not ln.blank for ln in current.body)
        )

    def _is_layout_heading(
        self,
        index: int,
        line: _Line,
        number: int | None,
        marked: bool,
        prev_boundary: bool,
        current: _Draft | None,
    ) -> bool:
        """A heading the vocabulary does not know, found by its shape: a short line
        ending in a colon or a question mark, bold or in capitals, set apart
        from the text above, with a paragraph of text after it."""
        if number is not None:
            return False
        if current is None:
            # Before the first known heading, only a line laid out as the
            # document's known headings are ("Yleistä:" among "Mitä tietoja
            # keräämme:", "Kenelle tietoja annetaan:"): its introduction ends.
            if not (
                line.clean.endswith(":")
                and self._blank_or_dropped(index - 1)
                and self._colon_headings() >= COLON_LAYOUT_MIN_HEADINGS
                and heading_shape(line.clean, marked=marked)
            ):
                return False
        elif self._is_sub_label(line, current):
            return False
        previous = self._previous_content(index)
        after_sentence = (
            self.dense
            and previous is not None
            and previous.clean.endswith((".", "!", "?"))
        )
        if not heading_shape(line.clean, marked=marked) and not (
            (prev_boundary or after_sentence) and self._tight_title(index, current)
        ):
            return False
        if not (prev_boundary or self.separated or self.dense):
            return False
        following = self._next_content(index)
        if following is None or match_heading(following.clean) is not None:
            return False
        if is_list_line(following.clean) or heading_shape(
            following.clean, marked=False
        ):
            return False  # the lead-in of a list, or a label over a label
        if previous is not None and previous.clean.endswith(":"):
            return False
        # In a numbered document, an unnumbered label is a part of its section.
        return current is None or not (
            current.numbered and self.last_number is not None
        )

    def _is_sub_label(self, line: _Line, current: _Draft) -> bool:
        """Whether a line ending in a colon labels a part of the current section
        rather than heading one of its own: the section's heading has no text
        under it yet ("Rekisterin tietosisältö" over "Asukkaat:"), or the
        section began so and this is the next label of the kind ("Hakijat:")."""
        if not line.clean.endswith(":") or line.explicit or current.key == "other":
            return False
        if not any(not ln.blank for ln in current.body):
            current.labelled = True
        return current.labelled

    def _colon_headings(self) -> int:
        """How many lines of the document name a known section on a line of
        their own ending in a colon, set apart above (counted once)."""
        if self.colon_count is None:
            lines = self.lines
            self.colon_count = sum(
                1
                for i, line in enumerate(lines)
                if line.clean.endswith(":")
                and len(line.clean) <= HEADING_MAX_CHARS
                and self._blank_or_dropped(i - 1)
                and not self._blank_or_dropped(i + 1)
                and match_heading(line.clean) is not None
            )
        return self.colon_count

    def _caps_heading(self, index: int) -> bool:
        """Whether a line in capitals stands as a heading in a document whose
        known headings are written so: set apart above, with text under it."""
        line = self.lines[index]
        if not is_caps(line.clean) or not self._blank_or_dropped(index - 1):
            return False
        following = self._next_content(index)
        if following is None or is_caps(following.clean):
            return False
        return self._caps_layout()

    def _caps_layout(self) -> bool:
        """Whether the document's known headings are written in capitals."""
        if self.caps_count is None:
            self.caps_count = sum(
                1
                for other in self.lines
                if other.clean
                and len(other.clean) <= HEADING_MAX_CHARS
                and is_caps(other.clean)
                and match_heading(other.clean) is not None
            )
        return self.caps_count >= CAPS_LAYOUT_MIN_HEADINGS

    def _tight_title(self, index: int, current: _Draft) -> bool:
        """A plain short line with a sentence right under it, in a document
        whose known headings stand so (a blank line above, text straight
        under): a heading of the same layout whose words are unknown."""
        if current.key in ("controller", "contact_person", "dpo"):
            return False  # names and addresses
        title = self.lines[index].clean
        following = self.lines[index + 1] if index + 1 < len(self.lines) else None
        if (
            following is None
            or following.blank
            or not heading_shape(title + ":", marked=False)
            or len(title.split()) > TIGHT_TITLE_MAX_WORDS
            or len(following.clean.split()) < TIGHT_TITLE_MAX_WORDS
            or not following.clean.endswith((".", ":"))
        ):
            return False
        return self._tight_headings() >= TIGHT_LAYOUT_MIN_HEADINGS

    def _tight_headings(self) -> int:
        """How many lines of the document name a known section with a blank line
        above and text straight under (counted once)."""
        if self.tight_count is None:
            lines = self.lines
            self.tight_count = sum(
                1
                for i in range(len(lines) - 1)
                if not lines[i].blank
                and lines[i + 1].clean
                and (i == 0 or lines[i - 1].blank or self.dense)
                and len(lines[i].clean) <= HEADING_MAX_CHARS
                and match_heading(lines[i].clean) is not None
            )
        return self.tight_count

    def _known_heading(
        self,
        index: int,
        found: HeadingMatch,
        heading: _HeadingFound,
        current: _Draft | None,
    ) -> _HeadingFound | None:
        """A line that names a known section, unless its body or its place says
        otherwise: an ambiguous heading whose body does not read as its section
        is text, and a label about the current section's own topic stays in it."""
        line = self.lines[index]
        heading.confidence = _confidence(found)
        key = ambiguous_key(normalize_heading(line.clean))
        if key is not None:
            if body_supports(key, self._body_after(index)):
                heading.confidence = min(heading.confidence, AMBIGUOUS_CONFIDENCE)
            elif (
                line.explicit or heading.number is not None or self._caps_heading(index)
            ):
                heading.confidence = UNSUPPORTED_CONFIDENCE
            else:
                return None  # "Rekisterin tiedot:" over the fields of a form
        if found.key == "rectification_erasure" and deletion_is_retention(
            line.clean, self._body_after(index)
        ):
            heading.match = HeadingMatch("retention", found.also_covers, found.score)
            heading.confidence = min(heading.confidence, AMBIGUOUS_CONFIDENCE)
        if self._is_label_of(line, heading.number, current):
            return None
        if (
            current is not None
            and heading.number is None
            and line.level is None
            and (line.clean.endswith(":") or not self._blank_or_dropped(index - 1))
            and not is_caps(line.clean)
            and self._caps_layout()
        ):
            # "Rätt att klaga:" under "DINA RÄTTIGHETER" in a document whose
            # headings are all in capitals: a label inside the section.
            return None
        if (
            current is not None
            and current.numbered
            and self.last_number is not None
            and heading.number is None
            and not (line.explicit or line.level == EMPHASIS)
            and heading.match is not None
            and heading.match.key in self.used_keys
        ):
            # "B ADB-registrerade uppgifter" under "9. Principer för skydd av
            # registret": in a numbered document, an unnumbered line naming a
            # topic that has its section already is a part of the current one.
            return None
        return heading

    def _ambiguous_heading(
        self, index: int, number: int | None, current: _Draft | None
    ) -> _HeadingFound | bool:
        """A line that names a section only by what follows it ("Registrets
        uppgifter:", see ``[ambiguous]`` in the vocabulary): the heading of that
        section when its body reads as it; otherwise ``True``, a label that is
        text of the section it stands in; ``False`` for any other line."""
        line = self.lines[index]
        key = ambiguous_key(normalize_heading(line.clean))
        if key is None:
            return False
        if current is not None and key in (current.key, *current.also_covers):
            return True  # "Henkilötiedot" inside the data-content section
        if not body_supports(key, self._body_after(index)):
            # A heading its format, number or capitals mark stays one, with the
            # key its words name but a confidence that asks for a check.
            if not (line.explicit or number is not None or self._caps_heading(index)):
                return True
            return _HeadingFound(
                HeadingMatch(key, (), UNSUPPORTED_CONFIDENCE * 100),
                line.clean,
                number,
                level=line.level,
                confidence=UNSUPPORTED_CONFIDENCE,
            )
        if not (
            heading_shape(line.clean, marked=line.level is not None)
            or self._blank_or_dropped(index - 1)
        ):
            return True  # a word at the start of a line of running text
        found = HeadingMatch(key, (), AMBIGUOUS_CONFIDENCE * 100)
        heading = _HeadingFound(
            found,
            line.clean,
            number,
            level=line.level,
            confidence=AMBIGUOUS_CONFIDENCE,
        )
        return None if self._is_label_of(line, number, current) else heading

    def _is_label_of(
        self, line: _Line, number: int | None, current: _Draft | None
    ) -> bool:
        """Whether ``line`` labels a part of ``current`` rather than starting a
        section: it is not numbered or marked as a heading, and it names a topic
        that the current section's heading already names."""
        if current is None or number is not None or line.explicit:
            return False
        label = (
            line.clean.endswith(":")
            or line.level == EMPHASIS
            or (current.numbered and self.last_number is not None)
        )
        if not label:
            return False
        return nests_in(heading_topics(line.clean), {current.key, *current.also_covers})

    def _heads_paragraph(self, index: int) -> bool:
        """Whether a short line set apart above is followed by a paragraph of
        text: the layout of a heading, whatever words name its topic."""
        line = self.lines[index]
        following = self._next_content(index)
        return (
            following is not None
            and following.number > line.number
            and heading_shape(line.clean, marked=True)
            and not heading_shape(following.clean, marked=False)
            and match_heading(following.clean) is None
        )

    def _body_after(self, index: int, limit: int = 6) -> list[str]:
        """The text lines after ``index`` up to the next heading-like line."""
        body: list[str] = []
        following = self.next_content[index]
        while following is not None and following > index and len(body) < limit:
            clean = self.lines[following].clean
            head = clean.split(":")[0] if _RUN_IN_RE.search(clean) else None
            if match_heading(clean) is not None or (
                head and match_heading(head, topics=False) is not None
            ):
                break
            body.append(clean)
            following = self.next_content[following]
        return body

    def _is_heading_line(self, index: int) -> bool:
        return index in self.heading_indexes

    def _run_in_heading(
        self, clean: str, current: _Draft | None
    ) -> _HeadingFound | None:
        colon = _RUN_IN_RE.search(clean)
        if colon is None:
            return self._run_in_date(clean)
        head, rest = clean[: colon.start()].strip(), clean[colon.end() :].strip()
        if not rest or len(head.split()) > 10 or _is_list_item(head):
            return None
        # Listed wordings only: "Perustiedot: nimi, osoite" is a line of text.
        found = match_heading(head, topics=False)
        if found is None:
            return None
        if current is not None and found.key in (current.key, *current.also_covers):
            return None  # a field of the section it is in
        numbered = heading_number(head)
        number = numbered[1] if numbered else None
        return _HeadingFound(found, head + ":", number, rest)

    def _run_in_other(
        self, index: int, clean: str, current: _Draft | None
    ) -> _HeadingFound | None:
        """ "Kulunvalvonta: Ovella on avainlukija …" in a document whose every
        section so far starts so ("Rekisterinpitäjä: …", "Säilytysaika: …"): a
        heading of the same layout that the vocabulary does not know. A field
        label ("Sähköposti: …") or a sentence's lead-in is not one."""
        colon = _RUN_IN_RE.search(clean)
        if colon is None or current is None or not current.run_in:
            return None
        known = [d for d in self.drafts if d.key != "other"]
        run_in = sum(1 for d in known if d.run_in)
        # The layout is the document's when nearly every section so far starts
        # so: one label over a list ("Käsiteltävät tiedot:") does not change it.
        if run_in < RUN_IN_KEYED_MIN_HEADINGS or run_in < len(known) - 1:
            return None
        head, rest = clean[: colon.start()].strip(), clean[colon.end() :].strip()
        if (
            not heading_shape(head + ":", marked=False)
            or len(head.split()) > RUN_IN_OTHER_MAX_WORDS
            or normalize_heading(head) in _NOT_HEADING_LABELS
            or heading_number(head)
            or _is_list_item(head)
        ):
            return None
        previous = index - 1
        if not (
            self.separated
            or self._blank_or_dropped(previous)
            or previous in self.heading_indexes
        ):
            return None
        # A label of the same layout that its topic words name ("Luovutukset:
        # …", "Suojaus: …") is that section; any other needs a text to head.
        found = match_heading(head)
        ambiguous = ambiguous_key(normalize_heading(head))
        if found is None and ambiguous and body_supports(ambiguous, [rest]):
            # "Uppgifter: namn, adress, e-post": the data, by what it lists.
            found = HeadingMatch(ambiguous, (), AMBIGUOUS_CONFIDENCE * 100)
        if found is not None and found.key not in (
            current.key,
            *current.also_covers,
        ):
            return _HeadingFound(
                found, head + ":", None, rest, confidence=_confidence(found)
            )
        if (
            len(known) < RUN_IN_LAYOUT_MIN_HEADINGS
            or len(rest.split()) < RUN_IN_OTHER_MIN_TEXT_WORDS
        ):
            return None
        return _HeadingFound(None, head + ":", None, rest, confidence=OTHER_CONFIDENCE)

    def _run_in_date(self, clean: str) -> _HeadingFound | None:
        # "Päivitetty 1.1.2019": a date heading and its date on one line.
        date_match = _DATE_HINT_RE.search(clean)
        if date_match is None or date_match.start() == 0:
            return None
        head = _unmark(clean[: date_match.start()]).strip()
        found = match_heading(head) if len(head.split()) <= 3 else None
        if found is None or found.key != "date":
            return None
        return _HeadingFound(found, head, None, _unmark(clean[date_match.start() :]))

    def _is_other_heading(
        self,
        index: int,
        line: _Line,
        number: int | None,
        marked: bool,
        stands_alone: bool,
        current: _Draft | None,
    ) -> bool:
        title = _unmark(line.clean)
        if number is not None:
            title = strip_heading_number(title)
        words = title.split()
        if not (
            0 < len(words) <= OTHER_HEADING_MAX_WORDS
            and len(title) <= OTHER_HEADING_MAX_CHARS
            and title[:1].isupper()
            and not re.search(r"[.,:;]$", title)
            and not re.search(r"\d|@|www\.|https?:", title, re.IGNORECASE)
            and not _COMPANY_SUFFIX_RE.search(title)
            # "Yhteystiedot: osoite, puhelin": a label and its value, not a
            # heading standing alone.
            and not re.search(r":\s+\S", title)
        ):
            return False
        following = self._next_content(index)
        if following is None or match_heading(following.clean) is not None:
            return False  # a heading needs text under it
        if marked:
            return True
        previous = self._previous_content(index)
        if previous is not None and previous.clean.endswith(":"):
            return False  # the line is the first item of a list introduced above
        if number is not None:
            # A numbered heading continues the numbering of the headings above.
            if line.indent:
                return False
            expected = (self.last_number or 0) + 1
            return number == expected and (
                self.last_number is not None or not self.drafts
            )
        # An unnumbered one stands alone after some text of the current section
        # (where blank lines mean something: not in HTML or Word).
        return (
            not self.separated
            and current is not None
            and stands_alone
            and any(not ln.blank for ln in current.body)
            and not _is_list_item(following.clean)
        )
