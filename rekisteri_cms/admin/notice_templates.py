"""Templates a new notice can start from ("Start from a template" in the create view).

A template fills a new GDPR notice with the sections a typical Finnish web shop
needs, written as a data-protection lawyer would for such a shop, and marks every
fact only the shop knows with a placeholder, "[TÄYDENNÄ: …]"
(:data:`rekisteri_cms.validators.PLACEHOLDER_RE`). A notice with a placeholder left
cannot be submitted, approved or published; the controller is chosen from the
register. Nothing is saved until the editor saves the form.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from ..sections import GDPR

WEB_SHOP = "web_shop"

#: Template key → (name in the admin, the languages it is written in).
TEMPLATES = {
    WEB_SHOP: (_("Privacy notice of a web shop"), ("fi",)),
}


def _p(*paragraphs: str) -> str:
    return "".join(f"<p>{paragraph}</p>" for paragraph in paragraphs)


def web_shop_body() -> list[dict]:
    """The sections of a web shop's GDPR notice, in Finnish, with placeholders."""
    interest = (
        "Oikeutettu etumme on pitää verkkokauppa toimivana ja turvallisena: "
        "kehitämme palvelua sen käytöstä kootun tiedon perusteella ja suojaamme "
        "asiakkaitamme ja itseämme maksupetoksilta."
    )
    return [
        {"type": "controller", "value": {"controller": None, "body": ""}},
        {"type": "contact_person", "value": {
            "name": "[TÄYDENNÄ: yhteyshenkilö tai -taho, esim. Asiakaspalvelu]",
            "role": "Tietosuoja-asiat", "phone": "", "email": "",
        }},
        {"type": "register_name", "value": {
            "name": "[TÄYDENNÄ: rekisterin nimi, esim. Yrityksen asiakasrekisteri]",
        }},
        {"type": "purpose", "value": {
            "purposes": [],
            "purposes_detailed": [
                {"purpose": "Tilausten käsittely, toimittaminen ja laskutus sekä asiakaspalvelu",
                 "legal_basis": "b", "legitimate_interest": "",
                 "retention": "Asiakassuhteen ajan ja 2 vuotta asiakassuhteen päättymisestä"},
                {"purpose": "Kirjanpito ja kirjanpitoaineiston säilyttäminen",
                 "legal_basis": "c", "legitimate_interest": "",
                 "retention": "Tositteet 6 vuotta ja kirjanpitokirjat 10 vuotta (kirjanpitolaki 2 luku 10 §)"},
                {"purpose": "Verkkokaupan käytön analysointi sekä maksupetosten ja muiden väärinkäytösten estäminen",
                 "legal_basis": "f", "legitimate_interest": interest,
                 "retention": "Käyttö- ja lokitiedot 12 kuukautta"},
            ],
            "body": _p("Käsittelemme henkilötietoja vain näihin tarkoituksiin."),
        }},
        {"type": "legal_basis", "value": {
            "bases": ["b", "c", "f"],
            "legitimate_interests": interest,
            "requirement": "contract_entry",
            "requirement_consequences": (
                "Tilaustietojen (nimi, toimitusosoite, yhteystiedot ja maksutiedot) "
                "antaminen on edellytys kauppasopimuksen tekemiselle. Ilman niitä emme "
                "voi ottaa tilausta vastaan emmekä toimittaa sitä."
            ),
            "special_categories": False,
            "special_categories_condition": [],
            "body": _p(
                "Tilausten käsittely perustuu sopimukseen (tietosuoja-asetuksen 6 "
                "artiklan 1 kohdan b alakohta), kirjanpito lakisääteiseen velvoitteeseen "
                "(c alakohta, kirjanpitolaki) ja analytiikka sekä väärinkäytösten "
                "estäminen oikeutettuun etuumme (f alakohta)."
            ),
        }},
        {"type": "data_subjects", "value": {"groups": ["Verkkokaupan asiakkaat"]}},
        {"type": "data_content", "value": {"categories": [
            {"category": "Perustiedot", "items": "Nimi, osoite, puhelinnumero, sähköpostiosoite", "special_category": False},
            {"category": "Tilaustiedot", "items": "Tilatut tuotteet, maksu- ja toimitustiedot, maksun tila", "special_category": False},
            {"category": "Käyttötiedot", "items": "IP-osoite, selaimen tiedot, sivukäynnit ja ostoskorin tapahtumat", "special_category": False},
        ]}},
        {"type": "data_sources", "value": {
            "collected_from": "both",
            "sources": [],
            "sources_detailed": [
                {"kind": "data_subject", "description": "Asiakas itse tilauksen ja rekisteröitymisen yhteydessä"},
                {"kind": "controller", "description": "Maksunvälittäjä: tieto maksun onnistumisesta"},
            ],
        }},
        {"type": "disclosures", "value": {
            "no_regular_disclosures": False,
            "recipients": [
                {"recipient": "Maksunvälittäjä", "purpose": "Maksujen käsittely", "country": "Suomi", "role": "controller"},
                {"recipient": "Kuljetusyhtiöt", "purpose": "Tilausten toimittaminen", "country": "Suomi", "role": "controller"},
            ],
            "body": _p("Käsittelijät käsittelevät tietoja vain lukuumme ja ohjeidemme mukaisesti."),
        }},
        {"type": "transfers_outside_eea", "value": {
            "transfers": "none",
            "destinations": [], "countries": [], "safeguard": "",
            "body": _p(
                "[TÄYDENNÄ: siirretäänkö tietoja EU:n tai ETA:n ulkopuolelle, esim. "
                "sähköposti- tai analytiikkapalvelun tarjoajalle? Jos siirretään, valitse "
                "”Tietoja siirretään EU:n tai ETA:n ulkopuolelle” ja lisää kohteet.]"
            ),
        }},
        {"type": "retention", "value": {"periods": [
            {"data": "Asiakastiedot ja tilaushistoria", "period": "Asiakassuhteen ajan ja 2 vuotta sen päättymisestä"},
            {"data": "Kirjanpitotositteet (laskut, kuitit)", "period": "6 vuotta sen vuoden lopusta, jonka aikana tilikausi päättyi (kirjanpitolaki 2 luku 10 §)"},
            {"data": "Käyttö- ja lokitiedot", "period": "12 kuukautta"},
        ]}},
        {"type": "security", "value": {
            "manual_material": "Paperiset asiakirjat säilytetään lukitussa tilassa.",
            "electronic_data": "Tiedot ovat salatussa tietokannassa, johon pääsee vain henkilökohtaisilla tunnuksilla.",
        }},
        {"type": "data_subject_rights", "value": {
            "rights": ["access", "rectification", "erasure", "restriction", "portability", "object"],
            "request_channel": {
                "email": "", "form_url": "",
                "postal_address": "[TÄYDENNÄ: osoite, johon pyynnöt lähetetään]",
            },
            "identity_check": "Varmistamme pyytäjän henkilöllisyyden ennen kuin vastaamme pyyntöön.",
            "response_time": (
                "Vastaamme pyyntöön viipymättä ja viimeistään kuukauden kuluessa sen "
                "saapumisesta."
            ),
            "objection_statement": (
                "Voit milloin tahansa henkilökohtaiseen erityiseen tilanteeseesi "
                "liittyvällä perusteella vastustaa henkilötietojesi käsittelyä, joka "
                "perustuu oikeutettuun etuumme (tietosuoja-asetuksen 21 artiklan 1 "
                "kohta). Voit myös milloin tahansa vastustaa tietojesi käsittelyä "
                "suoramarkkinointia varten (21 artiklan 2 kohta)."
            ),
            "body": _p(
                "Sinulla on oikeus saada pääsy tietoihisi, oikaista virheelliset tiedot, "
                "pyytää tietojesi poistamista, rajoittaa niiden käsittelyä ja siirtää "
                "antamasi tiedot järjestelmästä toiseen."
            ),
        }},
        {"type": "complaint", "value": {
            "authority": "Tietosuojavaltuutetun toimisto",
            "authority_url": "https://tietosuoja.fi",
            "body": _p(
                "Jos katsot, että henkilötietojesi käsittelyssä rikotaan "
                "tietosuoja-asetusta, sinulla on oikeus tehdä valitus "
                "valvontaviranomaiselle."
            ),
        }},
        {"type": "automated_decisions", "value": {
            "used": "no",
            "body": _p(
                "Emme tee yksinomaan automaattiseen käsittelyyn perustuvia päätöksiä "
                "emmekä profilointia, jolla olisi sinuun oikeusvaikutuksia tai vastaava "
                "merkittävä vaikutus."
            ),
        }},
        {"type": "cookies", "value": {"body": _p(
            "Käytämme välttämättömiä evästeitä ostoskorin toimintaan. [TÄYDENNÄ: muut "
            "evästeet ja niiden tarkoitukset, tai poista tämä lause]"
        )}},
        {"type": "changes", "value": {"body": _p("Ilmoitamme olennaisista muutoksista verkkosivuillamme.")}},
    ]  # fmt: skip


def template_fields(key: str, language: str) -> dict | None:
    """The fields a new notice gets from template ``key`` in ``language``, or
    ``None`` when there is no such template in that language."""
    if key not in TEMPLATES or language not in TEMPLATES[key][1]:
        return None
    return {"framework": GDPR, "body": web_shop_body()}


def templates_for(language: str) -> list[tuple[str, str]]:
    """``(key, name)`` of the templates written in ``language``."""
    return [
        (key, name)
        for key, (name, languages) in TEMPLATES.items()
        if language in languages
    ]
