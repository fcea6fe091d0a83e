"""Heading knowledge of the importer (``importers.matching``, ``importers.vocabulary``).

Question headings, the law's wording, Swedish register descriptions, headings
recognised by the words naming their topic, combined headings, spelling variants,
and lines that are not headings. No database.
"""

from __future__ import annotations

import pytest

from rekisteri_cms.importers import match_heading
from rekisteri_cms.importers.text import normalize_heading
from rekisteri_cms.importers.vocabulary import (
    COMBINED_HEADINGS,
    HEADING_KEYWORDS,
    HEADING_VARIANTS,
    NORMALIZED_FIELD_LABELS,
)


@pytest.mark.parametrize(
    ("heading", "key"),
    [
        ("Mitä henkilötietoja keräämme?", "data_content"),
        ("Kuinka kauan säilytämme tietojasi?", "retention"),
        ("Mihin käytämme henkilötietojasi?", "purpose"),
        ("Keille luovutamme tietoja?", "disclosures"),
        ("Siirrämmekö tietoja EU:n ulkopuolelle?", "transfers_outside_eea"),
        ("Miten suojaamme tietosi?", "security"),
        ("Mitkä ovat oikeutesi?", "data_subject_rights"),
        ("Vilka personuppgifter samlar vi in?", "data_content"),
        ("Hur länge sparar vi dina uppgifter?", "retention"),
        ("Registeransvarig", "controller"),
        ("Kontaktperson i ärenden som gäller registret", "contact_person"),
        ("Regelbundna uppgiftskällor", "data_sources"),
        ("Överföring till tredjeland", "transfers_outside_eea"),
        ("Rekisterinpitäjä ja tarvittaessa sen edustaja", "controller"),
        ("Henkilötietojen vastaanottajat tai vastaanottajaryhmät", "disclosures"),
        ("Mottagare eller kategorier av mottagare", "disclosures"),
    ],
)
def test_listed_wordings(heading, key):
    found = match_heading(heading)
    assert (found.key, found.exact) == (key, True)


@pytest.mark.parametrize(
    ("heading", "key"),
    [
        ("Näin suojaamme henkilötietosi", "security"),
        ("Kauanko säilytämme hakemuksia?", "retention"),
        ("Mihin tarkoituksiin tietojasi käytetään", "purpose"),
        ("Kenen henkilötietoja rekisterissä on?", "data_subjects"),
        ("Tietojen luovuttaminen kolmansille", "disclosures"),
        ("Hur länge lagras uppgifterna om kunderna?", "retention"),
        ("Varifrån kommer uppgifterna?", "data_sources"),
        ("Profilointi ja automaattiset päätökset", "automated_decisions"),
    ],
)
def test_unlisted_wordings_are_read_by_their_topic(heading, key):
    assert match_heading(heading).key == key


@pytest.mark.parametrize(
    "line",
    [
        "Tietoja ei luovuteta kolmansille osapuolille",
        "Säilytämme tietoja kaksi vuotta.",
        "Uppgifterna sparas inte utanför EU",
        "Perustiedot: nimi, osoite ja puhelinnumero",
        "säilytysaika määräytyy kirjanpitolain mukaan",
        "Tiedot säilytetään 31.12.2025 asti",
        "Lisäksi rekisteriin tallennetaan seuraavat suojaukseen liittyvät tiedot:",
    ],
)
def test_sentences_are_not_read_as_headings(line):
    assert match_heading(line) is None


def test_topic_order_makes_a_combined_heading():
    found = match_heading("Säilytysaika, suojaus ja oikeutesi")
    assert (found.key, found.also_covers) == (
        "retention",
        ("security", "data_subject_rights"),
    )


def test_law_wording_combined_heading():
    heading = next(iter(COMBINED_HEADINGS))
    found = match_heading(heading)
    assert (found.key, found.also_covers) == ("data_subjects", ("data_content",))


def test_genitive_controller_is_a_modifier():
    assert match_heading("Rekisterinpitäjän yhteyshenkilö").key == "contact_person"


def test_bare_transfers_next_to_disclosures_covers_transfers():
    found = match_heading("Tietojen luovutukset ja siirrot")
    assert found.also_covers == ("transfers_outside_eea",)


def test_every_keyword_rule_names_a_section():
    from rekisteri_cms.sections import SECTION_KEYS

    assert set(HEADING_KEYWORDS) <= set(SECTION_KEYS) - {"other"}


@pytest.mark.parametrize(
    ("heading", "key"),
    [
        ("Rekisterin pitäjän", "controller"),
        ("Rekisterinpitäja", "controller"),
        ("Säänönmukaiset tietolähteet", "data_sources"),
        ("Tarkastus oikeus", "right_of_access"),
        ("## 3) Rekisterin nimi", "register_name"),
        ("**Tietosuojavastaava**", "dpo"),
        ("§ 4 Rekisterin käyttötarkoitus:", "purpose"),
        ("Rekisterin\u00a0tietosisältö:\u00a0", "data_content"),
        ("Rekisterin\u00adpitäjä", "controller"),
        ("Rätt till insyn", "right_of_access"),
        ("Lagringstid för personuppgifterna", "retention"),
    ],
)
def test_match_heading_accepts_variants(heading, key):
    found = match_heading(heading)
    assert found is not None and found.key == key


@pytest.mark.parametrize(
    "line",
    [
        "Asiakassuhde",
        "Yhteystiedot",
        "Nimi:",
        "Rekisteriseloste",
        "Tietoja ei luovuteta EU:n eikä ETA:n ulkopuolelle.",
        "Rekisteriin tallennettuja tietoja käytetään",
    ],
)
def test_match_heading_rejects_other_lines(line):
    assert match_heading(line) is None


def test_match_heading_reads_combined_headings():
    found = match_heading("Rekisterin nimi ja käyttötarkoitus")
    assert (found.key, found.also_covers) == ("register_name", ("purpose",))


def test_heading_variants_name_one_key_each():
    seen: dict[str, str] = {}
    for key, variants in HEADING_VARIANTS.items():
        for variant in variants:
            norm = normalize_heading(variant)
            assert seen.setdefault(norm, key) == key, variant
            assert norm not in NORMALIZED_FIELD_LABELS, variant
