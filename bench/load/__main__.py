"""``python -m bench.load`` (``make load``): the options and the whole run."""

from __future__ import annotations

import argparse
import os
import secrets
import sys
import time

from ..common import (
    delete_redis_keys,
    log,
    machine,
    now_iso,
    redis_answers,
    report_and_exit_status,
    stop_on_sigterm,
    throwaway_site,
)
from . import DEFAULT_REDIS_URL, LAST_PUBLICATION_MARGIN_S
from . import __doc__ as DESCRIPTION
from .analysis import evaluate
from .phase import Backend, run_phase
from .report import render_markdown


def parse_args(argv=None):
    parser = argparse.ArgumentParser(
        prog="python -m bench.load",
        description=DESCRIPTION,
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
        "--webhooks",
        type=int,
        default=50,
        help="webhook endpoints told of each publication (0: none), delivered by "
        "one db_worker to a receiver on 127.0.0.1",
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

    def run() -> dict:
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
            return {
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

    return report_and_exit_status(
        run, render_markdown, name="The load test", suffix="-load"
    )


if __name__ == "__main__":
    sys.exit(main())
