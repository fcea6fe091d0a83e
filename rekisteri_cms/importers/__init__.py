"""Import privacy notices and register descriptions from text, Markdown, HTML and Word.

The first half of this module parses: it turns a notice file (``.txt``, ``.md``,
``.html``/``.htm`` or ``.docx``) into a :class:`ParsedNotice` of canonical sections
(notice-model §2) with typed data, warnings for what an editor should check, and the
completeness report of :mod:`rekisteri_cms.validators`. Every format is first
converted to the same stream of lines (:class:`SourceLine`) that plain text gives,
with the headings its markup marks (``<h2>``, Word's "Heading 2", Markdown's ``##``,
a bold-only paragraph) flagged, so that one parser serves all formats. The second
half (at the end) builds draft pages from parsed notices.

Real notices are untidy: headings come with or without numbers, colons and blank
lines; controllers write their business ID and phone number in many ways; titles,
preambles and site navigation surround the text. The parser therefore recognises
headings by their wording (the variants in :mod:`.vocabulary`, with a
conservative fuzzy match for spelling variants) and by their position, keeps every
line of content in some section, and reports rather than guesses when something does
not validate (an invalid business ID is left empty, never "fixed").
"""

from __future__ import annotations

import codecs
import html
import io
import os
import re
import unicodedata
import zipfile
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

from bs4 import BeautifulSoup, NavigableString, Tag
from bs4.element import PreformattedString
from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.utils.translation import gettext_lazy as _
from docx import Document as open_docx
from docx.enum.style import WD_STYLE_TYPE
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn
from docx.table import Table as DocxTable
from docx.text.paragraph import Paragraph as DocxParagraph
from docx.text.run import Run as DocxRun
from rapidfuzz import fuzz, process

from ..sections import (
    FRAMEWORKS,
    GDPR,
    HTL,
    LANGUAGES,
    REPEATABLE_KEYS,
    SECTIONS_BY_KEY,
)
from ..validators import (
    CompletenessReport,
    check_completeness,
    normalize_business_id,
    normalize_phone,
)
from .text import normalize_heading, normalize_space, strip_invisible
from .vocabulary import (
    COMBINED_INDEX,
    KEYWORD_KEY_RULES,
    NORMALIZED_FIELD_LABELS,
    NORMALIZED_GENERIC_TITLES,
    NORMALIZED_NAVIGATION_WORDS,
    VARIANT_INDEX,
    WEAK_KEYWORD_KEYS,
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
#: Score of a heading recognised by the words that name its topic
#: (``vocabulary.HEADING_KEYWORDS``) rather than by a listed variant.
KEYWORD_SCORE = 80.0
#: A heading recognised by its topic words has at most this many words.
KEYWORD_MAX_WORDS = 12
#: A text whose share of blank lines is below this has no blank lines to separate
#: its sections: a line that names a section is a heading wherever it stands.
DENSE_BLANK_SHARE = 0.05
#: A line that names the document and the law it follows without citing a statute
#: ("Tietosuoja-asetuksen mukainen tietosuojaseloste") is a caption, not text, up
#: to this many words.
PREAMBLE_MAX_WORDS = 12
#: At least this many short lines in a row before the first heading are a site menu.
MENU_MIN_LINES = 3
#: The heading level of a line that a format marks only by emphasis (a paragraph
#: that is bold throughout): weaker than a real heading level 1-6.
EMPHASIS = 7
#: The file types the importer reads, by extension.
SUPPORTED_EXTENSIONS = (".txt", ".md", ".html", ".htm", ".docx")

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

    def __init__(
        self,
        message: Any,
        *,
        filename: str = "",
        line: int | None = None,
        unit: str = "line",
    ):
        super().__init__(message)
        self.message = message
        self.filename = filename
        self.line = line
        self.unit = unit  # "line", or "paragraph" for a Word document

    def __str__(self) -> str:
        params = {"file": self.filename, "line": self.line, "message": self.message}
        paragraph = self.unit == "paragraph"
        if self.filename and self.line:
            if paragraph:
                return str(_("%(file)s, paragraph %(line)d: %(message)s") % params)
            return str(_("%(file)s, line %(line)d: %(message)s") % params)
        if self.filename:
            return str(_("%(file)s: %(message)s") % params)
        if self.line:
            if paragraph:
                return str(_("paragraph %(line)d: %(message)s") % params)
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
    """Read a notice file and return its text.

    A ``.txt`` file may be UTF-8 (with or without a byte-order mark), UTF-16 with
    a byte-order mark, or Windows-1252 (what older Finnish Windows editors save).
    Line endings become ``\\n``; no-break spaces are kept for the parser. For the
    other formats the text is the line stream the parser reads, with the headings
    the format marks written as Markdown headings (see :func:`source_text`).
    """
    path = Path(path)
    if notice_file_extension(path.name) == ".txt":
        return decode_notice_bytes(path.read_bytes(), filename=path.name)
    return source_text(read_notice_source(path.name, path.read_bytes()).lines)


def notice_file_extension(name: str) -> str:
    """The lower-case extension of a notice file, if the importer reads it.

    Raises :class:`NoticeImportError` for any other file type.
    """
    extension = Path(name).suffix.lower()
    if extension not in SUPPORTED_EXTENSIONS:
        raise NoticeImportError(
            _(
                "files of type “%(extension)s” cannot be imported; save the notice "
                "as %(supported)s."
            )
            % {
                "extension": extension or name,
                "supported": ", ".join(SUPPORTED_EXTENSIONS),
            },
            filename=Path(name).name,
        )
    return extension


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
    # Each distinct character is classified once: a file has few of them.
    bad = sum(
        count
        for char, count in Counter(text).items()
        if char == "\ufffd"
        or (unicodedata.category(char).startswith("C") and char not in allowed)
    )
    return bad / len(text)


def normalize_line_endings(text: str) -> str:
    """Use ``\\n`` for every line break (Windows, old Mac, Unicode separators)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return re.sub("[\u2028\u2029\x0b\x0c\x85]", "\n", text)


# --------------------------------------------------------------------------------
# Formats: every format becomes the same stream of lines
# --------------------------------------------------------------------------------


@dataclass(frozen=True)
class SourceLine:
    """One line of the stream that every format is converted to.

    ``text`` is the line as plain text (a list item starts with ``- `` or ``1. ``,
    a table row is a list item ``- a | b``); ``level`` is 1-6 when the format
    marks the line as a heading of that level, :data:`EMPHASIS` when the line is
    only bold throughout, else ``None``; ``number`` is where the line is in the
    source (a line, or a Word paragraph), for messages. A line with no text
    separates blocks, as a blank line does in plain text.
    """

    text: str
    level: int | None = None
    number: int | None = None
    #: ``False`` when the line ends where the source breaks it explicitly (a
    #: ``<br>``, a Word paragraph, a Markdown hard break): never joined to the next
    #: line as a hand-wrapped sentence is.
    joinable: bool = True


@dataclass
class NoticeSource:
    """A notice file converted to lines; ``unit`` is what ``number`` counts.

    ``separated`` is true for formats whose every paragraph is a block of its own
    (HTML, Word): there, a short line standing alone is not thereby a heading.
    """

    lines: list[SourceLine]
    unit: str = "line"
    separated: bool = False


_BLANK = SourceLine("")


def read_notice_source(name: str, data: bytes) -> NoticeSource:
    """Convert the bytes of notice file ``name`` to lines, by its extension."""
    filename = Path(name).name
    extension = notice_file_extension(filename)
    if extension == ".txt":
        return NoticeSource(text_to_lines(decode_notice_bytes(data, filename=filename)))
    if extension == ".md":
        text = decode_notice_bytes(data, filename=filename)
        return NoticeSource(markdown_to_lines(text))
    if extension in (".html", ".htm"):
        return NoticeSource(html_to_lines(data, filename=filename), separated=True)
    return NoticeSource(
        docx_to_lines(data, filename=filename), unit="paragraph", separated=True
    )


def text_to_lines(text: str) -> list[SourceLine]:
    """Plain text: one line per line; its headings are found by the parser."""
    text = normalize_line_endings(text).lstrip("\ufeff")
    return [SourceLine(line, None, n) for n, line in enumerate(text.split("\n"), 1)]


def source_text(lines: list[SourceLine]) -> str:
    """The text of a line stream, headings as Markdown headings (``## …``) and
    bold-only lines in ``**…**``: what the parser was given, for a person to read."""
    parts = []
    for line in lines:
        if line.level is not None and line.level < EMPHASIS and line.text:
            parts.append(f"{'#' * line.level} {line.text}")
        elif line.level == EMPHASIS and line.text:
            parts.append(f"**{line.text}**")
        else:
            parts.append(line.text)
    return "\n".join(parts).strip("\n") + "\n"


def _lines_from_source(lines: list[SourceLine]) -> list[_Line]:
    result = []
    number = 0
    for index, line in enumerate(lines, start=1):
        text = unicodedata.normalize("NFC", line.text.replace("\n", " "))
        expanded = text.replace("\t", "    ")
        stripped = expanded.lstrip(" \u00a0\u2007\u202f\ufeff")
        clean = normalize_space(text)
        number = line.number or number or index
        result.append(
            _Line(
                number,
                text,
                clean,
                len(expanded) - len(stripped),
                line.level if clean else None,
                line.joinable,
            )
        )
    return result


def _check_not_binary(data: bytes, filename: str, expected: Any) -> None:
    if not data.strip():
        raise NoticeImportError(_("the file is empty."), filename=filename)
    for signature, kind in _BINARY_SIGNATURES:
        if data.startswith(signature):
            raise NoticeImportError(
                _("the file is a %(kind)s file, not %(expected)s.")
                % {"kind": kind, "expected": expected},
                filename=filename,
            )
    if b"\x00" in data and not data.startswith(
        (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
    ):
        raise _binary_error(filename)


def _cell_text(lines: list[SourceLine]) -> str:
    return " ".join(normalize_space(line.text) for line in lines if line.text.strip())


def _table_lines(
    rows: list[tuple[int | None, list[list[SourceLine]]]],
) -> list[SourceLine]:
    """The lines of a table, whatever its format.

    A row whose first cell names a section ("1 Rekisterinpitäjä" in the two-column
    form of the 2000s) becomes that heading followed by the other cell's lines. A
    table used for layout (one column, or cells holding headings, lists or
    paragraphs) gives its cells' lines as they are. A row of a field label and
    its value ("Nimi | Yritys Oy") becomes a labelled line, "Nimi: Yritys Oy".
    Any other row is kept as a list item of its cells, ``- a | b``.
    """
    rows = [
        (number, [cell for cell in cells if _cell_text(cell)]) for number, cells in rows
    ]
    rows = [(number, cells) for number, cells in rows if cells]
    layout = all(len(cells) <= 1 for _number, cells in rows) or any(
        sum(1 for line in cell if line.text.strip()) > 3
        or any(line.level is not None and line.level < EMPHASIS for line in cell)
        or any(_is_list_item(normalize_space(line.text)) for line in cell)
        for _number, cells in rows
        for cell in cells
    )
    out: list[SourceLine] = [_BLANK]
    for number, cells in rows:
        first = _cell_text(cells[0])
        found = (
            match_heading(first, marked=True)
            if len(cells) <= 2 and len(first.split()) <= HEADING_MAX_WORDS
            else None
        )
        if found is not None and found.score >= FUZZY_THRESHOLD:
            out += [_BLANK, SourceLine(first, EMPHASIS, number), _BLANK]
            if len(cells) == 2:
                out += [*cells[1], _BLANK]
        elif layout:
            for cell in cells:
                out += [_BLANK, *cell, _BLANK]
        elif len(cells) == 2 and normalize_heading(first) in NORMALIZED_FIELD_LABELS:
            # "Nimi | Yritys Oy": a form's field, written as a labelled line.
            label = first.rstrip(":")
            out.append(SourceLine(f"{label}: {_cell_text(cells[1])}", None, number))
        else:
            texts = " | ".join(_cell_text(cell) for cell in cells)
            out.append(SourceLine(f"- {texts}", None, number))
    out.append(_BLANK)
    return out


# -- Markdown ----------------------------------------------------------------------

_MD_ATX_RE = re.compile(r"^ {0,3}(#{1,6})\s+(.*?)(?:\s+#+)?\s*$")
_MD_SETEXT_RE = re.compile(r"^ {0,3}(=+|-+)\s*$")
_MD_RULE_RE = re.compile(r"^ {0,3}(?:(?:\*\s*){3,}|(?:-\s*){3,}|(?:_\s*){3,})$")
_MD_FENCE_RE = re.compile(r"^ {0,3}(?:```|~~~)")
_MD_QUOTE_RE = re.compile(r"^ {0,3}(?:>\s?)+")
_MD_BULLET_RE = re.compile(r"^(\s*)[-*+]\s+(.*)$")
_MD_ORDERED_RE = re.compile(r"^(\s*)(\d{1,2})[.)]\s+(.*)$")
_MD_TABLE_SEPARATOR_RE = re.compile(
    r"^\s*+\|?\s*+:?-{2,}+:?\s*+(?:\|\s*+:?-{2,}+:?\s*+)*+\|?\s*$"
)
# The spaces after the closing mark are possessive (``\s*+``): giving some back
# cannot help the match, and trying it is quadratic in a long run of spaces.
_MD_BOLD_LINE_RE = re.compile(r"^(\*\*|__)(?P<text>\S.*?\S|\S)\1\s*+(?P<colon>:?)\s*+$")
# Inline spans are bounded (link texts and targets, emphasis): an unbounded
# ``.+?`` tries every later position from every opening mark, and a long line of
# unclosed marks ("**a **a …") then takes minutes instead of milliseconds.
_MD_SPAN = 500
_MD_IMAGE_RE = re.compile(rf"!\[([^\]]{{0,{_MD_SPAN}}})\]\([^)]{{0,{_MD_SPAN}}}\)")
_MD_LINK_RE = re.compile(
    rf"\[([^\]]{{1,{_MD_SPAN}}})\]\(\s*<?([^)\s>]{{1,{_MD_SPAN}}})>?"
    rf"(?:\s+\"[^\"]{{0,{_MD_SPAN}}}\")?\s*\)"
)
_MD_AUTOLINK_RE = re.compile(
    rf"<((?:https?://|mailto:)[^>\s]{{1,{_MD_SPAN}}}"
    rf"|[^@>\s]{{1,{_MD_SPAN}}}@[^>\s]{{1,{_MD_SPAN}}})>"
)
_MD_CODE_RE = re.compile(r"`([^`]+)`")
_MD_STRONG_RE = re.compile(rf"(\*\*|__)(?=\S)(.{{1,{_MD_SPAN}}}?)(?<=\S)\1")
_MD_EM_RE = re.compile(
    rf"(?<![\w*])\*(?=\S)(.{{1,{_MD_SPAN}}}?)(?<=\S)\*(?![\w*])"
    rf"|(?<!\w)_(?=\S)(.{{1,{_MD_SPAN}}}?)(?<=\S)_(?!\w)"
)
_MD_ESCAPE_RE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~])")


def _md_link(match: re.Match[str]) -> str:
    text, target = match.group(1), match.group(2)
    if target.lower().startswith("mailto:"):
        address = target[7:].split("?")[0]
        return text if address in text else f"{text} ({address})"
    return text


def _md_strip_comments(text: str) -> str:
    """``text`` without its ``<!-- … -->`` comments, in one pass (a regex would
    search for the end again from every unclosed ``<!--``)."""
    parts, start = [], 0
    while (opening := text.find("<!--", start)) != -1:
        closing = text.find("-->", opening + 4)
        if closing == -1:
            break
        parts.append(text[start:opening])
        start = closing + 3
    parts.append(text[start:])
    return "".join(parts)


def _md_inline(text: str) -> str:
    """Markdown inline markup to plain text (links keep their text; a mailto
    link whose text is not the address keeps the address too)."""
    text = _md_strip_comments(text)
    text = _MD_IMAGE_RE.sub("", text)
    text = _MD_LINK_RE.sub(_md_link, text)
    text = _MD_AUTOLINK_RE.sub(lambda m: m.group(1).removeprefix("mailto:"), text)
    text = _MD_CODE_RE.sub(r"\1", text)
    text = _MD_STRONG_RE.sub(r"\2", text)
    text = _MD_EM_RE.sub(lambda m: m.group(1) or m.group(2), text)
    text = _MD_ESCAPE_RE.sub(r"\1", text)
    return html.unescape(text).rstrip("\\").rstrip()


def _md_table_cells(line: str) -> list[list[SourceLine]]:
    cells = re.split(r"(?<!\\)\|", line.strip().strip("|"))
    return [[SourceLine(_md_inline(cell.strip()))] for cell in cells]


def markdown_to_lines(text: str) -> list[SourceLine]:
    """Markdown: ``#`` and underlined headings, ``**bold**`` lines, lists, pipe
    tables, quotes and rules; inline markup becomes plain text.

    Read line by line, not as CommonMark: a notice's "1. Rekisterinpitäjä" is a
    numbered heading, which a Markdown renderer would turn into a list.
    """
    raw_lines = normalize_line_endings(text).lstrip("\ufeff").split("\n")
    out: list[SourceLine] = []
    fenced = False
    table: list[tuple[int | None, list[list[SourceLine]]]] = []

    def end_table() -> None:
        if table:
            out.extend(_table_lines(list(table)))
            table.clear()

    for number, raw in enumerate(raw_lines, start=1):
        if _MD_FENCE_RE.match(raw):
            fenced = not fenced
            continue
        if fenced:
            out.append(SourceLine(raw, None, number))
            continue
        line = _MD_QUOTE_RE.sub("", raw).rstrip()
        stripped = line.strip()
        following = raw_lines[number] if number < len(raw_lines) else ""
        if stripped.startswith("|") or (
            "|" in stripped and _MD_TABLE_SEPARATOR_RE.match(following)
        ):
            if not _MD_TABLE_SEPARATOR_RE.match(stripped):
                table.append((number, _md_table_cells(stripped)))
            continue
        end_table()
        previous = out[-1] if out else None
        if (
            _MD_SETEXT_RE.match(line)
            and previous is not None
            and previous.text
            and previous.level is None
            and previous.number == number - 1
            and not _is_list_item(normalize_space(previous.text))
        ):
            out[-1] = SourceLine(
                previous.text, 1 if stripped.startswith("=") else 2, previous.number
            )
            continue
        if _MD_RULE_RE.match(line):
            out.append(_BLANK)
            continue
        heading = _MD_ATX_RE.match(line)
        if heading:
            out += [
                _BLANK,
                SourceLine(_md_inline(heading.group(2)), len(heading.group(1)), number),
                _BLANK,
            ]
            continue
        bullet = _MD_BULLET_RE.match(line)
        if bullet:
            out.append(
                SourceLine(
                    f"{bullet.group(1)}- {_md_inline(bullet.group(2))}", None, number
                )
            )
            continue
        ordered = _MD_ORDERED_RE.match(line)
        prefix, content = "", stripped
        if ordered:
            prefix = f"{ordered.group(1)}{ordered.group(2)}. "
            content = ordered.group(3).strip()
        bold = _MD_BOLD_LINE_RE.match(content)
        if bold:
            text = _md_inline(bold.group("text")) + bold.group("colon")
            out.append(SourceLine(prefix + text, EMPHASIS, number))
            continue
        hard = raw.endswith(("  ", "\\")) or "<br" in raw.lower()
        text = prefix + _md_inline(content) if content else ""
        out.append(SourceLine(text, None, number, joinable=not hard))
    end_table()
    return out


# -- HTML --------------------------------------------------------------------------

# Elements that are never content, and the site chrome around a notice.
_HTML_SKIP_TAGS = frozenset(
    {
        "script", "style", "noscript", "template", "head", "title", "meta", "link",
        "form", "button", "select", "option", "input", "textarea", "label",
        "iframe", "svg", "canvas", "object", "embed", "audio", "video", "map",
        "dialog", "img", "picture",
    }
)  # fmt: skip
_HTML_CHROME_ROLES = frozenset(
    {
        "navigation", "banner", "contentinfo", "search", "complementary", "dialog",
        "alertdialog", "menu", "menubar", "toolbar",
    }
)  # fmt: skip
_HTML_CHROME_CLASS_RE = re.compile(
    r"^(?:breadcrumbs?|breadcrumb-\w+|nav|navbar|navigation|(?:main|site|nav|top)-?menu"
    r"|menu|menu-\w+|skip-?links?|skip-to-content|sidebar|site-(?:header|footer)"
    r"|cookie-?(?:banner|notice|consent|bar|popup|dialog)|cookieconsent)$",
    re.IGNORECASE,
)
_HTML_BLOCK_TAGS = frozenset(
    {
        "p", "div", "section", "article", "main", "body", "html", "blockquote",
        "address", "figure", "figcaption", "center", "fieldset", "details",
        "summary", "header", "footer", "hgroup", "caption", "li", "dd", "dt", "td",
        "th", "tr", "tbody", "thead", "tfoot",
    }
)  # fmt: skip
_HTML_HEADING_RE = re.compile(r"^h([1-6])$")
_HTML_BOLD_TAGS = frozenset({"b", "strong"})
_HTML_BOLD_STYLE_RE = re.compile(r"font-weight\s*:\s*(?:bold|bolder|[6-9]00)", re.I)
_HTML_HIDDEN_STYLE_RE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_HTML_SPACE_RE = re.compile(r"[ \t\n\r\f\v]+")


def _html_content_root(soup: BeautifulSoup) -> Tag:
    """The element that holds the notice: the one ``<main>``, else the one
    ``<article>``, else ``<body>``."""
    mains = soup.find_all(lambda t: t.name == "main" or t.get("role") == "main")
    if len(mains) == 1:
        return mains[0]
    articles = soup.find_all("article")
    if len(articles) == 1:
        return articles[0]
    return soup.body or soup


class _HtmlConverter:
    """Walks an HTML tree and writes its text as lines (see :class:`SourceLine`)."""

    def __init__(self) -> None:
        self.out: list[SourceLine] = []
        self.pieces: list[tuple[str, bool]] = []  # the open paragraph's text
        self.number: int | None = None

    def is_chrome(self, tag: Tag, in_content: bool) -> bool:
        if tag.name in _HTML_SKIP_TAGS:
            return True
        if tag.has_attr("hidden") or tag.get("aria-hidden") == "true":
            return True
        if _HTML_HIDDEN_STYLE_RE.search(str(tag.get("style") or "")):
            return True
        if str(tag.get("role") or "").lower() in _HTML_CHROME_ROLES:
            return True
        if tag.name in ("nav", "aside"):
            return True
        if tag.name in ("header", "footer") and not in_content:
            return True
        names = [*(tag.get("class") or []), str(tag.get("id") or "")]
        return any(_HTML_CHROME_CLASS_RE.match(name) for name in names if name)

    def blank(self) -> None:
        if self.out and self.out[-1].text:
            self.out.append(_BLANK)

    def add(self, text: str, bold: bool, number: int | None) -> None:
        if not self.pieces:
            self.number = number
        self.pieces.append((text, bold))

    def flush(self) -> None:
        """Write the open paragraph: a line per ``<br>``; a line that is bold
        throughout is marked as emphasised."""
        lines: list[list[tuple[str, bool]]] = [[]]
        for text, bold in self.pieces:
            for index, part in enumerate(text.split("\n")):
                if index:
                    lines.append([])
                if part:
                    lines[-1].append((part, bold))
        self.pieces = []
        written = False
        for line in lines:
            text = normalize_space("".join(part for part, _bold in line))
            if not text:
                continue
            lettered = [bold for part, bold in line if _FIRST_LETTER_RE.search(part)]
            level = EMPHASIS if lettered and all(lettered) else None
            self.out.append(SourceLine(text, level, self.number, joinable=False))
            written = True
        if written:
            self.blank()

    def walk(
        self,
        node: Tag,
        *,
        bold: bool = False,
        in_content: bool = False,
        pre: bool = False,
    ) -> None:
        for child in node.children:
            if isinstance(child, NavigableString):
                if isinstance(child, PreformattedString):
                    continue  # comments, doctype, CDATA
                text = str(child) if pre else _HTML_SPACE_RE.sub(" ", str(child))
                if text.strip() or (self.pieces and text):
                    self.add(text, bold, getattr(node, "sourceline", None))
                continue
            if not isinstance(child, Tag) or self.is_chrome(child, in_content):
                continue
            self.element(child, bold=bold, in_content=in_content, pre=pre)

    def element(self, tag: Tag, *, bold: bool, in_content: bool, pre: bool) -> None:
        name = tag.name
        content = in_content or name in ("main", "article") or tag.get("role") == "main"
        heading = _HTML_HEADING_RE.match(name)
        if heading:
            self.flush()
            self.blank()
            text = normalize_space(tag.get_text(" "))
            if text:
                self.out += [SourceLine(text, int(heading.group(1)), tag.sourceline)]
                self.blank()
        elif name == "br":
            self.add("\n", bold, tag.sourceline)
        elif name in ("ul", "ol"):
            self.flush()
            self.blank()
            self.list(tag, 0, content)
            self.blank()
        elif name == "table":
            self.flush()
            self.blank()
            self.table(tag, content)
        elif name == "dl":
            self.flush()
            self.blank()
            self.definitions(tag, content)
        elif name == "hr":
            self.flush()
            self.blank()
        elif name == "pre" or name in _HTML_BLOCK_TAGS:
            self.flush()
            self.walk(tag, bold=bold, in_content=content, pre=pre or name == "pre")
            self.flush()
        else:
            strong = (
                bold
                or name in _HTML_BOLD_TAGS
                or bool(_HTML_BOLD_STYLE_RE.search(str(tag.get("style") or "")))
            )
            self.walk(tag, bold=strong, in_content=content, pre=pre)
            href = str(tag.get("href") or "")
            if name == "a" and href.lower().startswith("mailto:"):
                address = href[7:].split("?")[0]
                if address and address not in tag.get_text():
                    self.add(f" ({address})", False, tag.sourceline)

    def lines_of(self, tag: Tag, in_content: bool, skip=()) -> list[SourceLine]:
        """The lines of ``tag``'s content, written by a converter of their own."""
        converter = _HtmlConverter()
        for child in tag.children:
            if isinstance(child, Tag):
                if child.name in skip or converter.is_chrome(child, in_content):
                    continue
                converter.element(child, bold=False, in_content=in_content, pre=False)
            elif isinstance(child, NavigableString) and not isinstance(
                child, PreformattedString
            ):
                text = _HTML_SPACE_RE.sub(" ", str(child))
                if text.strip() or converter.pieces:
                    converter.add(text, False, tag.sourceline)
        converter.flush()
        return converter.out

    def list(self, tag: Tag, depth: int, in_content: bool) -> None:
        ordered = tag.name == "ol"
        try:
            number = int(str(tag.get("start") or 1))
        except ValueError:
            number = 1
        for item in tag.find_all("li", recursive=False):
            if self.is_chrome(item, in_content):
                continue
            text = _cell_text(self.lines_of(item, in_content, skip=("ul", "ol")))
            prefix = f"{number}. " if ordered else "- "
            if text:
                self.out.append(
                    SourceLine(f"{'  ' * depth}{prefix}{text}", None, item.sourceline)
                )
                number += 1
            for nested in item.find_all(("ul", "ol"), recursive=False):
                self.list(nested, depth + 1, in_content)

    def table(self, tag: Tag, in_content: bool) -> None:
        rows: list[tuple[int | None, list[list[SourceLine]]]] = []
        for row in _html_rows(tag):
            cells = [
                self.lines_of(cell, in_content)
                for cell in row.find_all(("td", "th"), recursive=False)
                if not self.is_chrome(cell, in_content)
            ]
            rows.append((row.sourceline, cells))
        self.out += _table_lines(rows)

    def definitions(self, tag: Tag, in_content: bool) -> None:
        term: str | None = None
        number: int | None = None
        for child in tag.find_all(("dt", "dd")):
            text = _cell_text(self.lines_of(child, in_content))
            if child.name == "dt":
                if term:
                    self.out += [SourceLine(term, EMPHASIS, number), _BLANK]
                term, number = text, child.sourceline
            elif term:
                joiner = " " if term.endswith(":") else ": "
                self.out += [SourceLine(f"{term}{joiner}{text}", None, number), _BLANK]
                term = None
            elif text:
                self.out += [SourceLine(text, None, child.sourceline), _BLANK]
        if term:
            self.out += [SourceLine(term, EMPHASIS, number), _BLANK]


def _html_rows(table: Tag) -> list[Tag]:
    rows = []
    for child in table.children:
        if not isinstance(child, Tag):
            continue
        if child.name == "tr":
            rows.append(child)
        elif child.name in ("thead", "tbody", "tfoot"):
            rows += child.find_all("tr", recursive=False)
    return rows


def html_to_lines(data: bytes | str, *, filename: str = "") -> list[SourceLine]:
    """HTML, read with a real HTML parser: ``h1``–``h6`` are headings, a paragraph
    that is bold throughout is emphasised, lists and tables keep their items and
    rows, ``<br>`` breaks lines. Scripts, styles and the site's navigation,
    header, footer, sidebars and cookie banners are left out, and when the page
    has one ``<main>`` (or ``<article>``) only its content is read."""
    if isinstance(data, bytes):
        _check_not_binary(data, filename, _("HTML"))
    soup = BeautifulSoup(data, "html.parser")
    root = _html_content_root(soup)
    converter = _HtmlConverter()
    try:
        converter.walk(root, in_content=root.name in ("main", "article"))
    except RecursionError as exc:
        # The converter recurses per element: hundreds of levels of unclosed
        # tags are no notice (a real page nests a few dozen).
        raise NoticeImportError(
            _("the page's elements are nested too deeply to be read."),
            filename=filename,
        ) from exc
    converter.flush()
    if not any(line.text.strip() for line in converter.out):
        raise NoticeImportError(_("the page has no text."), filename=filename)
    return converter.out


# -- Word (.docx) ------------------------------------------------------------------

_DOCX_HEADING_STYLE_RE = re.compile(
    r"^(?:heading|otsikko|rubrik|überschrift|titre)\s*([1-9])$", re.IGNORECASE
)
_DOCX_TITLE_STYLES = frozenset({"title", "otsikko", "rubrik"})
_DOCX_ORDERED_FORMATS_LETTERS = frozenset({"lowerLetter", "upperLetter"})


class _DocxReader:
    """Reads a Word document's body, in order, into lines (see :class:`SourceLine`).

    Paragraph styles "Heading 1"-"Heading 6" (or an outline level) and "Title" make
    headings; a paragraph whose text is bold throughout is emphasised; numbered
    and bulleted paragraphs become list items with their numbers; soft line
    breaks split a paragraph into lines; tables go through :func:`_table_lines`.
    """

    def __init__(self, document: Any) -> None:
        self.document = document
        self.paragraphs = 0
        self.formats = _docx_numbering_formats(document)
        self.counters: dict[int, dict[int, int]] = {}
        self.in_list = False
        # python-docx looks a style up by scanning them all: look each up once.
        self.styles = {style.style_id: style for style in document.styles}
        self.default_style = document.styles.default(WD_STYLE_TYPE.PARAGRAPH)
        self.chains: dict[str | None, list[Any]] = {}

    def chain(self, style_id: str | None) -> list[Any]:
        """A paragraph style and the styles it is based on, nearest first."""
        if style_id not in self.chains:
            style = self.styles.get(style_id) if style_id else self.default_style
            chain = []
            while style is not None and len(chain) < 10:
                chain.append(style)
                style = style.base_style
            self.chains[style_id] = chain
        return self.chains[style_id]

    def blocks(self, element: Any, parent: Any) -> list[SourceLine]:
        out: list[SourceLine] = []
        for child in element.iterchildren():
            if child.tag == qn("w:p"):
                out += self.paragraph(DocxParagraph(child, parent))
            elif child.tag == qn("w:tbl"):
                out += self.table(DocxTable(child, parent))
            elif child.tag == qn("w:sdt"):  # a content control around blocks
                content = child.find(qn("w:sdtContent"))
                if content is not None:
                    out += self.blocks(content, parent)
        return out

    def paragraph(self, paragraph: Any) -> list[SourceLine]:
        self.paragraphs += 1
        number = self.paragraphs
        styles = self.chain(paragraph._p.style)
        lines: list[list[tuple[str, bool]]] = [[]]
        for run in self.runs(paragraph):
            bold = self.is_bold(run, styles)
            for index, part in enumerate(run.text.split("\n")):
                if index:
                    lines.append([])
                if part:
                    lines[-1].append((part, bold))
        texts = [
            (normalize_space("".join(p for p, _b in line)), line) for line in lines
        ]
        texts = [(text, line) for text, line in texts if text]
        out: list[SourceLine] = []
        if not texts:
            self.in_list = False
            return [_BLANK]
        level = self.heading_level(paragraph, styles)
        if level is not None:
            self.in_list = False
            joined = " ".join(text for text, _line in texts)
            return [_BLANK, SourceLine(joined, level, number), _BLANK]
        prefix = self.list_prefix(paragraph, styles)
        if prefix is not None:
            joined = " ".join(text for text, _line in texts)
            bold = all(b for _t, line in texts for p, b in line if p.strip())
            self.in_list = True
            return [SourceLine(prefix + joined, EMPHASIS if bold else None, number)]
        if self.in_list:
            out.append(_BLANK)
            self.in_list = False
        for text, line in texts:
            lettered = [b for part, b in line if _FIRST_LETTER_RE.search(part)]
            emphasis = EMPHASIS if lettered and all(lettered) else None
            out.append(SourceLine(text, emphasis, number, joinable=False))
        out.append(_BLANK)
        return out

    @staticmethod
    def runs(paragraph: Any) -> list[Any]:
        # Runs inside hyperlinks, content controls, smart tags and tracked
        # insertions are text too; deleted text and text boxes are not.
        elements = paragraph._p.xpath(
            "./descendant::w:r[not(ancestor::w:del) and not(ancestor::w:txbxContent)"
            " and not(ancestor::w:fldSimple/ancestor::w:r)]"
        )
        return [DocxRun(element, paragraph) for element in elements]

    def is_bold(self, run: Any, styles: list[Any]) -> bool:
        if run.bold is not None:
            return bool(run.bold)
        character = self.styles.get(run._r.style) if run._r.style else None
        for style in [character, *styles] if character is not None else styles:
            if style.font.bold is not None:
                return bool(style.font.bold)
        return False

    @staticmethod
    def heading_level(paragraph: Any, styles: list[Any]) -> int | None:
        for style in styles:
            name = (style.name or "").strip()
            match = _DOCX_HEADING_STYLE_RE.match(name)
            if match:
                return min(int(match.group(1)), 6)
            if name.casefold() in _DOCX_TITLE_STYLES:
                return 1
        outline = paragraph._p.xpath("./w:pPr/w:outlineLvl/@w:val")
        if outline and outline[0].isdigit() and int(outline[0]) < 9:
            return min(int(outline[0]) + 1, 6)
        return None

    def list_prefix(self, paragraph: Any, styles: list[Any]) -> str | None:
        num_id, level = _docx_numbering_of(paragraph, styles)
        style_name = (styles[0].name or "") if styles else ""
        if num_id is None:
            if style_name.startswith("List Bullet"):
                return "- "
            if style_name.startswith("List Number"):
                num_id, level = -1, 0
            else:
                return None
        if num_id == 0:
            return None  # numbering switched off
        fmt, start = self.formats.get((num_id, level), ("decimal", 1))
        if style_name.startswith("List Bullet") and (num_id, level) not in self.formats:
            fmt = "bullet"
        indent = "  " * level
        if fmt in ("bullet", "none"):
            return f"{indent}- "
        counters = self.counters.setdefault(num_id, {})
        counters[level] = counters.get(level, start - 1) + 1
        for deeper in [lvl for lvl in counters if lvl > level]:
            del counters[deeper]
        value = counters[level]
        if fmt in _DOCX_ORDERED_FORMATS_LETTERS:
            letter = chr(ord("a") + (value - 1) % 26)
            return f"{indent}{letter.upper() if fmt == 'upperLetter' else letter}) "
        return f"{indent}{value}. "

    def table(self, table: Any) -> list[SourceLine]:
        self.in_list = False
        rows: list[tuple[int | None, list[list[SourceLine]]]] = []
        for row in table.rows:
            seen: list[Any] = []
            cells: list[list[SourceLine]] = []
            first_number = self.paragraphs + 1
            for cell in row.cells:
                if any(cell._tc is tc for tc in seen):
                    continue  # a merged cell repeats
                seen.append(cell._tc)
                cells.append(self.blocks(cell._tc, cell))
                self.in_list = False
            rows.append((first_number, cells))
        return _table_lines(rows)


def _docx_numbering_of(paragraph: Any, styles: list[Any]) -> tuple[int | None, int]:
    """The numbering (``numId``, level) of a paragraph, its own or its style's."""
    for element in [paragraph._p, *(style.element for style in styles)]:
        num_ids = element.xpath("./w:pPr/w:numPr/w:numId/@w:val")
        if num_ids:
            levels = element.xpath("./w:pPr/w:numPr/w:ilvl/@w:val")
            level = int(levels[0]) if levels and levels[0].isdigit() else 0
            return (int(num_ids[0]) if num_ids[0].isdigit() else None), level
    return None, 0


def _docx_numbering_formats(document: Any) -> dict[tuple[int, int], tuple[str, int]]:
    """``(numId, level) -> (number format, start)`` from the numbering part."""
    try:
        root = document.part.numbering_part.element
    except (KeyError, NotImplementedError, AttributeError):
        return {}
    abstract: dict[str, dict[int, tuple[str, int]]] = {}
    for definition in root.findall(qn("w:abstractNum")):
        levels = {}
        for lvl in definition.findall(qn("w:lvl")):
            fmt = lvl.find(qn("w:numFmt"))
            start = lvl.find(qn("w:start"))
            try:
                levels[int(lvl.get(qn("w:ilvl")))] = (
                    fmt.get(qn("w:val")) if fmt is not None else "decimal",
                    int(start.get(qn("w:val"))) if start is not None else 1,
                )
            except (TypeError, ValueError):
                continue
        abstract[definition.get(qn("w:abstractNumId"))] = levels
    formats = {}
    for num in root.findall(qn("w:num")):
        reference = num.find(qn("w:abstractNumId"))
        if reference is None:
            continue
        try:
            num_id = int(num.get(qn("w:numId")))
        except (TypeError, ValueError):
            continue
        for level, value in abstract.get(reference.get(qn("w:val")), {}).items():
            formats[(num_id, level)] = value
    return formats


def docx_to_lines(data: bytes, *, filename: str = "") -> list[SourceLine]:
    """A Word document's body as lines (see :class:`_DocxReader`); headers,
    footers, comments and text boxes are left out."""
    if not data:
        raise NoticeImportError(_("the file is empty."), filename=filename)
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise NoticeImportError(
            _(
                "the file is an old Word (.doc) document; save it as .docx "
                "(Word 2007 or later) and import it again."
            ),
            filename=filename,
        )
    try:
        document = open_docx(io.BytesIO(data))
        lines = _DocxReader(document).blocks(document.element.body, document._body)
    except (zipfile.BadZipFile, PackageNotFoundError, KeyError, ValueError) as exc:
        raise _corrupt_docx(filename) from exc
    except Exception as exc:  # lxml and python-docx errors of a damaged file
        raise _corrupt_docx(filename) from exc
    if not any(line.text.strip() for line in lines):
        raise NoticeImportError(_("the document has no text."), filename=filename)
    return lines


def _corrupt_docx(filename: str) -> NoticeImportError:
    return NoticeImportError(
        _(
            "the file is not a readable Word document (.docx): it is damaged or "
            "of another type."
        ),
        filename=filename,
    )


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
#: The lengths of the variants: a variant whose length is too far from a
#: heading's cannot reach ``FUZZY_THRESHOLD`` (see :func:`_fuzzy_candidates`).
_VARIANT_LENGTHS = frozenset(len(variant) for variant in _VARIANTS)
#: Headings and parts of headings at most this long have their match remembered
#: (a notice repeats its lines; a site's chrome repeats across notices). Longer
#: text is rarely a heading and would make the cache hold whole paragraphs.
_CACHED_TEXT_MAX_CHARS = 200
_CACHE_SIZE = 4096
_GENERIC_PREFIXES = (
    "rekisterin ",
    "rekisteröidyn ",
    "henkilötietojen ",
    "registrets ",
    "den registrerades ",
)
_COMBINED_SPLIT_RE = re.compile(r",\s+|\s+/\s+|\s+(?:ja|sekä|och|samt|and|&)\s+")
# Words that turn a line into a statement about a topic ("Tietoja ei luovuteta"),
# not a heading naming it.
_NEGATION_RE = re.compile(
    r"\b(?:ei|eikä|emme|ette|eivät|en|inte|ej|icke|aldrig|not|never|no)\b"
)
_FIRST_LETTER_RE = re.compile(r"[^\W\d_]")


def _match_one(norm: str, *, fuzzy: bool = True) -> HeadingMatch | None:
    key = VARIANT_INDEX.get(norm)
    if key:
        return HeadingMatch(key)
    for prefix in _GENERIC_PREFIXES:
        if norm.startswith(prefix) and norm[len(prefix) :] in VARIANT_INDEX:
            return HeadingMatch(VARIANT_INDEX[norm[len(prefix) :]])
    if not fuzzy or len(norm) < FUZZY_MIN_LENGTH:
        return None
    best = (
        _fuzzy_variant_cached(norm)
        if len(norm) <= _CACHED_TEXT_MAX_CHARS
        else _fuzzy_variant(norm)
    )
    if best is None:
        return None
    variant, score = best
    return HeadingMatch(VARIANT_INDEX[variant], score=score)


@lru_cache(maxsize=512)
def _fuzzy_candidates(length: int) -> tuple[str, ...]:
    """The variants whose length lets them match a heading of ``length``
    characters within ``FUZZY_THRESHOLD``.

    ``fuzz.ratio`` is ``200 * common / (len(a) + len(b))``, and the common
    subsequence is at most the shorter string, so a variant of length ``m``
    scores at most ``200 * min(n, m) / (n + m)`` against a heading of length
    ``n``. The variants keep the order of ``_VARIANTS``, so that the first of
    equally good variants wins as before.
    """
    allowed = {
        m
        for m in _VARIANT_LENGTHS
        if 200 * min(length, m) >= FUZZY_THRESHOLD * (length + m) - 1e-6
    }
    return tuple(variant for variant in _VARIANTS if len(variant) in allowed)


def _fuzzy_variant(norm: str) -> tuple[str, float] | None:
    """The variant ``norm`` is a spelling of (``FUZZY_THRESHOLD``), and its score."""
    candidates = _fuzzy_candidates(len(norm))
    if not candidates:
        return None
    best = process.extractOne(
        norm, candidates, scorer=fuzz.ratio, score_cutoff=FUZZY_THRESHOLD
    )
    if best is None:
        return None
    variant, score, _position = best
    return variant, score


_fuzzy_variant_cached = lru_cache(maxsize=_CACHE_SIZE)(_fuzzy_variant)


def _match_combined(norm: str) -> HeadingMatch | None:
    parts = [p for p in _COMBINED_SPLIT_RE.split(norm) if p]
    if len(parts) < 2:
        return None
    first = _match_one(parts[0])
    if first is None:
        return None
    also: list[str] = []
    for part in parts[1:]:
        other = _match_one(part) or _match_keywords(part)
        if other is None:
            continue
        for key in (other.key, *other.also_covers):
            if key != first.key and key not in also:
                also.append(key)
    return HeadingMatch(first.key, tuple(also), first.score)


def _match_keywords(norm: str) -> HeadingMatch | None:
    """Read a heading as the topics its words name, in the order it names them."""
    hits = sorted(
        (match.start(), key)
        for key, pattern in KEYWORD_KEY_RULES
        if (match := pattern.search(norm)) is not None
    )
    keys = list(dict.fromkeys(key for _position, key in hits))
    keys = [key for key in keys if key not in WEAK_KEYWORD_KEYS] or keys
    if not keys:
        return None
    return HeadingMatch(keys[0], tuple(keys[1:]), KEYWORD_SCORE)


def _is_statement(text: str, norm: str, marked: bool) -> bool:
    """Whether a line says something rather than names a topic: it negates
    ("Tietoja ei luovuteta"), ends as a sentence, or holds a date, a phone number
    or an address. Such a line is a heading only in a listed wording."""
    if _NEGATION_RE.search(norm):
        return True
    if re.search(r"\d{3,}|@", norm):
        return True
    return not marked and bool(re.search(r"[.;,]$", _unmark(normalize_space(text))))


def _reads_as_heading(text: str, norm: str, marked: bool) -> bool:
    """Whether a line may be read by its topic words: a short phrase or question
    that starts with a capital, not a long lead-in to a list."""
    words = norm.split()
    if marked:
        return len(words) <= HEADING_MAX_WORDS
    title = _unmark(normalize_space(text))
    if len(words) > KEYWORD_MAX_WORDS:
        return False
    if title.endswith(":") and len(words) > 6:
        return False
    if re.search(r":\s+\S", title):
        return False  # "Label: value" is a run-in heading or a field, not a heading
    first = _FIRST_LETTER_RE.search(title)
    return first is not None and first.group(0).isupper()


def match_heading(
    text: str, *, marked: bool = False, topics: bool = True
) -> HeadingMatch | None:
    """Recognise ``text`` as the heading of a canonical section, or return ``None``.

    The text is normalised (:func:`.text.normalize_heading`) and looked up among
    the variants and the law's combined headings; failing that,
    read as a combined heading ("X ja Y") whose first part names the key and whose
    other parts go to ``also_covers``; failing that, matched as a spelling variant
    within ``FUZZY_THRESHOLD``; failing that, read by the words that name its
    topics (``vocabulary.HEADING_KEYWORDS``) when it is shaped like a heading (see
    :func:`_reads_as_heading`; ``marked`` says the format marks it as one). Field
    labels ("Nimi", "Puhelin") never match. ``topics=False`` leaves out the last
    step, for places where a phrase is more often text than a heading.

    The answer for a short text is remembered: the parser asks about a line more
    than once, and notices repeat lines.
    """
    if len(text) <= _CACHED_TEXT_MAX_CHARS:
        return _match_heading_cached(text, marked, topics)
    return _match_heading(text, marked, topics)


def clear_caches() -> None:
    """Forget the remembered heading matches (for tests that count the work)."""
    _match_heading_cached.cache_clear()
    _fuzzy_variant_cached.cache_clear()


def _match_heading(text: str, marked: bool, topics: bool) -> HeadingMatch | None:
    """:func:`match_heading` without its cache."""
    norm = normalize_heading(text)
    if not norm or norm in NORMALIZED_FIELD_LABELS:
        return None
    combined = COMBINED_INDEX.get(norm)
    if combined:
        return HeadingMatch(combined[0], combined[1:])
    found = _match_one(norm, fuzzy=False)
    if found is not None or _is_statement(text, norm, marked):
        return found
    found = _match_combined(norm) or _match_one(norm, fuzzy=True)
    if found is None and topics and _reads_as_heading(text, norm, marked):
        found = _match_keywords(norm)
    return found


_match_heading_cached = lru_cache(maxsize=_CACHE_SIZE)(_match_heading)


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
# A citation: "(523/1999)" (Finnish statute), "(2016/679)" or "(EU) 2016/679" (EU
# regulation), or a section sign.
_STATUTE_RE = re.compile(
    r"\(\s*\d{1,4}\s*/\s*(?:19|20)\d{2}\s*\)|\(\s*(?:19|20)\d{2}\s*/\s*\d{1,4}\s*\)"
    r"|\(EU\)\s*(?:19|20)\d{2}\s*/\s*\d{1,4}|§"
)
# Site chrome after the notice: copyright lines, cookie banners, a footer of
# "|"-separated parts.
_FOOTER_RE = re.compile(
    r"©|\bcopyright\b|\(c\)\s*(?:19|20)\d{2}|kaikki oikeudet pidätetään"
    r"|alla rättigheter förbehållna|all rights reserved",
    re.IGNORECASE,
)
_COOKIE_BANNER_RE = re.compile(
    r"(?:eväst|kakor|cookie).*\b(?:hyväksy\w*|accept\w*|godkänn\w*|ok)\b",
    re.IGNORECASE,
)
_SENTENCE_BREAK_RE = re.compile(r"[.!?]\s+\S")
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
    level: int | None = None  # 1-6: a heading level the format marks; EMPHASIS
    joinable: bool = True  # see SourceLine.joinable

    @property
    def blank(self) -> bool:
        return not self.clean

    @property
    def explicit(self) -> bool:
        """The format marks this line as a heading (``<h2>``, "Heading 2", ``##``)."""
        return self.level is not None and self.level < EMPHASIS


@dataclass
class _Draft:
    key: str
    heading: str
    line: int
    also_covers: list[str]
    body: list[_Line] = field(default_factory=list)
    level: int | None = None


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
    # cites a statute, or names the document and what it is made under. A line
    # that also says something else (a date, a second sentence) is content.
    if len(clean.split()) > 30 or _DATE_HINT_RE.search(clean):
        return False
    if re.match(r"§\s*\d", clean):
        return False  # "§ 1 Rekisterinpitäjä": a numbered heading
    if _SENTENCE_BREAK_RE.search(clean):
        return False
    if _STATUTE_RE.search(clean):
        return True
    # A short caption, not a sentence that tells the reader something (a clause
    # after a comma: "Tässä selosteessa kerrotaan, miten …").
    return (
        len(clean.split()) <= PREAMBLE_MAX_WORDS
        and "," not in clean
        and bool(_PREAMBLE_DOC_RE.search(clean))
        and bool(_PREAMBLE_LAW_RE.search(clean))
    )


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


def _is_footer(clean: str) -> bool:
    if _FOOTER_RE.search(clean) and len(clean.split()) <= 15:
        return True
    if _COOKIE_BANNER_RE.search(clean) and len(clean.split()) <= 25:
        return True
    segments = [s for s in re.split(r"\s+[|·•]\s+", clean) if s.strip()]
    return len(segments) >= 3 and all(len(s.split()) <= 5 for s in segments)


def _is_menu_item(clean: str) -> bool:
    """A line a site menu is made of: a link text of a word or three."""
    text = _BULLET_RE.sub(r"\g<item>", clean).strip()
    return (
        0 < len(text.split()) <= 3
        and len(text) <= 30
        and not re.search(r"[\d.,:;!?@/()]", text)
        and not _COMPANY_SUFFIX_RE.search(text)
        and match_heading(text) is None
    )


def _unmark(text: str) -> str:
    """``text`` without Markdown heading and emphasis marks around it."""
    return text.strip().lstrip("#").strip().strip("*_").strip()


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
    level: int | None = None


class _Parser:
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
        self.drafts: list[_Draft] = []
        self.pre_heading: list[_Line] = []
        self.title_line: _Line | None = None
        self.last_number: int | None = None
        self.heading_indexes: set[int] = set()
        self.used_keys: set[str] = set()  # the keys of ``drafts``
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

    def _next_content(self, index: int) -> _Line | None:
        following = self.next_content[index]
        return None if following is None else self.lines[following]

    def _previous_content(self, index: int) -> _Line | None:
        previous = self.previous_content[index]
        return None if previous is None else self.lines[previous]

    # -- pass -----------------------------------------------------------------------

    def parse(self, language: str | None, framework: str | None) -> ParsedNotice:
        if not any(not line.blank for line in self.lines):
            raise NoticeImportError(_("the file is empty."), filename=self.filename)
        self._drop_trailing_junk()
        self._drop_menus()
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
                self.heading_indexes.add(index)
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
                unit=self.unit,
            )
        return self._build(language, framework)

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
        number_match = _HEADING_NUMBER_RE.match(clean)
        if _is_list_item(clean) and not number_match and not explicit:
            return None
        number = int(number_match.group("n")) if number_match else None
        if not explicit and normalize_heading(clean) in NORMALIZED_FIELD_LABELS:
            return None
        if current is None and (
            _is_generic_title(clean) or _is_preamble(clean) or _is_navigation(clean)
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
                )
                if positioned:
                    return _HeadingFound(found, raw_heading, number, level=line.level)

        # A run-in heading: "Rekisterin nimi: Asiakasrekisteri".
        run_in = self._run_in_heading(clean, current)
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
            return _HeadingFound(None, raw_heading, number, level=line.level)
        if line.level == EMPHASIS and self.explicit_headings:
            return None  # bold text in a document with real headings
        if self._is_other_heading(
            index, line, number, marked, prev_boundary and next_blank, current
        ):
            return _HeadingFound(None, raw_heading, number, level=line.level)
        return None

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
        if current is not None and found.key in current.also_covers:
            return None  # a field of the combined section it is in
        number_match = _HEADING_NUMBER_RE.match(head)
        number = int(number_match.group("n")) if number_match else None
        return _HeadingFound(found, head + ":", number, rest)

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
            self.warn(
                line.number,
                _(
                    "a second “%(key)s” section (“%(heading)s”) was imported as "
                    "another section."
                )
                % {"key": key, "heading": found.heading},
            )
            key, also = "other", []
        draft = _Draft(key, found.heading, line.number, also, level=found.level)
        if found.rest:
            draft.body.append(_Line(line.number, found.rest, found.rest, 0))
        self.drafts.append(draft)
        self.used_keys.add(key)
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
        if framework == HTL:
            self._report_gdpr_gaps(sections, language)

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
    paragraph: list[tuple[str, bool]] = []
    list_kind: Literal["ul", "ol"] | None = None
    # Each item as its lines, joined once at the end: joining a line at a time
    # copies the item again for every line of a long one.
    list_items: list[list[str]] = []
    item_indent = 0

    def flush() -> None:
        nonlocal paragraph, list_kind, list_items
        if paragraph:
            blocks.append(("p", _join_paragraph(paragraph)))
        if list_kind and list_items:
            blocks.append((list_kind, [" ".join(parts) for parts in list_items]))
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
            list_items.append([match.group("item").strip()])
            item_indent = line.indent
            continue
        if (
            list_kind
            and list_items
            and (line.indent > item_indent or clean[:1].islower())
        ):
            list_items[-1].append(clean)
            continue
        if list_kind:
            flush()
        paragraph.append((clean, line.joinable))
    flush()
    return blocks


def _join_paragraph(lines: list[tuple[str, bool]]) -> str:
    parts = [lines[0][0]]
    for (previous, joinable), (line, _next) in zip(lines, lines[1:], strict=False):
        wrapped = (
            joinable
            and len(previous) >= SOFT_WRAP_MIN_CHARS
            and not re.search(r"[.!?:;]$", previous)
        )
        parts += (" " if wrapped else "\n", line)
    return "".join(parts)


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
    ("business_id", ("y-tunnus", "ytunnus", "y tunnus", "fo-nummer", "fo-nr",
                     "fo nr", "organisationsnummer", "business id")),
    ("address", ("osoite", "postiosoite", "käyntiosoite", "katuosoite",
                 "adress", "postadress", "besöksadress", "address")),
    ("phone", ("puhelin", "puhelinnumero", "puh", "p", "matkapuhelin", "gsm", "tel",
               "tfn", "telefon", "mobil", "phone")),
    ("email", ("sähköposti", "sähköpostiosoite", "s-posti", "email", "e-mail",
               "e-post", "epost", "e-postadress")),
    ("website", ("internet", "www", "kotisivu", "kotisivut", "verkkosivut",
                 "webbplats", "hemsida", "website")),
    ("other", ("fax", "faksi", "titteli", "tehtävä")),
    # Contact details of any kind: searched for a phone, an e-mail and a website,
    # never taken for the name.
    ("contact", ("muut yhteystiedot", "yhteystiedot", "kontaktuppgifter",
                 "övriga kontaktuppgifter", "contact details")),
)
# fmt: on
# "Label" (lower case) -> the kind of value it introduces.
_LABEL_KINDS: dict[str, str] = {
    label: kind for kind, labels in _LABELS for label in labels
}

_LABEL_RE = re.compile(r"^(?P<label>[^\W\d][\w .-]{0,30}?)\s*[:.]\s*(?P<value>.*)$")
_BUSINESS_ID_RE = re.compile(
    r"\b(?:y-?\s?tunnus|fo-?\s?nummer|fo-?\s?nr|business\s+id|org\.?\s*nr"
    r"|(?:företags-\s*och\s+)?organisationsnummer)\b\.?\s*:?\s*"
    r"(?P<id>\d{6,7}\s?-\s?\d)\b",
    re.IGNORECASE,
)
_BARE_BUSINESS_ID_RE = re.compile(r"(?<![\d+])\b(?P<id>\d{7}-\d)\b(?!\d)")
_PHONE_RE = re.compile(
    r"(?:\b(?:puhelin|puhelinnumero|puh|matkapuhelin|gsm|tel|tfn|telefon|mobil"
    r"|vaihde|växel|phone)\b\.?"
    r"|(?<![\w.])p\.)\s*:?\s*(?P<number>\+?\(?\d[\d\s\-()/]{5,}\d)",
    re.IGNORECASE,
)
_BARE_PHONE_RE = re.compile(r"^\+?\(?\d[\d\s\-()/]{5,}\d$")
_NUMBER_IN_TEXT_RE = re.compile(r"\+?\(?\d[\d \-()/]{5,}\d")
# "nimi(at)firma.fi", "nimi [at] firma [dot] fi", "nimi ät firma.fi": addresses
# written so that harvesters miss them.
_OBFUSCATED_AT_RE = re.compile(
    r"\s*[\(\[\{<]\s*(?:at|ät|a|miuku|@)\s*[\)\]\}>]\s*", re.IGNORECASE
)
_OBFUSCATED_DOT_RE = re.compile(
    r"\s*[\(\[\{<]\s*(?:dot|piste|punkt|\.)\s*[\)\]\}>]\s*", re.IGNORECASE
)
_SPACED_AT_RE = re.compile(
    r"(?<=[\w.-])\s+(?:at|ät|@)\s+(?=[\w-]+(?:\.|\s+(?:dot|piste|punkt)\s+)[\w-])",
    re.IGNORECASE,
)
_SPACED_DOT_RE = re.compile(r"\s+(?:dot|piste|punkt)\s+(?=[\w-])", re.IGNORECASE)
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


def deobfuscate_email(value: str) -> str:
    """Undo the usual disguises of an e-mail address: "nimi(at)firma.fi", "nimi
    [at] firma [dot] fi", "nimi ät firma.fi" all become "nimi@firma.fi"."""
    text = _OBFUSCATED_AT_RE.sub("@", value)
    text = _OBFUSCATED_DOT_RE.sub(".", text)
    text = _SPACED_AT_RE.sub("@", text)
    return re.sub(
        r"@[\w.-]+(?:\s+(?:dot|piste|punkt)\s+[\w-]+)+",
        lambda match: _SPACED_DOT_RE.sub(".", match.group(0)),
        text,
        flags=re.IGNORECASE,
    )


def _label_only(line: str) -> str | None:
    """The label of a line that is only a label ("Nimi", "Osoite:", "Muut
    yhteystiedot (esim. puhelin)"), as in a form; ``None`` for any other line."""
    text = _strip_closing_parenthesis(line).strip().rstrip(":").strip()
    kind = _LABEL_KINDS.get(text.casefold())
    return text if kind not in (None, "other") and len(text) > 1 else None


def _strip_closing_parenthesis(line: str) -> str:
    r"""``line`` without a parenthesis that closes it and the spaces before it, as
    ``re.sub(r"\s*\(.*\)$", "", line)`` but in one pass: that regex reads to the
    end of the line again from every "(", which a long line of them makes slow."""
    if "\n" in line:
        return re.sub(r"\s*\(.*\)$", "", line)
    opening = line.find("(")
    if opening == -1 or not line.endswith(")") or opening == len(line) - 1:
        return line
    return line[:opening].rstrip()


def _merge_label_lines(lines: list[str]) -> list[str]:
    """Join a label on a line of its own with the value on the next line."""
    merged: list[str] = []
    label: str | None = None
    for raw in lines:
        line = normalize_space(raw)
        if not line:
            continue
        only = _label_only(line)
        if only is not None:
            label = only
            continue
        merged.append(f"{label}: {line}" if label else line)
        label = None
    return merged


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
    labelled = [_label_of(line) for line in _merge_label_lines(lines)]

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
            number = _NUMBER_IN_TEXT_RE.search(value)
            candidate = number.group(0) if number else value
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
        text = deobfuscate_email(value)
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
        if kind not in (None, "address", "contact"):
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
                prev_kind in (None, "address", "contact")
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
        or _EMAIL_RE.search(deobfuscate_email(value))
        or _WEBSITE_RE.match(value)
        or re.match(r"^\d{5}\s", value)
    )


def _clean_name(value: str) -> str:
    name = _NAME_CUT_RE.sub("", value)
    name = _EMAIL_RE.sub("", deobfuscate_email(name))
    return name.strip(" ,;:–-(").strip()


__all__ = [
    "CONTACT_PERSON_FIELDS",
    "CONTROLLER_FIELDS",
    "EMPHASIS",
    "HeadingMatch",
    "ImportResult",
    "NoticeImportError",
    "NoticeSource",
    "ParsedNotice",
    "ParsedSection",
    "SUPPORTED_EXTENSIONS",
    "SourceLine",
    "blocks_to_html",
    "blocks_to_text",
    "build_blocks",
    "build_notice_page",
    "decode_notice_bytes",
    "deobfuscate_email",
    "detect_framework",
    "detect_language",
    "docx_to_lines",
    "extract_contact_details",
    "html_to_lines",
    "import_notice_files",
    "import_parsed_notices",
    "markdown_to_lines",
    "match_heading",
    "normalize_line_endings",
    "notice_file_extension",
    "parent_for_locale",
    "parse_date",
    "parse_notice",
    "parse_notice_file",
    "parse_notice_lines",
    "parse_notice_upload",
    "placeholder_keys",
    "publish_through_review",
    "read_notice_file",
    "read_notice_source",
    "section_body_html",
    "source_text",
    "stream_data",
    "text_to_lines",
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
    """What importing one file did.

    ``placeholders`` are the required sections a ``gdpr`` notice lacked, added
    empty for the editor to write (see :func:`placeholder_keys`).
    """

    parsed: ParsedNotice
    page: Any = None
    created: bool = False
    state: str = "draft"  # draft, in_review, published, skipped
    placeholders: list[str] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        """The dry-run JSON of the notice plus what the import made of it."""
        return {
            **self.parsed.as_json(),
            "page_id": self.page.pk if self.page is not None else None,
            "url_path": self.page.url_path if self.page is not None else None,
            "state": self.state,
            "placeholders": list(self.placeholders),
        }


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
        if parse_date(section.text.strip()) is not None and len(section.text) <= 40:
            value["body"] = ""  # the date is all the section says: show it once
    return value


def placeholder_keys(parsed: ParsedNotice) -> list[str]:
    """The required sections a ``gdpr`` notice lacks that an import adds empty.

    A legacy (``htl``) notice is imported as written: nothing is added to it.
    """
    if parsed.framework != GDPR:
        return []
    present = {s.key for s in parsed.sections}
    return [key for key in parsed.missing if key not in present]


def stream_data(parsed: ParsedNotice, controller=None) -> list[dict[str, Any]]:
    """The ``NoticeStreamBlock`` raw data of a parsed notice.

    A ``gdpr`` import gets the required sections it lacks (:func:`placeholder_keys`)
    as empty drafts at the end: no heading of their own (the canonical heading in
    the page's language shows) and no text, so the editor sees each one to write
    and the completeness check keeps them "missing": the draft cannot be submitted
    or published until they are written.
    """
    data = [
        {"type": s.key, "value": _section_value(s, parsed.language, controller)}
        for s in parsed.sections
    ]
    for key in placeholder_keys(parsed):
        data.append(
            {"type": key, "value": {"heading": "", "body": "", "also_covers": []}}
        )
    return data


def _controller_for(parsed: ParsedNotice, locale):
    """Reuse the locale's controller with the same business ID (or name), or make one."""
    from ..models import Controller

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
    """An unsaved draft ``PrivacyNoticePage`` of ``parsed``, its controller saved."""
    from ..models import PrivacyNoticePage

    controller = _controller_for(parsed, locale)
    page = PrivacyNoticePage(
        title=parsed.title[:255],
        slug=_unique_slug(parent, parsed.title, locale),
        locale=locale,
        framework=parsed.framework,
        body=stream_data(parsed, controller),
        # A draft until it is published (through review): never live on import.
        live=False,
        has_unpublished_changes=True,
    )
    # Validate the sections as the admin form would (e-mail, phone, lengths).
    try:
        page.body = page.body.stream_block.clean(page.body)
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
    progress: Callable[[ImportResult], Any] | None = None,
) -> list[ImportResult]:
    """Create draft notices under ``parent`` in one transaction: all or nothing.

    A notice goes under ``parent``'s translation in the notice's language when
    there is one. With ``publish`` a notice is published; under the Legal review
    workflow it is submitted for review instead (by ``user``) and published only
    when ``approver``, a legal reviewer, approves it. ``progress`` is called with
    each result as it is done.
    """
    from django.db import transaction

    results: list[ImportResult] = []
    with transaction.atomic():
        for parsed in notices:
            locale = _locale_of(parsed)
            index = parent_for_locale(parent, locale)
            result = ImportResult(parsed=parsed)
            existing = None
            if skip_existing:
                existing = (
                    index.get_children()
                    .filter(title=parsed.title[:255], locale=locale)
                    .specific()
                    .first()
                )
            if existing is not None:
                result.page, result.state = existing, "skipped"
                results.append(result)
                if progress is not None:
                    progress(result)
                continue
            page = build_notice_page(parsed, index, locale)
            index.add_child(instance=page)
            revision = page.save_revision(user=user, log_action=True)
            result.page, result.created = page, True
            result.placeholders = placeholder_keys(parsed)
            if publish:
                _check_publishable(page, parsed)
                result.state = publish_through_review(page, revision, user, approver)
            results.append(result)
            if progress is not None:
                progress(result)
    return results


def _locale_of(parsed: ParsedNotice):
    from wagtail.models import Locale

    locale = Locale.objects.filter(language_code=parsed.language).first()
    if locale is None:
        raise NoticeImportError(
            _("the site has no “%(language)s” locale for this notice.")
            % {"language": parsed.language},
            filename=parsed.file,
        )
    return locale


def parent_for_locale(parent, locale):
    """The translation of the notices index ``parent`` in ``locale``, if it has
    one: a Swedish notice belongs under the Swedish index. Otherwise ``parent``."""
    if getattr(parent, "locale_id", None) == locale.pk:
        return parent
    translation = parent.get_translation_or_none(locale)
    return translation.specific if translation is not None else parent


def _check_publishable(page, parsed: ParsedNotice) -> None:
    """An incomplete ``gdpr`` notice is imported as a draft or not at all."""
    report = page.completeness()
    if report.blocks_publishing:
        from ..models import missing_sections_message

        raise NoticeImportError(
            _(
                "cannot be published: %(reason)s Import it as a draft and write "
                "the missing sections first."
            )
            % {"reason": missing_sections_message(report.missing, parsed.language)},
            filename=parsed.file,
        )


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
    """Parse every file first, then import them all in one transaction: a file
    that cannot be parsed or imported stops the whole batch."""
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
