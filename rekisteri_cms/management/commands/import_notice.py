"""``manage.py import_notice``: import plain-text notices as draft notice pages."""

from __future__ import annotations

import json

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError

from rekisteri_cms.importers import (
    NoticeImportError,
    import_parsed_notices,
    parse_notice_file,
)
from rekisteri_cms.models import PrivacyNoticeIndexPage


class Command(BaseCommand):
    help = (
        "Import privacy notices / register descriptions from text files. Each file "
        "becomes a draft notice with one section per recognised heading; all files are "
        "imported in one transaction (all or nothing)."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", help="Notice files (.txt).")
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
            "--locale", choices=["fi", "sv"], help="Language (detected by default)."
        )
        parser.add_argument(
            "--framework",
            choices=["htl", "gdpr"],
            help="htl: legacy register description; gdpr: privacy notice "
            "(detected by default).",
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
        try:
            parsed = [
                parse_notice_file(
                    path, language=options["locale"], framework=options["framework"]
                )
                for path in options["paths"]
            ]
        except NoticeImportError as error:
            raise CommandError(str(error)) from error
        except OSError as error:
            raise CommandError(f"{error.filename}: {error.strerror}.") from error

        if options["dry_run"]:
            self.report(parsed, options["format"])
            return

        parent = self.parent(options["parent"])
        user = self.user(options["user"])
        approver = self.user(options["approved_by"])
        try:
            results = import_parsed_notices(
                parsed,
                parent=parent,
                publish=options["publish"],
                user=user,
                approver=approver,
            )
        except (NoticeImportError, PermissionDenied) as error:
            raise CommandError(f"Nothing was imported: {error}") from error
        if options["format"] == "json":
            self.stdout.write(
                json.dumps(
                    [
                        {
                            **r.parsed.as_json(),
                            "page_id": r.page.pk,
                            "url_path": r.page.url_path,
                            "state": r.state,
                        }
                        for r in results
                    ],
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
            self.write_warnings(result.parsed)

    def report(self, parsed, fmt: str) -> None:
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

    def write_warnings(self, notice) -> None:
        for warning in notice.warnings:
            self.stdout.write(self.style.WARNING(f"  warning: {warning}"))

    def parent(self, slug: str | None):
        indexes = PrivacyNoticeIndexPage.objects.all()
        if slug:
            indexes = indexes.filter(slug=slug)
        indexes = list(indexes[:2])
        if not indexes:
            raise CommandError(
                f"No notices index with the slug “{slug}”."
                if slug
                else "There is no notices index: create one in the admin first."
            )
        if len(indexes) > 1:
            raise CommandError(
                "There are several notices indexes: name one with --parent."
            )
        return indexes[0]

    def user(self, username: str | None):
        if not username:
            return None
        User = get_user_model()
        try:
            return User.objects.get(username=username)
        except User.DoesNotExist as error:
            raise CommandError(f"No user “{username}”.") from error
