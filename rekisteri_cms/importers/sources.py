"""Reading notice files: file types, decoding, and the stream of lines.

A notice file is decoded here (plain text and Markdown) or checked before a
format's reader opens it (HTML, Word); every format then becomes the same stream
of :class:`SourceLine` objects, with the headings its markup marks flagged.
"""

from __future__ import annotations

import codecs
import unicodedata
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.utils.translation import gettext_lazy as _

from .errors import NoticeImportError
from .text import normalize_line_endings

#: The heading level of a line that a format marks only by emphasis (a paragraph
#: that is bold throughout): weaker than a real heading level 1-6.
EMPHASIS = 7
#: The file types the importer reads, by extension.
SUPPORTED_EXTENSIONS = (".txt", ".md", ".html", ".htm", ".docx")


_BINARY_SIGNATURES = (
    (b"%PDF-", "PDF"),
    (b"PK\x03\x04", "ZIP or Word (.docx)"),
    (b"\xd0\xcf\x11\xe0", "Word (.doc)"),
    (b"{\\rtf", "RTF"),
)
# Share of characters that may be control or undecodable before a file is binary.
_MAX_NON_TEXT_SHARE = 0.05


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


# --------------------------------------------------------------------------------
# The stream of lines every format becomes
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
