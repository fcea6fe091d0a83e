"""Browser tests: the site in a real Chromium, driven by Playwright for Python.

Not part of ``make test`` (pyproject's ``addopts`` ignore this folder); ``make e2e``
installs what they need and runs them.

The tests start the site themselves: a temporary SQLite database is migrated and
loaded with the demo (``manage.py load_demo``), then ``manage.py runserver`` serves it
with the development settings (demo passwords) on a free port of 127.0.0.1. The
server is a separate process, as in ``make run``: the browser talks to it over HTTP
only, and nothing here touches its database directly.

Every wait is bounded: the set-up commands, the server start, each browser action and
assertion (Playwright's timeouts), and each test as a whole (pytest-timeout).

Screenshots, the set-up and server logs, the browser console, axe reports and, for a
failed test, a screenshot and Playwright trace of each open page go to artifacts/e2e/.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright

REPO_ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO_ROOT / "artifacts" / "e2e"
AXE_JS = Path(__file__).resolve().parent / "node_modules" / "axe-core" / "axe.min.js"

# Debian's Chromium (scripts/install-browser.sh); never a browser build of Playwright's.
CHROMIUM = os.environ.get("E2E_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
VIEWPORT = {"width": 1280, "height": 900}

# Limits, in seconds unless the name says milliseconds.
MIGRATE_LIMIT = 600
LOAD_DEMO_LIMIT = 300
SERVER_START_LIMIT = 90
SERVER_STOP_LIMIT = 15
BROWSER_LAUNCH_MS = 60_000
ACTION_MS = 30_000
NAVIGATION_MS = 60_000

expect.set_options(timeout=ACTION_MS)


# Results gathered during the run, printed at the end and saved as artifacts ----------


@dataclass
class E2EReport:
    steps: list[tuple[str, str, float]] = field(default_factory=list)
    screenshots: list[Path] = field(default_factory=list)
    accessibility: dict[str, dict] = field(default_factory=dict)
    console: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    setup_seconds: dict[str, float] = field(default_factory=dict)


_REPORT = pytest.StashKey[E2EReport]()
_PHASES = pytest.StashKey[dict]()


def pytest_configure(config):
    config.stash[_REPORT] = E2EReport()


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    report = yield
    item.stash.setdefault(_PHASES, {})[report.when] = report
    return report


def _failed(item) -> bool:
    phases = item.stash.get(_PHASES, {})
    return any(report.failed for report in phases.values())


@pytest.fixture(scope="session")
def e2e_report(request) -> E2EReport:
    return request.config.stash[_REPORT]


@pytest.fixture(scope="session")
def artifacts() -> Path:
    """artifacts/e2e/, emptied of a previous run's files."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for old in ARTIFACTS.iterdir():
        if old.is_file() and old.suffix in {".png", ".zip", ".json", ".log", ".txt"}:
            old.unlink()
    return ARTIFACTS


def pytest_sessionfinish(session, exitstatus):
    report = session.config.stash.get(_REPORT, None)
    if report is None or not ARTIFACTS.is_dir():
        return
    timings = [
        f"{name:<14} {seconds:7.1f} s" for name, seconds in report.setup_seconds.items()
    ]
    timings += [
        f"{test} :: {step:<48} {seconds:6.1f} s" for test, step, seconds in report.steps
    ]
    (ARTIFACTS / "timings.txt").write_text("\n".join(timings) + "\n", encoding="utf-8")
    if report.console:
        (ARTIFACTS / "console.log").write_text(
            "\n".join(report.console) + "\n", encoding="utf-8"
        )


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    report = config.stash.get(_REPORT, None)
    if report is None or not (report.steps or report.setup_seconds):
        return
    write = terminalreporter.write_line
    terminalreporter.section("browser tests")
    for name, seconds in report.setup_seconds.items():
        write(f"  {name:<58} {seconds:6.1f} s")
    for test, step, seconds in report.steps:
        write(f"  {test[:18]:<18} {step:<39} {seconds:6.1f} s")
    if report.accessibility:
        write("Accessibility (fails on serious and critical violations):")
        for name, result in report.accessibility.items():
            write(f"  {name}: {_accessibility_line(result)}")
            for kind, key in (("violation", "violations"), ("to review", "incomplete")):
                for item in result[key]:
                    write(
                        f"    {kind}: {item['id']} ({item['impact']}, "
                        f"{len(item['nodes'])} elements): {item['help']}"
                    )
    errors = [line for line in report.console if " error " in line]
    write(
        f"Browser console: {len(report.console)} messages, {len(errors)} errors"
        + (" (console.log)" if report.console else "")
    )
    for line in errors[:10]:
        write(f"  {line[:200]}")
    for note in report.notes:
        write(f"Note: {note}")
    write(f"Screenshots: {len(report.screenshots)}")
    for path in report.screenshots:
        write(f"  {path.name}")
    write(f"Artifacts: {ARTIFACTS}")


def _accessibility_line(result: dict) -> str:
    by_impact: dict[str, int] = {}
    for item in result["violations"]:
        impact = item["impact"] or "unknown"
        by_impact[impact] = by_impact.get(impact, 0) + 1
    counts = ", ".join(f"{n} {impact}" for impact, n in sorted(by_impact.items()))
    return (
        f"{result['engine']}: {len(result['violations'])} violations"
        f"{' (' + counts + ')' if counts else ''}, "
        f"{len(result['incomplete'])} to review, {result['passes']} rules passed"
    )


# The site -----------------------------------------------------------------------------


@dataclass
class Site:
    base_url: str
    process: subprocess.Popen
    log_path: Path
    #: The server's environment: ``manage`` runs commands against its database.
    env: dict = field(default_factory=dict)

    def url(self, path: str) -> str:
        return self.base_url + path


def _die_with_parent() -> None:  # pragma: no cover - runs in the child process
    """Ask Linux to stop the server if the test process dies without cleaning up."""
    with contextlib.suppress(Exception):
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        libc.prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


def _server_env(workdir: Path) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("DJANGO_") and key != "DATABASE_URL"
    }
    # IMMEDIATE transactions: the admin's autosave and a submission can reach the
    # threaded development server at the same moment, and SQLite's default deferred
    # transactions then fail with "database is locked" instead of waiting.
    database = workdir / "db.sqlite3"
    env.update(
        DJANGO_SETTINGS_MODULE="project.settings.dev",
        DATABASE_URL=f"sqlite:///{database}?transaction_mode=IMMEDIATE&timeout=20",
        PYTHONUNBUFFERED="1",
    )
    return env


def manage(args: list[str], env: dict, log_path: Path, limit: float) -> float:
    started = time.monotonic()
    with log_path.open("a", encoding="utf-8") as log:
        log.write(f"\n$ manage.py {' '.join(args)}\n")
        log.flush()
        try:
            result = subprocess.run(  # noqa: S603 - our own manage.py
                [sys.executable, "manage.py", *args],
                cwd=REPO_ROOT,
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                timeout=limit,
                check=False,
            )
        except subprocess.TimeoutExpired:
            pytest.fail(f"manage.py {' '.join(args)} took over {limit} s ({log_path})")
    if result.returncode != 0:
        pytest.fail(f"manage.py {' '.join(args)} failed ({log_path})")
    return time.monotonic() - started


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=SERVER_STOP_LIMIT)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=SERVER_STOP_LIMIT)


def _serving(process: subprocess.Popen, port: int, log_path: Path) -> bool:
    """Wait until our server answers on ``port``; False if it exited (port taken)."""
    deadline = time.monotonic() + SERVER_START_LIMIT
    banner = f"http://127.0.0.1:{port}/"
    while time.monotonic() < deadline:
        if process.poll() is not None:
            return False
        try:
            with urllib.request.urlopen(f"{banner}fi/", timeout=5) as response:  # noqa: S310
                ready = response.status == 200
        except (urllib.error.URLError, OSError):
            ready = False
        if ready and banner in log_path.read_text(encoding="utf-8", errors="replace"):
            # Another program on the same port would have made ours exit by now.
            time.sleep(1.5)
            return process.poll() is None
        time.sleep(0.5)
    return False


def _spawn_manage(args: list[str], env: dict, log_path: Path) -> subprocess.Popen:
    """``manage.py args`` in the background, its output appended to ``log_path``;
    it stops when the test process dies."""
    with log_path.open("a", encoding="utf-8") as log:
        return subprocess.Popen(  # noqa: S603 - our own manage.py
            [sys.executable, "manage.py", *args],
            cwd=REPO_ROOT,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            preexec_fn=_die_with_parent,
        )


def _start_server(env: dict, log_path: Path) -> Site:
    for _attempt in range(3):
        port = _free_port()
        process = _spawn_manage(
            ["runserver", f"127.0.0.1:{port}", "--noreload"], env, log_path
        )
        if _serving(process, port, log_path):
            return Site(f"http://127.0.0.1:{port}", process, log_path)
        _stop(process)
    pytest.fail(f"The development server did not start ({log_path})")


@pytest.fixture(scope="session")
def site(artifacts, e2e_report) -> Site:
    """The demo site, served from a temporary database on a free local port."""
    workdir = Path(tempfile.mkdtemp(prefix="rekisteri-cms-e2e-"))
    env = _server_env(workdir)
    setup_log = artifacts / "setup.log"
    server = worker = None
    try:
        e2e_report.setup_seconds["migrate"] = manage(
            ["migrate", "--noinput"], env, setup_log, MIGRATE_LIMIT
        )
        e2e_report.setup_seconds["load_demo"] = manage(
            ["load_demo"], env, setup_log, LOAD_DEMO_LIMIT
        )
        # The task queue's worker, as `make run` starts one: the search index and
        # the reference index are updated by tasks (Wagtail 7+), so the demo's
        # pages are found in the admin only once the queue has been worked off.
        e2e_report.setup_seconds["tasks after load_demo"] = manage(
            ["db_worker", "--batch", "--no-startup-delay", "--no-reload"],
            env,
            setup_log,
            LOAD_DEMO_LIMIT,
        )
        worker = _spawn_manage(
            ["db_worker", "--interval", "0.5", "--no-startup-delay", "--no-reload"],
            env,
            artifacts / "worker.log",
        )
        started = time.monotonic()
        server = _start_server(env, artifacts / "server.log")
        server.env = env
        e2e_report.setup_seconds["server start"] = time.monotonic() - started
        yield server
    finally:
        if server is not None:
            _stop(server.process)
        if worker is not None:
            _stop(worker)
        shutil.rmtree(workdir, ignore_errors=True)


# The browser --------------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser(e2e_report) -> Browser:
    if not os.access(CHROMIUM, os.X_OK):
        pytest.fail(
            f"No Chromium at {CHROMIUM}: run scripts/install-browser.sh (as root), "
            "or set E2E_CHROMIUM"
        )
    started = time.monotonic()
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=CHROMIUM_ARGS,
            headless=True,
            timeout=BROWSER_LAUNCH_MS,
        )
        e2e_report.setup_seconds["browser start"] = time.monotonic() - started
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def open_page(browser, request, artifacts, e2e_report):
    """``open_page(name, locale=...)``: a page in a fresh browser context (own cookies).

    Console messages and page errors are collected (``open_page.messages[name]``,
    and all of them in artifacts/e2e/console.log); a failed test leaves a screenshot
    and a Playwright trace of each of its pages in artifacts/e2e/.
    """
    opened = []
    test = request.node.name
    messages: dict[str, list[str]] = {}

    def _open(name: str, *, locale: str = "en-US") -> Page:
        context = browser.new_context(
            viewport=VIEWPORT, locale=locale, timezone_id="Europe/Helsinki"
        )
        context.set_default_timeout(ACTION_MS)
        context.set_default_navigation_timeout(NAVIGATION_MS)
        context.tracing.start(screenshots=True, snapshots=True)
        page = context.new_page()
        own = messages.setdefault(name, [])

        def _record(kind: str, text: str) -> None:
            line = f"{test} {name} {kind} {page.url} :: {text}"
            own.append(line)
            e2e_report.console.append(line)

        page.on("console", lambda message: _record(message.type, message.text))
        page.on("pageerror", lambda error: _record("error", f"uncaught {error}"))

        def _dialog(dialog):
            e2e_report.notes.append(
                f"{name} accepted a {dialog.type} dialog: {dialog.message}"
            )
            dialog.accept()

        page.on("dialog", _dialog)
        opened.append((name, context, page))
        return page

    _open.messages = messages  # console lines of each page, by name
    yield _open

    failed = _failed(request.node)
    for name, context, page in opened:
        with contextlib.suppress(Exception):
            if failed:
                page.screenshot(path=artifacts / f"FAILED-{test}-{name}.png")
                context.tracing.stop(path=artifacts / f"trace-{test}-{name}.zip")
            else:
                context.tracing.stop()
        with contextlib.suppress(Exception):
            context.close()


@pytest.fixture
def shot(artifacts, e2e_report):
    """``shot(page, "01-name")``: a screenshot saved as artifacts/e2e/01-name.png."""

    def _shot(page: Page, name: str, *, full_page: bool = False) -> Path:
        path = artifacts / f"{name}.png"
        page.screenshot(path=path, full_page=full_page, animations="disabled")
        e2e_report.screenshots.append(path)
        return path

    return _shot


@pytest.fixture
def step(request, e2e_report):
    """``with step("name"):`` times one step of a test for the report."""

    @contextlib.contextmanager
    def _step(name: str):
        started = time.monotonic()
        try:
            yield
        finally:
            seconds = time.monotonic() - started
            e2e_report.steps.append((request.node.name, name, seconds))
            print(f"[{seconds:6.1f} s] {name}")  # noqa: T201 - shown for a failed test

    return _step


# Accessibility ------------------------------------------------------------------------

_AXE_RUN = """
async () => {
    const result = await axe.run(document, {resultTypes: ["violations", "incomplete"]});
    const brief = (rules) => rules.map((rule) => ({
        id: rule.id,
        impact: rule.impact,
        help: rule.help,
        helpUrl: rule.helpUrl,
        nodes: rule.nodes.map((node) => ({
            target: node.target.join(" "),
            summary: node.failureSummary || "",
        })),
    }));
    return {
        engine: `axe-core ${result.testEngine.version}`,
        violations: brief(result.violations),
        incomplete: brief(result.incomplete),
        passes: result.passes.length,
    };
}
"""

# Without npm (no axe-core): a few of the same basics, checked directly.
_BASIC_CHECKS = """
() => {
    const violations = [];
    const add = (id, impact, help, elements) => {
        if (elements.length) violations.push({
            id, impact, help, helpUrl: "",
            nodes: elements.map((el) => ({target: el.outerHTML.slice(0, 120), summary: ""})),
        });
    };
    const named = (el) => (el.getAttribute("aria-label") || el.getAttribute("title")
        || el.textContent || "").trim() || el.querySelector("img[alt]:not([alt=''])");
    add("html-has-lang", "serious", "<html> has a lang attribute",
        document.documentElement.lang ? [] : [document.documentElement]);
    add("document-title", "serious", "The document has a <title>",
        document.title.trim() ? [] : [document.documentElement]);
    add("image-alt", "critical", "Images have alternate text",
        [...document.querySelectorAll("img:not([alt])")]);
    add("link-name", "serious", "Links have discernible text",
        [...document.querySelectorAll("a[href]")].filter((a) => !named(a)));
    add("button-name", "critical", "Buttons have discernible text",
        [...document.querySelectorAll("button")].filter((b) => !named(b)));
    add("label", "critical", "Form elements have labels",
        [...document.querySelectorAll("input:not([type=hidden]):not([type=submit]), select, textarea")]
            .filter((el) => !(el.labels && el.labels.length) && !el.getAttribute("aria-label")
                && !el.getAttribute("aria-labelledby")));
    add("landmark-one-main", "moderate", "The page has one main landmark",
        document.querySelectorAll("main, [role=main]").length === 1 ? [] : [document.body]);
    add("page-has-heading-one", "moderate", "The page has a level-one heading",
        document.querySelector("h1") ? [] : [document.body]);
    const levels = [...document.querySelectorAll("h1, h2, h3, h4, h5, h6")];
    add("heading-order", "moderate", "Heading levels increase by one",
        levels.filter((h, i) => i > 0 && +h.tagName[1] > +levels[i - 1].tagName[1] + 1));
    return {engine: "basic checks (axe-core not installed)", violations, incomplete: [],
            passes: 9 - violations.length};
}
"""

BLOCKING_IMPACTS = {"serious", "critical"}


@pytest.fixture(scope="session")
def axe_source(e2e_report) -> str | None:
    if AXE_JS.is_file():
        return AXE_JS.read_text(encoding="utf-8")
    e2e_report.notes.append(
        "axe-core is not installed (scripts/install-browser.sh needs npm): "
        "only basic accessibility checks ran"
    )
    return None


@pytest.fixture
def accessibility(axe_source, artifacts, e2e_report):
    """``accessibility(page, name)``: axe-core's report of the page as it is now.

    axe.min.js is evaluated through the browser's automation channel, which the
    page's Content-Security-Policy does not govern: the page is checked with its real
    policy in force. Returns the report; saves it as artifacts/e2e/axe-NAME.json.
    """

    def _check(page: Page, name: str) -> dict:
        if axe_source is None:
            result = page.evaluate(_BASIC_CHECKS)
        else:
            page.evaluate(axe_source)
            result = page.evaluate(_AXE_RUN)
        result["url"] = page.url
        e2e_report.accessibility[name] = result
        (artifacts / f"axe-{name}.json").write_text(
            json.dumps(result, ensure_ascii=False, indent=2), encoding="utf-8"
        )
        return result

    return _check
