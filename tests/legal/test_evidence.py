"""Sentences, lemmas, the pattern language and the evidence found for an item."""

from __future__ import annotations

import pytest

from rekisteri_cms.legal import Facts, SectionInput, check_items
from rekisteri_cms.legal.evidence import Notice, find_item
from rekisteri_cms.legal.items import ITEMS_BY_CODE
from rekisteri_cms.legal.patterns import compile_pattern
from rekisteri_cms.legal.text import sentences, tokens
from rekisteri_cms.legal.vocabulary import vocabulary


def test_sentences_respect_abbreviations_and_dates():
    got = [
        s.text
        for s in sentences(
            "Säilytämme esim. laskut 6 vuotta. Päivitetty 31.5.2018. Uusi lause.", "fi"
        )
    ]
    assert got == [
        "Säilytämme esim. laskut 6 vuotta.",
        "Päivitetty 31.5.2018.",
        "Uusi lause.",
    ]
    # An initial or a day of a date does not end a sentence.
    assert (
        len(
            sentences("Yhteyshenkilö M. Virtanen vastaa. Päiväys 31. Toukokuuta.", "fi")
        )
        == 2
    )
    sv = [s.text for s in sentences("Vi sparar t.ex. fakturor. Se nedan.", "sv")]
    assert sv == ["Vi sparar t.ex. fakturor.", "Se nedan."]


def test_list_items_keep_their_lead_in():
    units = sentences(
        "Sinulla on oikeus:\n\n1. tarkastaa tietosi\n- pyytää poistoa\n\nMuuta tekstiä.",
        "fi",
    )
    assert [u.text for u in units] == [
        "Sinulla on oikeus:",
        "tarkastaa tietosi",
        "pyytää poistoa",
        "Muuta tekstiä.",
    ]
    assert units[1].lead == "Sinulla on oikeus:"
    assert units[1].quote == "Sinulla on oikeus: tarkastaa tietosi"
    assert units[3].lead == ""


def test_tokens():
    assert tokens("EU:n tai ETA-alueen") == ["eu", "tai", "eta", "alueen"]
    assert (
        "eta" in sentences("EU:n tai ETA-alueen ulkopuolelle.", "fi")[0].surface.split()
    )


@pytest.mark.parametrize(
    ("text", "lang", "negated"),
    [
        ("Emme tee automaattisia päätöksiä.", "fi", True),
        ("Tietoja ei siirretä.", "fi", True),
        ("Tietoja siirretään.", "fi", False),
        ("Vi fattar inga automatiserade beslut.", "sv", True),
        ("Uppgifter överförs inte.", "sv", True),
        ("Uppgifter överförs.", "sv", False),
    ],
)
def test_negation(text, lang, negated):
    assert sentences(text, lang)[0].negated is negated


@pytest.mark.parametrize(
    ("pattern", "text", "lang", "hit"),
    [
        (
            "suostumus",
            "Käsittely perustuu suostumukseesi.",
            "fi",
            False,
        ),  # lemma miss, no prefix
        ("suostum*", "Käsittely perustuu suostumukseesi.", "fi", True),
        ("suostumus", "Annoit suostumuksen.", "fi", True),  # by lemma
        (
            "oikeutet*|oikeuttaa etu*|edu*",
            "rekisterinpitäjän oikeutetun edun perusteella",
            "fi",
            True,
        ),
        (
            "oikeutet*|oikeuttaa etu*|edu*",
            "oikeutettu on myös tässä tapauksessa etu",
            "fi",
            False,
        ),  # too far apart
        ("*viranomai*", "valvontaviranomaiselle", "fi", True),
        ("rätt & granska*", "Du har rätt att granska", "sv", True),
        ("samtycke", "Du kan återkalla samtycket.", "sv", True),
        ("re:\\b\\d+\\s*vuo", "Säilytämme 3 vuotta.", "fi", True),
    ],
)
def test_pattern_language(pattern, text, lang, hit):
    assert compile_pattern(pattern).matches(sentences(text, lang)[0]) is hit


def test_inflected_forms_state_items():
    # Inflections, compounds and word order that differ from the term lists.
    cases = {
        "withdraw_consent": "Suostumuksensa voi peruuttaa milloin tahansa.",
        "complaint": "Rekisteröity voi kääntyä tietosuojavaltuutetun puoleen ja tehdä valituksen.",
        "retention": "Säilytysaika on kaksitoista kuukautta.",
        "right_restriction": "Sinulla on oikeus rajoittaa tietojesi käsittelyä.",
    }
    vocab = vocabulary("fi")
    for code, text in cases.items():
        notice = Notice([SectionInput("other", "", text)], "fi")
        match, _near = find_item(notice, ITEMS_BY_CODE[code], vocab)
        assert match is not None, code


def test_evidence_prefers_the_home_section_and_gives_the_anchor():
    report = check_items(
        [
            SectionInput(
                "purpose",
                "Tarkoitus",
                "Sinulla on oikeus pyytää tietojesi poistamista.",
                anchor="a1",
            ),
            SectionInput(
                "rectification_erasure",
                "Oikaisu ja poistaminen",
                "Voit pyytää virheellisten tietojen korjaamista tai tietojen poistamista.",
                anchor="a2",
            ),
        ],
        Facts(language="fi"),
    )
    result = report.result("right_erasure")
    assert result.section_key == "rectification_erasure"
    assert result.section_anchor == "a2"
    assert result.evidence.startswith("Voit pyytää virheellisten")


def test_covers_make_a_combined_section_a_home():
    section = SectionInput(
        "purpose",
        "Tarkoitus ja oikeusperuste",
        "Tilausten käsittely (sopimus).",
        covers=("legal_basis",),
    )
    report = check_items([section], Facts(language="fi"))
    assert report.status("legal_basis") == "present"
    assert report.bases == frozenset("b")


def test_near_miss_is_quoted_for_retention():
    report = check_items(
        [
            SectionInput(
                "security", "", "Paperiaineisto säilytetään lukitussa kaapissa."
            )
        ],
        Facts(language="fi"),
    )
    result = report.result("retention")
    assert result.status == "missing"
    assert "lukitussa kaapissa" in result.note


def test_a_heading_with_nothing_under_it_states_nothing():
    report = check_items(
        [SectionInput("complaint", "Oikeus tehdä valitus valvontaviranomaiselle", "")],
        Facts(language="fi"),
    )
    assert report.status("complaint") == "missing"


def test_swedish_evidence_of_list_item():
    report = check_items(
        [
            SectionInput(
                "data_subject_rights",
                "Rättigheter",
                "Du har rätt att:\n- få dina uppgifter raderade",
            )
        ],
        Facts(language="sv"),
    )
    result = report.result("right_erasure")
    assert result.status == "present"
    assert result.evidence == "Du har rätt att: få dina uppgifter raderade"


def test_check_is_fast_after_warm_up():
    import time

    from rekisteri_cms.legal import text

    sections = [
        SectionInput(
            "other",
            f"Osio {i}",
            f"Käsittelemme asiakkaan {i} tietoja sopimuksen perusteella. Tiedot säilytetään {i} vuotta. "
            "Sinulla on oikeus tarkastaa tietosi ja pyytää niiden oikaisemista tai poistamista.",
        )
        for i in range(20)
    ]
    check_items(sections, Facts(language="fi"))
    text.sentences.cache_clear()
    start = time.perf_counter()
    check_items(sections, Facts(language="fi"))
    assert time.perf_counter() - start < 0.25  # generous for CI; typically 10-30 ms
