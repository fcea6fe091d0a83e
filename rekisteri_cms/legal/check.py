"""``check_items``: decides, for each GDPR Art. 13/14 item, whether a notice gives it.

The order of the decision, per item (see ``docs/legal-check.md``):

1. The item's condition (``items.Item.condition``) is judged from the structured
   facts when they state it, and otherwise from the text. When it does not hold,
   the item is ``not_applicable``.
2. A structured field that states the item (``Facts.present_by_field``) makes it
   ``present`` with the field as evidence.
3. Otherwise the sentences of the notice are searched (``evidence.find_item``,
   plus the special rules below for identity, the legal basis, legitimate
   interests, the DPO's contact details and transfers). A sentence found makes it
   ``present`` with the sentence as evidence; none makes it ``missing``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from .evidence import Match, Notice, SectionInput, Unit, find_item, first_matching
from .items import ITEMS, ITEMS_BY_CODE, Item
from .text import detect_language, lemma, tokens
from .vocabulary import BASES, Vocabulary, vocabulary

PRESENT = "present"
MISSING = "missing"
NOT_APPLICABLE = "not_applicable"
STATUSES = (PRESENT, MISSING, NOT_APPLICABLE)

COLLECTIONS = ("subject", "elsewhere", "both")
#: Sections whose text says nothing about the processing of the register itself.
_ASIDE_SECTIONS = frozenset({"cookies", "changes", "date", "security"})
#: Sections where a sentence naming consent, a contract or a law states a basis of
#: the processing; elsewhere it is about something else ("disclosed only with your
#: consent", "data on the contract", "a right that applies when processing is based
#: on consent").
_BASIS_SECTIONS = frozenset({"legal_basis", "purpose", "register_name", "other"})
#: Items whose near miss (about the item, lacking what makes it enough) is quoted.
_QUOTE_NEAR = frozenset(
    {"retention", "recipients", "automated_decisions", "dpo_contact"}
)
_NOT_BASED_RE = re.compile(
    r"\b(ei|eivät)\s+perustu|\binte\s+(grundar|baserad)|grundar\s+sig\s+inte|\bnot\s+based",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Facts:
    """What a notice's structured fields state; ``None`` is "not stated"."""

    collection: str | None = None
    bases: frozenset[str] | None = None
    dpo_appointed: bool | None = None
    special_categories: bool | None = None
    direct_marketing: bool | None = None
    present_by_field: dict[str, str] = field(default_factory=dict)
    language: str | None = None

    def __post_init__(self) -> None:
        if self.collection is not None and self.collection not in COLLECTIONS:
            raise ValueError(f"collection must be one of {COLLECTIONS} or None")
        if self.bases is not None:
            bases = frozenset(b.strip().lower() for b in self.bases)
            unknown = bases - set(BASES)
            if unknown:
                raise ValueError(f"unknown Art. 6(1) bases: {sorted(unknown)}")
            object.__setattr__(self, "bases", bases)
        unknown_items = set(self.present_by_field) - set(ITEMS_BY_CODE)
        if unknown_items:
            raise ValueError(f"unknown item codes: {sorted(unknown_items)}")


@dataclass(frozen=True)
class ItemResult:
    code: str
    status: str
    article: str
    evidence_kind: str | None = None
    evidence: str = ""
    section_key: str | None = None
    section_anchor: str = ""
    #: Why the item is missing or not applicable, for the editor ("" when present).
    note: str = ""

    def as_dict(self) -> dict[str, str | None]:
        return {
            "item": self.code,
            "status": self.status,
            "article": self.article,
            "evidence": self.evidence,
            "evidence_section": self.section_key,
        }


@dataclass(frozen=True)
class ItemsReport:
    article: str
    items: list[ItemResult]
    language: str = "fi"
    #: The conditions as judged (``items.CONDITIONS`` → holds), and the Art. 6(1)
    #: bases found (from the facts, else from the text).
    conditions: dict[str, bool] = field(default_factory=dict)
    bases: frozenset[str] = frozenset()

    @property
    def missing(self) -> list[str]:
        return [r.code for r in self.items if r.status == MISSING]

    def result(self, code: str) -> ItemResult:
        for r in self.items:
            if r.code == code:
                return r
        raise KeyError(code)

    def status(self, code: str) -> str:
        return self.result(code).status

    def as_dicts(self) -> list[dict[str, str | None]]:
        return [r.as_dict() for r in self.items]


# --------------------------------------------------------------------------------
# Conditions
# --------------------------------------------------------------------------------


@dataclass
class _Judged:
    article: str
    bases: frozenset[str]
    bases_known: bool
    conditions: dict[str, bool]
    basis_units: dict[str, Unit]
    notes: dict[str, str]


def _relevant(units: Iterable[Unit]) -> list[Unit]:
    return [u for u in units if u.section.key not in _ASIDE_SECTIONS]


def _text_bases(notice: Notice, vocab: Vocabulary) -> dict[str, Unit]:
    """The Art. 6(1) bases the text names, each with the first sentence naming it."""
    found: dict[str, Unit] = {}
    ref = vocab.reference_only
    for unit in notice.units:
        s = unit.sentence
        if not unit.section.keys & _BASIS_SECTIONS or _NOT_BASED_RE.search(s.text):
            continue
        home = "legal_basis" in unit.section.keys
        for basis in BASES:
            if basis in found:
                continue
            hit = vocab.bases_named[basis].matches(s, ref) or (
                home and vocab.bases_home[basis].matches(s, ref)
            )
            if hit and vocab.bases_not[basis] and vocab.bases_not[basis].matches(s):
                hit = False
            if hit:
                found[basis] = unit
    return found


def _collection(notice: Notice, vocab: Vocabulary) -> tuple[str, str]:
    """``subject``/``elsewhere``/``both`` as the text tells, and the note why."""
    cond = vocab.conditions
    subject = elsewhere = None
    for unit in _relevant(notice.units):
        s = unit.sentence
        about_sources = "data_sources" in unit.section.keys or cond[
            "source_verbs"
        ].matches(s)
        if not about_sources or s.negated:
            continue
        if elsewhere is None and cond["elsewhere"].matches(s):
            elsewhere = unit
        if subject is None and cond["subject"].matches(s):
            subject = unit
    if elsewhere and subject:
        return (
            "both",
            f"Data from the data subject and from elsewhere: “{elsewhere.quote}”",
        )
    if elsewhere:
        return "elsewhere", f"Data obtained elsewhere: “{elsewhere.quote}”"
    return "subject", "Data collected from the data subject (no other source named)."


def _mentions(
    notice: Notice, vocab: Vocabulary, name: str
) -> tuple[Unit | None, Unit | None]:
    """The first sentence that mentions condition ``name`` and the first that denies it."""
    yes = no = None
    patterns = vocab.conditions[name]
    for unit in _relevant(notice.units):
        if patterns.matches(unit.sentence):
            if unit.sentence.negated:
                no = no or unit
            else:
                yes = yes or unit
    return yes, no


def judge_conditions(notice: Notice, facts: Facts, vocab: Vocabulary) -> _Judged:
    notes: dict[str, str] = {}
    # Where the data come from: Art. 13, 14 or both.
    collection = facts.collection
    if collection is None:
        collection, notes["collection"] = _collection(notice, vocab)
    else:
        notes["collection"] = f"Structured field: data collected from {collection}."
    article = {"subject": "13", "elsewhere": "14", "both": "both"}[collection]

    # The Art. 6(1) bases.
    basis_units = _text_bases(notice, vocab)
    if facts.bases is not None:
        bases, bases_known = facts.bases, True
    else:
        bases, bases_known = frozenset(basis_units), bool(basis_units)
        withdraw, _near = find_item(notice, ITEMS_BY_CODE["withdraw_consent"], vocab)
        if withdraw is not None:
            bases = bases | {"a"}
            bases_known = True

    # A DPO.
    if facts.dpo_appointed is not None:
        dpo = facts.dpo_appointed
    else:
        yes, no = _mentions(notice, vocab, "dpo")
        dpo_section = [
            u for u in notice.in_sections(("dpo",)) if not u.sentence.negated
        ]
        dpo = bool((yes or dpo_section) and not (no and not dpo_section and not yes))
        if no and not dpo_section:
            dpo = False
        if no:
            notes["dpo"] = f"No DPO: “{no.quote}”"
        elif dpo:
            notes["dpo"] = "A DPO is mentioned."

    # Special categories.
    if facts.special_categories is not None:
        special = facts.special_categories
    else:
        yes, _no = _mentions(notice, vocab, "special")
        special = yes is not None
        if yes:
            notes["special"] = f"Special categories: “{yes.quote}”"

    # Direct marketing.
    if facts.direct_marketing is not None:
        marketing = facts.direct_marketing
    else:
        yes, _no = _mentions(notice, vocab, "direct_marketing")
        marketing = yes is not None

    if bases_known:
        portability = bool(bases & {"a", "b"})
    else:
        # No basis named: a customer, member or order register rests on a contract.
        hint, _ = _mentions(notice, vocab, "contract_hint")
        portability = hint is not None
    conditions = {
        "art13": article in ("13", "both"),
        "art14": article in ("14", "both"),
        "dpo": dpo,
        "legitimate_interest": "f" in bases,
        "consent": "a" in bases,
        "portability": portability,
        "objection": bool(bases & {"e", "f"}) or marketing,
        "special": special,
    }
    return _Judged(
        article, frozenset(bases), bases_known, conditions, basis_units, notes
    )


# --------------------------------------------------------------------------------
# Items with rules of their own
# --------------------------------------------------------------------------------


def _identity(notice: Notice, vocab: Vocabulary) -> tuple[Unit | None, str]:
    contact = vocab.sets["contact"]
    for unit in notice.in_sections(("controller",)):
        if contact.matches(unit.sentence):
            units = notice.section_units(unit.section)
            lines = [u.sentence.text for u in units[:4]]
            return unit, ", ".join(lines)
    controller = vocab.items["identity"].state
    for unit in notice.units:
        if controller.matches(unit.sentence) and contact.matches(unit.sentence):
            return unit, unit.quote
    return None, ""


def _dpo_contact(notice: Notice, vocab: Vocabulary) -> Unit | None:
    contact = vocab.sets["contact"]
    for unit in notice.in_sections(("dpo",)):
        if contact.matches(unit.sentence) and not unit.sentence.negated:
            return unit
    dpo = vocab.items["dpo_contact"].state
    for unit in notice.units:
        if dpo.matches(unit.sentence) and contact.matches(unit.sentence):
            return unit
    return None


def _content_words(unit: Unit, boilerplate: frozenset[str], language: str) -> list[str]:
    words = []
    for token in tokens(unit.sentence.text.replace("-", " ")):
        if len(token) < 3 or token.isdigit():
            continue
        lem = lemma(token, language)
        if token in boilerplate or lem in boilerplate:
            continue
        if lem.startswith(("oikeutet", "oikeutt", "berättig")):
            continue
        words.append(token)
    return words


def _legitimate_interests(
    notice: Notice, vocab: Vocabulary
) -> tuple[Unit | None, Unit | None]:
    terms = vocab.items["legitimate_interests"]
    objection = vocab.items["right_object"].state
    near = None
    for unit in _relevant(notice.units):
        if not terms.state.matches(unit.sentence) or _NOT_BASED_RE.search(
            unit.sentence.text
        ):
            continue
        # "Voit vastustaa käsittelyä, joka perustuu oikeutettuun etuumme" (21(1))
        # names the basis the right applies to, not what the interest is.
        if objection.matches(unit.sentence):
            near = near or unit
            continue
        if len(_content_words(unit, terms.boilerplate, vocab.language)) >= 2:
            return unit, None
        near = near or unit
    return None, near


def _transfers(notice: Notice, vocab: Vocabulary) -> tuple[str, Unit | None, str]:
    """(status, evidence unit, note) for the transfers item."""
    outside = vocab.sets["outside"]
    none = vocab.sets["transfer_none"]
    safeguard = vocab.sets["safeguard"]
    home_terms = vocab.items["transfers"].home_state
    positive: Unit | None = None
    negative: Unit | None = None
    guard: Unit | None = None
    for unit in _relevant(notice.units):
        s = unit.sentence
        home = "transfers_outside_eea" in unit.section.keys
        about = outside.matches(s) or (home and home_terms.matches(s))
        if safeguard.matches(s) and (about or home):
            guard = guard or unit
        if none.matches(s):
            negative = negative or unit
            continue
        if home and s.negated:
            negative = negative or unit
            continue
        if not about:
            continue
        if s.negated:
            negative = negative or unit
        else:
            positive = positive or unit
    if guard is None and positive is not None:
        guard = first_matching(notice.units, safeguard, vocab)
    if positive is not None:
        if guard is not None:
            return PRESENT, guard, ""
        return (
            MISSING,
            None,
            f"Data go outside the EU/EEA but no adequacy decision or safeguard is named: “{positive.quote}”",
        )
    if negative is not None:
        return PRESENT, negative, ""
    return MISSING, None, ""


# --------------------------------------------------------------------------------
# The check
# --------------------------------------------------------------------------------


def _notice_language(sections: list[SectionInput], facts: Facts) -> str:
    if facts.language:
        lang = facts.language.split("-")[0].lower()
        if lang in ("fi", "sv", "en"):
            return lang
    return detect_language("\n".join(f"{s.heading}\n{s.text}" for s in sections))


def check_items(
    sections: Iterable[SectionInput], facts: Facts | None = None
) -> ItemsReport:
    """The Art. 13/14 items report of a notice (see the module docstring)."""
    facts = facts or Facts()
    sections = list(sections)
    language = _notice_language(sections, facts)
    vocab = vocabulary(language)
    notice = Notice(sections, language)
    judged = judge_conditions(notice, facts, vocab)
    results = [_check_item(item, notice, facts, vocab, judged) for item in ITEMS]
    return ItemsReport(
        article=judged.article,
        items=results,
        language=language,
        conditions=dict(judged.conditions),
        bases=judged.bases,
    )


def _sentence(
    item: Item, article: str, unit: Unit, quote: str | None = None
) -> ItemResult:
    return ItemResult(
        item.code,
        PRESENT,
        article,
        "sentence",
        quote if quote is not None else unit.quote,
        unit.section.key,
        unit.section.anchor,
    )


def _check_item(
    item: Item, notice: Notice, facts: Facts, vocab: Vocabulary, judged: _Judged
) -> ItemResult:
    article = item.article(judged.article)
    if item.condition and not judged.conditions[item.condition]:
        return ItemResult(
            item.code, NOT_APPLICABLE, article, note=_na_note(item, judged)
        )
    if item.code in facts.present_by_field:
        return ItemResult(
            item.code, PRESENT, article, "field", facts.present_by_field[item.code]
        )

    missing_note = item.what_to_add(vocab.language)
    if item.code == "identity":
        unit, quote = _identity(notice, vocab)
        if unit:
            return _sentence(item, article, unit, quote)
    elif item.code == "dpo_contact":
        unit = _dpo_contact(notice, vocab)
        if unit:
            return _sentence(item, article, unit)
    elif item.code == "legal_basis":
        if judged.basis_units:
            unit = min(judged.basis_units.values(), key=lambda u: u.index)
            return _sentence(item, article, unit)
    elif item.code == "legitimate_interests":
        unit, near = _legitimate_interests(notice, vocab)
        if unit:
            return _sentence(item, article, unit)
        if near:
            missing_note = (
                f"The interests are not described: “{near.quote}” — {missing_note}"
            )
    elif item.code == "transfers":
        status, unit, note = _transfers(notice, vocab)
        if status == PRESENT and unit:
            return _sentence(item, article, unit)
        missing_note = f"{note} — {missing_note}" if note else missing_note
    else:
        match, near = find_item(notice, item, vocab)
        if match:
            return _sentence(item, article, match.unit)
        if near and item.code in _QUOTE_NEAR:
            missing_note = f"Not enough: “{near.unit.quote}” — {missing_note}"
    return ItemResult(item.code, MISSING, article, note=missing_note)


def _na_note(item: Item, judged: _Judged) -> str:
    return {
        "art13": "Data are not collected from the data subject.",
        "art14": "Data are collected from the data subject only.",
        "dpo": judged.notes.get(
            "dpo", "No data protection officer is appointed or mentioned."
        ),
        "legitimate_interest": "Processing does not rely on legitimate interests.",
        "consent": "Consent is not a basis of the processing.",
        "portability": "Processing rests neither on consent nor on a contract.",
        "objection": "Processing rests neither on public or legitimate interests nor is it direct marketing.",
        "special": "No special categories of data are processed.",
    }.get(item.condition or "", "")


__all__ = [
    "Facts",
    "ItemResult",
    "ItemsReport",
    "Match",
    "SectionInput",
    "check_items",
    "judge_conditions",
]
