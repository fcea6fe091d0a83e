"""What the benchmarks share: the throwaway site, gunicorn, HTTP and the results.

``bench.run`` (``make bench``) and ``bench.load`` (``make load``) both set up
the same throwaway site: the bench settings (``bench/settings.py``), their own SQLite
file in a temporary folder or a throwaway PostgreSQL database beside the one in
``DATABASE_URL``, migrated, with static files collected and the demo loaded; they
serve it with gunicorn on a free port of 127.0.0.1, send every request with
``X-Forwarded-Proto: https`` as the TLS proxy would, and save their results in
``bench/results/`` (not committed).
"""

from __future__ import annotations

import json
import os
import platform
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
RESULTS_DIR = Path(__file__).resolve().parent / "results"

#: Sent with every request: the site runs behind a TLS-terminating proxy, as in
#: production (``SECURE_PROXY_SSL_HEADER``), so nothing is redirected to https.
PROXY_HEADERS = {"X-Forwarded-Proto": "https"}

STARTED = time.monotonic()


def out(text: str = "", stream=None) -> None:
    stream = stream or sys.stdout
    stream.write(text + "\n")
    stream.flush()


def log(message: str) -> None:
    out(f"[bench {time.monotonic() - STARTED:5.0f} s] {message}")


class BenchError(RuntimeError):
    """The bench could not measure (not a missed goal)."""


# The throwaway site ---------------------------------------------------------------


def throwaway_postgres(url: str):
    """Create an empty database beside the one in ``url``; returns its URL and a drop."""
    import psycopg
    from psycopg import sql

    parts = urlsplit(url)
    name = f"{parts.path.lstrip('/') or 'rekisteri_cms'}_bench_{secrets.token_hex(3)}"
    server = urlunsplit(parts._replace(path="/postgres", query=""))
    with psycopg.connect(server, autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))

    def drop() -> None:
        with psycopg.connect(server, autocommit=True) as conn:
            conn.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(
                    sql.Identifier(name)
                )
            )

    return urlunsplit(parts._replace(path=f"/{name}")), drop


@dataclass
class Site:
    """The throwaway site: its folder, database kind and the demo's GDPR example."""

    bench_dir: Path
    database: str
    page: object = None


def configure_environment(bench_dir: Path) -> None:
    """The environment ``bench.settings`` reads, here and in the gunicorn workers."""
    os.environ.update(
        DJANGO_SETTINGS_MODULE="bench.settings",
        BENCH_DIR=str(bench_dir),
        BENCH_SECRET_KEY=secrets.token_urlsafe(50),
        BENCH_CACHE_PREFIX=f"bench-{secrets.token_hex(4)}",
    )
    os.environ.pop("BENCH_DATABASE_URL", None)


def stop_on_sigterm() -> None:
    """Turn SIGTERM into ``SystemExit``, so that the clean-up runs as on Ctrl-C."""

    def interrupted(signum, frame):
        raise SystemExit(f"stopped by signal {signum}")

    signal.signal(signal.SIGTERM, interrupted)


@contextmanager
def uninterrupted() -> Iterator[None]:
    """Hold off Ctrl-C and SIGTERM while cleaning up (from the main thread).

    A second Ctrl-C during the clean-up would otherwise leave gunicorn running or
    the throwaway database behind. The signals are ignored meanwhile.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {
        number: signal.signal(number, signal.SIG_IGN)
        for number in (signal.SIGINT, signal.SIGTERM)
    }
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


@contextmanager
def throwaway_site(
    on_exit: Callable[[], None] | None = None,
) -> Iterator[Site]:
    """Set up the bench database with the demo; drop it and its folder afterwards.

    ``on_exit`` runs first on the way out (while Django is still usable), for
    clean-up of the caller's own (the bench's Redis keys, for example).
    """
    bench_dir = Path(tempfile.mkdtemp(prefix="rekisteri-cms-bench-"))
    configure_environment(bench_dir)
    drop_database = None
    try:
        database_url = os.environ.get("DATABASE_URL", "")
        if database_url.startswith(("postgres://", "postgresql://")):
            os.environ["BENCH_DATABASE_URL"], drop_database = throwaway_postgres(
                database_url
            )
        import django

        django.setup()
        from django.core.management import call_command

        from . import content

        site = Site(bench_dir, "PostgreSQL" if drop_database else "SQLite")
        log(f"migrating the bench database ({site.database})")
        call_command("migrate", interactive=False, verbosity=0)
        call_command("collectstatic", interactive=False, verbosity=0)
        log("loading the demo")
        site.page = content.load_demo(log)
        yield site
    finally:
        with uninterrupted():
            if on_exit is not None:
                with suppress(Exception):
                    on_exit()
            with suppress(Exception):
                from django.db import connections

                connections.close_all()
            if drop_database:
                drop_database()
            shutil.rmtree(bench_dir, ignore_errors=True)


def delete_redis_keys(url: str, prefix: str) -> None:
    """Delete the keys under ``prefix`` only: a shared Redis is never flushed."""
    import redis

    client = redis.Redis.from_url(url)
    try:
        for key in client.scan_iter(match=f"{prefix}:*", count=1000):
            client.delete(key)
    finally:
        client.close()


def redis_answers(url: str) -> bool:
    """Does the Redis at ``url`` answer a PING within a second?"""
    import redis

    client = redis.Redis.from_url(url, socket_connect_timeout=1, socket_timeout=1)
    try:
        return bool(client.ping())
    except (redis.RedisError, OSError):
        return False
    finally:
        client.close()


def machine() -> dict:
    import django
    import wagtail
    from django.conf import settings
    from django.db import connection

    cpu = platform.processor() or platform.machine()
    with suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    memory = None
    with suppress(OSError, ValueError, IndexError):
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                memory = round(int(line.split()[1]) / 1024**2)
    system = platform.platform(terse=True)
    with suppress(OSError):
        for line in Path("/etc/os-release").read_text().splitlines():
            if line.startswith("PRETTY_NAME="):
                system = line.split("=", 1)[1].strip('"')
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT sqlite_version()"
            if connection.vendor == "sqlite"
            else "SHOW server_version"
        )
        db_version = cursor.fetchone()[0]
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gib": memory,
        "os": system,
        "python": platform.python_version(),
        "django": django.get_version(),
        "wagtail": wagtail.__version__,
        "database": f"{connection.vendor} {db_version}",
        "cache": settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1],
    }


# The server -------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """gunicorn serving ``project.wsgi`` with the bench settings on 127.0.0.1.

    ``threads`` above 1 selects gunicorn's threaded worker (``gthread``), which
    keeps connections alive; otherwise sync workers. ``env`` replaces variables of
    this process's environment for gunicorn (``None`` as a value removes one).
    """

    def __init__(
        self,
        workers: int,
        log_path: Path,
        *,
        threads: int = 1,
        env: dict[str, str | None] | None = None,
    ) -> None:
        self.port = free_port()
        self.workers = workers
        self.threads = threads
        self.log_path = log_path
        self.env = env or {}
        self.process: subprocess.Popen | None = None

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, probe: str) -> None:
        command = [
            sys.executable, "-m", "gunicorn", "project.wsgi:application",
            "--bind", f"127.0.0.1:{self.port}",
            "--workers", str(self.workers),
            "--backlog", "2048",
            "--timeout", "60",
            "--log-level", "warning",
        ]  # fmt: skip
        if self.threads > 1:
            command += ["--worker-class", "gthread", "--threads", str(self.threads)]
        else:
            command += ["--worker-class", "sync"]
        env = dict(os.environ)
        for name, value in self.env.items():
            if value is None:
                env.pop(name, None)
            else:
                env[name] = value
        with self.log_path.open("ab") as output:
            self.process = subprocess.Popen(  # noqa: S603 - our own interpreter
                command,
                cwd=ROOT,
                env=env,
                stdout=output,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise BenchError(f"gunicorn exited:\n{self.log_tail()}")
            with suppress(OSError):
                if fetch(self.base + probe)[0] == 200:
                    return
            time.sleep(0.3)
        raise BenchError(f"gunicorn did not answer in 90 s:\n{self.log_tail()}")

    def stop(self) -> None:
        process, self.process = self.process, None
        if process is None or process.poll() is not None:
            return
        with suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            with suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)

    def log_tail(self, lines: int = 30) -> str:
        with suppress(OSError):
            return "\n".join(self.log_path.read_text().splitlines()[-lines:])
        return ""


def fetch(url: str, headers: dict | None = None) -> tuple[int, dict, bytes]:
    request = urllib.request.Request(url, headers={**PROXY_HEADERS, **(headers or {})})  # noqa: S310 - http://127.0.0.1 only
    try:
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


# Results ----------------------------------------------------------------------------


def save(report: dict, markdown: str, suffix: str = "") -> None:
    """Save ``report`` as JSON and ``markdown`` in ``bench/results/``."""
    RESULTS_DIR.mkdir(exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S") + suffix
    (RESULTS_DIR / f"{stamp}.json").write_text(json.dumps(report, indent=2) + "\n")
    (RESULTS_DIR / f"{stamp}.md").write_text(markdown + "\n")
    log(f"results saved as bench/results/{stamp}.json and .md")


def report_and_exit_status(
    run: Callable[[], dict],
    render_markdown: Callable[[dict], str],
    *,
    name: str,
    suffix: str = "",
) -> int:
    """Run a benchmark, print and save its report; its exit status.

    ``run`` returns the report, whose ``failures`` are the goals it missed. Prints
    the Markdown of the report, saves both in ``bench/results/`` and lists the missed
    goals. Returns 0 when every goal is met, 1 when one is missed, and 2 when the
    run could not run (a ``BenchError``, shown as "``name`` could not run: …") or
    was interrupted with Ctrl-C (its clean-up has run by then).
    """
    try:
        report = run()
        markdown = render_markdown(report)
        out()
        out(markdown)
        save(report, markdown, suffix=suffix)
        failures = report["failures"]
        if failures:
            out("\nMissed goals:\n" + "\n".join(f"- {f}" for f in failures))
            return 1
        out("\nEvery goal met.")
        return 0
    except BenchError as error:
        out(f"\n{name} could not run: {error}", sys.stderr)
        return 2
    except KeyboardInterrupt:
        out("\nInterrupted: everything the run started was stopped.", sys.stderr)
        return 2


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
