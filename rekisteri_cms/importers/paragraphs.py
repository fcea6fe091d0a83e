"""Paragraphs and lists: a section's lines grouped into blocks, as text and HTML."""

from __future__ import annotations

import html
import re
from typing import Literal

from .lines import _BULLET_RE, _ORDERED_RE, _Line, _split_lines

#: A line at least this long that ends without punctuation was wrapped by hand: the
#: next line continues its sentence.
SOFT_WRAP_MIN_CHARS = 50

#: A block of a section: a paragraph, or a list and its items.
Block = tuple[Literal["p"], str] | tuple[Literal["ul", "ol"], list[str]]


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
