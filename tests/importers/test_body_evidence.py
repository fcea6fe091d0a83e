"""A heading the vocabulary does not know is keyed by what its text says, flagged.

"Arkisto ja paperinkeräys" over "Hakemukset hävitetään kahden vuoden kuluttua" is
about how long data are kept; "Nycklar och koder" over passwords and a locked
cabinet about security. The text is the evidence: the key comes with a confidence
below the line that asks the editor to confirm it, and with a warning. A text
that names more than one topic, or a topic that has its section already, leaves
the heading an ``other`` section, as before.
"""

from __future__ import annotations

import pytest

from rekisteri_cms.importers import parse_notice

FI = """## Rekisterinpitäjä
Kirjapaino Lehtonen Oy, Y-tunnus 1618033-3, Painotie 2, 40100 Jyväskylä

## Mihin tietoja käytetään
Työhakemusten käsittelyyn.

## {heading}
{body}

## Rekisteröidyn oikeudet
Voit tarkastaa tietosi.
"""

SV = """## Personuppgiftsansvarig
Tryckeri Lindholm Ab, FO-nummer 1618033-3, Tryckerivägen 2, 65100 Vasa

## Vad används uppgifterna till
Till att behandla arbetsansökningar.

## {heading}
{body}

## Dina rättigheter
Du kan granska dina uppgifter.
"""


@pytest.mark.parametrize(
    ("text", "heading", "body", "key"),
    [
        (FI, "Arkisto ja paperinkeräys",
         "Hakemukset hävitetään kahden vuoden kuluttua haun päättymisestä.",
         "retention"),
        (FI, "Avaimet ja tunnukset",
         "Järjestelmään pääsee vain omalla salasanalla, ja paperit ovat "
         "lukitussa kaapissa.", "security"),
        (FI, "Kumppanimme",
         "Tietoja luovutetaan tilitoimistolle palkanmaksua varten.", "disclosures"),
        (FI, "Kun lopetat palvelun käytön",
         "Voit pyytää, että poistamme tilisi ja tietosi 30 päivän kuluessa.",
         "rectification_erasure"),
        (SV, "Arkiv och pappersinsamling",
         "Ansökningarna raderas två år efter att ansökningstiden gått ut.",
         "retention"),
        (SV, "Nycklar och koder",
         "Systemet kräver ett personligt lösenord och pappren ligger i ett låst "
         "skåp.", "security"),
        (SV, "Våra partner",
         "Uppgifterna lämnas ut till bokföringsbyrån för löneutbetalningen.",
         "disclosures"),
        (SV, "När du slutar använda tjänsten",
         "Du kan begära att vi raderar ditt konto och dina uppgifter inom 30 dagar.",
         "rectification_erasure"),
        (FI, "Lomakkeen kentät",
         "Lomakkeella kysytään nimi, osoite, puhelinnumero ja sähköpostiosoite.",
         "data_content"),
        (SV, "Formulärets fält",
         "I formuläret frågar vi efter namn, adress, telefonnummer och e-post.",
         "data_content"),
    ],
    ids=["fi-retention", "fi-security", "fi-disclosures", "fi-erasure",
         "sv-retention", "sv-security", "sv-disclosures", "sv-erasure",
         "fi-data", "sv-data"],
)  # fmt: skip
def test_unknown_heading_keyed_by_its_text_and_flagged(text, heading, body, key):
    notice = parse_notice(text.format(heading=heading, body=body))
    section = notice.sections[2]
    assert (section.display_heading, section.key) == (heading, key)
    assert section.low_confidence
    assert section.as_json()["low_confidence"] is True
    assert any(heading in warning for warning in notice.warnings)
    assert notice.keys[-1] == "data_subject_rights"


@pytest.mark.parametrize(
    ("text", "heading", "body"),
    [
        (FI, "Yleistä",
         "Tietoja ei luovuteta, ja järjestelmä on suojattu salasanalla."),
        (FI, "Asiakaspalvelun aukioloajat", "Palvelemme arkisin kello 9–16."),
        (SV, "Allmänt",
         "Uppgifterna lämnas inte ut, och systemet är skyddat med lösenord."),
        (SV, "Kundtjänstens öppettider", "Vi betjänar vardagar klockan 9–16."),
    ],
    ids=["fi-two-topics", "fi-none", "sv-two-topics", "sv-none"],
)  # fmt: skip
def test_text_naming_no_single_topic_leaves_the_heading_other(text, heading, body):
    notice = parse_notice(text.format(heading=heading, body=body))
    section = notice.sections[2]
    assert (section.display_heading, section.key) == (heading, "other")
    assert section.low_confidence


@pytest.mark.parametrize(
    ("text", "heading", "body"),
    [
        (
            "# Kirjapaino Lehtosen rekrytointi\n\n"
            + FI.replace("Rekisterinpitäjä\n", "Keitä olemme\n"),
            "Keitä olemme",
            "",
        ),
        (
            "# Tryckeri Lindholms rekrytering\n\n"
            + SV.replace("Personuppgiftsansvarig\n", "Vilka är vi\n"),
            "Vilka är vi",
            "",
        ),
    ],
    ids=["fi", "sv"],
)
def test_organisation_with_its_business_id_under_the_first_heading(text, heading, body):
    notice = parse_notice(text.format(heading="Säilytysaika", body="Kaksi vuotta."))
    first = notice.sections[0]
    assert (first.display_heading, first.key) == (heading, "controller")
    assert first.low_confidence
    assert notice.controller["business_id"] == "1618033-3"


@pytest.mark.parametrize(
    ("text", "data_heading", "heading", "body"),
    [
        (FI, "Mitä tietoja keräämme", "Mitä tiedoille tapahtuu lopuksi",
         "Tiedot hävitetään vuoden kuluttua rekrytoinnin päättymisestä."),
        (SV, "Vilka uppgifter samlar vi in", "Vilka uppgifter finns kvar efteråt",
         "Uppgifterna raderas ett år efter att rekryteringen avslutats."),
    ],
    ids=["fi", "sv"],
)  # fmt: skip
def test_a_second_section_of_a_topic_is_keyed_by_its_text(
    text, data_heading, heading, body
):
    # The second heading comes after another section: not straight under the
    # first, where it would continue it.
    text = text.replace("## ", f"## {data_heading}\nNimi, osoite, puhelin.\n\n## ", 2)
    text = text.replace(f"## {data_heading}\nNimi, osoite, puhelin.\n\n", "", 1)
    text = text.format(heading=heading, body=body)
    notice = parse_notice(text)
    keys = {s.display_heading: s.key for s in notice.sections}
    assert keys[data_heading] == "data_content"
    assert keys[heading] == "retention"


@pytest.mark.parametrize(
    ("text", "heading", "body"),
    [
        (FI, "Asiakastilaisuudet",
         "Asiakastilaisuuksiin ilmoittautuneiden tiedot hävitetään kuukauden "
         "kuluttua tilaisuudesta."),
        (SV, "Kundevenemang",
         "Uppgifterna om dem som anmält sig till kundevenemang raderas en månad "
         "efter evenemanget."),
    ],
    ids=["fi", "sv"],
)  # fmt: skip
def test_text_describing_the_thing_the_heading_names_stays_other(text, heading, body):
    # The text is about the events the heading names, a section of its own that
    # also says how long their data are kept.
    notice = parse_notice(text.format(heading=heading, body=body))
    section = notice.sections[2]
    assert (section.display_heading, section.key) == (heading, "other")
