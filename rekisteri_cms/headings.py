"""Heading variants of the notice sections, in Finnish and Swedish (and English).

The importer recognises a section by its heading. Real notices word their headings in
many ways (notice-model §4 lists those seen in the seed notices; more exist in the
wild), so this module lists the variants per canonical key. Variants are compared
after :func:`normalize_heading`, so case, numbering ("1.", "1)", "§ 1"), Markdown
marks, trailing colons and extra or no-break spaces need not be listed. The canonical
headings of :mod:`rekisteri_cms.sections` are always included.

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
    ),
    "automated_decisions": (
        "Automaattinen päätöksenteko ja profilointi",
        "Automaattinen päätöksenteko",
        "Automatisoitu päätöksenteko",
        "Profilointi",
        "Automatiserat beslutsfattande och profilering",
        "Automatiserat beslutsfattande",
        "Profilering",
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
    ),
    "changes": (
        "Selosteen muutokset",
        "Tietosuojaselosteen muutokset",
        "Muutokset tähän selosteeseen",
        "Muutokset tietosuojaselosteeseen",
        "Ändringar i beskrivningen",
        "Ändringar i dataskyddsbeskrivningen",
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
    ),
}

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

__all__ = [
    "FIELD_LABELS",
    "GENERIC_TITLES",
    "HEADING_VARIANTS",
    "NAVIGATION_WORDS",
    "NORMALIZED_FIELD_LABELS",
    "NORMALIZED_GENERIC_TITLES",
    "NORMALIZED_NAVIGATION_WORDS",
    "VARIANT_INDEX",
    "normalize_heading",
    "normalize_space",
    "strip_invisible",
]
