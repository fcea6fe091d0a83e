"""Plain-language headings read by their lemmas, in Finnish, Swedish and English.

Headings written as questions or as plain speech name their topic with common
words in any inflection: "Mihin tarvitsemme tietojasi?", "Vem får se
uppgifterna?", "How we use your information". The key terms of the vocabulary
data file are lemmas, so each wording here is one of the ordinary ways to name
the topic, not a listed spelling. Also: a person "responsible for" the register
is its contact person; a short question ending in a colon heads its answer and
is not the lead-in of a list; a line naming the document before the first heading
is front matter even when a lemma of its description names a topic.
"""

from __future__ import annotations

import pytest

from rekisteri_cms.importers import match_heading, parse_notice


@pytest.mark.parametrize(
    ("heading", "key"),
    [
        # Finnish
        ("Mihin tarvitsemme henkilötietojasi?", "purpose"),
        ("Miksi tarvitsemme näitä tietoja", "purpose"),
        ("Kuka näkee tietosi?", "disclosures"),
        ("Kuka katsoo kuvatallenteita?", "disclosures"),
        ("Haluatko nähdä, mitä olemme sinusta tallentaneet?", "right_of_access"),
        ("Jos haluat nähdä omat tietosi", "right_of_access"),
        ("Näin peruutat uutiskirjeen tilauksen", "right_to_object"),
        ("Tallentuvat tiedot", "data_content"),
        ("Henkilötietojen käsittelijät", "disclosures"),
        # Swedish
        ("Vad används uppgifterna till?", "purpose"),
        ("Vem får se uppgifterna?", "disclosures"),
        ("Till vem lämnas uppgifterna ut?", "disclosures"),
        ("Personuppgifter vi behandlar", "data_content"),
        ("Vill du veta vad vi har om dig?", "right_of_access"),
        ("Så avbeställer du nyhetsbrevet", "right_to_object"),
        ("Personuppgiftsbiträden", "disclosures"),
        # English
        ("How we use your information", "purpose"),
        ("Who are we?", "controller"),
        ("What information do we collect?", "data_content"),
        ("Categories of data we hold", "data_content"),
        ("Who receives the information", "disclosures"),
        ("Processors we use", "disclosures"),
        ("Where your information is stored", "transfers_outside_eea"),
        ("How long do we keep it?", "retention"),
        ("Storage of your data", "retention"),
        ("Your supervisory authority", "complaint"),
        ("How to unsubscribe", "right_to_object"),
    ],
)
def test_plain_language_heading(heading, key):
    found = match_heading(heading)
    assert found is not None and found.key == key


@pytest.mark.parametrize(
    "heading",
    [
        "Rekisteristä vastaava henkilö",
        "Hankkeesta vastaava tutkija",
        "Rekisteristä vastaava viranhaltija",
        "Ansvarig person för registret",
        "Ansvarig tjänsteinnehavare",
    ],
)
def test_person_responsible_for_the_register_is_the_contact_person(heading):
    found = match_heading(heading)
    assert found is not None and found.key == "contact_person"


@pytest.mark.parametrize(
    "heading", ["Haluatko tietää lisää?", "Vill du veta mer?", "Want to know more?"]
)
def test_wanting_to_know_more_is_not_the_right_of_access(heading):
    # Wanting to know or see is the right of access only about one's own data.
    found = match_heading(heading)
    assert found is None or found.key != "right_of_access"


def test_bilingual_heading_is_read_by_either_half():
    for heading in ("Käsittelijät / Processors", "Biträden / Processors"):
        found = match_heading(heading)
        assert found is not None and found.key == "disclosures"


@pytest.mark.parametrize(
    ("text", "heading", "key"),
    [
        (
            "Rekisterinpitäjä:\nMetsästysseura Hirvas ry, Seuratie 2, 88900 Kuhmo\n\n"
            "Mihin tietoja käytetään:\nJäsenmaksujen perintään.\n\n"
            "Kenestä tietoja kerätään:\nSeuran jäsenistä ja heidän huoltajistaan.\n\n"
            "Säilytysaika:\nKaksi vuotta eroamisen jälkeen.\n",
            "Kenestä tietoja kerätään:",
            "data_subjects",
        ),
        (
            "Personuppgiftsansvarig:\nJaktföreningen Älgen rf, Föreningsvägen 2, "
            "66100 Malax\n\n"
            "Vad används uppgifterna till:\nTill att ta ut medlemsavgifter.\n\n"
            "Vilka uppgifter samlar vi in:\nNamn, adress och telefonnummer.\n\n"
            "Lagringstid:\nTvå år efter att medlemskapet upphört.\n",
            "Vilka uppgifter samlar vi in:",
            "data_content",
        ),
    ],
    ids=["fi", "sv"],
)
def test_short_question_with_a_colon_heads_its_answer(text, heading, key):
    notice = parse_notice(text)
    assert [s.heading for s in notice.sections][2] == heading
    assert notice.sections[2].key == key
    assert len(notice.sections) == 4


@pytest.mark.parametrize(
    ("title", "first"),
    [
        ("TALLENTAVA KULUNVALVONTA – TIETOSUOJASELOSTE", "REKISTERINPITÄJÄ"),
        ("LAGRING AV BESÖKARUPPGIFTER – DATASKYDDSBESKRIVNING", "PERSONUPPGIFTSANSVARIG"),
    ],
    ids=["fi", "sv"],
)  # fmt: skip
def test_line_naming_the_document_is_front_matter(title, first):
    text = (
        f"BOSTADS AB GRANEN\n{title}\n\n{first}\nBostads Ab Granen, Granvägen 1, "
        "65100 Vasa\n\nSYFTET MED BEHANDLINGEN\nAtt förebygga skadegörelse.\n"
    )
    notice = parse_notice(text)
    assert notice.keys == ["controller", "purpose"]
