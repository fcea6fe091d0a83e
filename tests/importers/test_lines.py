"""Layouts that line classification (``importers.lines``) has to see through.

Text without blank lines, section signs in capitals, site menus and footers,
preambles, and the warnings they give. No database.
"""

from __future__ import annotations

from django.utils import translation

from rekisteri_cms.importers import parse_notice

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
    assert notice.keys == ["controller"]
    assert notice.introduction_text.startswith("Tässä selosteessa kerrotaan")


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
        "gdpr_article", "gdpr_items", "introduction", "document_date",
    ]  # fmt: skip
