"""Tables of any format: a form's rows, a layout's cells, or a list of rows."""

from __future__ import annotations

from ..lines import _is_list_item
from ..matching import FUZZY_THRESHOLD, HEADING_MAX_WORDS, match_heading
from ..sources import _BLANK, EMPHASIS, SourceLine
from ..text import normalize_heading, normalize_space
from ..vocabulary import NORMALIZED_FIELD_LABELS


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
