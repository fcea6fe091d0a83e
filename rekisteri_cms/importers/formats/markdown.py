"""Markdown notices, read line by line."""

from __future__ import annotations

import html
import re

from ..lines import _is_list_item
from ..sources import _BLANK, EMPHASIS, SourceLine
from ..text import normalize_line_endings, normalize_space
from .tables import _table_lines

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
