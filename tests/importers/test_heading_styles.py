"""More ways notices written by others number, word and lay out their headings.

Each group is one class of heading the importer used to miss, tested in Finnish
and in Swedish: Roman and letter numbering.
"""

from __future__ import annotations

import pytest

from rekisteri_cms.importers import parse_notice
from rekisteri_cms.importers.lines import LETTERS, ROMAN, heading_number

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
