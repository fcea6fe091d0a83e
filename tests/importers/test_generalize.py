"""The importer on notices written by others: one test group per failure class.

1. standard Swedish (and PUL-era) headings; 2. question and plain-language
headings; 3. headings the vocabulary does not know, found by their layout;
4. labels inside a section stay in it; 5. the text before the first heading is
read for the controller and kept as the introduction; 6. the controller's name.
Each class is tested in Finnish and in Swedish.
"""

from __future__ import annotations

import pytest

from rekisteri_cms.importers import match_heading, parse_notice, parse_notice_upload
from rekisteri_cms.importers.controller import entities_in, strip_asides
from rekisteri_cms.importers.lemmas import term_topics

# -- 1. Swedish form and PUL-era headings ---------------------------------------


@pytest.mark.parametrize(
    ("heading", "key"),
    [
        ("Regelbundna uppgiftskällor", "data_sources"),
        ("Regelbundet utlämnande av uppgifter", "disclosures"),
        ("Lagringstid", "retention"),
        ("Syftet med behandlingen", "purpose"),
        ("Källor som används", "data_sources"),
        ("Automatiserat beslutsfattande och profilering", "automated_decisions"),
        ("Rätt att kräva rättelse", "rectification_erasure"),
        ("Förbudsrätt", "right_to_object"),
        ("Registeransvarig", "controller"),
        ("Kontaktperson i ärenden som gäller registret", "contact_person"),
        ("Den registeransvariges namn och adress", "controller"),
        ("Rekisterinpitäjän nimi ja osoite", "controller"),
    ],
)
def test_form_headings_are_recognised(heading, key):
    assert match_heading(heading).key == key


def test_swedish_form_sections_do_not_swallow_each_other():
    notice = parse_notice(
        "Registeransvarig\nSeglarklubben rf\n\n"
        "Syftet med behandlingen\nMedlemskapet sköts med uppgifterna.\n\n"
        "Principerna för hur registret skyddas\nRegistret är lösenordsskyddat.\n\n"
        "Avförande av uppgifter\nUppgifterna avförs två år efter att medlemskapet "
        "upphört.\n"
    )
    assert notice.keys == ["controller", "purpose", "security", "retention"]


def test_deletion_on_request_stays_erasure():
    notice = parse_notice(
        "Rekisterinpitäjä\n\nYritys Oy\n\n"
        "Tietojen poistaminen\n\nTiedot poistetaan asiakkaan pyynnöstä.\n"
    )
    assert notice.keys == ["controller", "rectification_erasure"]


# -- 2. Question and plain-language headings -------------------------------------


@pytest.mark.parametrize(
    ("heading", "key"),
    [
        ("Milloin tiedot poistetaan?", "retention"),
        ("Mihin käsittelymme perustuu?", "legal_basis"),
        ("Keille tietoja luovutetaan?", "disclosures"),
        ("Kuka tietojasi käsittelee?", "controller"),
        ("Miten tietosi on suojattu?", "security"),
        ("Var kommer uppgifterna ifrån?", "data_sources"),
        ("Hur länge sparas uppgifterna?", "retention"),
        ("Vem får ta del av uppgifterna?", "disclosures"),
    ],
)
def test_question_headings(heading, key):
    assert match_heading(heading).key == key


def test_lemmas_read_inflected_and_compound_words():
    assert term_topics("var kommer uppgifterna ifrån") == ["data_sources"]
    assert term_topics("milloin tiedot poistetaan") == ["retention"]
    assert term_topics("tietojen poistaminen") == ["rectification_erasure"]


def test_a_lead_in_to_a_list_is_not_read_by_its_lemmas():
    assert match_heading("Rekisteriin tallennetaan seuraavat tiedot:") is None


# -- 3. Unknown headings by layout -------------------------------------------------


def test_unknown_colon_heading_is_a_section_of_its_own_fi():
    notice = parse_notice(
        "Rekisterinpitäjä:\nYritys Oy\n\n"
        "Käsittelyn tarkoitus:\nAsiakassuhteen hoitaminen.\n\n"
        "Alihankkijat ja kumppanit:\nOhjelmistotoimittaja käsittelee tietoja "
        "lukuumme.\n\n"
        "Säilytysaika:\nKolme vuotta.\n"
    )
    assert notice.keys == ["controller", "purpose", "other", "retention"]
    other = notice.sections[2]
    assert other.heading == "Alihankkijat ja kumppanit:"
    assert other.low_confidence
    assert notice.sections[1].text == "Asiakassuhteen hoitaminen."


def test_unknown_heading_in_html_sv():
    """A heading the format marks is a section whatever its words; a bold label
    under it, in a document with marked headings, is part of it."""
    html = (
        "<h2>Personuppgiftsansvarig</h2><p>Föreningen rf</p>"
        "<h2>Lagringstid</h2><p>Ett år.</p>"
        "<h2>Öppettider och service</h2>"
        "<p>Kundtjänsten svarar vardagar.</p>"
        "<p><strong>Telefontider:</strong></p><p>Kl. 10–12.</p>"
        "<h2>Dina rättigheter</h2><p>Du har rätt till insyn.</p>"
    )
    notice = parse_notice_upload("x.html", html.encode())
    assert notice.keys == ["controller", "retention", "other", "data_subject_rights"]
    assert notice.sections[2].heading == "Öppettider och service"


def test_lead_in_line_is_not_an_unknown_heading():
    notice = parse_notice(
        "Rekisterinpitäjä\n\nYritys Oy\n\n"
        "Rekisterin tietosisältö\n\n"
        "Keräämme seuraavat tiedot:\nnimi, osoite ja puhelinnumero.\n"
    )
    assert notice.keys == ["controller", "data_content"]


# -- 4. Labels inside a section ------------------------------------------------------


def test_label_about_the_sections_own_topic_stays_inside_fi():
    notice = parse_notice(
        "Rekisterinpitäjä\n\nYritys Oy\n\n"
        "Oikeusperuste ja käsittelyn tarkoitus\n\nSopimus.\n\n"
        "Käsittelyn tarkoitus:\nTilausten hoitaminen.\n\n"
        "Tietojen siirto EU:n ulkopuolelle\n\nTietoja siirretään Norjaan.\n\n"
        "Tietoturva siirroissa:\nYhteys on salattu.\n"
    )
    assert notice.keys == ["controller", "legal_basis", "transfers_outside_eea"]
    assert notice.sections[1].also_covers == ["purpose"]
    assert "Tilausten hoitaminen." in notice.sections[1].text
    assert "Yhteys on salattu." in notice.sections[2].text


def test_label_about_the_sections_own_topic_stays_inside_sv():
    notice = parse_notice(
        "Personuppgiftsansvarig\n\nFöreningen rf\n\n"
        "Rättslig grund och ändamål\n\nMedlemskapet.\n\n"
        "Ändamål:\nMedlemsavgifter och kallelser.\n"
    )
    assert notice.keys == ["controller", "legal_basis"]
    assert "Medlemsavgifter" in notice.sections[1].text


def test_form_label_over_fields_is_not_the_data_content_heading():
    notice = parse_notice(
        "Rekisterinpitäjä\n\nYritys Oy\n\n"
        "Rekisterin tiedot:\nRekisterin nimi: Asiakasrekisteri\n\n"
        "Käyttötarkoitus\n\nAsiakassuhde.\n"
    )
    assert "data_content" not in notice.keys
    assert notice.section("register_name").data["name"] == "Asiakasrekisteri"


def test_ambiguous_heading_counts_when_its_body_lists_data():
    notice = parse_notice(
        "Rekisterinpitäjä\n\nYritys Oy\n\n"
        "Rekisterin tiedot:\n- nimi\n- osoite\n- puhelinnumero\n"
    )
    assert notice.keys == ["controller", "data_content"]


# -- 5. Text before the first heading --------------------------------------------------


def test_introduction_names_the_controller_fi():
    notice = parse_notice(
        "Tämä on RA Viestintä Oy:n (jäljempänä RAV) tietosuojaseloste. Kerromme, "
        "miten käsittelemme tietoja.\n\n"
        "Mihin tietoja käytetään?\n\nAsiakassuhteen hoitamiseen.\n"
    )
    assert notice.controller["name"] == "RA Viestintä Oy"
    assert notice.keys == ["purpose"]
    assert notice.introduction_text.startswith("Tämä on RA Viestintä Oy:n")
    assert notice.controller_uncertain  # no controller section to read


def test_introduction_names_the_controller_sv():
    notice = parse_notice(
        "Detta är Stiftelsen Solbacka sr:s (nedan Stiftelsen) "
        "dataskyddsbeskrivning.\n\n"
        "Varför behandlar vi dina uppgifter?\n\nFör stipendier.\n"
    )
    assert notice.controller["name"] == "Stiftelsen Solbacka sr"
    assert notice.keys == ["purpose"]


# -- 6. The controller's name ------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("RA Communications Oy (jäljempänä RAC)", "RA Communications Oy"),
        ("Raision Veneseura ry (RVS)", "Raision Veneseura ry"),
        ("Segelklubben Ankkuri rf (nedan Klubben)", "Segelklubben Ankkuri rf"),
    ],
)
def test_asides_are_stripped(text, name):
    assert strip_asides(text) == name


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Rekisterinpitäjänä toimii Järviseudun kuntayhtymä, joka", ["Järviseudun kuntayhtymä"]),
        ("Biblioteket, Sibbo kommun", ["Sibbo kommun"]),
        ("Asunto Oy Kuusikallio", ["Asunto Oy Kuusikallio"]),
        ("Helsingin kaupunki", ["Helsingin kaupunki"]),
        ("Stiftelsen Solbacka sr:s beskrivning", ["Stiftelsen Solbacka sr"]),
    ],
)  # fmt: skip
def test_entities_in_running_text(text, names):
    assert entities_in(text) == names


def test_heading_word_is_not_the_name():
    notice = parse_notice(
        "Rekisterinpitäjä\n\nRekisterinpitäjä Routa on sitoutunut suojaamaan "
        "tietoja. Kiinteistöhuolto Routa Oy, Y-tunnus 2734510-5.\n\n"
        "Säilytysaika\n\nViisi vuotta.\n"
    )
    assert notice.controller["name"] == "Kiinteistöhuolto Routa Oy"
    assert notice.controller["business_id"] == "2734510-5"


def test_person_named_as_controller_becomes_the_contact_person():
    notice = parse_notice(
        "Rekisterinpitäjä\n\nAnna Virtanen\n"
        "Valokuvaamo Hetki Oy, Y-tunnus 3123450-4\n\n"
        "Säilytysaika\n\nKolme vuotta.\n"
    )
    assert notice.controller["name"] == "Valokuvaamo Hetki Oy"
    assert notice.contact_person["name"] == "Anna Virtanen"
    assert any("Anna Virtanen" in note for note in notice.controller_uncertain)


def test_unit_gives_way_to_the_public_body_sv():
    notice = parse_notice(
        "Personuppgiftsansvarig\n\nBiblioteket, bildningssektorn\nNorrviks kommun\n\n"
        "Lagringstid\n\nTre år.\n"
    )
    assert notice.controller["name"] == "Norrviks kommun"
    assert notice.controller_uncertain


def test_name_on_the_line_after_the_form_heading():
    notice = parse_notice(
        "Rekisterinpitäjän nimi ja osoite\n\nKallioniemen Veneseura ry\n"
        "Satamatie 3, 21100 Naantali\n\nRekisterin nimi\n\nJäsenrekisteri\n"
    )
    assert notice.controller["name"] == "Kallioniemen Veneseura ry"
    assert notice.controller_uncertain == []


def test_dry_run_json_has_confidence_and_uncertain():
    data = parse_notice(
        "Rekisterinpitäjä\n\nYritys Oy\n\nHuoltopyynnöt verkossa:\nLomakkeella.\n"
    ).as_json()
    assert data["controller"]["uncertain"] == []
    assert [s["low_confidence"] for s in data["sections"]] == [False, True]
    assert all(0 <= s["confidence"] <= 1 for s in data["sections"])
