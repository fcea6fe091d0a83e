"""Tests of the importer's parsing half (``rekisteri_cms.importers``).

The five seed notices are real register descriptions; each is checked against the
sections and identifiers a reader finds in it (docs/notice-model.md#heading-variants). Made-up notices in
Swedish, in the GDPR-era question style and with run-in headings keep the heading
matcher honest beyond the seeds. Nothing here touches the database.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest
from django.utils import translation

from rekisteri_cms.importers import (
    CONTROLLER_FIELDS,
    ParsedNotice,
    ParsedSection,
    parse_notice,
    parse_notice_file,
    section_body_html,
)
from rekisteri_cms.importers.text import normalize_space

SEEDS_DIR = Path(__file__).resolve().parents[2] / "project" / "demo_content" / "seeds"


def _controller(*values: str | None) -> dict[str, str | None]:
    return dict(zip(CONTROLLER_FIELDS, values, strict=True))


SEEDS = {
    "000": {
        "keys": [
            "controller",
            "contact_person",
            "register_name",
            "legal_basis",
            "purpose",
            "data_content",
            "data_sources",
            "security",
            "right_of_access",
        ],
        "controller": _controller(
            "Komiat Hetket Oy", "2311066-7", None, "60101", "Seinäjoki",
            "+358400417447", None, None,
        ),
        "contact_person": {"name": "Heidi Saukko", "phone": "+358408498246", "email": None},
        "title": "Komiat Hetket Oy:n asiakastietokanta",
        "dropped": [
            "Rekisteriseloste",
            "Henkilötietolain (523/1999) 10 §:n mukainen rekisteriseloste.",
        ],
    },
    "001": {
        "keys": [
            "register_name",
            "controller",
            "contact_person",
            "purpose",
            "data_content",
            "data_sources",
            "disclosures",
            "rectification_erasure",
            "security",
            "right_to_object",
            "date",
        ],
        "controller": _controller(
            "Kokemuskauppa Oy", "2173478-3", "Syrjälänkatu 2 B 9", "40700", "Jyväskylä",
            "+358440385005", "posti@kokemuskauppa.com", "https://www.kokemuskauppa.com",
        ),
        "contact_person": {
            "name": "Ville Kajala", "phone": None, "email": "ville@kokemuskauppa.com",
        },
        "title": "Kokemuskauppa Oy:n asiakasrekisteri",
        "dropped": ["REKISTERISELOSTE"],
    },
    "002": {
        "keys": [
            "controller",
            "contact_person",
            "register_name",
            "purpose",
            "data_content",
            "data_sources",
            "disclosures",
            "rectification_erasure",
            "security",
        ],
        "controller": _controller(
            "Confetti", "2309658-6", "Moukarinkuja 4 C1", "04300", "Tuusula",
            "+358451206627", "info@confetti.fi", None,
        ),
        "contact_person": {"name": "Confetin henkilökunta", "phone": None, "email": None},
        "title": "Verkkokaupan asiakasrekisteri",
        "dropped": ["Rekisteriseloste", "Oiva_raportti.pdf"],
    },
    "003": {
        "keys": [
            "controller",
            "contact_person",
            "register_name",
            "purpose",
            "data_content",
            "data_sources",
            "disclosures",
            "transfers_outside_eea",
            "security",
        ],
        "controller": _controller(
            "Kotisivutaivas Oy", "2135102-9", "Peninkulma 15", "90810", "Kiviniemi",
            "+358445962025", None, None,
        ),
        "contact_person": {
            "name": "Mainostakomo", "phone": "+358445962025",
            "email": "info@mainostakomo.com",
        },
        "title": "Mainostakomon internetpalvelujen asiakastietorekisteri",
        "dropped": [],
    },
    "004": {
        "keys": [
            "controller",
            "contact_person",
            "register_name",
            "purpose",
            "data_content",
            "data_sources",
            "disclosures",
            "security",
            "right_to_object",
        ],
        "controller": _controller(
            "Konekesko Oy", None, "Vanha Porvoontie 245", "01380", "Vantaa",
            None, None, None,
        ),
        "contact_person": {"name": "Antti Riuttala", "phone": "+358505991101", "email": None},
        "title": "Konekesko Webshop asiakasrekisteri",
        "dropped": ["Konekesko Webshop / Ohjeet", "Rekisteriseloste"],
    },
}  # fmt: skip

SEED_IDS = sorted(SEEDS)


def seed_path(seed: str) -> Path:
    (path,) = SEEDS_DIR.glob(f"{seed}_*.txt")
    return path


@cache
def parsed_seed(seed: str) -> ParsedNotice:
    return parse_notice_file(seed_path(seed))


def section(notice: ParsedNotice, key: str) -> ParsedSection:
    found = notice.section(key)
    assert found is not None, f"no {key} section"
    return found


# ---------------------------------------------------------------------------------
# The seed notices
# ---------------------------------------------------------------------------------


def test_every_seed_is_shipped():
    assert sorted(p.name[:3] for p in SEEDS_DIR.glob("*.txt")) == SEED_IDS


@pytest.mark.parametrize("seed", SEED_IDS)
def test_seed_section_keys_in_order(seed):
    assert parsed_seed(seed).keys == SEEDS[seed]["keys"]


@pytest.mark.parametrize("seed", SEED_IDS)
def test_seed_controller(seed):
    assert parsed_seed(seed).controller == SEEDS[seed]["controller"]


@pytest.mark.parametrize("seed", SEED_IDS)
def test_seed_contact_person(seed):
    assert parsed_seed(seed).contact_person == SEEDS[seed]["contact_person"]


@pytest.mark.parametrize("seed", SEED_IDS)
def test_seed_title(seed):
    assert parsed_seed(seed).title == SEEDS[seed]["title"]


@pytest.mark.parametrize("seed", SEED_IDS)
def test_seed_is_finnish(seed):
    assert parsed_seed(seed).language == "fi"


@pytest.mark.parametrize("seed", SEED_IDS)
def test_seed_is_legacy_register_description(seed):
    assert parsed_seed(seed).framework == "htl"


@pytest.mark.parametrize("seed", SEED_IDS)
def test_seed_keeps_every_content_line(seed):
    notice = parsed_seed(seed)
    kept = normalize_space(
        " ".join(
            [notice.title]
            + [f"{s.heading} {s.text}" for s in notice.sections]
            + [s.heading for s in notice.sections]
        )
    )
    dropped = SEEDS[seed]["dropped"]
    for raw in seed_path(seed).read_text(encoding="utf-8").split("\n"):
        line = normalize_space(raw)
        if not line or line in dropped:
            continue
        content = line.lstrip("•-").strip()
        if content[:3] in ("1. ", "2. "):
            content = content[3:]
        assert content in kept, f"line lost: {line!r}"


@pytest.mark.parametrize("seed", SEED_IDS)
def test_seed_drops_titles_preamble_and_site_chrome(seed):
    notice = parsed_seed(seed)
    lines = {line for s in notice.sections for line in s.text.split("\n") + [s.heading]}
    assert not lines & set(SEEDS[seed]["dropped"])


@pytest.mark.parametrize("seed", SEED_IDS)
def test_seed_has_each_key_once(seed):
    keys = parsed_seed(seed).keys
    assert len(keys) == len(set(keys))


@pytest.mark.parametrize("seed", SEED_IDS)
def test_seed_sections_have_text(seed):
    assert all(s.text.strip() for s in parsed_seed(seed).sections)


@pytest.mark.parametrize("seed", SEED_IDS)
def test_seed_as_json_has_the_contract_fields(seed):
    data = parsed_seed(seed).as_json()
    assert list(data) == [
        "file", "title", "language", "framework", "controller",
        "contact_person", "sections", "missing", "warnings",
        "gdpr_article", "gdpr_items", "introduction", "document_date",
    ]  # fmt: skip
    assert list(data["controller"]) == [*CONTROLLER_FIELDS, "uncertain"]
    assert list(data["contact_person"]) == ["name", "phone", "email"]
    assert all(
        list(s) == ["key", "heading", "text", "confidence", "low_confidence"]
        for s in data["sections"]
    )
    assert data["file"] == seed_path(seed).name


@pytest.mark.parametrize(
    ("seed", "key", "heading"),
    [
        ("000", "legal_basis", "Rekisterin pitämisen peruste"),
        ("000", "contact_person", "Rekisteriasioita hoitava henkilö"),
        ("000", "data_content", "Rekisterin sisältämät tiedot"),
        ("000", "security", "Rekisterin suojaus"),
        ("001", "register_name", "Rekisteri:"),
        ("001", "controller", "Rekisterin pitäjä:"),
        ("001", "contact_person", "Yhteyshenkilö:"),
        ("001", "data_content", "Rekisterin tietosisältö:"),
        ("001", "rectification_erasure", "Tietojen poistaminen:"),
        ("001", "right_to_object", "Kielto-oikeus:"),
        ("001", "date", "Päiväys:"),
        ("002", "data_content", "5. Rekisterin sisältämät tietotyypit"),
        ("002", "disclosures", "7. Rekisterin tietojen luovutus"),
        ("002", "rectification_erasure", "8. Rekisterin tietojen poistaminen"),
        ("003", "contact_person", "Yhteystiedot rekisteriä koskevissa asioissa"),
        ("004", "controller", "1. Rekisterin pitäjä"),
        ("004", "right_to_object", "9. Rekisteröidyn kielto-oikeus"),
    ],
)
def test_seed_heading_is_kept_as_written(seed, key, heading):
    assert section(parsed_seed(seed), key).heading == heading


@pytest.mark.parametrize(
    ("heading", "display"),
    [("1. Rekisterin pitäjä", "Rekisterin pitäjä"), ("Rekisteri:", "Rekisteri")],
)
def test_display_heading_drops_numbering_and_colon(heading, display):
    assert ParsedSection("other", heading).display_heading == display


@pytest.mark.parametrize(
    ("seed", "name"),
    [
        ("000", "Komiat Hetket Oy:n palveluiden asiakastietokanta"),
        ("001", "Kokemuskauppa Oy:n asiakasrekisteri"),
        ("003", "Mainostakomon internetpalvelujen asiakastietorekisteri"),
    ],
)
def test_seed_register_name_data(seed, name):
    assert section(parsed_seed(seed), "register_name").data == {"name": name}


def test_seed_date_becomes_iso_date():
    assert section(parsed_seed("001"), "date").data == {"date": "2008-05-31"}


def test_controller_section_data_holds_the_identifiers():
    notice = parsed_seed("000")
    assert section(notice, "controller").data == notice.controller


def test_combined_heading_also_covers_transfers():
    assert section(parsed_seed("004"), "disclosures").also_covers == [
        "transfers_outside_eea"
    ]


def test_seed_without_disclosures_is_reported_missing():
    assert parsed_seed("000").missing == ["disclosures", "transfers_outside_eea"]


@pytest.mark.parametrize("seed", ["001", "002", "003", "004"])
def test_seed_has_every_legacy_item(seed):
    assert parsed_seed(seed).missing == []


def test_list_introduction_with_colon_is_content():
    text = section(parsed_seed("003"), "purpose").text
    assert "Mainostakomon palvelujen tuottamiseksi ja kehittämiseksi sekä:" in text
    assert "- Suoramarkkinointiin" in text


def test_long_sentence_ending_with_colon_is_not_a_heading():
    text = section(parsed_seed("001"), "data_content").text
    assert "Lisäksi rekisteri sisältää seuraavat tiedot lahjakortin ostajista:" in text


def test_short_first_line_of_a_section_is_content():
    assert section(parsed_seed("000"), "legal_basis").text == "Asiakassuhde"


def test_field_labels_stay_in_the_section():
    text = section(parsed_seed("003"), "controller").text
    assert text.startswith("Nimi: Kotisivutaivas Oy\nY-tunnus: 2135102-9")


def test_numbered_list_inside_a_section_is_an_ordered_list():
    blocks = section(parsed_seed("004"), "data_content").blocks
    assert [kind for kind, _value in blocks] == ["ol"]
    assert (
        blocks[0][1][1]
        == "Tiedot asiakkaan tilauksista, toimituksista ja palautuksista."
    )


def test_bullets_become_list_items():
    blocks = section(parsed_seed("001"), "data_content").blocks
    assert blocks[1] == (
        "ul",
        [
            "Henkilötiedot (nimi, syntymäaika, sukupuoli)",
            "Osoitetiedot (postiosoite, puhelinnumero, sähköpostiosoite)",
        ],
    )


def test_hand_wrapped_lines_are_joined():
    text = section(parsed_seed("000"), "data_sources").text
    assert "rekisteröitymisen yhteydessä, palvelua käytettäessä" in text


def test_address_lines_keep_their_line_breaks():
    text = section(parsed_seed("000"), "controller").text
    assert text.split("\n")[:3] == ["Komiat Hetket Oy", "Y-tunnus 2311066-7", "PL 11"]


def test_stray_file_name_at_the_end_is_reported():
    assert any("Oiva_raportti.pdf" in w for w in parsed_seed("002").warnings)


def test_breadcrumb_is_reported():
    assert any("Konekesko Webshop" in w for w in parsed_seed("004").warnings)


def test_framework_read_from_headings_is_reported():
    with translation.override("en"):
        warnings = parse_notice_file(seed_path("003")).warnings
    assert any("names no law" in w for w in warnings)


def test_section_body_html_has_paragraphs_and_lists():
    html = section_body_html(section(parsed_seed("000"), "data_content"))
    assert html.startswith("<p>Rekisterissä käsitellään seuraaviin ryhmiin")
    assert "</p><ul><li>Rekisteröidyn perustiedot, kuten nimi" in html
    assert html.endswith("<li>Tapahtuma- ja käyttäjäanalyysitiedot</li></ul>")


def test_section_body_html_breaks_kept_lines():
    html = section_body_html(section(parsed_seed("000"), "controller"))
    assert html.startswith("<p>Komiat Hetket Oy<br/>Y-tunnus 2311066-7<br/>")


def test_section_body_html_escapes_text():
    notice = parse_notice(
        "Rekisterin nimi\n\n<script>alert(1)</script> & muut\n", filename="x.txt"
    )
    assert section_body_html(notice.sections[0]) == (
        "<p>&lt;script&gt;alert(1)&lt;/script&gt; &amp; muut</p>"
    )


# ---------------------------------------------------------------------------------
# Notices beyond the seeds
# ---------------------------------------------------------------------------------

SWEDISH = """Registerbeskrivning

Personuppgiftslagen (523/1999) 10 §

Personuppgiftsansvarig
Namn: Skärgårdens Båtservice Ab
FO-nummer: 2311066-7
Adress: Strandvägen 3, 22100 MARIEHAMN
Telefon: 018 123 456
E-post: info(at)batservice.ax

Kontaktperson i registerärenden
Anna Lindqvist, tel. 040 123 4567

Registrets namn
Kundregister

Ändamålet med behandlingen av personuppgifter
Uppgifterna används för att sköta kundrelationen och för marknadsföring.

Registrets datainnehåll
- namn och kontaktuppgifter
- uppgifter om köp

Regelmässiga uppgiftskällor
Uppgifterna fås av kunden själv.

Regelmässigt utlämnande av uppgifter
Uppgifter lämnas inte ut och överförs inte utanför EU eller EES.

Principer för skydd av registret
Registret är skyddat med lösenord och brandvägg.

Datum: 12.3.2015
"""

GDPR_QUESTIONS = """Tietosuojaseloste

Tämä seloste kertoo, miten käsittelemme asiakkaidemme henkilötietoja.

Rekisterinpitäjä

Pienyritys Tmi, Kauppakatu 5, 33100 Tampere, yhteys@pienyritys.fi

Mitä henkilötietoja keräämme?

Keräämme nimesi, sähköpostiosoitteesi ja tilaushistoriasi.

Mihin käytämme henkilötietojasi?

Käytämme tietoja tilausten toimittamiseen. Käsittely perustuu sopimukseen.

Kuinka kauan säilytämme tietojasi?

Säilytämme tietoja kaksi vuotta asiakassuhteen päättymisen jälkeen.

Asiakaspalvelun aukioloajat

Palvelemme arkisin.
"""

RUN_IN = """Rekisterin nimi: Asiakasrekisteri
Rekisterinpitäjä: Esimerkki Oy (y-tunnus 1234567-2), Katu 1, 00100 Helsinki
Yhteyshenkilö: Matti Meikäläinen, matti.meikalainen [at] esimerkki.fi
Rekisterin käyttötarkoitus: Asiakassuhteen hoito.
Päivitetty 24.5.2018
"""


def test_swedish_notice_sections():
    assert parse_notice(SWEDISH).keys == [
        "controller",
        "contact_person",
        "register_name",
        "purpose",
        "data_content",
        "data_sources",
        "disclosures",
        "security",
    ]


def test_swedish_closing_date_line_is_the_document_date():
    # "Datum: 12.3.2015" under the last section has no heading of its own: it
    # stays that section's text and dates the document.
    notice = parse_notice(SWEDISH)
    assert notice.sections[-1].text.endswith("Datum: 12.3.2015")
    assert notice.document_date == "2015-03-12"


def test_swedish_notice_language_and_framework():
    notice = parse_notice(SWEDISH)
    assert (notice.language, notice.framework) == ("sv", "htl")


def test_swedish_notice_controller():
    assert parse_notice(SWEDISH).controller == _controller(
        "Skärgårdens Båtservice Ab", "2311066-7", "Strandvägen 3", "22100",
        "Mariehamn", "+35818123456", "info@batservice.ax", None,
    )  # fmt: skip


def test_swedish_notice_title_is_the_register_name():
    assert parse_notice(SWEDISH).title == "Kundregister"


def test_question_headings_are_recognised():
    assert parse_notice(GDPR_QUESTIONS).keys == [
        "controller",
        "data_content",
        "purpose",
        "retention",
        "other",
    ]


def test_gdpr_notice_without_legacy_words_is_gdpr():
    assert parse_notice(GDPR_QUESTIONS).framework == "gdpr"


def test_gdpr_notice_reports_missing_gdpr_items():
    missing = parse_notice(GDPR_QUESTIONS).missing
    assert {"legal_basis", "complaint", "data_subject_rights"} <= set(missing)


def test_text_before_the_first_heading_is_the_introduction():
    notice = parse_notice(GDPR_QUESTIONS)
    assert notice.sections[0].heading != ""
    assert notice.introduction_text == (
        "Tämä seloste kertoo, miten käsittelemme asiakkaidemme henkilötietoja."
    )


def test_unknown_standalone_heading_becomes_other():
    last = parse_notice(GDPR_QUESTIONS).sections[-1]
    assert (last.key, last.heading, last.text) == (
        "other",
        "Asiakaspalvelun aukioloajat",
        "Palvelemme arkisin.",
    )


def test_title_falls_back_to_document_word_and_controller():
    assert parse_notice(GDPR_QUESTIONS).title == "Tietosuojaseloste – Pienyritys Tmi"


def test_run_in_headings_are_recognised():
    assert parse_notice(RUN_IN).keys == [
        "register_name",
        "controller",
        "contact_person",
        "purpose",
    ]


def test_run_in_heading_text_is_the_rest_of_the_line():
    register = parse_notice(RUN_IN).sections[0]
    assert (register.heading, register.text) == ("Rekisterin nimi:", "Asiakasrekisteri")


def test_date_line_without_colon_is_the_document_date():
    notice = parse_notice(RUN_IN)
    assert notice.document_date == "2018-05-24"
    assert notice.section("purpose").text.endswith("Päivitetty 24.5.2018")


def test_date_label_in_a_table_of_labels_is_a_section():
    # In a table of "Label: text" lines the label is the heading: "Päiväys:
    # 20.1.2016" there is a date section, as "Datum: 1.2.2016" is in Swedish.
    for text, date in (
        (RUN_IN.replace("Päivitetty 24.5.2018", "Päiväys: 20.1.2016"), "2016-01-20"),
        (
            "Registrets namn: Kundregister\n"
            "Registeransvarig: Exempel Ab, Gatan 1, 00100 Helsingfors\n"
            "Syftet med behandlingen: Skötsel av kundrelationer.\n"
            "Datum: 1.2.2016\n",
            "2016-02-01",
        ),
    ):
        notice = parse_notice(text)
        assert notice.keys[-1] == "date"
        assert notice.section("date").data == {"date": date}
        assert notice.document_date == date


def test_obfuscated_email_of_contact_person():
    assert parse_notice(RUN_IN).contact_person == {
        "name": "Matti Meikäläinen",
        "phone": None,
        "email": "matti.meikalainen@esimerkki.fi",
    }


def test_invalid_business_id_is_left_empty():
    assert parse_notice(RUN_IN).controller["business_id"] is None


def test_invalid_business_id_is_reported():
    with translation.override("en"):
        warnings = parse_notice(RUN_IN).warnings
    assert (
        "line 2: the check digit of the business ID (Y-tunnus) 1234567-2 is wrong; "
        "the business ID was left empty."
    ) in warnings


def test_numbered_heading_without_blank_lines():
    notice = parse_notice(
        "1. Rekisterinpitäjä\nYritys Oy\n2. Rekisterin nimi\nAsiakkaat\n"
        "3. Kanta-asiakasohjelma\nOhjelmaan liitytään kassalla.\n"
    )
    assert [(s.key, s.text) for s in notice.sections] == [
        ("controller", "Yritys Oy"),
        ("register_name", "Asiakkaat"),
        ("other", "Ohjelmaan liitytään kassalla."),
    ]


def test_later_duplicate_section_becomes_other():
    notice = parse_notice(
        "Rekisterin nimi\n\nAsiakkaat\n\nTarkastusoikeus\n\nTeksti.\n\n"
        "Rekisterin nimi\n\nToinen nimi\n"
    )
    assert notice.keys == ["register_name", "right_of_access", "other"]


def test_later_duplicate_section_is_reported():
    notice = parse_notice(
        "Rekisterin nimi\n\nAsiakkaat\n\nTarkastusoikeus\n\nTeksti.\n\n"
        "Rekisterin nimi\n\nToinen nimi\n"
    )
    assert any("Rekisterin nimi" in w for w in notice.warnings)


def test_repeated_heading_right_after_is_merged():
    notice = parse_notice("Tarkastusoikeus\n\nEnsin.\n\nTarkastusoikeus:\nSitten.\n")
    assert [(s.key, s.text) for s in notice.sections] == [
        ("right_of_access", "Ensin.\n\nTarkastusoikeus:\nSitten.")
    ]


def test_explicit_framework_wins():
    assert parse_notice(SWEDISH, framework="gdpr").framework == "gdpr"


def test_explicit_language_wins():
    assert parse_notice(SWEDISH, language="fi").language == "fi"


def test_gdpr_citation_wins_over_old_act():
    notice = parse_notice(
        "Henkilötietolain (523/1999) ja EU:n yleisen tietosuoja-asetuksen (2016/679) "
        "mukainen rekisteri- ja tietosuojaseloste\n\nRekisterinpitäjä\n\nYritys Oy\n"
    )
    assert notice.framework == "gdpr"
