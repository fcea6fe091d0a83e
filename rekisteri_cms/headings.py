"""Heading variants of the notice sections, in Finnish and Swedish (and English).

The importer recognises a section by its heading. Real notices word their headings in
many ways (notice-model §4 lists those seen in the seed notices; more exist in the
wild), so this module lists the variants per canonical key: the legacy form's
headings, GDPR-era ones, question headings ("Mitä henkilötietoja keräämme?", "Hur
länge sparar vi dina uppgifter?"), the law's own wording, and Swedish register
descriptions and dataskyddsbeskrivningar. Variants are compared after
:func:`normalize_heading`, so case, numbering ("1.", "1)", "§ 1"), Markdown marks,
trailing colons and question marks and extra or no-break spaces need not be listed.
The canonical headings of :mod:`rekisteri_cms.sections` are always included.

Three more kinds of data: :data:`COMBINED_HEADINGS`, the law's headings that name
several items at once; :data:`HEADING_KEYWORDS`, the words that name each topic, for
wordings nobody has listed yet; and the field labels, document titles and site
navigation that are never section headings.

This is data, not logic: to teach the importer a new wording, add it here.
"""

from __future__ import annotations

import re
import unicodedata

from .sections import SECTIONS

HEADING_VARIANTS: dict[str, tuple[str, ...]] = {
    "controller": (
        "Rekisterinpitäjä",
        "Rekisterin pitäjä",
        "Rekisterinpitäjän yhteystiedot",
        "Rekisterinpitäjän tiedot",
        "Rekisterinpitäjän nimi ja yhteystiedot",
        "Rekisterinpitäjä ja yhteystiedot",
        "Rekisterinpitäjä ja sen edustaja",
        "Rekisterinpitäjä ja tämän edustaja",
        "Rekisterin ylläpitäjä",
        "Rekisterin omistaja",
        "Henkilötietojen rekisterinpitäjä",
        "Kuka vastaa henkilötietojesi käsittelystä",
        "Kuka on henkilötietojesi rekisterinpitäjä",
        "Personuppgiftsansvarig",
        "Den personuppgiftsansvarige",
        "Personuppgiftsansvarigs kontaktuppgifter",
        "Den personuppgiftsansvariges kontaktuppgifter",
        "Registeransvarig",
        "Registerförare",
        "Registerhållare",
        "Registrets ansvarige",
        "Data controller",
        "Controller of the register",
        # The law's wording (HTL 10 § 1, GDPR 13(1)(a)).
        "Rekisterinpitäjä ja tarvittaessa sen edustaja",
        "Rekisterinpitäjä ja tarvittaessa tämän edustaja",
        "Rekisterinpitäjän ja sen edustajan yhteystiedot",
        "Rekisterinpitäjän ja tämän mahdollisen edustajan yhteystiedot",
        "Rekisterinpitäjän ja sen mahdollisen edustajan nimi ja yhteystiedot",
        "Rekisterinpitäjän nimi, osoite ja muut yhteystiedot",
        "Rekisterinpitäjän identiteetti ja yhteystiedot",
        "Kuka käsittelee henkilötietojasi",
        "Kuka on rekisterinpitäjä",
        "Personuppgiftsansvarig och dennes företrädare",
        "Den personuppgiftsansvariges namn och kontaktuppgifter",
        "Den personuppgiftsansvariges identitet och kontaktuppgifter",
        "Vem är personuppgiftsansvarig",
        "Vem ansvarar för behandlingen av dina personuppgifter",
    ),
    "contact_person": (
        "Yhteyshenkilö",
        "Yhteyshenkilö rekisteriä koskevissa asioissa",
        "Yhteyshenkilö rekisteriasioissa",
        "Yhteystiedot rekisteriä koskevissa asioissa",
        "Yhteydenotot rekisteriä koskevissa asioissa",
        "Rekisteriasioita hoitava henkilö",
        "Rekisteriasioista vastaava henkilö",
        "Rekisteristä vastaava henkilö",
        "Rekisterin yhteyshenkilö",
        "Rekisterin vastuuhenkilö",
        "Rekisterin hoitaja",
        "Kontaktperson",
        "Kontaktperson i registerärenden",
        "Kontaktperson i ärenden som gäller registret",
        "Kontaktperson för registret",
        "Person som sköter registerärenden",
        "Kontaktuppgifter i registerärenden",
        "Contact person for the register",
        "Yhteyshenkilö tietosuoja-asioissa",
        "Yhteydenotot tietosuoja-asioissa",
        "Tietosuoja-asioiden yhteyshenkilö",
        "Rekisteriasioita hoitavan henkilön yhteystiedot",
        "Kontaktperson i dataskyddsfrågor",
        "Kontaktperson i frågor som gäller registret",
    ),
    "dpo": (
        "Tietosuojavastaava",
        "Tietosuojavastaavan yhteystiedot",
        "Dataskyddsombud",
        "Dataskyddsombudets kontaktuppgifter",
        "DPO",
    ),
    "register_name": (
        "Rekisterin nimi",
        "Rekisteri",
        "Henkilörekisterin nimi",
        "Registrets namn",
        "Registrets benämning",
        "Register",
        "Name of the register",
        "Rekisterin tai käsittelyn nimi",
        "Registrets eller behandlingens namn",
    ),
    "purpose": (
        "Rekisterin käyttötarkoitus",
        "Henkilötietojen käsittelyn tarkoitus",
        "Henkilötietojen käsittelyn tarkoitukset",
        "Henkilötietojen käyttötarkoitus",
        "Tietojen käyttötarkoitus",
        "Rekisterin tarkoitus",
        "Käyttötarkoitus",
        "Käsittelyn tarkoitus",
        "Käsittelyn tarkoitukset",
        "Mihin käytämme henkilötietojasi",
        "Mihin käytämme tietojasi",
        "Mihin henkilötietojasi käytetään",
        "Miksi käsittelemme henkilötietojasi",
        "Mihin tarkoituksiin henkilötietoja käsitellään",
        "Ändamålet med behandlingen av personuppgifter",
        "Ändamål med behandlingen av personuppgifter",
        "Ändamålet med behandlingen",
        "Ändamålet med personuppgiftsbehandlingen",
        "Ändamålet med registret",
        "Registrets ändamål",
        "Registrets användningsändamål",
        "Användningsändamål",
        "Vad använder vi dina personuppgifter till",
        "Varför behandlar vi dina personuppgifter",
        "Purpose of the register",
        "Purposes of processing",
        "Henkilötietojen käsittelyn tarkoitukset",
        "Tietojen käsittelyn tarkoitus",
        "Mihin henkilötietoja käytetään",
        "Mihin tietoja käytetään",
        "Miksi keräämme tietoja",
        "Miksi käsittelemme tietojasi",
        "Ändamålen med behandlingen",
        "Varför behandlar vi personuppgifter",
        "Vad använder vi uppgifterna till",
    ),
    "legal_basis": (
        "Käsittelyn oikeusperuste",
        "Käsittelyn oikeusperusteet",
        "Henkilötietojen käsittelyn oikeusperuste",
        "Henkilötietojen käsittelyn peruste",
        "Käsittelyn peruste",
        "Oikeusperuste",
        "Rekisterin pitämisen peruste",
        "Rekisterin pitämisen oikeusperuste",
        "Millä perusteella käsittelemme henkilötietojasi",
        "Rättslig grund för behandlingen",
        "Rättslig grund för behandling av personuppgifter",
        "Rättslig grund",
        "Grund för behandlingen",
        "Grunden för förande av registret",
        "Legal basis for processing",
        "Henkilötietojen käsittelyn oikeusperusteet",
        "Käsittelyn oikeudellinen peruste",
        "Millä perusteella käsittelemme tietojasi",
        "Mihin henkilötietojen käsittely perustuu",
        "Mihin käsittely perustuu",
        "Rättslig grund för behandlingen av personuppgifter",
        "Den rättsliga grunden för behandlingen",
        "Laglig grund för behandlingen",
        "Vad grundar sig behandlingen på",
    ),
    "data_subjects": (
        "Rekisteröityjen ryhmät",
        "Rekisteröityjen ryhmä",
        "Rekisteröidyt",
        "Keitä rekisteri koskee",
        "Kenen tietoja käsittelemme",
        "Kenen henkilötietoja käsittelemme",
        "Kategorier av registrerade",
        "Grupper av registrerade",
        "Registrerade",
        "Vems personuppgifter behandlar vi",
        "Data subjects",
        "Rekisteröityjen ryhmät ja ryhmiin liittyvät tiedot",
        "Kuvaus rekisteröityjen ryhmästä tai ryhmistä",
        "Keitä rekisteröidyt ovat",
        "Rekisteröitävät henkilöt",
        "Registrerade personer",
        "Beskrivning av gruppen eller grupperna av registrerade",
    ),
    "data_content": (
        "Rekisterin tietosisältö",
        "Rekisterin sisältämät tiedot",
        "Rekisterin sisältämät tietotyypit",
        "Rekisterin sisältö",
        "Rekisterin tiedot",
        "Tietosisältö",
        "Käsiteltävät henkilötiedot",
        "Käsiteltävät tiedot",
        "Käsiteltävät henkilötietoryhmät",
        "Henkilötietoryhmät",
        "Rekisteriin tallennettavat tiedot",
        "Mitä henkilötietoja keräämme",
        "Mitä tietoja keräämme",
        "Mitä henkilötietoja käsittelemme",
        "Mitä tietoja käsittelemme",
        "Registrets datainnehåll",
        "Registrets innehåll",
        "Registrets uppgiftsinnehåll",
        "Uppgiftsinnehåll",
        "Uppgifter i registret",
        "Personuppgifter som behandlas",
        "Vilka personuppgifter behandlar vi",
        "Vilka personuppgifter samlar vi in",
        "Vilka uppgifter samlar vi in",
        "Data content",
        "Käsiteltävät henkilötiedot ja niiden ryhmät",
        "Henkilötietojen ryhmät",
        "Kerättävät henkilötiedot",
        "Kerättävät tiedot",
        "Rekisteriin kerättävät tiedot",
        "Mitä henkilötietoja käsittelemme ja keräämme",
        "Mitä tietoja sinusta keräämme",
        "Vilka uppgifter behandlar vi",
        "Vilka personuppgifter behandlas",
        "Kategorier av personuppgifter",
        "Behandlade personuppgifter",
    ),
    "data_sources": (
        "Säännönmukaiset tietolähteet",
        "Rekisterin säännönmukaiset tietolähteet",
        "Tietolähteet",
        "Henkilötietojen lähteet",
        "Mistä saamme tietoja",
        "Mistä saamme henkilötietosi",
        "Mistä keräämme tietoja",
        "Mistä henkilötiedot kerätään",
        "Regelmässiga uppgiftskällor",
        "Registrets regelmässiga uppgiftskällor",
        "Regelbundna uppgiftskällor",
        "Uppgiftskällor",
        "Varifrån får vi personuppgifterna",
        "Sources of data",
        "Mistä tiedot saadaan",
        "Mistä henkilötiedot saadaan",
        "Mistä keräämme henkilötietoja",
        "Henkilötietojen lähde",
        "Säännönmukaiset tietolähteet ja tietojen keräämistapa",
        "Varifrån får vi uppgifterna",
        "Varifrån får vi dina personuppgifter",
        "Var får vi uppgifterna ifrån",
        "Källor för personuppgifterna",
    ),
    "disclosures": (
        "Tietojen säännönmukaiset luovutukset",
        "Säännönmukaiset tietojen luovutukset",
        "Säännönmukaiset luovutukset",
        "Tietojen säännönmukainen luovutus",
        "Säännönmukainen tietojen luovutus",
        "Rekisterin tietojen luovutus",
        "Tietojen luovutus",
        "Tietojen luovutukset",
        "Tietojen luovuttaminen",
        "Henkilötietojen luovutus",
        "Henkilötietojen vastaanottajat",
        "Tietojen vastaanottajat",
        "Vastaanottajat",
        "Kenelle luovutamme tietoja",
        "Kenelle tietoja luovutetaan",
        "Luovutammeko tietojasi",
        "Regelmässigt utlämnande av uppgifter",
        "Regelmässiga utlämnanden av uppgifter",
        "Regelmässiga utlämnanden",
        "Utlämnande av uppgifter",
        "Mottagare av personuppgifter",
        "Mottagare",
        "Till vem lämnar vi ut uppgifter",
        "Recipients",
        "Disclosures",
        "Henkilötietojen vastaanottajat tai vastaanottajaryhmät",
        "Vastaanottajat tai vastaanottajaryhmät",
        "Keille luovutamme tietoja",
        "Keille tietoja luovutetaan",
        "Kenelle luovutamme henkilötietoja",
        "Luovutetaanko tietoja",
        "Mihin tietoja säännönmukaisesti luovutetaan",
        "Henkilötietojen käsittelijät ja vastaanottajat",
        "Mottagare eller kategorier av mottagare",
        "Mottagare av personuppgifterna",
        "Vem lämnar vi ut uppgifter till",
        "Till vem lämnas uppgifter ut",
        "Lämnar vi ut dina uppgifter",
        "Regelbundet utlämnande av uppgifter",
    ),
    "transfers_outside_eea": (
        "Tietojen siirto EU:n tai ETA:n ulkopuolelle",
        "Tietojen siirto EU:n tai Euroopan talousalueen ulkopuolelle",
        "Tietojen siirrot EU:n tai ETA:n ulkopuolelle",
        "Tietojen siirto EU:n ulkopuolelle",
        "Tietojen siirto EU/ETA-alueen ulkopuolelle",
        "Tietojen siirto EU- tai ETA-alueen ulkopuolelle",
        "Tietojen siirto kolmansiin maihin",
        "Henkilötietojen siirto kolmansiin maihin",
        "Siirretäänkö tietoja EU:n tai ETA:n ulkopuolelle",
        "Siirretäänkö tietoja EU:n ulkopuolelle",
        "Överföring av uppgifter utanför EU eller EES",
        "Överföring av uppgifter utanför EU/EES",
        "Överföring av uppgifter till länder utanför EU eller EES",
        "Överföring av personuppgifter till tredjeländer",
        "Överföring till tredjeland",
        "Överförs uppgifter utanför EU eller EES",
        "Transfers outside the EU or EEA",
        "Transfers to third countries",
        "Siirrämmekö tietoja EU:n ulkopuolelle",
        "Siirrämmekö tietoja EU:n tai ETA:n ulkopuolelle",
        "Siirretäänkö tietoja kolmansiin maihin",
        "Tietojen siirto Euroopan unionin tai Euroopan talousalueen ulkopuolelle",
        "Henkilötietojen siirto EU:n tai ETA:n ulkopuolelle",
        "Henkilötietojen siirrot EU:n ulkopuolelle",
        "Tieto siitä, siirretäänkö henkilötietoja kolmansiin maihin",
        "Överföring av personuppgifter utanför EU/EES",
        "Överföring av uppgifter till tredjeländer",
        "Överför vi uppgifter utanför EU eller EES",
        "Överförs uppgifter till länder utanför EU eller EES",
    ),
    "retention": (
        "Henkilötietojen säilytysaika",
        "Tietojen säilytysaika",
        "Säilytysaika",
        "Säilytysajat",
        "Tietojen säilyttäminen",
        "Henkilötietojen säilyttäminen",
        "Tietojen säilytys",
        "Kuinka kauan säilytämme tietojasi",
        "Kuinka kauan säilytämme henkilötietojasi",
        "Kuinka kauan tietoja säilytetään",
        "Miten kauan säilytämme tietojasi",
        "Lagringstid för personuppgifterna",
        "Lagringstid för personuppgifter",
        "Lagringstid",
        "Lagring av personuppgifter",
        "Hur länge sparar vi dina uppgifter",
        "Hur länge sparar vi dina personuppgifter",
        "Hur länge lagras uppgifterna",
        "Retention",
        "Henkilötietojen säilytysajat",
        "Kuinka kauan tietojasi säilytetään",
        "Kuinka kauan henkilötietoja säilytetään",
        "Kauanko tietoja säilytetään",
        "Henkilötietojen säilyttämisen ajanjakso",
        "Ajanjakso, jonka ajan henkilötietoja säilytetään",
        "Hur länge sparar vi uppgifterna",
        "Hur länge sparas uppgifterna",
        "Hur länge sparas personuppgifterna",
        "Hur länge behandlar vi dina personuppgifter",
        "Lagringstid för uppgifterna",
        "Lagringstider",
    ),
    "security": (
        "Rekisterin suojauksen periaatteet",
        "Rekisterin suojaus",
        "Rekisterin suojaaminen",
        "Suojauksen periaatteet",
        "Tietojen suojaus",
        "Tietojen suojaaminen",
        "Henkilötietojen suojaus",
        "Tietoturva",
        "Tietoturvallisuus",
        "Miten suojaamme tietosi",
        "Miten suojaamme henkilötietosi",
        "Principer för skydd av registret",
        "Principerna för skydd av registret",
        "Principer för registrets skydd",
        "Skydd av registret",
        "Registrets skydd",
        "Datasäkerhet",
        "Informationssäkerhet",
        "Hur skyddar vi dina uppgifter",
        "Security",
        "Henkilötietojen suojaaminen",
        "Henkilötietojen suojauksen periaatteet",
        "Henkilötietojen suojaamisen periaatteet",
        "Tietoturva ja tietojen suojaus",
        "Miten tietosi suojataan",
        "Miten henkilötiedot suojataan",
        "Hur skyddas uppgifterna",
        "Hur skyddar vi dina personuppgifter",
        "Skydd av personuppgifter",
        "Principer för skyddet av registret",
    ),
    "right_of_access": (
        "Tarkastusoikeus",
        "Rekisteröidyn tarkastusoikeus",
        "Tarkastusoikeus ja sen toteuttaminen",
        "Oikeus tarkastaa tiedot",
        "Oikeus saada pääsy tietoihin",
        "Rätt till insyn",
        "Den registrerades rätt till insyn",
        "Insynsrätt",
        "Granskningsrätt",
        "Rätt att granska uppgifter",
        "Rätt att få tillgång till personuppgifter",
        "Oikeus saada pääsy henkilötietoihin",
        "Oikeus tarkastaa omat tietonsa",
        "Rätt att få tillgång till uppgifterna",
    ),
    "rectification_erasure": (
        "Oikeus vaatia tiedon korjaamista tai poistamista",
        "Oikeus vaatia tiedon korjaamista",
        "Tiedon korjaaminen",
        "Tietojen korjaaminen",
        "Tiedon korjaaminen ja poistaminen",
        "Tietojen korjaaminen ja poistaminen",
        "Virheellisen tiedon korjaaminen",
        "Tietojen poistaminen",
        "Rekisterin tietojen poistaminen",
        "Oikeus tietojen oikaisemiseen",
        "Oikeus tietojen poistamiseen",
        "Korjausoikeus",
        "Rätt till rättelse och radering",
        "Rätt till rättelse",
        "Rättelse av uppgifter",
        "Rättelse och radering av uppgifter",
        "Radering av uppgifter",
        "Rätt att kräva rättelse av uppgift",
        "Oikeus tietojen oikaisemiseen ja poistamiseen",
        "Oikeus vaatia tietojen korjaamista",
        "Oikeus tulla unohdetuksi",
        "Tiedon korjaamisoikeus",
        "Rätt till rättelse av uppgifter",
        "Rätt till radering",
    ),
    "right_to_object": (
        "Kielto-oikeus",
        "Rekisteröidyn kielto-oikeus",
        "Oikeus vastustaa käsittelyä",
        "Oikeus vastustaa henkilötietojen käsittelyä",
        "Vastustamisoikeus",
        "Rätt att invända",
        "Rätt att invända mot behandling",
        "Förbudsrätt",
        "Den registrerades förbudsrätt",
        "Rätt att förbjuda behandling",
        "Oikeus kieltää tietojen käyttö suoramarkkinointiin",
        "Rätt att invända mot behandlingen",
    ),
    "data_subject_rights": (
        "Rekisteröidyn oikeudet",
        "Rekisteröityjen oikeudet",
        "Rekisteröidyn oikeudet ja niiden toteuttaminen",
        "Rekisteröidyn oikeuksien toteuttaminen",
        "Sinun oikeutesi",
        "Oikeutesi",
        "Mitkä ovat oikeutesi",
        "Den registrerades rättigheter",
        "Registrerades rättigheter",
        "Dina rättigheter",
        "Rights of the data subject",
        "Rekisteröidyn oikeudet ja niiden käyttäminen",
        "Rekisteröidyn oikeuksien käyttäminen",
        "Mitä oikeuksia sinulla on",
        "Sinun oikeutesi rekisteröitynä",
        "Vilka rättigheter har du",
        "Den registrerades rättigheter och hur de används",
    ),
    "complaint": (
        "Oikeus tehdä valitus valvontaviranomaiselle",
        "Oikeus valittaa valvontaviranomaiselle",
        "Oikeus tehdä valitus",
        "Valitusoikeus",
        "Valitus valvontaviranomaiselle",
        "Rätt att lämna in klagomål till tillsynsmyndigheten",
        "Rätt att lämna klagomål till tillsynsmyndigheten",
        "Klagomål till tillsynsmyndigheten",
        "Rätt att klaga",
        "Oikeus valittaa",
        "Valitusoikeus valvontaviranomaiselle",
        "Oikeus tehdä valitus tietosuojavaltuutetulle",
        "Rätt att lämna in klagomål",
        "Rätt att lämna in ett klagomål till tillsynsmyndigheten",
    ),
    "automated_decisions": (
        "Automaattinen päätöksenteko ja profilointi",
        "Automaattinen päätöksenteko",
        "Automatisoitu päätöksenteko",
        "Profilointi",
        "Automatiserat beslutsfattande och profilering",
        "Automatiserat beslutsfattande",
        "Profilering",
        "Automaattisen päätöksenteon olemassaolo",
        "Automaattinen päätöksenteko, profilointi mukaan lukien",
        "Automatiserade beslut",
        "Automatiserat beslutsfattande inklusive profilering",
    ),
    "cookies": (
        "Evästeet",
        "Evästeiden käyttö",
        "Evästeiden hallinta",
        "Evästeet ja vastaavat tekniikat",
        "Evästekäytäntö",
        "Kakor",
        "Användning av kakor",
        "Cookies",
        "Evästeiden ja vastaavien tekniikoiden käyttö",
        "Evästeet ja muut seurantatekniikat",
        "Kakor och liknande tekniker",
    ),
    "changes": (
        "Selosteen muutokset",
        "Tietosuojaselosteen muutokset",
        "Muutokset tähän selosteeseen",
        "Muutokset tietosuojaselosteeseen",
        "Ändringar i beskrivningen",
        "Ändringar i dataskyddsbeskrivningen",
        "Muutokset tähän tietosuojaselosteeseen",
        "Tietosuojaselosteen päivittäminen",
        "Ändringar i denna dataskyddsbeskrivning",
    ),
    "date": (
        "Päiväys",
        "Päivämäärä",
        "Selosteen päiväys",
        "Laatimispäivä",
        "Laatimispäivämäärä",
        "Laatimispvm",
        "Laadittu",
        "Päivitetty",
        "Viimeksi päivitetty",
        "Datum",
        "Datum för upprättande",
        "Upprättad",
        "Uppdaterad",
        "Senast uppdaterad",
        "Last updated",
        "Päivitetty viimeksi",
        "Selosteen laatimispäivä",
        "Voimassa alkaen",
        "Senast ändrad",
        "Datum för uppdatering",
    ),
}

# Headings that name several items at once in the law's own words (HTL 10 §, PUL
# 10 §): the first key is the section's, the others go to ``also_covers``.
COMBINED_HEADINGS: dict[str, tuple[str, ...]] = {
    "Kuvaus rekisteröityjen ryhmästä tai ryhmistä ja näihin liittyvistä tiedoista "
    "tai tietoryhmistä": ("data_subjects", "data_content"),
    "Rekisteröityjen ryhmät ja niihin liittyvät tiedot tai tietoryhmät": (
        "data_subjects",
        "data_content",
    ),
    "Rekisteröityjen ryhmät ja henkilötietoryhmät": ("data_subjects", "data_content"),
    "Mihin tietoja säännönmukaisesti luovutetaan ja siirretäänkö tietoja Euroopan "
    "unionin tai Euroopan talousalueen ulkopuolelle": (
        "disclosures",
        "transfers_outside_eea",
    ),
    "Beskrivning av gruppen eller grupperna av registrerade och av de uppgifter "
    "eller uppgiftsgrupper som hänför sig till dem": ("data_subjects", "data_content"),
    "Vart uppgifter regelmässigt lämnas ut och om uppgifter överförs till länder "
    "utanför Europeiska unionen eller Europeiska ekonomiska samarbetsområdet": (
        "disclosures",
        "transfers_outside_eea",
    ),
}

# The words that name each topic, as regular expressions on the normalised heading
# (lower case, no numbering). They recognise the wordings nobody has listed yet
# ("Näin suojaamme tietosi", "Hur länge lagras uppgifterna?"): a heading is read as
# the topics it names, in the order it names them. Stems are chosen so that they
# name the topic itself, not a word that merely occurs in a sentence about it
# ("luovutukset" and "vastaanottajat", not "luovuttaa"); negated lines and full
# sentences never reach these rules (see ``importers.match_heading``). Optional
# sections (cookies, changes) are recognised by their listed wordings only: a
# heading that merely mentions cookies is better kept as the editor's own.
# fmt: off
HEADING_KEYWORDS: dict[str, tuple[str, ...]] = {
    "controller": (
        r"\brekisterinpitäjä\b(?!n)", r"\brekisterin pitäjä\b",
        r"\bpersonuppgiftsansvarig(?:e)?\b(?!s)", r"\bregisteransvarig\b",
        r"\bkuka (?:vastaa|käsittelee|on)\b", r"\bvem (?:ansvarar|är)\b",
        r"\bdata controller\b",
    ),
    "contact_person": (
        r"\byhteyshenkilö", r"\bkontaktperson", r"\bcontact person",
        r"\b(?:rekisteri|tietosuoja)-?asio\w* (?:vastaa|hoitaa|hoitava|vastaava)",
        r"\byhteydenotot\b",
    ),
    "dpo": (
        r"\btietosuojavastaav", r"\bdataskyddsombud", r"\bdata protection officer",
        r"\bdpo\b",
    ),
    "register_name": (
        r"\brekisterin nimi\b", r"\bregistrets (?:namn|benämning)\b",
    ),
    "purpose": (
        r"\bkäyttötarkoitu", r"\b(?:käsittelyn|käsittelemisen|keräämisen|rekisterin|"
        r"tietojen|henkilötietojen) tarkoitu",
        r"\bmihin (?:käytämme|käytetään|tarkoitu|henkilötietoja|tietoja|tietojasi)",
        r"\bmiksi\b",
        r"\bändamål", r"\bvarför (?:behandlar|samlar|använder)",
        r"\bvad använder vi", r"\bpurposes?\b",
    ),
    "legal_basis": (
        r"\boikeusperust", r"\bkäsittelyperust", r"\b(?:käsittelyn|pitämisen|"
        r"keräämisen) (?:oikeudellinen )?perust", r"\bmillä perusteella",
        r"\bmihin (?:\w+ )?(?:käsittely|henkilötietojen käsittely) perustuu",
        r"\boikeutettu etu", r"\bmillä oikeudella\b", r"\bmed vilken rätt\b",
        r"\brättslig(?:a)? grund", r"\blaglig grund",
        r"\bgrund(?:en)? för (?:behandling|förande)", r"\bvad grundar sig",
        r"\b(?:legal|lawful) basis",
    ),
    "data_subjects": (
        r"\brekisteröityjen (?:ryhm|piiri)", r"\brekisteröidyt\b",
        r"\brekisteröitävät\b", r"\bkeitä (?:rekisteri|rekisteröidyt|tiedot)",
        r"\bkenen (?:henkilö)?tiet", r"\b(?:kategorier|grupper) av registrerade",
        r"\bregistrerade personer\b", r"\bvems (?:person)?uppgifter",
        r"\bdata subjects\b(?! rights)",
    ),
    "data_content": (
        r"\btietosisältö", r"\brekisterin sisält", r"\bsisältämät tiedot",
        r"\bhenkilötietoryhm", r"\bhenkilötietojen ryhm", r"\btietoryhm",
        r"\b(?:käsiteltävät|kerättävät|tallennettavat|käsittelemämme|keräämämme) "
        r"(?:henkilö)?tiedot", r"\bmitä (?:henkilö)?tietoj",
        r"\bdatainnehåll", r"\buppgiftsinnehåll", r"\bregistrets innehåll",
        r"\bvilka (?:person)?uppgifter", r"\bpersonuppgifter som (?:behandlas|samlas)",
        r"\bbehandlade personuppgifter", r"\bkategorier av personuppgifter",
        r"\buppgifter i registret", r"\bpersonal data (?:we )?(?:collect|process)",
    ),
    "data_sources": (
        r"\btietolähte", r"\b(?:henkilö)?tietojen lähte", r"\bmistä\b",
        r"\buppgiftskäll", r"\bvarifrån\b", r"\bvar får vi\b",
        r"\bkällor(?:na)?\b", r"\bsources?\b",
    ),
    "disclosures": (
        r"\bluovutu", r"\bluovutt", r"\bluovutam", r"\bluovutetaanko\b",
        r"\bvastaanottaj", r"\bkenelle\b", r"\bkeille\b",
        r"\bhenkilötietojen käsittelijät\b", r"\butlämn", r"\bmottagare",
        r"\b(?:vem|vilka) (?:får|kan) ta del\b",
        r"\blämna(?:r|s)? (?:vi )?(?:ut|uppgifter)", r"\brecipients?\b",
        r"\bdisclos",
    ),
    "transfers_outside_eea": (
        r"\bsiir(?:to|rot|retään|retäänkö|rämme|rämmekö|täminen)\b.*"
        r"(?:\beu\b|\beu:n\b|\beta\b|eta:n|euroopan|kolmans|ulkopuol)",
        r"\b(?:eu|eta|eu:n|eta:n|eu/eta|eu-|eta-)\S* (?:\w+ )?ulkopuol",
        r"\bkolmansiin maihin\b", r"\böverför", r"\btredje ?land",
        r"\butanför (?:eu|ees|europeiska)", r"\btransfers?\b",
        r"\boutside the (?:eu|eea)\b",
        # "Tietojen luovutukset ja siirrot": a bare "transfers" next to other
        # recipients means transfers abroad.
        r"^(?:tietojen |henkilötietojen )?siir(?:to|rot)$",
    ),
    "retention": (
        r"\bsäilytysai", r"\bsäilytyksen\b", r"\bsäilyttämi", r"\bsäilytys\b",
        r"\bsäilytämme\b", r"\bsäilytetään\b", r"\b(?:kuinka|miten) kauan\b",
        r"\bkauanko\b", r"\blagringstid", r"\blagring\b", r"\bsparar\b",
        r"\bsparas\b", r"\blagras\b", r"\bhur länge\b", r"\bretention\b",
        r"\bhow long\b",
    ),
    "security": (
        r"\bsuojau", r"\bsuojaami", r"\bsuojaamme\b", r"\bsuojataan\b",
        r"\btietoturv", r"\bturvallisuu", r"\bskydd", r"\bsäkerhet",
        r"\bsecurity\b",
    ),
    "right_of_access": (
        r"\btarkastusoikeu", r"\boikeus tarkastaa", r"\bpääsy (?:\w+ )?tietoihin",
        r"\binsyn", r"\bgranskningsrätt", r"\brätt att granska",
        r"\btillgång till (?:dina )?(?:person)?uppgifter", r"\bright of access\b",
    ),
    "rectification_erasure": (
        r"\bkorjaami", r"\bkorjaus", r"\boikaise", r"\boikaisu",
        r"\b(?:tiedon|tietojen|rekisterin tietojen) poist", r"\bpoistamiseen\b",
        r"\bunohdetuksi\b", r"\brättelse", r"\bradering", r"\brectification\b",
        r"\berasure\b",
    ),
    "right_to_object": (
        r"\bkielto-?oikeu", r"\bvastusta", r"\binvänd", r"\bförbudsrätt",
        r"\bförbjuda\b", r"\bright to object\b",
    ),
    "data_subject_rights": (
        r"\boikeu(?:det|tesi|ksien|ksista|ksistasi|ksia)\b", r"\brättighet",
        r"\byour rights\b", r"\brights of the data subject\b",
    ),
    "complaint": (
        r"\bvalitu(?:s|ksen|soikeus)", r"\bvalitta", r"\bvalvontaviranomai",
        r"\bklagomål", r"\bklaga\b", r"\btillsynsmyndighet", r"\bcomplaint",
    ),
    "automated_decisions": (
        r"\bautomaatti\w* päätöksen", r"\bautomatisoitu", r"\bprofiloin",
        r"\bautomatiser", r"\bprofilering", r"\bautomated\b", r"\bprofiling\b",
    ),
    "date": (
        r"\bpäiväys\b", r"\bpäivämäärä\b", r"\blaadittu\b", r"\blaatimis",
        r"\bpäivitetty\b", r"\bdatum\b", r"\buppdaterad\b", r"\bupprättad\b",
        r"\blast updated\b",
    ),
}
# fmt: on

#: Topics that a heading may name only as a modifier ("Rekisterinpitäjän
#: yhteyshenkilö" is about the contact person): they count only when the heading
#: names no other topic.
WEAK_KEYWORD_KEYS: frozenset[str] = frozenset({"controller", "date"})

# Labels of fields inside a section ("Nimi: Yritys Oy"): never a heading, even on a
# line of their own.
FIELD_LABELS: tuple[str, ...] = (
    "Nimi",
    "Yrityksen nimi",
    "Toiminimi",
    "Yritys",
    "Osoite",
    "Postiosoite",
    "Käyntiosoite",
    "Katuosoite",
    "Postinumero",
    "Postitoimipaikka",
    "Puhelin",
    "Puhelinnumero",
    "Puh",
    "Matkapuhelin",
    "GSM",
    "Faksi",
    "Fax",
    "Sähköposti",
    "Sähköpostiosoite",
    "S-posti",
    "Y-tunnus",
    "Ytunnus",
    "Yhteystiedot",
    "Internet",
    "Kotisivu",
    "Kotisivut",
    "Verkkosivut",
    "WWW",
    "Titteli",
    "Tehtävä",
    "Namn",
    "Firma",
    "Adress",
    "Postadress",
    "Besöksadress",
    "Telefon",
    "Tel",
    "E-post",
    "Epost",
    "FO-nummer",
    "Webbplats",
    "Hemsida",
    "Kontaktuppgifter",
    "Muut yhteystiedot",
    "Postinummer",
    "Postanstalt",
    "Tfn",
    "Organisationsnummer",
    "Name",
    "Address",
    "Phone",
    "E-mail",
    "Email",
    "Website",
)

# Document titles that name the kind of document only: dropped, never the title.
GENERIC_TITLES: tuple[str, ...] = (
    "Rekisteriseloste",
    "Henkilörekisteriseloste",
    "Asiakasrekisteriseloste",
    "Tietosuojaseloste",
    "Rekisteri- ja tietosuojaseloste",
    "Tietosuojaseloste ja rekisteriseloste",
    "Rekisteriseloste ja tietosuojaseloste",
    "Tietosuojakäytäntö",
    "Tietosuoja",
    "Seloste",
    "Registerbeskrivning",
    "Dataskyddsbeskrivning",
    "Dataskyddspolicy",
    "Integritetspolicy",
    "Dataskydd",
    "Register description",
    "Privacy notice",
    "Privacy policy",
    "Tietosuojaseloste ja evästekäytäntö",
    "Tietosuojakäytäntö ja evästeet",
    "Tietosuojailmoitus",
    "Tietosuojalauseke",
    "Henkilötietojen käsittely",
    "Registerbeskrivning och dataskyddsbeskrivning",
    "Dataskyddsmeddelande",
    "Dataskyddsbeskrivning och registerbeskrivning",
)

# Site chrome that a copy from a web page brings along.
NAVIGATION_WORDS: tuple[str, ...] = (
    "Etusivu",
    "Ohjeet",
    "Tulosta",
    "Tulosta sivu",
    "Sivun alkuun",
    "Takaisin",
    "Jaa",
    "Startsida",
    "Skriv ut",
    "Tillbaka",
    "Till början",
    "Home",
    "Print",
    "Back",
    "Siirry sisältöön",
    "Siirry pääsisältöön",
    "Hyppää sisältöön",
    "Valikko",
    "Päävalikko",
    "Haku",
    "Hae",
    "Kirjaudu",
    "Kirjaudu sisään",
    "Sivukartta",
    "Takaisin ylös",
    "Suomeksi",
    "På svenska",
    "In English",
    "Hoppa till innehållet",
    "Meny",
    "Sök",
    "Logga in",
    "Webbkarta",
    "Till toppen",
    "Skip to content",
    "Skip to main content",
    "Menu",
    "Search",
    "Log in",
    "Sitemap",
)

_NUMBERING_RE = re.compile(
    r"""^(?:
        §\s*\d+[a-z]?\s*[.):]?          # § 1
      | \d{1,2}(?:\.\d{1,2})*[.)]?      # 1. 1) 1.2 1
      | [ivx]{1,4}[.)]                  # iv.
      | [a-h][.)]                       # a)
    )\s+""",
    re.VERBOSE | re.IGNORECASE,
)
_SPACES_RE = re.compile(r"[\s\u00a0\u2007\u202f]+")
# Soft hyphens, zero-width characters and stray byte-order marks: invisible, and
# in the way of matching and of clean text.
_INVISIBLE_RE = re.compile("[\u00ad\u200b-\u200d\u2060\ufeff]")
_DASHES_RE = re.compile(r"[\u2010-\u2015\u2212]")


def strip_invisible(value: str) -> str:
    """Remove soft hyphens and zero-width characters."""
    return _INVISIBLE_RE.sub("", value)


def normalize_space(value: str) -> str:
    """Collapse every run of whitespace (no-break spaces too) into one space and
    remove invisible characters."""
    return _SPACES_RE.sub(" ", strip_invisible(value)).strip()


def normalize_heading(value: str) -> str:
    """Reduce a heading to the form in which variants are compared.

    Case, Unicode form, no-break and repeated spaces, dashes, Markdown emphasis and
    heading marks, numbering and trailing punctuation are not part of a heading's
    wording, so they are removed here once instead of being listed per variant.
    """
    text = unicodedata.normalize("NFC", value)
    text = normalize_space(_DASHES_RE.sub("-", text))
    text = text.lstrip("#").strip()
    text = text.strip("*_").strip()
    text = _NUMBERING_RE.sub("", text, count=1)
    text = text.strip("*_").strip()
    text = text.rstrip(":.?!;,").strip()
    return text.casefold()


def _index() -> dict[str, str]:
    index: dict[str, str] = {}
    for section in SECTIONS:
        if section.key == "other":
            continue
        canonical = (section.fi, section.sv, section.en, *section.fi.split(" / "))
        for variant in (*HEADING_VARIANTS.get(section.key, ()), *canonical):
            index.setdefault(normalize_heading(variant), section.key)
    return index


# Normalised variant -> canonical key.
VARIANT_INDEX: dict[str, str] = _index()
NORMALIZED_FIELD_LABELS: frozenset[str] = frozenset(
    normalize_heading(label) for label in FIELD_LABELS
)
NORMALIZED_GENERIC_TITLES: frozenset[str] = frozenset(
    normalize_heading(title) for title in GENERIC_TITLES
)
NORMALIZED_NAVIGATION_WORDS: frozenset[str] = frozenset(
    normalize_heading(word) for word in NAVIGATION_WORDS
)
# Normalised combined heading -> its keys, the section's first.
COMBINED_INDEX: dict[str, tuple[str, ...]] = {
    normalize_heading(heading): keys for heading, keys in COMBINED_HEADINGS.items()
}
# (key, compiled pattern) pairs of :data:`HEADING_KEYWORDS`.
KEYWORD_RULES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (key, re.compile(pattern))
    for key, patterns in HEADING_KEYWORDS.items()
    for pattern in patterns
)


def _any_of(patterns: tuple[str, ...] | list[str]) -> re.Pattern[str]:
    """One pattern that matches where the first of ``patterns`` to match does.

    Its first match starts where the earliest match of any of them starts. The
    word boundary that most patterns open with is written once in front of their
    alternatives, so that the regex engine can rule out an alternative by its first
    letter: one search instead of one per pattern.
    """
    bounded = [p.removeprefix(r"\b") for p in patterns if p.startswith(r"\b")]
    others = [p for p in patterns if not p.startswith(r"\b")]
    parts = [r"\b(?:" + "|".join(f"(?:{p})" for p in bounded) + ")"] if bounded else []
    parts += [f"(?:{p})" for p in others]
    return re.compile("|".join(parts))


# (key, one pattern of all its :data:`HEADING_KEYWORDS`): the first match of a
# key's pattern starts where the earliest match of any of its keywords starts.
KEYWORD_KEY_RULES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (key, _any_of(patterns)) for key, patterns in HEADING_KEYWORDS.items()
)

__all__ = [
    "COMBINED_INDEX",
    "COMBINED_HEADINGS",
    "FIELD_LABELS",
    "GENERIC_TITLES",
    "HEADING_KEYWORDS",
    "HEADING_VARIANTS",
    "KEYWORD_KEY_RULES",
    "KEYWORD_RULES",
    "NAVIGATION_WORDS",
    "NORMALIZED_FIELD_LABELS",
    "NORMALIZED_GENERIC_TITLES",
    "NORMALIZED_NAVIGATION_WORDS",
    "VARIANT_INDEX",
    "WEAK_KEYWORD_KEYS",
    "normalize_heading",
    "normalize_space",
    "strip_invisible",
]
