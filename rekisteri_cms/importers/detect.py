"""Language and framework detection: Finnish or Swedish, GDPR or the old act."""

from __future__ import annotations

import re

from ..sections import GDPR, HTL

# fmt: off
_FI_WORDS = frozenset((
    "ja", "on", "ei", "tai", "sekä", "että", "ovat", "voidaan", "myös", "tiedot",
    "tietoja", "tietojen", "rekisterin", "rekisteri", "henkilötietoja",
    "henkilötietojen", "asiakkaan", "mukaan", "mukaisesti", "kanssa", "jos", "joka",
    "jotka", "kuten", "ole", "käytetään", "sinun", "meidän", "tämä", "tässä",
    "niiden", "vain",
))
_SV_WORDS = frozenset((
    "och", "att", "det", "som", "är", "för", "av", "med", "till", "på", "inte",
    "eller", "om", "kan", "de", "den", "vi", "vår", "våra", "dina", "du",
    "uppgifter", "uppgifterna", "personuppgifter", "registret", "behandling",
    "behandlingen", "enligt", "också", "samt", "har", "ska", "sig", "från",
))
# fmt: on
_WORD_RE = re.compile(r"[^\W\d_]+")
_LEGACY_RE = re.compile(
    r"henkilötietola(?:ki|in|issa|ista|iin|kia)\b|523\s*/\s*1999"
    r"|rekisteriselost|registerbeskrivning|personuppgiftslag",
    re.IGNORECASE,
)
_GDPR_RE = re.compile(
    r"2016\s*/\s*679|tietosuoja-?asetu|\bgdpr\b|1050\s*/\s*2018"
    r"|yleise\w* tietosuoja|dataskyddsförordning|allmänna dataskydds",
    re.IGNORECASE,
)
_GDPR_ONLY_KEYS = frozenset(
    {"retention", "complaint", "automated_decisions", "data_subject_rights", "dpo"}
)


def detect_language(text: str) -> str:
    """Return ``"sv"`` when Swedish function words outnumber Finnish ones, else
    ``"fi"`` (a scored stop-word count: robust enough for two languages that
    share no common short words)."""
    fi = sv = 0
    for word in _WORD_RE.findall(text.casefold()):
        fi += word in _FI_WORDS
        sv += word in _SV_WORDS
    return "sv" if sv > fi else "fi"


def detect_framework(text: str, keys: list[str] | tuple[str, ...] = ()) -> str:
    """Return ``"htl"`` for a legacy register description, else ``"gdpr"``.

    A notice that cites the GDPR is a GDPR notice even if it also names the old
    Personal Data Act; one that cites only the old act (or calls itself a
    rekisteriseloste / registerbeskrivning) is a legacy one. See
    :func:`_structurally_legacy` for notices that name no law at all.
    """
    if _GDPR_RE.search(text):
        return GDPR
    if _LEGACY_RE.search(text):
        return HTL
    if _structurally_legacy(text, keys):
        return HTL
    return GDPR


def _structurally_legacy(text: str, keys: list[str] | tuple[str, ...]) -> bool:
    # The 10 § form has "Rekisterin nimi" and "säännönmukaiset" sources and
    # disclosures; a GDPR notice that names no law still has GDPR-only items.
    if _GDPR_ONLY_KEYS & set(keys):
        return False
    return "register_name" in keys or bool(
        re.search(r"säännönmukai|regelmässig", text, re.IGNORECASE)
    )
