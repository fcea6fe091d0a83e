"""Failure classes met in notices written by others (fourth evaluation round).

Each class is tested in Finnish and Swedish with wordings of our own: items
numbered with letters past "h)", ...
"""

from __future__ import annotations

import pytest

from rekisteri_cms.importers import parse_notice


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
        zip(lettered, ["security", "right_of_access", rights, "complaint"])
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
