"""Finds the sentences of a notice that state an item, with the section they are in.

:class:`Notice` prepares a notice once (sentences, tokens and lemmas of every
section); :func:`find_item` then looks for the first sentence that states an item
under the item's terms (``terms/*.toml``):

* in the item's home sections (``items.ITEMS``) a sentence states it when it
  matches ``home_state`` (and ``home_detail``, when given): "3 vuotta." under
  "Säilytysaika" gives a retention period;
* anywhere, a sentence states it when it matches ``state`` (``state_min`` distinct
  patterns of it) and ``detail``, when given ("Tietoja säilytetään" is about
  retention, "3 vuotta asiakassuhteen päättymisestä" gives the period);
* a sentence matching ``disqualify`` never states it (a transfer outside the EU is
  not a statement about recipients).

Home sections are searched first, so that the evidence quoted is the sentence an
editor would point to. A sentence that matches ``state`` but not ``detail`` is
kept as a near miss ("Tietoja säilytetään tarpeen mukaan"), which the report
quotes to say why the item is missing.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .items import Item
from .text import Sentence, sentences
from .vocabulary import ItemTerms, Vocabulary

#: Items that a negative statement gives: "Tietoja ei luovuteta", "Emme tee
#: automaattisia päätöksiä", "Tietoja ei siirretä EU:n ulkopuolelle".
NEGATION_STATES = frozenset({"recipients", "automated_decisions", "transfers"})
#: Items whose detail may follow in the same section: "Luottopäätökset tehdään
#: automaattisesti. Päätös perustuu maksuhäiriötietoihin …".
SECTION_DETAIL = frozenset({"automated_decisions"})


@dataclass(frozen=True)
class SectionInput:
    """One section of a notice: its canonical key (``rekisteri_cms.sections``), its
    heading as shown, its plain text, the further keys a combined heading covers
    and the anchor of the section on the notice page."""

    key: str
    heading: str
    text: str
    covers: tuple[str, ...] = ()
    anchor: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "covers", tuple(self.covers))
        object.__setattr__(self, "_keys", frozenset((self.key, *self.covers)))

    @property
    def keys(self) -> frozenset[str]:
        """The section's key and the keys it also covers."""
        return self._keys  # type: ignore[attr-defined]


@dataclass(frozen=True)
class Unit:
    """One sentence of one section."""

    section: SectionInput
    sentence: Sentence
    index: int

    @property
    def quote(self) -> str:
        return self.sentence.quote


@dataclass
class Notice:
    """A notice prepared for matching: every sentence of every section, in order."""

    sections: list[SectionInput]
    language: str
    units: list[Unit] = field(default_factory=list)

    def __post_init__(self) -> None:
        index = 0
        for section in self.sections:
            for sentence in sentences(section.text or "", self.language):
                self.units.append(Unit(section, sentence, index))
                index += 1

    def in_sections(self, keys: tuple[str, ...] | frozenset[str]) -> list[Unit]:
        return [u for u in self.units if u.section.keys & set(keys)]

    def section_units(self, section: SectionInput) -> list[Unit]:
        return [u for u in self.units if u.section is section]


@dataclass(frozen=True)
class Match:
    unit: Unit
    home: bool


def _states(
    unit: Unit, terms: ItemTerms, vocab: Vocabulary, home: bool, negation_ok: bool
) -> bool | None:
    """True: the sentence states the item; None: it is about it but too vague
    (a near miss); False: it is not about it."""
    s = unit.sentence
    ref = vocab.reference_only
    if terms.disqualify and terms.disqualify.matches(s, ref):
        return False
    if home and terms.home_state and terms.home_state.matches(s, ref):
        if not terms.home_detail or terms.home_detail.matches(s, ref):
            return True
        if negation_ok and s.negated:
            return True
        near = None
    else:
        near = False
    if not terms.state:
        return near
    if terms.state_min > 1:
        if terms.state.count(s) < terms.state_min:
            return near
    elif not terms.state.matches(s, ref):
        return near
    if ref is not None and ref.matches(s) and s.word_count < 6:
        return None
    if not terms.detail or terms.detail.matches(s, ref):
        return True
    if negation_ok and s.negated:
        return True
    return None


def find_item(
    notice: Notice, item: Item, vocab: Vocabulary
) -> tuple[Match | None, Match | None]:
    """The first sentence stating ``item`` and the first near miss (each or None)."""
    terms = vocab.items[item.code]
    negation_ok = item.code in NEGATION_STATES
    home_keys = set(item.home)
    near: Match | None = None
    ordered = sorted(
        notice.units, key=lambda u: (not (u.section.keys & home_keys), u.index)
    )
    for unit in ordered:
        home = bool(unit.section.keys & home_keys)
        verdict = _states(unit, terms, vocab, home, negation_ok)
        if verdict is None and item.code in SECTION_DETAIL and terms.detail:
            verdict = (
                any(
                    terms.detail.matches(other.sentence, vocab.reference_only)
                    for other in notice.section_units(unit.section)
                )
                or None
            )
        if verdict:
            return Match(unit, home), near
        if verdict is None and near is None:
            near = Match(unit, home)
    return None, near


def first_matching(
    units: list[Unit], patterns, vocab: Vocabulary, *, skip_negated: bool = False
) -> Unit | None:
    for unit in units:
        if skip_negated and unit.sentence.negated:
            continue
        if patterns.matches(unit.sentence, vocab.reference_only):
            return unit
    return None
