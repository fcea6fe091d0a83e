"""``manage.py prune_import_jobs``: delete the admin importer's old jobs and the
files they keep (docs/operations.md#task-queue)."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from ...admin import import_jobs
from ...conf import get_setting


class Command(BaseCommand):
    help = "Delete old notice imports of the admin and their uploaded files."

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help="Keep this many days (default: REKISTERI_CMS_IMPORT_RETENTION_DAYS).",
        )

    def handle(self, *args, days=None, **options):
        if days is None:
            days = int(get_setting("REKISTERI_CMS_IMPORT_RETENTION_DAYS"))
        count = import_jobs.prune(days)
        self.stdout.write(f"Deleted {count} notice import(s) older than {days} days.")
