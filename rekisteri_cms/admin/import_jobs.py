"""The admin importer's reads on the task queue.

An upload becomes an :class:`~rekisteri_cms.models.ImportJob`; :func:`read_job`
reads its file (the slow part: a large Word or HTML file can take seconds) and
stores the parsed notice as JSON for the check page and the confirmation. A small
upload is read in the request by the same code (the upload view); a larger one by
the ``read_import_job`` task, queued after the upload's transaction commits, while
the check page shows the progress. A read that fails keeps the file, so the editor
can read it again. docs/operations.md#task-queue.
"""

from __future__ import annotations

import dataclasses
import logging
import secrets
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django_tasks import TaskResultStatus, task
from django_tasks.exceptions import TaskResultDoesNotExist

from ..conf import get_setting
from ..importers import (
    DateLine,
    NoticeImportError,
    ParsedNotice,
    ParsedSection,
    parse_notice_upload,
)
from ..models import ImportJob

logger = logging.getLogger(__name__)

#: The steps of a read (:attr:`ImportJob.step`).
OPENING, PARSING, CHECKING = 1, 2, 3


# -- the parsed notice as JSON -----------------------------------------------------


def parsed_to_json(parsed: ParsedNotice) -> dict:
    """Everything of ``parsed`` (its fields, not its derived reports) as JSON."""
    return dataclasses.asdict(parsed)


def _blocks(blocks) -> list:
    return [
        (kind, value if isinstance(value, str) else list(value))
        for kind, value in blocks
    ]


def parsed_from_json(data: dict) -> ParsedNotice:
    """The :class:`ParsedNotice` that :func:`parsed_to_json` stored."""
    sections = [
        ParsedSection(**{**section, "blocks": _blocks(section.get("blocks", []))})
        for section in data["sections"]
    ]
    date_line = data.get("date_line")
    if date_line is not None:
        date_line = DateLine(
            **{
                **date_line,
                "blocks_without": _blocks(date_line.get("blocks_without", [])),
            }
        )
    return ParsedNotice(
        **{
            **data,
            "sections": sections,
            "introduction": _blocks(data.get("introduction", [])),
            "date_line": date_line,
        }
    )


# -- reading -------------------------------------------------------------------------


def parse_content(job: ImportJob, content: bytes) -> ParsedNotice:
    return parse_notice_upload(
        job.name,
        content,
        language=job.language or None,
        framework=job.framework or None,
    )


def store_result(job: ImportJob, parsed: ParsedNotice) -> None:
    """Mark ``job`` ready to check with ``parsed`` as its dry run."""
    job.result = parsed_to_json(parsed)
    job.status = ImportJob.READY
    job.step = ImportJob.STEPS
    job.error_code = job.error = ""
    job.token = secrets.token_urlsafe(16)
    job.finished_at = timezone.now()


def _update(job: ImportJob, **fields) -> None:
    for name, value in fields.items():
        setattr(job, name, value)
    ImportJob.objects.filter(pk=job.pk).update(**fields)


def read_job(job_id) -> str:
    """Read a queued job's file; its status afterwards.

    Each step is saved at once, so the check page can show it. A job that is not
    queued (read by another worker, cancelled, deleted) is left alone.
    """
    with transaction.atomic():
        job = ImportJob.objects.select_for_update().filter(pk=job_id).first()
        if job is None or job.status != ImportJob.QUEUED:
            return job.status if job is not None else "missing"
        _update(job, status=ImportJob.READING, step=OPENING, started_at=timezone.now())
    with translation.override(job.ui_language or settings.LANGUAGE_CODE):
        try:
            content = job.read_file()
            _update(job, step=PARSING)
            parsed = parse_content(job, content)
            _update(job, step=CHECKING)
            store_result(job, parsed)
        except NoticeImportError as error:
            fail(job, "unreadable", str(error))
            return job.status
        except Exception:
            logger.exception("Could not read the import %s", job_id)
            fail(job, "error", "")
            return job.status
    # A job cancelled during the read stays cancelled.
    ImportJob.objects.filter(pk=job.pk, status=ImportJob.READING).update(
        status=job.status,
        step=job.step,
        result=job.result,
        error_code="",
        error="",
        token=job.token,
        finished_at=job.finished_at,
    )
    return job.status


def fail(job: ImportJob, code: str, message: str) -> None:
    _update(
        job,
        status=ImportJob.FAILED,
        error_code=code,
        error=message,
        result=None,
        finished_at=timezone.now(),
    )


@task()
def read_import_job(job_id: str) -> str:
    return read_job(job_id)


def enqueue_read(job: ImportJob) -> None:
    """Queue the read of ``job`` once the current transaction commits."""

    def enqueue():
        queued = read_import_job.using(
            queue_name=get_setting("REKISTERI_CMS_IMPORT_QUEUE")
        )
        try:
            result = queued.enqueue(str(job.pk))
        except Exception:
            # The queue is down (Redis unreachable, say): the upload is kept, and
            # its page offers to read it again.
            logger.exception("Could not queue the read of the import %s", job.pk)
            fail(job, "error", "")
            return
        ImportJob.objects.filter(pk=job.pk, task_id="").update(task_id=result.id)

    transaction.on_commit(enqueue)


def requeue(job: ImportJob) -> None:
    """Read a failed job's file again (its choices and file are kept)."""
    _update(
        job,
        status=ImportJob.QUEUED,
        step=0,
        error_code="",
        error="",
        task_id="",
        started_at=None,
        finished_at=None,
    )
    enqueue_read(job)


# -- a read that stopped ---------------------------------------------------------


def check_stopped(job: ImportJob) -> ImportJob:
    """Mark ``job`` failed if its read can no longer finish: the task failed (an
    error outside the read's own handling), or a read has run longer than
    ``REKISTERI_CMS_IMPORT_STALE_SECONDS`` (its worker was killed)."""
    if not job.is_pending:
        return job
    limit = timedelta(seconds=float(get_setting("REKISTERI_CMS_IMPORT_STALE_SECONDS")))
    if job.status == ImportJob.READING and job.started_at < timezone.now() - limit:
        stopped = True
    else:
        stopped = task_failed(job.task_id)
    if stopped:
        updated = ImportJob.objects.filter(pk=job.pk, status=job.status).update(
            status=ImportJob.FAILED,
            error_code="stopped",
            finished_at=timezone.now(),
        )
        job.refresh_from_db()
        if updated:
            logger.warning("The read of the import %s stopped", job.pk)
    return job


def task_failed(task_id: str) -> bool:
    if not task_id:
        return False
    backend = read_import_job.using(
        queue_name=get_setting("REKISTERI_CMS_IMPORT_QUEUE")
    ).get_backend()
    if not backend.supports_get_result:
        return False
    try:
        result = backend.get_result(task_id)
    except (TaskResultDoesNotExist, NotImplementedError):
        return False
    return result.status == TaskResultStatus.FAILED


def prune(days: int) -> int:
    """Delete jobs older than ``days`` days that no read is using, with their files."""
    cutoff = timezone.now() - timedelta(days=days)
    old = ImportJob.objects.filter(created_at__lt=cutoff).exclude(
        status=ImportJob.READING, started_at__gte=cutoff
    )
    count = 0
    for job in old.iterator():
        job.delete_file()
        job.delete()
        count += 1
    return count
