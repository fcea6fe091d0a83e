"""Load with concurrent publishing: ``python -m bench.publish_load`` (``make load``).

In one bounded run, once per cache backend (the local-memory cache, then Redis):
start the site under gunicorn with the bench settings on 127.0.0.1; let several
readers request a few demo notices in a loop, each on its own keep-alive connection
(``/api/notices/<slug>/?locale=fi``, sometimes with ``If-None-Match`` of the ETag it
holds, and the page ``/fi/<slug>/``); meanwhile, at intervals, publish one of those
notices through the admin over HTTP as people do: the demo editor edits it and
submits it for legal review, the demo reviewer approves it, and the approval
publishes it.

A local-memory cache lives in one process, so with it gunicorn runs ONE worker
process with threads, and the publications go through that same process: only
then does a publication's cache invalidation reach the readers. With Redis
gunicorn runs several worker processes, which share the cache.

Reported per backend: the requests made; errors (an unexpected status, a failed
connection: goal 0); responses whose notice version is none the database has
(content hashes compared with every ``NoticeVersion`` at the end: goal 0); the
publications made; and for each, the time from the approval's response until every
reader sees the new version, in the API and on the page (max and median: goal
under 1 s). A reader "sees" a version from its first response with it or a newer
one, and only if none of its requests sent after the approval got an older one.

Prints a table, saves JSON and Markdown in ``bench/results/`` and exits 1 when a
goal is missed, 2 when the test could not run (or was interrupted).
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import re
import secrets
import statistics
import sys
import threading
import time
import uuid
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode, urlsplit

from .common import (
    PROXY_HEADERS,
    BenchError,
    Server,
    delete_redis_keys,
    log,
    machine,
    now_iso,
    out,
    redis_answers,
    save,
    stop_on_sigterm,
    throwaway_site,
    uninterrupted,
)

DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/15"
#: Goal: every reader sees a publication within this many seconds of the approval.
VISIBLE_GOAL_S = 1.0
#: The readers go on this long after the last approval, so that each can see it.
SETTLE_S = 3.0
#: No publication starts this close to the end of the load.
LAST_PUBLICATION_MARGIN_S = 5.0
#: The free section each publication rewrites.
LOAD_HEADING = "Kuormitustesti"
LOCALE = "fi"
#: The page's "In force since … · version N" line.
PAGE_VERSION = re.compile(rb'<p class="notice-version">(.*?)</p>', re.DOTALL)
TAG = re.compile(rb"<[^>]+>")
#: A keep-alive connection the server closed meanwhile: the request is sent again
#: on a new connection, as HTTP clients do for a GET.
STALE_CONNECTION = (
    http.client.RemoteDisconnected,
    ConnectionResetError,
    BrokenPipeError,
)


# Readers ------------------------------------------------------------------------------


@dataclass(slots=True)
class Sample:
    """One reader's response: which notice and view, when, and which version."""

    kind: str  # "api" or "html"
    slug: str
    started: float
    finished: float
    status: int
    conditional: bool
    #: The API's content hash (held, for a 304) or the page's version number.
    marker: str | int | None


class Reader(threading.Thread):
    """Requests notices in a loop on one keep-alive connection until stopped."""

    def __init__(
        self,
        number: int,
        port: int,
        paths: dict[str, str],
        stop: threading.Event,
        *,
        conditional_share: float,
    ) -> None:
        super().__init__(name=f"reader-{number}", daemon=True)
        self.number = number
        self.port = port
        self.paths = paths  # slug: page path
        self.stop_event = stop
        self.conditional_share = conditional_share
        self.rng = random.Random(number)  # noqa: S311 - a load pattern, not a secret
        self.samples: list[Sample] = []
        self.errors: list[str] = []
        self.reconnects = 0
        self.etags: dict[str, str] = {}  # slug: the ETag held
        self.hash_of_etag: dict[str, str] = {}
        self.connection: http.client.HTTPConnection | None = None

    def run(self) -> None:
        # Every notice in the API twice and on its page once per round, the readers
        # each starting at another step: the time between two requests for the
        # same notice and view stays bounded (a random choice would leave gaps).
        slugs = sorted(self.paths)
        steps = [(kind, slug) for kind in ("api", "html", "api") for slug in slugs]
        step = self.number
        try:
            while not self.stop_event.is_set():
                kind, slug = steps[step % len(steps)]
                step += 1
                if kind == "html":
                    self.read_page(slug)
                else:
                    self.read_api(slug)
        except Exception as error:  # reported, never swallowed
            self.errors.append(f"reader stopped: {type(error).__name__}: {error}")
        finally:
            self.close()

    def close(self) -> None:
        if self.connection is not None:
            self.connection.close()
            self.connection = None

    def get(self, path: str, headers: dict):
        """Status, headers, body, start and end time; ``None`` after an error."""
        for _attempt in range(2):
            reused = self.connection is not None
            if not reused:
                self.connection = http.client.HTTPConnection(
                    "127.0.0.1", self.port, timeout=10
                )
            started = time.monotonic()
            try:
                self.connection.request(
                    "GET", path, headers={**PROXY_HEADERS, **headers}
                )
                response = self.connection.getresponse()
                body = response.read()
            except STALE_CONNECTION as error:
                self.close()
                if reused:
                    self.reconnects += 1
                    continue
                self.errors.append(f"GET {path}: {type(error).__name__}: {error}")
                return None
            except (OSError, http.client.HTTPException) as error:
                self.close()
                self.errors.append(f"GET {path}: {type(error).__name__}: {error}")
                return None
            finished = time.monotonic()
            if response.will_close:
                self.close()
            return response.status, response.headers, body, started, finished
        return None

    def read_api(self, slug: str) -> None:
        held = self.etags.get(slug)
        conditional = held is not None and self.rng.random() < self.conditional_share
        headers = {"If-None-Match": held} if conditional else {}
        answer = self.get(f"/api/notices/{slug}/?locale={LOCALE}", headers)
        if answer is None:
            return
        status, response_headers, body, started, finished = answer
        if status == 304 and conditional:
            marker = self.hash_of_etag[held]
        elif status == 200:
            etag = response_headers.get("ETag")
            marker = self.hash_of_etag.get(etag) if etag else None
            if marker is None:
                marker = json.loads(body).get("content_hash")
                if etag:
                    self.hash_of_etag[etag] = marker
                    self.etags[slug] = etag
            else:
                self.etags[slug] = etag
        else:
            self.errors.append(f"GET /api/notices/{slug}/: status {status}")
            return
        self.samples.append(
            Sample("api", slug, started, finished, status, conditional, marker)
        )

    def read_page(self, slug: str) -> None:
        path = self.paths[slug]
        answer = self.get(path, {})
        if answer is None:
            return
        status, _headers, body, started, finished = answer
        if status != 200:
            self.errors.append(f"GET {path}: status {status}")
            return
        self.samples.append(
            Sample("html", slug, started, finished, status, False, page_version(body))
        )


def page_version(body: bytes) -> int | None:
    """The version number the notice page shows ("… · versio 3"), if any."""
    match = PAGE_VERSION.search(body)
    if match is None:
        return None
    numbers = re.findall(rb"(\d+)", TAG.sub(b"", match.group(1)))
    # The line is "<date> · <version N>": the version is its last number.
    return int(numbers[-1]) if numbers and b"\xc2\xb7" in match.group(1) else None


# The publisher ------------------------------------------------------------------------


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
    from tests.workflow_fixtures import block_form_value

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
    from tests.workflow_fixtures import block_form_value

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


# A phase ------------------------------------------------------------------------------


@dataclass
class Backend:
    name: str  # "locmem" or "redis"
    workers: int
    threads: int
    env: dict = field(default_factory=dict)


def reader_notices(count: int) -> list[tuple[int, str, str]]:
    """The demo notices the readers read: the GDPR example first; (id, slug, path)."""
    from project import demo
    from rekisteri_cms.models import PrivacyNoticePage

    pages = list(
        PrivacyNoticePage.objects.live()
        .filter(locale__language_code=LOCALE, versions__is_current=True)
        .distinct()
        .order_by("pk")
    )
    pages.sort(key=lambda page: page.slug != demo.EXAMPLE_SLUG)
    chosen = [(p.pk, p.slug, urlsplit(p.get_full_url()).path) for p in pages[:count]]
    if not chosen:
        raise BenchError("the demo has no published Finnish notice")
    return chosen


def run_phase(backend: Backend, options, bench_dir: Path, logins, serial: int):
    notices = reader_notices(options.notices)
    paths = {slug: path for _pk, slug, path in notices}
    publish_pages = [(pk, slug) for pk, slug, _path in notices][
        : options.publish_notices
    ]
    server = Server(
        backend.workers,
        bench_dir / f"gunicorn-{backend.name}.log",
        threads=backend.threads,
        env=backend.env,
    )
    stop_readers, stop_publisher = threading.Event(), threading.Event()
    readers: list[Reader] = []
    publisher = None
    log(
        f"{backend.name}: gunicorn with {backend.workers} worker process(es) × "
        f"{backend.threads} threads; {options.readers} readers of " + ", ".join(paths)
    )
    load_before = os.getloadavg()[0]
    if load_before > (os.cpu_count() or 1) / 2:
        log(f"the machine is busy (load average {load_before:.1f}): expect noise")
    try:
        server.start(f"/api/notices/{notices[0][1]}/?locale={LOCALE}")
        publisher = Publisher(
            server.port,
            publish_pages,
            logins,
            interval=options.interval,
            last_start=0.0,
            stop=stop_publisher,
            serial=serial,
        )
        publisher.log_in()
        began = time.monotonic()
        end = began + options.duration
        publisher.last_start = end - LAST_PUBLICATION_MARGIN_S
        readers = [
            Reader(
                n,
                server.port,
                paths,
                stop_readers,
                conditional_share=options.conditional_share,
            )
            for n in range(options.readers)
        ]
        for reader in readers:
            reader.start()
        publisher.start()
        while time.monotonic() < end and publisher.is_alive():
            time.sleep(0.2)
        time.sleep(max(0.0, end - time.monotonic()))
        stop_publisher.set()
        publisher.join(timeout=120)
        if publisher.is_alive():
            publisher.errors.append("the publisher did not finish within 120 s")
        last = max((p.returned for p in publisher.publications), default=0.0)
        time.sleep(max(0.0, min(last + SETTLE_S - time.monotonic(), SETTLE_S)))
        ended = time.monotonic()
        # Readers finish their request in flight before gunicorn stops.
        stop_readers.set()
        for reader in readers:
            reader.join(timeout=15)
    finally:
        with uninterrupted():
            stop_publisher.set()
            stop_readers.set()
            server.stop()
            for thread in [*readers, publisher]:
                if thread is not None and thread.is_alive():
                    thread.join(timeout=15)
    result = analyse(backend, readers, publisher, ended - began, server)
    result["load_average"] = [load_before, os.getloadavg()[0]]
    return result


def analyse(backend: Backend, readers, publisher, seconds: float, server) -> dict:
    """The phase's figures, with every sample checked against the database."""
    from rekisteri_cms.models import NoticeVersion

    versions = list(
        NoticeVersion.objects.values_list(
            "content_hash", "slug", "number", "locale__language_code"
        )
    )
    known_hashes = {row[0] for row in versions}
    number_of_hash = {h: n for h, s, n, loc in versions if loc == LOCALE}
    numbers_of_slug = defaultdict(set)
    for _h, slug, number, language in versions:
        if language == LOCALE:
            numbers_of_slug[slug].add(number)

    unknown = []
    series = defaultdict(list)  # (reader, slug, kind): [(started, finished, n)]
    for reader in readers:
        for sample in reader.samples:
            if sample.kind == "api":
                number = number_of_hash.get(sample.marker)
                if sample.marker not in known_hashes or number is None:
                    unknown.append(f"API {sample.slug}: {sample.marker}")
            else:
                number = sample.marker
                if number not in numbers_of_slug[sample.slug]:
                    unknown.append(f"page {sample.slug}: version {number}")
            series[(reader.number, sample.slug, sample.kind)].append(
                (sample.started, sample.finished, number)
            )

    publications = []
    for publication in publisher.publications if publisher else ():
        row = {
            **asdict(publication),
            "approval_s": publication.returned - publication.sent,
        }
        for kind in ("api", "html"):
            seen, stale = [], 0
            for reader in readers:
                reader_seen, stale_reads = visible_after(
                    series.get((reader.number, publication.slug, kind), []),
                    publication,
                )
                seen.append((reader_seen, reader))
                stale += stale_reads
            never = any(reader_seen is None for reader_seen, _reader in seen)
            slowest, reader = (
                (None, None)
                if never or not seen
                else max(seen, key=lambda pair: pair[0][0])
            )
            row[f"{kind}_visible_s"] = slowest[0] if slowest else None
            # The slowest reader's deciding request: sent this long after the
            # approval returned (negative: before), and answered that long after;
            # and what that reader did from shortly before the approval until then.
            row[f"{kind}_slowest_request"] = (
                {
                    "sent_s": slowest[1],
                    "answered_s": slowest[2],
                    "reader": reader.number,
                    "timeline": timeline(reader, publication.returned, slowest[2]),
                }
                if slowest
                else None
            )
            row[f"{kind}_stale_reads"] = stale
        del row["sent"], row["returned"]
        publications.append(row)

    approvals = sorted(p.returned for p in publisher.publications) if publisher else []
    response_times = {}
    for kind in ("api", "html"):
        overall, after = [], []
        for reader in readers:
            for sample in reader.samples:
                if sample.kind != kind:
                    continue
                took = sample.finished - sample.started
                overall.append(took)
                if any(0 <= sample.started - t < 1.0 for t in approvals):
                    after.append(took)
        response_times[kind] = {
            "median_ms": percentile(overall, 50),
            "p90_ms": percentile(overall, 90),
            "max_ms": percentile(overall, 100),
            "after_approval_p90_ms": percentile(after, 90),
            "after_approval_max_ms": percentile(after, 100),
        }

    requests = sum(len(r.samples) for r in readers)
    errors = [e for r in readers for e in r.errors]
    errors += publisher.errors if publisher else []
    result = {
        "backend": backend.name,
        "workers": backend.workers,
        "threads": backend.threads,
        "readers": len(readers),
        "seconds": round(seconds, 1),
        "requests": requests,
        "requests_per_s": requests / seconds if seconds else 0.0,
        "responses": {
            "api_200": count(readers, "api", 200),
            "api_304": count(readers, "api", 304),
            "html_200": count(readers, "html", 200),
        },
        "reconnects": sum(r.reconnects for r in readers),
        "errors": len(errors),
        "error_examples": sorted(set(errors))[:10],
        "unknown_versions": len(unknown),
        "unknown_examples": sorted(set(unknown))[:10],
        "publications": publications,
        "response_times": response_times,
    }
    for kind in ("api", "html"):
        values = [p[f"{kind}_visible_s"] for p in publications]
        seen = [v for v in values if v is not None]
        result[f"{kind}_visible"] = {
            "max_s": None if None in values else max(seen, default=None),
            "median_s": statistics.median(seen) if seen else None,
            "never_seen": values.count(None),
            "stale_reads": sum(p[f"{kind}_stale_reads"] for p in publications),
        }
    if errors:
        log(f"  gunicorn log:\n{server.log_tail(10)}")
    return result


def timeline(reader: Reader, approved: float, until: float) -> list[str]:
    """The reader's requests from 0.5 s before the approval returned to ``until``
    (seconds after it): start and end relative to the approval, view, notice."""
    return [
        f"{s.started - approved:+.3f} {s.finished - approved:+.3f} {s.kind} "
        f"{s.slug} {s.status} {s.marker if s.kind == 'html' else str(s.marker)[:15]}"
        for s in reader.samples
        if s.finished >= approved - 0.5 and s.started - approved <= until
    ]


def percentile(values: list[float], q: int) -> float | None:
    """The ``q``-th percentile of ``values`` (seconds) in milliseconds."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1)))] * 1000


def count(readers, kind: str, status: int) -> int:
    return sum(
        1 for r in readers for s in r.samples if s.kind == kind and s.status == status
    )


def visible_after(samples: list[tuple], publication: Publication):
    """When one reader saw ``publication`` for good, in seconds after its approval.

    From the end of its first response with the new version (or a newer one), and
    no earlier than the end of its last request sent after the approval that still
    got an older version. Returns ``None`` when it never saw it, else the seconds
    and the deciding response's start and end (relative to the approval); and the
    number of those stale responses.
    """
    first_new, last_stale, stale = None, None, 0
    for started, finished, number in samples:
        if number is None:
            continue
        if number >= publication.number:
            if first_new is None:
                first_new = (started, finished)
        elif started > publication.returned:
            stale += 1
            last_stale = (started, finished)
    if first_new is None:
        return None, stale
    started, finished = max(first_new, last_stale or first_new, key=lambda s: s[1])
    return (
        max(0.0, finished - publication.returned),
        started - publication.returned,
        finished - publication.returned,
    ), stale


# Goals and report ---------------------------------------------------------------------


def evaluate(phases: list[dict]) -> list[str]:
    failures = []
    for phase in phases:
        name = phase["backend"]
        if phase["errors"]:
            failures.append(f"{name}: {phase['errors']} errors")
        if phase["unknown_versions"]:
            failures.append(
                f"{name}: {phase['unknown_versions']} responses with a version "
                "that was never published"
            )
        if not phase["publications"]:
            failures.append(f"{name}: no publication was made")
        for kind, label in (("api", "API"), ("html", "page")):
            visible = phase[f"{kind}_visible"]
            if visible["never_seen"]:
                failures.append(
                    f"{name}: {visible['never_seen']} publications never reached "
                    f"every reader of the {label}"
                )
            elif visible["max_s"] is not None and visible["max_s"] >= VISIBLE_GOAL_S:
                failures.append(
                    f"{name}: a publication took {visible['max_s']:.2f} s to reach "
                    f"every reader of the {label} (goal < {VISIBLE_GOAL_S:g} s)"
                )
        phase["passed"] = not any(f.startswith(f"{name}:") for f in failures)
    return failures


def seconds_text(value: float | None) -> str:
    return "never" if value is None else f"{value:.3f}"


def visible_summary(visible: dict, publications: int) -> str:
    if not publications:
        return "—"
    return f"{seconds_text(visible['max_s'])} / {seconds_text(visible['median_s'])}"


def ms_text(value: float | None) -> str:
    return "—" if value is None else f"{value:.0f}"


def table(phases: list[dict], skipped: list[str]) -> str:
    rows = [
        "| cache | gunicorn | readers | requests (req/s) | 200 / 304 / page "
        "| errors | unknown versions | publications | API visible max / median s "
        "| page visible max / median s | stale reads API / page | result |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for p in phases:
        api, html = p["api_visible"], p["html_visible"]
        r = p["responses"]
        rows.append(
            f"| {p['backend']} | {p['workers']} × {p['threads']} threads "
            f"| {p['readers']} | {p['requests']:,} ({p['requests_per_s']:.0f}) "
            f"| {r['api_200']:,} / {r['api_304']:,} / {r['html_200']:,} "
            f"| {p['errors']} | {p['unknown_versions']} | {len(p['publications'])} "
            f"| {visible_summary(api, len(p['publications']))} "
            f"| {visible_summary(html, len(p['publications']))} "
            f"| {api['stale_reads']} / {html['stale_reads']} "
            f"| {'pass' if p.get('passed') else 'FAIL'} |"
        )
    rows += [f"| {line} |" + " |" * 11 for line in skipped]
    return "\n".join(rows)


def publications_table(phase: dict) -> str:
    rows = [
        f"Publications with {phase['backend']}:",
        "",
        "| notice | version | approval s | API visible s (request sent at) "
        "| page visible s (request sent at) |",
        "|---|---:|---:|---:|---:|",
    ]
    for p in phase["publications"]:
        rows.append(
            f"| {p['slug']} | {p['number']} | {p['approval_s']:.2f} "
            f"| {visible_text(p, 'api')} | {visible_text(p, 'html')} |"
        )
    rows += [
        "",
        "Visible: when the slowest reader got the new version, after the approval "
        "returned; in brackets when that reader had sent the request (negative: "
        "before the approval returned).",
        "",
        "| response time ms | median | p90 | max | p90 of requests sent in the 1 s "
        "after an approval | max of those |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for kind, label in (("api", "API"), ("html", "page")):
        t = phase["response_times"][kind]
        rows.append(
            f"| {label} | {ms_text(t['median_ms'])} | {ms_text(t['p90_ms'])} "
            f"| {ms_text(t['max_ms'])} | {ms_text(t['after_approval_p90_ms'])} "
            f"| {ms_text(t['after_approval_max_ms'])} |"
        )
    return "\n".join(rows)


def visible_text(publication: dict, kind: str) -> str:
    request = publication[f"{kind}_slowest_request"]
    text = seconds_text(publication[f"{kind}_visible_s"])
    return f"{text} ({request['sent_s']:+.3f})" if request else text


def render_markdown(report: dict) -> str:
    m = report["machine"]
    lines = [
        f"Measured {report['date'][:10]} on {m['cpu']}, {m['cores']} cores, "
        f"{m['memory_gib']} GiB, {m['os']}; Python {m['python']}, Django "
        f"{m['django']}, Wagtail {m['wagtail']}, {m['database']}. "
        f"{report['options']['duration']} s of load per cache backend, a "
        f"publication every {report['options']['interval']:g} s; goal: every "
        f"reader sees a publication within {VISIBLE_GOAL_S:g} s of the approval. "
        f"Whole run: {report['seconds']} s.",
        "",
        table(report["phases"], report["skipped"]),
        "",
        "The local-memory cache lives in one process: with it gunicorn ran one worker "
        "process with threads, and the publications went through that process. With "
        "Redis the worker processes share the cache. Stale reads: responses to "
        "requests sent after an approval had returned that still had an older version.",
    ]
    for phase in report["phases"]:
        lines += ["", publications_table(phase)]
        before, after = phase["load_average"]
        lines += [
            "",
            f"Load average before and after the {phase['backend']} run: "
            f"{before:.2f}, {after:.2f}.",
        ]
        for label, key in (
            ("Errors", "error_examples"),
            ("Unknown", "unknown_examples"),
        ):
            if phase[key]:
                lines += ["", f"{label} ({phase['backend']}):", ""]
                lines += [f"- {example}" for example in phase[key]]
    return "\n".join(lines)


# Main ---------------------------------------------------------------------------------


def parse_args(argv=None):
    parser = argparse.ArgumentParser(
        prog="python -m bench.publish_load",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--duration", type=int, default=60, help="seconds of load per cache backend"
    )
    parser.add_argument(
        "--interval", type=float, default=6.0, help="seconds between publications"
    )
    parser.add_argument("--readers", type=int, default=6, help="concurrent readers")
    parser.add_argument(
        "--notices", type=int, default=3, help="demo notices the readers read"
    )
    parser.add_argument(
        "--publish-notices",
        type=int,
        default=3,
        help="of which published in turn (the GDPR example first)",
    )
    parser.add_argument(
        "--conditional-share",
        type=float,
        default=0.3,
        help="share of API requests sent with If-None-Match",
    )
    parser.add_argument(
        "--caches",
        default="locmem,redis",
        help="comma-separated: locmem, redis (REDIS_URL, default "
        f"{DEFAULT_REDIS_URL}; skipped when it does not answer)",
    )
    parser.add_argument(
        "--threads", type=int, default=8, help="gunicorn threads per worker"
    )
    parser.add_argument(
        "--locmem-workers",
        type=int,
        default=1,
        help="gunicorn worker processes with the local-memory cache; more than one "
        "shows the stale reads of a cache per process",
    )
    parser.add_argument(
        "--redis-workers",
        type=int,
        default=max(2, (os.cpu_count() or 1) + 1),
        help="gunicorn worker processes with Redis (with the local-memory cache: 1)",
    )
    options = parser.parse_args(argv)
    options.caches = [c.strip() for c in options.caches.split(",") if c.strip()]
    unknown = set(options.caches) - {"locmem", "redis"}
    if unknown:
        parser.error(f"unknown cache backend(s): {', '.join(sorted(unknown))}")
    if options.duration < LAST_PUBLICATION_MARGIN_S + 2:
        parser.error(f"--duration must be at least {LAST_PUBLICATION_MARGIN_S + 2:g}")
    return options


def bench_logins() -> dict[str, tuple[str, str]]:
    """Passwords of this run for the demo editor and reviewer, in the bench database."""
    from django.contrib.auth import get_user_model

    logins = {}
    for username in ("editor", "reviewer"):
        user = get_user_model().objects.get(username=username)
        password = secrets.token_urlsafe(16)
        user.set_password(password)
        user.save(update_fields=["password"])
        logins[username] = (username, password)
    return logins


def backends(options, redis_url: str) -> tuple[list[Backend], list[str]]:
    chosen, skipped = [], []
    for name in options.caches:
        if name == "locmem":
            # One process: the publications' invalidation reaches its own cache only.
            chosen.append(
                Backend(
                    "locmem",
                    options.locmem_workers,
                    options.threads,
                    {"REDIS_URL": None},
                )
            )
        elif redis_answers(redis_url):
            chosen.append(
                Backend(
                    "redis",
                    options.redis_workers,
                    max(2, options.threads // 2),
                    {
                        "REDIS_URL": redis_url,
                        "BENCH_CACHE_PREFIX": f"bench-{secrets.token_hex(4)}",
                    },
                )
            )
        else:
            line = f"redis: skipped, Redis does not answer at {redis_url}"
            log(line)
            skipped.append(line)
    return chosen, skipped


def main(argv=None) -> int:
    options = parse_args(argv)
    began = time.monotonic()
    stop_on_sigterm()
    # Only the redis phase's gunicorn uses Redis; this process keeps its own cache.
    redis_url = os.environ.pop("REDIS_URL", "") or DEFAULT_REDIS_URL
    chosen: list[Backend] = []

    def forget_redis_keys() -> None:
        for backend in chosen:
            if backend.name == "redis":
                delete_redis_keys(redis_url, backend.env["BENCH_CACHE_PREFIX"])

    try:
        with throwaway_site(on_exit=forget_redis_keys) as site:
            found, skipped = backends(options, redis_url)
            chosen.extend(found)
            logins = bench_logins()
            phases = []
            for number, backend in enumerate(chosen):
                # Change summaries of each phase in their own range (1001…, 2001…).
                serial = 1000 * (number + 1)
                phases.append(
                    run_phase(backend, options, site.bench_dir, logins, serial)
                )
            failures = evaluate(phases)
            report = {
                "date": now_iso(),
                # The cache of this process says nothing: each run names its own.
                "machine": {k: v for k, v in machine().items() if k != "cache"},
                "options": {
                    k: v for k, v in vars(options).items() if not k.startswith("_")
                },
                "phases": phases,
                "skipped": skipped,
                "failures": failures,
                "seconds": round(time.monotonic() - began),
            }
        markdown = render_markdown(report)
        out()
        out(markdown)
        save(report, markdown, suffix="-load")
        if failures:
            out("\nMissed goals:\n" + "\n".join(f"- {f}" for f in failures))
            return 1
        out("\nEvery goal met.")
        return 0
    except BenchError as error:
        out(f"\nThe load test could not run: {error}", sys.stderr)
        return 2
    except KeyboardInterrupt:
        out("\nInterrupted: everything the run started was stopped.", sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
