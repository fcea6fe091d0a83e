"""The heading vocabulary: what the importer knows about section headings.

The wordings themselves are data, in ``data/headings.toml`` next to this module:
the heading variants per canonical key, the law's combined headings, the words
that name each topic, and the field labels, document titles and site navigation
that are never section headings. This module reads that file once, when the
importer is imported, and builds the indexes the heading matcher looks things up
in. To teach the importer a new wording, add it to the data file.
"""

from __future__ import annotations

import re
import tomllib
from functools import cache
from pathlib import Path
from typing import Any

from ..sections import SECTIONS
from .text import normalize_heading

#: The data file of the vocabulary.
DATA_FILE = Path(__file__).resolve().parent / "data" / "headings.toml"


@cache
def load_vocabulary() -> dict[str, Any]:
    """The contents of :data:`DATA_FILE`, read once."""
    with DATA_FILE.open("rb") as file:
        return tomllib.load(file)


_DATA = load_vocabulary()

#: Canonical key -> the headings that name it (docs/notice-model.md#heading-variants).
HEADING_VARIANTS: dict[str, tuple[str, ...]] = {
    key: tuple(variants) for key, variants in _DATA["variants"].items()
}
#: Headings that name several items at once in the law's own words (HTL 10 §, PUL
#: 10 §): the first key is the section's, the others go to ``also_covers``.
COMBINED_HEADINGS: dict[str, tuple[str, ...]] = {
    entry["heading"]: tuple(entry["keys"]) for entry in _DATA["combined"]
}
#: Canonical key -> the words that name its topic, as regular expressions on the
#: normalised heading.
HEADING_KEYWORDS: dict[str, tuple[str, ...]] = {
    key: tuple(patterns) for key, patterns in _DATA["keywords"].items()
}
#: Language -> canonical key -> the key terms of its topic, as space-separated
#: lemmas (read by :mod:`.lemmas`).
HEADING_TERMS: dict[str, dict[str, tuple[str, ...]]] = {
    language: {key: tuple(terms) for key, terms in keys.items()}
    for language, keys in _DATA.get("terms", {}).items()
}
#: Normalised heading -> the key it names only when the text under it reads as
#: that section ("Rekisteri:" over a name; "Rekisterin tiedot:" over data items).
AMBIGUOUS_HEADINGS: dict[str, str] = {
    normalize_heading(heading): key
    for heading, key in _DATA.get("ambiguous", {}).items()
}
#: Labels of fields inside a section ("Nimi: Yritys Oy"): never a heading, even on
#: a line of their own.
FIELD_LABELS: tuple[str, ...] = tuple(_DATA["not_headings"]["field_labels"])
#: Labels of the parts of a section in the register-description form: never a
#: heading, but not fields either (a table of them is a table, not a form).
SECTION_LABELS: tuple[str, ...] = tuple(_DATA["not_headings"]["section_labels"])
#: Document titles that name the kind of document only: dropped, never the title.
GENERIC_TITLES: tuple[str, ...] = tuple(_DATA["not_headings"]["generic_titles"])
#: Site chrome that a copy from a web page brings along.
NAVIGATION_WORDS: tuple[str, ...] = tuple(_DATA["not_headings"]["navigation_words"])


#: Topics that a heading may name only as a modifier ("Rekisterinpitäjän
#: yhteyshenkilö" is about the contact person), and the optional sections a heading
#: may mention on the way ("Evästeiden avulla kerättävät tiedot" is about the data):
#: they count only when the heading names no other topic.
WEAK_KEYWORD_KEYS: frozenset[str] = frozenset(
    {"controller", "date", "cookies", "changes"}
)
#: Words that name the whole subject of a privacy notice ("Integritetsskydd hos
#: …", "Tietosuoja"): never the topic of one of its sections, even where a part of
#: them ("skydd", "suoja") is a section's key term.
SUBJECT_WORDS: tuple[str, ...] = tuple(_DATA["not_headings"].get("subject_words", ()))
#: Words that end in a key term but mean something else ("bakgrund").
FALSE_COMPOUNDS: frozenset[str] = frozenset(
    _DATA["not_headings"].get("false_compounds", ())
)


def _index() -> dict[str, str]:
    index: dict[str, str] = {}
    for section in SECTIONS:
        if section.key == "other":
            continue
        canonical = (section.fi, section.sv, section.en, *section.fi.split(" / "))
        for variant in (*HEADING_VARIANTS.get(section.key, ()), *canonical):
            index.setdefault(normalize_heading(variant), section.key)
    return index


# Normalised variant -> canonical key.
VARIANT_INDEX: dict[str, str] = _index()
NORMALIZED_FIELD_LABELS: frozenset[str] = frozenset(
    normalize_heading(label) for label in FIELD_LABELS
)
NORMALIZED_SECTION_LABELS: frozenset[str] = frozenset(
    normalize_heading(label) for label in SECTION_LABELS
)
NORMALIZED_GENERIC_TITLES: frozenset[str] = frozenset(
    normalize_heading(title) for title in GENERIC_TITLES
)
NORMALIZED_NAVIGATION_WORDS: frozenset[str] = frozenset(
    normalize_heading(word) for word in NAVIGATION_WORDS
)
# Normalised combined heading -> its keys, the section's first.
COMBINED_INDEX: dict[str, tuple[str, ...]] = {
    normalize_heading(heading): keys for heading, keys in COMBINED_HEADINGS.items()
}
# (key, compiled pattern) pairs of :data:`HEADING_KEYWORDS`.
KEYWORD_RULES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (key, re.compile(pattern))
    for key, patterns in HEADING_KEYWORDS.items()
    for pattern in patterns
)


def _any_of(patterns: tuple[str, ...] | list[str]) -> re.Pattern[str]:
    """One pattern that matches where the first of ``patterns`` to match does.

    Its first match starts where the earliest match of any of them starts. The
    word boundary that most patterns open with is written once in front of their
    alternatives, so that the regex engine can rule out an alternative by its first
    letter: one search instead of one per pattern.
    """
    bounded = [p.removeprefix(r"\b") for p in patterns if p.startswith(r"\b")]
    others = [p for p in patterns if not p.startswith(r"\b")]
    parts = [r"\b(?:" + "|".join(f"(?:{p})" for p in bounded) + ")"] if bounded else []
    parts += [f"(?:{p})" for p in others]
    return re.compile("|".join(parts))


# (key, one pattern of all its :data:`HEADING_KEYWORDS`): the first match of a
# key's pattern starts where the earliest match of any of its keywords starts.
KEYWORD_KEY_RULES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (key, _any_of(patterns)) for key, patterns in HEADING_KEYWORDS.items()
)


__all__ = [
    "AMBIGUOUS_HEADINGS",
    "COMBINED_HEADINGS",
    "COMBINED_INDEX",
    "DATA_FILE",
    "FALSE_COMPOUNDS",
    "FIELD_LABELS",
    "GENERIC_TITLES",
    "HEADING_KEYWORDS",
    "HEADING_TERMS",
    "HEADING_VARIANTS",
    "KEYWORD_KEY_RULES",
    "KEYWORD_RULES",
    "NAVIGATION_WORDS",
    "NORMALIZED_FIELD_LABELS",
    "NORMALIZED_GENERIC_TITLES",
    "NORMALIZED_NAVIGATION_WORDS",
    "NORMALIZED_SECTION_LABELS",
    "SECTION_LABELS",
    "SUBJECT_WORDS",
    "VARIANT_INDEX",
    "WEAK_KEYWORD_KEYS",
    "load_vocabulary",
]
