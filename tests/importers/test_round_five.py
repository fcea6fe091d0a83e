"""Failure classes met in notices written by others (fourth evaluation round).

Each class is tested in Finnish and Swedish with wordings of our own: items
numbered with letters past "h)"; a run-in layout with one label over a list; a
numbered heading wrapped by hand onto a second line; a heading that only groups
numbered sub-sections; combined headings keyed by their first part; the
controller named after "vastaa"/"ansvarar" or in a sentence followed by another;
common wordings of a topic; the data we keep as the data content.
"""

from __future__ import annotations

import pytest

from rekisteri_cms.importers import match_heading, parse_notice, parse_notice_upload


def keys(text: str, language: str) -> list[tuple[str, str]]:
    return [(s.heading, s.key) for s in parse_notice(text, language=language).sections]


LETTERED_FI = """Tietosuojaseloste

a) Rekisterinpitäjä
Kuntoutuskeskus Lepola Oy, Kirkkokatu 3, 80100 Joensuu

b) Rekisterin nimi
Asiakasrekisteri

c) Käsittelyn tarkoitus
Asiakassuhteen hoitaminen ja laskutus.

d) Tietosisältö
Nimi, osoite ja puhelinnumero.

e) Tietolähteet
Asiakas itse.

f) Luovutukset
Tietoja ei luovuteta.

g) Siirrot EU:n ulkopuolelle
Tietoja ei siirretä.

h) Säilytys
Viisi vuotta.

i) Tekninen suojaus
Tiedot ovat salasanan takana.

j) Tarkastusoikeus
Voit pyytää nähdä tietosi.

k) Rekisteröidyn oikeudet
Voit vaatia virheen korjaamista.

l) Valitusoikeus
Voit valittaa tietosuojavaltuutetulle.
"""

LETTERED_SV = """Dataskyddsbeskrivning

a) Personuppgiftsansvarig
Rehabcenter Lepola Ab, Kyrkogatan 3, 65100 Vasa

b) Registrets namn
Kundregister

c) Ändamålet med behandlingen
Skötsel av kundrelationen och fakturering.

d) Registrets datainnehåll
Namn, adress och telefonnummer.

e) Uppgiftskällor
Kunden själv.

f) Utlämnande av uppgifter
Uppgifterna lämnas inte ut.

g) Överföring utanför EU
Uppgifterna överförs inte.

h) Lagringstid
Fem år.

i) Skydd av registret
Uppgifterna finns bakom lösenord.

j) Rätt till insyn
Du kan begära att få se dina uppgifter.

k) Rätt till rättelse
Du kan kräva att fel rättas.

l) Rätt att klaga
Du kan klaga hos dataombudsmannen.
"""


@pytest.mark.parametrize(
    ("text", "language", "rights"),
    [
        (LETTERED_FI, "fi", "data_subject_rights"),
        (LETTERED_SV, "sv", "rectification_erasure"),
    ],
)
def test_items_numbered_past_h_are_headings(text, language, rights):
    """Items numbered "i)", "j)", "k)" … are headings like "a)" to "h)": the letter
    that numbers a heading is not its first word."""
    lettered = [
        line for line in text.splitlines() if line[:2] in ("i)", "j)", "k)", "l)")
    ]
    assert keys(text, language)[-4:] == list(
        zip(lettered, ["security", "right_of_access", rights, "complaint"], strict=True)
    )


RUN_IN_FI = """Kuntosali Voima ry:n jäsenrekisterin tietosuojaseloste

Rekisterinpitäjä: Kuntosali Voima ry, Urheilutie 2, 40100 Jyväskylä
Rekisterin nimi: Jäsenrekisteri
Käsittelyn tarkoitus: Jäsenyyden hoitaminen ja jäsenmaksujen periminen.
Kerättävät tiedot:
  Nimi, osoite, puhelinnumero ja jäsenmaksun tila.
Tietolähteet: Jäsen itse liittymislomakkeella.
Säilytysaika: Eroamisen jälkeen kaksi vuotta.
Valitusoikeus: Tietosuojavaltuutetun toimisto käsittelee valitukset.
Kulunvalvonta: Salin ovessa on avainlukija, joka tallentaa jäsenen kulkuajat kuukauden ajan.
"""

RUN_IN_SV = """Dataskyddsbeskrivning för Gymmet Kraft rf

Personuppgiftsansvarig: Gymmet Kraft rf, Idrottsvägen 2, 68600 Jakobstad
Registrets namn: Medlemsregister
Ändamålet med behandlingen: Skötsel av medlemskapet och medlemsavgifterna.
Uppgifter som behandlas:
  Namn, adress, telefonnummer och status för medlemsavgiften.
Uppgiftskällor: Medlemmen själv på anslutningsblanketten.
Lagringstid: Två år efter att medlemmen har utträtt.
Klagomål: Dataombudsmannens byrå behandlar klagomål.
Passerkontroll: Dörren till gymmet har en nyckelläsare som sparar medlemmens tider i en månad.
"""


@pytest.mark.parametrize(("text", "language"), [(RUN_IN_FI, "fi"), (RUN_IN_SV, "sv")])
def test_run_in_layout_survives_one_label_over_a_list(text, language):
    """A document whose sections start "Label: text" keeps that layout when one
    section's label stands over a list: the labels below it are still headings,
    a known topic keyed, an unknown one its own section."""
    found = keys(text, language)
    assert found[-2][1] == "complaint"
    assert found[-1] == (text.splitlines()[-1].split(":")[0] + ":", "other")
    assert len(found) == 8


WRAPPED_FI = """Tietosuojaseloste

1. Rekisterinpitäjä
Taloyhtiö Koivukuja, Koivukuja 1, 20100 Turku

2. Rekisterin nimi
Saunavuorojen varausrekisteri

3. Henkilötietojen luovuttaminen ja siirtäminen kolmansiin maihin tai
kansainvälisille järjestöille
Tietoja ei luovuteta eikä siirretä minnekään taloyhtiön ulkopuolelle.

4. Säilytysaika
Varaukset poistetaan vuoden kuluttua.
"""

WRAPPED_SV = """Dataskyddsbeskrivning

1. Personuppgiftsansvarig
Bostadsaktiebolaget Björkgränd, Björkgränd 1, 20100 Åbo

2. Registrets namn
Bokningsregister för bastuturer

3. Utlämnande av personuppgifter och överföring av dem till länder utanför
EU eller EES
Uppgifterna lämnas inte ut och förs inte över utanför bolaget.

4. Lagringstid
Bokningarna raderas efter ett år.
"""


@pytest.mark.parametrize(("text", "language"), [(WRAPPED_FI, "fi"), (WRAPPED_SV, "sv")])
def test_numbered_heading_wrapped_by_hand_is_one_heading(text, language):
    """A long numbered heading wrapped onto a second short line that goes on in
    lower case or with an abbreviation is one heading, not a heading and a line
    of text."""
    lines = text.splitlines()
    wrapped = next(i for i, line in enumerate(lines) if line.startswith("3."))
    sections = parse_notice(text, language=language).sections
    third = sections[2]
    assert third.heading == f"{lines[wrapped]} {lines[wrapped + 1]}"
    assert third.key == "disclosures"
    assert lines[wrapped + 1] not in third.text
    assert sections[3].key == "retention"


GROUPED_FI = """Tietosuojaseloste

1 YLEISTÄ

1.1 Rekisterinpitäjä
Vesiosuuskunta Lähde, Kaivotie 4, 61800 Kauhajoki

1.2 Rekisterin nimi
Liittyjärekisteri

2 TIETOJEN KÄYTTÖ

2.1 Käyttötarkoitus
Vesiliittymien laskutus ja kulutuksen seuranta.

2.2 Käsittelyn oikeusperuste
Liittymissopimus.

3 TIETOJEN LUOVUTUS

3.1 Luovutukset
Laskutustiedot pankille perintää varten.

3.2 Siirrot EU:n ulkopuolelle
Tietoja ei siirretä.
"""

GROUPED_SV = """Dataskyddsbeskrivning

1 ALLMÄNT

1.1 Personuppgiftsansvarig
Vattenandelslaget Källan, Brunnsvägen 4, 66100 Malax

1.2 Registrets namn
Anslutningsregister

2 ANVÄNDNING AV UPPGIFTERNA

2.1 Ändamål
Fakturering av vattenanslutningar och uppföljning av förbrukningen.

2.2 Rättslig grund för behandlingen
Anslutningsavtalet.

3 UTLÄMNANDE AV UPPGIFTER

3.1 Utlämnanden
Faktureringsuppgifter till banken för indrivning.

3.2 Överföringar utanför EU
Uppgifterna överförs inte.
"""


@pytest.mark.parametrize(("text", "language"), [(GROUPED_FI, "fi"), (GROUPED_SV, "sv")])
def test_heading_that_groups_numbered_sections_is_not_a_section(text, language):
    """ "2 TIETOJEN KÄYTTÖ" straight over "2.1 …" only groups the sections under
    it: it is no section of its own and takes no topic from them, so "3.1" with
    the topic of its group heading is still keyed by its own words."""
    found = keys(text, language)
    assert [heading[:3] for heading, _key in found] == [
        "1.1",
        "1.2",
        "2.1",
        "2.2",
        "3.1",
        "3.2",
    ]
    assert [key for _heading, key in found] == [
        "controller",
        "register_name",
        "purpose",
        "legal_basis",
        "disclosures",
        "transfers_outside_eea",
    ]


@pytest.mark.parametrize(
    ("heading", "key", "also"),
    [
        # Finnish
        (
            "Tallentamisen tarkoitus sekä käsittelyn oikeusperuste",
            "purpose",
            "legal_basis",
        ),
        ("Tarkastus- ja oikaisuoikeus", "right_of_access", "rectification_erasure"),
        ("Rekisteröidyt asiakkaat ja heistä kerättävät tiedot", "data_subjects", None),
        # Swedish
        (
            "Övervakningens syfte och den rättsliga grunden för behandlingen",
            "purpose",
            "legal_basis",
        ),
        ("Insyns- och rättelserätt", "right_of_access", "rectification_erasure"),
        (
            "Kategorier av personuppgifter och registrerade grupper",
            "data_content",
            None,
        ),
    ],
)
def test_combined_heading_is_keyed_by_its_first_part(heading, key, also):
    """A heading of two topics joined by "ja"/"sekä"/"och" is the first topic's
    section and also covers the second, wherever the words of either stand;
    "Tarkastus-" shares the ending of the compound after it."""
    found = match_heading(heading)
    assert found is not None and found.key == key
    if also:
        assert also in found.also_covers


@pytest.mark.parametrize(
    ("text", "language", "name"),
    [
        (
            "Tietosuojaseloste\n\nRekisterinpitäjä\nJäsenrekisteristä vastaa "
            "Hiihtoseura Latu ry, Ladunpää 3, 87100 Kajaani, latu@example.fi.\n\n"
            "Rekisterin nimi\nJäsenrekisteri\n\nKäsittelyn tarkoitus\n"
            "Jäsenyyden hoitaminen.\n",
            "fi",
            "Hiihtoseura Latu ry",
        ),
        (
            "Dataskyddsbeskrivning\n\nPersonuppgiftsansvarig\nFör medlemsregistret "
            "ansvarar Skidklubben Spåret rf, Spårvägen 3, 65100 Vasa, spar@example.fi.\n\n"
            "Registrets namn\nMedlemsregister\n\nÄndamålet med behandlingen\n"
            "Skötsel av medlemskapet.\n",
            "sv",
            "Skidklubben Spåret rf",
        ),
    ],
)
def test_controller_named_after_the_verb_that_makes_it_responsible(
    text, language, name
):
    """ "Jäsenrekisteristä vastaa X ry", "För registret ansvarar X rf": the name is
    the one after the verb, not the sentence before it."""
    assert parse_notice(text, language=language).controller["name"] == name


@pytest.mark.parametrize(
    ("text", "language", "name"),
    [
        (
            "Tietosuojaseloste\n\nTätä selostetta ylläpitää Tmi Olli Rantanen "
            "(Y-tunnus 1234567-1). Korjaan polkupyöriä Kuopiossa.\n\n"
            "Rekisterin nimi\nAsiakasrekisteri\n\nKäsittelyn tarkoitus\n"
            "Korjaustöiden hoitaminen.\n\nSäilytysaika\nKaksi vuotta.\n",
            "fi",
            "Tmi Olli Rantanen",
        ),
        (
            "Dataskyddsbeskrivning\n\nDenna beskrivning upprätthålls av Tmi Olle "
            "Ranta (FO-nummer 1234567-1). Jag reparerar cyklar i Vasa.\n\n"
            "Registrets namn\nKundregister\n\nÄndamålet med behandlingen\n"
            "Skötsel av reparationerna.\n\nLagringstid\nTvå år.\n",
            "sv",
            "Tmi Olle Ranta",
        ),
    ],
)
def test_controller_name_ends_with_its_sentence(text, language, name):
    """A name read from the text ends where its sentence ends, after the aside
    that followed it: the next sentence's first word is not part of it."""
    assert parse_notice(text, language=language).controller["name"] == name


@pytest.mark.parametrize(
    ("heading", "key"),
    [
        # Finnish
        ("Tutkittavat henkilöt", "data_subjects"),
        ("Vastaava ylilääkäri", "contact_person"),
        ("Vastaava eläinlääkäri", "contact_person"),
        # Swedish
        ("De registrerade", "data_subjects"),
        ("Forskningspersoner", "data_subjects"),
        ("Ansvarig överläkare", "contact_person"),
        ("Kontakt i frågor om personuppgifter", "contact_person"),
        # English
        ("Legal grounds for processing", "legal_basis"),
        ("Who gets the information", "disclosures"),
        ("How you can reach us", "contact_person"),
        ("Updates to this notice", "changes"),
        ("Why we use your data", "purpose"),
    ],
)
def test_common_wordings_of_a_topic(heading, key):
    """Ordinary ways to name a topic that the vocabulary lacked: research
    subjects, the responsible physician, contact in privacy questions."""
    found = match_heading(heading)
    assert found is not None and found.key == key


@pytest.mark.parametrize(
    "heading",
    [
        # Finnish
        "Säilyttämämme tiedot",
        "Tallentamamme henkilötiedot",
        # Swedish
        "Uppgifter vi lagrar",
        "Personuppgifter vi sparar",
    ],
)
def test_the_data_we_keep_is_the_data_content(heading):
    """ "Uppgifter vi sparar", "Säilyttämämme tiedot": the data that is kept, not
    how long it is kept; a Swedish relative clause may leave out "som"."""
    found = match_heading(heading)
    assert found is not None and found.key == "data_content"


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "<h1>Tietosuojaseloste</h1><p><strong>Rekisterinpitäjä</strong></p>"
            "<p>Kirjakauppa Sivu Oy, Kauppakatu 1, 70100 Kuopio</p>"
            "<p><strong>Tallentamamme henkilötiedot</strong></p>"
            "<p>Nimi, osoite ja tilaushistoria.</p>"
            "<p><strong>Kuinka kauan</strong></p>"
            "<p>Tilaukset poistetaan kuuden vuoden kuluttua.</p>",
            "fi",
        ),
        (
            "<h1>Dataskyddsbeskrivning</h1><p><strong>Personuppgiftsansvarig</strong></p>"
            "<p>Bokhandeln Sidan Ab, Handelsesplanaden 1, 65100 Vasa</p>"
            "<p><strong>Uppgifter vi lagrar</strong></p>"
            "<p>Namn, adress och beställningshistorik.</p>"
            "<p><strong>Hur länge</strong></p>"
            "<p>Beställningarna raderas efter sex år.</p>",
            "sv",
        ),
    ],
)
def test_data_we_keep_leaves_the_storage_time_to_its_own_heading(text, language):
    """The heading of the data kept takes the data content, so the short
    heading of the storage time below it is the retention section."""
    notice = parse_notice_upload("seloste.html", text.encode(), language=language)
    assert [s.key for s in notice.sections] == [
        "controller",
        "data_content",
        "retention",
    ]
