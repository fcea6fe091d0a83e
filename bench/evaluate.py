"""Score the importer and the legal check on the frozen evaluation sets.

The sets under ``tests/data/eval/`` were written and labelled by someone who had not
read the code they measure; they are never edited after results have been seen (new
cases go into new files). This module runs the product's own command,
``import_notice FILES --dry-run --format json``, and compares its answer with the
labels, so that what is measured is what an editor gets.

    python -m bench.evaluate importer [--set DIR] [--verbose]
    python -m bench.evaluate legal [--set DIR] [--verbose]

Importer scoring: sections keyed right ÷ (labelled sections + sections the importer
invented); a labelled section is matched to the imported one with the same heading
(markup, numbering and trailing punctuation ignored). Controller name: exact after
trimming whitespace and trailing punctuation. Legal scoring: of the items labelled
``missing``, the share reported missing; of the items labelled ``present``, the share
not reported missing.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EVAL_DIR = ROOT / "tests" / "data" / "eval"

_MARKUP = re.compile(r"<[^>]+>|\*\*|__|^#+\s*")
_NUMBERING = re.compile(r"^(?:\(?\d+(?:\.\d+)*[.)]?|[IVXLC]+[.)]|[A-Z][.)])\s+")


def normalise_heading(heading: str) -> str:
    """A heading without markup, numbering, trailing punctuation or case."""
    text = _MARKUP.sub("", heading or "").strip()
    text = _NUMBERING.sub("", text)
    text = re.sub(r"\s+", " ", text).strip().rstrip(":.?!").strip()
    return text.casefold()


def normalise_name(name: str | None) -> str:
    """A controller name as scored: whitespace and trailing punctuation trimmed."""
    return re.sub(r"\s+", " ", (name or "")).strip().rstrip(".,;:").strip()


def dry_run(files: list[Path]) -> list[dict]:
    """The ``import_notice --dry-run --format json`` answer for ``files``."""
    from django.core.management import call_command

    out = io.StringIO()
    call_command(
        "import_notice",
        *[str(f) for f in files],
        dry_run=True,
        format="json",
        stdout=out,
        stderr=io.StringIO(),
    )
    data = json.loads(out.getvalue())
    return data if isinstance(data, list) else [data]


@dataclass
class ImporterScore:
    sections_right: int = 0
    sections_labelled: int = 0
    sections_invented: int = 0
    names_exact: int = 0
    ids_exact: int = 0
    ids_labelled: int = 0
    files: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def section_accuracy(self) -> float:
        total = self.sections_labelled + self.sections_invented
        return self.sections_right / total if total else 0.0


def score_importer(labels: dict, results: dict[str, dict]) -> ImporterScore:
    """Compare the dry-run results with the labelled sections and controllers."""
    score = ImporterScore()
    for name, label in sorted(labels["notices"].items()):
        result = results.get(name) or {}
        score.files += 1
        predicted = [
            (normalise_heading(s.get("heading", "")), s.get("key"))
            for s in result.get("sections", [])
        ]
        used = [False] * len(predicted)
        for section in label["sections"]:
            score.sections_labelled += 1
            wanted = normalise_heading(section["heading"])
            match = next(
                (
                    i
                    for i, (heading, _key) in enumerate(predicted)
                    if not used[i] and heading == wanted
                ),
                None,
            )
            if match is None:
                score.misses.append(f"{name}: section {section['heading']!r} not found")
                continue
            used[match] = True
            if predicted[match][1] == section["key"]:
                score.sections_right += 1
            else:
                score.misses.append(
                    f"{name}: {section['heading']!r} keyed {predicted[match][1]}, "
                    f"labelled {section['key']}"
                )
        for i, was_used in enumerate(used):
            if not was_used:
                score.sections_invented += 1
                score.misses.append(
                    f"{name}: invented section {predicted[i][0]!r} ({predicted[i][1]})"
                )
        controller = result.get("controller") or {}
        wanted_name = normalise_name(label["controller"]["name"])
        if normalise_name(controller.get("name")) == wanted_name:
            score.names_exact += 1
        else:
            score.misses.append(
                f"{name}: controller {controller.get('name')!r}, labelled {wanted_name!r}"
            )
        wanted_id = label["controller"].get("business_id")
        if wanted_id:
            score.ids_labelled += 1
            if controller.get("business_id") == wanted_id:
                score.ids_exact += 1
    return score


@dataclass
class LegalScore:
    missing_labelled: int = 0
    missing_reported: int = 0
    present_labelled: int = 0
    present_not_reported_missing: int = 0
    not_applicable_labelled: int = 0
    not_applicable_agreed: int = 0
    files: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def missing_recall(self) -> float:
        return (
            self.missing_reported / self.missing_labelled
            if self.missing_labelled
            else 0.0
        )

    @property
    def present_kept(self) -> float:
        if not self.present_labelled:
            return 0.0
        return self.present_not_reported_missing / self.present_labelled


def score_legal(labels: dict, results: dict[str, dict]) -> LegalScore:
    """Compare the dry-run ``gdpr_items`` with the labelled item statuses."""
    score = LegalScore()
    for name, label in sorted(labels["notices"].items()):
        result = results.get(name) or {}
        reported = {i["item"]: i["status"] for i in result.get("gdpr_items", [])}
        score.files += 1
        for item, status in label["items"].items():
            got = reported.get(item, "missing")
            if status == "missing":
                score.missing_labelled += 1
                if got == "missing":
                    score.missing_reported += 1
                else:
                    score.misses.append(f"{name}: {item} labelled missing, got {got}")
            elif status == "present":
                score.present_labelled += 1
                if got != "missing":
                    score.present_not_reported_missing += 1
                else:
                    score.misses.append(f"{name}: {item} labelled present, got missing")
            else:
                score.not_applicable_labelled += 1
                if got == "not_applicable":
                    score.not_applicable_agreed += 1
    return score


def _results(directory: Path) -> dict[str, dict]:
    """Each file's dry-run answer; a file the importer refuses scores as empty."""
    from django.core.management.base import CommandError

    results = {}
    for path in sorted(p for p in (directory / "notices").iterdir() if p.is_file()):
        try:
            results.update({Path(r["file"]).name: r for r in dry_run([path])})
        except CommandError:
            results[path.name] = {}
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("which", choices=["importer", "legal"])
    parser.add_argument("--set", type=Path, help="the evaluation set's folder")
    parser.add_argument("--verbose", action="store_true", help="list every miss")
    args = parser.parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "project.settings.dev")
    import django

    django.setup()
    directory = args.set or EVAL_DIR / (
        "importer" if args.which == "importer" else "gdpr"
    )
    labels = json.loads((directory / "labels.json").read_text(encoding="utf-8"))
    results = _results(directory)
    write = sys.stdout.write
    if args.which == "importer":
        s = score_importer(labels, results)
        write(
            f"{directory.name}: {s.files} notices\n"
            f"sections keyed right: {s.sections_right} / "
            f"{s.sections_labelled + s.sections_invented} "
            f"({s.section_accuracy:.1%}; {s.sections_invented} invented)\n"
            f"controller name exact: {s.names_exact} / {s.files}\n"
            f"business ID exact: {s.ids_exact} / {s.ids_labelled}\n"
        )
    else:
        s = score_legal(labels, results)
        write(
            f"{directory.name}: {s.files} notices\n"
            f"labelled missing, reported missing: {s.missing_reported} / "
            f"{s.missing_labelled} ({s.missing_recall:.1%})\n"
            f"labelled present, not reported missing: "
            f"{s.present_not_reported_missing} / {s.present_labelled} "
            f"({s.present_kept:.1%})\n"
            f"labelled not applicable, reported not applicable: "
            f"{s.not_applicable_agreed} / {s.not_applicable_labelled}\n"
        )
    if args.verbose:
        write("\n".join(s.misses) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
