"""Validation of identifiers and of the fields of a section.

Blocks, models, forms and the importer call these functions; they hold no validation
logic of their own (one rule, one place). Messages are full, translated sentences.
Whether a notice has every section its framework requires is
:mod:`rekisteri_cms.completeness`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import phonenumbers
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from stdnum import exceptions as stdnum_exceptions
from stdnum.fi import ytunnus

POSTAL_CODE_RE = re.compile(r"^\d{5}$")


def normalize_business_id(value: str) -> str:
    """Return a Finnish business ID (Y-tunnus) in its compact form ``1234567-8``.

    Raises ``ValidationError`` when the format or the check digit is wrong. The check
    is python-stdnum's (weights 7 9 10 5 8 4 2 1, modulus 11).
    """
    try:
        return ytunnus.format(ytunnus.validate(value))
    except stdnum_exceptions.InvalidChecksum as exc:
        raise ValidationError(
            _("The check digit of the business ID (Y-tunnus) %(value)s is wrong."),
            code="invalid_checksum",
            params={"value": value},
        ) from exc
    except stdnum_exceptions.ValidationError as exc:
        raise ValidationError(
            _(
                "Enter the business ID (Y-tunnus) as seven digits, a hyphen and a "
                "check digit, for example 2311066-7."
            ),
            code="invalid_business_id",
        ) from exc


def validate_business_id(value: str) -> None:
    """Django validator form of :func:`normalize_business_id`."""
    if value:
        normalize_business_id(value)


def normalize_phone(value: str, region: str = "FI") -> str:
    """Return a phone number in E.164 form (``+358400417447``).

    National numbers are read as Finnish unless ``region`` says otherwise.
    """
    try:
        number = phonenumbers.parse(value, region)
    except phonenumbers.NumberParseException as exc:
        raise ValidationError(
            _("Enter a phone number, for example 040 123 4567 or +358 40 123 4567."),
            code="invalid_phone",
        ) from exc
    if not phonenumbers.is_valid_number(number):
        raise ValidationError(
            _("The phone number %(value)s is not a valid number."),
            code="invalid_phone",
            params={"value": value},
        )
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def validate_phone(value: str) -> None:
    """Django validator form of :func:`normalize_phone`."""
    if value:
        normalize_phone(value)


def validate_postal_code(value: str) -> None:
    """A Finnish postal code is exactly five digits (``00100``)."""
    if value and not POSTAL_CODE_RE.match(value):
        raise ValidationError(
            _("Enter a Finnish postal code of five digits, for example 00100."),
            code="invalid_postal_code",
        )


def validate_legal_basis(bases: Iterable[str], legitimate_interests: str) -> None:
    """GDPR 13(1)(d): relying on legitimate interests requires naming the interest."""
    if "f" in set(bases or ()) and not (legitimate_interests or "").strip():
        raise ValidationError(
            _(
                "Describe the legitimate interests pursued when the legal basis is "
                "GDPR 6(1)(f)."
            ),
            code="legitimate_interests_required",
        )


def validate_transfers(
    transfers: str, countries: Iterable[str], safeguard: str
) -> None:
    """GDPR 13(1)(f): a transfer outside the EU/EEA names the countries and safeguard."""
    if transfers != "yes":
        return
    if not [c for c in countries or () if str(c).strip()] or not safeguard:
        raise ValidationError(
            _(
                "Name the countries and the safeguard (adequacy decision, standard "
                "contractual clauses, binding corporate rules or a derogation) when "
                "data are transferred outside the EU/EEA."
            ),
            code="transfer_details_required",
        )
