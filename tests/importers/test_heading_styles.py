"""More ways notices written by others number, word and lay out their headings.

Each group is one class the importer used to get wrong, tested in Finnish and in
Swedish: Roman and letter numbering; optional sections (cookies, changes) and
plain-language wordings read by their key terms, and words that name privacy
itself; "Label: text" descriptions; deletion headings read by their text; the
line under a heading, and headings in capitals; a line naming the document under
a letterhead; colon headings before the first known one; parts of a numbered
section; controller names and business IDs written in a sentence.
"""

from __future__ import annotations

import pytest

from rekisteri_cms.importers import match_heading, parse_notice
from rekisteri_cms.importers.lines import LETTERS, ROMAN, heading_number, names_document

# -- Roman and letter numbering -------------------------------------------------


@pytest.mark.parametrize(
    ("line", "scheme", "expected"),
    [
        ("IV. Rekisterin tietosisältö", None, (ROMAN, 4)),
        ("XII Rätt till insyn", None, (ROMAN, 12)),
        ("IX) Säilytysaika", None, (ROMAN, 9)),
        ("C. Tietolähteet", None, (LETTERS, 3)),
        ("b) Uppgiftskällor", None, (LETTERS, 2)),
        # In a document lettered A, B, C … "I." is the ninth letter.
        ("I. Rekisteröidyn oikeudet", LETTERS, (LETTERS, 9)),
        ("I Finland gäller lagen", None, (ROMAN, 1)),
    ],
)
def test_heading_numbers(line, scheme, expected):
    kind, value, _length = heading_number(line, scheme)
    assert (kind, value) == expected


@pytest.mark.parametrize(
    "line", ["I registret finns", "IIX Otsikko", "Vi behandlar", "Kaupunki"]
)
def test_lines_without_a_heading_number(line):
    assert heading_number(line) is None


def test_swedish_form_with_roman_numbers_without_full_stops():
    notice = parse_notice(
        "I Registeransvarig\nFiskargillet rf, Strandvägen 4, 68600 Jakobstad\n\n"
        "II Registrets namn\nMedlemsregister\n\n"
        "III Överföring av personuppgifter till länder som ligger utanför EU "
        "eller EES\nUppgifter överförs inte.\n\n"
        "IV Rätt att kräva att en felaktig uppgift i registret rättas\n"
        "Begäran görs skriftligen till styrelsen.\n"
    )
    assert notice.keys == [
        "controller",
        "register_name",
        "transfers_outside_eea",
        "rectification_erasure",
    ]
    assert [s.confidence for s in notice.sections[:2]] == [1.0, 1.0]
    assert notice.sections[0].display_heading == "Registeransvarig"


def test_finnish_notice_numbered_with_letters():
    notice = parse_notice(
        "A. Rekisterinpitäjä\nKoulutusyhtymä Pohjola, Koulutie 3, 90100 Oulu\n\n"
        "B. Henkilötietojen käsittelyn tarkoitus\nOpintojen hallinnointi.\n\n"
        "C. Opiskelijakunnan vaalit ja edustajisto\n"
        "Palaute kerätään nimettömänä.\n\n"
        "D. Säilytysaika\nTiedot säilytetään pysyvästi.\n\n"
        "E. Tietolähteet\nOpiskelija itse.\n\n"
        "F. Tietojen luovutus\nEi luovutuksia.\n\n"
        "G. Suojaus\nJärjestelmä on suojattu.\n\n"
        "H. Tietojen siirto EU:n ulkopuolelle\nEi siirretä.\n\n"
        "I. Rekisteröidyn oikeudet\nVoit pyytää nähdä omat tietosi.\n"
    )
    assert notice.keys[-1] == "data_subject_rights"
    assert notice.sections[-1].display_heading == "Rekisteröidyn oikeudet"
    assert len(notice.sections) == 9


@pytest.mark.parametrize(
    ("parts", "language"),
    [
        (
            "A. Paperilla olevat lomakkeet\nLomakkeet ovat lukitussa kaapissa.\n"
            "B. Sähköisesti tallennetut jäsentiedot\nPalvelin on suojattu.\n",
            "fi",
        ),
        (
            "A. Blanketter på papper\nBlanketterna förvaras i ett låst skåp.\n"
            "B. Elektroniskt lagrade medlemsuppgifter\nServern är skyddad.\n",
            "sv",
        ),
    ],
)
def test_lettered_parts_of_a_numbered_section_stay_in_it(parts, language):
    heading = {
        "fi": "7. Rekisterin suojauksen periaatteet",
        "sv": "7. Principer för skydd av registret",
    }[language]
    rights = {"fi": "8. Tarkastusoikeus", "sv": "8. Rätt till insyn"}[language]
    notice = parse_notice(
        ("1. Rekisterinpitäjä\n" if language == "fi" else "1. Registeransvarig\n")
        + "Yhdistys ry\n\n"
        + heading
        + "\n"
        + parts
        + "\n"
        + rights
        + "\nPyydä kirjallisesti.\n"
    )
    assert notice.keys == ["controller", "security", "right_of_access"]
    assert "B." in notice.sections[1].text


# -- Optional sections and plain-language wordings, read by their key terms ------


@pytest.mark.parametrize(
    ("heading", "key"),
    [
        ("Onko sivustollamme evästeitä?", "cookies"),
        ("Evästeet asiointipalvelussa", "cookies"),
        ("Använder vi kakor?", "cookies"),
        ("Kakor på webbplatsen", "cookies"),
        ("Selosteen muuttaminen", "changes"),
        ("Muutoksia tähän ilmoitukseen", "changes"),
        ("Ändringar", "changes"),
        ("Vi kan ändra beskrivningen", "changes"),
        ("Jos olet tyytymätön käsittelyyn", "complaint"),
        ("Är du missnöjd?", "complaint"),
        ("Hankkeen vastuuhenkilö", "contact_person"),
        ("Ansvarsperson", "contact_person"),
        ("Kontakt", "contact_person"),
        ("Tutkimuksen nimi", "register_name"),
        ("Forskningens namn", "register_name"),
        ("Tietojen käsittely hankkeen päätyttyä", "retention"),
        ("Uppgifterna efter att projektet avslutats", "retention"),
        ("Keiden henkilötietoja käsitellään", "data_subjects"),
        ("Uppgifterna som vi behandlar", "data_content"),
        ("Kuka saa tietosi?", "disclosures"),
        ("Vem får dina personuppgifter?", "disclosures"),
        ("Varför behöver vi dem?", "purpose"),
    ],
)
def test_plain_and_optional_headings(heading, key):
    assert match_heading(heading).key == key


def test_optional_topic_gives_way_to_the_main_one():
    assert match_heading("Evästeiden avulla kerättävät tiedot").key == "data_content"
    assert match_heading("Uppgifter som samlas in med kakor").key == "data_content"


@pytest.mark.parametrize(
    ("heading", "key", "also"),
    [
        ("Miksi ja millä perusteella?", "purpose", ("legal_basis",)),
        ("Syftet med och grunden för registret", "purpose", ("legal_basis",)),
        ("Varför och på vilken grund?", "purpose", ("legal_basis",)),
    ],
)
def test_combined_purpose_and_basis(heading, key, also):
    found = match_heading(heading)
    assert (found.key, found.also_covers) == (key, also)


def test_question_with_a_clitic_is_read_by_its_lemmas():
    assert match_heading("Säilytämmekö tietoja pitkään?").key == "retention"
    assert match_heading("Käytämmekö evästeitä?").key == "cookies"


@pytest.mark.parametrize(
    ("text", "keys"),
    [
        (
            "Sekretess och integritetsskydd hos Hotell Fyren\n\n"
            "Hotell Fyren Ab (FO-nummer 2793834-9) ansvarar för uppgifterna om "
            "gästerna.\n\nDina rättigheter\nDu får fråga vilka uppgifter vi har.\n",
            ["data_subject_rights"],
        ),
        (
            "Tietosuoja ja yksityisyydensuoja Kahvila Kuppilassa\n\n"
            "Kahvila Kuppila Oy (Y-tunnus 2793834-9) vastaa tiedoista.\n\n"
            "Oikeutesi\nVoit kysyä, mitä tietoja meillä on.\n",
            ["data_subject_rights"],
        ),
    ],
)
def test_a_title_about_privacy_is_not_a_security_section(text, keys):
    notice = parse_notice(text)
    assert notice.keys == keys
    assert "Hotell Fyren" in notice.title or "Kuppila" in notice.title


# -- A register description laid out as "Label: text" lines --------------------


@pytest.mark.parametrize(
    ("text", "keys"),
    [
        (
            "Rekisterinpitäjä: Polkupyöräkorjaamo Vinha Tmi\n"
            "Rekisterin nimi: Huoltoasiakkaat\n"
            "Käyttötarkoitus: huoltojen sopiminen ja laskutus\n"
            "Luovutukset: ei luovuteta kenellekään\n"
            "Siirrot EU:n ulkopuolelle: ei ole\n"
            "Suojaus: asiakaskortisto lukitussa laatikossa\n",
            [
                "controller",
                "register_name",
                "purpose",
                "disclosures",
                "transfers_outside_eea",
                "security",
            ],
        ),
        (
            "Registeransvarig: Cykelverkstad Ekren Ab\n"
            "Registrets namn: Servicekunder\n"
            "Ändamål: bokning av service och fakturering\n"
            "Utlämnanden: inga uppgifter lämnas ut\n"
            "Överföringar: inga\n"
            "Skydd: kundkortet förvaras i ett låst skåp\n",
            [
                "controller",
                "register_name",
                "purpose",
                "disclosures",
                "transfers_outside_eea",
                "security",
            ],
        ),
    ],
)
def test_run_in_labels_are_keyed_by_their_words(text, keys):
    notice = parse_notice(text)
    assert notice.keys == keys


# -- Removing data: a period or an ending event means retention -----------------


@pytest.mark.parametrize(
    ("text", "key"),
    [
        (
            "Rekisterinpitäjä\nKuoro ry\n\nTietojen poistaminen\n"
            "Tiedot poistetaan, kun laulaja eroaa kuorosta.\n",
            "retention",
        ),
        (
            "Personuppgiftsansvarig\nKören rf\n\nRadering\n"
            "Uppgifterna raderas när sångaren lämnar kören.\n",
            "retention",
        ),
        (
            "Personuppgiftsansvarig\nKören rf\n\nRadering\n"
            "Du kan begära att dina uppgifter raderas när du vill.\n",
            "rectification_erasure",
        ),
    ],
)
def test_deletion_heading_is_read_by_its_text(text, key):
    assert parse_notice(text).keys[-1] == key


@pytest.mark.parametrize(
    "text",
    [
        "Kotiseutusäätiö sr jakaa apurahoja. Säätiön Y-tunnus on 2311066-7.\n\n"
        "Rekisterinpitäjä\nKotiseutusäätiö sr, Kirkkotie 1, 15100 Lahti\n",
        "Hembygdsstiftelsen sr delar ut stipendier. Stiftelsens FO-nummer är "
        "2311066-7.\n\nPersonuppgiftsansvarig\nHembygdsstiftelsen sr, "
        "Kyrkvägen 1, 10600 Ekenäs\n",
    ],
)
def test_business_id_written_in_a_sentence(text):
    assert parse_notice(text).controller["business_id"] == "2311066-7"


# -- A heading's first line is its text; capitals are a document's heading layout


@pytest.mark.parametrize(
    ("text", "keys", "name"),
    [
        (
            "REKISTERINPITÄJÄ\nAsunto Oy Koivurinne\n\n"
            "REKISTERIN NIMI\nTaloyhtiön tallentava kameravalvonta\n\n"
            "TIETOJEN LUOVUTUS\nTallenteita annetaan vain poliisille.\n\n"
            "REKISTERIN TIEDOT\nTallenteissa näkyy porraskäytävässä kulkevien kuva.\n\n"
            "SÄILYTYSAIKA\nTallenteet poistuvat kahden viikon kuluttua.\n",
            [
                "controller",
                "register_name",
                "disclosures",
                "data_content",
                "retention",
            ],
            "Taloyhtiön tallentava kameravalvonta",
        ),
        (
            "PERSONUPPGIFTSANSVARIG\nBostads Ab Björkhagen\n\n"
            "REGISTRETS NAMN\nKameraövervakning som lagras i fastigheten\n\n"
            "UTLÄMNANDE AV UPPGIFTER\nInspelningar lämnas endast till polisen.\n\n"
            "REGISTRETS UPPGIFTER\nInspelningarna visar bilder av dem som rör sig "
            "i trapphuset.\n\n"
            "LAGRINGSTID\nInspelningarna raderas efter två veckor.\n",
            [
                "controller",
                "register_name",
                "disclosures",
                "data_content",
                "retention",
            ],
            "Kameraövervakning som lagras i fastigheten",
        ),
    ],
)
def test_first_line_under_a_heading_and_capital_headings(text, keys, name):
    notice = parse_notice(text)
    assert notice.keys == keys
    assert notice.sections[1].text == name


# -- A line that names the document is front matter, not a section --------------


@pytest.mark.parametrize(
    ("line", "names"),
    [
        ("Tietosuojaseloste: jäsenrekisteri", True),
        ("Asiakasrekisterin tietosuojaseloste", True),
        ("Registerbeskrivning för medlemsregistret", True),
        ("Dataskyddsbeskrivning – kundregister", True),
        ("Tietosuojaselosteen muutokset", False),
        ("Rekisterin nimi", False),
    ],
)
def test_names_document(line, names):
    assert names_document(line) is names


@pytest.mark.parametrize(
    ("text", "first_key"),
    [
        (
            "**Lapin Hiihtoseura ry**\n**Tietosuojaseloste: jäsenrekisteri**\n\n"
            "Seloste kertoo, miten seura käsittelee jäsentietoja.\n\n"
            "**Rekisterinpitäjä**\n\nLapin Hiihtoseura ry, Rinnetie 2, 96100 "
            "Rovaniemi\n\n**Tietojen luovutus**\n\nTietoja ei luovuteta.\n",
            "controller",
        ),
        (
            "**Skidklubben Norrsken rf**\n"
            "**Registerbeskrivning för medlemsregistret**\n\n"
            "Här berättar vi hur klubben behandlar medlemmarnas uppgifter.\n\n"
            "**Personuppgiftsansvarig**\n\nSkidklubben Norrsken rf, Backvägen 2, "
            "65100 Vasa\n\n**Utlämnande av uppgifter**\n\nUppgifter lämnas inte "
            "ut.\n",
            "controller",
        ),
    ],
)
def test_document_title_under_a_letterhead_is_not_a_section(text, first_key):
    notice = parse_notice(text)
    assert notice.keys[0] == first_key
    assert len(notice.sections) == 2


# -- Before the first known heading, a line laid out as the headings are --------


@pytest.mark.parametrize(
    ("text", "intro"),
    [
        (
            "Tämä on Kylätalo Honkalan ry:n tietosuojaseloste.\n\n"
            "Taustaa:\nYhdistys ylläpitää kylätaloa ja vuokraa sitä juhliin.\n\n"
            "Mitä tietoja keräämme:\nVuokraajan nimi ja puhelinnumero.\n\n"
            "Kenelle tietoja luovutetaan:\nTietoja ei luovuteta.\n\n"
            "Kuinka kauan tietoja säilytetään:\nKaksi vuotta vuokrauksesta.\n",
            "Tämä on Kylätalo Honkalan ry:n tietosuojaseloste.",
        ),
        (
            "Detta är Bygdegården Lindas rf:s dataskyddsbeskrivning.\n\n"
            "Bakgrund:\nFöreningen sköter bygdegården och hyr ut den för fester.\n\n"
            "Vilka uppgifter samlar vi in:\nHyresgästens namn och telefonnummer.\n\n"
            "Till vem lämnar vi ut uppgifter:\nUppgifter lämnas inte ut.\n\n"
            "Hur länge sparar vi uppgifterna:\nTvå år efter hyrningen.\n",
            "Detta är Bygdegården Lindas rf:s dataskyddsbeskrivning.",
        ),
    ],
)
def test_unknown_heading_before_the_known_ones(text, intro):
    notice = parse_notice(text)
    assert notice.keys == ["other", "data_content", "disclosures", "retention"]
    assert notice.introduction_text == intro


def test_a_colon_line_in_an_introduction_without_such_headings_stays_in_it():
    notice = parse_notice(
        "Tässä kerromme tietojen käsittelystä.\n\nTaustaa:\nYhdistys on pieni.\n\n"
        "Rekisterinpitäjä\nKylätalo Honkala ry\n\nTietojen luovutus\nEi luovuteta.\n"
    )
    assert notice.keys == ["controller", "disclosures"]
    assert "Taustaa:" in notice.introduction_text


@pytest.mark.parametrize("heading", ["Bakgrund", "Taustaa"])
def test_background_is_no_legal_basis(heading):
    assert match_heading(heading) is None


@pytest.mark.parametrize(
    ("text", "label"),
    [
        (
            "1. Rekisterinpitäjä\nKorjaamo Oy\n\n2. Rekisterin tietosisältö\n"
            "Nimi ja osoite.\n\n3. Rekisterin suojauksen periaatteet\n"
            "Paperit ovat lukitussa kaapissa.\n\nKäsiteltävät tiedot\n"
            "Tietokanta on salattu ja varmuuskopioitu.\n\n4. Tarkastusoikeus\n"
            "Pyyntö tehdään kirjallisesti.\n",
            "Käsiteltävät tiedot",
        ),
        (
            "1. Registeransvarig\nVerkstaden Ab\n\n2. Registrets datainnehåll\n"
            "Namn och adress.\n\n3. Principer för skydd av registret\n"
            "Papperen förvaras i ett låst skåp.\n\nB Datoriserade uppgifter i "
            "registret\nDatabasen är krypterad.\n\n4. Rätt till insyn\n"
            "Begäran görs skriftligen.\n",
            "B Datoriserade uppgifter i registret",
        ),
    ],
)
def test_unnumbered_line_naming_a_used_topic_stays_in_its_section(text, label):
    notice = parse_notice(text)
    assert notice.keys == [
        "controller",
        "data_content",
        "security",
        "right_of_access",
    ]
    assert label in notice.sections[2].text


@pytest.mark.parametrize(
    "heading",
    [
        "Miten voit vaikuttaa tietoihisi?",
        "Mitä voit tehdä, jos tiedoissa on virhe?",
        "Vad kan du göra åt dina uppgifter?",
        "Hur kan du påverka hur uppgifterna används?",
    ],
)
def test_what_the_reader_can_do_names_the_rights(heading):
    assert match_heading(heading).key == "data_subject_rights"


@pytest.mark.parametrize(
    ("heading", "key"),
    [
        ("Millaisia henkilötietoja tallennamme?", "data_content"),
        ("Vad sparar vi för uppgifter om dig?", "data_content"),
        ("Kuka hoitaa rekisteriasioita?", "contact_person"),
        ("Person som sköter ärenden om registret", "contact_person"),
        ("Vilken grund har vi för behandlingen?", "legal_basis"),
        ("Vilka personer finns i kundregistret?", "data_subjects"),
        ("Vem behandlar dina personuppgifter?", "controller"),
        ("Kuka käsittelee tietojasi?", "controller"),
    ],
)
def test_more_plain_language_wordings(heading, key):
    assert match_heading(heading).key == key


# -- Controller names: abbreviated forms and lower-case words inside a name -----


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "Registeransvarig\n\nKyrkans Ungdom i Borgå r.f.\nKyrkogatan 2, 06100 "
            "Borgå\n\nUtlämnande av uppgifter\nUppgifter lämnas inte ut.\n",
            "Kyrkans Ungdom i Borgå r.f.",
        ),
        (
            "Rekisterinpitäjä\n\nKuopion Kamarikuoro r.y.\nKuorokuja 3, 70100 "
            "Kuopio\n\nTietojen luovutus\nTietoja ei luovuteta.\n",
            "Kuopion Kamarikuoro r.y.",
        ),
        (
            "Personuppgiftsansvarig är Föreningen Svenska Hem i Åbo rf.\n\n"
            "Utlämnande av uppgifter\nUppgifter lämnas inte ut.\n",
            "Föreningen Svenska Hem i Åbo rf",
        ),
        (
            "Rekisterinpitäjänä toimii Oulun Seudun Partiolaiset ry.\n\n"
            "Tietojen luovutus\nTietoja ei luovuteta.\n",
            "Oulun Seudun Partiolaiset ry",
        ),
    ],
)
def test_controller_names_with_abbreviations_and_small_words(text, name):
    assert parse_notice(text).controller["name"] == name


@pytest.mark.parametrize(
    "body",
    [
        "Perustiedot: nimi ja syntymäaika\n\nYhteystiedot: osoite, puhelin\n\n"
        "Jäsentiedot: liittymispäivä, jäsenmaksut\n",
        "Grunduppgifter: namn och födelsedatum\n\nKontaktuppgifter: adress, "
        "telefon\n\nMedlemsuppgifter: datum för inträde, avgifter\n",
    ],
)
def test_label_and_value_lines_stay_in_their_section(body):
    heading = (
        "Rekisterin tietosisältö"
        if "Perustiedot" in body
        else "Registrets datainnehåll"
    )
    following = (
        "Tietolähteet\nJäsen itse.\n"
        if "Perustiedot" in body
        else "Uppgiftskällor\nMedlemmen själv.\n"
    )
    notice = parse_notice(heading + "\n\n" + body + "\n" + following)
    assert notice.keys == ["data_content", "data_sources"]


@pytest.mark.parametrize(
    ("text", "keys", "name"),
    [
        (
            "Yhteystiedot:\nKylätalo Honkala ry, Kylätie 3, 41900 Petäjävesi\n\n"
            "Mitä tietoja keräämme:\nVuokraajan nimi.\n\n"
            "Kenelle tietoja luovutetaan:\nEi kenellekään.\n",
            ["controller", "data_content", "disclosures"],
            "Kylätalo Honkala ry",
        ),
        (
            "Kontaktuppgifter:\nBygdegården Linda rf, Byvägen 3, 66100 Malax\n\n"
            "Vilka uppgifter samlar vi in:\nHyresgästens namn.\n\n"
            "Till vem lämnar vi ut uppgifter:\nIngen.\n",
            ["controller", "data_content", "disclosures"],
            "Bygdegården Linda rf",
        ),
    ],
)
def test_generic_contact_heading_over_the_organisation(text, keys, name):
    notice = parse_notice(text)
    assert notice.keys == keys
    assert notice.controller["name"] == name


@pytest.mark.parametrize(
    "text",
    [
        "Rekisterinpitäjä:\nKylätalo Honkala ry\n\nYhteystiedot:\nKylätie 3, 41900 "
        "Petäjävesi\n\nMitä tietoja keräämme:\nVuokraajan nimi.\n",
        "Personuppgiftsansvarig:\nBygdegården Linda rf\n\nKontaktuppgifter:\n"
        "Byvägen 3, 66100 Malax\n\nVilka uppgifter samlar vi in:\nNamn.\n",
    ],
)
def test_contact_label_inside_the_controller_section_stays_a_label(text):
    assert parse_notice(text).keys == ["controller", "data_content"]


@pytest.mark.parametrize(
    "heading",
    [
        "Oikeus siirtää tiedot järjestelmästä toiseen",
        "Tietojen siirrettävyys",
        "Rätt att överföra uppgifterna till en annan tjänst",
        "Rätt till dataportabilitet",
    ],
)
def test_data_portability_is_a_right_not_a_transfer(heading):
    found = match_heading(heading)
    assert found.key == "data_subject_rights"
    assert "transfers_outside_eea" not in found.also_covers


@pytest.mark.parametrize(
    ("text", "keys"),
    [
        (
            "REKISTERINPITÄJÄ\nKalastusseura Ahven ry\n\nTIETOSISÄLTÖ\nNimi ja osoite.\n\n"
            "SÄILYTYSAIKA\nKaksi vuotta.\n\nOIKEUTESI\nVoit tarkastaa tietosi.\n"
            "Valitusoikeus:\nVoit kääntyä tietosuojavaltuutetun puoleen.\n",
            ["controller", "data_content", "retention", "data_subject_rights"],
        ),
        (
            "PERSONUPPGIFTSANSVARIG\nFiskeklubben Abborren rf\n\nREGISTRETS "
            "DATAINNEHÅLL\nNamn och adress.\n\nLAGRINGSTID\nTvå år.\n\nDINA "
            "RÄTTIGHETER\nDu kan granska dina uppgifter.\nRätt att klaga:\nDu kan "
            "vända dig till dataombudsmannen.\n",
            ["controller", "data_content", "retention", "data_subject_rights"],
        ),
    ],
)
def test_mixed_case_label_under_capital_headings_stays_in_its_section(text, keys):
    notice = parse_notice(text)
    assert notice.keys == keys


@pytest.mark.parametrize(
    "heading",
    [
        "Onko tietojen antaminen pakollista?",
        "Mitä seuraa, jos et anna tietoja?",
        "Är det obligatoriskt att lämna uppgifterna?",
        "Frivillighet att lämna uppgifter",
    ],
)
def test_whether_data_must_be_given_is_the_legal_basis(heading):
    found = match_heading(heading)
    assert (found.key, found.also_covers) == ("legal_basis", ())


@pytest.mark.parametrize(
    "text",
    [
        "Rekisterinpitäjä: Tanssikoulu Piruetti Oy, Tanssitie 2, 33100 Tampere\n"
        "Käyttötarkoitus: kurssien ilmoittautumiset\n"
        "Tiedot: nimi, puhelin, sähköposti, kurssit\n"
        "Tietolähteet: oppilas itse\n"
        "Säilytysaika: kaksi vuotta\n",
        "Personuppgiftsansvarig: Dansskolan Piruett Ab, Dansvägen 2, 65100 Vasa\n"
        "Ändamål: anmälningar till kurser\n"
        "Uppgifter: namn, telefon, e-post, kurser\n"
        "Källor: eleven själv\n"
        "Lagringstid: två år\n",
    ],
)
def test_ambiguous_run_in_label_keyed_by_what_it_lists(text):
    notice = parse_notice(text)
    assert notice.keys == [
        "controller",
        "purpose",
        "data_content",
        "data_sources",
        "retention",
    ]


@pytest.mark.parametrize(
    ("text", "keys"),
    [
        (
            "Rekisterinpitäjä\n----------------\nKoirakoulu Haukku Oy\n\n"
            "Säilytysaika\n============\nKaksi vuotta.\n\n_____\n\n"
            "Oikeutesi\n---------\nVoit tarkastaa tietosi.\n",
            ["controller", "retention", "data_subject_rights"],
        ),
        (
            "Personuppgiftsansvarig\n----------------------\nHundskolan Vov Ab\n\n"
            "Lagringstid\n===========\nTvå år.\n\n_____\n\n"
            "Dina rättigheter\n----------------\nDu kan granska dina uppgifter.\n",
            ["controller", "retention", "data_subject_rights"],
        ),
    ],
)
def test_underlines_and_rules_in_plain_text_are_not_text(text, keys):
    notice = parse_notice(text)
    assert notice.keys == keys
    assert not any(
        "--" in s.text or "==" in s.text or "__" in s.text for s in notice.sections
    )


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "Registeransvarig\n\nVerkställande direktör Kim Lund\nFO-nummer "
            "2311066-7\n\nUtlämnande av uppgifter\nUppgifter lämnas inte ut.\n\n"
            "Registret förs av Sundets Bygg Ab.\n",
            "Sundets Bygg Ab",
        ),
        (
            "Rekisterinpitäjä\n\nyrittäjä Kaisa Lehto\nY-tunnus 2311066-7\n\n"
            "Tietojen luovutus\nTietoja ei luovuteta.\n\n"
            "Rekisteriä ylläpitää Lehdon Siivous Oy.\n",
            "Lehdon Siivous Oy",
        ),
        (
            "Rekisterinpitäjä\n\nKouvolan kaupunginkirjasto\nKirjastokatu 1, 45100 "
            "Kouvola\n\nTietojen luovutus\nTietoja ei luovuteta.\n",
            "Kouvolan kaupunki",
        ),
        (
            "Personuppgiftsansvarig\n\nKristinestads stadsbibliotek\nBiblioteksgatan "
            "1, 64100 Kristinestad\n\nUtlämnande av uppgifter\nUppgifter lämnas inte "
            "ut.\n",
            "Kristinestads stad",
        ),
        (
            "Registeransvarig\n\nBostadsaktiebolaget Havsutsikten\nFO-nummer "
            "2311066-7\n\nKontaktperson\nDisponent Eva Ek, Disponentbyrå Ek Ab\n",
            "Bostadsaktiebolaget Havsutsikten",
        ),
        (
            "Rekisterinpitäjä\n\nAsunto-osakeyhtiö Merenranta\nY-tunnus 2311066-7\n\n"
            "Yhteyshenkilö\nIsännöitsijä Eero Aalto, Isännöinti Aalto Oy\n",
            "Asunto-osakeyhtiö Merenranta",
        ),
    ],
)
def test_controller_behind_a_person_a_library_or_a_long_legal_form(text, name):
    assert parse_notice(text).controller["name"] == name
