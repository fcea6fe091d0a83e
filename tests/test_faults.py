"""Faults of the shared cache: a Redis of the test's own, killed and hung.

The cache is configured as in production (``project.settings.caches``: django-redis
failing open, short socket timeouts). Readers must keep getting 200 while Redis is
down or hung and after it returns; a notice approved meanwhile must be published,
and once Redis is back no response stored before that approval may be served, also
when the old entries are still in Redis (a hang keeps them, as would a restart with
persistence). README "Reliability" quotes these faults.
"""

from __future__ import annotations

import logging
import shutil
import signal
import socket
import subprocess
import time

import pytest
import redis
from django.core.cache import cache
from django.test import override_settings

from project.settings.caches import FAIL_OPEN_SETTINGS, redis_cache
from rekisteri_cms.models import PrivacyNoticePage
from tests.api_fixtures import GDPR_SLUG, api, body_of, publish_text

pytest_plugins = ["tests.api_fixtures"]
pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        shutil.which("redis-server") is None,
        reason="redis-server is not installed (apt-get install redis-server)",
    ),
]

#: Seconds django-redis waits for Redis before the call counts as a miss.
TIMEOUT = 0.1
ENTRY_PATTERN = "*rekisteri_cms:cache:entry:*"
REDIS_SERVER = shutil.which("redis-server") or "redis-server"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class RedisServer:
    """A ``redis-server`` on 127.0.0.1 that the test can kill, hang and restart."""

    def __init__(self, port: int):
        self.port = port
        self.url = f"redis://127.0.0.1:{port}/0"
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        self.process = subprocess.Popen(  # noqa: S603 - a fixed command line
            [
                REDIS_SERVER,
                "--port", str(self.port),
                "--bind", "127.0.0.1",
                "--save", "",
                "--appendonly", "no",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )  # fmt: skip
        client = self.client()
        for _ in range(100):
            try:
                if client.ping():
                    return
            except redis.exceptions.ConnectionError:
                time.sleep(0.05)
        raise RuntimeError(f"redis-server did not start on port {self.port}")

    def client(self) -> redis.Redis:
        return redis.Redis.from_url(self.url, socket_timeout=1)

    def kill(self) -> None:
        self.process.kill()
        self.process.wait()

    def hang(self) -> None:
        self.process.send_signal(signal.SIGSTOP)

    def resume(self) -> None:
        self.process.send_signal(signal.SIGCONT)

    def entries(self) -> int:
        """How many stored responses Redis holds."""
        return len(self.client().keys(ENTRY_PATTERN))

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.resume()
            self.kill()


@pytest.fixture
def redis_server():
    server = RedisServer(free_port())
    server.start()
    yield server
    server.stop()


@pytest.fixture
def redis_cache_settings(redis_server):
    with override_settings(
        CACHES={"default": redis_cache(redis_server.url, TIMEOUT)},
        **FAIL_OPEN_SETTINGS,
    ):
        cache.clear()
        yield


def notice():
    return PrivacyNoticePage.objects.get(slug=GDPR_SLUG)


@pytest.fixture
def readers(anon, live_gdpr):
    """Anonymous reads of the notice's API detail, the list and its page; each
    read is checked for a 5xx and for the notice's expected version."""

    class Readers:
        urls = {
            "detail": api(GDPR_SLUG),
            "list": api(),
            "page": live_gdpr.url,
        }
        reads = 0
        server_errors = 0
        stale = 0

        def read_all(self, version: int, text: str | None = None) -> None:
            for name, url in self.urls.items():
                response = anon.get(url)
                self.reads += 1
                if response.status_code >= 500:
                    self.server_errors += 1
                    continue
                assert response.status_code == 200, (name, response.status_code)
                if not self.shows(name, response, version, text):
                    self.stale += 1

        @staticmethod
        def shows(name, response, version: int, text: str | None) -> bool:
            if name == "detail":
                return body_of(response)["version"] == version
            if name == "list":
                (row,) = body_of(response)["results"]
                return row["version"] == version
            return text is None or text in response.content.decode()

    return Readers()


def test_the_cache_is_used_while_redis_answers(
    redis_server, redis_cache_settings, readers, anon, django_assert_max_num_queries
):
    """The premise of the other tests: the entries are in this Redis, and a
    repeated read is a hit (one query, the generation check)."""
    readers.read_all(version=1)
    assert redis_server.entries() >= 3
    for url in readers.urls.values():
        with django_assert_max_num_queries(1):
            assert anon.get(url).status_code == 200


def test_reads_answer_while_redis_is_killed_and_after_it_returns(
    redis_server, redis_cache_settings, readers, caplog
):
    readers.read_all(version=1)
    redis_server.kill()
    with caplog.at_level(logging.ERROR, logger="rekisteri_cms.cache"):
        readers.read_all(version=1)
        readers.read_all(version=1)
    # The ignored errors are logged, not raised.
    assert any(r.name == "rekisteri_cms.cache" for r in caplog.records)
    redis_server.start()
    readers.read_all(version=1)
    readers.read_all(version=1)
    assert redis_server.entries() >= 3  # filled again
    assert (readers.server_errors, readers.stale) == (0, 0)


def test_reads_answer_while_redis_is_hung_and_after_it_resumes(
    redis_server, redis_cache_settings, readers, caplog
):
    readers.read_all(version=1)
    redis_server.hang()
    with caplog.at_level(logging.ERROR, logger="rekisteri_cms.cache"):
        readers.read_all(version=1)
    # The cache calls gave up waiting (the socket timeout) and were logged.
    assert "rekisteri_cms.cache" in caplog.text
    assert "TimeoutError" in caplog.text
    redis_server.resume()
    readers.read_all(version=1)
    assert (readers.server_errors, readers.stale) == (0, 0)


def test_an_approval_while_redis_is_killed_is_published_and_never_undone(
    redis_server, redis_cache_settings, readers, editor, reviewer
):
    readers.read_all(version=1)
    redis_server.kill()
    publish_text(
        notice(), "purpose", "<p>Uusi tarkoitus.</p>",
        editor=editor, reviewer=reviewer,
    )  # fmt: skip
    readers.read_all(version=2, text="Uusi tarkoitus.")
    redis_server.start()  # on the same port, empty
    readers.read_all(version=2, text="Uusi tarkoitus.")
    readers.read_all(version=2, text="Uusi tarkoitus.")
    assert (readers.server_errors, readers.stale) == (0, 0)


def test_entries_that_outlive_a_hang_are_not_served_after_an_approval(
    redis_server, redis_cache_settings, readers, editor, reviewer
):
    """Redis hangs with version 1's responses stored, the notice is approved
    meanwhile, Redis resumes with those entries: they must never be served."""
    readers.read_all(version=1, text=None)
    stored = redis_server.entries()
    assert stored >= 3
    redis_server.hang()
    publish_text(
        notice(), "purpose", "<p>Uusi tarkoitus.</p>",
        editor=editor, reviewer=reviewer,
    )  # fmt: skip
    readers.read_all(version=2, text="Uusi tarkoitus.")
    redis_server.resume()
    assert redis_server.entries() >= stored  # the superseded entries are there
    for _ in range(3):
        readers.read_all(version=2, text="Uusi tarkoitus.")
    assert (readers.server_errors, readers.stale) == (0, 0)
