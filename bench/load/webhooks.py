"""Webhook endpoints during the load: a receiver, the endpoints and a task worker.

Before a phase: a receiver on 127.0.0.1 (a thread of this process), ``--webhooks``
endpoints that all point at it (one path each) and one ``manage.py db_worker``
process with the bench settings. After it: the deliveries the receiver got, matched
with the publications by notice and version number, their latency after the
approval's response (goal: median under ``WEBHOOK_MEDIAN_GOAL_S`` with a running
worker) and the failures (goal: 0): a delivery that never arrived, arrived twice,
or that the delivery log has as failed.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from contextlib import suppress
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from statistics import median

from ..common import ROOT

WEBHOOK_MEDIAN_GOAL_S = 2.0


class WebhookLoad:
    def __init__(self, count: int, log_path: Path) -> None:
        self.count = count
        self.log_path = log_path
        self.arrivals: list[tuple[float, str, str, int]] = []  # (t, id, slug, n)
        self.lock = threading.Lock()
        self.server: ThreadingHTTPServer | None = None
        self.worker: subprocess.Popen | None = None

    def start(self) -> None:
        if not self.count:
            return
        from rekisteri_cms.webhooks.models import WebhookDelivery, WebhookEndpoint

        load = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                arrived = time.monotonic()
                with suppress(ValueError, KeyError):
                    data = json.loads(body)["data"]
                    with load.lock:
                        load.arrivals.append(
                            (
                                arrived,
                                self.headers.get("webhook-id", ""),
                                data.get("slug", ""),
                                int(data.get("version", 0)),
                            )
                        )
                self.send_response(204)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        port = self.server.server_address[1]
        WebhookDelivery.objects.all().delete()
        WebhookEndpoint.objects.all().delete()
        WebhookEndpoint.objects.bulk_create(
            WebhookEndpoint(
                name=f"load-{n}",
                url=f"http://127.0.0.1:{port}/hooks/{n}",
                events=["notice.published"],
            )
            for n in range(self.count)
        )
        with self.log_path.open("ab") as output:
            self.worker = subprocess.Popen(
                [sys.executable, "manage.py", "db_worker", "--interval", "0.1"],
                cwd=ROOT,
                env=dict(os.environ),
                stdout=output,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )

    def stop(self, publications, settle: float = 10.0) -> dict:
        """Wait up to ``settle`` s for the last deliveries, then stop; the figures."""
        if not self.count:
            return {}
        expected = {(p.slug, p.number) for p in publications}
        deadline = time.monotonic() + settle
        while time.monotonic() < deadline:
            with self.lock:
                got = {(slug, n) for _t, _id, slug, n in self.arrivals}
                enough = len(self.arrivals) >= len(expected) * self.count
            if expected <= got and enough:
                break
            time.sleep(0.2)
        if self.worker is not None and self.worker.poll() is None:
            with suppress(ProcessLookupError):
                os.killpg(self.worker.pid, signal.SIGTERM)
            try:
                self.worker.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.worker.pid, signal.SIGKILL)
        if self.server is not None:
            self.server.shutdown()
            self.server.server_close()
        return self.figures(publications)

    def figures(self, publications) -> dict:
        from rekisteri_cms.webhooks.models import WebhookDelivery

        returned = {(p.slug, p.number): p.returned for p in publications}
        latencies, ids, duplicates = [], set(), 0
        for arrived, message_id, slug, number in self.arrivals:
            if message_id in ids:
                duplicates += 1
            ids.add(message_id)
            if (slug, number) in returned:
                latencies.append(arrived - returned[(slug, number)])
        expected = len(publications) * self.count
        failed = WebhookDelivery.objects.filter(status="failed").count()
        missing = max(0, expected - len(latencies))
        return {
            "endpoints": self.count,
            "expected": expected,
            "delivered": len(latencies),
            "failures": failed + missing + duplicates,
            "median_s": median(latencies) if latencies else None,
            "max_s": max(latencies) if latencies else None,
        }


def webhook_failures(name: str, figures: dict) -> list[str]:
    if not figures:
        return []
    found = []
    if figures["failures"]:
        found.append(f"{name}: {figures['failures']} webhook deliveries failed")
    if figures["median_s"] is None and figures["expected"]:
        found.append(f"{name}: no webhook was delivered")
    elif (
        figures["median_s"] is not None and figures["median_s"] >= WEBHOOK_MEDIAN_GOAL_S
    ):
        found.append(
            f"{name}: webhook median {figures['median_s']:.2f} s after the approval "
            f"(goal < {WEBHOOK_MEDIAN_GOAL_S:g} s)"
        )
    return found
