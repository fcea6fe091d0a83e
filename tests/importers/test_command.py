"""``manage.py import_notice`` and the database half of the importer.

The seeds and the corpus of ``tests/data/notices`` are imported through the real
command: files and directories, the dry-run JSON, the report file, the progress
bar and summary, all-or-nothing batches, and the empty drafts a GDPR import adds.
"""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from wagtail.models import Page

from rekisteri_cms import importers
from rekisteri_cms.importers import pages, parse_notice_file
from rekisteri_cms.models import (
    Controller,
    IncompleteNoticeError,
    NoticeVersion,
    PrivacyNoticePage,
)

pytestmark = pytest.mark.django_db

TESTS = Path(__file__).resolve().parent.parent
SEEDS_DIR = TESTS.parent / "project" / "demo_content" / "seeds"
CORPUS = TESTS / "data" / "notices"
CONTRACT_FIELDS = [
    "file", "title", "language", "framework", "controller",
    "contact_person", "sections", "missing", "warnings",
    "gdpr_article", "gdpr_items", "introduction", "document_date",
]  # fmt: skip


class TerminalStream(io.StringIO):
    """Standard error as a terminal: the progress bar shows."""

    def isatty(self) -> bool:
        return True


def run(*args, stderr=None) -> str:
    stdout = io.StringIO()
    call_command(
        "import_notice",
        *[str(arg) for arg in args],
        stdout=stdout,
        stderr=stderr or io.StringIO(),
    )
    return stdout.getvalue()


def notice_pages():
    return PrivacyNoticePage.objects.order_by("path")


@pytest.fixture
def batch(tmp_path) -> Path:
    """A directory of three corpus notices in three formats (and a stray file)."""
    for name in (
        "kuntosali-voimala.txt",
        "hymy-hammaslaakari.html",
        "tarkka-rekrytointi.docx",
    ):
        shutil.copy(CORPUS / name, tmp_path / name)
    (tmp_path / "lueminut.pdf").write_bytes(b"%PDF-1.4")
    return tmp_path


# ---------------------------------------------------------------------------------
# The seeds
# ---------------------------------------------------------------------------------


def test_seeds_import_with_their_sections_in_order(index):
    run(SEEDS_DIR, "--locale", "fi")
    imported = {
        page.title: [block.block_type for block in page.body] for page in notice_pages()
    }
    expected = {
        (notice := parse_notice_file(path)).title: notice.keys
        for path in sorted(SEEDS_DIR.glob("*.txt"))
    }
    assert imported == expected


def test_seeds_import_their_controllers(index):
    run(SEEDS_DIR, "--locale", "fi")
    assert sorted(Controller.objects.values_list("name", "business_id")) == [
        ("Confetti", "2309658-6"),
        ("Kokemuskauppa Oy", "2173478-3"),
        ("Komiat Hetket Oy", "2311066-7"),
        ("Konekesko Oy", ""),
        ("Kotisivutaivas Oy", "2135102-9"),
    ]


def test_imported_notices_are_drafts(index):
    run(SEEDS_DIR, "--locale", "fi")
    pages = list(notice_pages())
    assert [(p.live, p.has_unpublished_changes) for p in pages] == [(False, True)] * 5
    assert not NoticeVersion.objects.exists()


# ---------------------------------------------------------------------------------
# Dry run, report, summary and progress
# ---------------------------------------------------------------------------------


def test_dry_run_json_keeps_its_shape(index, batch):
    data = json.loads(run(batch, "--dry-run", "--format", "json"))
    assert [list(item) for item in data] == [CONTRACT_FIELDS] * 3


def test_dry_run_writes_nothing(index, batch):
    pages = Page.objects.count()
    run(batch, "--dry-run")
    assert (Page.objects.count(), Controller.objects.count()) == (pages, 0)


def test_directory_imports_its_notice_files_sorted(index, batch):
    run(batch)
    assert [page.title for page in notice_pages()] == [
        "Potilasrekisterin tietosuojaseloste",
        "Kuntosali Voimala Oy",
        "Rekrytointirekisterin tietosuojaseloste",
    ]


def test_report_file_has_each_notice_and_its_page(index, batch, tmp_path):
    report = tmp_path / "report.json"
    run(batch, "--report", report)
    data = json.loads(report.read_text(encoding="utf-8"))
    pages = {page.pk: page for page in notice_pages()}
    assert [(item["file"], item["state"]) for item in data] == [
        ("hymy-hammaslaakari.html", "draft"),
        ("kuntosali-voimala.txt", "draft"),
        ("tarkka-rekrytointi.docx", "draft"),
    ]
    assert {item["page_id"] for item in data} == set(pages)
    assert all(list(item)[: len(CONTRACT_FIELDS)] == CONTRACT_FIELDS for item in data)


def test_dry_run_report_has_no_pages(index, batch, tmp_path):
    report = tmp_path / "report.json"
    run(batch, "--dry-run", "--report", report)
    data = json.loads(report.read_text(encoding="utf-8"))
    assert [list(item) for item in data] == [CONTRACT_FIELDS] * 3


def test_summary_table_has_a_row_per_file(index, batch):
    output = run(batch, "--dry-run")
    header = next(line for line in output.splitlines() if line.startswith("file"))
    rows = [line for line in output.splitlines() if line.split(" ")[0] in {
        "hymy-hammaslaakari.html", "kuntosali-voimala.txt", "tarkka-rekrytointi.docx"
    }]  # fmt: skip
    assert header.split() == [
        "file", "title", "language", "framework", "sections", "missing", "warnings",
    ]  # fmt: skip
    assert len(rows) == 3


def test_summary_row_counts(index, batch):
    output = run(batch, "--dry-run").split("\nfile ")[1]
    row = next(line for line in output.splitlines() if line.startswith("kuntosali"))
    notice = parse_notice_file(batch / "kuntosali-voimala.txt")
    assert row.split()[-5:] == [
        "fi",
        "htl",
        str(len(notice.sections)),
        str(len(notice.missing)),
        str(len(notice.warnings)),
    ]


def test_no_progress_bar_when_not_on_a_terminal(index, batch):
    stderr = io.StringIO()
    run(batch, "--dry-run", stderr=stderr)
    assert "Reading" not in stderr.getvalue()


def test_progress_bar_on_a_terminal(index, batch):
    stderr = TerminalStream()
    run(batch, "--dry-run", stderr=stderr)
    assert "Reading" in stderr.getvalue()


def test_no_progress_option_hides_the_bar(index, batch):
    stderr = TerminalStream()
    run(batch, "--dry-run", "--no-progress", stderr=stderr)
    assert "Reading" not in stderr.getvalue()


def test_whole_corpus_imports(index, locales):
    run(CORPUS)
    assert notice_pages().count() == len(
        [p for p in CORPUS.iterdir() if p.suffix in importers.SUPPORTED_EXTENSIONS]
    )


# ---------------------------------------------------------------------------------
# All or nothing
# ---------------------------------------------------------------------------------


def test_unreadable_file_in_a_batch_imports_nothing(index, batch):
    (batch / "kirje.txt").write_text("Hei!\n\nTavallinen kirje.\n", encoding="utf-8")
    with pytest.raises(CommandError) as info:
        run(batch)
    assert "kirje.txt" in str(info.value)
    assert (notice_pages().count(), Controller.objects.count()) == (0, 0)


def test_dry_run_reports_every_unreadable_file(index, batch):
    (batch / "kirje.txt").write_text("Hei!\n", encoding="utf-8")
    (batch / "rikki.docx").write_bytes(b"PK\x03\x04 broken")
    with pytest.raises(CommandError) as info:
        run(batch, "--dry-run")
    assert "kirje.txt" in str(info.value) and "rikki.docx" in str(info.value)


def test_failure_while_importing_rolls_back_the_batch(index, batch, monkeypatch):
    build = pages.build_notice_page

    def failing(parsed, parent, locale, controller=None):
        if parsed.file == "tarkka-rekrytointi.docx":
            raise importers.NoticeImportError("broken", filename=parsed.file)
        return build(parsed, parent, locale, controller)

    monkeypatch.setattr(pages, "build_notice_page", failing)
    with pytest.raises(CommandError):
        run(batch)
    assert (notice_pages().count(), Controller.objects.count()) == (0, 0)


def test_missing_path_is_an_error(index, tmp_path):
    with pytest.raises(CommandError):
        run(tmp_path / "ei-ole.txt")


def test_directory_without_notices_is_an_error(index, tmp_path):
    with pytest.raises(CommandError):
        run(tmp_path)


# ---------------------------------------------------------------------------------
# GDPR imports: empty drafts of the missing sections
# ---------------------------------------------------------------------------------


@pytest.fixture
def gdpr_seed(index) -> PrivacyNoticePage:
    run(sorted(SEEDS_DIR.glob("000_*.txt"))[0], "--framework", "gdpr")
    return notice_pages().get()


def test_gdpr_import_adds_the_missing_required_sections(gdpr_seed):
    parsed = parse_notice_file(sorted(SEEDS_DIR.glob("000_*.txt"))[0], framework="gdpr")
    added = [block.block_type for block in gdpr_seed.body][len(parsed.sections) :]
    assert added == [key for key in parsed.missing if key not in parsed.keys]


def test_added_sections_are_empty_with_the_standard_heading(gdpr_seed):
    blocks = [block for block in gdpr_seed.body if block.block_type == "retention"]
    (block,) = blocks
    assert (block.value["heading"], block.value["body"].source) == ("", "")
    assert block.value.heading_text("fi") == "Henkilötietojen säilytysaika"


def test_added_sections_stay_missing(gdpr_seed):
    report = gdpr_seed.completeness()
    assert report.blocks_publishing and "retention" in report.missing


def test_gdpr_draft_with_added_sections_cannot_be_published(gdpr_seed):
    revision = gdpr_seed.get_latest_revision()
    with pytest.raises(IncompleteNoticeError):
        revision.publish()
    assert not PrivacyNoticePage.objects.get(pk=gdpr_seed.pk).live


def test_publishing_an_incomplete_gdpr_import_imports_nothing(index):
    seed = sorted(SEEDS_DIR.glob("000_*.txt"))[0]
    with pytest.raises(CommandError):
        run(seed, "--framework", "gdpr", "--publish")
    assert notice_pages().count() == 0


def test_import_output_names_the_added_sections(index):
    output = run(sorted(SEEDS_DIR.glob("000_*.txt"))[0], "--framework", "gdpr")
    assert "empty sections added to write: " in output


def test_legacy_import_adds_nothing(index):
    seed = sorted(SEEDS_DIR.glob("000_*.txt"))[0]
    run(seed)
    assert len(notice_pages().get().body) == len(parse_notice_file(seed).sections)


# ---------------------------------------------------------------------------------
# Languages
# ---------------------------------------------------------------------------------


def test_swedish_notice_goes_under_the_swedish_index(index, locales):
    swedish_index = index.copy_for_translation(locales["sv"])
    run(CORPUS / "segelsallskapet-registerbeskrivning-ansi.txt")
    page = notice_pages().get()
    assert (page.locale.language_code, page.get_parent().pk) == ("sv", swedish_index.pk)


def test_swedish_notice_without_a_swedish_index_goes_under_the_index(index, locales):
    run(CORPUS / "segelsallskapet-registerbeskrivning-ansi.txt")
    page = notice_pages().get()
    assert (page.locale.language_code, page.get_parent().pk) == ("sv", index.pk)
