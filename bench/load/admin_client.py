"""The publisher: the demo editor and reviewer publish through the admin over HTTP."""

from __future__ import annotations

import http.client
import re
import threading
import time
import uuid
from dataclasses import dataclass
from http.cookies import SimpleCookie
from urllib.parse import urlencode

from ..common import PROXY_HEADERS, BenchError, log
from . import LOAD_HEADING, LOCALE


class AdminClient:
    """A browser in the admin: cookies, CSRF token and ``Referer`` over plain HTTP.

    The site believes it is served over https (``X-Forwarded-Proto``), so its
    cookies are ``Secure``; this client keeps them anyway, as the TLS proxy's
    clients would.
    """

    def __init__(self, port: int) -> None:
        self.port = port
        self.origin = f"https://127.0.0.1:{port}"
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, form: dict | None = None):
        headers = {**PROXY_HEADERS, "Referer": self.origin + path}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if form is not None:
            form = {**form, "csrfmiddlewaretoken": self.cookies.get("csrftoken", "")}
            body = urlencode(form, doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Origin"] = self.origin
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            content = response.read()
        finally:
            connection.close()
        for header in response.headers.get_all("Set-Cookie") or ():
            for name, morsel in SimpleCookie(header).items():
                if morsel.value and morsel["max-age"] not in ("0",):
                    self.cookies[name] = morsel.value
                else:
                    self.cookies.pop(name, None)
        return response.status, response.headers, content

    def login(self, username: str, password: str) -> None:
        self.request("GET", "/admin/login/")
        status, headers, body = self.request(
            "POST",
            "/admin/login/",
            {"username": username, "password": password, "next": "/admin/"},
        )
        if status != 302 or "sessionid" not in self.cookies:
            raise BenchError(
                f"{username} could not log in to the admin (status {status}): "
                f"{body[:300]!r}"
            )


@dataclass
class Publication:
    slug: str
    number: int
    content_hash: str
    #: When the approval was sent and when its response returned (monotonic).
    sent: float
    returned: float


def edit_form(page_id: int, serial: int) -> dict:
    """The page editor's form of the notice's newest revision, with its
    ``LOAD_HEADING`` section rewritten (added the first time) and a change summary."""
    from wagtail.test.utils.form_data import nested_form_data

    from rekisteri_cms.models import PrivacyNoticePage
    from tests.forms import block_form_value

    draft = PrivacyNoticePage.objects.get(pk=page_id).get_latest_revision_as_object()
    body = draft.body.stream_block.get_prep_value(draft.body)
    text = f"<p>Kuormitustestin muutos {serial} ({uuid.uuid4().hex[:8]}).</p>"
    for child in body:
        if child["type"] == "other" and child["value"].get("heading") == LOAD_HEADING:
            child["value"]["body"] = text
            break
    else:
        body.append(
            {
                "type": "other",
                "value": {"heading": LOAD_HEADING, "body": text, "also_covers": []},
                "id": str(uuid.uuid4()),
            }
        )
    return nested_form_data(
        {
            "title": draft.title,
            "slug": draft.slug,
            "framework": draft.framework,
            "change_summary": f"Kuormitustesti {serial}",
            "body": block_form_value(draft.body.stream_block, body),
        }
    )


def unchanged_form(page_id: int) -> dict:
    """The page editor's form of the newest revision, as the reviewer posts it."""
    from wagtail.test.utils.form_data import nested_form_data

    from rekisteri_cms.models import PrivacyNoticePage
    from tests.forms import block_form_value

    draft = PrivacyNoticePage.objects.get(pk=page_id).get_latest_revision_as_object()
    body = draft.body.stream_block.get_prep_value(draft.body)
    return nested_form_data(
        {
            "title": draft.title,
            "slug": draft.slug,
            "framework": draft.framework,
            "change_summary": draft.change_summary,
            "body": block_form_value(draft.body.stream_block, body),
        }
    )


def current_version(page_id: int):
    from rekisteri_cms.models import NoticeVersion

    return (
        NoticeVersion.objects.filter(
            page_id=page_id, locale__language_code=LOCALE, is_current=True
        )
        .order_by("-number")
        .first()
    )


class Publisher(threading.Thread):
    """Edits, submits and approves the notices in turn, through the admin."""

    def __init__(
        self,
        port: int,
        pages: list[tuple[int, str]],
        logins: dict[str, tuple[str, str]],
        *,
        interval: float,
        last_start: float,
        stop: threading.Event,
        serial: int = 0,
    ) -> None:
        super().__init__(name="publisher", daemon=True)
        self.port = port
        self.pages = pages
        self.logins = logins
        self.interval = interval
        self.last_start = last_start
        self.stop_event = stop
        self.serial = serial
        self.publications: list[Publication] = []
        self.errors: list[str] = []
        self.editor = AdminClient(port)
        self.reviewer = AdminClient(port)

    def log_in(self) -> None:
        self.editor.login(*self.logins["editor"])
        self.reviewer.login(*self.logins["reviewer"])

    def run(self) -> None:
        from django.db import connection

        try:
            next_at = time.monotonic() + min(self.interval, 2.0)
            turn = 0
            while not self.stop_event.wait(max(0.0, next_at - time.monotonic())):
                if time.monotonic() > self.last_start:
                    break
                page_id, slug = self.pages[turn % len(self.pages)]
                turn += 1
                try:
                    self.publish(page_id, slug)
                except PublishError as error:
                    self.errors.append(str(error))
                next_at = max(next_at + self.interval, time.monotonic())
        except Exception as error:  # reported, never swallowed
            self.errors.append(f"publisher stopped: {type(error).__name__}: {error}")
        finally:
            connection.close()

    def publish(self, page_id: int, slug: str) -> None:
        from wagtail.models import Page

        self.serial += 1
        edit = f"/admin/pages/{page_id}/edit/"
        before = current_version(page_id)
        status, _headers, body = self.editor.request("GET", edit)
        if status != 200:
            raise PublishError(f"{slug}: the editor's edit view answered {status}")
        form = {**edit_form(page_id, self.serial), "action-submit": "action-submit"}
        status, _headers, body = self.editor.request("POST", edit, form)
        if status != 302:
            raise PublishError(
                f"{slug}: submitting for review answered {status}: {error_text(body)}"
            )
        page = Page.objects.get(pk=page_id)
        if page.current_workflow_task_state is None:
            raise PublishError(f"{slug}: the submission started no review")
        status, _headers, body = self.reviewer.request("GET", edit)
        if status != 200:
            raise PublishError(f"{slug}: the reviewer's edit view answered {status}")
        form = {
            **unchanged_form(page_id),
            "action-workflow-action": "true",
            "workflow-action-name": "approve",
        }
        sent = time.monotonic()
        status, _headers, body = self.reviewer.request("POST", edit, form)
        returned = time.monotonic()
        if status != 302:
            raise PublishError(
                f"{slug}: the approval answered {status}: {error_text(body)}"
            )
        after = current_version(page_id)
        if after is None or (before is not None and after.number <= before.number):
            raise PublishError(f"{slug}: the approval published no new version")
        self.publications.append(
            Publication(slug, after.number, after.content_hash, sent, returned)
        )
        log(
            f"  published {slug} version {after.number} "
            f"(approval took {returned - sent:.2f} s)"
        )


class PublishError(RuntimeError):
    """A publication through the admin failed (counted as an error)."""


def error_text(body: bytes) -> str:
    """The admin's error messages in ``body``, or its start."""
    text = body.decode(errors="replace")
    messages = re.findall(r'class="[^"]*error[^"]*"[^>]*>\s*([^<]{3,200})', text)
    return "; ".join(m.strip() for m in messages[:5]) or text[:300]
