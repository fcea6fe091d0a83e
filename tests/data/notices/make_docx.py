"""Write the Word (.docx) notices of the importer's test corpus.

The generated files are committed; run this script again (from the project root,
``python tests/data/notices/make_docx.py``) only to change them. Each notice uses the
ways Word users mark up a notice: heading and title styles, bold paragraphs, numbered
and bulleted list paragraphs, soft line breaks and tables (the two-column layout of
the old register description form among them).
"""

from __future__ import annotations

import datetime
import io
import zipfile
from pathlib import Path

from docx import Document
from docx.enum.text import WD_BREAK

HERE = Path(__file__).resolve().parent
FIXED_TIME = datetime.datetime(2024, 1, 1, 12, 0, 0)


def new_document():
    document = Document()
    properties = document.core_properties
    properties.author = ""
    properties.last_modified_by = ""
    properties.created = FIXED_TIME
    properties.modified = FIXED_TIME
    properties.revision = 1
    return document


def lines(paragraph, *texts: str, bold_first: bool = False) -> None:
    """Write ``texts`` into one paragraph, separated by soft line breaks."""
    for index, text in enumerate(texts):
        run = paragraph.add_run(text)
        if bold_first and index == 0:
            run.bold = True
        if index < len(texts) - 1:
            run.add_break(WD_BREAK.LINE)


def bold(document, text: str, style: str | None = None):
    paragraph = document.add_paragraph(style=style)
    paragraph.add_run(text).bold = True
    return paragraph


def run_in(document, label: str, text: str):
    paragraph = document.add_paragraph()
    paragraph.add_run(label).bold = True
    paragraph.add_run(" " + text)
    return paragraph


def save(document, name: str) -> None:
    """Save with fixed timestamps, so that running the script again changes no
    byte of a notice that did not change."""
    buffer = io.BytesIO()
    document.save(buffer)
    with (
        zipfile.ZipFile(buffer) as source,
        zipfile.ZipFile(HERE / name, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for item in source.infolist():
            entry = zipfile.ZipInfo(item.filename, date_time=FIXED_TIME.timetuple()[:6])
            entry.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(entry, source.read(item.filename))


def recruitment() -> None:
    """A GDPR notice with Title and Heading styles, bullets and a table."""
    d = new_document()
    d.add_paragraph("Rekrytointirekisterin tietosuojaseloste", style="Title")
    d.add_paragraph(
        "Tässä selosteessa kerrotaan, miten Konepaja Tarkka Oy käsittelee "
        "työnhakijoiden henkilötietoja EU:n yleisen tietosuoja-asetuksen mukaisesti."
    )
    d.add_heading("Rekisterinpitäjä", level=1)
    lines(
        d.add_paragraph(),
        "Konepaja Tarkka Oy",
        "Y-tunnus 2009413-9",
        "Valimotie 11, 15860 Hollola",
        "puh. 03 872 1500",
    )
    d.add_heading("Yhteyshenkilö rekisteriä koskevissa asioissa", level=1)
    d.add_paragraph("HR-päällikkö Sari Lindholm, rekry@konepajatarkka.fi")
    d.add_heading("Henkilötietojen käsittelyn tarkoitus", level=1)
    d.add_paragraph(
        "Käsittelemme hakijoiden tietoja avoimien tehtävien rekrytointiin, "
        "hakijoiden arviointiin ja yhteydenpitoon rekrytointiprosessin aikana. "
        "Avoimia hakemuksia käytetään tulevien tehtävien täyttämiseen."
    )
    d.add_heading("Käsittelyn oikeusperuste", level=1)
    d.add_paragraph(
        "Käsittely perustuu hakijan pyynnöstä tehtäviin toimiin ennen työsopimuksen "
        "tekemistä sekä avointen hakemusten osalta hakijan suostumukseen."
    )
    d.add_heading("Käsiteltävät henkilötiedot", level=1)
    d.add_heading("Hakemustiedot", level=2)
    for item in (
        "nimi, syntymäaika ja yhteystiedot",
        "koulutus, työkokemus ja osaaminen",
        "hakemus, ansioluettelo ja palkkatoive",
    ):
        d.add_paragraph(item, style="List Bullet")
    d.add_heading("Soveltuvuusarviointi", level=2)
    d.add_paragraph(
        "Henkilöarvioinnin tulokset, jos hakija on antanut siihen suostumuksensa."
    )
    d.add_heading("Säännönmukaiset tietolähteet", level=1)
    d.add_paragraph(
        "Tiedot saadaan hakijalta itseltään sekä hakijan suostumuksella "
        "suosittelijoilta ja soveltuvuusarvioinnin tekijältä."
    )
    d.add_heading("Tietojen luovutukset", level=1)
    d.add_paragraph(
        "Tietoja ei luovuteta ulkopuolisille. Rekrytointijärjestelmän toimittaja "
        "käsittelee tietoja lukuumme."
    )
    d.add_heading("Tietojen siirto EU:n tai ETA:n ulkopuolelle", level=1)
    d.add_paragraph("Tietoja ei siirretä EU:n tai ETA:n ulkopuolelle.")
    d.add_heading("Säilytysaika", level=1)
    table = d.add_table(rows=3, cols=2)
    for row, (data, period) in zip(
        table.rows,
        [
            ("Aineisto", "Säilytysaika"),
            ("Hakemukset", "2 vuotta haun päättymisestä"),
            ("Avoimet hakemukset", "6 kuukautta"),
        ],
        strict=True,
    ):
        row.cells[0].text = data
        row.cells[1].text = period
    d.add_heading("Tietojen suojaus", level=1)
    d.add_paragraph(
        "Rekrytointijärjestelmään kirjaudutaan henkilökohtaisin tunnuksin, ja "
        "hakemuksiin pääsevät vain rekrytointiin osallistuvat henkilöt."
    )
    d.add_heading("Rekisteröidyn oikeudet", level=1)
    d.add_paragraph(
        "Hakijalla on oikeus tarkastaa tietonsa, vaatia virheellisten tietojen "
        "oikaisemista ja tietojen poistamista sekä peruuttaa suostumuksensa."
    )
    d.add_heading("Oikeus tehdä valitus valvontaviranomaiselle", level=1)
    d.add_paragraph("Hakija voi tehdä valituksen tietosuojavaltuutetun toimistolle.")
    d.add_heading("Automaattinen päätöksenteko", level=1)
    d.add_paragraph("Rekrytoinnissa ei tehdä automaattisia päätöksiä.")
    save(d, "tarkka-rekrytointi.docx")


FORM_ROWS = [
    (
        "1\nRekisterin­pitäjä",
        [
            "Nimi",
            "Parturi-Kampaamo Kihara",
            "Y-tunnus 2780562-6",
            "Osoite",
            "Koulukatu 4, 87100 Kajaani",
            "Muut yhteystiedot (esim. puhelin virka-aikana, sähköpostiosoite)",
            "puh. 08 612 3344, kampaamokihara@gmail.com",
        ],
    ),
    (
        "2\nYhteyshenkilö rekisteriä koskevissa asioissa",
        [
            "Nimi",
            "Tuula Heikkinen",
            "Osoite",
            "Koulukatu 4, 87100 Kajaani",
            "Muut yhteystiedot (esim. puhelin virka-aikana, sähköpostiosoite)",
            "puh. 040 713 2288",
        ],
    ),
    ("3\nRekisterin nimi", ["Kanta-asiakasrekisteri"]),
    (
        "4\nHenkilötietojen käsittelyn tarkoitus",
        [
            "Ajanvaraus, asiakkaan hoitohistorian ja värireseptien tallentaminen "
            "sekä kanta-asiakasetujen hallinta."
        ],
    ),
    (
        "5\nRekisterin tietosisältö",
        [
            "Nimi, puhelinnumero, sähköpostiosoite, syntymäpäivä (kanta-asiakasetua "
            "varten), tehdyt käsittelyt, käytetyt värit ja mahdolliset allergiat."
        ],
    ),
    (
        "6\nSäännönmukaiset tietolähteet",
        ["Asiakkaalta itseltään ajanvarauksen ja käynnin yhteydessä."],
    ),
    (
        "7\nTietojen säännönmukaiset luovutukset",
        ["Tietoja ei luovuteta."],
    ),
    (
        "8\nTietojen siirto EU:n tai ETA:n ulkopuolelle",
        ["Tietoja ei siirretä EU:n tai ETA:n ulkopuolelle."],
    ),
    (
        "9\nRekisterin suojauksen periaatteet",
        [
            "A Manuaalinen aineisto",
            "Asiakaskortit säilytetään lukitussa kaapissa.",
            "B ATK:lle tallennetut tiedot",
            "Ajanvarausjärjestelmä on suojattu salasanalla.",
        ],
    ),
]


def legacy_form() -> None:
    """The register description form of the 2000s: a two-column table."""
    d = new_document()
    bold(d, "REKISTERISELOSTE")
    d.add_paragraph("Henkilötietolaki (523/1999) 10 §")
    d.add_paragraph("Laatimispäivä 6.10.2011")
    table = d.add_table(rows=len(FORM_ROWS), cols=2)
    table.style = "Table Grid"
    for row, (heading, paragraphs) in zip(table.rows, FORM_ROWS, strict=True):
        number, title = heading.split("\n")
        cell = row.cells[0]
        cell.paragraphs[0].add_run(number).bold = True
        cell.add_paragraph().add_run(title).bold = True
        content = row.cells[1]
        content.paragraphs[0].text = paragraphs[0]
        for text in paragraphs[1:]:
            content.add_paragraph(text)
    save(d, "kihara-lomakepohja.docx")


def swedish_bold_headings() -> None:
    """A Swedish register description whose headings are bold paragraphs."""
    d = new_document()
    bold(d, "REGISTERBESKRIVNING")
    d.add_paragraph("Enligt personuppgiftslagen (523/1999) 10 §")
    d.add_paragraph("Upprättad 4.11.2013")
    bold(d, "Registeransvarig")
    lines(
        d.add_paragraph(),
        "Österbottens Fiskeredskap Ab",
        "FO-nummer: 1247927-4",
        "Hamngatan 15, 65100 Vasa",
        "Tel. 06 317 5500",
    )
    bold(d, "Kontaktperson i registerärenden")
    d.add_paragraph("Kontorschef Anders Nyman, anders.nyman@fiskeredskap.fi")
    bold(d, "Registrets namn")
    d.add_paragraph("Kund- och leverantörsregister")
    bold(d, "Ändamålet med registret")
    d.add_paragraph(
        "Uppgifterna används för att sköta kund- och leverantörsrelationer, för "
        "fakturering och för att skicka kunderna information om nya produkter."
    )
    bold(d, "Registrets datainnehåll")
    for item in (
        "kontaktpersonens namn och ställning",
        "företagets namn, adress och FO-nummer",
        "telefonnummer och e-postadress",
        "uppgifter om beställningar och betalningar",
    ):
        d.add_paragraph(item, style="List Bullet")
    bold(d, "Regelbundna uppgiftskällor")
    d.add_paragraph("Uppgifterna fås av kunderna och leverantörerna själva.")
    bold(d, "Utlämnande av uppgifter")
    d.add_paragraph("Uppgifter lämnas inte ut till utomstående.")
    bold(d, "Överföring av uppgifter utanför EU eller EES")
    d.add_paragraph("Uppgifter överförs inte utanför EU eller EES.")
    bold(d, "Principer för skydd av registret")
    d.add_paragraph(
        "Registret finns i affärssystemet, som skyddas med användarnamn och "
        "lösenord. Pappersdokument förvaras i låsta utrymmen."
    )
    bold(d, "Rätt till insyn")
    d.add_paragraph(
        "Den registrerade har rätt att granska vilka uppgifter om honom eller henne "
        "som har registrerats. Begäran görs skriftligen till kontaktpersonen."
    )
    bold(d, "Rätt att kräva rättelse av uppgift")
    d.add_paragraph(
        "Den registrerade har rätt att kräva att en felaktig uppgift rättas."
    )
    save(d, "fiskeredskap-registerbeskrivning.docx")


def housing_company() -> None:
    """Numbered, bold list paragraphs as headings, run-in labels in between."""
    d = new_document()
    d.add_paragraph("Asunto Oy Kuusikallion tietosuojaseloste", style="Title")
    d.add_paragraph("Laadittu 28.5.2018, päivitetty 2.2.2022")
    bold(d, "Rekisterinpitäjä", style="List Number")
    lines(
        d.add_paragraph(),
        "Asunto Oy Kuusikallio, Y-tunnus 1519263-1",
        "c/o Isännöintitoimisto Kulmala Oy, Kalevantie 2, 33100 Tampere",
    )
    bold(d, "Yhteyshenkilö", style="List Number")
    d.add_paragraph(
        "Isännöitsijä Harri Kulmala, puh. 040 220 1144, harri.kulmala@kulmala.fi"
    )
    run_in(d, "Rekisterin nimi:", "Osakas- ja asukasrekisteri")
    run_in(
        d,
        "Käsittelyn oikeusperuste:",
        "Asunto-osakeyhtiölain mukainen velvoite pitää osakeluetteloa sekä "
        "taloyhtiön oikeutettu etu kiinteistön hoidossa.",
    )
    bold(d, "Henkilötietojen käsittelyn tarkoitus", style="List Number")
    d.add_paragraph(
        "Osakeluettelon ylläpito, yhtiökokouskutsujen lähettäminen, vastikkeiden "
        "laskutus, huoltopyyntöjen käsittely ja avainten hallinta."
    )
    bold(d, "Mitä tietoja käsittelemme", style="List Number")
    for item in (
        "osakkaiden nimet, osoitteet ja osakeomistukset",
        "asukkaiden nimet ja muuttopäivät",
        "puhelinnumerot ja sähköpostiosoitteet",
        "vastikesuoritukset ja avainkuittaukset",
    ):
        d.add_paragraph(item, style="List Bullet")
    bold(d, "Tietolähteet", style="List Number")
    d.add_paragraph(
        "Osakkailta ja asukkailta itseltään, isännöitsijäntodistuksista sekä "
        "huoneistotietojärjestelmästä."
    )
    bold(d, "Tietojen luovutukset ja siirrot", style="List Number")
    d.add_paragraph(
        "Tietoja luovutetaan huoltoyhtiölle ja isännöintitoimistolle niiden "
        "tehtävien hoitamiseksi. Tietoja ei siirretä EU:n tai ETA:n ulkopuolelle."
    )
    bold(d, "Säilytysaika", style="List Number")
    d.add_paragraph(
        "Osakeluettelon tietoja säilytetään pysyvästi, muut tiedot kaksi vuotta "
        "asumisen päättymisestä."
    )
    bold(d, "Tietojen suojaaminen", style="List Number")
    d.add_paragraph(
        "Tiedot ovat isännöintitoimiston järjestelmässä, johon on pääsy vain "
        "isännöitsijällä ja kirjanpitäjällä."
    )
    bold(d, "Rekisteröidyn oikeudet", style="List Number")
    d.add_paragraph(
        "Osakkaalla ja asukkaalla on oikeus tarkastaa tietonsa ja vaatia "
        "virheellisten tietojen korjaamista. Valituksen voi tehdä "
        "tietosuojavaltuutetulle."
    )
    save(d, "kuusikallio-taloyhtio.docx")


def plumbing_company() -> None:
    """Heading 2 styles typed with their numbers, a contact table, a page line."""
    d = new_document()
    d.add_paragraph("LVI-Huolto Saarinen Oy\tREKISTERISELOSTE\t1 (2)")
    d.add_paragraph(
        "Henkilötietolain (523/1999) 10 §:n mukainen rekisteriseloste", style="Title"
    )
    d.add_heading("1. Rekisterinpitäjä", level=2)
    table = d.add_table(rows=4, cols=2)
    for row, (label, value) in zip(
        table.rows,
        [
            ("Nimi", "LVI-Huolto Saarinen Oy"),
            ("Y-tunnus", "2041996-8"),
            ("Osoite", "Putkimiehenkatu 4, 20360 Turku"),
            ("Puhelin", "02 234 5500"),
        ],
        strict=True,
    ):
        row.cells[0].text, row.cells[1].text = label, value
    d.add_heading("2. Rekisteriasioita hoitava henkilö", level=2)
    d.add_paragraph("Toimitusjohtaja Jussi Saarinen, jussi.saarinen@lvisaarinen.fi")
    d.add_heading("3. Rekisterin nimi", level=2)
    d.add_paragraph("Huoltoasiakasrekisteri")
    d.add_heading("4. Rekisterin käyttötarkoitus", level=2)
    d.add_paragraph(
        "Huoltosopimusten ja -käyntien hallinta, laskutus sekä asiakkaiden "
        "tiedottaminen huoltokäynneistä."
    )
    d.add_heading("5. Rekisterin tietosisältö", level=2)
    for item in (
        "asiakkaan nimi ja yhteystiedot",
        "kiinteistön osoite ja laitetiedot",
        "huoltohistoria ja laskutustiedot",
    ):
        d.add_paragraph(item, style="List Bullet")
    d.add_heading("6. Säännönmukaiset tietolähteet", level=2)
    d.add_paragraph("Asiakkaalta itseltään sekä isännöitsijöiltä.")
    d.add_heading(
        "7. Säännönmukaiset tietojen luovutukset ja tietojen siirto EU:n tai ETA:n "
        "ulkopuolelle",
        level=2,
    )
    d.add_paragraph("Tietoja ei luovuteta eikä siirretä EU:n tai ETA:n ulkopuolelle.")
    d.add_heading("8. Rekisterin suojauksen periaatteet", level=2)
    d.add_paragraph(
        "Manuaalinen aineisto säilytetään lukitussa tilassa.", style="List Number"
    )
    d.add_paragraph(
        "Sähköinen aineisto on suojattu käyttäjätunnuksin ja salasanoin.",
        style="List Number",
    )
    d.add_paragraph("Turussa 1.2.2016")
    save(d, "lvi-saarinen-rekisteriseloste.docx")


def sub_labels() -> None:
    """Bold headings with bold labels inside sections: a label about the topic
    its section's heading already names is part of that section."""
    d = new_document()
    bold(d, "Pakkaamo Lokero Oy – tietosuojaseloste")
    bold(d, "Rekisterinpitäjä")
    lines(
        d.add_paragraph(),
        "Pakkaamo Lokero Oy (jäljempänä Lokero)",
        "Y-tunnus 2890123-0",
        "Varastotie 9, 15560 Nastola",
    )
    bold(d, "Oikeusperuste ja käsittelyn tarkoitus")
    d.add_paragraph(
        "Käsittely perustuu asiakkaan kanssa tehtyyn sopimukseen ja "
        "kirjanpitolain velvoitteisiin."
    )
    bold(d, "Käsittelyn tarkoitus:")
    d.add_paragraph("Tilausten vastaanottaminen, pakkausten toimittaminen ja laskutus.")
    bold(d, "Rekisterin tiedot:")
    run_in(d, "Rekisterin nimi:", "Lokeron asiakasrekisteri")
    bold(d, "Henkilötietoryhmät")
    for item in (
        "yhteyshenkilön nimi ja puhelinnumero",
        "toimitusosoite ja laskutusosoite",
        "tilaushistoria",
    ):
        d.add_paragraph(item, style="List Bullet")
    bold(d, "Tietojen siirto EU:n ulkopuolelle")
    d.add_paragraph(
        "Kuljetusyhtiömme voi käsitellä toimitusosoitteita Yhdistyneessä "
        "kuningaskunnassa komission tietosuojapäätöksen perusteella."
    )
    bold(d, "Tietoturva siirroissa:")
    d.add_paragraph("Tiedot siirretään salattua yhteyttä käyttäen.")
    bold(d, "Säilytysaika")
    d.add_paragraph("Tiedot säilytetään kuusi vuotta tilikauden päättymisestä.")
    bold(d, "Rekisteröidyn oikeudet")
    d.add_paragraph(
        "Sinulla on oikeus tarkastaa tietosi ja vaatia virheellisen tiedon korjaamista."
    )
    save(d, "pakkaamo-alaotsikot.docx")


def name_and_address_form() -> None:
    """The form's "Rekisterinpitäjän nimi ja osoite" with the name on the next
    paragraph; a unit of a city named before the city itself."""
    d = new_document()
    d.add_paragraph("Kirjaston asiakasrekisteri", style="Title")
    d.add_paragraph("Henkilötietolain (523/1999) 10 §:n mukainen rekisteriseloste")
    bold(d, "1. Rekisterinpitäjän nimi ja osoite")
    lines(
        d.add_paragraph(),
        "Kirjasto- ja kulttuuripalvelut",
        "Pohjalahden kaupunki",
        "Kirjastokatu 1, 94100 Kemi",
    )
    bold(d, "2. Yhteyshenkilö rekisteriä koskevissa asioissa")
    d.add_paragraph("Kirjastotoimenjohtaja Leena Aho, leena.aho@pohjalahti.fi")
    bold(d, "3. Rekisterin nimi")
    d.add_paragraph("Pohjalahden kaupunginkirjaston asiakasrekisteri")
    bold(d, "4. Henkilötietojen käsittelyn tarkoitus")
    d.add_paragraph("Lainauksen, varausten ja maksujen hoitaminen.")
    bold(d, "5. Rekisterin tietosisältö")
    d.add_paragraph(
        "Asiakkaan nimi, osoite, syntymäaika, puhelinnumero ja lainatiedot."
    )
    bold(d, "6. Säännönmukaiset tietolähteet")
    d.add_paragraph("Tiedot saadaan asiakkaalta ja väestötietojärjestelmästä.")
    bold(d, "7. Tietojen säilytys")
    d.add_paragraph(
        "Asiakastiedot poistetaan, kun kortti on ollut käyttämättä kolme vuotta."
    )
    save(d, "kirjasto-nimi-ja-osoite.docx")


def swedish_questions() -> None:
    """A Swedish notice of a foundation with bold question headings."""
    d = new_document()
    d.add_paragraph("Dataskyddsbeskrivning", style="Title")
    d.add_paragraph(
        "Detta är Stiftelsen Solbacka sr:s (nedan Stiftelsen) "
        "dataskyddsbeskrivning för stipendiesökande."
    )
    bold(d, "Vem är personuppgiftsansvarig?")
    lines(
        d.add_paragraph(),
        "Stiftelsen Solbacka sr",
        "FO-nummer 1765432-6",
        "Strandvägen 2, 10600 Ekenäs",
    )
    bold(d, "Varför behandlar vi dina uppgifter?")
    d.add_paragraph("För att handlägga stipendieansökningar och betala ut stipendier.")
    bold(d, "Var kommer uppgifterna ifrån?")
    d.add_paragraph("Uppgifterna kommer från dig själv när du ansöker.")
    bold(d, "Vem får ta del av uppgifterna?")
    d.add_paragraph("Stiftelsens styrelse och bokföringsbyrå.")
    bold(d, "Hur länge sparas uppgifterna?")
    d.add_paragraph(
        "Ansökningar som inte beviljats raderas efter ett år, beviljade efter sex år."
    )
    bold(d, "Hur skyddas uppgifterna?")
    d.add_paragraph("Ansökningarna behandlas i ett lösenordsskyddat system.")
    bold(d, "Vilka rättigheter har du?")
    d.add_paragraph(
        "Du har rätt att få tillgång till dina uppgifter, få dem rättade och "
        "lämna klagomål till dataombudsmannen."
    )
    save(d, "stiftelsen-solbacka-fragor.docx")


if __name__ == "__main__":
    recruitment()
    legacy_form()
    swedish_bold_headings()
    housing_company()
    plumbing_company()
    sub_labels()
    name_and_address_form()
    swedish_questions()
