"""The controller: which legal entity a notice names as its controller.

The controller section is read first (:func:`.contacts.extract_contact_details`);
then its name is checked and, where it is not a legal entity's name, looked for
again in the text before the first heading and in the rest of the notice:

- asides are stripped: "(jäljempänä RAC)", "(nedan Föreningen)", "(RVS)";
- a name is a legal entity's when it carries a legal form (Oy, Ab, ry, rf, sr,
  säätiö, stiftelse, Tmi, Ky, osk …) or names a public body (kunta, kaupunki,
  kommun, stad, kuntayhtymä …); the entity that owns the business ID is preferred
  to a unit of it or to a person;
- a heading word ("Rekisterinpitäjä") or a sentence is never a name; an entity
  named in such a sentence is ("Rekisterinpitäjänä toimii Raision Veneseura ry");
- a person named as the controller, where a company with a business ID is the
  document's, becomes the contact person.

What could not be decided is reported as short notes (``uncertain``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from ..validators import normalize_business_id
from .contacts import (
    _BARE_BUSINESS_ID_RE,
    _BUSINESS_ID_RE,
    CONTACT_PERSON_FIELDS,
    extract_contact_details,
)
from .matching import match_heading
from .text import normalize_heading, normalize_space
from .vocabulary import NORMALIZED_GENERIC_TITLES

# Legal forms written after the name ("Yritys Oy", "Förening rf").
_SUFFIX_FORMS = (
    r"oyj|oy|abp|ab|ky|ay|osk|ry|r\.y|rf|r\.f|sr|s\.r|tmi|ltd|inc|gmbh|ab oy|oy ab"
)
# Words that make a name a legal entity or a public body wherever they end it.
_BODY_WORDS = (
    r"säätiö|stiftelse|kuntayhtymä|samkommun|kunta|kaupunki|kommun|stad"
    r"|seurakunta|församling|hyvinvointialue|välfärdsområde|yhtymä|osuuskunta"
    r"|andelslag|yliopisto|universitet|ammattikorkeakoulu|yrkeshögskola"
    r"|osuuskauppa|osuuspankki|andelsbank|sairaanhoitopiiri|sjukvårdsdistrikt"
    r"|kirjasto|bibliotek|museo|museum|virasto|verket|laitos|instituutti|institut"
)
_LEGAL_SUFFIX_RE = re.compile(
    rf"(?:\b(?:{_SUFFIX_FORMS})\.?|\w*(?:{_BODY_WORDS}))$", re.IGNORECASE
)
_LEGAL_PREFIX_RE = re.compile(
    r"^(?:asunto oy|kiinteistö oy|bostads ab|fastighets ab|tmi|oy|ab|toiminimi"
    r"|stiftelsen|andelslaget|osuuskunta|asunto-osakeyhtiö|kiinteistö-osakeyhtiö"
    r"|osakeyhtiö|bostadsaktiebolaget|fastighetsaktiebolaget|aktiebolaget)\s+\S",
    re.IGNORECASE,
)
# A rank of how surely a name is the legal entity: a legal form, a public body,
# an institution of one.
_FORM_RE = re.compile(
    rf"\b(?:{_SUFFIX_FORMS})\.?$|^(?:asunto|kiinteistö|bostads|"
    r"fastighets)?\s*(?:oy|ab|tmi|stiftelsen|andelslaget|osuuskunta)\s"
    r"|^(?:asunto-|kiinteistö-)?osakeyhtiö\s|^(?:bostads|fastighets)?aktiebolaget\s",
    re.IGNORECASE,
)
_PUBLIC_RE = re.compile(
    r"(?:säätiö|stiftelse|kuntayhtymä|samkommun|kunta|kaupunki|kommun|stad"
    r"|seurakunta|församling|hyvinvointialue|välfärdsområde|osuuskunta|andelslag"
    r"|yhtymä|osuuskauppa|osuuspankki|andelsbank|sairaanhoitopiiri"
    r"|sjukvårdsdistrikt|universitet|yliopisto)$",
    re.IGNORECASE,
)
# "(jäljempänä Yhtiö)", "(nedan kallad Föreningen)", "(hereinafter RAC)", "(”RAC”)",
# "(RVS)": asides after a name.
_ASIDE_RE = re.compile(
    r"\s*\((?:[^()]*\b(?:jäljempänä|jäljempää|myöhemmin|tästä eteenpäin|nedan|"
    r"hädanefter|i fortsättningen|hereinafter|later|jatkossa)\b[^()]*"
    r"|\s*[\"”“'’«»]?[\w&.\- ]{1,30}[\"”“'’«»]?\s*)\)",
    re.IGNORECASE,
)
_TRAILING_ASIDE_RE = re.compile(
    r",?\s+(?:jäljempänä|nedan|hereinafter)\b.*$", re.IGNORECASE
)
# The words of a sentence that names the controller: the heading word and a verb.
_LEAD_RE = re.compile(
    r"^(?:rekisterinpitäjä(?:nä)?|rekisterin pitäjä(?:nä)?|personuppgiftsansvarig(?:e)?"
    r"|registeransvarig(?:e)?|data controller|controller)\b[\s:,-]*"
    r"(?:(?:on|toimii|är|fungerar som|is)\b\s*)?",
    re.IGNORECASE,
)
_VERB_RE = re.compile(
    r"\s+(?:on|toimii|vastaa|käsittelee|är|ansvarar|behandlar|is|has)\b.*$",
    re.IGNORECASE,
)
# "Henkilötiedoista vastaa", "För personuppgifterna ansvarar", "Responsible for
# the data is": the words before the name of the one who answers for the data.
_RESPONSIBLE_RE = re.compile(
    r"^(?:[\w\-]+\s+){0,5}?(?:vastaa|vastaavat|ansvarar|is responsible|responsible"
    r"\s+for\s+\S+\s+is)\s+(?=[A-ZÅÄÖ0-9])"
)
_SENTENCE_END_RE = re.compile(r"(?<![\s.][A-ZÅÄÖa-zåäö])\.\s+(?=[A-ZÅÄÖ])")
_ORG_IN_TEXT_RE = re.compile(
    r"(?P<prefixed>(?:Asunto Oy|Kiinteistö Oy|Bostads Ab|Fastighets Ab|Tmi|Oy|Ab"
    r"|Stiftelsen|Andelslaget)"
    r"(?:\s+[A-ZÅÄÖ0-9][\w&'’.\-]*){1,4}(?:\s+(?:sr|rf|ry|r\.y\.?|r\.f\.?|s\.r\.?)(?!\w))?)"
    # Lower-case words inside a name: "Föreningen Norden i Jakobstad rf",
    # "Stiftelsen för Kultur rf".
    r"|(?<![\w'’\-])(?!(?:ja|och|and|i|för|vid|av|på)\s)(?P<name>(?:(?:[A-ZÅÄÖ0-9][\w&'’.\-]*|&|ja|och|and|i|för|vid|av"
    r"|på)\s+)"
    r"{0,6}?"
    rf"(?:(?i:{_SUFFIX_FORMS})\.?(?![\w])"
    rf"|[\w\-]*(?i:{_BODY_WORDS})(?:\s+(?i:sr|rf|ry|r\.y|r\.f)\b)?))"
    r"(?::n|:s|:in|:lle|:ltä)?(?!\w)"
)
# Words that start a sentence or name the document, never the start of a name.
_NOT_NAME_START = {
    "tämä",
    "tämän",
    "me",
    "meidän",
    "vi",
    "den",
    "det",
    "denna",
    "detta",
    "this",
    "we",
    "our",
    "the",
    "rekisterinpitäjä",
    "rekisterinpitäjänä",
    "personuppgiftsansvarig",
    "tietosuojaseloste",
    "rekisteriseloste",
    "dataskyddsbeskrivning",
    "registerbeskrivning",
    "ja",
    "och",
    "and",
    "on",
    "är",
    "is",
    "i",
    "för",
    "vid",
    "av",
    "på",
}
_PERSON_RE = re.compile(r"^[A-ZÅÄÖ][a-zåäöéü\-]+(?:\s+[A-ZÅÄÖ][a-zåäöéü\-]+){1,2}$")


@dataclass
class ControllerFinding:
    """The controller's details, a contact person found on the way, and notes."""

    details: dict[str, str | None]
    contact_person: dict[str, str | None] = field(default_factory=dict)
    uncertain: list[str] = field(default_factory=list)


def strip_asides(name: str) -> str:
    """``name`` without the asides that follow it: "(jäljempänä RAC)", "(RVS)"."""
    text = _ASIDE_RE.sub("", name)
    text = _TRAILING_ASIDE_RE.sub("", text)
    return normalize_space(text).strip(" ,;:–-")


def is_legal_entity(name: str | None) -> bool:
    """Whether ``name`` carries a legal form or names a public body."""
    if not name:
        return False
    text = normalize_space(name).rstrip(".")
    return bool(_LEGAL_SUFFIX_RE.search(text) or _LEGAL_PREFIX_RE.match(text))


def _rank(name: str) -> int:
    """2 for a legal form or a public body, 1 for an institution, 0 otherwise."""
    text = normalize_space(name).rstrip(".")
    if _FORM_RE.search(text) or _PUBLIC_RE.search(text):
        return 2
    return 1 if is_legal_entity(text) else 0


def _unstart(name: str) -> str:
    words = name.split()
    while words and words[0].casefold().strip(":,") in _NOT_NAME_START:
        words.pop(0)
    return " ".join(words)


def entities_in(text: str) -> list[str]:
    """The names of legal entities and public bodies that ``text`` mentions."""
    found: list[str] = []
    for match in _ORG_IN_TEXT_RE.finditer(strip_asides(text)):
        name = match.group("name") or match.group("prefixed") or ""
        name = re.sub(r"(?::n|:s|:in|:lle|:ltä)$", "", name)
        # "64100 Kristinestad": a postal code and a town ending in "-stad", an
        # address rather than a body's name.
        name = re.sub(r"^(?:\d+\s+)+", "", name.strip())
        name = _unstart(name.strip())
        # "… Tmi Laura Niskanen (Y-tunnus …). Teen …": the name ends with its
        # sentence (an initial's dot, "J. Virtanen", does not end one).
        name = _SENTENCE_END_RE.split(name, maxsplit=1)[0]
        if (
            name
            and is_legal_entity(name)
            and len(name.split()) >= 2
            or name
            and is_legal_entity(name)
            and match.group("prefixed")
        ):
            found.append(name)
    return found


def _responsible_named(name: str | None) -> str | None:
    """The entity in "Henkilötiedoista vastaa Kisa ry", "För registret ansvarar
    Kraft rf": a sentence that says who answers for the data names it after its
    verb."""
    if not name:
        return name
    match = _RESPONSIBLE_RE.match(name)
    if match is None:
        return name
    rest = name[match.end() :].strip()
    return rest if rest and is_legal_entity(rest) else name


def _is_heading_word(name: str) -> bool:
    norm = normalize_heading(name)
    return norm in NORMALIZED_GENERIC_TITLES or (
        match_heading(name, topics=False) is not None and len(name.split()) <= 6
    )


def _sentence_name(line: str) -> str | None:
    """The name in "Rekisterinpitäjä koirametsät.info on sitoutunut …"."""
    lead = _LEAD_RE.match(line)
    if lead is None or lead.end() == 0:
        return None
    rest = _VERB_RE.sub("", line[lead.end() :]).strip(" .,:;")
    rest = strip_asides(rest.split(",")[0])
    if not rest or len(rest.split()) > 6 or _is_heading_word(rest):
        return None
    return rest


# "Andelslaget Österbottens Mjölk, nedan andelslaget, är personuppgiftsansvarig",
# "Kylätalo Mäntylä ry toimii rekisterinpitäjänä": the subject of a sentence that
# names it the controller.
_SUBJECT_RE = re.compile(
    r"^(?P<name>[A-ZÅÄÖ0-9][^.!?]{1,80}?)\s+(?:on|toimii|är|fungerar som|is|acts as)"
    r"\s+(?:the\s+)?(?:rekisterinpitäjä\w*|personuppgiftsansvarig\w*"
    r"|registeransvarig\w*|(?:data\s+)?controller)\b"
)


def _subject_name(line: str) -> str | None:
    """The name that a sentence names the controller (see ``_SUBJECT_RE``)."""
    match = _SUBJECT_RE.match(strip_asides(line))
    if match is None:
        return None
    name = strip_asides(match.group("name")).strip(" ,;:")
    if not name or len(name.split()) > 6 or _unstart(name) != name:
        return None
    return name


# A person named after a title with a word in lower case: "Verkställande
# direktör Kim Lund", "Toimitusjohtaja, hallituksen jäsen Anna Apuri".
_TITLED_PERSON_RE = re.compile(
    r"^(?:[\w\-,]+\s+){0,3}[a-zåäö][\w\-,]*\s+"
    r"[A-ZÅÄÖ][a-zåäöéü\-]+\s+[A-ZÅÄÖ][a-zåäöéü\-]+$"
)


def _is_titled_person(name: str) -> bool:
    """Whether ``name`` is a person's after a title ("Verkställande direktör …")."""
    return bool(_TITLED_PERSON_RE.match(name)) and not is_legal_entity(name)


def _is_person(name: str) -> bool:
    """Whether ``name`` reads as a person's, perhaps after a title."""
    return _is_titled_person(name) or (
        bool(_PERSON_RE.match(name)) and not is_legal_entity(name)
    )


# "Porin kaupunginkirjasto", "Vasa stadsbibliotek", "Korsholms kommuns
# bibliotek": an institution whose name says which town owns it.
_OWNED_BY_TOWN_RE = re.compile(
    r"^(?P<town>(?:[A-ZÅÄÖ][\w\-]*\s+)*[A-ZÅÄÖ][\w\-]*?)\s+"
    r"(?:(?P<fi>kaupungin|kunnan)\w+|(?P<sv>stads|kommuns)\s?\w+)$"
)
_TOWN_WORDS = {
    "kaupungin": "kaupunki",
    "kunnan": "kunta",
    "stads": "stad",
    "kommuns": "kommun",
}


def _owning_body(unit: str) -> str | None:
    """The town an institution's name says it belongs to, if it does."""
    match = _OWNED_BY_TOWN_RE.match(normalize_space(unit))
    if match is None:
        return None
    word = match.group("fi") or match.group("sv")
    return f"{match.group('town')} {_TOWN_WORDS[word]}"


def _business_id(lines: list[str]) -> str | None:
    whole = "\n".join(lines)
    raw = [m.group("id") for m in _BUSINESS_ID_RE.finditer(whole)]
    for value in raw:
        try:
            return normalize_business_id(re.sub(r"\s", "", value))
        except ValidationError:
            continue
    return None


def _id_owner(lines: list[str]) -> str | None:
    """The entity named on, or just above, the line with a business ID."""
    for index, line in enumerate(lines):
        if not (_BUSINESS_ID_RE.search(line) or _BARE_BUSINESS_ID_RE.search(line)):
            continue
        for candidate in (line, *reversed(lines[max(0, index - 2) : index])):
            names = entities_in(candidate)
            if names:
                return names[0]
    return None


def _clean(name: str | None) -> str | None:
    if not name:
        return name
    # "Koulutusyhtymä X (jäljempänä Kpedu) Mariankatu 18": the name ends where
    # its aside starts.
    aside = _ASIDE_RE.search(name)
    if aside is not None and name[aside.end() :].strip(" ,;"):
        before = name[: aside.start()].strip()
        if len(before.split()) >= 2 or is_legal_entity(before):
            name = before
    return _strip_full_stop(strip_asides(name)) or None


def _strip_full_stop(name: str) -> str:
    """``name`` without a sentence's full stop ("Koirametsät Oy."), keeping the
    dots of an abbreviated form ("r.y.")."""
    if name.endswith(".") and not re.search(r"\b\w\.\w\.$", name):
        return name[:-1].rstrip()
    return name


def find_controller(
    section_lines: list[str] | None,
    intro_lines: list[str],
    all_lines: list[str],
    *,
    warn: Callable[[Any], None] | None = None,
) -> ControllerFinding:
    """Decide the controller of a notice (see the module's docstring).

    ``section_lines`` are the controller section's (``None`` when it has none),
    ``intro_lines`` the text before the first heading, ``all_lines`` every line.
    """
    lines = section_lines or []
    details = extract_contact_details(lines, warn=warn) if lines else {}
    details = {name: details.get(name) for name in details} or dict(
        extract_contact_details([])
    )
    finding = ControllerFinding(details)
    notes = finding.uncertain

    if not details.get("business_id"):
        details["business_id"] = _business_id(intro_lines) or _business_id(all_lines)

    name = _responsible_named(_clean(details.get("name")))
    if name and _LEAD_RE.match(name):
        # "Rekisterinpitäjä: Matti Virtanen": the name after the heading word.
        rest = _LEAD_RE.sub("", name, count=1).strip(" :,")
        name = (
            rest
            if rest and len(rest.split()) <= 6 and _VERB_RE.search(" " + rest) is None
            else None
        )
    if name and _is_heading_word(name):
        name = None
    sentences = [s for s in (_sentence_name(line) for line in lines) if s]
    in_section = [n for line in lines for n in entities_in(line)]
    subjects = [n for n in (_subject_name(line) for line in intro_lines) if n]
    in_intro = [n for line in intro_lines for n in entities_in(line)]
    owner = _id_owner(lines) or _id_owner(intro_lines) or _id_owner(all_lines)

    chosen = name
    if chosen is not None and _rank(chosen) == 1:
        # An institution ("Kaupunginkirjasto") where the section or the business
        # ID names the public body or company it belongs to.
        body = next(
            (n for n in (*in_section, owner) if n and _rank(n) == 2 and n != chosen),
            None,
        ) or _owning_body(chosen)
        if body is not None:
            notes.append(
                str(
                    _("“%(unit)s” may be a unit of %(entity)s; %(entity)s was taken.")
                    % {"unit": chosen, "entity": body}
                )
            )
            chosen = body
    if chosen is None and section_lines is None and subjects:
        chosen = subjects[0]
    if chosen is None or _rank(chosen) == 0:
        # A person, a unit or a sentence: look for the legal entity, first in the
        # section, then where the business ID is, then in the introduction.
        candidates = [n for n in (*in_section, owner, *in_intro) if n]
        if chosen and _is_titled_person(chosen) and not candidates:
            # "Verkställande direktör Kim Lund" with the company named only
            # further on in the text.
            candidates = [n for line in all_lines for n in entities_in(line)]
        best = next((n for n in candidates if _rank(n) == 2), None) or next(
            (n for n in candidates if _rank(n) == 1), None
        )
        if best is None and chosen is None and (sentences or subjects):
            best = (sentences or subjects)[0]
        if best is not None:
            if chosen and _is_person(chosen) and best != chosen:
                finding.contact_person = {"name": chosen}
                notes.append(
                    str(
                        _(
                            "%(person)s is named as the controller, but the notice "
                            "is %(entity)s's; %(person)s was taken as the contact "
                            "person."
                        )
                        % {"person": chosen, "entity": best}
                    )
                )
            elif chosen:
                notes.append(
                    str(
                        _(
                            "“%(unit)s” may be a unit of %(entity)s; %(entity)s was taken."
                        )
                        % {"unit": chosen, "entity": best}
                    )
                )
            chosen = best

    if chosen is None:
        notes.append(str(_("no controller name was found.")))
    elif _rank(chosen) == 0:
        notes.append(
            str(
                _("“%(name)s” carries no legal form; check that it is the controller.")
                % {"name": chosen}
            )
        )
    if section_lines is None and chosen:
        notes.append(
            str(
                _(
                    "the notice has no controller section; the name was read from its text."
                )
            )
        )
    if (
        owner
        and chosen
        and _rank(owner) == 2
        and owner != chosen
        and _rank(chosen) == 2
    ):
        notes.append(
            str(
                _("the business ID is written next to %(entity)s, not %(name)s.")
                % {"entity": owner, "name": chosen}
            )
        )
    details["name"] = _strip_full_stop(chosen) if chosen else chosen
    return finding


def contact_from_finding(
    contact: dict[str, str | None], finding: ControllerFinding
) -> dict[str, str | None]:
    """``contact`` with the person the controller section named, where it had none."""
    if contact.get("name") or not finding.contact_person:
        return contact
    merged = dict(contact)
    for name in CONTACT_PERSON_FIELDS:
        merged[name] = merged.get(name) or finding.contact_person.get(name)
    return merged


__all__ = [
    "ControllerFinding",
    "contact_from_finding",
    "entities_in",
    "find_controller",
    "is_legal_entity",
    "strip_asides",
]
