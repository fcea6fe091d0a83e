"""The admin importer's read of a large file, done by a real ``db_worker`` process
(docs/operations.md#task-queue): what ``make run``'s worker does for an upload."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from tests.workers.conftest import REPO_ROOT, run_manage

NOTICE = REPO_ROOT / "tests" / "data" / "notices" / "tarkka-rekrytointi.docx"

QUEUE = """
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db import transaction
from rekisteri_cms.admin import import_jobs
from rekisteri_cms.models import ImportJob, PrivacyNoticeIndexPage
admin = get_user_model().objects.filter(is_superuser=True).first()
index = PrivacyNoticeIndexPage.objects.filter(locale__language_code="fi").first()
with transaction.atomic():
    job = ImportJob(user=admin, index=index, name="{name}", size={size})
    job.file.save("{name}", ContentFile(open("{path}", "rb").read()), save=False)
    job.save()
    import_jobs.enqueue_read(job)
print("job", job.pk)
"""

STATUS = """
from rekisteri_cms.models import ImportJob
job = ImportJob.objects.get(pk="{job}")
print("status", job.status, job.step, len((job.result or {{}}).get("sections", [])))
"""


def status(env, job) -> list[str]:
    out = run_manage(["shell", "-c", STATUS.format(job=job)], env)
    return next(line for line in out.splitlines() if line.startswith("status")).split()


def test_db_worker_reads_a_queued_import(site_env):
    private = tempfile.mkdtemp(prefix="rekisteri-cms-workers-private-")
    env = {**site_env, "REKISTERI_CMS_PRIVATE_ROOT": private}
    try:
        script = QUEUE.format(name=NOTICE.name, size=NOTICE.stat().st_size, path=NOTICE)
        out = run_manage(["shell", "-c", script], env)
        job = next(line for line in out.splitlines() if line.startswith("job")).split()[
            1
        ]
        assert status(env, job) == ["status", "queued", "0", "0"]  # waits for a worker
        run_manage(["db_worker", "--batch", "--interval", "0"], env)
        _word, state, step, sections = status(env, job)
        assert (state, step) == ("ready", "3")
        assert int(sections) >= 10
        assert any(Path(private, "import-jobs", job).iterdir())
    finally:
        shutil.rmtree(private, ignore_errors=True)
