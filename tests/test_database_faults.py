"""Faults of the database during a publication: an approval that fails part-way.

A notice is live at version 1 and every reader has it in the response cache (the
API detail and the list, the page, ``/api/v2/`` and the sitemap); a reviewer
approves version 2 in the page editor, as in the admin, and the database fails at
one point of the publishing transaction (``connection.execute_wrapper`` raises
``OperationalError`` at the matching statement). The reviewer must be told in the
admin's language that nothing was published, not get a 500; nothing of the
publication may remain (page row, version, cache generations, webhook event, queued
tasks, workflow); readers keep answering 200 with version 1. The reviewer then
approves again and every reader shows version 2 at once. README "Reliability"
quotes these faults.
"""

from __future__ import annotations

import re

import pytest
from django.contrib.messages import get_messages
from django.db import OperationalError, connection
from django.urls import reverse
from django.utils import timezone
from wagtail.models import PageLogEntry, TaskState, WorkflowState

from rekisteri_cms.models import CacheGeneration, NoticeVersion, PrivacyNoticePage
from rekisteri_cms.webhooks.models import WebhookDelivery, WebhookEvent
from tests.api_fixtures import GDPR_SLUG, api, body_of, fresh, set_text
from tests.test_side_effect_tasks import PURGED, RecordingFrontCache, front_cache
from tests.webhook_fixtures import (
    allow_loopback,
    make_endpoint,
    receiver,
)
from tests.workflow_fixtures import client_for, edit_url, workflow_action_form

pytest_plugins = ["tests.api_fixtures"]
pytestmark = pytest.mark.django_db
__all__ = ["allow_loopback", "front_cache", "receiver"]

NEW_TEXT = "Tietoja käsitellään myös asiakaspalautteen analysointiin."
PURGE_TASK = "wagtail.contrib.frontend_cache.tasks.purge_urls_from_cache_task"
DELIVERY_TASK = "rekisteri_cms.webhooks.tasks.deliver_event"


class DatabaseFault:
    """An execute wrapper that makes one statement of the publication fail.

    ``point`` names the statement: the page row taking the new live revision, the
    version row, the cache generations, the webhook event, the publication's log
    entry (the last write before the commit), or the commit itself. The tests run
    in a transaction of their own, so the approval's outermost block is a savepoint:
    its ``RELEASE`` is where the commit of the publishing transaction fails (with
    ``autocommit`` it is a ``COMMIT``, and Django rolls it back the same way).
    """

    POINTS = ("page", "version", "generation", "webhook", "log", "commit")

    def __init__(self, point: str):
        assert point in (*self.POINTS, "workflow")
        self.point = point
        self.armed = False
        self.fired = 0
        self.depth = 0
        self.outer_savepoints: set[str] = set()
        self.version_written = False

    def arm(self) -> None:
        self.armed = True
        self.depth = len(connection.savepoint_ids)

    def matches(self, sql: str, params) -> bool:
        if self.point == "page":
            return sql.startswith('UPDATE "wagtailcore_page" ') and (
                '"live_revision_id"' in sql
            )
        if self.point == "version":
            return sql.startswith('INSERT INTO "rekisteri_cms_noticeversion"')
        if self.point == "generation":
            return sql.startswith('UPDATE "rekisteri_cms_cachegeneration"')
        if self.point == "webhook":
            return sql.startswith('INSERT INTO "rekisteri_webhooks_webhookevent"')
        if self.point == "workflow":  # the workflow state's new status
            return sql.startswith('UPDATE "wagtailcore_workflowstate"')
        if self.point == "log":
            return sql.startswith('INSERT INTO "wagtailcore_pagelogentry"') and (
                "wagtail.publish" in [str(p) for p in params or ()]
            )
        # The commit: the release of the outermost block in which the version
        # row was written.
        released = re.match(r'RELEASE SAVEPOINT "?([^"]+)"?', sql)
        return bool(
            released
            and self.version_written
            and released.group(1) in self.outer_savepoints
        )

    def __call__(self, execute, sql, params, many, context):
        if self.armed and not self.fired:
            if sql.startswith("SAVEPOINT ") and (
                len(connection.savepoint_ids) == self.depth
            ):
                self.outer_savepoints.add(sql.split()[1].strip('"'))
            if sql.startswith('INSERT INTO "rekisteri_cms_noticeversion"'):
                self.version_written = True
            if self.matches(sql, params):
                self.fired += 1
                raise OperationalError("database is locked")
        return execute(sql, params, many, context)


class Readers:
    """Anonymous reads of every public view of the notice, each checked for a
    5xx and for the version the reader gets."""

    def __init__(self, client, page):
        self.client = client
        self.urls = {
            "detail": api(GDPR_SLUG),
            "list": api(),
            "page": page.url,
            "v2": f"/api/v2/pages/{page.pk}/",
            "sitemap": "/sitemap.xml",
        }
        self.page_url = page.full_url
        self.reads = 0
        self.server_errors = 0
        self.stale = 0
        self.mismatches: list[tuple] = []

    def read_all(self, version: NoticeVersion) -> None:
        for name, url in self.urls.items():
            response = self.client.get(url)
            self.reads += 1
            if response.status_code >= 500:
                self.server_errors += 1
                continue
            assert response.status_code == 200, (name, response.status_code)
            shown, expected = self.shown(name, response), self.expected(name, version)
            if shown != expected:
                self.stale += 1
                self.mismatches.append((name, shown, expected))

    def expected(self, name: str, version: NoticeVersion):
        if name == "sitemap":  # listed, with its version's day
            return timezone.localdate(version.published_at).isoformat()
        if name == "page":
            return version.number, NEW_TEXT in version.document_json
        if name == "v2":
            return NEW_TEXT in version.document_json
        return version.number

    def shown(self, name: str, response):
        text = response.content.decode()
        if name == "detail":
            return body_of(response)["version"]
        if name == "list":
            (row,) = body_of(response)["results"]
            return row["version"]
        if name == "page":
            found = re.search(r'class="notice-version">.*?versio (\d+)</p>', text, re.S)
            return int(found.group(1)) if found else None, NEW_TEXT in text
        if name == "v2":  # the approved revision's body, without a number
            return NEW_TEXT in text
        listed = re.search(
            rf"<loc>{re.escape(self.page_url)}</loc><lastmod>([^<]+)</lastmod>", text
        )
        return listed.group(1) if listed else None


def publication_state(page) -> dict:
    """Everything a publication of ``page`` writes, as a comparable record."""
    page = PrivacyNoticePage.objects.get(pk=page.pk)
    from django_tasks_db.models import DBTaskResult

    return {
        "live_revision": page.live_revision_id,
        "page_title_and_body": (page.title, list(page.body.raw_data)),
        "versions": list(
            NoticeVersion.objects.filter(page=page).values_list("number", "is_current")
        ),
        "generations": dict(CacheGeneration.objects.values_list("tag", "generation")),
        "webhook_events": WebhookEvent.objects.count(),
        "deliveries": WebhookDelivery.objects.count(),
        "queued": sorted(
            DBTaskResult.objects.filter(
                task_path__in=(PURGE_TASK, DELIVERY_TASK)
            ).values_list("task_path", flat=True)
        ),
        "workflow": list(
            WorkflowState.objects.filter(object_id=str(page.pk)).values_list(
                "status", flat=True
            )
        ),
        "task_states": list(
            TaskState.objects.filter(
                workflow_state__object_id=str(page.pk)
            ).values_list("status", flat=True)
        ),
        "publish_log": PageLogEntry.objects.filter(
            page=page, action="wagtail.publish"
        ).count(),
    }


@pytest.fixture
def with_side_effects(settings, front_cache, receiver, allow_loopback):
    """The database task queue, a front cache and a webhook endpoint: the side
    effects a publication queues after its commit."""
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}
    }
    front_cache(RecordingFrontCache)
    make_endpoint(receiver)
    return receiver


@pytest.fixture
def in_review(live_gdpr, editor, with_side_effects):
    """Version 2 of the notice, written by the editor and waiting for review."""
    page = set_text(fresh(live_gdpr), "purpose", f"<p>{NEW_TEXT}</p>")
    page.change_summary = "Uusi käyttötarkoitus"
    page.save_revision(user=editor)
    page.get_workflow().start(page, editor)
    return fresh(page)


def run_queued() -> int:
    """Run the queued side effects of publications, as ``db_worker`` would."""
    from django_tasks_db.models import DBTaskResult

    ran = 0
    for result in DBTaskResult.objects.filter(
        task_path__in=(PURGE_TASK, DELIVERY_TASK)
    ).ready():
        task_result = result.task_result
        result.task.call(*task_result.args, **task_result.kwargs)
        result.set_successful(None)
        ran += 1
    return ran


def messages_of(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


@pytest.mark.parametrize("point", DatabaseFault.POINTS)
def test_a_database_failure_mid_publication_publishes_nothing(
    point,
    in_review,
    reviewer,
    anon,
    with_side_effects,
    django_capture_on_commit_callbacks,
):
    page = in_review
    readers = Readers(anon, page)
    first = NoticeVersion.objects.get(page=page, number=1)
    readers.read_all(first)  # primes the cache
    before = publication_state(page)
    reviewer_client = client_for(reviewer)

    fault = DatabaseFault(point)
    with (
        django_capture_on_commit_callbacks(execute=True),
        connection.execute_wrapper(fault),
    ):
        fault.arm()
        response = reviewer_client.post(
            edit_url(page), workflow_action_form(page, "approve")
        )
    assert fault.fired == 1

    # The reviewer is told, in Finnish, that nothing was published.
    assert response.status_code == 302
    assert response.url == edit_url(page)
    (said,) = messages_of(response)
    assert "Hyväksyntää ei tallennettu" in said
    # Nothing of the publication remains, and the review is still open.
    assert publication_state(page) == before
    assert fresh(page).current_workflow_task_state.status == "in_progress"
    readers.read_all(first)
    readers.read_all(first)
    assert run_queued() == 0
    assert with_side_effects.received == []
    assert PURGED == []

    # The reviewer tries again: version 2 reaches every reader at once.
    with django_capture_on_commit_callbacks(execute=True):
        response = reviewer_client.post(
            edit_url(page), workflow_action_form(page, "approve")
        )
    assert response.status_code == 302
    second = NoticeVersion.objects.get(page=page, is_current=True)
    assert second.number == 2
    assert any("versio 2" in message for message in messages_of(response))
    readers.read_all(second)
    readers.read_all(second)
    after = publication_state(page)
    assert after["publish_log"] == before["publish_log"] + 1
    assert after["queued"] == [DELIVERY_TASK, PURGE_TASK]
    assert run_queued() == 2
    (delivered,) = with_side_effects.received
    assert any(page.url in url for batch in PURGED for url in batch)
    assert b'"version":2' in delivered.body
    assert readers.mismatches == []
    assert (readers.reads, readers.server_errors, readers.stale) == (25, 0, 0)


def test_a_database_failure_through_the_dashboard_approval(
    in_review, reviewer, anon, django_capture_on_commit_callbacks
):
    """The same failure through the dashboard's "Approve" (Wagtail's workflow
    action view), also when its dialog asks by XHR."""
    page = in_review
    readers = Readers(anon, page)
    first = NoticeVersion.objects.get(page=page, number=1)
    readers.read_all(first)
    before = publication_state(page)
    task_state = page.current_workflow_task_state
    url = reverse(
        "wagtailadmin_pages:workflow_action", args=(page.pk, "approve", task_state.pk)
    )
    for headers in ({}, {"X-Requested-With": "XMLHttpRequest"}):
        fault = DatabaseFault("version")
        with connection.execute_wrapper(fault):
            fault.arm()
            response = client_for(reviewer).post(url, {"comment": ""}, headers=headers)
        assert fault.fired == 1
        if headers:
            assert response.status_code == 200
            assert response.json()["redirect"] == edit_url(page)
        else:
            assert response.status_code == 302
            assert response.url == edit_url(page)
        (said,) = messages_of(response)
        assert "Hyväksyntää ei tallennettu" in said
        assert publication_state(page) == before
        readers.read_all(first)

    with django_capture_on_commit_callbacks(execute=True):
        client_for(reviewer).post(url, {"comment": ""})
    readers.read_all(NoticeVersion.objects.get(page=page, is_current=True))
    assert (readers.reads, readers.server_errors, readers.stale) == (20, 0, 0)


def test_a_rejection_the_database_failed_is_reported(
    in_review, reviewer, django_capture_on_commit_callbacks
):
    page = in_review
    before = publication_state(page)
    fault = DatabaseFault("workflow")
    with connection.execute_wrapper(fault):
        fault.arm()
        response = client_for(reviewer).post(
            edit_url(page), workflow_action_form(page, "reject", "Korjaa.")
        )
    assert fault.fired == 1
    assert response.status_code == 302
    (said,) = messages_of(response)
    assert said.startswith("Ratkaisuasi ei tallennettu")
    assert publication_state(page) == before
