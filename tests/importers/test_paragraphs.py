"""A section's lines as paragraphs and lists (``importers.paragraphs``). No database."""

from __future__ import annotations

from rekisteri_cms.importers import build_blocks


def test_build_blocks_of_plain_lines():
    assert build_blocks(["Johdanto:", "", "- yksi", "- kaksi", "", "Loppu."]) == [
        ("p", "Johdanto:"),
        ("ul", ["yksi", "kaksi"]),
        ("p", "Loppu."),
    ]
