"""The readers: each requests the notices in a loop on one keep-alive connection."""

from __future__ import annotations

import http.client
import json
import random
import re
import threading
import time
from dataclasses import dataclass

from ..common import PROXY_HEADERS
from . import LOCALE

#: The page's "In force since … · version N" line; a legacy register description's
#: "Date of the document: … · version N" line.
PAGE_VERSION = re.compile(
    rb'<p class="notice-(?:version|record)[^"]*">(.*?)</p>', re.DOTALL
)
TAG = re.compile(rb"<[^>]+>")
#: A keep-alive connection the server closed meanwhile: the request is sent again
#: on a new connection, as HTTP clients do for a GET.
STALE_CONNECTION = (
    http.client.RemoteDisconnected,
    ConnectionResetError,
    BrokenPipeError,
)


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
