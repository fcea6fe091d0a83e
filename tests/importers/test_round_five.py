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
