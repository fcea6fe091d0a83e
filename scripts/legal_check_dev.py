# ruff: noqa: T201 -- a command-line development aid: it prints its report.
"""Print the legal check's per-item statuses for notice files (a development aid).

    python scripts/legal_check_dev.py FILE [FILE ...] [--facts JSON] [--json]

Each file is parsed into sections with the importer's public parse API (what
``manage.py import_notice --dry-run`` shows) and checked with
``rekisteri_cms.legal.check_items``; ``--facts`` gives structured facts as JSON,
e.g. ``'{"collection": "both", "bases": ["b", "f"]}'``.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "project.settings.test")

import django

django.setup()

from rekisteri_cms.importers import parse_notice_file  # noqa: E402
from rekisteri_cms.legal import Facts, SectionInput, check_items  # noqa: E402


def sections_of(path: Path) -> tuple[list[SectionInput], str]:
    parsed = parse_notice_file(path)
    sections = [
        SectionInput(
            key=s.key,
            heading=s.heading,
            text=s.text,
            covers=tuple(s.also_covers),
            anchor=f"section-{i}",
        )
        for i, s in enumerate(parsed.sections, 1)
    ]
    return sections, parsed.language


def facts_from(raw: str | None, language: str) -> Facts:
    data = json.loads(raw) if raw else {}
    if "bases" in data and data["bases"] is not None:
        data["bases"] = frozenset(data["bases"])
    data.setdefault("language", language)
    return Facts(**data)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument(
        "--examples",
        action="store_true",
        help="check the development examples (tests/legal/dev_examples) and print accuracy",
    )
    parser.add_argument("--facts", help="structured facts as a JSON object")
    parser.add_argument("--json", action="store_true", help="print as_dicts() as JSON")
    args = parser.parse_args(argv)
    if args.examples:
        return run_examples()
    for path in args.files:
        sections, language = sections_of(path)
        facts = facts_from(args.facts, language)
        start = time.perf_counter()
        report = check_items(sections, facts)
        elapsed = (time.perf_counter() - start) * 1000
        if args.json:
            print(
                json.dumps(
                    {"file": str(path), "items": report.as_dicts()},
                    ensure_ascii=False,
                    indent=2,
                )
            )
            continue
        print(
            f"== {path.name}  [{language}] Art. {report.article}  bases={sorted(report.bases)}  {elapsed:.1f} ms"
        )
        for r in report.items:
            where = f" [{r.section_key}]" if r.section_key else ""
            detail = r.evidence or r.note
            print(f"  {r.code:30} {r.status:15}{where} {detail[:110]}")
    return 0


def run_examples() -> int:
    from tests.legal.examples import load_examples

    right = total = 0
    for example in load_examples():
        report = check_items(example.sections, example.facts)
        for code, expected in example.expected.items():
            got = report.status(code)
            total += 1
            if got == expected:
                right += 1
            else:
                result = report.result(code)
                print(
                    f"  {example.name}: {code} expected {expected}, got {got} ({result.evidence or result.note})"[
                        :240
                    ]
                )
    print(
        f"{right}/{total} item statuses as expected ({100 * right / max(total, 1):.1f} %)"
    )
    return 0 if right == total else 1


if __name__ == "__main__":
    raise SystemExit(main())
