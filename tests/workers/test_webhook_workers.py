"""Webhook deliveries made by real worker processes: the database backend's
``db_worker`` and RQ workers on Redis (README "Deploying", docs/operations.md#webhooks).
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
import uuid

import pytest
import redis

from tests.workers.conftest import REPO_ROOT, run_manage

PUBLISH = """
from django.contrib.auth import get_user_model
from rekisteri_cms.models import PrivacyNoticePage
page = (PrivacyNoticePage.objects.live().filter(locale__language_code="fi")
        .order_by("pk").first())
admin = get_user_model().objects.filter(is_superuser=True).first()
page.change_summary = "Webhook worker test"
page.save_revision(user=admin).publish(user=admin)
print("published", page.translation_key, page.slug)
"""


def add_endpoint(env, url, name) -> tuple[str, str]:
    out = run_manage(
        ["webhooks", "add", url, "--name", name, "--event", "notice.published"], env
    )
    fields = dict(line.split(": ", 1) for line in out.splitlines() if ": " in line)
    return fields["id"], fields["secret"]


def publish(env) -> tuple[str, str]:
    out = run_manage(["shell", "-c", PUBLISH], env)
    line = next(line for line in out.splitlines() if line.startswith("published"))
    _word, key, slug = line.split()
    return key, slug


def check_delivery(receiver, secret, key, slug):
    """A failed first attempt, then the retry: same webhook-id, signed, right body."""
    first, request = receiver.wait_for(2, limit=30)
    assert first.headers["webhook-id"] == request.headers["webhook-id"]
    payload = request.verify(secret)
    assert payload["type"] == "notice.published"
    assert payload["data"]["id"] == key
    assert payload["data"]["slug"] == slug
    assert payload["data"]["version"] >= 2
    assert request.headers["webhook-id"].startswith("msg_")


def test_db_worker_delivers_a_publication(site_env, receiver):
    endpoint, secret = add_endpoint(site_env, receiver.url, "db_worker")
    try:
        receiver.answer(503, 200)
        key, slug = publish(site_env)
        assert receiver.received == []  # queued in the database, not sent
        run_manage(["db_worker", "--batch", "--interval", "0"], site_env)
        assert len(receiver.received) == 1  # the retry is not due yet
        time.sleep(1.5)
        run_manage(["db_worker", "--batch", "--interval", "0"], site_env)
        check_delivery(receiver, secret, key, slug)
        listed = run_manage(["webhooks", "list"], site_env)
        assert "db_worker" in listed
        assert secret not in listed
    finally:
        run_manage(["webhooks", "remove", endpoint], site_env)


def rq_worker(env) -> None:
    """One RQ worker in burst mode, with the scheduler of deferred tasks."""
    worker = subprocess.run(
        [
            sys.executable,
            "manage.py",
            "rqworker",
            "default",
            "--burst",
            "--with-scheduler",
            "--job-class",
            "django_tasks_rq.Job",
        ],  # fmt: skip
        cwd=REPO_ROOT,
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert worker.returncode == 0, worker.stderr[-3000:]


@pytest.fixture
def rq_env(site_env):
    """The same site with RQ on the machine's Redis: its own database number."""
    url = os.environ.get("WORKERS_TEST_REDIS_URL", "redis://127.0.0.1:6379/13")
    connection = redis.Redis.from_url(url)
    try:
        connection.ping()
    except redis.exceptions.ConnectionError:
        pytest.fail(f"Redis at {url} does not answer")
    yield {**site_env, "TASKS_REDIS_URL": url}
    for key in connection.scan_iter("rq:*"):
        connection.delete(key)


def test_rq_worker_delivers_a_publication(rq_env, receiver):
    endpoint, secret = add_endpoint(rq_env, receiver.url, f"rq-{uuid.uuid4().hex[:6]}")
    try:
        receiver.answer(503, 200)
        key, slug = publish(rq_env)
        assert receiver.received == []  # queued in Redis, not sent
        rq_worker(rq_env)
        assert len(receiver.received) == 1  # the retry waits in RQ's scheduled jobs
        time.sleep(1.5)
        rq_worker(rq_env)  # its scheduler queues the due retry, then runs it
        check_delivery(receiver, secret, key, slug)
    finally:
        run_manage(["webhooks", "remove", endpoint], rq_env)
