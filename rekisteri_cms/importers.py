"""Import privacy notices and register descriptions from plain text.

This module is the parsing half of the importer: it turns the text of a notice
(typically copied from a web page into a ``.txt`` file) into a :class:`ParsedNotice`
of canonical sections (notice-model §2) with typed data, warnings for what an editor
should check, and the completeness report of :mod:`rekisteri_cms.validators`. It does
not touch the database; building pages from a parsed notice is a separate step.

Real notices are untidy: headings come with or without numbers, colons and blank
lines; controllers write their business ID and phone number in many ways; titles,
preambles and site navigation surround the text. The parser therefore recognises
headings by their wording (the variants in :mod:`rekisteri_cms.headings`, with a
conservative fuzzy match for spelling variants) and by their position, keeps every
line of content in some section, and reports rather than guesses when something does
not validate (an invalid business ID is left empty, never "fixed").
"""

from __future__ import annotations

import codecs
import html
import os
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Literal

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.utils.translation import gettext_lazy as _
from rapidfuzz import fuzz, process

from .headings import (
    NORMALIZED_FIELD_LABELS,
    NORMALIZED_GENERIC_TITLES,
    NORMALIZED_NAVIGATION_WORDS,
    VARIANT_INDEX,
    normalize_heading,
    normalize_space,
    strip_invisible,
)
from .sections import FRAMEWORKS, GDPR, HTL, LANGUAGES, REPEATABLE_KEYS
from .validators import (
    CompletenessReport,
    check_completeness,
    normalize_business_id,
    normalize_phone,
)

#: Minimum rapidfuzz ``ratio`` (0-100) for a heading to match a variant it is not
#: equal to. High on purpose: it admits a typo or an inflection ("Rekisterin
#: pitäjän"), not a different heading.
FUZZY_THRESHOLD = 90
#: Normalised headings shorter than this are matched exactly only.
FUZZY_MIN_LENGTH = 8
#: A heading has at most this many words and characters.
HEADING_MAX_WORDS = 16
HEADING_MAX_CHARS = 120
#: A heading that matches no known section is shorter still.
OTHER_HEADING_MAX_WORDS = 8
OTHER_HEADING_MAX_CHARS = 80
#: A line at least this long that ends without punctuation was wrapped by hand: the
#: next line continues its sentence.
SOFT_WRAP_MIN_CHARS = 50

Block = tuple[Literal["p"], str] | tuple[Literal["ul", "ol"], list[str]]

CONTROLLER_FIELDS = (
    "name",
    "business_id",
    "street_address",
    "postal_code",
    "locality",
    "phone",
    "email",
    "website",
)
CONTACT_PERSON_FIELDS = ("name", "phone", "email")

# Words that name the kind of document, for a title when the notice has none.
_DOCUMENT_WORDS = {
    ("fi", HTL): "Rekisteriseloste",
    ("fi", GDPR): "Tietosuojaseloste",
    ("sv", HTL): "Registerbeskrivning",
    ("sv", GDPR): "Dataskyddsbeskrivning",
    ("en", HTL): "Register description",
    ("en", GDPR): "Privacy notice",
}


class NoticeImportError(ValueError):
    """A notice that cannot be imported; the message names the file and line.

    ``filename`` is the file's name without its folder, ``line`` the 1-based line
    number where the problem was found, or ``None`` when it concerns the whole file.
    """

    def __init__(self, message: Any, *, filename: str = "", line: int | None = None):
        super().__init__(message)
        self.message = message
        self.filename = filename
        self.line = line

    def __str__(self) -> str:
        params = {"file": self.filename, "line": self.line, "message": self.message}
        if self.filename and self.line:
            return str(_("%(file)s, line %(line)d: %(message)s") % params)
        if self.filename:
            return str(_("%(file)s: %(message)s") % params)
        if self.line:
            return str(_("line %(line)d: %(message)s") % params)
        return str(self.message)


# --------------------------------------------------------------------------------
# Reading files
# --------------------------------------------------------------------------------

_BINARY_SIGNATURES = (
    (b"%PDF-", "PDF"),
    (b"PK\x03\x04", "ZIP or Word (.docx)"),
    (b"\xd0\xcf\x11\xe0", "Word (.doc)"),
    (b"{\\rtf", "RTF"),
)
# Share of characters that may be control or undecodable before a file is binary.
_MAX_NON_TEXT_SHARE = 0.05


def read_notice_file(path: str | os.PathLike[str]) -> str:
    """Read a notice from a ``.txt`` file and return its text.

    The file may be UTF-8 (with or without a byte-order mark), UTF-16 with a
    byte-order mark, or Windows-1252 (what older Finnish Windows editors save).
    Line endings become ``\\n``; no-break spaces are kept for the parser.
    """
    path = Path(path)
    return decode_notice_bytes(path.read_bytes(), filename=path.name)


def decode_notice_bytes(data: bytes, *, filename: str = "") -> str:
    """Decode the bytes of a notice file (see :func:`read_notice_file`).

    Raises :class:`NoticeImportError` for an empty file and for one that is not
    text (a PDF, a word-processor file, or anything with NUL bytes).
    """
    if not data.strip():
        raise NoticeImportError(_("the file is empty."), filename=filename)
    for signature, kind in _BINARY_SIGNATURES:
        if data.startswith(signature):
            raise NoticeImportError(
                _("the file is a %(kind)s file, not plain text; save it as .txt.")
                % {"kind": kind},
                filename=filename,
            )
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise _binary_error(filename) from exc
    elif b"\x00" in data:
        raise _binary_error(filename)
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = data.decode("cp1252", errors="replace")
    if _non_text_share(text) > _MAX_NON_TEXT_SHARE:
        raise _binary_error(filename)
    text = normalize_line_endings(text)
    if not text.strip():
        raise NoticeImportError(_("the file is empty."), filename=filename)
    return text


def _binary_error(filename: str) -> NoticeImportError:
    return NoticeImportError(
        _("the file is not a text file (it contains binary data)."),
        filename=filename,
    )


def _non_text_share(text: str) -> float:
    if not text:
        return 0.0
    allowed = "\t\n\r\f\v\u00ad\u200b\u200c\u200d\u2060\ufeff"
    bad = sum(
        1
        for char in text
        if char == "\ufffd"
        or (unicodedata.category(char).startswith("C") and char not in allowed)
    )
    return bad / len(text)


def normalize_line_endings(text: str) -> str:
    """Use ``\\n`` for every line break (Windows, old Mac, Unicode separators)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return re.sub("[\u2028\u2029\x0b\x0c\x85]", "\n", text)


# --------------------------------------------------------------------------------
# Parsed notice
# --------------------------------------------------------------------------------


@dataclass
class ParsedSection:
    """One section of an imported notice, under a canonical key (notice-model §2).

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

    @property
    def display_heading(self) -> str:
        """The heading without numbering, Markdown marks or a trailing colon.

        Numbering is derived when a notice is shown (notice-model §2), so a
        page built from this section stores this form, not ``heading``.
        """
        text = normalize_space(self.heading).lstrip("#").strip().strip("*_").strip()
        text = _HEADING_NUMBER_RE.sub("", text, count=1)
        return text.strip("*_").rstrip(":;,").strip()

    def as_json(self) -> dict[str, str]:
        return {"key": self.key, "heading": self.heading, "text": self.text}


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

    @property
    def completeness(self) -> CompletenessReport:
        """The completeness report for the notice's framework (empty sections
        do not count)."""
        return check_completeness(
            self.framework,
            [(s.key, s.also_covers) for s in self.sections if s.text.strip()],
        )

    @property
    def missing(self) -> list[str]:
        """The keys the notice lacks for its framework (notice-model §2)."""
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
                name: self.controller.get(name) for name in CONTROLLER_FIELDS
            },
            "contact_person": {
                name: self.contact_person.get(name) for name in CONTACT_PERSON_FIELDS
            },
            "sections": [s.as_json() for s in self.sections],
            "missing": self.missing,
            "warnings": list(self.warnings),
        }


# --------------------------------------------------------------------------------
# Heading matching
# --------------------------------------------------------------------------------


@dataclass(frozen=True)
class HeadingMatch:
    """A heading recognised as canonical section ``key``."""

    key: str
    also_covers: tuple[str, ...] = ()
    score: float = 100.0

    @property
    def exact(self) -> bool:
        return self.score >= 100


_VARIANTS = tuple(VARIANT_INDEX)
_GENERIC_PREFIXES = (
    "rekisterin ",
    "rekisteröidyn ",
    "henkilötietojen ",
    "registrets ",
    "den registrerades ",
)
_COMBINED_SPLIT_RE = re.compile(r",\s+|\s+(?:ja|sekä|och|samt|and|&)\s+")


def _match_one(norm: str, *, fuzzy: bool = True) -> HeadingMatch | None:
    key = VARIANT_INDEX.get(norm)
    if key:
        return HeadingMatch(key)
    for prefix in _GENERIC_PREFIXES:
        if norm.startswith(prefix) and norm[len(prefix) :] in VARIANT_INDEX:
            return HeadingMatch(VARIANT_INDEX[norm[len(prefix) :]])
    if not fuzzy or len(norm) < FUZZY_MIN_LENGTH:
        return None
    best = process.extractOne(
        norm, _VARIANTS, scorer=fuzz.ratio, score_cutoff=FUZZY_THRESHOLD
    )
    if best is None:
        return None
    variant, score, _position = best
    return HeadingMatch(VARIANT_INDEX[variant], score=score)


def _match_combined(norm: str) -> HeadingMatch | None:
    parts = [p for p in _COMBINED_SPLIT_RE.split(norm) if p]
    if len(parts) < 2:
        return None
    first = _match_one(parts[0])
    if first is None:
        return None
    also: list[str] = []
    for part in parts[1:]:
        other = _match_one(part)
        if other and other.key != first.key and other.key not in also:
            also.append(other.key)
    return HeadingMatch(first.key, tuple(also), first.score)


def match_heading(text: str) -> HeadingMatch | None:
    """Recognise ``text`` as the heading of a canonical section, or return ``None``.

    The text is normalised (:func:`rekisteri_cms.headings.normalize_heading`) and
    looked up among the variants; failing that, read as a combined heading ("X ja
    Y") whose first part names the key and whose other parts go to
    ``also_covers``; failing that, matched as a spelling variant within
    ``FUZZY_THRESHOLD``. Field labels ("Nimi", "Puhelin") never match.
    """
    norm = normalize_heading(text)
    if not norm or norm in NORMALIZED_FIELD_LABELS:
        return None
    return (
        _match_one(norm, fuzzy=False)
        or _match_combined(norm)
        or _match_one(norm, fuzzy=True)
    )


# --------------------------------------------------------------------------------
# Language and framework
# --------------------------------------------------------------------------------

# fmt: off
_FI_WORDS = frozenset((
    "ja", "on", "ei", "tai", "sekä", "että", "ovat", "voidaan", "myös", "tiedot",
    "tietoja", "tietojen", "rekisterin", "rekisteri", "henkilötietoja",
    "henkilötietojen", "asiakkaan", "mukaan", "mukaisesti", "kanssa", "jos", "joka",
    "jotka", "kuten", "ole", "käytetään", "sinun", "meidän", "tämä", "tässä",
    "niiden", "vain",
))
_SV_WORDS = frozenset((
    "och", "att", "det", "som", "är", "för", "av", "med", "till", "på", "inte",
    "eller", "om", "kan", "de", "den", "vi", "vår", "våra", "dina", "du",
    "uppgifter", "uppgifterna", "personuppgifter", "registret", "behandling",
    "behandlingen", "enligt", "också", "samt", "har", "ska", "sig", "från",
))
# fmt: on
_WORD_RE = re.compile(r"[^\W\d_]+")
_LEGACY_RE = re.compile(
    r"henkilötietola(?:ki|in|issa|ista|iin|kia)\b|523\s*/\s*1999"
    r"|rekisteriselost|registerbeskrivning|personuppgiftslag",
    re.IGNORECASE,
)
_GDPR_RE = re.compile(
    r"2016\s*/\s*679|tietosuoja-?asetu|\bgdpr\b|1050\s*/\s*2018"
    r"|yleise\w* tietosuoja|dataskyddsförordning|allmänna dataskydds",
    re.IGNORECASE,
)
_GDPR_ONLY_KEYS = frozenset(
    {"retention", "complaint", "automated_decisions", "data_subject_rights", "dpo"}
)


def detect_language(text: str) -> str:
    """Return ``"sv"`` when Swedish function words outnumber Finnish ones, else
    ``"fi"`` (a scored stop-word count: robust enough for two languages that
    share no common short words)."""
    fi = sv = 0
    for word in _WORD_RE.findall(text.casefold()):
        fi += word in _FI_WORDS
        sv += word in _SV_WORDS
    return "sv" if sv > fi else "fi"


def detect_framework(text: str, keys: list[str] | tuple[str, ...] = ()) -> str:
    """Return ``"htl"`` for a legacy register description, else ``"gdpr"``.

    A notice that cites the GDPR is a GDPR notice even if it also names the old
    Personal Data Act; one that cites only the old act (or calls itself a
    rekisteriseloste / registerbeskrivning) is a legacy one. See
    :func:`_structurally_legacy` for notices that name no law at all.
    """
    if _GDPR_RE.search(text):
        return GDPR
    if _LEGACY_RE.search(text):
        return HTL
    if _structurally_legacy(text, keys):
        return HTL
    return GDPR


def _structurally_legacy(text: str, keys: list[str] | tuple[str, ...]) -> bool:
    # The 10 § form has "Rekisterin nimi" and "säännönmukaiset" sources and
    # disclosures; a GDPR notice that names no law still has GDPR-only items.
    if _GDPR_ONLY_KEYS & set(keys):
        return False
    return "register_name" in keys or bool(
        re.search(r"säännönmukai|regelmässig", text, re.IGNORECASE)
    )


# --------------------------------------------------------------------------------
# Line classification
# --------------------------------------------------------------------------------

_HEADING_NUMBER_RE = re.compile(
    r"^(?:§\s*)?(?P<n>\d{1,2})(?:\.\d{1,2})*(?:[.)]|\s*§)?\s+(?=\S)"
)
_BULLET_RE = re.compile(r"^(?:[-–—*+]\s+|[•‣◦▪▫●○■□·➢►✓✔]\s*)(?P<item>\S.*)$")
_ORDERED_RE = re.compile(r"^(?P<n>\d{1,2})[.)]\s+(?P<item>\S.*)$")
_RUN_IN_RE = re.compile(r":\s")
_FILE_NAME_RE = re.compile(
    r"^[\w\-. ()]+\.(?:pdf|docx?|xlsx?|pptx?|odt|ods|rtf|txt|jpe?g|png|gif|zip)$",
    re.IGNORECASE,
)
_BREADCRUMB_RE = re.compile(r"\s+(?:/|>|»|›|\||→)\s+")
_PREAMBLE_DOC_RE = re.compile(r"seloste|beskrivning|notice", re.IGNORECASE)
_PREAMBLE_LAW_RE = re.compile(
    r"mukai|enligt|§|/\d{4}|henkilötietola|personuppgiftslag|asetu|förordning",
    re.IGNORECASE,
)
_STATUTE_RE = re.compile(r"\(\s*\d{1,4}\s*/\s*(?:19|20)\d{2}\s*\)|§")
_COMPANY_SUFFIX_RE = re.compile(
    r"\b(?:oy|oyj|ab|abp|ky|ay|ry|rf|tmi|ltd|inc|gmbh)\.?$", re.IGNORECASE
)
_CONTACT_HINT_RE = re.compile(r"@|\bwww\.|https?://", re.IGNORECASE)
_DATE_HINT_RE = re.compile(r"\b\d{1,2}\.\s?\d{1,2}\.\s?\d{4}\b|\b\d{4}-\d{2}-\d{2}\b")


@dataclass
class _Line:
    number: int
    raw: str
    clean: str
    indent: int

    @property
    def blank(self) -> bool:
        return not self.clean


@dataclass
class _Draft:
    key: str
    heading: str
    line: int
    also_covers: list[str]
    body: list[_Line] = field(default_factory=list)


def _split_lines(text: str) -> list[_Line]:
    lines = []
    for number, raw in enumerate(text.split("\n"), start=1):
        expanded = raw.replace("\t", "    ")
        stripped = expanded.lstrip(" \u00a0\u2007\u202f\ufeff")
        lines.append(
            _Line(number, raw, normalize_space(raw), len(expanded) - len(stripped))
        )
    return lines


def _is_list_item(clean: str) -> bool:
    return bool(_BULLET_RE.match(clean))


def _is_generic_title(clean: str) -> bool:
    return normalize_heading(clean) in NORMALIZED_GENERIC_TITLES


def _is_preamble(clean: str) -> bool:
    # "Henkilötietolain (523/1999) 10 §:n mukainen rekisteriseloste.": a line that
    # cites a statute, or names the document and what it is made under.
    if len(clean.split()) > 30:
        return False
    if _STATUTE_RE.search(clean):
        return True
    return bool(_PREAMBLE_DOC_RE.search(clean) and _PREAMBLE_LAW_RE.search(clean))


def _is_navigation(clean: str) -> bool:
    if normalize_heading(clean) in NORMALIZED_NAVIGATION_WORDS:
        return True
    segments = _BREADCRUMB_RE.split(clean)
    if len(segments) < 2 or any(len(s.split()) > 4 for s in segments):
        return False
    if re.search(r"[.!?:;]$", clean):
        return False
    return len(segments) > 2 or any(
        normalize_heading(s) in NORMALIZED_NAVIGATION_WORDS
        or normalize_heading(s) in NORMALIZED_GENERIC_TITLES
        for s in segments
    )


def _is_title_candidate(clean: str) -> bool:
    words = clean.split()
    return (
        0 < len(words) <= 15
        and len(clean) <= 150
        and bool(re.search(r"[^\W\d_]", clean))
        and not re.search(r"[.,;:!]$", clean)
        and not _DATE_HINT_RE.search(clean)
        and not _CONTACT_HINT_RE.search(clean)
        and not _is_list_item(clean)
    )


# --------------------------------------------------------------------------------
# The parser
# --------------------------------------------------------------------------------


@dataclass
class _HeadingFound:
    match: HeadingMatch | None  # None: a heading that matched no known section
    heading: str
    number: int | None
    rest: str = ""


class _Parser:
    """One parse of one text; holds the state of the single pass over its lines."""

    def __init__(self, text: str, filename: str) -> None:
        text = normalize_line_endings(unicodedata.normalize("NFC", text))
        self.filename = filename
        self.lines = _split_lines(text.lstrip("\ufeff"))
        self.warnings: list[tuple[int, str]] = []
        self.dropped: set[int] = set()  # indexes of lines that are not content
        self.drafts: list[_Draft] = []
        self.pre_heading: list[_Line] = []
        self.title_line: _Line | None = None
        self.last_number: int | None = None

    # -- helpers ------------------------------------------------------------------

    def warn(self, line: int | None, message: Any) -> None:
        if line:
            message = _("line %(line)d: %(message)s") % {
                "line": line,
                "message": message,
            }
        self.warnings.append((line or 0, str(message)))

    def _blank_or_dropped(self, index: int) -> bool:
        if index < 0 or index >= len(self.lines):
            return True
        return self.lines[index].blank or index in self.dropped

    def _next_content(self, index: int) -> _Line | None:
        for line in self.lines[index + 1 :]:
            if not line.blank:
                return line
        return None

    # -- pass -----------------------------------------------------------------------

    def parse(self, language: str | None, framework: str | None) -> ParsedNotice:
        if not any(not line.blank for line in self.lines):
            raise NoticeImportError(_("the file is empty."), filename=self.filename)
        self._drop_trailing_junk()
        current: _Draft | None = None
        for index, line in enumerate(self.lines):
            if index in self.dropped:
                continue
            if line.blank:
                if current is not None:
                    current.body.append(line)
                continue
            found = self._heading_at(index, current)
            if found is not None:
                current = self._start_section(found, line, current)
                continue
            if current is None:
                self._pre_heading_line(index, line)
            else:
                current.body.append(line)
        if not any(d.key != "other" for d in self.drafts):
            first = next((ln for ln in self.lines if not ln.blank), None)
            raise NoticeImportError(
                _(
                    "no section heading was recognised (such as “Rekisterinpitäjä” "
                    "or “Rekisterin nimi” on a line of its own); is this a privacy "
                    "notice?"
                ),
                filename=self.filename,
                line=first.number if first else None,
            )
        return self._build(language, framework)

    def _drop_trailing_junk(self) -> None:
        for index in range(len(self.lines) - 1, -1, -1):
            line = self.lines[index]
            if line.blank:
                continue
            if _FILE_NAME_RE.match(line.clean) or (
                normalize_heading(line.clean) in NORMALIZED_NAVIGATION_WORDS
            ):
                self.dropped.add(index)
                self.warn(
                    line.number,
                    _("dropped the stray line “%(text)s” at the end.")
                    % {"text": line.clean},
                )
                continue
            break

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
        elif (
            self.title_line is None
            and not self.pre_heading
            and _is_title_candidate(clean)
        ):
            self.title_line = line
            self.dropped.add(index)
        else:
            self.pre_heading.append(line)

    def _heading_at(self, index: int, current: _Draft | None) -> _HeadingFound | None:
        line = self.lines[index]
        clean = line.clean
        if _is_list_item(clean) and not _HEADING_NUMBER_RE.match(clean):
            return None
        number_match = _HEADING_NUMBER_RE.match(clean)
        number = int(number_match.group("n")) if number_match else None
        words = clean.split()
        short = len(words) <= HEADING_MAX_WORDS and len(clean) <= HEADING_MAX_CHARS
        prev_boundary = self._blank_or_dropped(index - 1) or (
            index > 0 and self._is_heading_line(index - 1)
        )
        next_blank = self._blank_or_dropped(index + 1)
        marked = clean.startswith("#") or (
            clean.startswith("**") and clean.rstrip(":").endswith("**")
        )
        if normalize_heading(clean) in NORMALIZED_FIELD_LABELS:
            return None

        # A whole line that names a known section.
        if short and not _CONTACT_HINT_RE.search(clean):
            found = match_heading(clean)
            if found is not None:
                stands_alone = prev_boundary and next_blank
                positioned = (
                    number is not None
                    or marked
                    or clean.endswith(":")
                    or stands_alone
                    or (found.exact and (prev_boundary or next_blank))
                )
                if positioned:
                    return _HeadingFound(
                        found, strip_invisible(line.raw).strip(), number
                    )

        # A run-in heading: "Rekisterin nimi: Asiakasrekisteri".
        run_in = self._run_in_heading(clean)
        if run_in is not None:
            return run_in

        # A heading of a section the variants do not know.
        if self._is_other_heading(
            index, line, number, marked, prev_boundary and next_blank, current
        ):
            return _HeadingFound(None, strip_invisible(line.raw).strip(), number)
        return None

    def _is_heading_line(self, index: int) -> bool:
        return any(d.line == self.lines[index].number for d in self.drafts)

    def _run_in_heading(self, clean: str) -> _HeadingFound | None:
        colon = _RUN_IN_RE.search(clean)
        if colon is None:
            return self._run_in_date(clean)
        head, rest = clean[: colon.start()].strip(), clean[colon.end() :].strip()
        if not rest or len(head.split()) > 10 or _is_list_item(head):
            return None
        found = match_heading(head)
        if found is None:
            return None
        number_match = _HEADING_NUMBER_RE.match(head)
        number = int(number_match.group("n")) if number_match else None
        return _HeadingFound(found, head + ":", number, rest)

    def _run_in_date(self, clean: str) -> _HeadingFound | None:
        # "Päivitetty 1.1.2019": a date heading and its date on one line.
        date_match = _DATE_HINT_RE.search(clean)
        if date_match is None or date_match.start() == 0:
            return None
        head = clean[: date_match.start()].strip()
        found = match_heading(head) if len(head.split()) <= 3 else None
        if found is None or found.key != "date":
            return None
        return _HeadingFound(found, head, None, clean[date_match.start() :])

    def _is_other_heading(
        self,
        index: int,
        line: _Line,
        number: int | None,
        marked: bool,
        stands_alone: bool,
        current: _Draft | None,
    ) -> bool:
        title = line.clean.lstrip("#").strip().strip("*_").strip()
        if number is not None:
            title = _HEADING_NUMBER_RE.sub("", title, count=1)
        words = title.split()
        if not (
            0 < len(words) <= OTHER_HEADING_MAX_WORDS
            and len(title) <= OTHER_HEADING_MAX_CHARS
            and title[:1].isupper()
            and not re.search(r"[.,:;]$", title)
            and not re.search(r"\d|@|www\.|https?:", title, re.IGNORECASE)
            and not _COMPANY_SUFFIX_RE.search(title)
        ):
            return False
        following = self._next_content(index)
        if following is None or match_heading(following.clean) is not None:
            return False  # a heading needs text under it
        if marked:
            return True
        previous = next(
            (ln for ln in reversed(self.lines[:index]) if not ln.blank), None
        )
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
        # An unnumbered one stands alone after some text of the current section.
        return (
            current is not None
            and stands_alone
            and any(not ln.blank for ln in current.body)
            and not _is_list_item(following.clean)
        )

    def _start_section(
        self, found: _HeadingFound, line: _Line, current: _Draft | None
    ) -> _Draft:
        if found.number is not None:
            self.last_number = found.number
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
        used = {d.key for d in self.drafts}
        if key not in REPEATABLE_KEYS and key in used:
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
            self.warn(
                line.number,
                _(
                    "a second “%(key)s” section (“%(heading)s”) was imported as "
                    "another section."
                )
                % {"key": key, "heading": found.heading},
            )
            key, also = "other", []
        draft = _Draft(key, found.heading, line.number, also)
        if found.rest:
            draft.body.append(_Line(line.number, found.rest, found.rest, 0))
        self.drafts.append(draft)
        return draft

    # -- building -----------------------------------------------------------------

    def _build(self, language: str | None, framework: str | None) -> ParsedNotice:
        sections = [self._section(d) for d in self.drafts]
        if any(not ln.blank for ln in self.pre_heading):
            intro = _Draft("other", "", self.pre_heading[0].number, [])
            intro.body = self.pre_heading
            sections.insert(0, self._section(intro))
            self.warn(
                intro.line,
                _(
                    "the text before the first heading was imported as a section "
                    "without a heading."
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

        controller = dict.fromkeys(CONTROLLER_FIELDS)
        contact = dict.fromkeys(CONTACT_PERSON_FIELDS)
        for section in sections:
            if section.key == "controller":
                controller = self._contact_details(section, CONTROLLER_FIELDS)
                section.data = dict(controller)
            elif section.key == "contact_person":
                contact = self._contact_details(section, CONTACT_PERSON_FIELDS)
                section.data = dict(contact)
            elif section.key == "register_name" and section.text.strip():
                first = section.text.strip().split("\n")[0]
                section.data = {"name": _strip_sentence_end(first.removeprefix("- "))}
            elif section.key == "date":
                self._date_data(section)

        title = self._title(sections, controller, language, framework)
        return ParsedNotice(
            file=self.filename,
            title=title,
            language=language,
            framework=framework,
            controller=controller,
            contact_person=contact,
            sections=sections,
            warnings=[message for _line, message in sorted(self.warnings)],
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
        )

    def _title(
        self,
        sections: list[ParsedSection],
        controller: dict[str, str | None],
        language: str,
        framework: str,
    ) -> str:
        if self.title_line is not None:
            return _strip_sentence_end(self.title_line.clean)
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


def _strip_sentence_end(text: str) -> str:
    return text.strip().rstrip(".").strip()


def parse_notice(
    text: str,
    *,
    filename: str = "",
    language: str | None = None,
    framework: str | None = None,
) -> ParsedNotice:
    """Parse the text of a notice into sections (see the module docstring).

    ``language`` (``fi``/``sv``) and ``framework`` (``gdpr``/``htl``) override
    detection. Raises :class:`NoticeImportError` when the text is empty or no
    section heading can be recognised.
    """
    return _Parser(text, filename).parse(language, framework)


def parse_notice_file(
    path: str | os.PathLike[str],
    *,
    language: str | None = None,
    framework: str | None = None,
) -> ParsedNotice:
    """Read and parse one ``.txt`` notice file."""
    path = Path(path)
    return parse_notice(
        read_notice_file(path),
        filename=path.name,
        language=language,
        framework=framework,
    )


# --------------------------------------------------------------------------------
# Blocks, text and HTML
# --------------------------------------------------------------------------------


def build_blocks(lines: list[_Line] | list[str]) -> list[Block]:
    """Group section lines into paragraphs and lists.

    Blank lines separate paragraphs; bullet lines ("-", "•", "–") make ``ul`` and
    numbered lines ("1.", "2)") ``ol`` items. Within a paragraph, a line that was
    wrapped by hand (long, no closing punctuation) is joined to the next with a
    space; other line breaks (an address, one sentence a line) are kept as ``\\n``.
    """
    items: list[_Line] = [
        ln if isinstance(ln, _Line) else _split_lines(ln)[0] for ln in lines
    ]
    blocks: list[Block] = []
    paragraph: list[str] = []
    list_kind: Literal["ul", "ol"] | None = None
    list_items: list[str] = []
    item_indent = 0

    def flush() -> None:
        nonlocal paragraph, list_kind, list_items
        if paragraph:
            blocks.append(("p", _join_paragraph(paragraph)))
        if list_kind and list_items:
            blocks.append((list_kind, list_items))
        paragraph, list_kind, list_items = [], None, []

    for line in items:
        clean = line.clean
        if not clean:
            flush()
            continue
        bullet = _BULLET_RE.match(clean)
        ordered = _ORDERED_RE.match(clean)
        kind: Literal["ul", "ol"] | None = "ul" if bullet else "ol" if ordered else None
        match = bullet or ordered
        if kind is not None and match is not None:
            if kind != list_kind or paragraph:
                flush()
                list_kind = kind
            list_items.append(match.group("item").strip())
            item_indent = line.indent
            continue
        if (
            list_kind
            and list_items
            and (line.indent > item_indent or clean[:1].islower())
        ):
            list_items[-1] = f"{list_items[-1]} {clean}"
            continue
        if list_kind:
            flush()
        paragraph.append(clean)
    flush()
    return blocks


def _join_paragraph(lines: list[str]) -> str:
    text = lines[0]
    for previous, line in zip(lines, lines[1:], strict=False):
        wrapped = len(previous) >= SOFT_WRAP_MIN_CHARS and not re.search(
            r"[.!?:;]$", previous
        )
        text += (" " if wrapped else "\n") + line
    return text


def blocks_to_text(blocks: list[Block]) -> str:
    """Plain text of blocks: paragraphs apart by a blank line, list items as
    ``- item`` (or ``1. item``) lines."""
    parts = []
    for kind, value in blocks:
        if kind == "p":
            parts.append(value)
        elif kind == "ul":
            parts.append("\n".join(f"- {item}" for item in value))
        else:
            parts.append("\n".join(f"{n}. {item}" for n, item in enumerate(value, 1)))
    return "\n\n".join(parts)


def blocks_to_html(blocks: list[Block]) -> str:
    """Safe rich-text HTML of blocks: ``<p>`` (with ``<br/>`` for kept line
    breaks), ``<ul>``/``<ol>`` with ``<li>``; every text is escaped."""
    parts = []
    for kind, value in blocks:
        if kind == "p":
            lines = "<br/>".join(html.escape(line) for line in value.split("\n"))
            parts.append(f"<p>{lines}</p>")
        else:
            items = "".join(f"<li>{html.escape(item)}</li>" for item in value)
            parts.append(f"<{kind}>{items}</{kind}>")
    return "".join(parts)


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


# --------------------------------------------------------------------------------
# Typed data: dates and contact details
# --------------------------------------------------------------------------------

# fmt: off
_FI_MONTHS = (
    "tammi", "helmi", "maalis", "huhti", "touko", "kesä", "heinä", "elo", "syys",
    "loka", "marras", "joulu",
)
_SV_MONTHS = (
    "januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti",
    "september", "oktober", "november", "december",
)
# fmt: on
_NUMERIC_DATE_RE = re.compile(r"\b(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4})\b")
_ISO_DATE_RE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_FI_MONTH_DATE_RE = re.compile(
    r"\b(\d{1,2})\.?\s+(" + "|".join(_FI_MONTHS) + r")kuuta\s+(\d{4})\b",
    re.IGNORECASE,
)
_SV_MONTH_DATE_RE = re.compile(
    r"\b(\d{1,2})\s+(" + "|".join(_SV_MONTHS) + r")\s+(\d{4})\b", re.IGNORECASE
)


def parse_date(text: str) -> date | None:
    """The first date in ``text`` ("31.5.2008", "2008-05-31", "31. toukokuuta
    2008", "31 maj 2008"), or ``None`` when there is no valid one."""
    candidates: list[tuple[int, int, int, int]] = []  # position, y, m, d
    for match in _NUMERIC_DATE_RE.finditer(text):
        d, m, y = (int(g) for g in match.groups())
        candidates.append((match.start(), y, m, d))
    for match in _ISO_DATE_RE.finditer(text):
        y, m, d = (int(g) for g in match.groups())
        candidates.append((match.start(), y, m, d))
    for regex, months in (
        (_FI_MONTH_DATE_RE, _FI_MONTHS),
        (_SV_MONTH_DATE_RE, _SV_MONTHS),
    ):
        for match in regex.finditer(text):
            month = months.index(match.group(2).lower()) + 1
            candidates.append(
                (match.start(), int(match.group(3)), month, int(match.group(1)))
            )
    for _pos, y, m, d in sorted(candidates):
        try:
            return date(y, m, d)
        except ValueError:
            continue
    return None


# fmt: off
_LABELS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("name", ("nimi", "yrityksen nimi", "toiminimi", "yritys", "namn", "firma",
              "name")),
    ("business_id", ("y-tunnus", "ytunnus", "y tunnus", "fo-nummer", "business id")),
    ("address", ("osoite", "postiosoite", "käyntiosoite", "katuosoite",
                 "yhteystiedot", "adress", "postadress", "besöksadress", "address")),
    ("phone", ("puhelin", "puhelinnumero", "puh", "p", "matkapuhelin", "gsm", "tel",
               "telefon", "phone")),
    ("email", ("sähköposti", "sähköpostiosoite", "s-posti", "email", "e-mail",
               "e-post")),
    ("website", ("internet", "www", "kotisivu", "kotisivut", "verkkosivut",
                 "webbplats", "hemsida", "website")),
    ("other", ("fax", "faksi", "titteli", "tehtävä")),
)
# fmt: on
# "Label" (lower case) -> the kind of value it introduces.
_LABEL_KINDS: dict[str, str] = {
    label: kind for kind, labels in _LABELS for label in labels
}

_LABEL_RE = re.compile(r"^(?P<label>[^\W\d][\w .-]{0,30}?)\s*[:.]\s*(?P<value>.*)$")
_BUSINESS_ID_RE = re.compile(
    r"\b(?:y-?\s?tunnus|fo-?\s?nummer|business\s+id|org\.?\s*nr)\b\.?\s*:?\s*"
    r"(?P<id>\d{6,7}\s?-\s?\d)\b",
    re.IGNORECASE,
)
_BARE_BUSINESS_ID_RE = re.compile(r"(?<![\d+])\b(?P<id>\d{7}-\d)\b(?!\d)")
_PHONE_RE = re.compile(
    r"(?:\b(?:puhelin|puhelinnumero|puh|matkapuhelin|gsm|tel|telefon|phone)\b\.?"
    r"|(?<![\w.])p\.)\s*:?\s*(?P<number>\+?\(?\d[\d\s\-()/]{5,}\d)",
    re.IGNORECASE,
)
_BARE_PHONE_RE = re.compile(r"^\+?\(?\d[\d\s\-()/]{5,}\d$")
_OBFUSCATED_AT_RE = re.compile(
    r"\s*[\(\[\{<]\s*(?:at|ät|a|miuku)\s*[\)\]\}>]\s*", re.IGNORECASE
)
_OBFUSCATED_DOT_RE = re.compile(
    r"\s*[\(\[\{<]\s*(?:dot|piste|punkt)\s*[\)\]\}>]\s*", re.IGNORECASE
)
_EMAIL_RE = re.compile(r"[\w.!#$%&'*+/=?^`{|}~-]+@[\w-]+(?:\.[\w-]+)+")
_WEBSITE_RE = re.compile(r"\b(?:https?://|www\.)[^\s,;<>()]+", re.IGNORECASE)
_POSTAL_RE = re.compile(
    r"(?:^|,\s*|\s)(?:FI-?\s?)?(?P<code>\d{5})\s+"
    r"(?P<locality>[^\W\d_][^\W\d_\- ]*(?:[- ][^\W\d_]+){0,2})\s*(?:,|\.|$)"
)
_PO_BOX_RE = re.compile(
    r"^(?:PL|PB|P\.?\s?O\.?\s*Box|Postilokero|Box)\s*\d+", re.IGNORECASE
)
_NAME_CUT_RE = re.compile(
    r"\s*[,(;/–-]?\s*(?:\b(?:y-?\s?tunnus|fo-?\s?nummer|puh|puhelin|tel|gsm"
    r"|sähköposti|s-posti|e-?mail|e-post)\b|(?<![\w.])p\.\s*\d).*$",
    re.IGNORECASE,
)
_email_validator = EmailValidator()
_url_validator = URLValidator(schemes=["http", "https"])


def _label_of(line: str) -> tuple[str | None, str]:
    """``(kind, value)`` of a "Label: value" line; ``(None, line)`` otherwise."""
    match = _LABEL_RE.match(line)
    if match is None:
        return None, line
    label = normalize_space(match.group("label")).casefold().rstrip(".")
    kind = _LABEL_KINDS.get(label)
    if kind is None:
        return None, line
    if kind == "phone" and not re.match(r"\+?\(?\d", match.group("value")):
        return None, line
    return kind, match.group("value").strip()


def extract_contact_details(
    lines: list[str], *, warn: Callable[[Any], None] | None = None
) -> dict[str, str | None]:
    """Find a name, business ID, address, phone, e-mail and website in lines.

    Labelled values ("Puhelin: …", "Namn: …") come first; otherwise the first
    line that is none of the others is the name and a line with a postal code
    ("60101 Seinäjoki", "Katu 1, 00100 Helsinki") the address. Identifiers go
    through :mod:`rekisteri_cms.validators`; a value that does not validate is
    reported through ``warn`` and left out, never corrected.
    """

    def report(message: Any) -> None:
        if warn is not None:
            warn(message)

    details: dict[str, str | None] = dict.fromkeys(CONTROLLER_FIELDS)
    labelled = [_label_of(normalize_space(line)) for line in lines if line.strip()]

    # Business ID.
    whole = "\n".join(value for _kind, value in labelled)
    raw_ids = [m.group("id") for m in _BUSINESS_ID_RE.finditer(whole)]
    raw_ids += [value for kind, value in labelled if kind == "business_id"]
    if not raw_ids:
        raw_ids = [m.group("id") for m in _BARE_BUSINESS_ID_RE.finditer(whole)]
    if raw_ids:
        raw_id = re.sub(r"\s", "", raw_ids[0])
        try:
            details["business_id"] = normalize_business_id(raw_id)
        except ValidationError as exc:
            if exc.code == "invalid_checksum":
                message = _(
                    "the check digit of the business ID (Y-tunnus) %(value)s is "
                    "wrong; the business ID was left empty."
                )
            else:
                message = _(
                    "%(value)s is not a valid business ID (Y-tunnus); the business "
                    "ID was left empty."
                )
            report(message % {"value": raw_id})

    # Phone.
    for kind, value in labelled:
        if kind == "other":
            continue
        candidate = None
        if kind == "phone":
            candidate = value
        else:
            match = _PHONE_RE.search(value) or (
                _BARE_PHONE_RE.match(value) if kind is None else None
            )
            if match is not None:
                candidate = match.groupdict().get("number") or match.group(0)
        if candidate:
            if _BARE_BUSINESS_ID_RE.fullmatch(candidate.strip()):
                continue
            try:
                details["phone"] = normalize_phone(candidate.strip())
            except ValidationError:
                report(
                    _(
                        "%(value)s is not a valid phone number; the phone number "
                        "was left empty."
                    )
                    % {"value": candidate.strip()}
                )
            break

    # E-mail.
    for _kind, value in labelled:
        text = _OBFUSCATED_DOT_RE.sub(".", _OBFUSCATED_AT_RE.sub("@", value))
        match = _EMAIL_RE.search(text)
        if match is None:
            continue
        email = match.group(0).rstrip(".")
        try:
            _email_validator(email)
        except ValidationError:
            report(
                _("the e-mail address %(value)s is not valid; it was left empty.")
                % {"value": email}
            )
        else:
            details["email"] = email
        break

    # Website.
    for kind, value in labelled:
        match = _WEBSITE_RE.search(value)
        candidate = match.group(0) if match else None
        if candidate is None and kind == "website" and value and "@" not in value:
            candidate = value.split()[0]
        if not candidate:
            continue
        candidate = candidate.rstrip(".,;:/")
        if not re.match(r"https?://", candidate, re.IGNORECASE):
            candidate = "https://" + candidate
        try:
            _url_validator(candidate)
        except ValidationError:
            continue
        details["website"] = candidate
        break

    # Address.
    for index, (kind, value) in enumerate(labelled):
        if kind not in (None, "address"):
            continue
        match = _POSTAL_RE.search(value)
        if match is None:
            continue
        details["postal_code"] = match.group("code")
        locality = match.group("locality").strip()
        details["locality"] = locality.title() if locality.isupper() else locality
        street = value[: match.start()].strip(" ,")
        street = street.split(",")[-1].strip() if street else ""
        if not re.search(r"\d", street):
            street = ""  # "Yritys Oy, 00100 Helsinki": a name, not a street
        if not street and index > 0:
            prev_kind, prev_value = labelled[index - 1]
            if (
                prev_kind in (None, "address")
                and (re.search(r"\d", prev_value) or _PO_BOX_RE.match(prev_value))
                and not _looks_like_identifier(prev_value)
            ):
                street = prev_value
        if street and not _PO_BOX_RE.match(street):
            details["street_address"] = street
        break

    # Name.
    for kind, value in labelled:
        if kind == "name" and value:
            details["name"] = _clean_name(value)
            break
    else:
        for kind, value in labelled:
            if kind is not None:
                continue
            if _PO_BOX_RE.match(value):
                continue
            # "Yritys Oy, Katu 1, 00100 Helsinki, info@yritys.fi": the first part.
            name = _clean_name(value.split(",")[0])
            if not name or _looks_like_identifier(name):
                continue
            if len(name.split()) <= 8 and not name.endswith("."):
                details["name"] = name
            break
    return details


def _looks_like_identifier(value: str) -> bool:
    return bool(
        _BARE_PHONE_RE.match(value)
        or _PHONE_RE.match(value)
        or _BUSINESS_ID_RE.match(value)
        or _EMAIL_RE.search(_OBFUSCATED_AT_RE.sub("@", value))
        or _WEBSITE_RE.match(value)
        or re.match(r"^\d{5}\s", value)
    )


def _clean_name(value: str) -> str:
    name = _NAME_CUT_RE.sub("", value)
    name = _EMAIL_RE.sub("", _OBFUSCATED_AT_RE.sub("@", name))
    return name.strip(" ,;:–-(").strip()


__all__ = [
    "CONTACT_PERSON_FIELDS",
    "CONTROLLER_FIELDS",
    "HeadingMatch",
    "NoticeImportError",
    "ParsedNotice",
    "ParsedSection",
    "blocks_to_html",
    "blocks_to_text",
    "build_blocks",
    "decode_notice_bytes",
    "detect_framework",
    "detect_language",
    "extract_contact_details",
    "match_heading",
    "normalize_line_endings",
    "parse_date",
    "parse_notice",
    "parse_notice_file",
    "read_notice_file",
    "section_body_html",
]


# --------------------------------------------------------------------------------
# Building pages (the database half)
# --------------------------------------------------------------------------------

#: Heading of an ``other`` section whose source had none (text before the first
#: heading): the block requires one.
_UNTITLED_HEADING = {
    "fi": "Muut tiedot",
    "sv": "Övrig information",
    "en": "Other information",
}


@dataclass
class ImportResult:
    """What importing one file did."""

    parsed: ParsedNotice
    page: Any = None
    created: bool = False
    state: str = "draft"  # draft, in_review, published, skipped


def _section_value(section: ParsedSection, language: str, controller) -> dict[str, Any]:
    heading = section.display_heading
    if section.key == "other" and not heading:
        heading = _UNTITLED_HEADING.get(language, _UNTITLED_HEADING["fi"])
    value: dict[str, Any] = {
        "heading": heading,
        "body": section_body_html(section),
        "also_covers": list(section.also_covers),
    }
    if section.key == "controller":
        value["controller"] = controller.pk if controller else None
    elif section.key == "contact_person":
        for name in CONTACT_PERSON_FIELDS:
            value[name] = section.data.get(name) or ""
    elif section.key == "register_name":
        value["name"] = section.data.get("name", "")
        if _strip_sentence_end(section.text.strip()) == value["name"]:
            value["body"] = ""  # the name is all the section says: show it once
    elif section.key == "date" and section.data.get("date"):
        value["date"] = section.data["date"]
    return value


def stream_data(parsed: ParsedNotice, controller=None) -> list[dict[str, Any]]:
    """The ``NoticeStreamBlock`` raw data of a parsed notice.

    A ``gdpr`` import gets the required sections it lacks as empty sections with
    their canonical headings, for the editor to write: they stay "missing", so the
    draft cannot be published until they are written.
    """
    data = [
        {"type": s.key, "value": _section_value(s, parsed.language, controller)}
        for s in parsed.sections
    ]
    if parsed.framework == GDPR:
        present = {s.key for s in parsed.sections}
        for key in parsed.missing:
            if key not in present:
                data.append({"type": key, "value": {"heading": "", "body": ""}})
    return data


def _controller_for(parsed: ParsedNotice, locale):
    """Reuse the locale's controller with the same business ID (or name), or make one."""
    from .models import Controller

    fields = parsed.controller
    if not fields.get("name"):
        return None
    existing = Controller.objects.filter(locale=locale)
    if fields.get("business_id"):
        existing = existing.filter(business_id=fields["business_id"])
    else:
        existing = existing.filter(name=fields["name"], business_id="")
    controller = existing.first()
    if controller is not None:
        return controller
    controller = Controller(
        locale=locale,
        **{name: fields.get(name) or "" for name in CONTROLLER_FIELDS},
    )
    try:
        controller.full_clean()
    except ValidationError as error:
        raise NoticeImportError(
            _("the controller's details are not valid: %(errors)s")
            % {"errors": "; ".join(error.messages)},
            filename=parsed.file,
        ) from error
    controller.save()
    return controller


def _unique_slug(parent, title: str, locale) -> str:
    from django.utils.text import slugify

    base = slugify(title)[:240] or "seloste"
    slug, number = base, 2
    siblings = parent.get_children().filter(locale=locale)
    while siblings.filter(slug=slug).exists():
        slug = f"{base}-{number}"
        number += 1
    return slug


def build_notice_page(parsed: ParsedNotice, parent, locale):
    """An unsaved ``PrivacyNoticePage`` of ``parsed`` with its controller saved."""
    from .models import PrivacyNoticePage

    controller = _controller_for(parsed, locale)
    page = PrivacyNoticePage(
        title=parsed.title[:255],
        slug=_unique_slug(parent, parsed.title, locale),
        locale=locale,
        framework=parsed.framework,
        body=stream_data(parsed, controller),
    )
    # Validate the sections as the admin form would (e-mail, phone, lengths).
    try:
        page.body.stream_block.clean(page.body)
    except ValidationError as error:
        raise NoticeImportError(
            _("a section is not valid: %(errors)s")
            % {"errors": "; ".join(error.messages)},
            filename=parsed.file,
        ) from error
    return page


def import_parsed_notices(
    notices: list[ParsedNotice],
    *,
    parent,
    publish: bool = False,
    user=None,
    approver=None,
    skip_existing: bool = False,
) -> list[ImportResult]:
    """Create draft notices under ``parent`` in one transaction: all or nothing.

    With ``publish`` a notice is published; under the Legal review workflow it is
    submitted for review instead (by ``user``) and published only when
    ``approver``, a legal reviewer, approves it.
    """
    from django.db import transaction
    from wagtail.models import Locale

    results: list[ImportResult] = []
    with transaction.atomic():
        for parsed in notices:
            locale = Locale.objects.get(language_code=parsed.language)
            result = ImportResult(parsed=parsed)
            existing = None
            if skip_existing:
                existing = (
                    parent.get_children()
                    .filter(title=parsed.title[:255], locale=locale)
                    .specific()
                    .first()
                )
            if existing is not None:
                result.page, result.state = existing, "skipped"
                results.append(result)
                continue
            page = build_notice_page(parsed, parent, locale)
            parent.add_child(instance=page)
            revision = page.save_revision(user=user, log_action=True)
            result.page, result.created = page, True
            if publish:
                result.state = publish_through_review(page, revision, user, approver)
            results.append(result)
    return results


def publish_through_review(page, revision, user=None, approver=None) -> str:
    """Publish ``revision``, through the page's workflow when it has one."""
    workflow = page.get_workflow()
    if workflow is None:
        revision.publish(user=user)
        return "published"
    workflow.start(page, user)
    if approver is None:
        return "in_review"
    task_state = page.current_workflow_task_state
    task_state.task.specific.on_action(task_state, approver, "approve")
    return "published"


def import_notice_files(
    paths: list[str | os.PathLike[str]],
    *,
    parent,
    locale: str | None = None,
    framework: str | None = None,
    publish: bool = False,
    user=None,
    approver=None,
    skip_existing: bool = False,
) -> list[ImportResult]:
    """Parse every file first, then import them all in one transaction."""
    parsed = [
        parse_notice_file(path, language=locale, framework=framework) for path in paths
    ]
    return import_parsed_notices(
        parsed,
        parent=parent,
        publish=publish,
        user=user,
        approver=approver,
        skip_existing=skip_existing,
    )
