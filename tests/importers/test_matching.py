"""Heading knowledge and text rules of the importer beyond the seed notices.

Question headings, the law's wording, Swedish register descriptions, headings
recognised by the words naming their topic, combined headings, awkward layouts,
and the controller's identifiers (disguised e-mail addresses, FO-nummer, a wrong
check digit). No database.
"""

from __future__ import annotations

import pytest
from django.utils import translation

from rekisteri_cms.importers import (
    deobfuscate_email,
    extract_contact_details,
    match_heading,
    parse_notice,
)
from rekisteri_cms.importers.vocabulary import COMBINED_HEADINGS, HEADING_KEYWORDS


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


# ---------------------------------------------------------------------------------
# Layouts
# ---------------------------------------------------------------------------------

NO_BLANK_LINES = """Rekisteriseloste
Rekisterinpitäjä
Yritys Oy
Y-tunnus 2311066-7
Rekisterin nimi
Asiakasrekisteri
Rekisterin käyttötarkoitus
Asiakassuhteen hoito.
Rekisterin tietosisältö
Nimi ja osoite.
Tarkastusoikeus
Asiakas voi tarkastaa tietonsa.
"""


def test_text_without_blank_lines_finds_unnumbered_headings():
    assert parse_notice(NO_BLANK_LINES).keys == [
        "controller",
        "register_name",
        "purpose",
        "data_content",
        "right_of_access",
    ]


def test_all_caps_section_sign_headings():
    notice = parse_notice(
        "§ 1 REKISTERINPITÄJÄ\nYritys Oy\n\n§ 2 REKISTERIN NIMI\nAsiakkaat\n\n"
        "§ 3 REKISTERIN SUOJAUKSEN PERIAATTEET\nSalasanat.\n"
    )
    assert notice.keys == ["controller", "register_name", "security"]


def test_site_menu_before_the_notice_is_dropped():
    notice = parse_notice(
        "Etusivu\nPalvelut\nHinnasto\nYhteystiedot\n\nRekisterinpitäjä\n\nYritys Oy\n"
    )
    assert [s.key for s in notice.sections] == ["controller"]


def test_site_menu_is_reported():
    with translation.override("en"):
        notice = parse_notice(
            "Etusivu\nPalvelut\nHinnasto\n\nRekisterinpitäjä\n\nYritys Oy\n"
        )
    assert any("Etusivu, Palvelut, Hinnasto" in w for w in notice.warnings)


def test_footer_after_the_notice_is_dropped():
    notice = parse_notice(
        "Rekisterinpitäjä\n\nYritys Oy\n\n© 2024 Yritys Oy\n"
        "Tämä sivusto käyttää evästeitä. Hyväksy evästeet\n"
    )
    assert notice.sections[0].text == "Yritys Oy"


def test_run_in_field_of_a_combined_section_stays_in_it():
    notice = parse_notice(
        "Rekisterinpitäjä ja yhteyshenkilö\n\nYritys Oy\n"
        "Yhteyshenkilö: Maija Malli, maija@yritys.fi\n"
    )
    assert notice.keys == ["controller"]


def test_short_lead_in_with_law_is_dropped_as_a_preamble():
    notice = parse_notice(
        "Tietosuoja-asetuksen mukainen tietosuojaseloste\n\nRekisterinpitäjä\n\nYritys Oy\n"
    )
    assert notice.keys == ["controller"]


def test_sentence_about_the_notice_is_kept():
    notice = parse_notice(
        "Tässä selosteessa kerrotaan, miten käsittelemme asiakkaidemme tietoja "
        "EU:n tietosuoja-asetuksen mukaisesti.\n\nRekisterinpitäjä\n\nYritys Oy\n"
    )
    assert notice.keys == ["other", "controller"]


def test_legacy_notice_warns_about_its_gdpr_gaps():
    with translation.override("en"):
        notice = parse_notice(
            "Henkilötietolain mukainen rekisteriseloste\n\nRekisterinpitäjä\n\n"
            "Yritys Oy\n\nRekisterin käyttötarkoitus\n\nAsiakassuhde.\n"
        )
    assert (
        "as a GDPR privacy notice this register description would also need: "
        "Käsittelyn oikeusperuste, Rekisterin tietosisältö, Säännönmukaiset "
        "tietolähteet, Tietojen säännönmukaiset luovutukset, Tietojen siirto EU:n "
        "tai ETA:n ulkopuolelle, Henkilötietojen säilytysaika, Rekisteröidyn "
        "oikeudet, Oikeus tehdä valitus valvontaviranomaiselle, Automaattinen "
        "päätöksenteko ja profilointi."
    ) in notice.warnings


def test_gdpr_notice_has_no_gdpr_gap_warning():
    with translation.override("en"):
        notice = parse_notice(
            "Tietosuojaseloste (EU 2016/679)\n\nRekisterinpitäjä\n\nYritys Oy\n"
        )
    assert not any("as a GDPR privacy notice" in w for w in notice.warnings)


def test_dry_run_json_shape_is_unchanged():
    data = parse_notice(NO_BLANK_LINES, filename="x.txt").as_json()
    assert list(data) == [
        "file", "title", "language", "framework", "controller",
        "contact_person", "sections", "missing", "warnings",
    ]  # fmt: skip


# ---------------------------------------------------------------------------------
# Contact details
# ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "email"),
    [
        ("nimi(at)firma.fi", "nimi@firma.fi"),
        ("nimi [at] firma [dot] fi", "nimi@firma.fi"),
        ("nimi ät firma.fi", "nimi@firma.fi"),
        ("nimi at firma dot fi", "nimi@firma.fi"),
        ("nimi(ät)firma(piste)fi", "nimi@firma.fi"),
        ("etu.suku{at}firma.fi", "etu.suku@firma.fi"),
    ],
)
def test_disguised_email_addresses(value, email):
    assert extract_contact_details(["Yritys Oy", value])["email"] == email


def test_deobfuscation_leaves_text_alone():
    text = "Tapaamme at the office. Ovet aukeavat klo 8."
    assert deobfuscate_email(text) == text


@pytest.mark.parametrize(
    "line",
    [
        "FO-nummer: 2311066-7",
        "FO-nr 2311066-7",
        "Företags- och organisationsnummer 2311066-7",
        "Y-tunnus: 2311066-7",
    ],
)
def test_business_id_labels(line):
    assert extract_contact_details(["Yritys Ab", line])["business_id"] == "2311066-7"


def test_wrong_check_digit_is_a_warning_and_never_fixed():
    warnings: list[str] = []
    with translation.override("en"):
        details = extract_contact_details(
            ["Yritys Ab", "FO-nummer 2311066-8"], warn=lambda m: warnings.append(str(m))
        )
    assert details["business_id"] is None
    assert warnings == [
        "the check digit of the business ID (Y-tunnus) 2311066-8 is wrong; the "
        "business ID was left empty."
    ]


def test_form_labels_on_their_own_lines():
    details = extract_contact_details(
        ["Nimi", "Parturi Esimerkki", "Osoite", "Katu 1, 87100 Kajaani"]
    )
    assert (details["name"], details["postal_code"], details["locality"]) == (
        "Parturi Esimerkki",
        "87100",
        "Kajaani",
    )


def test_labelled_phone_with_a_note():
    details = extract_contact_details(["Yritys Oy", "puh. 040 123 4567 (arkisin)"])
    assert details["phone"] == "+358401234567"


def test_swedish_phone_label():
    details = extract_contact_details(["Yritys Ab", "tfn 040 123 4567"])
    assert details["phone"] == "+358401234567"
