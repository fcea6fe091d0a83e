"""The structured GDPR 13/14 fields of the section blocks: forms, API data, pages."""

from __future__ import annotations

import importlib

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation
from wagtail.blocks.list_block import ListBlockValidationError
from wagtail.blocks.struct_block import StructBlockValidationError

from rekisteri_cms import blocks
from tests.factories import (
    ControllerBlockFactory,
    DataSourcesBlockFactory,
    DisclosuresBlockFactory,
    LegalBasisBlockFactory,
    PurposeBlockFactory,
    TransfersBlockFactory,
    rich_text,
)

NOTICE_BLOCK = blocks.NoticeStreamBlock()

SCC_COPY = "Jäljennöksen saa tietosuojavastaavalta."


def child_block(key: str) -> blocks.SectionBlock:
    return NOTICE_BLOCK.child_blocks[key]


def block_errors(key: str, value) -> dict[str, ValidationError]:
    with pytest.raises(StructBlockValidationError) as excinfo:
        child_block(key).clean(value)
    return excinfo.value.block_errors


def item_errors(key: str, value, list_name: str) -> dict[str, ValidationError]:
    """The field errors of the first item of the list ``list_name`` of a section."""
    errors = block_errors(key, value)
    assert isinstance(errors[list_name], ListBlockValidationError)
    item_error = errors[list_name].block_errors[0]
    return item_error.block_errors


def rights_value(**fields):
    return child_block("data_subject_rights").to_python(
        {"heading": "", "body": "", **fields}
    )


def render(key: str, value, language: str) -> str:
    with translation.override(language):
        return child_block(key).render(
            value, context={"fragment": True, "language": language}
        )


def typed_data(key: str, value, language: str = "fi") -> dict:
    return child_block(key).typed_data(value, context={"language": language})


# --- Purposes with their legal basis -------------------------------------------------


def test_purpose_with_legitimate_interests_needs_the_interest():
    value = PurposeBlockFactory(
        purposes_detailed__0__purpose="Suoramarkkinointi",
        purposes_detailed__0__legal_basis="f",
    )
    errors = item_errors("purpose", value, "purposes_detailed")
    assert errors["legitimate_interest"].code == "legitimate_interests_required"


def test_purpose_with_its_basis_and_interest_is_valid():
    value = PurposeBlockFactory(
        purposes_detailed__0__purpose="Suoramarkkinointi",
        purposes_detailed__0__legal_basis="f",
        purposes_detailed__0__legitimate_interest="Asiakassuhteen ylläpito.",
    )
    cleaned = child_block("purpose").clean(value)
    assert cleaned["purposes_detailed"][0]["legal_basis"] == "f"


def test_api_purposes_keep_every_purpose_as_text_for_older_clients():
    value = PurposeBlockFactory(
        purposes__0="Laskutus",
        purposes_detailed__0__purpose="Suoramarkkinointi",
        purposes_detailed__0__legal_basis="f",
        purposes_detailed__0__legitimate_interest="Asiakassuhde.",
        purposes_detailed__0__retention="Kaksi vuotta",
        purposes_detailed__1__purpose="Laskutus",
    )
    data = typed_data("purpose", value)
    assert data["purposes"] == ["Laskutus", "Suoramarkkinointi"]
    assert data["purposes_detailed"][0] == {
        "purpose": "Suoramarkkinointi",
        "legal_basis": "f",
        "legitimate_interest": "Asiakassuhde.",
        "retention": "Kaksi vuotta",
    }


@pytest.mark.parametrize(
    ("language", "basis", "retention"),
    [
        ("fi", "Oikeutetut edut (GDPR 6(1)(f))", "Säilytysaika"),
        ("sv", "Berättigade intressen (GDPR 6(1)(f))", "Lagringstid"),
    ],
)
def test_purpose_renders_its_basis_in_the_language(language, basis, retention):
    value = PurposeBlockFactory(
        purposes=[],
        purposes_detailed__0__purpose="Suoramarkkinointi",
        purposes_detailed__0__legal_basis="f",
        purposes_detailed__0__legitimate_interest="Asiakassuhde.",
        purposes_detailed__0__retention="Kaksi vuotta",
    )
    html = render("purpose", value, language)
    assert '<dl class="purpose-details">' in html
    assert basis in html
    assert f"<dt data-generated>{retention}</dt><dd>Kaksi vuotta</dd>" in html


# --- Legal basis: 13(2)(e) and 9(2) --------------------------------------------------


def test_statutory_requirement_needs_the_consequences():
    value = LegalBasisBlockFactory(requirement="statutory", requirement_consequences="")
    errors = block_errors("legal_basis", value)
    assert errors["requirement_consequences"].code == (
        "requirement_consequences_required"
    )


def test_special_categories_need_their_condition():
    value = LegalBasisBlockFactory(
        special_categories=True, special_categories_condition=[]
    )
    errors = block_errors("legal_basis", value)
    assert errors["special_categories_condition"].code == (
        "special_categories_condition_required"
    )


def test_every_legal_basis_error_is_reported_at_once():
    value = LegalBasisBlockFactory(
        bases=["f"],
        legitimate_interests="",
        requirement="contractual",
        requirement_consequences="",
        special_categories=True,
    )
    assert set(block_errors("legal_basis", value)) == {
        "legitimate_interests",
        "requirement_consequences",
        "special_categories_condition",
    }


def test_api_legal_basis_data():
    value = LegalBasisBlockFactory(
        requirement="contract_entry",
        requirement_consequences="Sopimusta ei voida tehdä.",
        special_categories=True,
        special_categories_condition=["b", "h"],
    )
    data = typed_data("legal_basis", child_block("legal_basis").clean(value))
    assert data == {
        "bases": ["b"],
        "legitimate_interests": "",
        "requirement": "contract_entry",
        "requirement_consequences": "Sopimusta ei voida tehdä.",
        "special_categories": True,
        "special_categories_condition": ["b", "h"],
    }


@pytest.mark.parametrize(
    ("language", "requirement", "condition"),
    [
        (
            "fi",
            "Sopimuksen tekemisen edellytys",
            "Terveydenhuolto, sosiaalihuolto, työterveyshuolto tai ennaltaehkäisevä "
            "terveydenhuolto (GDPR 9(2)(h))",
        ),
        (
            "sv",
            "Krav som är nödvändigt för att ingå ett avtal",
            "Hälso- och sjukvård, social omsorg, förebyggande medicin eller "
            "yrkesmedicin (GDPR 9(2)(h))",
        ),
    ],
)
def test_legal_basis_renders_requirement_and_condition(
    language, requirement, condition
):
    value = LegalBasisBlockFactory(
        requirement="contract_entry",
        requirement_consequences="Sopimusta ei voida tehdä.",
        special_categories=True,
        special_categories_condition=["h"],
    )
    html = render("legal_basis", child_block("legal_basis").clean(value), language)
    assert f"<dd data-generated>{requirement}</dd>" in html
    assert f"<li>{condition}</li>" in html
    assert "Sopimusta ei voida tehdä." in html


# --- Recipients ----------------------------------------------------------------------


def test_api_recipients_have_a_role():
    value = DisclosuresBlockFactory(
        no_regular_disclosures=False,
        recipients__0__recipient="Pilvipalvelun tarjoaja",
        recipients__0__role="processor",
    )
    data = typed_data("disclosures", child_block("disclosures").clean(value))
    assert data["recipients"][0]["role"] == "processor"


def test_an_older_recipient_without_a_role_reads_as_empty():
    value = child_block("disclosures").to_python(
        {"recipients": [{"recipient": "Posti", "purpose": "", "country": "Suomi"}]}
    )
    assert typed_data("disclosures", value)["recipients"][0]["role"] == ""


@pytest.mark.parametrize(
    ("language", "role", "none"),
    [
        (
            "fi",
            "Henkilötietojen käsittelijä",
            "Henkilötietoja ei luovuteta vastaanottajille.",
        ),
        (
            "sv",
            "Personuppgiftsbiträde",
            "Personuppgifter lämnas inte ut till mottagare.",
        ),
    ],
)
def test_disclosures_render_the_role_and_the_none_statement(language, role, none):
    value = DisclosuresBlockFactory(
        no_regular_disclosures=False,
        recipients__0__recipient="Pilvipalvelun tarjoaja",
        recipients__0__role="processor",
    )
    assert f"<td>{role}</td>" in render("disclosures", value, language)
    none_value = DisclosuresBlockFactory(no_regular_disclosures=True)
    assert none in render("disclosures", none_value, language)


# --- Transfers per destination -------------------------------------------------------


def test_a_destination_under_scc_needs_the_copy_information():
    value = TransfersBlockFactory(
        transfers="yes",
        destinations__0__country="Intia",
        destinations__0__mechanism="scc",
    )
    errors = item_errors("transfers_outside_eea", value, "destinations")
    assert errors["copy_info"].code == "safeguard_copy_required"


def test_a_destination_under_a_derogation_needs_its_point():
    value = TransfersBlockFactory(
        transfers="yes",
        destinations__0__country="Intia",
        destinations__0__mechanism="derogation",
    )
    errors = item_errors("transfers_outside_eea", value, "destinations")
    assert errors["derogation_point"].code == "derogation_point_required"


def test_a_destination_without_a_mechanism_is_refused():
    value = TransfersBlockFactory(
        transfers="yes", destinations__0__country="Intia", destinations__0__mechanism=""
    )
    errors = item_errors("transfers_outside_eea", value, "destinations")
    assert errors["mechanism"].code == "transfer_mechanism_required"


def test_no_transfers_with_destinations_is_refused():
    value = TransfersBlockFactory(transfers="none", destinations__0__country="Intia")
    errors = block_errors("transfers_outside_eea", value)
    assert errors["destinations"].code == "contradictory_transfers"


def test_api_transfers_derive_the_older_fields_from_the_destinations():
    value = TransfersBlockFactory(
        transfers="yes",
        destinations__0__country="Yhdysvallat",
        destinations__0__recipient="Pilvipalvelu Inc.",
        destinations__0__mechanism="scc",
        destinations__0__copy_url="https://example.com/scc",
        destinations__1__country="Intia",
        destinations__1__mechanism="scc",
        destinations__1__copy_info=SCC_COPY,
        destinations__2__country="Yhdysvallat",
        destinations__2__mechanism="scc",
        destinations__2__copy_info=SCC_COPY,
    )
    cleaned = child_block("transfers_outside_eea").clean(value)
    data = typed_data("transfers_outside_eea", cleaned)
    assert data["countries"] == ["Yhdysvallat", "Intia"]
    assert data["safeguard"] == "scc"
    assert data["destinations"][0] == {
        "country": "Yhdysvallat",
        "recipient": "Pilvipalvelu Inc.",
        "mechanism": "scc",
        "derogation_point": "",
        "copy_info": "",
        "copy_url": "https://example.com/scc",
    }


def test_api_safeguard_is_empty_when_the_destinations_differ():
    value = TransfersBlockFactory(
        transfers="yes",
        destinations__0__mechanism="adequacy",
        destinations__1__mechanism="certification",
        destinations__1__copy_info=SCC_COPY,
    )
    data = typed_data("transfers_outside_eea", value)
    assert data["safeguard"] == ""


def test_api_transfers_of_an_older_notice_keep_countries_and_safeguard():
    value = child_block("transfers_outside_eea").to_python(
        {"transfers": "yes", "countries": ["Intia"], "safeguard": "bcr"}
    )
    data = typed_data("transfers_outside_eea", value)
    assert (data["countries"], data["safeguard"], data["destinations"]) == (
        ["Intia"],
        "bcr",
        [],
    )


@pytest.mark.parametrize(
    ("language", "mechanism", "derogation"),
    [
        (
            "fi",
            "Komission hyväksymät vakiosopimuslausekkeet (GDPR 46(2)(c))",
            "Erityistilannetta koskeva poikkeus (GDPR 49(1)): Oikeusvaateen "
            "laatiminen, esittäminen tai puolustaminen (GDPR 49(1)(e))",
        ),
        (
            "sv",
            "Standardavtalsklausuler som antagits av kommissionen (GDPR 46(2)(c))",
            "Undantag i en särskild situation (GDPR 49(1)): Fastställande, utövande "
            "eller försvar av rättsliga anspråk (GDPR 49(1)(e))",
        ),
    ],
)
def test_transfers_render_each_destination(language, mechanism, derogation):
    value = TransfersBlockFactory(
        transfers="yes",
        destinations__0__country="Yhdysvallat",
        destinations__0__mechanism="scc",
        destinations__0__copy_url="https://example.com/scc",
        destinations__1__country="Intia",
        destinations__1__mechanism="derogation",
        destinations__1__derogation_point="e",
    )
    html = render("transfers_outside_eea", value, language)
    assert '<table class="transfer-destinations">' in html
    assert f"<td>{mechanism}</td>" in html
    assert f"<td>{derogation}</td>" in html
    assert '<a href="https://example.com/scc">' in html


def test_transfers_of_an_older_notice_render_as_before():
    value = TransfersBlockFactory(
        transfers="yes", countries__0="Yhdysvallat", safeguard="scc"
    )
    html = render("transfers_outside_eea", value, "fi")
    assert "Yhdysvallat" in html
    assert "46(2)(c)" in html


# --- Sources -------------------------------------------------------------------------


def test_data_collected_elsewhere_need_sources():
    value = DataSourcesBlockFactory(collected_from="elsewhere", sources=[])
    errors = block_errors("data_sources", value)
    assert errors["sources_detailed"].code == "data_sources_required"


def test_an_other_source_needs_a_description():
    value = DataSourcesBlockFactory(
        collected_from="elsewhere",
        sources_detailed__0__kind="other",
        sources_detailed__0__description="",
    )
    errors = item_errors("data_sources", value, "sources_detailed")
    assert errors["description"].code == "source_description_required"


@pytest.mark.parametrize(
    ("language", "kind"),
    [
        ("fi", "Viranomainen tai julkinen rekisteri"),
        ("sv", "En myndighet eller ett offentligt register"),
    ],
)
def test_api_sources_keep_every_source_as_text(language, kind):
    value = DataSourcesBlockFactory(
        collected_from="both",
        sources__0="Asiakkaalta itseltään",
        sources_detailed__0__kind="authority",
        sources_detailed__0__description="",
        sources_detailed__1__kind="public",
        sources_detailed__1__description="Kaupparekisteri",
    )
    data = typed_data("data_sources", value, language)
    assert data["collected_from"] == "both"
    assert data["sources"] == ["Asiakkaalta itseltään", kind, "Kaupparekisteri"]
    assert data["sources_detailed"][1] == {
        "kind": "public",
        "description": "Kaupparekisteri",
    }


@pytest.mark.parametrize(
    ("language", "sentence", "kind"),
    [
        (
            "fi",
            "Henkilötiedot saadaan muista lähteistä kuin rekisteröidyltä itseltään.",
            "Yleisesti saatavilla oleva lähde",
        ),
        (
            "sv",
            "Personuppgifterna samlas in från andra källor än den registrerade.",
            "En allmänt tillgänglig källa",
        ),
    ],
)
def test_sources_render_in_the_language(language, sentence, kind):
    value = DataSourcesBlockFactory(
        collected_from="elsewhere",
        sources=[],
        sources_detailed__0__kind="public",
        sources_detailed__0__description="Kaupparekisteri",
    )
    html = render("data_sources", value, language)
    assert sentence in html
    assert (
        f'<span class="source-kind" data-generated>{kind}</span>: Kaupparekisteri'
        in html
    )


# --- Rights --------------------------------------------------------------------------

RIGHTS = {
    "rights": ["access", "erasure", "portability", "object"],
    "request_channel": {
        "email": "tietosuoja@example.com",
        "form_url": "https://example.com/pyynto",
        "postal_address": "PL 1\n00100 Helsinki",
    },
    "identity_check": "Henkilöllisyys tarkistetaan pankkitunnuksin.",
    "objection_statement": "Voit vastustaa suoramarkkinointia milloin tahansa.",
}


def test_listed_rights_need_a_request_channel():
    value = rights_value(rights=["access"])
    errors = block_errors("data_subject_rights", value)
    assert errors["request_channel"].code == "request_channel_required"


def test_the_right_to_object_needs_its_separate_statement():
    value = rights_value(
        rights=["object"], request_channel={"email": "tietosuoja@example.com"}
    )
    errors = block_errors("data_subject_rights", value)
    assert errors["objection_statement"].code == "objection_statement_required"


def test_rights_with_their_channel_are_valid():
    cleaned = child_block("data_subject_rights").clean(rights_value(**RIGHTS))
    assert cleaned["rights"] == RIGHTS["rights"]


def test_an_empty_rights_section_says_nothing():
    assert not rights_value().has_content()
    assert rights_value(request_channel={"email": "a@example.com"}).has_content()


@pytest.mark.parametrize(
    ("language", "response_time"),
    [
        ("fi", "Pyyntöihin vastataan ilman aiheetonta viivytystä"),
        ("sv", "Begäranden besvaras utan onödigt dröjsmål"),
    ],
)
def test_api_rights_data_with_the_default_response_time(language, response_time):
    data = typed_data("data_subject_rights", rights_value(**RIGHTS), language)
    assert data["rights"] == RIGHTS["rights"]
    assert data["request_channel"] == RIGHTS["request_channel"]
    assert data["identity_check"] == RIGHTS["identity_check"]
    assert data["objection_statement"] == RIGHTS["objection_statement"]
    assert data["response_time"].startswith(response_time)
    assert data["response_time"].endswith("(GDPR 12(3)).")


def test_api_rights_keep_the_editors_response_time():
    value = rights_value(**RIGHTS, response_time="Kahden viikon kuluessa.")
    assert typed_data("data_subject_rights", value)["response_time"] == (
        "Kahden viikon kuluessa."
    )


def test_api_rights_without_rights_have_no_default_response_time():
    assert typed_data("data_subject_rights", rights_value())["response_time"] == ""


@pytest.mark.parametrize(
    ("language", "portability", "objection", "channel"),
    [
        (
            "fi",
            "Oikeus siirtää tiedot järjestelmästä toiseen (GDPR 20)",
            "Oikeus vastustaa käsittelyä",
            "Pyynnön tekeminen",
        ),
        (
            "sv",
            "Rätt till dataportabilitet (GDPR 20)",
            "Rätt att invända",
            "Så gör du en begäran",
        ),
    ],
)
def test_rights_render_in_the_language(language, portability, objection, channel):
    html = render("data_subject_rights", rights_value(**RIGHTS), language)
    assert f"<li data-generated>{portability}</li>" in html
    assert f"<dt>{channel}</dt>" in html
    assert '<a href="mailto:tietosuoja@example.com">' in html
    assert '<a href="https://example.com/pyynto">' in html
    assert '<div class="right-to-object" role="note">' in html
    assert f"<strong>{objection}</strong>" in html


def test_rights_section_keeps_its_body():
    value = rights_value(body="<p>Lisätietoja oikeuksista.</p>")
    assert "Lisätietoja oikeuksista." in render("data_subject_rights", value, "fi")


# --- Controller: representative and joint controllers --------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "representative", "arrangement"),
    [
        ("fi", "Edustaja EU:ssa", "Yhteisrekisterinpitäjien välisen järjestelyn"),
        ("sv", "Företrädare i EU", "Det väsentliga innehållet i arrangemanget"),
    ],
)
def test_controller_section_serves_and_renders_representative_and_joint_controllers(
    language, representative, arrangement
):
    value = ControllerBlockFactory(
        body=rich_text(""),
        controller__representative_name="EU-Edustaja Oy",
        controller__representative_email="edustaja@example.com",
        controller__joint_controllers="Toinen Oy",
        controller__joint_arrangement="Toinen Oy vastaa pyyntöihin.",
    )
    data = typed_data("controller", value, language)
    assert data["representative"]["name"] == "EU-Edustaja Oy"
    assert data["joint_controllers"] == {
        "controllers": "Toinen Oy",
        "arrangement": "Toinen Oy vastaa pyyntöihin.",
    }
    html = render("controller", value, language)
    assert representative in html
    assert '<a href="mailto:edustaja@example.com">' in html
    assert arrangement in html


# --- The data migration of the older transfers fields --------------------------------

MIGRATION = importlib.import_module(
    "rekisteri_cms.migrations.0011_transfer_destinations_from_countries"
)


def stored_list(values):
    return [{"type": "item", "value": v, "id": f"id-{i}"} for i, v in enumerate(values)]


def test_migration_makes_one_destination_per_country():
    stored = {
        "heading": "",
        "transfers": "yes",
        "countries": stored_list(["Yhdysvallat", " ", "Intia"]),
        "safeguard": "scc",
    }
    migrated = MIGRATION.LegacyTransfersToDestinations().apply(stored)
    destinations = [item["value"] for item in migrated["destinations"]]
    assert [(d["country"], d["mechanism"]) for d in destinations] == [
        ("Yhdysvallat", "scc"),
        ("Intia", "scc"),
    ]
    assert all(
        item["type"] == "item" and item["id"] for item in migrated["destinations"]
    )
    assert (migrated["countries"], migrated["safeguard"]) == ([], "")
    # The section reads the migrated value, and the API still says the same.
    value = child_block("transfers_outside_eea").to_python(migrated)
    data = typed_data("transfers_outside_eea", value)
    assert (data["countries"], data["safeguard"]) == (["Yhdysvallat", "Intia"], "scc")


def test_migration_reads_plain_stored_lists_too():
    stored = {"transfers": "yes", "countries": ["Intia"], "safeguard": "derogation"}
    migrated = MIGRATION.destinations_from_legacy(stored)
    assert migrated["destinations"][0]["value"]["mechanism"] == "derogation"


@pytest.mark.parametrize(
    "stored",
    [
        {"transfers": "none", "countries": stored_list(["Intia"]), "safeguard": ""},
        {"transfers": "yes", "countries": [], "safeguard": "scc"},
        {
            "transfers": "yes",
            "countries": stored_list(["Intia"]),
            "safeguard": "scc",
            "destinations": stored_list([{"country": "Japani"}]),
        },
    ],
)
def test_migration_leaves_other_sections_alone(stored):
    assert MIGRATION.destinations_from_legacy(stored) == stored


@pytest.mark.django_db
def test_migration_moves_the_values_of_a_stored_page(complete_gdpr_notice):
    from django.apps import apps

    page = complete_gdpr_notice
    for index, block in enumerate(page.body.raw_data):
        if block["type"] == "transfers_outside_eea":
            page.body.raw_data[index]["value"] = {
                "heading": "",
                "body": "",
                "transfers": "yes",
                "countries": stored_list(["Intia"]),
                "safeguard": "bcr",
            }
    page.save()
    operation = MIGRATION.Migration.operations[0]
    operation.migrate_stream_data_forward(apps, None)
    page.refresh_from_db()
    section = next(b for b in page.body if b.block_type == "transfers_outside_eea")
    assert [d["country"] for d in section.value["destinations"]] == ["Intia"]
    assert section.value["destinations"][0]["mechanism"] == "bcr"
    assert list(section.value["countries"]) == []
