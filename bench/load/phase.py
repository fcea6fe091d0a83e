"""One phase: gunicorn with one cache backend, the readers and the publisher."""

from __future__ import annotations

import os
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from ..common import BenchError, Server, log, uninterrupted
from . import LAST_PUBLICATION_MARGIN_S, LOCALE, SETTLE_S
from .admin_client import Publisher
from .analysis import analyse
from .readers import Reader
from .webhooks import WebhookLoad


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
    webhooks = WebhookLoad(
        getattr(options, "webhooks", 0), bench_dir / f"worker-{backend.name}.log"
    )
    webhook_figures: dict = {}
    load_before = os.getloadavg()[0]
    if load_before > (os.cpu_count() or 1) / 2:
        log(f"the machine is busy (load average {load_before:.1f}): expect noise")
    try:
        server.start(f"/api/notices/{notices[0][1]}/?locale={LOCALE}")
        webhooks.start()
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
            webhook_figures = webhooks.stop(
                publisher.publications if publisher is not None else []
            )
            for thread in [*readers, publisher]:
                if thread is not None and thread.is_alive():
                    thread.join(timeout=15)
    result = analyse(backend, readers, publisher, ended - began, server)
    result["webhooks"] = webhook_figures
    result["load_average"] = [load_before, os.getloadavg()[0]]
    return result
