"""Formats: every notice file becomes the same stream of lines.

Plain text is read line by line (:func:`.sources.text_to_lines`); Markdown, HTML
and Word documents have readers of their own, which flag the headings their
markup marks. :func:`read_notice_source` picks the reader by the file's extension.
"""

from __future__ import annotations

import os
from pathlib import Path

from ..sources import (
    NoticeSource,
    decode_notice_bytes,
    notice_file_extension,
    source_text,
    text_to_lines,
)
from .docx import docx_to_lines
from .html import html_to_lines
from .markdown import markdown_to_lines


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
