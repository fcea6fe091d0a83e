"""The pattern language of the term lists (``terms/*.toml``) and its matcher.

A pattern states when a sentence says something:

* ``suostumus``: a token whose surface form or lemma is ``suostumus``;
  ``suostum*`` a prefix, ``*viranomai*`` a part of a compound, ``a|b`` either.
* ``oikeutet* etu``: terms in this order, at most two tokens apart.
* ``oikeu* & tarkast*``: every group (separated by `` & ``) somewhere in the
  sentence.
* ``re:…``: a regular expression on the sentence text (case-insensitive).
* ``@name``: every pattern of the set ``name`` (``[sets]`` of the language file,
  else of ``common.toml``).
* ``ANY``: any sentence with some content (two words, not a bare reference).
* ``NEG``: a negated sentence ("ei", "emme", "inte", "not").

A group is matched against the surface forms and against the lemmas (each a string
of tokens separated by single spaces), and matches if either does.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from .text import Sentence

GAP = 2
_TERM_CACHE: dict[str, str] = {}


def _term_regex(term: str) -> str:
    alternatives = []
    for alt in term.split("|"):
        lead = alt.startswith("*")
        trail = alt.endswith("*")
        core = re.escape(alt.strip("*"))
        alternatives.append(
            ("[^ ]*" if lead else "") + core + ("[^ ]*" if trail else "")
        )
    return "(?:" + "|".join(alternatives) + ")"


def _group_regex(group: str) -> re.Pattern[str]:
    terms = group.split()
    gap = f"(?: [^ ]+){{0,{GAP}}} "
    body = gap.join(_term_regex(t) for t in terms)
    return re.compile(r"(?<![^ ])" + body + r"(?![^ ])")


@dataclass(frozen=True)
class Pattern:
    source: str
    groups: tuple[re.Pattern[str], ...] = ()
    regex: re.Pattern[str] | None = None
    special: str = ""

    def matches(
        self, sentence: Sentence, reference_only: Pattern | None = None
    ) -> bool:
        if self.special == "ANY":
            return is_substantive(sentence, reference_only)
        if self.special == "NEG":
            return sentence.negated
        if self.regex is not None:
            text = (
                f"{sentence.lead} {sentence.text}" if sentence.lead else sentence.text
            )
            return bool(self.regex.search(text))
        return all(g.search(sentence.both) for g in self.groups)


def compile_pattern(source: str) -> Pattern:
    source = source.strip()
    if source in ("ANY", "NEG"):
        return Pattern(source, special=source)
    if source.startswith("re:"):
        return Pattern(source, regex=re.compile(source[3:], re.IGNORECASE))
    groups = tuple(
        _group_regex(g.strip().lower()) for g in source.split(" & ") if g.strip()
    )
    return Pattern(source, groups=groups)


@dataclass(frozen=True)
class PatternList:
    """Patterns of which one must match. The one-group patterns are also joined
    into one regular expression, so that a sentence is searched twice (surface,
    lemmas) for all of them rather than twice for each."""

    patterns: tuple[Pattern, ...]
    combined: re.Pattern[str] | None = None
    rest: tuple[Pattern, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.patterns)

    def matches(
        self, sentence: Sentence, reference_only: Pattern | None = None
    ) -> bool:
        if self.combined is not None and self.combined.search(sentence.both):
            return True
        return any(p.matches(sentence, reference_only) for p in self.rest)

    def first(
        self, sentence: Sentence, reference_only: Pattern | None = None
    ) -> Pattern | None:
        return next(
            (p for p in self.patterns if p.matches(sentence, reference_only)), None
        )

    def count(self, sentence: Sentence) -> int:
        return sum(1 for p in self.patterns if p.matches(sentence))


def expand(
    sources: Iterable[str], sets: dict[str, list[str]], _depth: int = 0
) -> list[str]:
    out: list[str] = []
    for source in sources:
        if source.startswith("@"):
            name = source[1:]
            if name not in sets:
                raise KeyError(f"unknown pattern set {source!r}")
            if _depth > 5:
                raise ValueError(f"pattern set {source!r} nests too deep")
            out.extend(expand(sets[name], sets, _depth + 1))
        else:
            out.append(source)
    return out


def compile_list(sources: Iterable[str], sets: dict[str, list[str]]) -> PatternList:
    patterns = tuple(compile_pattern(s) for s in expand(sources, sets))
    single = [p for p in patterns if len(p.groups) == 1]
    rest = tuple(p for p in patterns if len(p.groups) != 1)
    combined = (
        re.compile("|".join(f"(?:{p.groups[0].pattern})" for p in single))
        if single
        else None
    )
    return PatternList(patterns, combined, rest)


def is_substantive(sentence: Sentence, reference_only: Pattern | None = None) -> bool:
    """Two words or more, or one word with a number; and not a bare reference."""
    if sentence.word_count < 2 and not re.search(r"\d", sentence.text):
        return False
    return not (reference_only is not None and reference_only.matches(sentence))
