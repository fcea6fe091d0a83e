"""The importer against a corpus of notices written as organisations write them.

``tests/data/notices/`` holds notices in all four formats, Finnish and Swedish,
legacy and GDPR-era, each with a ``<name>.expected.json`` that says which section
keys a careful reader finds in it (in order), which topics a combined heading also
covers, and the controller's name and business ID. The test reports how many
sections got the right key, per file and in total, and requires 95 % overall: the
matcher is general rules, not tuned to these files, and this is its measure.
"""

from __future__ import annotations

import json
from difflib import SequenceMatcher
from functools import cache
from pathlib import Path

import pytest

from rekisteri_cms.importers import (
    SUPPORTED_EXTENSIONS,
    ParsedNotice,
    parse_notice_file,
)

CORPUS = Path(__file__).resolve().parent.parent / "data" / "notices"
ACCURACY_REQUIRED = 0.95


def corpus_files() -> list[Path]:
    return sorted(
        path
        for path in CORPUS.iterdir()
        if path.suffix in SUPPORTED_EXTENSIONS and path.is_file()
    )


FILES = corpus_files()
IDS = [path.name for path in FILES]


@cache
def parsed(path: Path) -> ParsedNotice:
    return parse_notice_file(path)


@cache
def expected(path: Path) -> dict:
    name = path.name.removesuffix(path.suffix)
    return json.loads((CORPUS / f"{name}.expected.json").read_text(encoding="utf-8"))


def key_score(expected_keys: list[str], found_keys: list[str]) -> tuple[int, int]:
    """(sections with the right key, sections counted): the keys are aligned in
    order, and a missed or an extra section counts against the file."""
    matcher = SequenceMatcher(a=expected_keys, b=found_keys, autojunk=False)
    right = sum(block.size for block in matcher.get_matching_blocks())
    return right, max(len(expected_keys), len(found_keys))


def test_corpus_is_varied():
    suffixes = [path.suffix for path in FILES]
    languages = [expected(path)["language"] for path in FILES]
    frameworks = {expected(path)["framework"] for path in FILES}
    assert len(FILES) >= 18
    assert all(suffixes.count(s) >= 2 for s in (".md", ".html", ".docx", ".txt"))
    assert languages.count("sv") >= 4
    assert frameworks == {"gdpr", "htl"}


def test_every_notice_has_its_expectations():
    names = {path.name.removesuffix(path.suffix) for path in FILES}
    expectations = {
        path.name.removesuffix(".expected.json")
        for path in CORPUS.glob("*.expected.json")
    }
    assert names == expectations


def test_corpus_accuracy(request, capsys):
    lines = ["Importer corpus: sections given the right key"]
    total_right = total_counted = 0
    for path in FILES:
        right, counted = key_score(expected(path)["keys"], parsed(path).keys)
        total_right += right
        total_counted += counted
        lines.append(
            f"  {path.name:<48} {right:>3}/{counted:<3} {right / counted:6.1%}"
        )
    accuracy = total_right / total_counted
    lines.append(f"  {'total':<48} {total_right:>3}/{total_counted:<3} {accuracy:6.1%}")
    report = "\n".join(lines)
    reporter = request.config.pluginmanager.get_plugin("terminalreporter")
    if reporter is not None:
        with capsys.disabled():
            reporter.write_line("")
            reporter.write_line(report)
    assert accuracy >= ACCURACY_REQUIRED, report


@pytest.mark.parametrize("path", FILES, ids=IDS)
def test_controller_name_and_business_id(path):
    want = expected(path)["controller"]
    got = parsed(path).controller
    assert {name: got[name] for name in want} == want


@pytest.mark.parametrize("path", FILES, ids=IDS)
def test_language(path):
    assert parsed(path).language == expected(path)["language"]


@pytest.mark.parametrize("path", FILES, ids=IDS)
def test_framework(path):
    assert parsed(path).framework == expected(path)["framework"]


@pytest.mark.parametrize("path", FILES, ids=IDS)
def test_combined_headings_cover_their_other_topics(path):
    notice = parsed(path)
    for key, covers in expected(path).get("also_covers", {}).items():
        section = notice.section(key)
        assert section is not None, key
        assert section.also_covers == covers


@pytest.mark.parametrize("path", FILES, ids=IDS)
def test_every_section_has_a_key_once(path):
    keys = [key for key in parsed(path).keys if key != "other"]
    assert len(keys) == len(set(keys))
