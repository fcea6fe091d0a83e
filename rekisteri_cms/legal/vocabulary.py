"""Loads the term lists (``terms/*.toml``) and compiles them, once per language."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from .items import ITEMS
from .patterns import Pattern, PatternList, compile_list, compile_pattern

TERMS_DIR = Path(__file__).resolve().parent / "terms"
BASES = ("a", "b", "c", "d", "e", "f")
CONDITION_LISTS = ("subject", "elsewhere", "source_verbs", "dpo", "special",
                   "direct_marketing", "contract_hint")  # fmt: skip


@dataclass(frozen=True)
class ItemTerms:
    state: PatternList
    state_min: int
    detail: PatternList
    home_state: PatternList
    home_detail: PatternList
    disqualify: PatternList
    boilerplate: frozenset[str]


@dataclass(frozen=True)
class Vocabulary:
    language: str
    items: dict[str, ItemTerms]
    bases_named: dict[str, PatternList]
    bases_home: dict[str, PatternList]
    bases_not: dict[str, PatternList]
    conditions: dict[str, PatternList]
    sets: dict[str, PatternList]
    reference_only: Pattern | None


def _read(name: str) -> dict[str, Any]:
    text = (TERMS_DIR / name).read_text("utf-8")
    return tomllib.loads(text)


@cache
def vocabulary(language: str) -> Vocabulary:
    """The compiled term lists of ``language`` (fi, sv or en; Finnish otherwise)."""
    language = language if language in ("fi", "sv", "en") else "fi"
    common = _read("common.toml")
    data = _read(f"{language}.toml")
    raw_sets: dict[str, list[str]] = {}
    raw_sets.update(common.get("sets", {}))
    raw_sets.update(data.get("sets", {}))
    raw_sets.update(data.get("extra_sets", {}))
    sets = {name: compile_list(values, raw_sets) for name, values in raw_sets.items()}

    items: dict[str, ItemTerms] = {}
    for item in ITEMS:
        spec = data.get("items", {}).get(item.code, {})
        state = spec.get("state", [])
        items[item.code] = ItemTerms(
            state=compile_list(state, raw_sets),
            state_min=int(spec.get("state_min", 1)),
            detail=compile_list(spec.get("detail", []), raw_sets),
            home_state=compile_list(spec.get("home_state", state), raw_sets),
            home_detail=compile_list(spec.get("home_detail", []), raw_sets),
            disqualify=compile_list(spec.get("disqualify", []), raw_sets),
            boilerplate=frozenset(spec.get("boilerplate", [])),
        )
    bases = data.get("bases", {})
    conditions = data.get("conditions", {})
    reference = data.get("reference_only")
    return Vocabulary(
        language=language,
        items=items,
        bases_named={
            b: compile_list(bases.get(f"{b}_named", []), raw_sets) for b in BASES
        },
        bases_home={
            b: compile_list(bases.get(f"{b}_home", []), raw_sets) for b in BASES
        },
        bases_not={b: compile_list(bases.get(f"{b}_not", []), raw_sets) for b in BASES},
        conditions={
            c: compile_list(conditions.get(c, []), raw_sets) for c in CONDITION_LISTS
        },
        sets=sets,
        reference_only=compile_pattern(reference) if reference else None,
    )
