"""Heading matching: which canonical section a line names, if any.

A heading is looked up among the variants and the law's combined headings of
:mod:`.vocabulary`, read as a combined heading ("X ja Y"), matched as a spelling
variant with rapidfuzz, or read by the words that name its topics.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz, process

from .layout import is_lead_in
from .lemmas import term_topics
from .text import _unmark, normalize_heading, normalize_space, strip_numbering
from .vocabulary import (
    COMBINED_INDEX,
    KEYWORD_KEY_RULES,
    NORMALIZED_FIELD_LABELS,
    NORMALIZED_SECTION_LABELS,
    VARIANT_INDEX,
    WEAK_KEYWORD_KEYS,
)

#: Minimum rapidfuzz ``ratio`` (0-100) for a heading to match a variant it is not
#: equal to. High on purpose: it admits a typo or an inflection ("Rekisterin
#: pitäjän"), not a different heading.
FUZZY_THRESHOLD = 90
#: Normalised headings shorter than this are matched exactly only.
FUZZY_MIN_LENGTH = 8
#: A heading has at most this many words and characters.
HEADING_MAX_WORDS = 16
HEADING_MAX_CHARS = 120
#: Score of a heading recognised by the words that name its topic
#: (``vocabulary.HEADING_KEYWORDS``) rather than by a listed variant.
KEYWORD_SCORE = 80.0
#: Score of a heading recognised by the lemmas of its key terms
#: (``vocabulary.HEADING_TERMS``, :mod:`.lemmas`).
TERM_SCORE = 70.0
#: A heading recognised by its topic words has at most this many words.
KEYWORD_MAX_WORDS = 12


@dataclass(frozen=True)
class HeadingMatch:
    """A heading recognised as canonical section ``key``."""

    key: str
    also_covers: tuple[str, ...] = ()
    score: float = 100.0

    @property
    def exact(self) -> bool:
        return self.score >= 100


_VARIANTS = tuple(VARIANT_INDEX)
#: The lengths of the variants: a variant whose length is too far from a
#: heading's cannot reach ``FUZZY_THRESHOLD`` (see :func:`_fuzzy_candidates`).
_VARIANT_LENGTHS = frozenset(len(variant) for variant in _VARIANTS)
#: Headings and parts of headings at most this long have their match remembered
#: (a notice repeats its lines; a site's chrome repeats across notices). Longer
#: text is rarely a heading and would make the cache hold whole paragraphs.
_CACHED_TEXT_MAX_CHARS = 200
_CACHE_SIZE = 4096
_GENERIC_PREFIXES = (
    "rekisterin ",
    "rekisteröidyn ",
    "henkilötietojen ",
    "registrets ",
    "den registrerades ",
)
#: The shortest ending that compounds joined by "ja"/"och" may share.
_COMPOUND_TAIL_MIN = 4
_COMBINED_SPLIT_RE = re.compile(r",\s+|\s+/\s+|\s+(?:ja|sekä|och|samt|and|&)\s+")
# Words that turn a line into a statement about a topic ("Tietoja ei luovuteta"),
# not a heading naming it. Not the Finnish "en" (I do not): it is the Swedish
# article of "Rätt att lämna klagomål till en tillsynsmyndighet".
_NEGATION_RE = re.compile(
    r"\b(?:ei|eikä|emme|ette|eivät|inte|ej|icke|aldrig|not|never|no)\b"
)


_FIRST_LETTER_RE = re.compile(r"[^\W\d_]")
#: The rights a heading may name one by one, rather than the rights in general.
_SPECIFIC_RIGHTS = frozenset(
    {"right_of_access", "rectification_erasure", "right_to_object", "complaint"}
)


def _match_one(norm: str, *, fuzzy: bool = True) -> HeadingMatch | None:
    key = VARIANT_INDEX.get(norm)
    if key:
        return HeadingMatch(key)
    for prefix in _GENERIC_PREFIXES:
        if norm.startswith(prefix) and norm[len(prefix) :] in VARIANT_INDEX:
            return HeadingMatch(VARIANT_INDEX[norm[len(prefix) :]])
    if not fuzzy or len(norm) < FUZZY_MIN_LENGTH:
        return None
    best = (
        _fuzzy_variant_cached(norm)
        if len(norm) <= _CACHED_TEXT_MAX_CHARS
        else _fuzzy_variant(norm)
    )
    if best is None:
        return None
    variant, score = best
    if not _same_words(norm, variant):
        return None
    return HeadingMatch(VARIANT_INDEX[variant], score=score)


#: A word of a heading matched as a spelling of a variant must begin with letters
#: the variant has, this many of them.
_SAME_WORD_PREFIX = 4


def _same_words(norm: str, variant: str) -> bool:
    """Whether every word of ``norm`` is a spelling of a word of ``variant``: a
    typo or an inflection ("Rekisterin pitäjän"), not another word in the same
    frame ("Henkilötietojen käsittelyn kesto" is not "… peruste")."""
    variant = variant.translate(_FOLD)
    return all(
        word[:_SAME_WORD_PREFIX] in variant
        for word in norm.translate(_FOLD).split()
        if len(word) >= _SAME_WORD_PREFIX
    )


# Letters written without their marks on keyboards that lack them.
_FOLD = str.maketrans("äöåüé", "aoaue")


@lru_cache(maxsize=512)
def _fuzzy_candidates(length: int) -> tuple[str, ...]:
    """The variants whose length lets them match a heading of ``length``
    characters within ``FUZZY_THRESHOLD``.

    ``fuzz.ratio`` is ``200 * common / (len(a) + len(b))``, and the common
    subsequence is at most the shorter string, so a variant of length ``m``
    scores at most ``200 * min(n, m) / (n + m)`` against a heading of length
    ``n``. The variants keep the order of ``_VARIANTS``, so that the first of
    equally good variants wins as before.
    """
    allowed = {
        m
        for m in _VARIANT_LENGTHS
        if 200 * min(length, m) >= FUZZY_THRESHOLD * (length + m) - 1e-6
    }
    return tuple(variant for variant in _VARIANTS if len(variant) in allowed)


def _fuzzy_variant(norm: str) -> tuple[str, float] | None:
    """The variant ``norm`` is a spelling of (``FUZZY_THRESHOLD``), and its score."""
    candidates = _fuzzy_candidates(len(norm))
    if not candidates:
        return None
    best = process.extractOne(
        norm, candidates, scorer=fuzz.ratio, score_cutoff=FUZZY_THRESHOLD
    )
    if best is None:
        return None
    variant, score, _position = best
    return variant, score


_fuzzy_variant_cached = lru_cache(maxsize=_CACHE_SIZE)(_fuzzy_variant)


def _match_combined(norm: str) -> HeadingMatch | None:
    parts = [p for p in _COMBINED_SPLIT_RE.split(norm) if p]
    if len(parts) < 2:
        return None
    first = _match_one(parts[0])
    if first is None:
        return None
    also: list[str] = []
    for part in parts[1:]:
        other = _match_one(part) or _match_keywords(part)
        if other is None:
            continue
        for key in (other.key, *other.also_covers):
            if key != first.key and key not in also:
                also.append(key)
    return HeadingMatch(first.key, tuple(also), first.score)


def _match_keywords(norm: str) -> HeadingMatch | None:
    """Read a heading as the topics its words name, in the order it names them."""
    hits = sorted(
        (match.start(), key)
        for key, pattern in KEYWORD_KEY_RULES
        if (match := pattern.search(norm)) is not None
    )
    keys = list(dict.fromkeys(key for _position, key in hits))
    keys = [key for key in keys if key not in WEAK_KEYWORD_KEYS] or keys
    if not keys:
        return None
    # A combined heading whose other topic is named in words no keyword lists
    # ("Syftet med och grunden för registret"): its lemmas name it.
    parts = [part for part in _COMBINED_SPLIT_RE.split(norm) if part]
    if len(parts) > 1:
        # "Kameravalvonnan tarkoitus ja käsittelyn oikeusperuste": a combined
        # heading is about its first part, whose words may start further on
        # than a keyword of the next part reaches back.
        first = _part_topics(_complete_compound(parts[0], parts[-1]))
        if first:
            keys = [first[0]] + [key for key in keys if key != first[0]]
        for part in parts:
            keys += [
                key
                for key in term_topics(part)
                if key not in keys
                and key not in WEAK_KEYWORD_KEYS
                and key != "data_subject_rights"
            ]
    return HeadingMatch(keys[0], tuple(keys[1:]), KEYWORD_SCORE)


def _complete_compound(part: str, last: str) -> str:
    """ "tarkastus-" of "tarkastus- ja korjausoikeus" with the ending the compounds
    share ("tarkastusoikeus"): the shortest ending of the last word with which
    the part names a topic; the part itself when none does."""
    if not part.endswith("-") or not last.split():
        return part
    stem, word = part[:-1], last.split()[-1]
    for length in range(_COMPOUND_TAIL_MIN, len(word) - 2):
        whole = stem + word[-length:]
        if _part_topics(whole):
            return whole
    return stem


def _part_topics(part: str) -> list[str]:
    """The topics one part of a combined heading names, by keyword in the order
    of its words, else by lemma."""
    hits = sorted(
        (match.start(), key)
        for key, pattern in KEYWORD_KEY_RULES
        if (match := pattern.search(part)) is not None
    )
    keys = list(dict.fromkeys(key for _position, key in hits))
    keys = [key for key in keys if key not in WEAK_KEYWORD_KEYS]
    return keys or [
        key
        for key in term_topics(part)
        if key not in WEAK_KEYWORD_KEYS and key != "data_subject_rights"
    ]


def _match_terms(norm: str) -> HeadingMatch | None:
    """Read a heading by the lemmas of its words (:mod:`.lemmas`)."""
    keys = term_topics(norm)
    # "Rätt att få sina uppgifter rättade": the right it names, not the rights
    # in general.
    if any(key in _SPECIFIC_RIGHTS for key in keys):
        keys = [key for key in keys if key != "data_subject_rights"]
    if not keys:
        return None
    return HeadingMatch(keys[0], tuple(keys[1:]), TERM_SCORE)


def heading_topics(text: str) -> set[str]:
    """Every topic a heading or label names, by its listed wording, its keywords
    and its lemmas: for telling whether a label inside a section is about that
    section's own topic."""
    norm = normalize_heading(text)
    if not norm:
        return set()
    topics: set[str] = set()
    found = _match_one(norm, fuzzy=False)
    if found is not None:
        topics.update((found.key, *found.also_covers))
    topics.update(
        key for key, pattern in KEYWORD_KEY_RULES if pattern.search(norm) is not None
    )
    topics.update(term_topics(norm))
    # "Oikeus …" names the right it is about; the rights in general only alone.
    specific = topics - WEAK_KEYWORD_KEYS - {"data_subject_rights"}
    return specific or topics


def _is_statement(text: str, norm: str, marked: bool) -> bool:
    """Whether a line says something rather than names a topic: it negates
    ("Tietoja ei luovuteta"), ends as a sentence, or holds a date, a phone number
    or an address. Such a line is a heading only in a listed wording."""
    if _NEGATION_RE.search(norm):
        return True
    if re.search(r"\d{3,}|@", norm):
        return True
    return not marked and bool(re.search(r"[.;,]$", _unmark(normalize_space(text))))


def _is_lead_in(text: str) -> bool:
    """Whether a line ends in a colon and reads as the lead-in to what follows."""
    title = _unmark(normalize_space(text))
    return title.endswith(":") and is_lead_in(title)


def _reads_as_heading(text: str, norm: str, marked: bool) -> bool:
    """Whether a line may be read by its topic words: a short phrase or question
    that starts with a capital, not a long lead-in to a list."""
    words = norm.split()
    if marked:
        return len(words) <= HEADING_MAX_WORDS
    title = _unmark(normalize_space(text))
    if len(words) > KEYWORD_MAX_WORDS:
        return False
    if title.endswith(":") and len(words) > 6:
        return False
    if re.search(r":\s+\S", title):
        return False  # "Label: value" is a run-in heading or a field, not a heading
    # "k) Suojaus": the letter that numbers an item is not the heading's first.
    first = _FIRST_LETTER_RE.search(strip_numbering(title))
    return first is not None and first.group(0).isupper()


def match_heading(
    text: str, *, marked: bool = False, topics: bool = True
) -> HeadingMatch | None:
    """Recognise ``text`` as the heading of a canonical section, or return ``None``.

    The text is normalised (:func:`.text.normalize_heading`) and looked up among
    the variants and the law's combined headings; failing that,
    read as a combined heading ("X ja Y") whose first part names the key and whose
    other parts go to ``also_covers``; failing that, matched as a spelling variant
    within ``FUZZY_THRESHOLD``; failing that, read by the words that name its
    topics (``vocabulary.HEADING_KEYWORDS``) when it is shaped like a heading (see
    :func:`_reads_as_heading`; ``marked`` says the format marks it as one). Field
    labels ("Nimi", "Puhelin") never match. ``topics=False`` leaves out the last
    step, for places where a phrase is more often text than a heading.

    The answer for a short text is remembered: the parser asks about a line more
    than once, and notices repeat lines.
    """
    if len(text) <= _CACHED_TEXT_MAX_CHARS:
        return _match_heading_cached(text, marked, topics)
    return _match_heading(text, marked, topics)


def clear_caches() -> None:
    """Forget the remembered heading matches (for tests that count the work)."""
    _match_heading_cached.cache_clear()
    _fuzzy_variant_cached.cache_clear()


def _match_heading(text: str, marked: bool, topics: bool) -> HeadingMatch | None:
    """:func:`match_heading` without its cache."""
    norm = normalize_heading(text)
    if not norm or norm in NORMALIZED_FIELD_LABELS or norm in NORMALIZED_SECTION_LABELS:
        return None
    combined = COMBINED_INDEX.get(norm)
    if combined:
        return HeadingMatch(combined[0], combined[1:])
    found = _match_one(norm, fuzzy=False)
    if found is not None or _is_statement(text, norm, marked):
        return found
    found = _match_combined(norm) or _match_one(norm, fuzzy=True)
    if found is None and topics and _reads_as_heading(text, norm, marked):
        found = _match_keywords(norm)
        if found is None and not _is_lead_in(text):
            # Lemmas match inflected verbs too: a line that ends in a colon is
            # often the lead-in to a list ("Keräämme seuraavat tiedot:"); a
            # short noun phrase with a colon ("Avförande av uppgifter:") is not.
            found = _match_terms(norm)
    return found


_match_heading_cached = lru_cache(maxsize=_CACHE_SIZE)(_match_heading)
