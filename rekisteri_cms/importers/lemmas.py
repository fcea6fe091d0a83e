"""Headings read by their lemmas: the topics a heading names in any inflection.

The listed variants and the keyword stems of :mod:`.vocabulary` recognise the
wordings someone has seen; a heading written by others inflects and compounds
the same words in ways nobody listed ("Mihin käsittelymme perustuu?", "Var kommer
uppgifterna ifrån?"). Here each word of a heading is reduced to its lemma with
``simplemma`` in Finnish, Swedish and English (a compound by its last known part:
"uppgiftskällor" is read as "uppgifts" + "källa"), and the key terms of
``[terms]`` in the vocabulary data file are looked for among those lemmas.

A term is a space-separated group of lemmas that must all occur in the heading,
in any order; a lemma written ``*källa`` also matches the end of a compound
("uppgiftskälla"). A term of more lemmas is more specific than one of fewer and
wins where both match ("milloin poistaa" is retention, "poistaa" alone erasure).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .vocabulary import (
    FALSE_COMPOUNDS,
    HEADING_TERMS,
    SUBJECT_WORDS,
    WEAK_KEYWORD_KEYS,
)

#: The languages the lemmas of a heading are looked up in.
LEMMA_LANGUAGES = ("fi", "sv", "en")
#: The shortest compound part that counts as a word of its own.
_MIN_PART = 3
_WORD_RE = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")


@dataclass(frozen=True)
class _Term:
    key: str
    lemmas: tuple[str, ...]

    @property
    def size(self) -> int:
        return len(self.lemmas)


_TERMS: tuple[_Term, ...] = tuple(
    _Term(key, tuple(term.split()))
    for _language, keys in HEADING_TERMS.items()
    for key, terms in keys.items()
    for term in terms
)


def _simplemma():
    import simplemma  # loaded on first use: its dictionaries take a while

    return simplemma


@lru_cache(maxsize=8192)
def word_lemmas(word: str) -> frozenset[str]:
    """The word itself and its lemma in each of :data:`LEMMA_LANGUAGES`.

    A word no dictionary knows is read as a compound: its longest known ending
    is lemmatised and the rest kept ("uppgiftskällor" -> "uppgiftskälla").
    """
    simplemma = _simplemma()
    word = word.casefold()
    found = {word}
    for language in LEMMA_LANGUAGES:
        if simplemma.is_known(word, lang=language):
            found.add(simplemma.lemmatize(word, lang=language).casefold())
            continue
        bare = _without_clitic(word) if language == "fi" else None
        if bare and simplemma.is_known(bare, lang=language):
            found.add(simplemma.lemmatize(bare, lang=language).casefold())
            continue
        for start in range(_MIN_PART, len(word) - _MIN_PART + 1):
            tail = word[start:]
            if simplemma.is_known(tail, lang=language):
                lemma = simplemma.lemmatize(tail, lang=language).casefold()
                found.add(word[:start] + lemma)
                break
    return frozenset(found)


# Finnish enclitic particles: the question's "-ko/-kö" ("Käytämmekö evästeitä?"),
# "-han/-hän", "-kin", "-kaan/-kään", "-pa/-pä".
_CLITIC_RE = re.compile(r"(?:ko|kö|han|hän|kin|kaan|kään|pa|pä)$")


def _without_clitic(word: str) -> str | None:
    """A Finnish word without the enclitic particle it ends in, if any."""
    bare = _CLITIC_RE.sub("", word)
    return bare if bare != word and len(bare) > _MIN_PART else None


def heading_lemmas(norm: str) -> list[frozenset[str]]:
    """The lemmas of each word of a normalised heading, in order."""
    return [word_lemmas(word) for word in _WORD_RE.findall(norm)]


def _position(lemma: str, words: list[frozenset[str]]) -> int | None:
    for index, lemmas in enumerate(words):
        if lemma.startswith("*"):
            tail = lemma[1:]
            if any(
                candidate.endswith(tail)
                and not candidate.startswith(SUBJECT_WORDS)
                and candidate not in FALSE_COMPOUNDS
                for candidate in lemmas
            ):
                return index
        elif lemma in lemmas:
            return index
    return None


def term_topics(norm: str) -> list[str]:
    """The keys whose terms a normalised heading names, in the order it names
    them; a key whose words are all part of a longer term of another key
    ("poistaa" inside "milloin poistaa") is left out."""
    words = heading_lemmas(norm)
    if not words:
        return []
    hits: dict[str, frozenset[int]] = {}
    for term in _TERMS:
        positions = [_position(lemma, words) for lemma in term.lemmas]
        if any(position is None for position in positions):
            continue
        found = frozenset(p for p in positions if p is not None)
        best = hits.get(term.key)
        if best is None or (len(found), -min(found)) > (len(best), -min(best)):
            hits[term.key] = found
    kept = [
        key
        for key, found in hits.items()
        if not any(other != key and found < hits[other] for other in hits)
    ]
    # In the order the heading names them; of two named from the same word, the
    # one named by more words first ("Mitä voit tehdä, jos tiedoissa …").
    ordered = sorted(kept, key=lambda key: (min(hits[key]), -len(hits[key])))
    strong = [key for key in ordered if key not in WEAK_KEYWORD_KEYS]
    return strong or ordered


__all__ = ["LEMMA_LANGUAGES", "heading_lemmas", "term_topics", "word_lemmas"]
