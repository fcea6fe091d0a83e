"""A real HTTP receiver for the webhook tests, and a way to run queued tasks.

The receiver listens on 127.0.0.1 (a free port) in a thread and answers each POST
from a script of responses; it records the headers and the body of every request.
The webhook tests verify what it got with the ``standardwebhooks`` library, as a
storefront would.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from standardwebhooks.webhooks import Webhook

from rekisteri_cms.webhooks.models import WebhookEndpoint

LOOPBACK = ("127.0.0.0/8",)


@dataclass
class Received:
    path: str
    headers: dict[str, str]
    body: bytes

    def verify(self, secret: str) -> dict:
        """The verified JSON payload (raises WebhookVerificationError)."""
        return Webhook(secret).verify(self.body, self.headers)


@dataclass
class Receiver:
    server: ThreadingHTTPServer
    #: (status, headers, body) answered in turn; the last one repeats.
    script: list = field(default_factory=lambda: [(200, {}, b"ok")])
    received: list[Received] = field(default_factory=list)
    hang: threading.Event | None = None
    lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/hooks/notices"

    def answer(self, *responses) -> None:
        self.script = [
            response if isinstance(response, tuple) else (response, {}, b"")
            for response in responses
        ]

    def next_response(self):
        with self.lock:
            if len(self.script) > 1:
                return self.script.pop(0)
            return self.script[0]

    def wait_for(self, count: int, limit: float = 20.0) -> list[Received]:
        deadline = time.monotonic() + limit
        while len(self.received) < count and time.monotonic() < deadline:
            time.sleep(0.05)
        return list(self.received)


def start_receiver() -> Receiver:
    receiver: Receiver

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length)
            receiver.received.append(
                Received(
                    self.path, {k.lower(): v for k, v in self.headers.items()}, body
                )
            )
            if receiver.hang is not None:
                receiver.hang.wait(10)  # bounded: the test sets it when done
            status, headers, content = receiver.next_response()
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(content)))
            self.end_headers()
            self.wfile.write(content)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    receiver = Receiver(server)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return receiver


@pytest.fixture
def receiver():
    started = start_receiver()
    yield started
    if started.hang is not None:
        started.hang.set()
    started.server.shutdown()
    started.server.server_close()


@pytest.fixture
def allow_loopback(settings):
    """Loopback receivers allowed (the default refuses them, as production does)."""
    settings.REKISTERI_CMS_WEBHOOK_ALLOWED_NETWORKS = LOOPBACK


def make_endpoint(receiver, **fields) -> WebhookEndpoint:
    fields.setdefault("name", "Verkkokauppa")
    return WebhookEndpoint.objects.create(url=receiver.url, **fields)


DELIVERY_TASKS = (
    "rekisteri_cms.webhooks.tasks.deliver_event",
    "rekisteri_cms.webhooks.tasks.deliver_webhook",
)


def queued_deliveries():
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.filter(task_path__in=DELIVERY_TASKS)


def run_ready_tasks(limit: int = 50) -> int:
    """Run the database backend's ready deliveries here, as ``db_worker`` would."""
    ran = 0
    while ran < limit:
        result = queued_deliveries().ready().order_by("enqueued_at").first()
        if result is None:
            return ran
        task_result = result.task_result
        try:
            result.task.call(*task_result.args, **task_result.kwargs)
        except Exception as error:  # recorded as the worker would
            result.set_failed(error)
            raise
        result.set_successful(None)
        ran += 1
    return ran
