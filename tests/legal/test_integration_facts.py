"""``notice_facts`` and ``section_inputs``: what the check reads of a page's
structured fields and rendered sections."""

from __future__ import annotations

import pytest

from rekisteri_cms.completeness import check_text, notice_facts, section_inputs
from rekisteri_cms.legal import MISSING, PRESENT
from tests.factories import ControllerFactory
from tests.legal_fixtures import p, report_of, stream

pytestmark = pytest.mark.django_db


def facts(sections, controller=None, language="fi"):
    return notice_facts(stream(sections), controller, language)


def test_cells_and_terms_are_kept_apart_in_the_checked_text():
    html = (
        "<dl><dt>Oikeusperuste</dt><dd>Oikeutetut edut</dd></dl>"
        "<table><tr><th>Tiedot</th><th>Säilytysaika</th></tr>"
        "<tr><td>Asiakastiedot</td><td>2 vuotta</td></tr></table>"
    )
    assert check_text(html).splitlines() == [
        "Oikeusperuste: Oikeutetut edut",
        "Tiedot: Säilytysaika",
        "Asiakastiedot: 2 vuotta",
    ]


def test_a_purpose_on_legitimate_interests_needs_the_interest_described():
    """The rendered "Legal basis" term and its value glued together
    ("OikeusperusteOikeutetut …") once read as a described interest."""
    purpose = (
        "purpose",
        {
            "purposes_detailed": [
                {"purpose": "Markkinointi", "legal_basis": "f",
                 "legitimate_interest": "Asiakassuhde."},
            ]
        },
    )  # fmt: skip
    report = report_of([purpose])
    assert report.items.status("legitimate_interests") == MISSING


def test_section_inputs_read_the_typed_fields_as_text():
    (retention,) = section_inputs(
        stream([("retention", {"periods": [{"data": "Asiakastiedot", "period": "3 vuotta"}]})]),
        "fi",
    )  # fmt: skip
    assert "Asiakastiedot: 3 vuotta" in retention.text


def test_an_empty_section_has_no_text():
    (complaint,) = section_inputs(stream([("complaint", {})]), "fi")
    assert complaint.text == ""


# Identity and the DPO --------------------------------------------------------------


def test_identity_by_field_when_the_section_shows_the_snippet(locale_fi):
    controller = ControllerFactory(name="Esimerkki Oy")
    present = facts([("controller", {"controller": controller.pk})], controller)
    assert "identity" in present.present_by_field


def test_identity_is_read_from_the_text_when_the_editor_wrote_the_section(locale_fi):
    """The section then shows the editor's text, not the snippet's address."""
    controller = ControllerFactory(name="Esimerkki Oy")
    sections = [
        ("controller", {"controller": controller.pk, "body": p("Esimerkki Oy")})
    ]
    assert "identity" not in facts(sections, controller).present_by_field
    report = report_of(sections, controller)
    assert report.items.status("identity") == MISSING


def test_dpo_contact_by_the_dpo_section_fields():
    present = facts([("dpo", {"name": "Maija Malli", "email": "dpo@example.com"})])
    assert "dpo@example.com" in present.present_by_field["dpo_contact"]


def test_dpo_contact_by_the_controller_snippet(locale_fi):
    controller = ControllerFactory(has_dpo=True, dpo_email="dpo@example.com")
    result = facts([("controller", {"controller": controller.pk})], controller)
    assert result.dpo_appointed is True
    assert "dpo_contact" in result.present_by_field


def test_no_dpo_on_the_snippet_is_a_fact(locale_fi):
    controller = ControllerFactory(has_dpo=False)
    assert (
        facts([("controller", {"controller": controller.pk})], controller).dpo_appointed
        is False
    )


# Bases, purposes, requirement, special categories -----------------------------------


def test_bases_come_from_the_section_and_from_each_purpose():
    result = facts(
        [
            (
                "purpose",
                {"purposes_detailed": [{"purpose": "Laskutus", "legal_basis": "c"}]},
            ),
            ("legal_basis", {"bases": ["b"]}),
        ]
    )
    assert result.bases == frozenset({"b", "c"})
    assert {"purposes", "legal_basis"} <= set(result.present_by_field)


def test_no_basis_chosen_states_no_basis():
    result = facts([("purpose", {"purposes": ["Laskutus"]})])
    assert result.bases is None
    assert "legal_basis" not in result.present_by_field
    assert "purposes" in result.present_by_field


@pytest.mark.parametrize(
    ("requirement", "consequences", "stated"),
    [
        ("voluntary", "", True),
        ("contract_entry", "Ilman tietoja tilausta ei voi toimittaa.", True),
        ("statutory", "Ilman henkilötunnusta palkkaa ei voi maksaa.", True),
        ("contractual", "", False),
        ("", "", False),
    ],
)
def test_requirement_needs_its_consequences_unless_voluntary(
    requirement, consequences, stated
):
    result = facts(
        [
            (
                "legal_basis",
                {"requirement": requirement, "requirement_consequences": consequences},
            )
        ]
    )
    assert ("requirement" in result.present_by_field) is stated


def test_special_categories_flag_and_condition():
    result = facts(
        [
            (
                "legal_basis",
                {"special_categories": True, "special_categories_condition": ["a"]},
            )
        ]
    )
    assert result.special_categories is True
    assert "9(2)(a)" in result.present_by_field["special_categories_condition"]


def test_special_condition_counts_when_flagged_on_a_data_category():
    result = facts(
        [
            ("legal_basis", {"special_categories_condition": ["h"]}),
            ("data_content", {"categories": [
                {"category": "Terveystiedot", "items": "Allergiat", "special_category": True},
            ]}),
        ]
    )  # fmt: skip
    assert result.special_categories is True
    assert "special_categories_condition" in result.present_by_field


# Sources and collection -------------------------------------------------------------


@pytest.mark.parametrize(
    ("collected_from", "collection"),
    [
        ("data_subject", "subject"),
        ("elsewhere", "elsewhere"),
        ("both", "both"),
        ("", None),
    ],
)
def test_collected_from_is_the_collection(collected_from, collection):
    assert (
        facts([("data_sources", {"collected_from": collected_from})]).collection
        == collection
    )


def test_sources_by_field_name_a_source_other_than_the_data_subject():
    only_subject = facts(
        [("data_sources", {"collected_from": "both",
                           "sources_detailed": [{"kind": "data_subject"}]})]
    )  # fmt: skip
    assert "sources" not in only_subject.present_by_field
    with_register = facts(
        [("data_sources", {"collected_from": "both", "sources_detailed": [
            {"kind": "data_subject"}, {"kind": "authority", "description": "Väestötietojärjestelmä"},
        ]})]
    )  # fmt: skip
    assert "sources" in with_register.present_by_field


# Recipients and transfers -------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "stated"),
    [
        ({"no_regular_disclosures": True}, True),
        ({"recipients": [{"recipient": "Kuljetusyhtiöt", "role": "controller"}]}, True),
        ({}, False),
    ],
)
def test_recipients_by_field(value, stated):
    assert ("recipients" in facts([("disclosures", value)]).present_by_field) is stated


def destination(**kwargs):
    return {"country": "Yhdysvallat", "recipient": "Sähköpostipalvelu", **kwargs}


@pytest.mark.parametrize(
    ("value", "stated"),
    [
        ({"transfers": "none"}, True),
        ({"transfers": "yes", "destinations": [destination(mechanism="adequacy")]}, True),
        ({"transfers": "yes", "destinations": [destination(mechanism="derogation", derogation_point="a")]}, True),
        ({"transfers": "yes", "destinations": [destination(mechanism="scc", copy_info="Pyytämällä osoitteesta tietosuoja@example.com.")]}, True),
        ({"transfers": "yes", "destinations": [destination(mechanism="bcr", copy_url="https://example.com/bcr")]}, True),
        # A safeguard without the way to obtain its copy (13(1)(f)).
        ({"transfers": "yes", "destinations": [destination(mechanism="scc")]}, False),
        # One destination of two without a ground.
        ({"transfers": "yes", "destinations": [destination(mechanism="adequacy"), destination(country="Intia")]}, False),
        ({"transfers": "yes"}, False),
    ],
)  # fmt: skip
def test_transfers_by_field_per_destination(value, stated):
    assert (
        "transfers" in facts([("transfers_outside_eea", value)]).present_by_field
    ) is stated


# Rights, complaint, automated decisions ---------------------------------------------


@pytest.mark.parametrize(
    ("choice", "item"),
    [
        ("access", "right_access"),
        ("rectification", "right_rectification"),
        ("erasure", "right_erasure"),
        ("restriction", "right_restriction"),
        ("portability", "right_portability"),
        ("object", "right_object"),
        ("withdraw_consent", "withdraw_consent"),
    ],
)
def test_each_right_chosen_states_its_item(choice, item):
    result = facts([("data_subject_rights", {"rights": [choice]})])
    assert set(result.present_by_field) == {item}


def test_complaint_by_field_needs_the_authority():
    assert "complaint" not in facts([("complaint", {})]).present_by_field
    assert (
        "complaint"
        in facts(
            [("complaint", {"authority": "Tietosuojavaltuutetun toimisto"})]
        ).present_by_field
    )


@pytest.mark.parametrize(
    ("value", "stated"),
    [
        ({"used": "no"}, True),
        (
            {
                "used": "yes",
                "logic": "Luottopäätös tehdään maksuhistorian perusteella.",
            },
            True,
        ),
        ({"used": "yes", "logic": ""}, False),
        ({}, False),
    ],
)
def test_automated_decisions_by_field(value, stated):
    assert (
        "automated_decisions"
        in facts([("automated_decisions", value)]).present_by_field
    ) is stated


def test_a_field_fact_makes_the_item_present_as_a_field():
    report = report_of([("automated_decisions", {"used": "no"})])
    result = report.items.result("automated_decisions")
    assert (result.status, result.evidence_kind) == (PRESENT, "field")


def test_sections_are_read_in_the_notice_language_whatever_the_editors():
    """The labels of typed fields are part of what readers see: a Swedish
    notice checked by an editor working in Finnish is read in Swedish."""
    from django.utils import translation

    body = stream([("disclosures", {"no_regular_disclosures": True})])
    with translation.override("fi"):
        in_finnish_admin = section_inputs(body, "sv")[0].text
    with translation.override("en"):
        in_english_admin = section_inputs(body, "sv")[0].text
    assert in_finnish_admin == in_english_admin
    assert "utlämna" in in_finnish_admin or "mottagare" in in_finnish_admin


def test_a_table_s_column_labels_are_not_read():
    text = check_text(
        "<table><thead><tr><th>Vastaanottaja</th><th>Tarkoitus</th></tr></thead>"
        "<tbody><tr><td>Kuljetusyhtiöt</td><td>Toimitukset</td></tr></tbody></table>"
    )
    assert text == "Kuljetusyhtiöt: Toimitukset"
