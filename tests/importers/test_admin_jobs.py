"""The admin importer on the task queue: a large upload is read by a task while its
check page shows the progress; a read that fails or stops loses nothing; a job is
its uploader's and is imported once (docs/operations.md#task-queue)."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django_tasks import task_backends
from django_tasks_db.models import DBTaskResult
from wagtail.models import GroupPagePermission, Page

from rekisteri_cms.admin import import_jobs
from rekisteri_cms.conf import get_setting
from rekisteri_cms.importers import parse_notice_upload
from rekisteri_cms.models import ImportJob, PrivacyNoticeIndexPage, PrivacyNoticePage
from rekisteri_cms.roles import grant_page_permissions
from tests.factories import UserFactory
from tests.translation_fixtures import client_for

pytestmark = pytest.mark.django_db

CORPUS = Path(__file__).resolve().parent.parent / "data" / "notices"
UPLOAD_URL = reverse("rekisteri_cms_admin:import_upload")
DOCX = "tarkka-rekrytointi.docx"
DUMMY = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
DATABASE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture(autouse=True)
def queued_uploads(settings):
    """Every upload goes to the task queue, however small."""
    settings.REKISTERI_CMS_IMPORT_INLINE_BYTES = 0


@pytest.fixture
def admin_client(admin):
    """An administrator whose admin speaks English."""
    return client_for(admin, "en")


@pytest.fixture
def dummy_backend(settings):
    """A backend that keeps what is queued and runs nothing: the job stays queued."""
    settings.TASKS = DUMMY
    backend = task_backends["default"]
    backend.clear()
    yield backend
    backend.clear()


def upload(client, index, name=DOCX, content=None, commit=None, **fields):
    if content is None:
        content = (CORPUS / name).read_bytes()
    data = {"file": SimpleUploadedFile(name, content), "index": index.pk, **fields}
    if commit is None:
        return client.post(UPLOAD_URL, data)
    with commit(execute=True):
        return client.post(UPLOAD_URL, data)


def job() -> ImportJob:
    return ImportJob.objects.get()


def check_url(job: ImportJob) -> str:
    return reverse("rekisteri_cms_admin:import_check", args=(job.pk,))


def status_url(job: ImportJob) -> str:
    return reverse("rekisteri_cms_admin:import_status", args=(job.pk,))


# ---------------------------------------------------------------------------------
# Queued, then read by the task
# ---------------------------------------------------------------------------------


def test_a_large_upload_is_queued_after_commit_and_shows_progress(
    admin_client, index, dummy_backend, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        response = upload(admin_client, index)
        assert dummy_backend.results == []  # not before the upload commits
    for callback in callbacks:
        callback()
    queued = job()
    assert response.url == check_url(queued)
    assert (queued.status, queued.step, queued.result) == (ImportJob.QUEUED, 0, None)
    [task_result] = dummy_backend.results
    assert task_result.task.func is import_jobs.read_import_job.func
    assert task_result.args == [str(queued.pk)]
    assert queued.task_id == task_result.id
    html = admin_client.get(check_url(queued)).content.decode()
    assert "data-import-progress" in html
    assert '<noscript><meta http-equiv="refresh" content="2"></noscript>' in html
    assert "rekisteri_cms/js/import-progress.js" in html
    assert 'name="confirm"' not in html
    status = admin_client.get(status_url(queued)).json()
    assert status == {
        "status": "queued",
        "step": 0,
        "steps": 3,
        "label": "Waiting for its turn",
        "pending": True,
        "url": check_url(queued),
    }
    assert not PrivacyNoticePage.objects.exists()


def test_the_task_reads_the_file_and_the_check_page_shows_it(
    admin_client, index, django_capture_on_commit_callbacks
):
    upload(admin_client, index, commit=django_capture_on_commit_callbacks)
    read = job()
    assert (read.status, read.step, read.error) == (ImportJob.READY, 3, "")
    assert read.started_at and read.finished_at
    response = admin_client.get(check_url(read))
    assert [s["key"] for s in response.context["sections"]][:3] == [
        "controller",
        "contact_person",
        "purpose",
    ]
    assert "data-import-progress" not in response.content.decode()
    assert admin_client.get(status_url(read)).json()["pending"] is False
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            check_url(read), {"token": read.token, "confirm": ""}
        )
    page = PrivacyNoticePage.objects.get()
    assert response.url == reverse("wagtailadmin_pages:edit", args=(page.pk,))
    assert page.imported_originals.get().sha256 == page.imported_originals.get().digest(
        (CORPUS / DOCX).read_bytes()
    )
    assert job().status == ImportJob.IMPORTED


def test_each_step_is_saved_while_the_file_is_read(
    admin_client, index, dummy_backend, django_capture_on_commit_callbacks, monkeypatch
):
    upload(admin_client, index, commit=django_capture_on_commit_callbacks)
    seen = []
    parse = import_jobs.parse_content

    def watching(job, content):
        seen.append(admin_client.get(status_url(job)).json())
        return parse(job, content)

    monkeypatch.setattr(import_jobs, "parse_content", watching)
    assert import_jobs.read_job(job().pk) == ImportJob.READY
    assert [(s["status"], s["step"], s["label"]) for s in seen] == [
        ("reading", 2, "Reading the sections")
    ]
    assert import_jobs.read_job(job().pk) == ImportJob.READY  # read once


def test_the_stored_result_is_the_parsed_notice():
    for path in sorted(CORPUS.iterdir()):
        if path.suffix in (".txt", ".md", ".html", ".htm", ".docx"):
            parsed = parse_notice_upload(path.name, path.read_bytes())
            stored = import_jobs.parsed_to_json(parsed)
            again = import_jobs.parsed_from_json(json.loads(json.dumps(stored)))
            assert again == parsed, path.name


def test_the_status_answers_in_few_queries(
    admin_client, index, dummy_backend, django_capture_on_commit_callbacks,
    django_assert_max_num_queries,
):  # fmt: skip
    upload(admin_client, index, commit=django_capture_on_commit_callbacks)
    url = status_url(job())
    admin_client.get(url)
    with django_assert_max_num_queries(12):
        assert admin_client.get(url).status_code == 200


# ---------------------------------------------------------------------------------
# A read that fails or stops
# ---------------------------------------------------------------------------------


def test_an_unreadable_large_file_fails_clearly_and_keeps_the_file(
    admin, index, django_capture_on_commit_callbacks
):
    client = client_for(admin, "fi")
    content = b"Hei!\n\nTavallinen kirje ilman otsikoita.\n"
    upload(client, index, "kirje.txt", content, django_capture_on_commit_callbacks)
    failed = job()
    assert (failed.status, failed.error_code) == (ImportJob.FAILED, "unreadable")
    assert failed.read_file() == content
    assert (
        "rivi 1" in failed.error
    )  # the importer's message, in the uploader's language
    html = client.get(check_url(failed)).content.decode()
    assert "data-import-failed" in html
    assert "kirje.txt" in html and failed.error in html
    assert "Mitään ei tuotu" in html
    assert 'name="retry"' not in html  # reading it again would not help
    assert 'http-equiv="refresh"' not in html
    client.post(check_url(failed), {"cancel": ""})
    assert not ImportJob.objects.exists()
    assert not failed.file.storage.exists(failed.file.name)


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "The reading stopped before it was done"),
        ("fi", "Lukeminen keskeytyi ennen kuin se valmistui"),
        ("sv", "Läsningen avbröts innan den var klar"),
    ],
)
def test_a_read_whose_worker_was_killed_fails_and_can_be_read_again(
    admin, index, dummy_backend, django_capture_on_commit_callbacks, settings,
    language, text,
):  # fmt: skip
    client = client_for(admin, language)
    upload(client, index, commit=django_capture_on_commit_callbacks)
    started = timezone.now() - timedelta(
        seconds=get_setting("REKISTERI_CMS_IMPORT_STALE_SECONDS") + 1
    )
    # What a worker killed during the read leaves behind.
    ImportJob.objects.update(status=ImportJob.READING, step=2, started_at=started)
    assert client.get(status_url(job())).json()["pending"] is False
    stopped = job()
    assert (stopped.status, stopped.error_code) == (ImportJob.FAILED, "stopped")
    html = client.get(check_url(stopped)).content.decode()
    assert text in html and 'name="retry"' in html
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(check_url(stopped), {"retry": ""})
    assert response.url == check_url(stopped)
    assert job().status == ImportJob.READY
    assert 'name="confirm"' in client.get(check_url(stopped)).content.decode()


def test_a_read_still_within_its_time_is_left_running(
    admin_client, index, dummy_backend, django_capture_on_commit_callbacks
):
    upload(admin_client, index, commit=django_capture_on_commit_callbacks)
    ImportJob.objects.update(
        status=ImportJob.READING, step=2, started_at=timezone.now()
    )
    status = admin_client.get(status_url(job())).json()
    assert (status["status"], status["label"]) == ("reading", "Reading the sections")


def test_an_unexpected_error_fails_the_job_and_is_logged(
    admin_client, index, django_capture_on_commit_callbacks, monkeypatch, caplog
):
    def broken(job, content):
        raise RuntimeError("parser bug")

    monkeypatch.setattr(import_jobs, "parse_content", broken)
    upload(admin_client, index, commit=django_capture_on_commit_callbacks)
    assert (job().status, job().error_code) == (ImportJob.FAILED, "error")
    assert "parser bug" in caplog.text
    html = admin_client.get(check_url(job())).content.decode()
    assert "An unexpected error stopped the reading" in html
    assert 'name="retry"' in html


def test_a_queue_that_cannot_be_reached_fails_the_job_not_the_upload(
    admin_client, index, django_capture_on_commit_callbacks, monkeypatch, caplog
):
    def unreachable(*args, **kwargs):
        raise ConnectionError("Redis is down")

    monkeypatch.setattr(
        type(import_jobs.read_import_job.get_backend()), "enqueue", unreachable
    )
    response = upload(admin_client, index, commit=django_capture_on_commit_callbacks)
    assert response.status_code == 302
    assert (job().status, job().error_code) == (ImportJob.FAILED, "error")
    assert "Redis is down" in caplog.text
    assert job().read_file() == (CORPUS / DOCX).read_bytes()


def test_a_failed_task_fails_its_queued_job(
    admin_client, index, settings, django_capture_on_commit_callbacks
):
    settings.TASKS = DATABASE
    upload(admin_client, index, commit=django_capture_on_commit_callbacks)
    queued = job()
    assert queued.status == ImportJob.QUEUED
    DBTaskResult.objects.filter(id=queued.task_id).update(status="FAILED")
    assert admin_client.get(status_url(queued)).json()["status"] == "failed"
    assert job().error_code == "stopped"


def test_a_queued_job_left_waiting_says_so(
    admin_client, index, dummy_backend, django_capture_on_commit_callbacks
):
    upload(admin_client, index, commit=django_capture_on_commit_callbacks)
    ImportJob.objects.update(created_at=timezone.now() - timedelta(minutes=5))
    html = admin_client.get(check_url(job())).content.decode()
    assert "data-import-slow" in html


# ---------------------------------------------------------------------------------
# Whose job
# ---------------------------------------------------------------------------------


@pytest.fixture
def other_editor(db):
    return UserFactory(username="other-editor", role="editor")


def test_another_users_job_is_not_found(
    admin_client, other_editor, index, django_capture_on_commit_callbacks
):
    upload(admin_client, index, commit=django_capture_on_commit_callbacks)
    theirs = job()
    client = client_for(other_editor)
    assert client.get(check_url(theirs)).status_code == 404
    assert client.get(status_url(theirs)).status_code == 404
    response = client.post(check_url(theirs), {"token": theirs.token, "confirm": ""})
    assert response.status_code == 404
    assert client.post(check_url(theirs), {"cancel": ""}).status_code == 404
    assert job().status == ImportJob.READY
    assert not PrivacyNoticePage.objects.exists()


def test_anonymous_visitors_never_see_a_job(
    client, admin_client, index, django_capture_on_commit_callbacks
):
    upload(admin_client, index, commit=django_capture_on_commit_callbacks)
    for url in (check_url(job()), status_url(job())):
        response = client.get(url)
        assert response.status_code == 302 and "login" in response.url


def test_the_permission_is_checked_again_on_confirmation(
    editor, index, django_capture_on_commit_callbacks
):
    """An editor who may still import elsewhere, but no longer under the job's
    index, imports nothing from it."""
    other = PrivacyNoticeIndexPage(
        title="Muut selosteet", slug="muut", locale=index.locale
    )
    Page.get_first_root_node().add_child(instance=other)
    grant_page_permissions(None, other)
    client = client_for(editor)
    upload(client, index, commit=django_capture_on_commit_callbacks)
    read = job()
    assert read.status == ImportJob.READY
    GroupPagePermission.objects.filter(page=index).delete()
    response = client.post(
        check_url(read), {"token": read.token, "confirm": ""}, follow=True
    )
    messages = [str(m) for m in response.context["messages"]]
    assert any("You may not add notices under" in m for m in messages)
    assert not PrivacyNoticePage.objects.exists()
    assert job().status == ImportJob.READY


# ---------------------------------------------------------------------------------
# Pruning
# ---------------------------------------------------------------------------------


def test_prune_deletes_old_jobs_and_their_files(
    admin_client, index, dummy_backend, django_capture_on_commit_callbacks
):
    upload(admin_client, index, commit=django_capture_on_commit_callbacks)
    upload(
        admin_client, index, "uusi.docx", (CORPUS / DOCX).read_bytes(),
        django_capture_on_commit_callbacks,
    )  # fmt: skip
    old, new = ImportJob.objects.order_by("created_at")
    ImportJob.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - timedelta(days=8)
    )
    call_command("prune_import_jobs")
    assert list(ImportJob.objects.all()) == [new]
    assert not old.file.storage.exists(old.file.name)
    assert new.file.storage.exists(new.file.name)
    call_command("prune_import_jobs", "--days", "0")
    assert not ImportJob.objects.exists()


def test_the_upload_page_says_how_long_the_file_is_kept(admin, index, settings):
    settings.REKISTERI_CMS_IMPORT_RETENTION_DAYS = 3
    html = client_for(admin, "fi").get(UPLOAD_URL).content.decode()
    assert "poistetaan viimeistään 3 päivän kuluttua" in html
