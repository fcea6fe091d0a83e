"""The demo's GDPR example gives every GDPR 13/14 information item by itself,
with no reviewer's override, and a converted legacy seed is held back until an
editor writes what it lacks."""

from __future__ import annotations

import pytest

from project.demo import ensure_example
from rekisteri_cms.completeness import IncompleteNoticeError
from rekisteri_cms.legal import NOT_APPLICABLE, PRESENT
from tests.legal_fixtures import KONEKESKO_SEED, converted_seed, p, replace_section

pytestmark = pytest.mark.django_db


@pytest.fixture
def example(index, locale_fi, editor, reviewer):
    return ensure_example(index, locale_fi, {"editor": editor, "reviewer": reviewer})


def test_demo_example_gives_every_item_without_overrides(example):
    report = example.completeness()
    assert report.overrides == {}
    assert report.items.missing == []
    assert report.missing == []


def test_demo_example_is_published_through_the_review(example):
    version = example.current_version()
    assert (version.number, version.approval_step) == (1, "legal_review")
    completeness = version.document["completeness"]
    assert completeness["missing"] == []
    assert {row["status"] for row in completeness["items"]} == {
        PRESENT,
        NOT_APPLICABLE,
    }


def test_demo_example_only_special_categories_are_not_applicable(example):
    statuses = {r.code: r.status for r in example.completeness().items.items}
    assert [code for code, s in statuses.items() if s == NOT_APPLICABLE] == [
        "special_categories_condition"
    ]


@pytest.mark.parametrize(
    ("item", "evidence"),
    [
        ("legal_basis", "6(1)(a), 6(1)(b), 6(1)(c), 6(1)(f)"),
        ("requirement", "Sopimuksen tekemisen edellytys"),
        ("transfers", "Yhdysvallat"),
        ("right_object", "Oikeus vastustaa käsittelyä"),
        ("withdraw_consent", "Oikeus peruuttaa suostumus"),
        ("complaint", "Tietosuojavaltuutetun toimisto"),
        ("automated_decisions", "Ei automaattisia päätöksiä"),
    ],
)
def test_demo_example_states_the_items_by_its_fields(example, item, evidence):
    result = example.completeness().items.result(item)
    assert (result.status, result.evidence_kind) == (PRESENT, "field")
    assert evidence in result.evidence


def test_demo_example_describes_its_legitimate_interest(example):
    result = example.completeness().items.result("legitimate_interests")
    assert result.status == PRESENT
    assert "Oikeutettu etumme on pitää verkkokauppa toimivana" in result.evidence


def test_demo_example_retention_names_the_bookkeeping_act(example):
    html = "".join(
        str(block.render(context={"fragment": True, "language": "fi"}))
        for block in example.body
        if block.block_type == "retention"
    )
    assert "kirjanpitolaki 2 luku 10 §" in html
    assert "6 vuotta" in html and "10 vuotta" in html


def test_demo_example_data_subject_rights_choose_every_right(example):
    from rekisteri_cms.blocks.choices import RIGHT_CHOICES

    (rights,) = [b.value for b in example.body if b.block_type == "data_subject_rights"]
    assert set(rights["rights"]) == {value for value, _label in RIGHT_CHOICES}
    assert rights["request_channel"]["email"]
    assert rights["request_channel"]["postal_address"]
    assert "21 artiklan 2 kohta" in rights["objection_statement"]


# A converted legacy seed ---------------------------------------------------------------

#: What Konekesko's register description lacks as a GDPR notice: the sections that
#: "Convert to GDPR notice" adds are empty, and an empty section states nothing.
KONEKESKO_MISSING = {
    "legal_basis",
    "retention",
    "right_access",
    "right_rectification",
    "right_erasure",
    "right_restriction",
    "complaint",
}


@pytest.fixture
def konekesko(index, admin):
    return converted_seed(KONEKESKO_SEED, index, admin)


def test_converted_seed_lacks_the_items_the_legacy_form_never_asked_for(konekesko):
    report = konekesko.completeness()
    assert konekesko.framework == "gdpr"
    assert set(report.missing_items) >= KONEKESKO_MISSING
    assert report.blocks_publishing


def test_converted_seed_cannot_be_published(konekesko, admin):
    revision = konekesko.get_latest_revision()
    with pytest.raises(IncompleteNoticeError):
        revision.publish(user=admin)
    konekesko.refresh_from_db()
    assert not konekesko.live


def test_converted_seed_weak_wordings_do_not_fill_the_gaps(konekesko):
    """What a hurried editor might write: none of it gives the information."""
    replace_section(konekesko, "legal_basis", {"body": p("Asiakassuhde.")})
    replace_section(konekesko, "retention", {"body": p("Tarpeen mukaan.")})
    replace_section(
        konekesko, "data_subject_rights", {"body": p("Ks. henkilötietolaki.")}
    )
    report = konekesko.completeness()
    assert set(report.missing_items) >= KONEKESKO_MISSING


def lawful_konekesko(page) -> None:
    """What an editor writes into the converted Konekesko draft."""
    replace_section(
        page,
        "legal_basis",
        {
            "bases": ["b", "f"],
            "legitimate_interests": "Oikeutettu etumme on markkinoida omia "
            "tuotteitamme nykyisille asiakkaillemme ja kehittää verkkokauppaa.",
            "requirement": "contract_entry",
            "requirement_consequences": "Ilman yhteys- ja toimitustietoja emme "
            "voi toimittaa tilausta.",
        },
    )
    replace_section(
        page,
        "retention",
        {
            "periods": [
                {
                    "data": "Asiakastiedot",
                    "period": "2 vuotta asiakassuhteen päätyttyä",
                },
                {"data": "Kirjanpitoaineisto", "period": "10 vuotta (kirjanpitolaki)"},
            ]
        },
    )
    replace_section(
        page,
        "data_subject_rights",
        {
            "rights": [
                "access", "rectification", "erasure", "restriction",
                "portability", "object",
            ],
            "request_channel": {"email": "tietosuoja@konekesko.invalid"},
            "objection_statement": "Voit vastustaa tietojesi käsittelyä "
            "suoramarkkinointia varten milloin tahansa.",
        },
    )  # fmt: skip
    replace_section(
        page,
        "complaint",
        {"authority": "Tietosuojavaltuutetun toimisto"},
    )
    replace_section(
        page,
        "transfers_outside_eea",
        {
            "transfers": "none",
            "body": p("Emme siirrä tietoja EU:n tai ETA:n ulkopuolelle."),
        },
    )
    replace_section(page, "automated_decisions", {"used": "no"})


def test_converted_seed_passes_once_the_editor_writes_what_it_lacks(konekesko, admin):
    lawful_konekesko(konekesko)
    report = konekesko.completeness()
    assert report.missing_items == []
    assert not report.blocks_publishing
    revision = konekesko.save_revision(user=admin, clean=False)
    revision.publish(user=admin)
    konekesko.refresh_from_db()
    assert konekesko.live
    assert konekesko.current_version().document["completeness"]["missing"] == []
