"""Development examples of the legal check: short notices with expected statuses.

Each ``dev_examples/*.toml`` file has ``language``, optional ``[facts]`` (as
``rekisteri_cms.legal.Facts`` takes them), ``[[sections]]`` (key, heading, text,
optional covers) and ``[expected]`` (item code → status) for the items it is about.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from rekisteri_cms.legal import Facts, SectionInput

EXAMPLES_DIR = Path(__file__).resolve().parent / "dev_examples"


@dataclass(frozen=True)
class Example:
    name: str
    sections: list[SectionInput]
    facts: Facts
    expected: dict[str, str]


def load_example(path: Path) -> Example:
    data = tomllib.loads(path.read_text("utf-8"))
    raw_facts = dict(data.get("facts", {}))
    if raw_facts.get("bases") is not None:
        raw_facts["bases"] = frozenset(raw_facts["bases"])
    raw_facts.setdefault("language", data.get("language"))
    sections = [
        SectionInput(
            key=s["key"],
            heading=s.get("heading", ""),
            text=s.get("text", ""),
            covers=tuple(s.get("covers", ())),
            anchor=f"{path.stem}-{i}",
        )
        for i, s in enumerate(data.get("sections", []), 1)
    ]
    return Example(path.stem, sections, Facts(**raw_facts), dict(data["expected"]))


def load_examples() -> list[Example]:
    return [load_example(p) for p in sorted(EXAMPLES_DIR.glob("*.toml"))]
