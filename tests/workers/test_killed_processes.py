"""Processes killed mid-work: the web process inside an approval's transaction, and
the task worker while it delivers the publication's webhook.

The site runs as ``manage.py runserver --noreload`` on the worker tests' SQLite
file. A legal reviewer approves a new version of a demo notice through the admin;
the process is killed with ``SIGKILL`` while the approval is inside its transaction
(:mod:`tests.workers.hooks` pauses it when the version row is saved). After a
restart, readers must get the version in force (no half-published state), and a
second approval must reach every reader at once. Then ``db_worker`` is killed
while the webhook of that publication is on its way to a slow receiver: after the
restart the delivery must still be made. README "Reliability" quotes these faults.
"""

from __future__ import annotations

import http.client
import json
import re
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

import pytest

from tests.workers.conftest import ARTIFACTS, REPO_ROOT, run_manage

MARK = "Tietoja käytetään myös palvelun kehittämiseen (työntekijätesti)."

SETUP = """
import json
from importlib import import_module
from django.conf import settings
from django.urls import reverse
from django.contrib.auth import (
    BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model,
)
from rekisteri_cms.models import PrivacyNoticePage
from tests.factories import rich_text

users = get_user_model().objects
editor, reviewer = users.get(username="editor"), users.get(username="reviewer")
page = (PrivacyNoticePage.objects.live().filter(locale__language_code="fi",
        framework="gdpr").order_by("pk").first())
draft = page.get_latest_revision_as_object()
for block in draft.body:
    if block.block_type == "purpose":
        block.value["body"] = rich_text("<p>%s</p>" % __MARK__)
draft.change_summary = "Uusi käyttötarkoitus"
draft.save_revision(user=editor)
page = PrivacyNoticePage.objects.get(pk=page.pk)
page.get_workflow().start(page, editor)
page = PrivacyNoticePage.objects.get(pk=page.pk)
session = import_module(settings.SESSION_ENGINE).SessionStore()
session[SESSION_KEY] = str(reviewer.pk)
session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
session[HASH_SESSION_KEY] = reviewer.get_session_auth_hash()
session.create()
print("SETUP " + json.dumps({
    "id": page.pk, "slug": page.slug, "path": page.url, "full_url": page.full_url,
    "version": page.current_version().number,
    "task_state": page.current_workflow_task_state.pk,
    "approve_url": reverse("wagtailadmin_pages:workflow_action",
                           args=(page.pk, "approve", page.current_workflow_task_state.pk)),
    "session": session.session_key, "cookie": settings.SESSION_COOKIE_NAME,
}))
"""

STATE = """
import json
from wagtail.models import TaskState
from rekisteri_cms.models import CacheGeneration, NoticeVersion, PrivacyNoticePage
from rekisteri_cms.webhooks.models import WebhookDelivery, WebhookEvent
page = PrivacyNoticePage.objects.get(pk=%(id)d)
print("STATE " + json.dumps({
    "live_revision": page.live_revision_id,
    "versions": list(NoticeVersion.objects.filter(page=page)
                     .order_by("number").values_list("number", "is_current")),
    "generation": CacheGeneration.objects.filter(tag="sequence")
                  .values_list("generation", flat=True).first(),
    "task_state": TaskState.objects.get(pk=%(task_state)d).status,
    "events": WebhookEvent.objects.count(),
    "deliveries": list(WebhookDelivery.objects.order_by("pk")
                       .values_list("status", "attempt_count")),
}))
"""


def add_endpoint(env, url: str) -> str:
    out = run_manage(["webhooks", "add", url, "--event", "notice.published"], env)
    return re.search(r"^id: (\d+)$", out, re.M).group(1)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def manage_json(env, code: str, word: str) -> dict:
    out = run_manage(["shell", "-c", code], env)
    line = next(line for line in out.splitlines() if line.startswith(word + " "))
    return json.loads(line[len(word) + 1 :])


class Site:
    """``manage.py runserver`` on a free port, started and killed by the test."""

    def __init__(self, env):
        self.env = env
        self.port = free_port()
        self.process: subprocess.Popen | None = None
        self.log = (ARTIFACTS / "runserver.log").open("a", encoding="utf-8")

    def start(self, **extra_env) -> None:
        self.process = subprocess.Popen(  # noqa: S603 - our own manage.py
            [
                sys.executable, "manage.py", "runserver", "--noreload",
                f"127.0.0.1:{self.port}",
            ],
            cwd=REPO_ROOT,
            env={**self.env, **extra_env},
            stdin=subprocess.DEVNULL,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )  # fmt: skip
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if self.request("GET", "/api/notices/")[0] == 200:
                    return
            except OSError:
                time.sleep(0.2)
        pytest.fail("runserver did not answer in 60 s")

    def kill(self) -> None:
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(10)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.kill()
        self.log.close()

    def request(self, method, path, body=None, headers=None, timeout=30):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        try:
            connection.request(method, path, body=body, headers=headers or {})
            response = connection.getresponse()
            return response.status, response.read(), dict(response.getheaders())
        finally:
            connection.close()


class Readers:
    """Anonymous reads of every public view of the notice, each checked for a
    5xx and for the version it shows."""

    def __init__(self, site: Site, notice: dict):
        self.site = site
        self.notice = notice
        self.reads = 0
        self.server_errors = 0
        self.stale: list[tuple] = []

    def read_all(self, version: int) -> None:
        notice, new = self.notice, version > self.notice["version"]
        checks = {
            f"/api/notices/{notice['slug']}/": lambda body: (
                json.loads(body)["version"] == version
            ),
            "/api/notices/?limit=100": lambda body: any(
                row["slug"] == notice["slug"] and row["version"] == version
                for row in json.loads(body)["results"]
            ),
            notice["path"]: lambda body: (
                re.search(
                    rf'class="notice-version">.*?versio {version}</p>',
                    body.decode(),
                    re.S,
                )
                is not None
                and (MARK in body.decode()) is new
            ),
            f"/api/v2/pages/{notice['id']}/": lambda body: (
                (MARK in json.dumps(json.loads(body), ensure_ascii=False)) is new
            ),
            "/sitemap.xml": lambda body: (
                f"<loc>{notice['full_url']}</loc>" in body.decode()
            ),
        }
        for path, shows in checks.items():
            status, body, _headers = self.site.request("GET", path)
            self.reads += 1
            if status >= 500:
                self.server_errors += 1
                continue
            assert status == 200, (path, status)
            if not shows(body):
                self.stale.append((path, version))


@pytest.fixture
def site(site_env):
    started = Site(site_env)
    yield started
    started.stop()


def approve(site: Site, notice: dict, result: dict) -> None:
    """The reviewer's "Approve" in the admin (the dashboard's workflow action)."""
    token = secrets.token_hex(16)
    try:
        result["status"] = site.request(
            "POST",
            notice["approve_url"],
            body=urllib.parse.urlencode({"comment": ""}),
            headers={
                "Content-Type": "application/x-www-form-urlencoded",
                "Cookie": f"{notice['cookie']}={notice['session']}; csrftoken={token}",
                "X-CSRFToken": token,
                "Referer": f"http://127.0.0.1:{site.port}/admin/",
            },
            timeout=120,
        )[0]
    except (OSError, http.client.HTTPException) as error:
        result["error"] = error


def test_the_web_process_killed_mid_approval_leaves_nothing_half_published(
    site_env, site, receiver
):
    env = site_env
    endpoint = add_endpoint(env, receiver.url)
    notice = manage_json(env, SETUP.replace("__MARK__", repr(MARK)), "SETUP")
    version = notice["version"]
    state = STATE % notice
    before = manage_json(env, state, "STATE")
    pause = Path(tempfile.mkdtemp(prefix="rekisteri-cms-pause-")) / "paused"

    site.start(WORKERS_TEST_PAUSE_FILE=str(pause), WORKERS_TEST_PAUSE_SECONDS="60")
    readers = Readers(site, notice)
    readers.read_all(version)
    result: dict = {}
    approval = threading.Thread(target=approve, args=(site, notice, result))
    approval.start()
    deadline = time.monotonic() + 60
    while not pause.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert pause.exists(), f"the approval never reached its transaction: {result}"
    readers.read_all(version)  # while the approval is inside its transaction
    site.kill()
    approval.join(10)
    assert "status" not in result  # the reviewer got no answer: the process died

    site.start()
    readers.read_all(version)
    readers.read_all(version)
    assert manage_json(env, state, "STATE") == before  # nothing of it remained

    result.clear()
    approve(site, notice, result)
    assert result.get("status") == 302, result
    readers.read_all(version + 1)
    readers.read_all(version + 1)
    after = manage_json(env, state, "STATE")
    assert after["versions"][-1] == [version + 1, True]
    assert after["task_state"] == "approved"
    assert after["events"] == before["events"] + 1
    assert (readers.reads, readers.server_errors, readers.stale) == (30, 0, [])
    run_manage(["webhooks", "remove", endpoint], env)


PUBLISH = """
import json
from django.contrib.auth import get_user_model
from rekisteri_cms.models import PrivacyNoticePage
page = (PrivacyNoticePage.objects.live().filter(locale__language_code="fi")
        .order_by("-pk").first())
admin = get_user_model().objects.filter(is_superuser=True).first()
page.change_summary = "Killed worker test"
version = page.save_revision(user=admin).publish(user=admin)
print("PUBLISHED " + json.dumps({"slug": page.slug,
      "version": page.current_version().number}))
"""

DELIVERIES = """
import json
from rekisteri_cms.webhooks.models import WebhookDelivery
print("DELIVERIES " + json.dumps(list(
    WebhookDelivery.objects.filter(endpoint_id=%s).order_by("pk")
    .values_list("status", "attempt_count"))))
"""


def worker(env) -> subprocess.Popen:
    return subprocess.Popen(
        # One process (no autoreloader child that would outlive a kill).
        [sys.executable, "manage.py", "db_worker", "--interval", "0.2", "--no-reload"],
        cwd=REPO_ROOT,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def test_a_task_worker_killed_mid_delivery_loses_no_webhook(site_env, receiver):
    env = site_env
    run_manage(["db_worker", "--batch", "--interval", "0"], env)  # an empty queue
    endpoint = add_endpoint(env, receiver.url)
    deliveries = DELIVERIES % endpoint
    try:
        receiver.hang = threading.Event()  # the first request waits
        published = manage_json(env, PUBLISH, "PUBLISHED")
        running = worker(env)
        try:
            assert receiver.wait_for(1, limit=60), "the worker never sent it"
        finally:
            running.send_signal(signal.SIGKILL)  # mid-request
            running.wait(10)
        receiver.hang.set()
        assert manage_json(env, deliveries, "DELIVERIES") == [["pending", 1]]

        # The worker comes back; the delivery it was making is made again.
        run_manage(["db_worker", "--batch", "--interval", "0"], env)
        assert len(receiver.received) == 1  # its task was taken by the dead worker
        time.sleep(2.5)  # the attempt's time limit (2 s) is over
        out = run_manage(["webhooks", "requeue"], env)
        assert "Queued 1 overdue deliveries again." in out
        run_manage(["db_worker", "--batch", "--interval", "0"], env)
        first, again = receiver.wait_for(2, limit=30)
        assert again.headers["webhook-id"] == first.headers["webhook-id"]
        payload = json.loads(again.body)
        assert payload["data"]["slug"] == published["slug"]
        assert payload["data"]["version"] == published["version"]
        assert manage_json(env, deliveries, "DELIVERIES") == [["delivered", 2]]
    finally:
        run_manage(["webhooks", "remove", endpoint], env)
