"""``manage.py import_notice``: import notice files as draft notice pages."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm
from wagtail.models import Locale

from rekisteri_cms.importers import (
    SUPPORTED_EXTENSIONS,
    ImportResult,
    NoticeImportError,
    ParsedNotice,
    import_parsed_notices,
    parse_notice_file,
)
from rekisteri_cms.importers.pages import read_originals
from rekisteri_cms.models import PrivacyNoticeIndexPage

#: Columns of the summary table: heading and width (the title is cut to fit).
SUMMARY_COLUMNS = (
    ("file", 34),
    ("title", 40),
    ("language", 8),
    ("framework", 9),
    ("sections", 8),
    ("missing", 7),
    ("warnings", 8),
)


class Command(BaseCommand):
    help = (
        "Import privacy notices / register descriptions from files (.txt, .md, "
        ".html, .htm, .docx) or from every such file in a directory. Each file "
        "becomes a draft notice with one section per recognised heading; all files "
        "are imported in one transaction (all or nothing)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "paths",
            nargs="+",
            help="Notice files, or directories whose notice files are all imported.",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Parse and report only; write nothing to the database.",
        )
        parser.add_argument(
            "--format",
            choices=["text", "json"],
            default="text",
            help="Report format (json prints one JSON array, one object per file).",
        )
        parser.add_argument(
            "--report",
            metavar="FILE",
            help="Also write the per-file results as a JSON array to FILE (with "
            "the page id and state of each imported notice).",
        )
        parser.add_argument(
            "--no-progress",
            action="store_true",
            help="Show no progress bar (it is shown only on a terminal anyway).",
        )
        parser.add_argument(
            "--locale", choices=["fi", "sv"], help="Language (detected by default)."
        )
        parser.add_argument(
            "--framework",
            choices=["htl", "gdpr"],
            help="htl: legacy register description; gdpr: privacy notice "
            "(detected by default). A gdpr notice gets the required sections it "
            "lacks as empty drafts to write.",
        )
        parser.add_argument(
            "--parent",
            help="Slug of the notices index to import under (default: the only one).",
        )
        parser.add_argument(
            "--publish",
            action="store_true",
            help="Publish the notices; under the Legal review workflow they are "
            "submitted for review instead (or approved with --approved-by).",
        )
        parser.add_argument(
            "--user", help="Username recorded as the author of the imported revisions."
        )
        parser.add_argument(
            "--approved-by",
            help="With --publish: username of the legal reviewer who approves them.",
        )

    def handle(self, *args, **options):
        self.show_progress = not options["no_progress"]
        paths = self.notice_paths(options["paths"])
        parsed, failures = self.parse_all(paths, options)

        if options["dry_run"]:
            self.report(parsed, options["format"])
            self.write_report_file(options["report"], parsed, [], failures)
            if failures:
                raise CommandError(self.failure_message(failures, dry_run=True))
            return
        if failures:
            self.write_report_file(options["report"], parsed, [], failures)
            raise CommandError(self.failure_message(failures, dry_run=False))

        parent = self.parent(options["parent"])
        user = self.user(options["user"])
        approver = self.user(options["approved_by"])
        with self.progress_bar(len(parsed), "Importing") as bar:
            try:
                results = import_parsed_notices(
                    parsed,
                    parent=parent,
                    publish=options["publish"],
                    user=user,
                    approver=approver,
                    progress=lambda _result: bar.update(),
                    originals=read_originals(parsed, paths),
                )
            except (NoticeImportError, PermissionDenied) as error:
                raise CommandError(f"Nothing was imported: {error}") from error
        self.write_report_file(options["report"], parsed, results, [])
        if options["format"] == "json":
            self.stdout.write(
                json.dumps(
                    [result.as_json() for result in results],
                    ensure_ascii=False,
                    indent=2,
                )
            )
            return
        for result in results:
            self.stdout.write(
                self.style.SUCCESS(
                    f"{result.parsed.file}: “{result.page.title}” "
                    f"({len(result.parsed.sections)} sections, {result.state})"
                )
            )
            if result.placeholders:
                self.stdout.write(
                    self.style.WARNING(
                        "  empty sections added to write: "
                        + ", ".join(result.placeholders)
                    )
                )
            self.write_warnings(result.parsed)
        self.write_summary(parsed)

    # -- files ------------------------------------------------------------------------

    def notice_paths(self, arguments: list[str]) -> list[Path]:
        """The files named, with each directory replaced by its notice files."""
        paths: list[Path] = []
        for argument in arguments:
            path = Path(argument)
            if path.is_dir():
                found = sorted(
                    child
                    for child in path.iterdir()
                    if child.is_file() and child.suffix.lower() in SUPPORTED_EXTENSIONS
                )
                if not found:
                    raise CommandError(
                        f"{argument}: no notice files "
                        f"({', '.join(SUPPORTED_EXTENSIONS)}) in this directory."
                    )
                paths += found
            elif path.exists():
                paths.append(path)
            else:
                raise CommandError(f"{argument}: no such file or directory.")
        return paths

    def parse_all(
        self, paths: list[Path], options
    ) -> tuple[list[ParsedNotice], list[tuple[Path, str]]]:
        """Parse every file; a file that fails is reported, not fatal, here."""
        parsed: list[ParsedNotice] = []
        failures: list[tuple[Path, str]] = []
        with self.progress_bar(len(paths), "Reading") as bar:
            for path in paths:
                bar.set_postfix_str(path.name, refresh=False)
                try:
                    parsed.append(
                        parse_notice_file(
                            path,
                            language=options["locale"],
                            framework=options["framework"],
                        )
                    )
                except NoticeImportError as error:
                    failures.append((path, str(error)))
                except OSError as error:
                    failures.append((path, f"{path.name}: {error.strerror}."))
                bar.update()
        return parsed, failures

    def progress_bar(self, total: int, description: str) -> tqdm:
        """A progress bar on standard error, shown only on a terminal."""
        stream = getattr(self.stderr, "_out", sys.stderr)
        on_terminal = bool(getattr(stream, "isatty", lambda: False)())
        return tqdm(
            total=total,
            desc=description,
            unit="file",
            file=stream,
            leave=False,
            disable=not (self.show_progress and on_terminal),
        )

    @staticmethod
    def failure_message(failures: list[tuple[Path, str]], *, dry_run: bool) -> str:
        lines = "\n".join(f"  {message}" for _path, message in failures)
        if dry_run:
            return f"{len(failures)} file(s) could not be read:\n{lines}"
        return (
            f"Nothing was imported: {len(failures)} file(s) could not be read:\n{lines}"
        )

    # -- reports -------------------------------------------------------------------

    def report(self, parsed: list[ParsedNotice], fmt: str) -> None:
        if fmt == "json":
            self.stdout.write(
                json.dumps([p.as_json() for p in parsed], ensure_ascii=False, indent=2)
            )
            return
        for notice in parsed:
            self.stdout.write(
                self.style.MIGRATE_HEADING(
                    f"{notice.file}: “{notice.title}” "
                    f"[{notice.language}, {notice.framework}]"
                )
            )
            controller = notice.controller
            if controller.get("name"):
                self.stdout.write(
                    f"  controller: {controller['name']}"
                    + (
                        f" ({controller['business_id']})"
                        if controller.get("business_id")
                        else ""
                    )
                )
            for section in notice.sections:
                self.stdout.write(f"  {section.key:<22} {section.heading}")
            if notice.missing:
                self.stdout.write(
                    self.style.WARNING(f"  missing: {', '.join(notice.missing)}")
                )
            self.write_warnings(notice)
        self.write_summary(parsed)

    def write_warnings(self, notice: ParsedNotice) -> None:
        for warning in notice.warnings:
            self.stdout.write(self.style.WARNING(f"  warning: {warning}"))

    def write_summary(self, parsed: list[ParsedNotice]) -> None:
        """One row per notice: what was read and how much needs attention."""
        if not parsed:
            return
        self.stdout.write("")
        self.stdout.write(
            self.style.MIGRATE_HEADING(
                "  ".join(f"{name:<{width}}" for name, width in SUMMARY_COLUMNS)
            )
        )
        for notice in parsed:
            values = (
                notice.file,
                notice.title,
                notice.language,
                notice.framework,
                len(notice.sections),
                len(notice.missing),
                len(notice.warnings),
            )
            self.stdout.write(
                "  ".join(
                    _fit(str(value), width)
                    for value, (_name, width) in zip(
                        values, SUMMARY_COLUMNS, strict=True
                    )
                ).rstrip()
            )

    def write_report_file(
        self,
        target: str | None,
        parsed: list[ParsedNotice],
        results: list[ImportResult],
        failures: list[tuple[Path, str]],
    ) -> None:
        """The per-file results as JSON: the dry-run object of each notice, with
        the page it became when imported, and the error of each file that failed."""
        if not target:
            return
        if results:
            entries = [result.as_json() for result in results]
        else:
            entries = [notice.as_json() for notice in parsed]
        entries += [{"file": path.name, "error": message} for path, message in failures]
        Path(target).write_text(
            json.dumps(entries, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
        self.stderr.write(f"Report written to {target}.")

    # -- options -------------------------------------------------------------------

    def parent(self, slug: str | None):
        """The notices index: the only one, or the one named. Translations of one
        index count as one (each notice goes under the one in its language)."""
        indexes = PrivacyNoticeIndexPage.objects.select_related("locale")
        if slug:
            indexes = indexes.filter(slug=slug)
        indexes = list(indexes.order_by("path"))
        if not indexes:
            raise CommandError(
                f"No notices index with the slug “{slug}”."
                if slug
                else "There is no notices index: create one in the admin first."
            )
        if len({index.translation_key for index in indexes}) > 1:
            raise CommandError(
                "There are several notices indexes: name one with --parent."
            )
        default = Locale.get_default()
        return next((i for i in indexes if i.locale_id == default.pk), indexes[0])

    def user(self, username: str | None):
        if not username:
            return None
        User = get_user_model()
        try:
            return User.objects.get(username=username)
        except User.DoesNotExist as error:
            raise CommandError(f"No user “{username}”.") from error


def _fit(value: str, width: int) -> str:
    """``value`` padded or cut (with an ellipsis) to ``width`` characters."""
    if len(value) > width:
        value = value[: width - 1] + "…"
    return f"{value:<{width}}"
