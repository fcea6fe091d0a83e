"""Identifiers (Y-tunnus, phone, postal code) and the completeness check."""

from __future__ import annotations

import string

import pytest
from django.core.exceptions import ValidationError
from hypothesis import assume, given
from hypothesis import strategies as st
from stdnum.fi import ytunnus

from rekisteri_cms.completeness import check_completeness
from rekisteri_cms.validators import (
    normalize_business_id,
    normalize_phone,
    validate_business_id,
    validate_legal_basis,
    validate_phone,
    validate_postal_code,
    validate_transfers,
)
from tests.factories import GDPR_REQUIRED_KEYS

SEED_BUSINESS_IDS = ["2311066-7", "2173478-3", "2309658-6", "2135102-9"]
HTL_REQUIRED_KEYS = (
    "controller",
    "purpose",
    "data_subjects",
    "data_content",
    "disclosures",
    "transfers_outside_eea",
    "security",
)
RIGHTS_PARTS = ("right_of_access", "rectification_erasure", "right_to_object")

seven_digits = st.text(alphabet=string.digits, min_size=7, max_size=7)


def stdnum_check_digit(body: str) -> str | None:
    """The check digit that python-stdnum accepts after ``body`` (None if none does).

    python-stdnum has no public function that computes a Y-tunnus check digit, so
    its validator is the reference: the expected digit is the one it accepts.
    """
    accepted = [digit for digit in string.digits if ytunnus.is_valid(body + digit)]
    return accepted[0] if accepted else None


def sections(*keys: str, also_covers: dict[str, list[str]] | None = None):
    """``(key, also_covers)`` pairs as the completeness check takes them."""
    also_covers = also_covers or {}
    return [(key, also_covers.get(key, [])) for key in keys]


def error_code(excinfo) -> str:
    return excinfo.value.code


# --- Y-tunnus ------------------------------------------------------------------------


@pytest.mark.parametrize("value", SEED_BUSINESS_IDS)
def test_seed_business_id_is_valid(value):
    assert normalize_business_id(value) == value


def test_business_id_is_stored_in_compact_form():
    assert normalize_business_id("23110667") == "2311066-7"


def test_business_id_surrounding_spaces_are_dropped():
    assert normalize_business_id(" 2311066-7 ") == "2311066-7"


@pytest.mark.parametrize("value", ["2311066-8", "2173478-0", "2309658-5", "2135102-1"])
def test_business_id_with_wrong_check_digit_is_invalid(value):
    with pytest.raises(ValidationError) as excinfo:
        normalize_business_id(value)
    assert error_code(excinfo) == "invalid_checksum"


@pytest.mark.parametrize(
    "value",
    ["231106-7", "2311066", "23110667-1", "231106A-7", "2311066/7", "Y-2311066-7"],
)
def test_business_id_in_wrong_format_is_invalid(value):
    with pytest.raises(ValidationError) as excinfo:
        normalize_business_id(value)
    assert error_code(excinfo) == "invalid_business_id"


def test_empty_business_id_passes_the_field_validator():
    validate_business_id("")


def test_business_id_field_validator_rejects_wrong_check_digit():
    with pytest.raises(ValidationError):
        validate_business_id("2311066-8")


@given(seven_digits)
def test_any_body_with_the_stdnum_check_digit_validates(body):
    digit = stdnum_check_digit(body)
    assume(digit is not None)
    assert normalize_business_id(f"{body}-{digit}") == f"{body}-{digit}"


@given(seven_digits, st.sampled_from(string.digits))
def test_every_other_check_digit_fails(body, digit):
    assume(digit != stdnum_check_digit(body))
    with pytest.raises(ValidationError) as excinfo:
        normalize_business_id(f"{body}-{digit}")
    assert error_code(excinfo) == "invalid_checksum"


# --- Phone numbers -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("0400 417 447", "+358400417447"),
        ("040 - 8498 246", "+358408498246"),
        ("+358 40 123 4567", "+358401234567"),
        ("09 123 4567", "+35891234567"),
    ],
)
def test_phone_is_normalised_to_e164(value, expected):
    assert normalize_phone(value) == expected


def test_foreign_phone_keeps_its_country_code():
    assert normalize_phone("+46 8 123 456 78") == "+46812345678"


@pytest.mark.parametrize(
    "value", ["123", "040 123", "abc", "+358 1", "0401234567890123"]
)
def test_invalid_phone_is_rejected(value):
    with pytest.raises(ValidationError) as excinfo:
        normalize_phone(value)
    assert error_code(excinfo) == "invalid_phone"


def test_empty_phone_passes_the_field_validator():
    validate_phone("")


# --- Postal codes --------------------------------------------------------------------


@pytest.mark.parametrize("value", ["00100", "60101", "99999", ""])
def test_valid_postal_code_passes(value):
    validate_postal_code(value)


@pytest.mark.parametrize("value", ["0010", "001000", "FI-00100", "00 100", "abcde"])
def test_invalid_postal_code_is_rejected(value):
    with pytest.raises(ValidationError) as excinfo:
        validate_postal_code(value)
    assert error_code(excinfo) == "invalid_postal_code"


# --- Cross-field rules of sections ---------------------------------------------------


def test_legitimate_interests_basis_requires_the_interest():
    with pytest.raises(ValidationError) as excinfo:
        validate_legal_basis(["b", "f"], "  ")
    assert error_code(excinfo) == "legitimate_interests_required"


def test_legitimate_interests_basis_with_the_interest_passes():
    validate_legal_basis(["f"], "Asiakassuhteen hoitaminen.")


def test_transfer_outside_eea_requires_countries_and_safeguard():
    with pytest.raises(ValidationError) as excinfo:
        validate_transfers("yes", ["Yhdysvallat"], "")
    assert error_code(excinfo) == "transfer_details_required"


def test_no_transfers_needs_no_details():
    validate_transfers("none", [], "")


# --- Completeness: GDPR --------------------------------------------------------------


def test_full_gdpr_set_is_complete():
    report = check_completeness("gdpr", sections(*GDPR_REQUIRED_KEYS))
    assert report.missing == []


def test_full_gdpr_set_does_not_block_publishing():
    report = check_completeness("gdpr", sections(*GDPR_REQUIRED_KEYS))
    assert not report.blocks_publishing


@pytest.mark.parametrize("key", GDPR_REQUIRED_KEYS)
def test_each_missing_gdpr_required_key_is_reported(key):
    present = [k for k in GDPR_REQUIRED_KEYS if k != key]
    report = check_completeness("gdpr", sections(*present))
    assert report.missing == [key]


def test_missing_gdpr_section_blocks_publishing():
    report = check_completeness("gdpr", sections(*GDPR_REQUIRED_KEYS[1:]))
    assert report.blocks_publishing


@given(st.sets(st.sampled_from(GDPR_REQUIRED_KEYS)))
def test_gdpr_missing_lists_exactly_the_absent_required_keys(absent):
    present = [k for k in GDPR_REQUIRED_KEYS if k not in absent]
    report = check_completeness("gdpr", sections(*present))
    assert report.missing == [k for k in GDPR_REQUIRED_KEYS if k in absent]


def test_three_specific_rights_together_satisfy_data_subject_rights():
    present = [k for k in GDPR_REQUIRED_KEYS if k != "data_subject_rights"]
    report = check_completeness("gdpr", sections(*present, *RIGHTS_PARTS))
    assert report.missing == []


@pytest.mark.parametrize("left_out", RIGHTS_PARTS)
def test_two_specific_rights_do_not_satisfy_data_subject_rights(left_out):
    present = [k for k in GDPR_REQUIRED_KEYS if k != "data_subject_rights"]
    rights = [k for k in RIGHTS_PARTS if k != left_out]
    report = check_completeness("gdpr", sections(*present, *rights))
    assert report.missing == ["data_subject_rights"]


def test_dpo_not_required_without_a_dpo():
    report = check_completeness("gdpr", sections(*GDPR_REQUIRED_KEYS), has_dpo=False)
    assert "dpo" not in report.missing + report.recommended_missing


def test_dpo_required_when_the_controller_has_a_dpo():
    report = check_completeness("gdpr", sections(*GDPR_REQUIRED_KEYS), has_dpo=True)
    assert report.missing == ["dpo"]


def test_dpo_section_satisfies_the_dpo_requirement():
    report = check_completeness(
        "gdpr", sections(*GDPR_REQUIRED_KEYS, "dpo"), has_dpo=True
    )
    assert report.missing == []


def test_also_covers_counts_towards_completeness():
    present = [k for k in GDPR_REQUIRED_KEYS if k != "transfers_outside_eea"]
    report = check_completeness(
        "gdpr",
        sections(*present, also_covers={"disclosures": ["transfers_outside_eea"]}),
    )
    assert report.missing == []


def test_empty_also_covers_counts_nothing():
    present = [k for k in GDPR_REQUIRED_KEYS if k != "retention"]
    report = check_completeness("gdpr", [(key, None) for key in present])
    assert report.missing == ["retention"]


def test_recommended_missing_lists_the_recommended_gdpr_sections():
    report = check_completeness("gdpr", sections(*GDPR_REQUIRED_KEYS))
    assert report.recommended_missing == [
        "contact_person",
        "register_name",
        "data_subjects",
        "security",
        "date",
    ]


def test_written_recommended_section_is_not_listed():
    report = check_completeness("gdpr", sections(*GDPR_REQUIRED_KEYS, "security"))
    assert "security" not in report.recommended_missing


def test_optional_sections_are_never_reported():
    report = check_completeness("gdpr", sections(*GDPR_REQUIRED_KEYS))
    listed = report.missing + report.recommended_missing
    assert not {"cookies", "changes", "other"} & set(listed)


def test_gdpr_report_dict_has_no_gdpr_missing():
    report = check_completeness("gdpr", sections(*GDPR_REQUIRED_KEYS))
    assert "gdpr_missing" not in report.as_dict()


def test_unknown_framework_is_refused():
    with pytest.raises(ValueError):
        check_completeness("pul", sections(*GDPR_REQUIRED_KEYS))


# --- Completeness: HTL (Personal Data Act 523/1999 10 §) -----------------------------


def test_full_htl_set_is_complete():
    report = check_completeness("htl", sections(*HTL_REQUIRED_KEYS))
    assert report.missing == []


@pytest.mark.parametrize("item_4", ["disclosures", "transfers_outside_eea"])
def test_htl_item_4_is_satisfied_by_either_disclosures_or_transfers(item_4):
    present = [
        k
        for k in HTL_REQUIRED_KEYS
        if k not in ("disclosures", "transfers_outside_eea")
    ]
    report = check_completeness("htl", sections(*present, item_4))
    assert report.missing == []


def test_htl_item_4_missing_reports_disclosures_and_transfers():
    present = [
        k
        for k in HTL_REQUIRED_KEYS
        if k not in ("disclosures", "transfers_outside_eea")
    ]
    report = check_completeness("htl", sections(*present))
    assert report.missing == ["disclosures", "transfers_outside_eea"]


def test_htl_data_subjects_is_satisfied_by_data_content():
    present = [k for k in HTL_REQUIRED_KEYS if k != "data_subjects"]
    report = check_completeness("htl", sections(*present))
    assert report.missing == []


def test_htl_data_subjects_missing_without_data_content():
    present = [
        k for k in HTL_REQUIRED_KEYS if k not in ("data_subjects", "data_content")
    ]
    report = check_completeness("htl", sections(*present))
    assert report.missing == ["data_subjects", "data_content"]


def test_htl_with_gaps_does_not_block_publishing():
    report = check_completeness("htl", sections("controller", "purpose"))
    assert report.missing and not report.blocks_publishing


def test_htl_recommended_missing_lists_the_legacy_form_fields():
    report = check_completeness("htl", sections(*HTL_REQUIRED_KEYS))
    assert report.recommended_missing == [
        "contact_person",
        "register_name",
        "legal_basis",
        "data_sources",
        "right_of_access",
        "rectification_erasure",
        "right_to_object",
        "date",
    ]


def test_htl_gdpr_missing_lists_what_a_gdpr_notice_would_need():
    report = check_completeness("htl", sections(*HTL_REQUIRED_KEYS))
    assert report.gdpr_missing == [
        "legal_basis",
        "data_sources",
        "retention",
        "data_subject_rights",
        "complaint",
        "automated_decisions",
    ]


def test_htl_gdpr_missing_accepts_the_three_specific_rights():
    report = check_completeness("htl", sections(*HTL_REQUIRED_KEYS, *RIGHTS_PARTS))
    assert "data_subject_rights" not in report.gdpr_missing


def test_htl_report_dict_includes_gdpr_missing():
    report = check_completeness("htl", sections(*HTL_REQUIRED_KEYS))
    assert report.as_dict()["gdpr_missing"] == report.gdpr_missing
