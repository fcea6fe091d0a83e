"""Validation of the structured GDPR 13/14 fields (validators.py)."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from rekisteri_cms.validators import (
    validate_data_source,
    validate_data_sources,
    validate_provision_requirement,
    validate_rights_request,
    validate_special_categories,
    validate_transfer_destination,
    validate_transfer_destinations,
)


def code_of(call) -> str:
    with pytest.raises(ValidationError) as excinfo:
        call()
    error = excinfo.value
    if hasattr(error, "error_dict"):
        ((_field, errors),) = error.error_dict.items()
        error = errors[0]
    assert str(error.message).endswith(".")
    return error.code


def field_of(call) -> str:
    with pytest.raises(ValidationError) as excinfo:
        call()
    return next(iter(excinfo.value.error_dict))


@pytest.mark.parametrize("requirement", ["statutory", "contractual", "contract_entry"])
def test_an_obligation_to_provide_needs_its_consequences(requirement):
    assert (
        code_of(lambda: validate_provision_requirement(requirement, " "))
        == "requirement_consequences_required"
    )


@pytest.mark.parametrize("requirement", ["", "voluntary"])
def test_voluntary_provision_needs_no_consequences(requirement):
    validate_provision_requirement(requirement, "")


def test_special_categories_need_a_condition_of_article_9():
    assert (
        code_of(lambda: validate_special_categories(True, []))
        == "special_categories_condition_required"
    )
    validate_special_categories(True, ["h"])
    validate_special_categories(False, [])


def test_a_destination_needs_a_mechanism():
    call = lambda: validate_transfer_destination("", "", "", "")  # noqa: E731
    assert (field_of(call), code_of(call)) == (
        "mechanism",
        "transfer_mechanism_required",
    )


def test_a_derogation_needs_its_point():
    call = lambda: validate_transfer_destination("derogation", "", "", "")  # noqa: E731
    assert (field_of(call), code_of(call)) == (
        "derogation_point",
        "derogation_point_required",
    )
    validate_transfer_destination("derogation", "a", "", "")


@pytest.mark.parametrize(
    "mechanism",
    [
        "public_authorities",
        "bcr",
        "scc",
        "scc_authority",
        "code_of_conduct",
        "certification",
        "contractual_clauses",
        "administrative_arrangements",
    ],
)
def test_a_safeguard_of_articles_46_and_47_needs_the_copy_information(mechanism):
    call = lambda: validate_transfer_destination(mechanism, "", " ", "")  # noqa: E731
    assert (field_of(call), code_of(call)) == ("copy_info", "safeguard_copy_required")
    validate_transfer_destination(mechanism, "", "Pyydä tietosuojavastaavalta.", "")
    validate_transfer_destination(mechanism, "", "", "https://example.com/scc")


def test_an_adequacy_decision_needs_no_copy_information():
    validate_transfer_destination("adequacy", "", "", "")


def test_transfers_yes_need_a_destination_with_a_mechanism():
    for mechanisms in ([], [""]):
        assert (
            code_of(lambda m=mechanisms: validate_transfer_destinations("yes", m))
            == "transfer_destination_required"
        )
    validate_transfer_destinations("yes", ["adequacy"])


def test_no_transfers_with_destinations_is_contradictory():
    assert (
        code_of(lambda: validate_transfer_destinations("none", ["scc"]))
        == "contradictory_transfers"
    )
    validate_transfer_destinations("none", [])
    validate_transfer_destinations("", [])


@pytest.mark.parametrize("collected_from", ["elsewhere", "both"])
def test_data_collected_elsewhere_need_their_sources(collected_from):
    assert (
        code_of(lambda: validate_data_sources(collected_from, ["", " "]))
        == "data_sources_required"
    )
    validate_data_sources(collected_from, ["Väestötietojärjestelmä"])


def test_data_collected_from_the_data_subject_need_no_sources():
    validate_data_sources("data_subject", [])


def test_an_other_source_is_described():
    assert code_of(lambda: validate_data_source("other", "")) == (
        "source_description_required"
    )
    validate_data_source("public", "")


def test_listed_rights_need_a_request_channel():
    call = lambda: validate_rights_request(["access"], ["", ""], "")  # noqa: E731
    assert (field_of(call), code_of(call)) == (
        "request_channel",
        "request_channel_required",
    )
    validate_rights_request(["access"], ["tietosuoja@example.com"], "")
    validate_rights_request([], [], "")


def test_the_right_to_object_is_stated_separately():
    call = lambda: validate_rights_request(  # noqa: E731
        ["object"], ["tietosuoja@example.com"], ""
    )
    assert (field_of(call), code_of(call)) == (
        "objection_statement",
        "objection_statement_required",
    )
