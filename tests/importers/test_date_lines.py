"""A date on a line with no heading of its own is the document's date, not a section.

"Päivitetty 1.3.2024", "Uppdaterad 15.4.2023", "Hallitus hyväksynyt 12.1.2022":
such a line stays the text of the section it ends (or of the introduction), and
the notice reports it as ``document_date``. A date under a heading of its own
("14. Päiväys", "Datum") is a ``date`` section as before. A page built from the
import still gets its date section from the line.
"""

from __future__ import annotations

import pytest

from rekisteri_cms.importers import parse_date, parse_notice, stream_data

FI_CLOSING = """Rekisterinpitäjä
Kotiseutuyhdistys Pihlaja ry, Kirkkotie 4, 41800 Korpilahti

Mihin tietoja käytetään
Jäsenmaksujen perintään ja jäsenkirjeiden lähettämiseen.

Säilytysaika
Tiedot poistetaan kahden vuoden kuluttua eroamisesta.
{date}
"""

SV_CLOSING = """Personuppgiftsansvarig
Hembygdsföreningen Rönn rf, Kyrkvägen 4, 10600 Ekenäs

Syftet med behandlingen
Att ta ut medlemsavgifter och skicka medlemsbrev.

Lagringstid
Uppgifterna raderas två år efter att medlemskapet har upphört.
{date}
"""


@pytest.mark.parametrize(
    ("text", "line", "iso"),
    [
        (FI_CLOSING, "Päivitetty 3.2.2025", "2025-02-03"),
        (FI_CLOSING, "Hallitus hyväksynyt 14.1.2023", "2023-01-14"),
        (FI_CLOSING, "Laadittu 20.8.2010", "2010-08-20"),
        (SV_CLOSING, "Uppdaterad 3.2.2025", "2025-02-03"),
        (SV_CLOSING, "Fastställd av styrelsen 14.1.2023", "2023-01-14"),
        (SV_CLOSING, "Datum för upprättande: 20.8.2010", "2010-08-20"),
    ],
    ids=["fi-updated", "fi-approved", "fi-drawn-up", "sv-updated", "sv-approved",
         "sv-drawn-up"],
)  # fmt: skip
def test_closing_date_line_stays_in_the_last_section(text, line, iso):
    notice = parse_notice(text.format(date=line))
    assert notice.keys == ["controller", "purpose", "retention"]
    assert notice.sections[-1].text.endswith(line)
    assert notice.document_date == iso
    assert notice.as_json()["document_date"] == iso


@pytest.mark.parametrize(
    ("text", "line"),
    [(FI_CLOSING, "Päivitetty 3.2.2025"), (SV_CLOSING, "Uppdaterad 3.2.2025")],
    ids=["fi", "sv"],
)
def test_page_from_the_import_still_has_the_date_section(text, line):
    data = stream_data(parse_notice(text.format(date=line)))
    # (a GDPR notice's missing sections follow as empty placeholders)
    assert [block["type"] for block in data[:4]] == [
        "controller",
        "purpose",
        "retention",
        "date",
    ]
    assert line not in data[2]["value"]["body"]
    assert data[3]["value"]["date"] == "2025-02-03"
    assert data[3]["value"]["heading"] == line.split()[0]


@pytest.mark.parametrize(
    ("text", "heading"),
    [
        (FI_CLOSING.replace("{date}", "\n14. Päiväys\n3.2.2025"), "14. Päiväys"),
        (SV_CLOSING.replace("{date}", "\nDatum\n3.2.2025"), "Datum"),
    ],
    ids=["fi", "sv"],
)
def test_date_under_its_own_heading_is_a_section(text, heading):
    notice = parse_notice(text)
    assert notice.keys[-1] == "date"
    assert notice.sections[-1].heading == heading
    assert notice.section("date").data == {"date": "2025-02-03"}
    assert notice.document_date == "2025-02-03"
    # The page keeps the one date section the text has.
    assert [b["type"] for b in stream_data(notice)].count("date") == 1


def test_notice_without_a_date_has_no_document_date():
    notice = parse_notice(FI_CLOSING.format(date=""))
    assert notice.document_date is None
    assert "date" not in [b["type"] for b in stream_data(notice)]


def test_english_month_names_are_read():
    assert parse_date("Last updated: 1 October 2025").isoformat() == "2025-10-01"
