"""The import report's GDPR information items, and notices written as prose.

``import_notice --dry-run --format json`` gives, per file, every Art. 13/14 item
judged as for a GDPR notice whatever the file's framework, so that a legacy file
gets its GDPR gap list (docs/legal-check.md). A notice with no headings at all is
kept whole when its text reads as a privacy notice, and refused otherwise.
"""

from __future__ import annotations

import pytest

from rekisteri_cms.importers import NoticeImportError, parse_notice
from rekisteri_cms.legal import ITEM_CODES
from tests.importers.test_command import SEEDS_DIR

PROSE_FI = """Kahvila Kuppi Oy:n tietosuojaseloste

Kahvila Kuppi Oy (Y-tunnus 2311066-7, Kauppakatu 1, 60100 Seinäjoki,
info@kuppi.example) käsittelee kanta-asiakkaiden nimeä, sähköpostiosoitetta ja
ostohistoriaa kanta-asiakasohjelman hoitamiseksi. Käsittely perustuu
kanta-asiakassopimukseen. Tietoja säilytetään kaksi vuotta kanta-asiakkuuden
päättymisestä. Tietoja ei luovuteta eikä siirretä EU:n tai ETA:n ulkopuolelle.
Sinulla on oikeus saada pääsy tietoihisi, oikaista ja poistaa ne sekä rajoittaa
niiden käsittelyä. Voit tehdä valituksen Tietosuojavaltuutetun toimistolle.
"""

NOT_A_NOTICE = """Kesäkuun ruokalista

Maanantaina tarjolla on hernekeittoa ja pannukakkua. Tiistaina syömme
lohikeittoa, keskiviikkona makaronilaatikkoa ja torstaina kasvissosekeittoa.
Perjantaina on pizzapäivä.
"""


def test_every_item_is_reported_with_status_article_and_evidence():
    data = parse_notice(PROSE_FI, filename="kuppi.txt").as_json()
    assert [entry["item"] for entry in data["gdpr_items"]] == list(ITEM_CODES)
    for entry in data["gdpr_items"]:
        assert set(entry) == {"item", "status", "article", "evidence"}
        assert entry["status"] in {"present", "missing", "not_applicable"}
        assert entry["article"]
    assert data["gdpr_article"] in {"13", "14", "both"}


def test_prose_without_headings_is_kept_whole_and_checked():
    parsed = parse_notice(PROSE_FI, filename="kuppi.txt")
    statuses = {e["item"]: e["status"] for e in parsed.as_json()["gdpr_items"]}
    assert statuses["retention"] == "present"
    assert statuses["complaint"] == "present"
    assert statuses["automated_decisions"] == "missing"
    data = parsed.as_json()
    assert any("proosana" in w for w in data["warnings"])
    # The dry-run report shows where the text went: the introduction, whole.
    assert data["sections"] == []
    assert "säilytetään" in data["introduction"]
    assert data["introduction"] == parsed.introduction_text


def test_a_text_that_is_no_notice_is_still_refused():
    with pytest.raises(NoticeImportError, match="tietosuojaseloste"):
        parse_notice(NOT_A_NOTICE, filename="ruokalista.txt")


@pytest.mark.parametrize("seed", sorted(p.name for p in SEEDS_DIR.glob("*.txt")))
def test_a_legacy_register_description_gets_its_gdpr_gaps(seed):
    data = parse_notice((SEEDS_DIR / seed).read_text(), filename=seed).as_json()
    assert data["framework"] == "htl"
    missing = {e["item"] for e in data["gdpr_items"] if e["status"] == "missing"}
    # None of the five seeds (HTL era) tells of the right to complain to the
    # supervisory authority or of automated decisions, which the GDPR requires.
    assert {"complaint", "automated_decisions"} <= missing
