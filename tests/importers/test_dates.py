"""Dates in a notice's text (``importers.dates``). No database."""

from __future__ import annotations

import pytest

from rekisteri_cms.importers import parse_date


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("31.5.2008", "2008-05-31"),
        ("Päivitetty 2019-01-02", "2019-01-02"),
        ("25. toukokuuta 2018", "2018-05-25"),
        ("12 mars 2015", "2015-03-12"),
        ("31.2.2008 ja 1.3.2008", "2008-03-01"),
    ],
)
def test_parse_date(text, iso):
    assert parse_date(text).isoformat() == iso
