"""Text normalisation shared by the importer's modules.

How headings are compared (:func:`normalize_heading`), how spaces, invisible
characters and line endings are tidied, and the small text helpers that the line
classification, the heading matcher and the page builder all use.
"""

from __future__ import annotations

import re
import unicodedata

_NUMBERING_RE = re.compile(
    r"""^(?:
        §\s*\d+[a-z]?\s*[.):]?          # § 1
      | \d{1,2}(?:\.\d{1,2})*[.)]?      # 1. 1) 1.2 1
      | [ivx]{1,4}[.)]                  # iv.
      | (?-i:[IVX]{1,4})(?=\s+(?-i:[A-ZÅÄÖ]))  # IV Otsikko
      | [a-z][.)]                       # a)
    )\s+""",
    re.VERBOSE | re.IGNORECASE,
)
_SPACES_RE = re.compile(r"[\s\u00a0\u2007\u202f]+")
# Soft hyphens, zero-width characters and stray byte-order marks: invisible, and
# in the way of matching and of clean text.
_INVISIBLE_RE = re.compile("[\u00ad\u200b-\u200d\u2060\ufeff]")
_DASHES_RE = re.compile(r"[\u2010-\u2015\u2212]")


def strip_invisible(value: str) -> str:
    """Remove soft hyphens and zero-width characters."""
    return _INVISIBLE_RE.sub("", value)


def normalize_space(value: str) -> str:
    """Collapse every run of whitespace (no-break spaces too) into one space and
    remove invisible characters."""
    return _SPACES_RE.sub(" ", strip_invisible(value)).strip()


def normalize_heading(value: str) -> str:
    """Reduce a heading to the form in which variants are compared.

    Case, Unicode form, no-break and repeated spaces, dashes, Markdown emphasis and
    heading marks, numbering and trailing punctuation are not part of a heading's
    wording, so they are removed here once instead of being listed per variant.
    """
    text = unicodedata.normalize("NFC", value)
    text = normalize_space(_DASHES_RE.sub("-", text))
    text = text.lstrip("#").strip()
    text = text.strip("*_").strip()
    text = _NUMBERING_RE.sub("", text, count=1)
    text = text.strip("*_").strip()
    text = text.rstrip(":.?!;,").strip()
    return text.casefold()


def strip_numbering(value: str) -> str:
    """``value`` without the item number it starts with ("3.", "b)", "iv.")."""
    return _NUMBERING_RE.sub("", value.strip(), count=1)


def normalize_line_endings(text: str) -> str:
    """Use ``\\n`` for every line break (Windows, old Mac, Unicode separators)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return re.sub("[\u2028\u2029\x0b\x0c\x85]", "\n", text)


def _unmark(text: str) -> str:
    """``text`` without Markdown heading and emphasis marks around it."""
    return text.strip().lstrip("#").strip().strip("*_").strip()


def _strip_sentence_end(text: str) -> str:
    return text.strip().rstrip(".").strip()
