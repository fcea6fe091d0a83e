"""Contact details in a section's text (``importers.contacts``).

Disguised e-mail addresses, phone numbers, FO-nummer, a wrong check digit, form
labels on their own lines. No database.
"""

from __future__ import annotations

import pytest
from django.utils import translation

from rekisteri_cms.importers import deobfuscate_email, extract_contact_details


@pytest.mark.parametrize(
    ("line", "email"),
    [
        ("nimi(at)firma.fi", "nimi@firma.fi"),
        ("nimi [at] firma.fi", "nimi@firma.fi"),
        ("Sähköposti: etunimi.sukunimi@firma.fi", "etunimi.sukunimi@firma.fi"),
    ],
)
def test_email_forms(line, email):
    assert extract_contact_details(["Yritys Oy", line])["email"] == email


@pytest.mark.parametrize(
    "line", ["Puh. 0400 417 447", "p. 040-0417447", "puh. 0400 - 417 447"]
)
def test_phone_forms(line):
    assert extract_contact_details(["Yritys Oy", line])["phone"] == "+358400417447"


@pytest.mark.parametrize(
    ("value", "email"),
    [
        ("nimi(at)firma.fi", "nimi@firma.fi"),
        ("nimi [at] firma [dot] fi", "nimi@firma.fi"),
        ("nimi ät firma.fi", "nimi@firma.fi"),
        ("nimi at firma dot fi", "nimi@firma.fi"),
        ("nimi(ät)firma(piste)fi", "nimi@firma.fi"),
        ("etu.suku{at}firma.fi", "etu.suku@firma.fi"),
    ],
)
def test_disguised_email_addresses(value, email):
    assert extract_contact_details(["Yritys Oy", value])["email"] == email


def test_deobfuscation_leaves_text_alone():
    text = "Tapaamme at the office. Ovet aukeavat klo 8."
    assert deobfuscate_email(text) == text


@pytest.mark.parametrize(
    "line",
    [
        "FO-nummer: 2311066-7",
        "FO-nr 2311066-7",
        "Företags- och organisationsnummer 2311066-7",
        "Y-tunnus: 2311066-7",
        "Säätiön Y-tunnus on 2311066-7.",
        "Y-tunnuksemme on 2311066-7",
        "Stiftelsens FO-nummer är 2311066-7.",
    ],
)
def test_business_id_labels(line):
    assert extract_contact_details(["Yritys Ab", line])["business_id"] == "2311066-7"


def test_wrong_check_digit_is_a_warning_and_never_fixed():
    warnings: list[str] = []
    with translation.override("en"):
        details = extract_contact_details(
            ["Yritys Ab", "FO-nummer 2311066-8"], warn=lambda m: warnings.append(str(m))
        )
    assert details["business_id"] is None
    assert warnings == [
        "the check digit of the business ID (Y-tunnus) 2311066-8 is wrong; the "
        "business ID was left empty."
    ]


def test_form_labels_on_their_own_lines():
    details = extract_contact_details(
        ["Nimi", "Parturi Esimerkki", "Osoite", "Katu 1, 87100 Kajaani"]
    )
    assert (details["name"], details["postal_code"], details["locality"]) == (
        "Parturi Esimerkki",
        "87100",
        "Kajaani",
    )


def test_labelled_phone_with_a_note():
    details = extract_contact_details(["Yritys Oy", "puh. 040 123 4567 (arkisin)"])
    assert details["phone"] == "+358401234567"


def test_swedish_phone_label():
    details = extract_contact_details(["Yritys Ab", "tfn 040 123 4567"])
    assert details["phone"] == "+358401234567"
