"""Notices in styles the tuning corpus lacks, in every format the importer reads.

Each notice below is written as its sections (heading, lines of text) and turned
into plain text, Markdown, HTML and a Word document, so that one expectation
checks every reader: the keys of its sections, the controller's name and business
ID. The styles are those the importer met in notices written by others: the
Swedish register-description form of the personal data act, PUL-era and GDPR-era
Swedish wording, question headings, labels inside a section, a controller named
with an aside, by its unit or in the introduction. Further notices test layouts
one format has (a line ending in a colon, a bold line, capitals).
"""

from __future__ import annotations

import html
import io

import pytest
from docx import Document

from rekisteri_cms.importers import (
    match_heading,
    parse_notice,
    parse_notice_upload,
    stream_data,
)
from rekisteri_cms.importers.matching import _same_words as same_words

FORMATS = ("txt", "md", "html", "docx")


def render(sections: list[tuple[str, list[str]]], fmt: str, intro=()) -> bytes:
    """The notice as a file of format ``fmt``: each heading marked as the format
    marks headings (a line of its own in plain text)."""
    if fmt == "docx":
        document = Document()
        for line in intro:
            document.add_paragraph(line)
        for heading, body in sections:
            document.add_heading(heading, level=2)
            for line in body:
                document.add_paragraph(line)
        buffer = io.BytesIO()
        document.save(buffer)
        return buffer.getvalue()
    parts: list[str] = []
    if fmt == "html":
        parts += [f"<p>{html.escape(line)}</p>" for line in intro]
        for heading, body in sections:
            parts.append(f"<h2>{html.escape(heading)}</h2>")
            if body and all(line.startswith("- ") for line in body):
                items = "".join(f"<li>{html.escape(ln[2:])}</li>" for ln in body)
                parts.append(f"<ul>{items}</ul>")
            else:
                parts.append("<p>" + "<br>".join(map(html.escape, body)) + "</p>")
        return ("<html><body>" + "\n".join(parts) + "</body></html>").encode()
    mark = "## " if fmt == "md" else ""
    if intro:
        parts.append("\n".join(intro))
    for heading, body in sections:
        separator = "\n\n" if fmt == "md" else "\n"
        parts.append(f"{mark}{heading}{separator}" + "\n".join(body))
    return ("\n\n".join(parts) + "\n").encode()


def parse(sections, fmt, intro=()):
    return parse_notice_upload(f"seloste.{fmt}", render(sections, fmt, intro))


# -- Swedish register-description form (personuppgiftslagen) ---------------------

SV_FORM = [
    ("1. Registeransvarig", ["Borgnäs kommun", "Kommungatan 3, 06100 Borgnäs",
                             "FO-nummer: 2233445-8"]),
    ("2. Kontaktperson i ärenden som gäller registret",
     ["Anna Lindqvist, bildningsdirektör", "anna.lindqvist@borgnas.fi"]),
    ("3. Registrets namn", ["Register över elever i konstundervisning"]),
    ("4. Ändamålet med behandlingen av personuppgifter",
     ["Uppgifterna används för att ordna undervisningen och fakturera avgifter."]),
    ("5. Registrets datainnehåll",
     ["Elevens namn, personbeteckning, adress och vårdnadshavarens telefon."]),
    ("6. Regelmässiga uppgiftskällor", ["Uppgifterna fås av vårdnadshavaren."]),
    ("7. Regelmässigt utlämnande av uppgifter",
     ["Uppgifter lämnas inte ut regelmässigt."]),
    ("8. Överföring av uppgifter utanför EU eller EES",
     ["Uppgifter överförs inte utanför EU eller EES."]),
    ("9. Principerna för skydd av registret",
     ["Blanketterna förvaras i ett låst skåp och systemet kräver lösenord."]),
    ("10. Rätt till insyn", ["Den registrerade har rätt att granska sina uppgifter."]),
    ("11. Rätt att kräva rättelse",
     ["Begäran om rättelse görs skriftligen till kontaktpersonen."]),
]  # fmt: skip
SV_FORM_KEYS = [
    "controller", "contact_person", "register_name", "purpose", "data_content",
    "data_sources", "disclosures", "transfers_outside_eea", "security",
    "right_of_access", "rectification_erasure",
]  # fmt: skip

# -- Swedish GDPR-era wording ------------------------------------------------------

SV_GDPR = [
    ("Personuppgiftsansvarig", ["Skärgårdens Båtvarv Ab (nedan varvet)",
                                "Hamnvägen 2, 25900 Dalsbruk", "FO-nummer 2345678-0"]),
    ("Kontaktperson", ["Mikael Sjöberg, mikael@batvarv.fi"]),
    ("Syftet med behandlingen",
     ["Vi behandlar uppgifterna för att sköta kundrelationen och fakturera."]),
    ("Rättslig grund för behandlingen", ["Avtal mellan varvet och kunden."]),
    ("Vilka uppgifter behandlar vi?",
     ["Namn, adress, telefonnummer, e-postadress och uppgifter om båten."]),
    ("Källor som används", ["Uppgifterna fås av kunden själv."]),
    ("Vem får tillgång till uppgifterna?",
     ["Bokföringsbyrån som sköter varvets bokföring."]),
    ("Uppgifternas förvaringstid",
     ["Uppgifterna sparas i sex år efter att kundrelationen upphört."]),
    ("Automatiserat beslutsfattande och profilering",
     ["Uppgifterna används inte för automatiserat beslutsfattande."]),
    ("Rätt att få tillgång till uppgifterna", ["Du får se dina uppgifter."]),
    ("Rätt att få sina uppgifter rättade", ["Felaktiga uppgifter rättas."]),
    ("Rätt till dataportabilitet", ["Du kan få dina uppgifter i maskinläsbar form."]),
    ("Rätt att lämna klagomål till en tillsynsmyndighet",
     ["Du kan lämna klagomål till dataombudsmannens byrå."]),
    ("Ändringar i beskrivningen", ["Vi kan uppdatera beskrivningen vid behov."]),
]  # fmt: skip
SV_GDPR_KEYS = [
    "controller", "contact_person", "purpose", "legal_basis", "data_content",
    "data_sources", "disclosures", "retention", "automated_decisions",
    "right_of_access", "rectification_erasure", "data_subject_rights",
    "complaint", "changes",
]  # fmt: skip

# -- PUL-era Swedish, removal of data as the storage time ------------------------

SV_PUL = [
    ("Registeransvarig", ["Raseborgs Seglare rf (RS)", "Hamngatan 1, 10600 Ekenäs"]),
    ("Kontaktperson i ärenden som gäller registret", ["Sekreteraren, sekr@rs.fi"]),
    ("Registrets namn", ["Medlemsregister"]),
    ("Syftet med behandlingen", ["Skötsel av medlemskap och medlemsavgifter."]),
    ("Registrets datainnehåll", ["- namn", "- adress", "- e-post", "- telefon"]),
    ("Regelbundna uppgiftskällor", ["Medlemmen själv."]),
    ("Regelbundet utlämnande av uppgifter", ["Uppgifter lämnas till förbundet."]),
    ("Avförande av uppgifter",
     ["Uppgifterna avförs ett år efter att medlemskapet upphört."]),
    ("Principerna för skydd av registret", ["Registret förs på en skyddad dator."]),
    ("Rätt till insyn", ["Medlemmen har rätt att granska sina uppgifter."]),
]  # fmt: skip
SV_PUL_KEYS = [
    "controller", "contact_person", "register_name", "purpose", "data_content",
    "data_sources", "disclosures", "retention", "security", "right_of_access",
]  # fmt: skip

# -- Finnish question and plain-language headings ----------------------------------

FI_QUESTIONS = [
    ("Kuka vastaa tietojen käsittelystä?",
     ["Kylätalo Mäntylä ry (jäljempänä yhdistys)", "Mäntyläntie 5, 41160 Tikkakoski"]),
    ("Keneen voi ottaa yhteyttä?", ["Sihteeri Pekka Virtanen, sihteeri@mantyla.fi"]),
    ("Mihin käytämme tietoja?",
     ["Jäsenrekisterin ylläpitoon, jäsenmaksujen perintään ja tiedottamiseen."]),
    ("Mihin käsittelymme perustuu?", ["Käsittely perustuu jäsenyyteen."]),
    ("Mitä tietoja keräämme?", ["- nimi", "- kotiosoite", "- sähköpostiosoite"]),
    ("Mistä tiedot saadaan?", ["Jäseneltä itseltään liittymisen yhteydessä."]),
    ("Kenellä on pääsy tietoihin?", ["Vain hallituksen jäsenillä."]),
    ("Siirretäänkö tietoja EU:n ulkopuolelle?", ["Tietoja ei siirretä."]),
    ("Milloin tiedot poistetaan?",
     ["Tiedot poistetaan kahden vuoden kuluttua jäsenyyden päättymisestä."]),
    ("Miten tiedot suojataan?", ["Jäsenluettelo on salasanalla suojattu."]),
    ("Miten voin käyttää oikeuksiani?",
     ["Lähetä pyyntö sihteerille, niin vastaamme kuukauden kuluessa."]),
    ("Oikeus saada tiedot poistetuksi", ["Voit pyytää tietojesi poistamista."]),
    ("Voinko valittaa?", ["Voit tehdä valituksen tietosuojavaltuutetulle."]),
]  # fmt: skip
FI_QUESTIONS_KEYS = [
    "controller", "contact_person", "purpose", "legal_basis", "data_content",
    "data_sources", "disclosures", "transfers_outside_eea", "retention",
    "security", "data_subject_rights", "rectification_erasure", "complaint",
]  # fmt: skip

# -- Swedish question headings ---------------------------------------------------------

SV_QUESTIONS = [
    ("Vem är personuppgiftsansvarig?",
     ["Stiftelsen för Solbacka sr", "Solbackavägen 1, 00100 Helsingfors"]),
    ("Vem kan jag kontakta?", ["Kansliet, kansli@solbacka.fi"]),
    ("Varför behandlar vi dina personuppgifter?", ["För att bevilja stipendier."]),
    ("På vilken grund behandlar vi uppgifterna?", ["Samtycke och avtal."]),
    ("Varifrån får vi uppgifterna?", ["Från sökanden själv."]),
    ("Till vem lämnas uppgifter ut?", ["Uppgifter lämnas inte ut."]),
    ("Hur länge sparar vi uppgifterna?", ["I fem år efter beslutet."]),
    ("Hur skyddas uppgifterna?", ["Uppgifterna finns i ett låst system."]),
    ("Vilka rättigheter har du?", ["Du har rätt till insyn och rättelse."]),
]  # fmt: skip
SV_QUESTIONS_KEYS = [
    "controller", "contact_person", "purpose", "legal_basis", "data_sources",
    "disclosures", "retention", "security", "data_subject_rights",
]  # fmt: skip

# -- Finnish notice whose controller is a unit of a city --------------------------

FI_UNIT = [
    ("Rekisterinpitäjä", ["Kaupunginkirjasto, sivistystoimiala", "Järvelän kaupunki",
                          "Y-tunnus 0201256-6", "Kirjastokatu 1, 06100 Järvelä"]),
    ("Rekisterin nimi", ["Kirjaston asiakasrekisteri"]),
    ("Henkilötietojen käsittelyn tarkoitus", ["Lainaustoiminnan hoitaminen."]),
    ("Tietojen säilytysaika", ["Kolme vuotta viimeisestä lainasta."]),
]  # fmt: skip
FI_UNIT_KEYS = ["controller", "register_name", "purpose", "retention"]

NOTICES = {
    "sv_form": (SV_FORM, SV_FORM_KEYS, "Borgnäs kommun", "2233445-8"),
    "sv_gdpr": (SV_GDPR, SV_GDPR_KEYS, "Skärgårdens Båtvarv Ab", "2345678-0"),
    "sv_pul": (SV_PUL, SV_PUL_KEYS, "Raseborgs Seglare rf", None),
    "fi_questions": (FI_QUESTIONS, FI_QUESTIONS_KEYS, "Kylätalo Mäntylä ry", None),
    "sv_questions": (SV_QUESTIONS, SV_QUESTIONS_KEYS, "Stiftelsen för Solbacka sr", None),
    "fi_unit": (FI_UNIT, FI_UNIT_KEYS, "Järvelän kaupunki", "0201256-6"),
}  # fmt: skip


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("name", sorted(NOTICES))
def test_notice_in_every_format(name, fmt):
    sections, keys, controller, business_id = NOTICES[name]
    notice = parse(sections, fmt)
    assert notice.keys == keys
    assert notice.controller["name"] == controller
    assert notice.controller["business_id"] == business_id


@pytest.mark.parametrize("fmt", FORMATS)
def test_swedish_form_is_read_as_swedish(fmt):
    notice = parse(SV_FORM, fmt)
    assert notice.language == "sv"
    assert [s.confidence for s in notice.sections] == [1.0] * len(SV_FORM_KEYS)


@pytest.mark.parametrize("fmt", FORMATS)
def test_unit_is_reported_when_the_city_is_taken(fmt):
    notice = parse(FI_UNIT, fmt)
    assert any("Kaupunginkirjasto" in note for note in notice.controller_uncertain)


# -- The text before the first heading names the controller ------------------------

FI_INTRO = (
    [
        "Asunto Oy Kuusikallio (jäljempänä taloyhtiö) käsittelee asukkaiden "
        "henkilötietoja tämän selosteen mukaisesti. Y-tunnus 1060155-5."
    ],
    [
        ("Rekisterin nimi", ["Asukasrekisteri"]),
        ("Käsittelyn tarkoitus", ["Taloyhtiön hallinto ja huolto."]),
        ("Tietojen säilytysaika", ["Asumisen ajan ja kaksi vuotta sen jälkeen."]),
    ],
    ["register_name", "purpose", "retention"],
    "Asunto Oy Kuusikallio",
)
SV_INTRO = (
    [
        "Andelslaget Österbottens Mjölk, nedan andelslaget, är personuppgiftsansvarig "
        "för behandlingen av medlemmarnas uppgifter."
    ],
    [
        ("Syftet med behandlingen", ["Skötsel av medlemskapet."]),
        ("Lagringstid", ["Uppgifterna sparas under medlemskapet."]),
    ],
    ["purpose", "retention"],
    "Andelslaget Österbottens Mjölk",
)


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("case", [FI_INTRO, SV_INTRO], ids=["fi", "sv"])
def test_introduction_names_the_controller(case, fmt):
    intro, sections, keys, controller = case
    notice = parse(sections, fmt, intro)
    assert notice.keys == keys
    assert notice.controller["name"] == controller
    assert notice.introduction  # kept, not an "other" section with no heading


# -- Unknown headings found by their layout ----------------------------------------


@pytest.mark.parametrize(
    ("text", "keys", "heading"),
    [
        # A line ending in a colon, with a paragraph under it.
        (
            "Rekisterinpitäjä:\nVeneveistämö Aalto Oy\n\n"
            "Arvontojen osallistujat:\nArvontaan osallistuneiden tiedot poistetaan "
            "arvonnan jälkeen, eikä niitä käytetä markkinointiin.\n\n"
            "Säilytysaika:\nKaksi vuotta.\n",
            ["controller", "other", "retention"],
            "Arvontojen osallistujat:",
        ),
        (
            "Personuppgiftsansvarig:\nVarvet Aalto Ab\n\n"
            "Tävlingsdeltagare:\nUppgifterna om dem som deltar i utlottningen raderas "
            "efter dragningen.\n\n"
            "Lagringstid:\nTvå år.\n",
            ["controller", "other", "retention"],
            "Tävlingsdeltagare:",
        ),
        # A line in capitals.
        (
            "REKISTERINPITÄJÄ\nVeneveistämö Aalto Oy\n\n"
            "KAMERAVALVONTA\nPihalla on tallentava kameravalvonta, jonka "
            "tallenteita säilytetään kaksi viikkoa.\n\n"
            "REKISTERÖIDYN OIKEUDET\nSinulla on oikeus tarkastaa tietosi.\n",
            ["controller", "other", "data_subject_rights"],
            "KAMERAVALVONTA",
        ),
        (
            "PERSONUPPGIFTSANSVARIG\nVarvet Aalto Ab\n\n"
            "KAMERAÖVERVAKNING\nPå gården finns kameraövervakning och "
            "inspelningarna sparas i två veckor.\n\n"
            "DINA RÄTTIGHETER\nDu har rätt att granska dina uppgifter.\n",
            ["controller", "other", "data_subject_rights"],
            "KAMERAÖVERVAKNING",
        ),
        # A question the vocabulary does not know.
        (
            "Rekisterinpitäjä\n\nVeneveistämö Aalto Oy\n\n"
            "Saako lapsi liittyä kerhoon?\n\nAlle 15-vuotiaan liittymiseen "
            "tarvitaan huoltajan suostumus.\n\n"
            "Säilytysaika\n\nKaksi vuotta.\n",
            ["controller", "other", "retention"],
            "Saako lapsi liittyä kerhoon?",
        ),
        (
            "Personuppgiftsansvarig\n\nVarvet Aalto Ab\n\n"
            "Får barn bli medlemmar?\n\nFör barn under 15 år behövs "
            "vårdnadshavarens samtycke.\n\n"
            "Lagringstid\n\nTvå år.\n",
            ["controller", "other", "retention"],
            "Får barn bli medlemmar?",
        ),
    ],
    ids=["colon-fi", "colon-sv", "caps-fi", "caps-sv", "question-fi", "question-sv"],
)
def test_unknown_heading_by_layout(text, keys, heading):
    notice = parse_notice(text)
    assert notice.keys == keys
    other = notice.sections[keys.index("other")]
    assert other.heading == heading
    assert other.low_confidence
    assert other.text  # its paragraph, not merged into the section above


@pytest.mark.parametrize(
    ("markdown", "heading"),
    [
        (
            "**Rekisterinpitäjä**\n\nVeneveistämö Aalto Oy\n\n"
            "**Kameravalvonta**\n\nPihalla on tallentava kameravalvonta.\n\n"
            "**Säilytysaika**\n\nKaksi vuotta.\n",
            "Kameravalvonta",
        ),
        (
            "**Personuppgiftsansvarig**\n\nVarvet Aalto Ab\n\n"
            "**Kameraövervakning**\n\nPå gården finns kameraövervakning.\n\n"
            "**Lagringstid**\n\nTvå år.\n",
            "Kameraövervakning",
        ),
    ],
    ids=["fi", "sv"],
)
def test_unknown_bold_heading_in_markdown(markdown, heading):
    notice = parse_notice_upload("seloste.md", markdown.encode())
    assert notice.keys == ["controller", "other", "retention"]
    assert notice.sections[1].heading.strip("*") == heading


# -- Labels inside a section ---------------------------------------------------------


@pytest.mark.parametrize("fmt", ("txt", "md"))
def test_labels_inside_sections_stay_inside_fi(fmt):
    mark = "## " if fmt == "md" else ""
    text = (
        f"{mark}Rekisterinpitäjä\n\nRA Communications Oy (jäljempänä RAC)\n"
        "Y-tunnus: 2345678-0\n\n"
        f"{mark}Oikeusperuste ja käsittelyn tarkoitus\n\n"
        "Käsittelyn tarkoitus:\nAsiakassuhteen hoitaminen ja markkinointi.\n\n"
        "Oikeusperuste:\nSopimus ja oikeutettu etu.\n\n"
        f"{mark}Tietojen siirto EU:n ulkopuolelle\n\n"
        "Palvelimet voivat sijaita EU:n ulkopuolella.\n\n"
        "Tietoturva siirroissa:\nSiirroissa käytetään mallisopimuslausekkeita.\n\n"
        f"{mark}Tietojen säilytysaika\n\nAsiakkuuden ajan.\n"
    )
    notice = parse_notice_upload(f"seloste.{fmt}", text.encode())
    assert notice.keys == ["controller", "legal_basis", "transfers_outside_eea",
                           "retention"]  # fmt: skip
    assert notice.sections[1].also_covers == ["purpose"]
    assert "Sopimus ja oikeutettu etu." in notice.sections[1].text
    assert "mallisopimuslausekkeita" in notice.sections[2].text
    assert notice.controller["name"] == "RA Communications Oy"


@pytest.mark.parametrize("fmt", ("txt", "md"))
def test_labels_inside_sections_stay_inside_sv(fmt):
    mark = "## " if fmt == "md" else ""
    text = (
        f"{mark}Personuppgiftsansvarig\n\nNordkust Media Ab (nedan Nordkust)\n\n"
        f"{mark}Syfte och rättslig grund för behandlingen\n\n"
        "Syfte:\nAtt sköta kundrelationen.\n\n"
        "Rättslig grund:\nAvtal.\n\n"
        f"{mark}Överföring av uppgifter utanför EU eller EES\n\n"
        "Servern kan finnas utanför EU.\n\n"
        "Säkerhet vid överföring:\nVi använder standardavtalsklausuler.\n\n"
        f"{mark}Lagringstid\n\nUnder kundrelationen.\n"
    )
    notice = parse_notice_upload(f"seloste.{fmt}", text.encode())
    assert notice.keys == ["controller", "purpose", "transfers_outside_eea",
                           "retention"]  # fmt: skip
    assert notice.sections[1].also_covers == ["legal_basis"]
    assert "Avtal." in notice.sections[1].text
    assert "standardavtalsklausuler" in notice.sections[2].text
    assert notice.controller["name"] == "Nordkust Media Ab"


# -- The controller's name ----------------------------------------------------------


@pytest.mark.parametrize(
    ("section", "name", "business_id"),
    [
        ("Raision Veneseura ry (RVS)\nSatamatie 4, 21200 Raisio", "Raision Veneseura ry", None),
        ("Keski-Suomen koulutusyhtymä (jäljempänä Kesko)\nMariankatu 18, 67200 Kokkola",
         "Keski-Suomen koulutusyhtymä", None),
        ("Rekisterinpitäjä koirametsat.info on sitoutunut suojaamaan käyttäjiensä "
         "yksityisyyttä. Sivustoa ylläpitää Koirametsät Oy (Y-tunnus 2345678-0).",
         "Koirametsät Oy", "2345678-0"),
        ("Liisa Korhonen\nTmi Liisan Kampaamo\nY-tunnus: 0201256-6", "Tmi Liisan Kampaamo",
         "0201256-6"),
        ("Nimi: Pohjois-Savon Osuuskauppa\nOsoite: Siltakatu 12, 80100 Joensuu",
         "Pohjois-Savon Osuuskauppa", None),
        ("Helsingin yliopisto, Kielikeskus\nPL 3, 00014 Helsingin yliopisto",
         "Helsingin yliopisto", None),
    ],
    ids=["ry-abbreviation", "aside-on-wrapped-lines", "sentence", "person-and-tmi",
         "osuuskauppa", "unit-of-university"],
)  # fmt: skip
def test_controller_name_fi(section, name, business_id):
    notice = parse_notice(
        f"Rekisterinpitäjä\n\n{section}\n\nRekisterin nimi\n\nAsiakasrekisteri\n\n"
        "Tietojen säilytysaika\n\nKaksi vuotta.\n"
    )
    assert notice.controller["name"] == name
    assert notice.controller["business_id"] == business_id
    assert notice.keys == ["controller", "register_name", "retention"]


@pytest.mark.parametrize(
    ("section", "name"),
    [
        ("Vasa svenska församling\nKyrkoesplanaden 2, 65100 Vasa", "Vasa svenska församling"),
        ("Närpes stad, bildningsnämnden", "Närpes stad"),
        ("Stiftelsen för Åbo Akademi sr\nDomkyrkotorget 3, 20500 Åbo",
         "Stiftelsen för Åbo Akademi sr"),
        ("Seglarklubben Ankaret rf (SKA)", "Seglarklubben Ankaret rf"),
        ("Andelslaget Kustmejeriet\nMejerivägen 1, 66100 Malax", "Andelslaget Kustmejeriet"),
        ("Kustens Tandvård Ab (nedan Tandvården)\nStrandgatan 5, 65100 Vasa\n"
         "FO-nummer 2233445-8", "Kustens Tandvård Ab"),
    ],
    ids=["parish", "city-and-board", "foundation", "rf-abbreviation", "andelslag",
         "aside"],
)  # fmt: skip
def test_controller_name_sv(section, name):
    notice = parse_notice(
        f"Personuppgiftsansvarig\n\n{section}\n\nRegistrets namn\n\nKundregister\n\n"
        "Lagringstid\n\nTvå år.\n"
    )
    assert notice.controller["name"] == name
    assert notice.keys == ["controller", "register_name", "retention"]


# -- Headings by their words in both languages ---------------------------------------


@pytest.mark.parametrize(
    ("heading", "key"),
    [
        ("Avförande av uppgifter:", "rectification_erasure"),
        ("Rätt att lämna klagomål till en tillsynsmyndighet", "complaint"),
        ("Vem får tillgång till uppgifterna?", "disclosures"),
        ("Kenellä on pääsy tietoihin?", "disclosures"),
        ("Rätt att få tillgång till uppgifterna", "right_of_access"),
        ("Förvaringstid", "retention"),
        ("Personuppgiftskategorier", "data_content"),
        ("Personuppgiftsbiträden", "disclosures"),
        ("Vem kan jag kontakta?", "contact_person"),
        ("Yhteystiedot tietosuoja-asioissa", "contact_person"),
        ("Kontaktuppgifter i dataskyddsärenden", "contact_person"),
        ("Rätt att få sina uppgifter rättade", "rectification_erasure"),
        ("Rätt att begränsa behandlingen", "data_subject_rights"),
        ("Oikeus rajoittaa käsittelyä", "data_subject_rights"),
        ("Oikeus saada tiedot poistetuksi", "rectification_erasure"),
        ("Miten voin käyttää oikeuksiani?", "data_subject_rights"),
        ("Registrets användning", "purpose"),
        ("Uppgifter som registreras", "data_content"),
        ("Hur samlar vi in uppgifterna?", "data_sources"),
        ("Beskrivning av de registrerade", "data_subjects"),
        ("Vart kan jag vända mig?", "contact_person"),
        ("Suostumuksen peruuttaminen", "data_subject_rights"),
        ("Rätt att återkalla sitt samtycke", "data_subject_rights"),
        ("Uppdatering av beskrivningen", "changes"),
        ("Selosteen päivittäminen", "changes"),
        ("Henkilötietojen käsittelyn kesto", "retention"),
        ("Rätt att korrigera uppgifter", "rectification_erasure"),
        ("Rekisterin pitäjän nimi", "controller"),
        ("Registerförarens namn", "controller"),
    ],
)
def test_heading_words(heading, key):
    assert match_heading(heading).key == key


def test_a_spelling_variant_differs_in_spelling_not_in_words():
    """A typo or an inflection matches a listed heading; another word in the same
    frame ("kesto" for "peruste") does not."""
    assert same_words("rekisterin pitäjän", "rekisterinpitäjän")
    assert same_words("henkilotietojen kasittelyn", "henkilötietojen käsittelyn")
    assert not same_words(
        "henkilötietojen käsittelyn kesto", "henkilötietojen käsittelyn peruste"
    )
    assert same_words("rätt att lämna klagomål", "rätt att lämna klagomål till")


def test_a_sentence_with_a_colon_is_still_a_lead_in():
    assert match_heading("Rekisteriin tallennetaan seuraavat tiedot:") is None
    assert match_heading("Vi samlar in följande uppgifter:") is None


# -- A form's label over fields is not a heading of its own -------------------------


@pytest.mark.parametrize(
    ("text", "keys"),
    [
        (
            "Rekisterinpitäjä\n\nPihlajan Tilitoimisto Oy\n\n"
            "Rekisterin tiedot:\nRekisterin nimi: Asiakasrekisteri\n"
            "Tarkoitus: Kirjanpitopalvelujen tuottaminen.\n\n"
            "Tietojen säilytysaika\n\nKuusi vuotta tilikauden päättymisestä.\n",
            ["controller", "register_name", "purpose", "retention"],
        ),
        (
            "Registeransvarig\n\nPihlaja Bokföring Ab\n\n"
            "Registrets uppgifter:\nRegistrets namn: Kundregister\n"
            "Ändamål: Bokföringstjänster.\n\n"
            "Lagringstid\n\nSex år efter räkenskapsperiodens slut.\n",
            ["controller", "register_name", "purpose", "retention"],
        ),
    ],
    ids=["fi", "sv"],
)
def test_form_label_over_fields(text, keys):
    notice = parse_notice(text)
    assert notice.keys == keys
    assert notice.sections[1].text == notice.sections[1].data["name"]


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Rekisterin tietosisältö\n\nHenkilötiedot\n- nimi\n- osoite\n", "fi"),
        ("Registrets datainnehåll\n\nPersonuppgifter\n- namn\n- adress\n", "sv"),
    ],
)
def test_ambiguous_label_inside_its_own_section(text, key):
    notice = parse_notice("Rekisterinpitäjä\n\nYritys Oy\n\n" + text)
    assert notice.keys == ["controller", "data_content"]
    assert "osoite" in notice.sections[1].text or "adress" in notice.sections[1].text


# -- Plain-language GDPR notices with a site's "contact us" -------------------------

SV_PLAIN = [
    ("Vem ansvarar för dina uppgifter?",
     ["Svenska Kulturfonden i Lappby rf, Kyrkvägen 3, 07880 Lappby."]),
    ("Vilka uppgifter samlar vi in?",
     ["Namn, kontaktuppgifter och bankkontonummer för utbetalning av stipendier."]),
    ("Varför behandlar vi uppgifterna?", ["För att bevilja och betala ut stipendier."]),
    ("Delar vi uppgifterna med någon?",
     ["Uppgifter om beviljade stipendier lämnas till Skatteförvaltningen."]),
    ("Hur länge sparar vi uppgifterna?", ["I sju år enligt bokföringslagen."]),
    ("Kontakta oss", ["stipendier@kulturfonden-lappby.fi"]),
]  # fmt: skip
FI_PLAIN = [
    ("Kuka tietojasi käsittelee?",
     ["Lappbyn Kulttuurirahasto sr, Kirkkotie 3, 07880 Lappby."]),
    ("Mitä tietoja keräämme?", ["Nimi, yhteystiedot ja tilinumero apurahan maksua varten."]),
    ("Miksi käsittelemme tietoja?", ["Apurahojen myöntämiseksi ja maksamiseksi."]),
    ("Kenen kanssa jaamme tietoja?", ["Myönnetyistä apurahoista ilmoitetaan Verohallinnolle."]),
    ("Kuinka kauan tietoja säilytetään?", ["Seitsemän vuotta kirjanpitolain mukaan."]),
    ("Ota yhteyttä", ["apurahat@kulttuurirahasto-lappby.fi"]),
]  # fmt: skip
PLAIN_KEYS = [
    "controller", "data_content", "purpose", "disclosures", "retention", "contact_person",
]  # fmt: skip


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize(
    ("sections", "controller"),
    [
        (SV_PLAIN, "Svenska Kulturfonden i Lappby rf"),
        (FI_PLAIN, "Lappbyn Kulttuurirahasto sr"),
    ],
    ids=["sv", "fi"],
)
def test_plain_language_notice(sections, controller, fmt):
    notice = parse(sections, fmt)
    assert notice.keys == PLAIN_KEYS
    assert notice.controller["name"] == controller


# -- Labels under a heading, and headings in a text without blank lines ------------


@pytest.mark.parametrize(
    ("text", "labels"),
    [
        (
            "Rekisterinpitäjä\n\nLumo Kiinteistöt Oy\n\n"
            "Rekisterin tietosisältö\n\n"
            "Asukkaat:\nNimi, henkilötunnus, yhteystiedot ja vuokranmaksutiedot.\n\n"
            "Hakijat:\nNimi, yhteystiedot ja tulotiedot.\n\n"
            "Säännönmukaiset tietolähteet\n\nAsukkailta ja hakijoilta itseltään.\n\n"
            "Tietojen säilytysaika\n\nKymmenen vuotta.\n",
            ["Asukkaat:", "Hakijat:"],
        ),
        (
            "Personuppgiftsansvarig\n\nLumo Fastigheter Ab\n\n"
            "Registrets datainnehåll\n\n"
            "Hyresgäster:\nNamn, personbeteckning, kontaktuppgifter och hyror.\n\n"
            "Sökande:\nNamn, kontaktuppgifter och inkomstuppgifter.\n\n"
            "Regelmässiga uppgiftskällor\n\nHyresgästerna och de sökande själva.\n\n"
            "Lagringstid\n\nTio år.\n",
            ["Hyresgäster:", "Sökande:"],
        ),
    ],
    ids=["fi", "sv"],
)
def test_colon_labels_under_a_heading_without_colon_stay_inside(text, labels):
    notice = parse_notice(text)
    assert notice.keys == ["controller", "data_content", "data_sources", "retention"]
    assert all(label in notice.sections[1].text for label in labels)


@pytest.mark.parametrize(
    ("text", "heading"),
    [
        (
            "Tietosuojaseloste\nRekisterinpitäjä\nLumo Kiinteistöt Oy\n"
            "Käsittelyn tarkoitus\nVuokrasuhteiden hoitaminen ja vuokranperintä.\n"
            "Kameravalvonta\nPorrashuoneissa on tallentava kameravalvonta, jonka "
            "tallenteet säilytetään kaksi viikkoa.\n"
            "Säilytysaika\nKymmenen vuotta vuokrasuhteen päättymisestä.\n"
            "Oikeutesi\nVoit tarkastaa tietosi ja pyytää virheellisten tietojen "
            "korjaamista.\n",
            "Kameravalvonta",
        ),
        (
            "Dataskyddsbeskrivning\nPersonuppgiftsansvarig\nLumo Fastigheter Ab\n"
            "Syftet med behandlingen\nFörvaltning av hyresavtal och hyresindrivning.\n"
            "Kameraövervakning\nI trapphusen finns inspelande kameraövervakning och "
            "inspelningarna sparas i två veckor.\n"
            "Lagringstid\nTio år efter att hyresavtalet upphört.\n"
            "Dina rättigheter\nDu kan granska dina uppgifter och begära att felaktiga "
            "uppgifter rättas.\n",
            "Kameraövervakning",
        ),
    ],
    ids=["fi", "sv"],
)
def test_unknown_heading_in_a_text_without_blank_lines(text, heading):
    notice = parse_notice(text)
    assert notice.keys == [
        "controller", "purpose", "other", "retention", "data_subject_rights",
    ]  # fmt: skip
    assert notice.sections[2].heading == heading
    assert heading not in notice.sections[1].text  # not merged into the one above


@pytest.mark.parametrize(
    ("heading", "section", "name", "contact"),
    [
        ("Rekisterinpitäjä", "Rekisterinpitäjänä toimii Hämeen Kennelkerho ry "
         "(jäljempänä kerho).", "Hämeen Kennelkerho ry", None),
        ("Personuppgiftsansvarig", "Personuppgiftsansvarig är Föreningen Norrsken rf, "
         "Storgatan 1, 65100 Vasa.", "Föreningen Norrsken rf", None),
        ("Rekisterinpitäjä", "Rekisterinpitäjä: Matti Virtanen, Rakennus Virtanen Oy "
         "(Y-tunnus 2233445-8)", "Rakennus Virtanen Oy", "Matti Virtanen"),
        ("Personuppgiftsansvarig", "Per Lindholm\nByggfirma Lindholm Ab, "
         "FO-nummer 2233445-8", "Byggfirma Lindholm Ab", "Per Lindholm"),
        ("Rekisterinpitäjä", "Osuuskunta Kuntotalo\nPuistotie 2, 20100 Turku",
         "Osuuskunta Kuntotalo", None),
        ("Rekisterinpitäjä", "Kuvataidekoulu / Jyväskylän Kuvataidekoulu ry",
         "Kuvataidekoulu / Jyväskylän Kuvataidekoulu ry", None),
        ("Registeransvarig", "Fritidstjänsterna, Sibbo kommun\n"
         "Stora Byvägen 18, 04130 Sibbo", "Sibbo kommun", None),
        ("Rekisterinpitäjän nimi ja osoite", "Kirkkonummen seurakuntayhtymä\n"
         "Gesterbyntie 1, 02400 Kirkkonummi", "Kirkkonummen seurakuntayhtymä", None),
    ],
    ids=["fi-sentence", "sv-sentence", "fi-person-and-company",
         "sv-person-and-company", "fi-osuuskunta", "fi-two-names",
         "sv-unit-of-municipality", "fi-parish-union"],
)  # fmt: skip
def test_controller_legal_entity(heading, section, name, contact):
    notice = parse_notice(
        f"{heading}\n\n{section}\n\nRekisterin nimi\n\nAsiakasrekisteri\n\n"
        "Säilytysaika\n\nKaksi vuotta.\n"
    )
    assert notice.controller["name"] == name
    assert notice.contact_person["name"] == contact
    assert notice.keys == ["controller", "register_name", "retention"]


@pytest.mark.parametrize(
    ("text", "heading"),
    [
        (
            "Rekisterinpitäjä\nJärvikylän kunta\n\n"
            "Mistä tiedot saadaan?\nHuoltajalta ilmoituksella.\n\n"
            "Tiedottaminen huoltajille:\nHuoltajille kerrotaan muutoksista "
            "sähköpostitse.\n\n"
            "Miten tiedot suojataan?\nLukitussa kaapissa.\n",
            "Tiedottaminen huoltajille:",
        ),
        (
            "Personuppgiftsansvarig\nSjöby kommun\n\n"
            "Varifrån får vi uppgifterna?\nAv vårdnadshavaren.\n\n"
            "Information till vårdnadshavare:\nVårdnadshavarna informeras om "
            "ändringar per e-post.\n\n"
            "Hur skyddas uppgifterna?\nI ett låst skåp.\n",
            "Information till vårdnadshavare:",
        ),
    ],
    ids=["fi", "sv"],
)
def test_colon_heading_after_text_is_a_section_of_its_own(text, heading):
    """Only a label straight under a heading (and the labels after it) stays in
    the section; a colon line after the section's text heads a section."""
    notice = parse_notice(text)
    assert notice.keys == ["controller", "data_sources", "other", "security"]
    assert notice.sections[2].heading == heading


# -- Run-in headings: "Label: text" on one line ---------------------------------------

RUN_IN = {
    "fi": (
        [
            ("Rekisterinpitäjä", "Kaarinan Kuntosali Oy, Y-tunnus 2345678-0"),
            ("Yhteyshenkilö", "Jussi Lehto, jussi@kuntosali.fi"),
            ("Käsittelyn tarkoitus", "Jäsenyyksien ja kulunvalvonnan hoitaminen."),
            ("Kulunvalvonta", "Salin ovella on avainlukija, joka tallentaa käynnit."),
            ("Säilytysaika", "Tiedot poistetaan vuoden kuluttua jäsenyyden päätyttyä."),
        ],
        "Kaarinan Kuntosali Oy",
    ),
    "sv": (
        [
            ("Personuppgiftsansvarig", "Pargas Gym Ab, FO-nummer 2345678-0"),
            ("Kontaktperson", "Jonas Lund, jonas@pargasgym.fi"),
            ("Syftet med behandlingen", "Skötsel av medlemskap och passerkontroll."),
            ("Passerkontroll", "Vid dörren finns en nyckelläsare som sparar besöken."),
            (
                "Lagringstid",
                "Uppgifterna raderas ett år efter att medlemskapet upphört.",
            ),
        ],
        "Pargas Gym Ab",
    ),
}


@pytest.mark.parametrize("fmt", ("txt", "md", "html"))
@pytest.mark.parametrize("language", sorted(RUN_IN))
def test_unknown_run_in_heading_among_run_in_headings(language, fmt):
    lines, controller = RUN_IN[language]
    if fmt == "html":
        data = "".join(f"<p><b>{head}:</b> {text}</p>" for head, text in lines)
    elif fmt == "md":
        data = "\n\n".join(f"**{head}:** {text}" for head, text in lines)
    else:
        data = "\n".join(f"{head}: {text}" for head, text in lines)
    notice = parse_notice_upload(f"seloste.{fmt}", data.encode())
    assert notice.keys == ["controller", "contact_person", "purpose", "other",
                           "retention"]  # fmt: skip
    assert notice.sections[3].heading == lines[3][0] + ":"
    assert notice.sections[3].text == lines[3][1]
    assert notice.controller["name"] == controller


def test_field_labels_are_not_run_in_headings():
    notice = parse_notice(
        "Rekisterinpitäjä: Kaarinan Kuntosali Oy\n"
        "Sähköposti: info@kuntosali.fi\n"
        "Rekisterin nimi: Jäsenrekisteri\n"
        "Käsittelyn tarkoitus: Jäsenyyksien hoitaminen.\n"
        "Puhelin: 02 123 4567\n"
        "Säilytysaika: Vuosi jäsenyyden päättymisestä.\n"
    )
    assert notice.keys == ["controller", "register_name", "purpose", "retention"]


# -- A date above the first heading does not swallow the introduction -----------------


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize(
    ("date", "intro", "sections", "keys", "controller"),
    [
        (
            "Päivitetty 1.3.2024",
            "Lapin Luontomatkat Oy (jäljempänä Luontomatkat) kunnioittaa "
            "asiakkaidensa yksityisyyttä.",
            [
                ("Tietojen käsittelyn tarkoitus", ["Matkojen myynti ja toteutus."]),
                ("Matkavakuutukset", ["Välitämme nimet vakuutusyhtiölle, jos asiakas "
                                      "ostaa matkavakuutuksen."]),
                ("Säilytysaika", ["Kolme vuotta matkan jälkeen."]),
                ("Rekisteröidyn oikeudet", ["Voit tarkastaa tietosi."]),
            ],
            ["purpose", "other", "retention", "data_subject_rights"],
            "Lapin Luontomatkat Oy",
        ),
        (
            "Uppdaterad 1.3.2024",
            "Lapplands Naturresor Ab (nedan Naturresor) är personuppgiftsansvarig "
            "för kundregistret.",
            [
                ("Syftet med behandlingen", ["Försäljning och genomförande av resor."]),
                ("Reseförsäkringar", ["Vi lämnar resenärernas namn till "
                                      "försäkringsbolaget om kunden köper en försäkring."]),
                ("Lagringstid", ["Tre år efter resan."]),
                ("Dina rättigheter", ["Du kan granska dina uppgifter."]),
            ],
            ["purpose", "other", "retention", "data_subject_rights"],
            "Lapplands Naturresor Ab",
        ),
    ],
    ids=["fi", "sv"],
)  # fmt: skip
def test_date_above_the_first_heading(date, intro, sections, keys, controller, fmt):
    # A date line with no heading of its own is the document's date, not a
    # section: it stays in the introduction, and the page built from the import
    # still gets its date section.
    notice = parse(sections, fmt, [date, intro])
    assert notice.keys == keys
    assert notice.document_date == "2024-03-01"
    assert notice.as_json()["document_date"] == "2024-03-01"
    assert notice.controller["name"] == controller
    assert notice.introduction_text.split("\n") == [date, intro]
    data = stream_data(notice)
    assert [block["type"] for block in data[:3]] == ["other", "date", "purpose"]
    assert intro in data[0]["value"]["body"]
    assert date not in data[0]["value"]["body"]
    assert data[1]["value"]["date"] == "2024-03-01"
