"""The GDPR Art. 13/14 information items: the one table the legal check reads.

Each row is one item a privacy notice must give (codes are a public API contract):
the article for data collected from the data subject (Art. 13) and for data
obtained elsewhere (Art. 14), its name and the sentence that tells an editor what to
add (fi/sv/en), the condition under which it applies, and the notice sections where
it is normally written ("home" sections: there, a shorter wording states it).

Conditions (see ``check.py``):

* ``None``: always applies.
* ``art13`` / ``art14``: the data come from the data subject / from elsewhere.
* ``dpo``: a data protection officer is appointed.
* ``legitimate_interest``: processing relies on Art. 6(1)(f).
* ``consent``: consent (6(1)(a)) is a basis.
* ``portability``: consent or contract (6(1)(a)/(b)) is a basis.
* ``objection``: 6(1)(e)/(f) is a basis, or the data are used for direct marketing.
* ``special``: special categories of data (Art. 9) are processed.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Item:
    code: str
    art13: str | None
    art14: str | None
    fi: str
    sv: str
    en: str
    add_fi: str
    add_sv: str
    add_en: str
    condition: str | None
    home: tuple[str, ...]

    def name(self, language: str | None) -> str:
        return getattr(self, _lang(language))

    def what_to_add(self, language: str | None) -> str:
        return getattr(self, "add_" + _lang(language))

    def article(self, which: str) -> str:
        """The article reference for a notice judged ``13``, ``14`` or ``both``."""
        parts = {
            "13": [self.art13 or self.art14],
            "14": [self.art14 or self.art13],
            "both": [self.art13, self.art14],
        }[which]
        seen: list[str] = []
        for part in parts:
            if part and part not in seen:
                seen.append(part)
        return ", ".join(seen)


def _lang(language: str | None) -> str:
    lang = (language or "fi").split("-")[0].lower()
    return lang if lang in ("fi", "sv", "en") else "fi"


RIGHTS_HOME = ("data_subject_rights",)

# code, Art. 13, Art. 14, fi, sv, en, what to add fi / sv / en, condition, home sections
ITEMS: tuple[Item, ...] = (
    Item("identity", "13(1)(a)", "14(1)(a)",
         "Rekisterinpitäjän nimi ja yhteystiedot", "Den personuppgiftsansvariges identitet och kontaktuppgifter", "Controller's identity and contact details",
         "Kerro rekisterinpitäjän nimi ja yhteystiedot (osoite, sähköposti tai puhelin) sekä mahdollinen edustaja.",
         "Ange den personuppgiftsansvariges namn och kontaktuppgifter (adress, e-post eller telefon) och en eventuell företrädare.",
         "Give the controller's name and contact details (address, email or phone) and any representative.",
         None, ("controller", "contact_person")),
    Item("dpo_contact", "13(1)(b)", "14(1)(b)",
         "Tietosuojavastaavan yhteystiedot", "Dataskyddsombudets kontaktuppgifter", "Data protection officer's contact details",
         "Kerro tietosuojavastaavan yhteystiedot (esim. sähköpostiosoite).",
         "Ange dataskyddsombudets kontaktuppgifter (t.ex. e-postadress).",
         "Give the data protection officer's contact details (e.g. an email address).",
         "dpo", ("dpo",)),
    Item("purposes", "13(1)(c)", "14(1)(c)",
         "Käsittelyn tarkoitukset", "Ändamålen med behandlingen", "Purposes of processing",
         "Kerro, mihin tarkoituksiin henkilötietoja käsitellään.",
         "Ange för vilka ändamål personuppgifterna behandlas.",
         "State the purposes for which the personal data are processed.",
         None, ("purpose",)),
    Item("legal_basis", "13(1)(c)", "14(1)(c)",
         "Käsittelyn oikeusperuste", "Rättslig grund för behandlingen", "Legal basis",
         "Nimeä kullekin tarkoitukselle tietosuoja-asetuksen 6 artiklan 1 kohdan mukainen oikeusperuste (esim. sopimus, suostumus, lakisääteinen velvoite, oikeutettu etu). ”Asiakassuhde” ei yksin ole oikeusperuste.",
         "Ange för varje ändamål en rättslig grund enligt artikel 6.1 i dataskyddsförordningen (t.ex. avtal, samtycke, rättslig förpliktelse, berättigat intresse). ”Kundförhållande” ensamt är ingen rättslig grund.",
         "Name, for each purpose, an Art. 6(1) GDPR basis (e.g. contract, consent, legal obligation, legitimate interests). \"Customer relationship\" alone is not a basis.",
         None, ("legal_basis",)),
    Item("legitimate_interests", "13(1)(d)", "14(2)(b)",
         "Oikeutetut edut", "Berättigade intressen", "Legitimate interests",
         "Kerro, mitä rekisterinpitäjän tai kolmannen oikeutetut edut ovat, kun käsittely perustuu oikeutettuun etuun.",
         "Beskriv vilka de berättigade intressena är när behandlingen grundar sig på berättigat intresse.",
         "Say what the legitimate interests are, as processing relies on them.",
         "legitimate_interest", ("legal_basis",)),
    Item("data_categories", None, "14(1)(d)",
         "Henkilötietoryhmät", "Kategorier av personuppgifter", "Categories of personal data",
         "Luettele käsiteltävät henkilötietoryhmät (esim. yhteystiedot, laskutustiedot), kun tietoja saadaan muualta kuin rekisteröidyltä.",
         "Räkna upp de kategorier av personuppgifter som behandlas (t.ex. kontaktuppgifter, faktureringsuppgifter) när uppgifterna inte fås av den registrerade.",
         "List the categories of personal data concerned, as data are obtained elsewhere.",
         "art14", ("data_content",)),
    Item("recipients", "13(1)(e)", "14(1)(e)",
         "Vastaanottajat", "Mottagare", "Recipients",
         "Kerro tietojen vastaanottajat tai vastaanottajaryhmät (myös henkilötietojen käsittelijät) tai se, ettei tietoja luovuteta.",
         "Ange mottagarna eller kategorierna av mottagare (även personuppgiftsbiträden) eller att uppgifter inte lämnas ut.",
         "Name the recipients or their categories (processors included), or state that there are none.",
         None, ("disclosures",)),
    Item("transfers", "13(1)(f)", "14(1)(f)",
         "Siirrot EU:n/ETA:n ulkopuolelle", "Överföringar utanför EU/EES", "Transfers outside the EU/EEA",
         "Kerro, siirretäänkö tietoja EU:n/ETA:n ulkopuolelle; jos siirretään, kerro kohdemaittain komission tietosuojan riittävyyttä koskeva päätös tai suojatoimi (esim. vakiosopimuslausekkeet) ja miten siitä saa kopion.",
         "Ange om uppgifter överförs utanför EU/EES; i så fall för varje mottagarland kommissionens beslut om adekvat skyddsnivå eller skyddsåtgärden (t.ex. standardavtalsklausuler) och hur man får en kopia av den.",
         "Say whether data go outside the EU/EEA; if so, per destination the adequacy decision or the safeguard (e.g. standard contractual clauses) and how to obtain a copy.",
         None, ("transfers_outside_eea",)),
    Item("retention", "13(2)(a)", "14(2)(a)",
         "Säilytysaika", "Lagringstid", "Retention period",
         "Kerro, kuinka kauan tietoja säilytetään, tai perusteet, joiden mukaan aika määräytyy (esim. ”3 vuotta asiakassuhteen päättymisestä”). ”Tarpeen mukaan” ei riitä.",
         "Ange hur länge uppgifterna lagras eller kriterierna för att bestämma tiden (t.ex. ”3 år efter att kundförhållandet upphört”). ”Så länge det behövs” räcker inte.",
         "Give the retention period or the criteria that determine it (e.g. \"3 years after the customer relationship ends\"). \"As long as needed\" is not enough.",
         None, ("retention",)),
    Item("right_access", "13(2)(b)", "14(2)(c)",
         "Oikeus saada pääsy tietoihin", "Rätt till tillgång", "Right of access",
         "Kerro rekisteröidyn oikeudesta saada pääsy tietoihinsa (tarkastusoikeus).",
         "Berätta om den registrerades rätt att få tillgång till sina uppgifter.",
         "State the data subject's right of access to their data.",
         None, ("right_of_access",) + RIGHTS_HOME),
    Item("right_rectification", "13(2)(b)", "14(2)(c)",
         "Oikeus tietojen oikaisemiseen", "Rätt till rättelse", "Right to rectification",
         "Kerro rekisteröidyn oikeudesta vaatia virheellisten tietojen oikaisemista.",
         "Berätta om den registrerades rätt att få felaktiga uppgifter rättade.",
         "State the right to have inaccurate data rectified.",
         None, ("rectification_erasure",) + RIGHTS_HOME),
    Item("right_erasure", "13(2)(b)", "14(2)(c)",
         "Oikeus tietojen poistamiseen", "Rätt till radering", "Right to erasure",
         "Kerro rekisteröidyn oikeudesta pyytää tietojensa poistamista.",
         "Berätta om den registrerades rätt att begära radering av sina uppgifter.",
         "State the right to erasure of the data.",
         None, ("rectification_erasure",) + RIGHTS_HOME),
    Item("right_restriction", "13(2)(b)", "14(2)(c)",
         "Oikeus käsittelyn rajoittamiseen", "Rätt till begränsning av behandling", "Right to restriction of processing",
         "Kerro rekisteröidyn oikeudesta vaatia käsittelyn rajoittamista.",
         "Berätta om den registrerades rätt att begära begränsning av behandlingen.",
         "State the right to restriction of processing.",
         None, RIGHTS_HOME),
    Item("right_portability", "13(2)(b)", "14(2)(c)",
         "Oikeus siirtää tiedot järjestelmästä toiseen", "Rätt till dataportabilitet", "Right to data portability",
         "Kerro oikeudesta siirtää tiedot järjestelmästä toiseen, koska käsittely perustuu suostumukseen tai sopimukseen.",
         "Berätta om rätten till dataportabilitet, eftersom behandlingen grundar sig på samtycke eller avtal.",
         "State the right to data portability, as processing rests on consent or contract.",
         "portability", RIGHTS_HOME),
    Item("right_object", "13(2)(b)", "14(2)(c)",
         "Oikeus vastustaa käsittelyä", "Rätt att invända", "Right to object",
         "Kerro erikseen oikeudesta vastustaa käsittelyä (oikeutettu etu, yleinen etu tai suoramarkkinointi).",
         "Berätta separat om rätten att invända mot behandlingen (berättigat intresse, allmänt intresse eller direktmarknadsföring).",
         "State, separately, the right to object (legitimate or public interest, direct marketing).",
         "objection", ("right_to_object",) + RIGHTS_HOME),
    Item("withdraw_consent", "13(2)(c)", "14(2)(d)",
         "Oikeus peruuttaa suostumus", "Rätt att återkalla samtycke", "Right to withdraw consent",
         "Kerro, että suostumuksen voi peruuttaa milloin tahansa vaikuttamatta aiemman käsittelyn lainmukaisuuteen.",
         "Berätta att samtycket när som helst kan återkallas utan att det påverkar lagligheten av behandlingen före återkallelsen.",
         "State that consent can be withdrawn at any time without affecting earlier processing.",
         "consent", RIGHTS_HOME + ("legal_basis",)),
    Item("complaint", "13(2)(d)", "14(2)(e)",
         "Oikeus tehdä valitus valvontaviranomaiselle", "Rätt att klaga hos tillsynsmyndigheten", "Right to lodge a complaint",
         "Kerro oikeudesta tehdä valitus valvontaviranomaiselle (Tietosuojavaltuutetun toimisto, tietosuoja.fi).",
         "Berätta om rätten att lämna in klagomål till tillsynsmyndigheten (Dataombudsmannens byrå, tietosuoja.fi).",
         "State the right to complain to a supervisory authority (Office of the Data Protection Ombudsman, tietosuoja.fi).",
         None, ("complaint",)),
    Item("requirement", "13(2)(e)", None,
         "Onko tietojen antaminen lakisääteinen tai sopimukseen perustuva vaatimus", "Om lämnandet av uppgifter är ett lagstadgat eller avtalsenligt krav", "Statutory or contractual requirement",
         "Kerro, onko tietojen antaminen lakisääteinen tai sopimukseen perustuva vaatimus ja mitä seuraa, jos tietoja ei anneta.",
         "Ange om det är ett lagstadgat eller avtalsenligt krav att lämna uppgifterna och vad som händer om de inte lämnas.",
         "Say whether providing the data is a statutory or contractual requirement and what follows from not providing them.",
         "art13", ("legal_basis", "data_content", "data_sources")),
    Item("sources", None, "14(2)(f)",
         "Tietolähteet", "Uppgiftskällor", "Sources",
         "Kerro, mistä tiedot saadaan, myös yleisesti saatavilla olevat lähteet.",
         "Ange varifrån uppgifterna kommer, även allmänt tillgängliga källor.",
         "Say where the data come from, including publicly accessible sources.",
         "art14", ("data_sources",)),
    Item("automated_decisions", "13(2)(f)", "14(2)(g)",
         "Automaattinen päätöksenteko", "Automatiserat beslutsfattande", "Automated decision-making",
         "Kerro, tehdäänkö automaattisia päätöksiä tai profilointia; jos tehdään, kerro logiikka, merkitys ja seuraukset.",
         "Ange om automatiserade beslut eller profilering förekommer; i så fall logiken, betydelsen och följderna.",
         "State whether automated decisions or profiling take place; if so, the logic, significance and consequences.",
         None, ("automated_decisions",)),
    Item("special_categories_condition", "9(2)", "9(2)",
         "Erityisten henkilötietoryhmien käsittelyperuste", "Villkor för behandling av särskilda kategorier", "Condition for special categories",
         "Kerro, mihin 9 artiklan 2 kohdan perusteeseen erityisten henkilötietoryhmien (esim. terveystiedot) käsittely perustuu.",
         "Ange vilket villkor i artikel 9.2 behandlingen av särskilda kategorier av uppgifter (t.ex. hälsouppgifter) grundar sig på.",
         "Name the Art. 9(2) condition relied on for the special categories of data (e.g. health data).",
         "special", ("legal_basis",)),
)  # fmt: skip

ITEMS_BY_CODE: dict[str, Item] = {item.code: item for item in ITEMS}
ITEM_CODES: tuple[str, ...] = tuple(ITEMS_BY_CODE)
CONDITIONS = ("art13", "art14", "dpo", "legitimate_interest", "consent",
              "portability", "objection", "special")  # fmt: skip
