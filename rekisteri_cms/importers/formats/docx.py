"""Word (.docx) notices: paragraphs, their styles and numbering, and tables."""

from __future__ import annotations

import io
import re
import zipfile
from typing import Any

from django.utils.translation import gettext_lazy as _
from docx import Document as open_docx
from docx.enum.style import WD_STYLE_TYPE
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn
from docx.table import Table as DocxTable
from docx.text.paragraph import Paragraph as DocxParagraph
from docx.text.run import Run as DocxRun

from ..errors import NoticeImportError
from ..matching import _FIRST_LETTER_RE
from ..sources import _BLANK, EMPHASIS, SourceLine
from ..text import normalize_space
from .tables import _table_lines

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
