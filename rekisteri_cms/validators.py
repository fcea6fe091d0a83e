"""Validation of identifiers and of the fields of a section.

Blocks, models, forms and the importer call these functions; they hold no validation
logic of their own (one rule, one place). Messages are full, translated sentences.
Whether a notice has every section its framework requires is
:mod:`rekisteri_cms.completeness`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

import phonenumbers
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from stdnum import exceptions as stdnum_exceptions
from stdnum.fi import ytunnus

POSTAL_CODE_RE = re.compile(r"^[0-9]{5}$")


def ascii_digits(value: str) -> str:
    """``value`` with full-width and other Unicode digits as ASCII ones.

    NFKC turns full-width forms (``１２３４５``, ``－``) into ASCII; digits of other
    scripts (``٣``) become their ASCII value. Identifiers are stored this way.
    """
    value = unicodedata.normalize("NFKC", value or "")
    return "".join(
        str(unicodedata.decimal(char))
        if not char.isascii() and char.isdecimal()
        else char
        for char in value
    )


def normalize_postal_code(value: str) -> str:
    """A postal code as stored: ASCII digits (``00100``), no surrounding space."""
    return ascii_digits(value).strip()


def normalize_business_id(value: str) -> str:
    """Return a Finnish business ID (Y-tunnus) in its compact form ``1234567-8``.

    Raises ``ValidationError`` when the format or the check digit is wrong. The check
    is python-stdnum's (weights 7 9 10 5 8 4 2 1, modulus 11).
    """
    try:
        return ytunnus.format(ytunnus.validate(ascii_digits(value)))
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
        number = phonenumbers.parse(ascii_digits(value), region)
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
    if value and not POSTAL_CODE_RE.match(normalize_postal_code(value)):
        raise ValidationError(
            _("Enter a Finnish postal code of five digits, for example 00100."),
            code="invalid_postal_code",
        )


def letter_scripts(value: str) -> set[str]:
    """The scripts of the letters in ``value`` (``LATIN``, ``CYRILLIC`` …), from
    their Unicode names; digits, hyphens and other marks have none."""
    scripts = set()
    for char in value or "":
        if char.isalpha():
            name = unicodedata.name(char, "")
            scripts.add(name.split(" ", 1)[0] if name else "UNKNOWN")
    return scripts


#: The scripts a look-alike slug mixes most often, named in the editor's language.
SCRIPT_NAMES = {
    "LATIN": _("Latin"),
    "CYRILLIC": _("Cyrillic"),
    "GREEK": _("Greek"),
    "ARMENIAN": _("Armenian"),
}


def validate_single_script_slug(value: str) -> None:
    """A slug's letters are of one script: a Cyrillic "е" among Latin letters makes
    an address that looks like another (a look-alike URL)."""
    scripts = letter_scripts(value)
    if len(scripts) > 1:
        raise ValidationError(
            _(
                "The slug mixes letters of different alphabets (%(scripts)s): it "
                "would look like another address. Write it in one alphabet, for "
                "example with Latin letters only."
            ),
            code="mixed_script_slug",
            params={
                "scripts": ", ".join(
                    sorted(str(SCRIPT_NAMES.get(s, s.title())) for s in scripts)
                )
            },
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


# --- Structured GDPR 13/14 fields of the section blocks -------------------------------

#: Obligations to provide the data after which 13(2)(e) asks for the consequences.
OBLIGATORY_PROVISION = frozenset({"statutory", "contractual", "contract_entry"})
#: Transfer mechanisms of GDPR 46 and 47: the notice tells how to obtain a copy of
#: the safeguard or where it is available (13(1)(f), 14(1)(f)). An adequacy
#: decision (45) is published by the Commission; a derogation (49) has no copy.
MECHANISMS_WITH_COPY = frozenset(
    {
        "public_authorities",
        "bcr",
        "scc",
        "scc_authority",
        "code_of_conduct",
        "certification",
        "contractual_clauses",
        "administrative_arrangements",
    }
)


def _filled(value) -> bool:
    return bool(str(value or "").strip())


def validate_provision_requirement(requirement: str, consequences: str) -> None:
    """GDPR 13(2)(e): an obligation to provide the data comes with its consequences."""
    if requirement in OBLIGATORY_PROVISION and not _filled(consequences):
        raise ValidationError(
            _(
                "Tell what follows if the data subject does not provide the data "
                "when providing them is a statutory or contractual requirement or "
                "necessary to enter into a contract (GDPR 13(2)(e))."
            ),
            code="requirement_consequences_required",
        )


def validate_special_categories(
    special_categories: bool, conditions: Iterable[str]
) -> None:
    """GDPR 9(2): special categories of personal data need a condition of 9(2)."""
    if special_categories and not list(conditions or ()):
        raise ValidationError(
            _(
                "Choose the condition of GDPR 9(2) that allows processing special "
                "categories of personal data."
            ),
            code="special_categories_condition_required",
        )


def validate_transfer_destination(
    mechanism: str, derogation_point: str, copy_info: str, copy_url: str
) -> None:
    """One destination outside the EU/EEA: its mechanism and what 13(1)(f) asks of it.

    Raises a ``ValidationError`` whose ``error_dict`` names the field at fault.
    """
    if not mechanism:
        raise ValidationError(
            {
                "mechanism": ValidationError(
                    _(
                        "Choose the ground of the transfer: an adequacy decision, an "
                        "appropriate safeguard or a derogation."
                    ),
                    code="transfer_mechanism_required",
                )
            }
        )
    if mechanism == "derogation" and not derogation_point:
        raise ValidationError(
            {
                "derogation_point": ValidationError(
                    _("Choose the point of GDPR 49(1) on which the transfer relies."),
                    code="derogation_point_required",
                )
            }
        )
    if mechanism in MECHANISMS_WITH_COPY and not (
        _filled(copy_info) or _filled(copy_url)
    ):
        raise ValidationError(
            {
                "copy_info": ValidationError(
                    _(
                        "Tell how to obtain a copy of the safeguard or where it is "
                        "available (GDPR 13(1)(f))."
                    ),
                    code="safeguard_copy_required",
                )
            }
        )


def validate_transfer_destinations(transfers: str, mechanisms: Iterable[str]) -> None:
    """GDPR 13(1)(f): a transfer outside the EU/EEA lists its destinations.

    ``mechanisms`` are the destinations' transfer mechanisms, one per destination.
    """
    mechanisms = list(mechanisms or ())
    if transfers == "yes" and not [m for m in mechanisms if m]:
        raise ValidationError(
            _(
                "Add at least one destination with its transfer mechanism when data "
                "are transferred outside the EU/EEA."
            ),
            code="transfer_destination_required",
        )
    if transfers == "none" and mechanisms:
        raise ValidationError(
            _(
                "Remove the destinations or choose that data are transferred outside "
                "the EU/EEA: the section cannot say both."
            ),
            code="contradictory_transfers",
        )


def validate_data_sources(collected_from: str, sources: Iterable[str]) -> None:
    """GDPR 14(2)(f): data not collected from the data subject name their sources."""
    if collected_from in ("elsewhere", "both") and not [
        s for s in sources or () if _filled(s)
    ]:
        raise ValidationError(
            _(
                "Name the sources of the personal data when they are not collected "
                "from the data subject alone (GDPR 14(2)(f))."
            ),
            code="data_sources_required",
        )


def validate_data_source(kind: str, description: str) -> None:
    """An "other" source is described; the named kinds speak for themselves."""
    if kind == "other" and not _filled(description):
        raise ValidationError(
            _("Describe the source when its kind is “other”."),
            code="source_description_required",
        )


def validate_rights_request(
    rights: Iterable[str], channels: Iterable[str], objection_statement: str
) -> None:
    """GDPR 12(2), 21(4): how to exercise the rights, and the right to object apart.

    ``channels`` are the request channels given (e-mail, form address, postal
    address). Raises a ``ValidationError`` whose ``error_dict`` names the field.
    """
    rights = set(rights or ())
    if rights and not [c for c in channels or () if _filled(c)]:
        raise ValidationError(
            {
                "request_channel": ValidationError(
                    _(
                        "Tell how the data subject makes a request: an e-mail "
                        "address, the address of a web form or a postal address."
                    ),
                    code="request_channel_required",
                )
            }
        )
    if "object" in rights and not _filled(objection_statement):
        raise ValidationError(
            {
                "objection_statement": ValidationError(
                    _(
                        "State the right to object separately from the other "
                        "information (GDPR 21(4))."
                    ),
                    code="objection_statement_required",
                )
            }
        )


#: Hosts that may be framed over plain HTTP: a shop being developed locally.
LOCAL_HOSTS = frozenset({"localhost", "127.0.0.1", "[::1]"})
_ORIGIN_RE = re.compile(
    r"^(?P<scheme>https?)://(?P<host>\[[0-9a-f:.]+\]|[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?)"
    r"(?::(?P<port>\d{1,5}))?/?$"
)


def normalize_origin(value: str) -> str:
    """One web origin in canonical form: ``https://shop.example`` (lower case, no
    path, the port only when it is not the scheme's default).

    Raises ``ValidationError`` for anything else: a path, a query, a wildcard,
    credentials, or plain ``http://`` except for localhost.
    """
    text = value.strip()
    scheme, _sep, rest = text.partition("://")
    try:
        # An internationalised host name (kauppa.äö.example) in its ASCII form.
        rest = rest if rest.isascii() else rest.encode("idna").decode("ascii")
    except UnicodeError:
        rest = ""
    ascii_text = f"{scheme}://{rest}" if rest else ""
    match = _ORIGIN_RE.match(ascii_text.lower())
    port = int(match["port"]) if match and match["port"] else None
    if match is None or (port is not None and not 0 < port < 65536):
        raise ValidationError(
            _(
                "“%(value)s” is not a web address of a site: enter its scheme and "
                "host only, for example https://kauppa.example (no path, no "
                "wildcard)."
            ),
            code="invalid_origin",
            params={"value": text[:100]},
        )
    scheme, host = match["scheme"], match["host"]
    if scheme == "http" and host not in LOCAL_HOSTS:
        raise ValidationError(
            _(
                "“%(value)s” uses plain http: a notice may be framed only by a "
                "site served over https (http only for localhost)."
            ),
            code="insecure_origin",
            params={"value": text[:100]},
        )
    if port is None or port == {"http": 80, "https": 443}[scheme]:
        return f"{scheme}://{host}"
    return f"{scheme}://{host}:{port}"


def normalize_origins(value: str) -> str:
    """Origins given one a line (or separated by spaces or commas), canonical and
    without duplicates, one a line; raises ``ValidationError`` naming each bad one."""
    origins: list[str] = []
    errors: list[ValidationError] = []
    for item in re.split(r"[\s,]+", value or ""):
        if not item:
            continue
        try:
            origin = normalize_origin(item)
        except ValidationError as error:
            errors.append(error)
            continue
        if origin not in origins:
            origins.append(origin)
    if errors:
        raise ValidationError(errors)
    return "\n".join(origins)


def validate_origins(value: str) -> None:
    """Django validator form of :func:`normalize_origins`."""
    normalize_origins(value)


#: A placeholder of a notice template: "[TÄYDENNÄ: …]" (also "[FYLL I: …]" and
#: "[FILL IN: …]"), the text an editor must replace with the shop's own facts.
PLACEHOLDER_RE = re.compile(r"\[(?:TÄYDENNÄ|FYLL I|FILL IN):[^\]]*\]", re.IGNORECASE)


def placeholders_in(value) -> list[str]:
    """The template placeholders left anywhere in ``value`` (a StreamField's raw
    data, a string, or nested lists and dicts of them), in order."""
    found: list[str] = []
    if isinstance(value, str):
        found.extend(PLACEHOLDER_RE.findall(value))
    elif isinstance(value, dict):
        for item in value.values():
            found.extend(placeholders_in(item))
    elif isinstance(value, list | tuple):
        for item in value:
            found.extend(placeholders_in(item))
    return found
