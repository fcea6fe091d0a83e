"""The parser: a notice's lines into a :class:`.notice.ParsedNotice`.

Real notices are untidy: headings come with or without numbers, colons and blank
lines; titles, preambles and site navigation surround the text. The parser
recognises headings by their wording (:mod:`.matching`) and by their position,
keeps every line of content in some section, and reports rather than guesses
when something does not validate.
"""

from __future__ import annotations

import os
import unicodedata
from pathlib import Path
from typing import Any

from django.utils.translation import gettext_lazy as _

from ..completeness import check_completeness
from ..legal import PRESENT, Facts, SectionInput, check_items
from ..sections import (
    FRAMEWORKS,
    GDPR,
    HTL,
    LANGUAGES,
    REPEATABLE_KEYS,
    SECTIONS_BY_KEY,
)
from .contacts import (
    CONTACT_PERSON_FIELDS,
    CONTROLLER_FIELDS,
    extract_contact_details,
)
from .controller import (
    ControllerFinding,
    contact_from_finding,
    find_controller,
)
from .dates import parse_date
from .detect import _LEGACY_RE, detect_framework, detect_language
from .errors import NoticeImportError
from .evidence import _EvidenceRules
from .formats import read_notice_source
from .lines import (
    _CONTACT_HINT_RE,
    _FILE_NAME_RE,
    _is_footer,
    _is_generic_title,
    _is_list_item,
    _is_menu_item,
    _is_navigation,
    _is_preamble,
    _is_title_candidate,
    _Line,
    _lines_from_source,
    _split_lines,
    heading_number,
    names_document,
)
from .matching import (
    HEADING_MAX_CHARS,
    HEADING_MAX_WORDS,
    match_heading,
)
from .notice import DateLine, ParsedNotice, ParsedSection, _section_lines
from .outline import continues_heading, drop_group, groups_under
from .paragraphs import blocks_to_text, build_blocks
from .placement import (
    _NOT_HEADING_LABELS,
    OTHER_CONFIDENCE,
    _Draft,
    _HeadingFound,
    _HeadingRules,
)
from .sources import EMPHASIS, SourceLine, decode_notice_bytes, notice_file_extension
from .text import (
    _strip_sentence_end,
    _unmark,
    normalize_heading,
    normalize_line_endings,
    strip_invisible,
)
from .vocabulary import (
    NORMALIZED_NAVIGATION_WORDS,
)

#: A text whose share of blank lines is below this has no blank lines to separate
#: its sections: a line that names a section is a heading wherever it stands.
DENSE_BLANK_SHARE = 0.05
#: At least this many short lines in a row before the first heading are a site menu.
MENU_MIN_LINES = 3
#: How many GDPR information items a text without headings must give to be taken
#: for a privacy notice written as prose (the controller, the purposes, a right …).
PROSE_NOTICE_MIN_ITEMS = 4

# Words that name the kind of document, for a title when the notice has none.
_DOCUMENT_WORDS = {
    ("fi", HTL): "Rekisteriseloste",
    ("fi", GDPR): "Tietosuojaseloste",
    ("sv", HTL): "Registerbeskrivning",
    ("sv", GDPR): "Dataskyddsbeskrivning",
    ("en", HTL): "Register description",
    ("en", GDPR): "Privacy notice",
}


class _Parser(_EvidenceRules, _HeadingRules):
    """One parse of one notice; holds the state of the single pass over its lines."""

    def __init__(
        self,
        lines: list[_Line],
        filename: str,
        unit: str = "line",
        separated: bool = False,
    ) -> None:
        self.filename = filename
        self.unit = unit
        self.separated = separated
        self.lines = lines
        self.warnings: list[tuple[int, str]] = []
        self.dropped: set[int] = set()  # indexes of lines that are not content
        self.joined: set[int] = set()  # lines that continue the heading above
        self.drafts: list[_Draft] = []
        self.pre_heading: list[_Line] = []
        self.title_line: _Line | None = None
        self.last_number: int | None = None
        self.number_scheme: str | None = None  # digits, Roman numerals, letters
        self.heading_indexes: set[int] = set()
        self.used_keys: set[str] = set()  # the keys of ``drafts``
        self.tight_count: int | None = None  # see _tight_headings
        self.caps_count: int | None = None  # see _caps_heading
        self.colon_count: int | None = None  # see _colon_headings
        self.date_line: DateLine | None = None  # see _date_line
        content = [index for index, line in enumerate(lines) if not line.blank]
        # The nearest line with text after and before each line, found once: a
        # search from every line would make a long file quadratic.
        self.next_content: list[int | None] = [None] * len(lines)
        self.previous_content: list[int | None] = [None] * len(lines)
        for before, after in zip(content, content[1:], strict=False):
            self.next_content[before:after] = [after] * (after - before)
            self.previous_content[before + 1 : after + 1] = [before] * (after - before)
        if content:
            self.next_content[: content[0]] = [content[0]] * content[0]
            self.previous_content[content[-1] + 1 :] = [content[-1]] * (
                len(lines) - content[-1] - 1
            )
        # Without blank lines between its lines, position cannot tell a heading
        # from text.
        inner_blanks = (
            sum(1 for line in lines[content[0] : content[-1]] if line.blank)
            if content
            else 0
        )
        self.dense = len(content) >= 8 and inner_blanks / len(content) < (
            DENSE_BLANK_SHARE
        )
        # A document whose format marks its section headings (<h2>, "Heading 2")
        # uses bold lines for something else: sub-headings, labels.
        self.explicit_headings = any(
            line.explicit and match_heading(line.clean, marked=True) for line in lines
        )

    # -- helpers ------------------------------------------------------------------

    def warn(self, line: int | None, message: Any) -> None:
        if line:
            params = {"line": line, "message": message}
            if self.unit == "paragraph":
                message = _("paragraph %(line)d: %(message)s") % params
            else:
                message = _("line %(line)d: %(message)s") % params
        self.warnings.append((line or 0, str(message)))

    def _blank_or_dropped(self, index: int) -> bool:
        if index < 0 or index >= len(self.lines):
            return True
        return self.lines[index].blank or index in self.dropped

    # -- pass -----------------------------------------------------------------------

    def parse(self, language: str | None, framework: str | None) -> ParsedNotice:
        if not any(not line.blank for line in self.lines):
            raise NoticeImportError(_("the file is empty."), filename=self.filename)
        self._drop_trailing_junk()
        self._drop_menus()
        current: _Draft | None = None
        for index, line in enumerate(self.lines):
            if index in self.dropped or index in self.joined:
                continue
            if line.blank:
                if current is not None:
                    current.body.append(line)
                continue
            found = self._heading_at(index, current)
            if found is not None and self._is_date_line(found, line, current):
                # "Päivitetty 1.3.2024": the document's date, kept as the text of
                # the section it ends (or of the introduction), not a section.
                self._date_line(found, line, current)
                found = None
            if found is not None:
                self.heading_indexes.add(index)
                self._join_wrapped_heading(found, index)
                current = self._start_section(found, line, current, index)
                continue
            if current is None:
                self._pre_heading_line(index, line)
            else:
                current.body.append(line)
        if not any(d.key != "other" for d in self.drafts) and not self._reads_as_notice(
            language
        ):
            first = next((ln for ln in self.lines if not ln.blank), None)
            raise NoticeImportError(
                _(
                    "no section heading was recognised (such as “Rekisterinpitäjä” "
                    "or “Rekisterin nimi” on a line of its own); is this a privacy "
                    "notice?"
                ),
                filename=self.filename,
                line=first.number if first else None,
                unit=self.unit,
            )
        return self._build(language, framework)

    def _join_wrapped_heading(self, found: _HeadingFound, index: int) -> None:
        """A numbered heading wrapped by hand onto a second line is one heading
        (see :func:`.outline.continues_heading`)."""
        line = self.lines[index]
        if (
            found.rest
            or found.number is None
            or line.level is not None
            or index + 1 >= len(self.lines)
            or self._blank_or_dropped(index + 1)
            or not continues_heading(found.heading, self.lines[index + 1])
        ):
            return
        found.heading = f"{found.heading} {self.lines[index + 1].clean}"
        whole = match_heading(found.heading)
        if whole is not None and (found.match is None or whole.exact):
            found.match = whole
        self.joined.add(index + 1)

    def _reads_as_notice(self, language: str | None) -> bool:
        """Whether a text with no known heading still reads as a privacy notice.

        Some notices are prose: a few paragraphs with no headings at all. Such a
        text is kept (as the introduction, with a warning, for the editor to divide
        into sections) when the legal check finds in it at least
        :data:`PROSE_NOTICE_MIN_ITEMS` of the GDPR information items; anything
        else is refused as before.
        """
        text = "\n".join(
            line.clean
            for index, line in enumerate(self.lines)
            if not line.blank and index not in self.dropped
        )
        report = check_items(
            [SectionInput("other", "", text)],
            Facts(language=language or detect_language(text)),
        )
        found = sum(1 for item in report.items if item.status == PRESENT)
        if found < PROSE_NOTICE_MIN_ITEMS:
            return False
        first = next((ln for ln in self.lines if not ln.blank), None)
        self.warn(
            first.number if first else None,
            _(
                "no section heading was recognised: the text reads as a privacy "
                "notice written as prose and was kept whole; divide it into "
                "sections in the editor."
            ),
        )
        return True

    def _drop_trailing_junk(self) -> None:
        for index in range(len(self.lines) - 1, -1, -1):
            line = self.lines[index]
            if line.blank:
                continue
            if (
                _FILE_NAME_RE.match(line.clean)
                or normalize_heading(line.clean) in NORMALIZED_NAVIGATION_WORDS
                or _is_footer(line.clean)
            ) and not line.explicit:
                self.dropped.add(index)
                self.warn(
                    line.number,
                    _("dropped the stray line “%(text)s” at the end.")
                    % {"text": line.clean},
                )
                continue
            break

    def _drop_menus(self) -> None:
        """Drop runs of menu items (a site's navigation) before the first heading."""
        run: list[int] = []

        def close() -> None:
            if len(run) >= MENU_MIN_LINES:
                self.dropped.update(run)
                self.warn(
                    self.lines[run[0]].number,
                    _("dropped the site navigation “%(text)s”.")
                    % {"text": ", ".join(self.lines[i].clean for i in run)},
                )
            run.clear()

        for index, line in enumerate(self.lines):
            if line.blank or index in self.dropped:
                continue
            if line.explicit or match_heading(line.clean) is not None:
                break  # the notice starts here
            if _is_menu_item(line.clean) or (
                normalize_heading(line.clean) in NORMALIZED_NAVIGATION_WORDS
            ):
                run.append(index)
            else:
                close()
        close()

    def _pre_heading_line(self, index: int, line: _Line) -> None:
        clean = line.clean
        if _is_generic_title(clean) or _is_preamble(clean):
            self.dropped.add(index)
        elif _is_navigation(clean):
            self.dropped.add(index)
            self.warn(
                line.number,
                _("dropped the site navigation line “%(text)s”.") % {"text": clean},
            )
        elif self._takes_title(line):
            self.title_line = line
            self.dropped.add(index)
        else:
            self.pre_heading.append(line)

    def _takes_title(self, line: _Line) -> bool:
        """Whether ``line`` (before any section) is the notice's title."""
        return (
            self.title_line is None
            and (not self.pre_heading or line.level == 1)
            and _is_title_candidate(_unmark(line.clean))
        )

    def _heading_at(self, index: int, current: _Draft | None) -> _HeadingFound | None:
        line = self.lines[index]
        clean = line.clean
        explicit = line.explicit
        numbered = heading_number(clean, self.number_scheme)
        if _is_list_item(clean) and not numbered and not explicit:
            return None
        if numbered is not None and self.number_scheme not in (None, numbered[0]):
            # "A. Manuaalinen aineisto" in a document numbered 1, 2, 3: the
            # number of a part of a section, not of a section.
            numbered = None
        number = numbered[1] if numbered else None
        found = self._heading_found_at(index, current, number)
        if found is not None and found.number is not None and numbered is not None:
            found.number_kind = numbered[0]
        return found

    def _heading_found_at(
        self, index: int, current: _Draft | None, number: int | None
    ) -> _HeadingFound | None:
        line = self.lines[index]
        clean = line.clean
        explicit = line.explicit
        if not explicit and normalize_heading(clean) in (_NOT_HEADING_LABELS):
            return self._contact_heading(index, current)
        if current is None and (
            _is_generic_title(clean)
            or _is_preamble(clean)
            or _is_navigation(clean)
            or (names_document(clean) and not explicit and not self._names_topic(clean))
        ):
            return None  # front matter: see _pre_heading_line
        words = clean.split()
        short = len(words) <= HEADING_MAX_WORDS and len(clean) <= HEADING_MAX_CHARS
        prev_boundary = self._blank_or_dropped(index - 1) or (
            index > 0 and self._is_heading_line(index - 1)
        )
        next_blank = self._blank_or_dropped(index + 1)
        marked = (
            line.level is not None
            or clean.startswith("#")
            or (clean.startswith("**") and clean.rstrip(":").endswith("**"))
        )
        raw_heading = strip_invisible(line.raw).strip()

        # A whole line that names a known section.
        if (short or explicit) and not _CONTACT_HINT_RE.search(clean):
            found = match_heading(clean, marked=marked)
            if found is not None:
                stands_alone = prev_boundary and next_blank
                positioned = (
                    number is not None
                    or marked
                    or clean.endswith(":")
                    or stands_alone
                    or (found.exact and (prev_boundary or next_blank))
                    or (self.dense and (found.exact or clean.endswith("?")))
                    or (prev_boundary and self._heads_paragraph(index))
                )
                if positioned and self._is_first_text_line(index, current):
                    # "REKISTERIN NIMI" over "Taloyhtiön tallentava
                    # kameravalvonta": a heading's text, read by its words.
                    positioned = (
                        found.exact or number is not None or marked or line.explicit
                    )
                if positioned:
                    return self._known_heading(
                        index,
                        found,
                        _HeadingFound(found, raw_heading, number, level=line.level),
                        current,
                    )

        # A heading that names a section only when its text reads as that section.
        ambiguous = self._ambiguous_heading(index, number, current)
        if ambiguous is not False:
            return None if ambiguous is True else ambiguous

        # A run-in heading: "Rekisterin nimi: Asiakasrekisteri".
        run_in = self._run_in_heading(clean, current) or self._run_in_other(
            index, clean, current
        )
        if run_in is not None:
            return run_in

        if current is None and self._takes_title(line):
            return None  # the title: see _pre_heading_line

        # A heading of a section the variants do not know.
        if explicit:
            if (
                current is not None
                and current.level is not None
                and current.level < EMPHASIS
                and (line.level or 0) > current.level
            ):
                return None  # a sub-heading inside the current section
            return _HeadingFound(
                None, raw_heading, number, level=line.level, confidence=OTHER_CONFIDENCE
            )
        if line.level == EMPHASIS and self.explicit_headings:
            return None  # bold text in a document with real headings
        if self._is_other_heading(
            index, line, number, marked, prev_boundary and next_blank, current
        ) or self._is_layout_heading(
            index, line, number, marked, prev_boundary, current
        ):
            return _HeadingFound(
                None, raw_heading, number, level=line.level, confidence=OTHER_CONFIDENCE
            )
        return None

    def _start_section(
        self,
        found: _HeadingFound,
        line: _Line,
        current: _Draft | None,
        index: int | None = None,
    ) -> _Draft:
        if found.number is not None:
            self.last_number = found.number
            self.number_scheme = self.number_scheme or found.number_kind
        if current is not None and groups_under(current, found):
            drop_group(current, self.drafts, self.used_keys)
        if found.match is None and index is not None and not found.rest:
            self._key_by_body(found, index)
        if found.match is None:
            key, also = "other", []
            self.warn(
                line.number,
                _(
                    "the heading “%(heading)s” matched no known section; it was "
                    "imported as another section."
                )
                % {"heading": found.heading},
            )
        else:
            key, also = found.match.key, list(found.match.also_covers)
        if key not in REPEATABLE_KEYS and key in self.used_keys:
            if current is not None and current.key == key:
                # The same topic again straight away: one section, heading kept.
                current.body.append(_Line(line.number, found.heading, found.heading, 0))
                if found.rest:
                    current.body.append(_Line(line.number, found.rest, found.rest, 0))
                self.warn(
                    line.number,
                    _(
                        "the heading “%(heading)s” repeats the section above; "
                        "the two were merged."
                    )
                    % {"heading": found.heading},
                )
                return current
            second = self._second_by_body(found, index)
            if second is not None:
                key, also = second, []
            else:
                self.warn(
                    line.number,
                    _(
                        "a second “%(key)s” section (“%(heading)s”) was imported "
                        "as another section."
                    )
                    % {"key": key, "heading": found.heading},
                )
                key, also = "other", []
        draft = _Draft(
            key,
            found.heading,
            line.number,
            also,
            level=found.level,
            numbered=found.number is not None,
            run_in=bool(found.rest),
            confidence=found.confidence
            if key != "other" or found.match is None
            else OTHER_CONFIDENCE,
        )
        if found.rest:
            draft.body.append(_Line(line.number, found.rest, found.rest, 0))
        self.drafts.append(draft)
        self.used_keys.add(key)
        return draft

    # -- building -----------------------------------------------------------------

    def _build(self, language: str | None, framework: str | None) -> ParsedNotice:
        sections = [self._section(d) for d in self.drafts]
        introduction = build_blocks(self.pre_heading)
        if introduction:
            self.warn(
                self.pre_heading[0].number,
                _(
                    "the text before the first heading was imported as the "
                    "introduction."
                ),
            )
        for section in sections:
            if not section.text.strip():
                self.warn(
                    section.line,
                    _("the section “%(heading)s” has no text.")
                    % {"heading": section.heading},
                )

        content = "\n".join(
            ln.clean
            for index, ln in enumerate(self.lines)
            if index not in self.dropped or ln is self.title_line
        )
        whole = "\n".join(ln.clean for ln in self.lines)
        language = _check_choice(language, LANGUAGES, "language") or detect_language(
            content
        )
        keys = [s.key for s in sections]
        if framework is not None:
            framework = _check_choice(framework, FRAMEWORKS, "framework")
        else:
            framework = detect_framework(whole, keys)
            if not _LEGACY_RE.search(whole) and framework == HTL:
                self.warn(
                    None,
                    _(
                        "the notice names no law; it was read as a legacy register "
                        "description because of its headings."
                    ),
                )
        if framework == HTL:
            self._report_gdpr_gaps(sections, language)

        contact = dict.fromkeys(CONTACT_PERSON_FIELDS)
        finding = self._controller(sections)
        controller = {name: finding.details.get(name) for name in CONTROLLER_FIELDS}
        for section in sections:
            if section.key == "controller":
                section.data = dict(controller)
            elif section.key == "contact_person":
                contact = self._contact_details(section, CONTACT_PERSON_FIELDS)
                section.data = dict(contact)
            elif section.key == "register_name" and section.text.strip():
                first = section.text.strip().split("\n")[0]
                section.data = {"name": _strip_sentence_end(first.removeprefix("- "))}
            elif section.key == "date":
                self._date_data(section)

        contact = contact_from_finding(contact, finding)
        title = self._title(sections, controller, language, framework)
        date_line = self._finish_date_line()
        return ParsedNotice(
            file=self.filename,
            title=title,
            language=language,
            framework=framework,
            controller=controller,
            contact_person=contact,
            sections=sections,
            warnings=[message for _line, message in sorted(self.warnings)],
            controller_uncertain=finding.uncertain,
            introduction=introduction,
            date_line=date_line,
        )

    def _report_gdpr_gaps(self, sections: list[ParsedSection], language: str) -> None:
        """Tell what a legacy register description lacks as a GDPR notice."""
        report = check_completeness(
            HTL, [(s.key, s.also_covers) for s in sections if s.text.strip()]
        )
        if report.gdpr_missing:
            self.warn(
                None,
                _(
                    "as a GDPR privacy notice this register description would also "
                    "need: %(sections)s."
                )
                % {
                    "sections": ", ".join(
                        SECTIONS_BY_KEY[key].heading(language)
                        for key in report.gdpr_missing
                    )
                },
            )

    def _section(self, draft: _Draft) -> ParsedSection:
        blocks = build_blocks(draft.body)
        return ParsedSection(
            key=draft.key,
            heading=draft.heading,
            text=blocks_to_text(blocks),
            also_covers=list(draft.also_covers),
            blocks=blocks,
            line=draft.line,
            confidence=draft.confidence,
        )

    def _title(
        self,
        sections: list[ParsedSection],
        controller: dict[str, str | None],
        language: str,
        framework: str,
    ) -> str:
        if self.title_line is not None:
            return _strip_sentence_end(_unmark(self.title_line.clean))
        register = next(
            (s for s in sections if s.key == "register_name" and s.data.get("name")),
            None,
        )
        if register is not None:
            return register.data["name"]
        word = _DOCUMENT_WORDS.get((language, framework), "Rekisteriseloste")
        if controller.get("name"):
            return f"{word} – {controller['name']}"
        return word

    def _date_data(self, section: ParsedSection) -> None:
        value = parse_date(section.text)
        if value is not None:
            section.data = {"date": value.isoformat()}
        elif section.text.strip():
            self.warn(
                section.line,
                _("no valid date was found under “%(heading)s”.")
                % {"heading": section.heading},
            )

    # -- contact details ----------------------------------------------------------

    def _controller(self, sections: list[ParsedSection]) -> ControllerFinding:
        section = next((s for s in sections if s.key == "controller"), None)
        draft = next((d for d in self.drafts if d.key == "controller"), None)
        intro = [ln.clean for ln in self.pre_heading if not ln.blank]
        if self.title_line is not None:
            intro.insert(0, self.title_line.clean)
        # The section's lines as written: a name and an address on lines of their
        # own are not one wrapped sentence to the controller's reading.
        lines = (
            [_unmark(ln.clean) for ln in draft.body if not ln.blank]
            if draft is not None
            else None
        )
        if section is not None and not lines:
            lines = _section_lines(section)
        return find_controller(
            lines,
            intro,
            [ln.clean for ln in self.lines if not ln.blank],
            warn=lambda msg: self.warn(section.line if section else None, msg),
        )

    def _contact_details(
        self, section: ParsedSection, fields: tuple[str, ...]
    ) -> dict[str, str | None]:
        details = extract_contact_details(
            _section_lines(section), warn=lambda msg: self.warn(section.line, msg)
        )
        return {name: details.get(name) for name in fields}


def _check_choice(value: str | None, choices: tuple[str, ...], name: str) -> str | None:
    if value is None:
        return None
    value = value.split("-")[0].lower()
    if value not in choices:
        raise ValueError(f"unknown {name} {value!r}; expected one of {choices}")
    return value


def parse_notice(
    text: str,
    *,
    filename: str = "",
    language: str | None = None,
    framework: str | None = None,
) -> ParsedNotice:
    """Parse the text of a notice into sections (see the docstring of :mod:`rekisteri_cms.importers`).

    ``language`` (``fi``/``sv``) and ``framework`` (``gdpr``/``htl``) override
    detection. Raises :class:`NoticeImportError` when the text is empty or no
    section heading can be recognised.
    """
    text = normalize_line_endings(unicodedata.normalize("NFC", text))
    lines = _split_lines(text.lstrip("\ufeff"))
    return _Parser(lines, filename).parse(language, framework)


def parse_notice_lines(
    lines: list[SourceLine],
    *,
    filename: str = "",
    language: str | None = None,
    framework: str | None = None,
    unit: str = "line",
    separated: bool = False,
) -> ParsedNotice:
    """Parse a notice given as the line stream of a converted format.

    ``unit`` names what the line numbers count in messages: ``line`` or
    ``paragraph`` (a Word document); ``separated`` is
    :attr:`NoticeSource.separated`. See :func:`parse_notice`.
    """
    parser = _Parser(_lines_from_source(lines), filename, unit, separated)
    return parser.parse(language, framework)


def parse_notice_upload(
    name: str,
    data: bytes,
    *,
    language: str | None = None,
    framework: str | None = None,
) -> ParsedNotice:
    """Parse the bytes of a notice file called ``name`` (an upload, say).

    The extension decides the format: ``.txt``, ``.md``, ``.html``/``.htm`` or
    ``.docx``. Raises :class:`NoticeImportError` for another extension, a file
    that is not what its extension says (a corrupt Word file, binary data), and
    a notice with no recognisable section heading.
    """
    filename = Path(name).name
    extension = notice_file_extension(filename)
    if extension == ".txt":
        return parse_notice(
            decode_notice_bytes(data, filename=filename),
            filename=filename,
            language=language,
            framework=framework,
        )
    source = read_notice_source(filename, data)
    return parse_notice_lines(
        source.lines,
        filename=filename,
        language=language,
        framework=framework,
        unit=source.unit,
        separated=source.separated,
    )


def parse_notice_file(
    path: str | os.PathLike[str],
    *,
    language: str | None = None,
    framework: str | None = None,
) -> ParsedNotice:
    """Read and parse one notice file (see :func:`parse_notice_upload`)."""
    path = Path(path)
    notice_file_extension(path.name)  # an unsupported file is not even read
    return parse_notice_upload(
        path.name, path.read_bytes(), language=language, framework=framework
    )
