"""Section blocks: validation, headings, content, API shape and templates."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.template.loader import get_template
from wagtail.blocks.stream_block import StreamBlockValidationError
from wagtail.blocks.struct_block import StructBlockValidationError

from rekisteri_cms import blocks
from rekisteri_cms.sections import SECTION_KEYS
from tests.factories import (
    SECTION_BLOCK_FACTORIES,
    AutomatedDecisionsBlockFactory,
    ComplaintBlockFactory,
    ContactPersonBlockFactory,
    ControllerBlockFactory,
    DataContentBlockFactory,
    DisclosuresBlockFactory,
    LegalBasisBlockFactory,
    NoticeStreamBlockFactory,
    OtherBlockFactory,
    PurposeBlockFactory,
    TransfersBlockFactory,
    rich_text,
)

NOTICE_BLOCK = blocks.NoticeStreamBlock()


def child_block(key: str) -> blocks.SectionBlock:
    """The section block that ``NoticeStreamBlock`` uses for ``key``."""
    return NOTICE_BLOCK.child_blocks[key]


def block_errors(block, value) -> dict[str, ValidationError]:
    with pytest.raises(StructBlockValidationError) as excinfo:
        block.clean(value)
    return excinfo.value.block_errors


def empty_value(key: str):
    """A section with nothing written in it."""
    return child_block(key).to_python({})


# --- clean(): valid values -----------------------------------------------------------

# Sections with a foreign key (the controller snippet) need the database.
KEYS_WITHOUT_DB = [key for key in SECTION_KEYS if key != "controller"]


@pytest.mark.parametrize("key", KEYS_WITHOUT_DB)
def test_factory_value_of_section_is_valid(key):
    cleaned = child_block(key).clean(SECTION_BLOCK_FACTORIES[key]())
    assert isinstance(cleaned, blocks.SectionValue)


@pytest.mark.django_db
def test_controller_section_with_a_controller_is_valid():
    value = ControllerBlockFactory()
    assert child_block("controller").clean(value)["controller"] == value["controller"]


@pytest.mark.parametrize("key", SECTION_KEYS)
def test_section_block_has_a_full_meta(key):
    meta = child_block(key).meta
    assert all(
        [meta.icon, meta.label, meta.help_text, meta.description, meta.preview_value]
    )


@pytest.mark.parametrize("key", SECTION_KEYS)
def test_heading_override_and_also_covers_are_behind_more_options(key):
    """Issue 15: the rarely used fields sit in the block's settings area; the
    section's own fields are shown, and the value keeps its order."""
    block = child_block(key)
    layout = block.meta.form_layout
    assert layout.settings == ["heading", "also_covers"]
    assert "heading" not in layout.children and "also_covers" not in layout.children
    assert set(layout.children) | set(layout.settings) == set(block.child_blocks)
    names = list(block.child_blocks)
    assert names[0] == "heading" and names[-1] == "also_covers"


def test_the_settings_area_reaches_the_editor():
    """What the editor's script receives: the settings group, by field name."""
    opts = child_block("purpose").meta.form_layout.js_opts()
    assert [name for name, _ in opts["settings"]] == ["heading", "also_covers"]
    assert [name for name, _ in opts["children"]][0] == "body"


def test_legitimate_interests_basis_with_interests_is_valid():
    value = LegalBasisBlockFactory(bases=["f"], legitimate_interests="Markkinointi.")
    assert child_block("legal_basis").clean(value)["bases"] == ["f"]


def test_transfers_with_countries_and_safeguard_are_valid():
    value = TransfersBlockFactory(
        transfers="yes", countries__0="Yhdysvallat", safeguard="scc"
    )
    assert child_block("transfers_outside_eea").clean(value)["safeguard"] == "scc"


def test_disclosures_with_recipients_only_are_valid():
    value = DisclosuresBlockFactory(
        no_regular_disclosures=False, recipients__0__recipient="Kuljetusyhtiöt"
    )
    cleaned = child_block("disclosures").clean(value)
    assert [r["recipient"] for r in cleaned["recipients"]] == ["Kuljetusyhtiöt"]


def test_automated_decisions_with_logic_are_valid():
    value = AutomatedDecisionsBlockFactory(used="yes", logic="Luottopisteytys.")
    assert child_block("automated_decisions").clean(value)["used"] == "yes"


# --- clean(): invalid input ----------------------------------------------------------


def test_legitimate_interests_basis_without_interests_is_refused():
    value = LegalBasisBlockFactory(bases=["a", "f"], legitimate_interests="")
    errors = block_errors(child_block("legal_basis"), value)
    assert list(errors) == ["legitimate_interests"]


def test_transfers_yes_without_countries_is_refused():
    value = TransfersBlockFactory(transfers="yes", safeguard="scc")
    errors = block_errors(child_block("transfers_outside_eea"), value)
    assert errors["safeguard"].code == "transfer_details_required"


def test_transfers_yes_without_safeguard_is_refused():
    value = TransfersBlockFactory(transfers="yes", countries__0="Intia", safeguard="")
    errors = block_errors(child_block("transfers_outside_eea"), value)
    assert errors["safeguard"].code == "transfer_details_required"


def test_disclosures_both_none_and_recipients_is_refused():
    value = DisclosuresBlockFactory(
        no_regular_disclosures=True, recipients__0__recipient="Kuljetusyhtiöt"
    )
    errors = block_errors(child_block("disclosures"), value)
    assert errors["recipients"].code == "contradictory_disclosures"


def test_automated_decisions_yes_without_logic_is_refused():
    value = AutomatedDecisionsBlockFactory(used="yes", logic="  ")
    errors = block_errors(child_block("automated_decisions"), value)
    assert errors["logic"].code == "logic_required"


def test_invalid_contact_phone_is_a_field_error():
    value = ContactPersonBlockFactory(phone="123")
    errors = block_errors(child_block("contact_person"), value)
    assert list(errors) == ["phone"]


def test_invalid_contact_email_is_a_field_error():
    value = ContactPersonBlockFactory(email="ei-sahkoposti")
    errors = block_errors(child_block("contact_person"), value)
    assert list(errors) == ["email"]


def test_valid_contact_phone_is_normalised_to_e164():
    value = ContactPersonBlockFactory(phone="0400 417 447")
    assert child_block("contact_person").clean(value)["phone"] == "+358400417447"


def test_other_section_requires_a_heading():
    value = OtherBlockFactory(heading="")
    errors = block_errors(child_block("other"), value)
    assert list(errors) == ["heading"]


def test_data_category_requires_a_category_name():
    value = DataContentBlockFactory(categories__0__category="")
    errors = block_errors(child_block("data_content"), value)
    assert list(errors) == ["categories"]


# --- NoticeStreamBlock ---------------------------------------------------------------


def test_notice_stream_block_has_one_block_per_section_key():
    assert tuple(NOTICE_BLOCK.child_blocks) == SECTION_KEYS


def test_notice_stream_refuses_a_second_block_of_the_same_key():
    stream = NoticeStreamBlockFactory(**{"0": "purpose", "1": "purpose"})
    with pytest.raises(StreamBlockValidationError):
        NOTICE_BLOCK.clean(stream)


def test_notice_stream_allows_two_other_blocks():
    stream = NoticeStreamBlockFactory(**{"0": "other", "1": "other"})
    assert [child.block_type for child in NOTICE_BLOCK.clean(stream)] == [
        "other",
        "other",
    ]


def test_notice_stream_allows_different_keys():
    stream = NoticeStreamBlockFactory(**{"0": "purpose", "1": "retention"})
    assert len(NOTICE_BLOCK.clean(stream)) == 2


# --- Headings ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("fi", "Henkilötietojen käsittelyn tarkoitus"),
        ("sv", "Ändamålet med behandlingen av personuppgifter"),
        ("en", "Purpose of processing"),
    ],
)
def test_heading_text_falls_back_to_the_canonical_heading(language, expected):
    assert PurposeBlockFactory(heading="").heading_text(language) == expected


def test_heading_text_of_unknown_language_is_finnish():
    value = PurposeBlockFactory(heading="")
    assert value.heading_text("de") == "Henkilötietojen käsittelyn tarkoitus"


def test_heading_text_of_regional_language_uses_the_language():
    value = PurposeBlockFactory(heading="")
    assert (
        value.heading_text("sv-FI") == "Ändamålet med behandlingen av personuppgifter"
    )


def test_editors_heading_wins_over_the_canonical_heading():
    value = PurposeBlockFactory(heading="Rekisterin käyttötarkoitus ")
    assert value.heading_text("sv") == "Rekisterin käyttötarkoitus"


def test_blank_heading_falls_back_to_the_canonical_heading():
    value = PurposeBlockFactory(heading="   ")
    assert value.heading_text("en") == "Purpose of processing"


# --- has_content ---------------------------------------------------------------------


# The complaint section names the Ombudsman even when left empty (see below).
@pytest.mark.parametrize("key", [k for k in KEYS_WITHOUT_DB if k != "complaint"])
def test_empty_section_has_no_content(key):
    assert not empty_value(key).has_content()


def test_body_text_is_content():
    value = PurposeBlockFactory(purposes=[], body=rich_text("<p>Laskutus.</p>"))
    assert value.has_content()


def test_body_with_only_markup_is_not_content():
    value = PurposeBlockFactory(purposes=[], body=rich_text("<p> </p><p><br></p>"))
    assert not value.has_content()


def test_typed_field_alone_is_content():
    value = PurposeBlockFactory(body=rich_text(""), purposes__0="Laskutus")
    assert value.has_content()


def test_heading_alone_is_not_content():
    value = PurposeBlockFactory(heading="Tarkoitus", purposes=[], body=rich_text(""))
    assert not value.has_content()


def test_also_covers_alone_is_not_content():
    value = DisclosuresBlockFactory(
        no_regular_disclosures=False,
        body=rich_text(""),
        also_covers=["transfers_outside_eea"],
    )
    assert not value.has_content()


def test_explicit_no_regular_disclosures_is_content():
    value = DisclosuresBlockFactory(no_regular_disclosures=True, body=rich_text(""))
    assert value.has_content()


def test_complaint_section_left_empty_is_no_content():
    """An empty complaint section does not tell readers of their right (GDPR
    13(2)(d)): the check asks for it to be written, as its help text says."""
    value = ComplaintBlockFactory(authority="", authority_url="", body=rich_text(""))
    assert not value.has_content()


def test_complaint_section_naming_the_authority_is_content():
    value = ComplaintBlockFactory(
        authority="Tietosuojavaltuutetun toimisto", body=rich_text("")
    )
    assert value.has_content()


def test_covered_keys_are_the_also_covers_list():
    value = DisclosuresBlockFactory(also_covers=["transfers_outside_eea"])
    assert value.covered_keys() == ["transfers_outside_eea"]


# --- API representation --------------------------------------------------------------


def test_api_representation_keeps_heading_and_covered_keys():
    value = PurposeBlockFactory(heading="Tarkoitus", also_covers=["legal_basis"])
    data = child_block("purpose").get_api_representation(value)
    assert (data["heading"], data["also_covers"]) == ("Tarkoitus", ["legal_basis"])


def test_api_representation_lists_typed_fields():
    value = PurposeBlockFactory(purposes__0="Laskutus", purposes__1="Markkinointi")
    data = child_block("purpose").get_api_representation(value)
    assert data["purposes"] == ["Laskutus", "Markkinointi"]


@pytest.mark.django_db
def test_api_representation_renders_internal_links(index):
    value = PurposeBlockFactory(
        body=rich_text(f'<p><a linktype="page" id="{index.pk}">Selosteet</a></p>')
    )
    body = child_block("purpose").get_api_representation(value)["body"]
    assert body == f'<p><a href="{index.url}">Selosteet</a></p>'


def test_typed_data_holds_typed_fields_only():
    value = PurposeBlockFactory(purposes__0="Laskutus", purposes__1="Markkinointi")
    assert child_block("purpose").typed_data(value) == {
        "purposes": ["Laskutus", "Markkinointi"],
        "purposes_detailed": [],
    }


def test_typed_data_of_disclosures_lists_recipients():
    value = DisclosuresBlockFactory(
        no_regular_disclosures=False,
        recipients__0__recipient="Posti",
        recipients__0__purpose="Toimitus",
        recipients__0__country="Suomi",
    )
    assert child_block("disclosures").typed_data(value) == {
        "no_regular_disclosures": False,
        "recipients": [
            {"recipient": "Posti", "purpose": "Toimitus", "country": "Suomi"}
        ],
    }


@pytest.mark.django_db
def test_api_representation_of_controller_is_the_controller_record():
    value = ControllerBlockFactory(controller__name="Komiat Hetket Oy")
    data = child_block("controller").get_api_representation(value)
    assert data["controller"]["name"] == "Komiat Hetket Oy"
    assert data["controller"]["business_id"] == "2311066-7"


def test_typed_data_of_controller_section_without_controller_is_null():
    value = ControllerBlockFactory(controller=None)
    assert child_block("controller").typed_data(value) == {
        "controller": None,
        "representative": None,
        "joint_controllers": None,
    }


@pytest.mark.parametrize(
    ("language", "authority"),
    [
        ("fi", "Tietosuojavaltuutetun toimisto"),
        ("sv", "Dataombudsmannens byrå"),
        ("en", "Office of the Data Protection Ombudsman"),
    ],
)
def test_api_representation_of_complaint_defaults_to_the_ombudsman(language, authority):
    data = child_block("complaint").get_api_representation(
        ComplaintBlockFactory(), {"language": language}
    )
    assert (data["authority"], data["authority_url"]) == (
        authority,
        "https://tietosuoja.fi",
    )


def test_api_representation_of_complaint_keeps_a_named_authority():
    value = ComplaintBlockFactory(
        authority="Ålands dataombudsman", authority_url="https://www.di.ax"
    )
    data = child_block("complaint").get_api_representation(value, {"language": "sv"})
    assert data["authority"] == "Ålands dataombudsman"


def test_api_representation_of_stream_uses_section_keys():
    stream = NoticeStreamBlockFactory(**{"0": "purpose", "1": "retention"})
    data = NOTICE_BLOCK.get_api_representation(stream)
    assert [item["type"] for item in data] == ["purpose", "retention"]


# --- Templates -----------------------------------------------------------------------


@pytest.mark.parametrize("key", SECTION_KEYS)
def test_section_block_template_is_named_after_its_key(key):
    assert child_block(key).meta.template == f"rekisteri_cms/blocks/{key}_block.html"


@pytest.mark.parametrize("key", SECTION_KEYS)
def test_section_block_template_exists(key):
    assert get_template(child_block(key).meta.template)


@pytest.mark.django_db
@pytest.mark.parametrize("key", SECTION_KEYS)
def test_section_block_renders_numbered_heading(key):
    value = SECTION_BLOCK_FACTORIES[key]()
    html = child_block(key).render(
        value, context={"number": 3, "heading": "Otsikko", "language": "fi"}
    )
    assert '<h2 id="section-3-heading">' in html
    assert "Otsikko" in html


@pytest.mark.django_db
def test_controller_block_renders_an_address():
    value = ControllerBlockFactory(controller__name="Komiat Hetket Oy")
    html = child_block("controller").render(value, context={"number": 1})
    assert '<address class="controller">' in html


def test_transfers_block_renders_countries_and_safeguard():
    value = TransfersBlockFactory(
        transfers="yes", countries__0="Yhdysvallat", safeguard="scc"
    )
    html = child_block("transfers_outside_eea").render(value, context={"number": 1})
    assert "Yhdysvallat" in html
    assert "46(2)(c)" in html


def test_complaint_block_renders_the_default_authority_in_the_language():
    html = child_block("complaint").render(
        ComplaintBlockFactory(), context={"number": 1, "language": "sv"}
    )
    assert "Dataombudsmannens byrå" in html


@pytest.mark.parametrize("key", SECTION_KEYS)
def test_section_block_preview_value_renders(key):
    block = child_block(key)
    html = block.render(block.get_preview_value(), context={"number": 1})
    assert "notice-section" in html


def test_fragment_rendering_leaves_out_the_heading():
    html = child_block("purpose").render(
        PurposeBlockFactory(), context={"fragment": True, "language": "fi"}
    )
    assert "<h2" not in html
    assert "Tilausten toimittaminen ja laskutus" in html


@pytest.mark.django_db
def test_controller_block_with_a_body_left_empty_in_the_editor_renders_the_address():
    """The page editor sends an empty paragraph for an empty body: that is no text,
    and the controller's details from the snippet are shown."""
    value = ControllerBlockFactory(
        controller__name="Komiat Hetket Oy",
        body=rich_text('<p data-block-key="a1b2c"></p>'),
    )
    html = child_block("controller").render(value, context={"number": 1})
    assert "Komiat Hetket Oy" in html
