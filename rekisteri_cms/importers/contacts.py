"""Contact details: a controller's or contact person's name and identifiers.

Business IDs, phone numbers, e-mail addresses (disguised ones too), websites and
postal addresses are found in a section's lines and checked with
:mod:`rekisteri_cms.validators`; a value that does not validate is reported and
left out, never corrected.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.utils.translation import gettext_lazy as _

from ..validators import normalize_business_id, normalize_phone, normalize_postal_code
from .text import normalize_space

CONTROLLER_FIELDS = (
    "name",
    "business_id",
    "street_address",
    "postal_code",
    "locality",
    "phone",
    "email",
    "website",
)
CONTACT_PERSON_FIELDS = ("name", "phone", "email")


# fmt: off
_LABELS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("name", ("nimi", "yrityksen nimi", "toiminimi", "yritys", "namn", "firma",
              "name")),
    ("business_id", ("y-tunnus", "ytunnus", "y tunnus", "fo-nummer", "fo-nr",
                     "fo nr", "organisationsnummer", "business id")),
    ("address", ("osoite", "postiosoite", "käyntiosoite", "katuosoite",
                 "adress", "postadress", "besöksadress", "address")),
    ("phone", ("puhelin", "puhelinnumero", "puh", "p", "matkapuhelin", "gsm", "tel",
               "tfn", "telefon", "mobil", "phone")),
    ("email", ("sähköposti", "sähköpostiosoite", "s-posti", "email", "e-mail",
               "e-post", "epost", "e-postadress")),
    ("website", ("internet", "www", "kotisivu", "kotisivut", "verkkosivut",
                 "webbplats", "hemsida", "website")),
    ("other", ("fax", "faksi", "titteli", "tehtävä")),
    # Contact details of any kind: searched for a phone, an e-mail and a website,
    # never taken for the name.
    ("contact", ("muut yhteystiedot", "yhteystiedot", "kontaktuppgifter",
                 "övriga kontaktuppgifter", "contact details")),
)
# fmt: on
# "Label" (lower case) -> the kind of value it introduces.
_LABEL_KINDS: dict[str, str] = {
    label: kind for kind, labels in _LABELS for label in labels
}

_LABEL_RE = re.compile(r"^(?P<label>[^\W\d][\w .-]{0,30}?)\s*[:.]\s*(?P<value>.*)$")
_BUSINESS_ID_RE = re.compile(
    r"\b(?:y-?\s?tunnu(?:s|ksemme|ksen|kseni|ksella)|fo-?\s?numret|fo-?\s?nummer"
    r"|fo-?\s?nr|business\s+id|org\.?\s*nr"
    r"|(?:företags-\s*och\s+)?organisationsnummer)\b\.?\s*:?\s*"
    # "Säätiön Y-tunnus on 1234567-8", "Vårt FO-nummer är …"
    r"(?:(?:on|är|is)\s+)?"
    r"(?P<id>\d{6,7}\s?-\s?\d)\b",
    re.IGNORECASE,
)
_BARE_BUSINESS_ID_RE = re.compile(r"(?<![\d+])\b(?P<id>\d{7}-\d)\b(?!\d)")
_PHONE_RE = re.compile(
    r"(?:\b(?:puhelin|puhelinnumero|puh|matkapuhelin|gsm|tel|tfn|telefon|mobil"
    r"|vaihde|växel|phone)\b\.?"
    r"|(?<![\w.])p\.)\s*:?\s*(?P<number>\+?\(?\d[\d\s\-()/]{5,}\d)",
    re.IGNORECASE,
)
_BARE_PHONE_RE = re.compile(r"^\+?\(?\d[\d\s\-()/]{5,}\d$")
_NUMBER_IN_TEXT_RE = re.compile(r"\+?\(?\d[\d \-()/]{5,}\d")
# "nimi(at)firma.fi", "nimi [at] firma [dot] fi", "nimi ät firma.fi": addresses
# written so that harvesters miss them.
_OBFUSCATED_AT_RE = re.compile(
    r"\s*[\(\[\{<]\s*(?:at|ät|a|miuku|@)\s*[\)\]\}>]\s*", re.IGNORECASE
)
_OBFUSCATED_DOT_RE = re.compile(
    r"\s*[\(\[\{<]\s*(?:dot|piste|punkt|\.)\s*[\)\]\}>]\s*", re.IGNORECASE
)
_SPACED_AT_RE = re.compile(
    r"(?<=[\w.-])\s+(?:at|ät|@)\s+(?=[\w-]+(?:\.|\s+(?:dot|piste|punkt)\s+)[\w-])",
    re.IGNORECASE,
)
_SPACED_DOT_RE = re.compile(r"\s+(?:dot|piste|punkt)\s+(?=[\w-])", re.IGNORECASE)
_EMAIL_RE = re.compile(r"[\w.!#$%&'*+/=?^`{|}~-]+@[\w-]+(?:\.[\w-]+)+")
_WEBSITE_RE = re.compile(r"\b(?:https?://|www\.)[^\s,;<>()]+", re.IGNORECASE)
_POSTAL_RE = re.compile(
    r"(?:^|,\s*|\s)(?:FI-?\s?)?(?P<code>\d{5})\s+"
    r"(?P<locality>[^\W\d_][^\W\d_\- ]*(?:[- ][^\W\d_]+){0,2})\s*(?:,|\.|$)"
)
_PO_BOX_RE = re.compile(
    r"^(?:PL|PB|P\.?\s?O\.?\s*Box|Postilokero|Box)\s*\d+", re.IGNORECASE
)
_NAME_CUT_RE = re.compile(
    r"\s*[,(;/–-]?\s*(?:\b(?:y-?\s?tunnus|fo-?\s?nummer|puh|puhelin|tel|gsm"
    r"|sähköposti|s-posti|e-?mail|e-post)\b|(?<![\w.])p\.\s*\d).*$",
    re.IGNORECASE,
)
_email_validator = EmailValidator()
_url_validator = URLValidator(schemes=["http", "https"])


def deobfuscate_email(value: str) -> str:
    """Undo the usual disguises of an e-mail address: "nimi(at)firma.fi", "nimi
    [at] firma [dot] fi", "nimi ät firma.fi" all become "nimi@firma.fi"."""
    text = _OBFUSCATED_AT_RE.sub("@", value)
    text = _OBFUSCATED_DOT_RE.sub(".", text)
    text = _SPACED_AT_RE.sub("@", text)
    return re.sub(
        r"@[\w.-]+(?:\s+(?:dot|piste|punkt)\s+[\w-]+)+",
        lambda match: _SPACED_DOT_RE.sub(".", match.group(0)),
        text,
        flags=re.IGNORECASE,
    )


def _label_only(line: str) -> str | None:
    """The label of a line that is only a label ("Nimi", "Osoite:", "Muut
    yhteystiedot (esim. puhelin)"), as in a form; ``None`` for any other line."""
    text = _strip_closing_parenthesis(line).strip().rstrip(":").strip()
    kind = _LABEL_KINDS.get(text.casefold())
    return text if kind not in (None, "other") and len(text) > 1 else None


def _strip_closing_parenthesis(line: str) -> str:
    r"""``line`` without a parenthesis that closes it and the spaces before it, as
    ``re.sub(r"\s*\(.*\)$", "", line)`` but in one pass: that regex reads to the
    end of the line again from every "(", which a long line of them makes slow."""
    if "\n" in line:
        return re.sub(r"\s*\(.*\)$", "", line)
    opening = line.find("(")
    if opening == -1 or not line.endswith(")") or opening == len(line) - 1:
        return line
    return line[:opening].rstrip()


def _merge_label_lines(lines: list[str]) -> list[str]:
    """Join a label on a line of its own with the value on the next line."""
    merged: list[str] = []
    label: str | None = None
    for raw in lines:
        line = normalize_space(raw)
        if not line:
            continue
        only = _label_only(line)
        if only is not None:
            label = only
            continue
        merged.append(f"{label}: {line}" if label else line)
        label = None
    return merged


def _label_of(line: str) -> tuple[str | None, str]:
    """``(kind, value)`` of a "Label: value" line; ``(None, line)`` otherwise."""
    match = _LABEL_RE.match(line)
    if match is None:
        return None, line
    label = normalize_space(match.group("label")).casefold().rstrip(".")
    kind = _LABEL_KINDS.get(label)
    if kind is None:
        return None, line
    if kind == "phone" and not re.match(r"\+?\(?\d", match.group("value")):
        return None, line
    return kind, match.group("value").strip()


def extract_contact_details(
    lines: list[str], *, warn: Callable[[Any], None] | None = None
) -> dict[str, str | None]:
    """Find a name, business ID, address, phone, e-mail and website in lines.

    Labelled values ("Puhelin: …", "Namn: …") come first; otherwise the first
    line that is none of the others is the name and a line with a postal code
    ("60101 Seinäjoki", "Katu 1, 00100 Helsinki") the address. Identifiers go
    through :mod:`rekisteri_cms.validators`; a value that does not validate is
    reported through ``warn`` and left out, never corrected.
    """

    def report(message: Any) -> None:
        if warn is not None:
            warn(message)

    details: dict[str, str | None] = dict.fromkeys(CONTROLLER_FIELDS)
    labelled = [_label_of(line) for line in _merge_label_lines(lines)]

    # Business ID.
    whole = "\n".join(value for _kind, value in labelled)
    raw_ids = [m.group("id") for m in _BUSINESS_ID_RE.finditer(whole)]
    raw_ids += [value for kind, value in labelled if kind == "business_id"]
    if not raw_ids:
        raw_ids = [m.group("id") for m in _BARE_BUSINESS_ID_RE.finditer(whole)]
    if raw_ids:
        raw_id = re.sub(r"\s", "", raw_ids[0])
        try:
            details["business_id"] = normalize_business_id(raw_id)
        except ValidationError as exc:
            if exc.code == "invalid_checksum":
                message = _(
                    "the check digit of the business ID (Y-tunnus) %(value)s is "
                    "wrong; the business ID was left empty."
                )
            else:
                message = _(
                    "%(value)s is not a valid business ID (Y-tunnus); the business "
                    "ID was left empty."
                )
            report(message % {"value": raw_id})

    # Phone.
    for kind, value in labelled:
        if kind == "other":
            continue
        candidate = None
        if kind == "phone":
            number = _NUMBER_IN_TEXT_RE.search(value)
            candidate = number.group(0) if number else value
        else:
            match = _PHONE_RE.search(value) or (
                _BARE_PHONE_RE.match(value) if kind is None else None
            )
            if match is not None:
                candidate = match.groupdict().get("number") or match.group(0)
        if candidate:
            if _BARE_BUSINESS_ID_RE.fullmatch(candidate.strip()):
                continue
            try:
                details["phone"] = normalize_phone(candidate.strip())
            except ValidationError:
                report(
                    _(
                        "%(value)s is not a valid phone number; the phone number "
                        "was left empty."
                    )
                    % {"value": candidate.strip()}
                )
            break

    # E-mail.
    for _kind, value in labelled:
        text = deobfuscate_email(value)
        match = _EMAIL_RE.search(text)
        if match is None:
            continue
        email = match.group(0).rstrip(".")
        try:
            _email_validator(email)
        except ValidationError:
            report(
                _("the e-mail address %(value)s is not valid; it was left empty.")
                % {"value": email}
            )
        else:
            details["email"] = email
        break

    # Website.
    for kind, value in labelled:
        match = _WEBSITE_RE.search(value)
        candidate = match.group(0) if match else None
        if candidate is None and kind == "website" and value and "@" not in value:
            candidate = value.split()[0]
        if not candidate:
            continue
        candidate = candidate.rstrip(".,;:/")
        if not re.match(r"https?://", candidate, re.IGNORECASE):
            candidate = "https://" + candidate
        try:
            _url_validator(candidate)
        except ValidationError:
            continue
        details["website"] = candidate
        break

    # Address.
    for index, (kind, value) in enumerate(labelled):
        if kind not in (None, "address", "contact"):
            continue
        match = _POSTAL_RE.search(value)
        if match is None:
            continue
        details["postal_code"] = normalize_postal_code(match.group("code"))
        locality = match.group("locality").strip()
        details["locality"] = locality.title() if locality.isupper() else locality
        street = value[: match.start()].strip(" ,")
        street = street.split(",")[-1].strip() if street else ""
        if not re.search(r"\d", street):
            street = ""  # "Yritys Oy, 00100 Helsinki": a name, not a street
        if not street and index > 0:
            prev_kind, prev_value = labelled[index - 1]
            if (
                prev_kind in (None, "address", "contact")
                and (re.search(r"\d", prev_value) or _PO_BOX_RE.match(prev_value))
                and not _looks_like_identifier(prev_value)
            ):
                street = prev_value
        if street and not _PO_BOX_RE.match(street):
            details["street_address"] = street
        break

    # Name.
    for kind, value in labelled:
        if kind == "name" and value:
            details["name"] = _clean_name(value)
            break
    else:
        for kind, value in labelled:
            if kind is not None:
                continue
            if _PO_BOX_RE.match(value):
                continue
            # "Yritys Oy, Katu 1, 00100 Helsinki, info@yritys.fi": the first part.
            name = _clean_name(value.split(",")[0])
            if not name or _looks_like_identifier(name):
                continue
            # A sentence ends in a full stop; a name may end in an abbreviated
            # legal form ("Föreningen Norden r.f.").
            if len(name.split()) <= 8 and (
                not name.endswith(".") or re.search(r"\b\w\.\w\.$", name)
            ):
                details["name"] = name
            break
    return details


def _looks_like_identifier(value: str) -> bool:
    return bool(
        _BARE_PHONE_RE.match(value)
        or _PHONE_RE.match(value)
        or _BUSINESS_ID_RE.match(value)
        or _EMAIL_RE.search(deobfuscate_email(value))
        or _WEBSITE_RE.match(value)
        or re.match(r"^\d{5}\s", value)
    )


def _clean_name(value: str) -> str:
    name = _NAME_CUT_RE.sub("", value)
    name = _EMAIL_RE.sub("", deobfuscate_email(name))
    return name.strip(" ,;:–-(").strip()
