"""Benchmark of the public endpoints: ``python -m bench.run`` (``make bench``).

In one run: migrate a throwaway database, load the demo, start the site under
gunicorn with production-like settings on 127.0.0.1, and measure every target with
the same load (wrk, same threads, connections and duration); then add 10,000
generated notices, restart gunicorn and measure again. Prints a table per phase,
saves the results as JSON and Markdown in ``bench/results/`` and exits 1 when a target
misses its goal (2 when the bench itself could not run, or was interrupted).

Targets, each compared with the baseline (a bare Django view that returns the bytes
and headers of the API detail response from memory):

* ``api-detail``: ``/api/notices/<slug>/``, goal ≥ 0.5 × baseline;
* ``api-304``: the same with ``If-None-Match`` answered ``304``, goal ≥ 0.8 ×;
* ``api-list``: ``/api/notices/``, no goal;
* ``wagtail-api``: Wagtail's ``/api/v2/pages/<id>/`` of the same page, no goal;
* ``html``: the notice's page, goal ≥ 0.3 ×;
* ``api-pdf``: the PDF of the current version,
  ``/api/notices/<slug>/versions/<n>/pdf/``, answered from the response cache after
  the first request (the first renders it with WeasyPrint), no goal.

With 10,000 notices each goal must still hold and each ratio may fall at most 10 %
below its ratio with the demo alone.

Each phase runs twice: with the site's cache, and uncached (Django's dummy cache, which
stores nothing, so every request renders as on a cache miss, during a cache outage or
after a cold start), against the same baseline. Uncached goals: ``api-detail`` ≥ 0.5 ×,
``html`` ≥ 0.3 ×, with the same scaling rule; the PDF (rendered by WeasyPrint on every
uncached request) is left out of the uncached phases. The load runs in interleaved rounds (every
target once per round), so that a change in the machine's load weighs on all alike.

In-process, with the test client and the same settings, the bench also counts the SQL
queries of each target, uncached (caches cleared) and cached (the next request), and
its CPU time per request; CPU time is not inflated by other programs as wall-clock
figures are, so its ratios are the steadier ones on a busy machine.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

from .common import (
    PROXY_HEADERS,
    BenchError,
    Server,
    fetch,
    log,
    machine,
    now_iso,
    report_and_exit_status,
    stop_on_sigterm,
    throwaway_site,
    uninterrupted,
)

#: Minimum ratio of a target's requests per second to the baseline's.
GOALS = {"api-detail": 0.5, "api-304": 0.8, "html": 0.3}
#: The same without the cache: every request renders.
UNCACHED_GOALS = {"api-detail": 0.5, "html": 0.3}
#: Django's cache that stores nothing, for the uncached phases (in-process and gunicorn).
DUMMY_CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
#: How much lower a ratio may be with many notices than with the demo alone.
SCALING_TOLERANCE = 0.10
TARGET_ORDER = (
    "baseline",
    "api-detail",
    "api-304",
    "api-list",
    "wagtail-api",
    "html",
    "api-pdf",
)


# Setup ----------------------------------------------------------------------------


def ensure_wrk() -> str:
    """The wrk executable, installed from Debian's packages when it is missing."""
    found = shutil.which("wrk")
    if found:
        return found
    if not shutil.which("apt-get"):
        raise BenchError("wrk is missing and there is no apt-get to install it with")
    sudo = [] if os.geteuid() == 0 else ["sudo", "-n"]
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    install = [*sudo, "apt-get", "install", "-y", "-q", "wrk"]
    log("installing wrk (Debian package)")
    # Fixed commands, no user input.
    if subprocess.run(install, env=env, timeout=600, check=False).returncode:  # noqa: S603
        update = [*sudo, "apt-get", "update", "-q"]
        subprocess.run(update, env=env, timeout=600, check=False)  # noqa: S603
        subprocess.run(install, env=env, timeout=600, check=True)  # noqa: S603
    found = shutil.which("wrk")
    if not found:
        raise BenchError("wrk could not be installed")
    return found


# In-process checks ------------------------------------------------------------------


def clear_caches() -> None:
    """Forget the API responses, Wagtail's cached site paths and the baseline."""
    from django.conf import settings
    from django.core.cache import cache

    from .baseline import baseline_payload

    if "redis" in settings.CACHES["default"]["BACKEND"].lower():
        # A shared Redis: delete only the bench's keys, never FLUSHDB.
        client = cache._cache.get_client(write=True)
        prefix = settings.CACHES["default"]["KEY_PREFIX"]
        for key in client.scan_iter(match=f"{prefix}:*", count=1000):
            client.delete(key)
    else:
        cache.clear()
    baseline_payload.cache_clear()


def _environ(headers: dict) -> dict:
    return {f"HTTP_{k.upper().replace('-', '_')}": v for k, v in headers.items()}


def measure_in_process(targets: dict, cpu_seconds: float) -> dict:
    """SQL queries and CPU time of each target, in this process with the test client.

    Queries are counted with cold caches (``uncached``) and on the next request
    (``cached``). CPU milliseconds per request are then measured on warm caches over
    about ``cpu_seconds``: process time, so other programs on the machine do not
    inflate it as they do the wall-clock figures under load.
    """
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST="127.0.0.1", **_environ(PROXY_HEADERS))
    measured = {}
    for name, target in targets.items():
        clear_caches()
        headers = _environ(target["headers"])
        runs = []
        for _ in range(2):
            with CaptureQueriesContext(connection) as queries:
                response = client.get(target["path"], **headers)
            if response.status_code != target["status"]:
                raise BenchError(
                    f"{name}: {target['path']} answered {response.status_code} "
                    f"in-process, expected {target['status']}"
                )
            runs.append(len(queries))
        count, began = 0, time.process_time()
        while (time.process_time() - began < cpu_seconds and count < 2000) or count < 5:
            client.get(target["path"], **headers)
            count += 1
        measured[name] = {
            "queries": {"uncached": runs[0], "cached": runs[1]},
            "cpu_ms": (time.process_time() - began) / count * 1000,
        }
    return measured


# The live server ----------------------------------------------------------------------

#: Headers that differ from one response to the next, or name the server.
VOLATILE_HEADERS = {"date", "server", "connection"}


def check_live(server: Server, targets: dict) -> None:
    """Every target answers as expected; the baseline is the API detail, byte for byte."""
    answers = {}
    for name, target in targets.items():
        status, headers, body = fetch(server.base + target["path"], target["headers"])
        if status != target["status"]:
            raise BenchError(
                f"{name}: {target['path']} answered {status}, expected "
                f"{target['status']}:\n{body[:500]!r}\n{server.log_tail()}"
            )
        answers[name] = (headers, body)
    base_headers, base_body = answers["baseline"]
    api_headers, api_body = answers["api-detail"]
    if base_body != api_body:
        raise BenchError("the baseline's body differs from the API detail response")

    def comparable(headers: dict) -> dict:
        return {
            k.lower(): v
            for k, v in headers.items()
            if k.lower() not in VOLATILE_HEADERS
        }

    if comparable(base_headers) != comparable(api_headers):
        raise BenchError(
            "the baseline's headers differ from the API detail response's: "
            f"{comparable(base_headers)} != {comparable(api_headers)}"
        )


# Load -------------------------------------------------------------------------------

_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}
_SIZE = {"B": 1, "KB": 1024, "MB": 1024**2, "GB": 1024**3}


def _ms(text: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()
    return float(number) * _UNITS[unit]


def parse_wrk(output: str) -> dict:
    def find(pattern: str) -> re.Match:
        match = re.search(pattern, output, re.MULTILINE)
        if match is None:
            raise BenchError(f"unexpected wrk output:\n{output}")
        return match

    requests, _duration, read, unit = find(
        r"^\s*(\d+) requests in ([\d.]+\w+), ([\d.]+)(B|KB|MB|GB) read"
    ).groups()
    errors = 0
    socket_errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    if socket_errors:
        # gunicorn's sync workers close every connection after the response, which
        # wrk may count as read errors; connect, write and timeout errors are real.
        connect, _read, write, timeout = map(int, socket_errors.groups())
        errors += connect + write + timeout
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    count = int(requests)
    return {
        "requests": count,
        "rps": float(find(r"^Requests/sec:\s+([\d.]+)").group(1)),
        "p50_ms": _ms(find(r"^\s+50%\s+(\S+)").group(1)),
        "p99_ms": _ms(find(r"^\s+99%\s+(\S+)").group(1)),
        "bytes_per_response": round(float(read) * _SIZE[unit] / max(count, 1)),
        "errors": errors,
        "non_2xx_3xx": int(non_2xx.group(1)) if non_2xx else 0,
    }


def run_wrk(wrk: str, url: str, headers: dict, options) -> dict:
    command = [
        wrk,
        "--threads", str(options.threads),
        "--connections", str(options.connections),
        "--duration", f"{options.duration}s",
        "--timeout", "10s",
        "--latency",
    ]  # fmt: skip
    for key, value in {**PROXY_HEADERS, **headers}.items():
        command += ["--header", f"{key}: {value}"]
    output = subprocess.run(  # noqa: S603 - wrk against 127.0.0.1
        [*command, url],
        capture_output=True,
        text=True,
        timeout=options.duration + 60,
        check=True,
    ).stdout
    result = parse_wrk(output)
    if result["errors"] or result["non_2xx_3xx"]:
        raise BenchError(f"{url}: failed requests under load:\n{output}")
    return result


def settle(server: Server, path: str) -> None:
    """Wait until gunicorn has worked off the requests the last load left queued.

    wrk stops at the end of its duration, but the requests it had sent (up to one
    per connection, queued in the listen backlog) are still served; the next target
    would pay for them. One probe per worker, all at once, comes back only when the
    queue ahead of them is empty.
    """
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=server.workers) as pool:
        list(pool.map(lambda _: fetch(server.base + path), range(server.workers)))
    time.sleep(0.2)


def measure(wrk: str, server: Server, targets: dict, options) -> dict:
    """Warm every target up, then load each in turn, in interleaved rounds.

    Each round loads every target (the baseline first) for ``duration / rounds``
    seconds, so that a change in the machine's load between the start and the end
    of a phase weighs on all targets alike. Requests per second are the total over
    the rounds; p50 and p99 are the means of the rounds' percentiles.
    """
    warm = argparse.Namespace(**{**vars(options), "duration": options.warmup})
    probe = targets["baseline"]["path"]
    for target in targets.values():
        run_wrk(wrk, server.base + target["path"], target["headers"], warm)
        settle(server, probe)
    step = argparse.Namespace(
        **{**vars(options), "duration": max(1, options.duration // options.rounds)}
    )
    rounds: dict[str, list[dict]] = {name: [] for name in targets}
    for _round in range(options.rounds):
        for name, target in targets.items():
            rounds[name].append(
                run_wrk(wrk, server.base + target["path"], target["headers"], step)
            )
            settle(server, probe)
    results = {}
    for name, runs in rounds.items():
        seconds = step.duration * len(runs)
        results[name] = {
            "rps": sum(r["requests"] for r in runs) / seconds,
            "p50_ms": sum(r["p50_ms"] for r in runs) / len(runs),
            "p99_ms": sum(r["p99_ms"] for r in runs) / len(runs),
            "bytes_per_response": runs[0]["bytes_per_response"],
            "rounds_rps": [r["rps"] for r in runs],
        }
        result = results[name]
        log(
            f"  {name:<12} {result['rps']:8.0f} req/s  p50 {result['p50_ms']:.2f} ms"
            f"  p99 {result['p99_ms']:.2f} ms  (rounds: "
            + ", ".join(f"{rps:.0f}" for rps in result["rounds_rps"])
            + ")"
        )
    return results


# A phase ------------------------------------------------------------------------------


def targets_for(page, *, uncached: bool = False) -> dict:
    from django.test import Client

    from rekisteri_cms.models import PrivacyNoticePage

    slug = page.slug
    detail = f"/api/notices/{slug}/?locale=fi"  # explicit: no Vary on the answer
    response = Client(HTTP_HOST="127.0.0.1", HTTP_X_FORWARDED_PROTO="https").get(detail)
    if response.status_code != 200:
        raise BenchError(f"{detail} answered {response.status_code}")
    html = urlsplit(PrivacyNoticePage.objects.get(pk=page.pk).get_full_url()).path
    plain = {"headers": {}, "status": 200}
    targets = {
        "baseline": {"path": f"/bench/baseline/{slug}/", **plain},
        "api-detail": {"path": detail, **plain},
        "api-304": {
            "path": detail,
            "headers": {"If-None-Match": response["ETag"]},
            "status": 304,
        },
        "api-list": {"path": "/api/notices/", **plain},
        "wagtail-api": {"path": f"/api/v2/pages/{page.pk}/", **plain},
        "html": {"path": html, **plain},
        "api-pdf": {
            "path": f"/api/notices/{slug}/versions/"
            f"{json.loads(response.content)['version']}/pdf/",
            **plain,
        },
    }
    if uncached:
        del targets["api-pdf"]
    return targets


def run_phase(
    label: str, page, wrk: str, options, bench_dir: Path, *, uncached: bool = False
) -> dict:
    from django.test import override_settings

    from rekisteri_cms.models import NoticeVersion, PrivacyNoticePage

    notices = PrivacyNoticePage.objects.live().count()
    log(f"phase {label}: {notices} live notices" + (", uncached" if uncached else ""))
    targets = targets_for(page, uncached=uncached)
    if uncached:
        with override_settings(CACHES=DUMMY_CACHES):
            in_process = measure_in_process(targets, options.cpu_seconds)
    else:
        in_process = measure_in_process(targets, options.cpu_seconds)
    server = Server(
        options.workers,
        bench_dir / f"gunicorn-{label}{'-uncached' if uncached else ''}.log",
        env={"BENCH_CACHE": "dummy" if uncached else None},
    )
    load_before = os.getloadavg()[0]
    if load_before > (os.cpu_count() or 1) / 2:
        log(f"the machine is busy (load average {load_before:.1f}): expect noise")
    try:
        server.start(targets["baseline"]["path"])
        check_live(server, targets)
        results = measure(wrk, server, targets, options)
    finally:
        with uninterrupted():
            server.stop()
    base = results["baseline"]["rps"]
    if not base:
        raise BenchError("the baseline served no request under load")
    goals = UNCACHED_GOALS if uncached else GOALS
    for name, result in results.items():
        result["path"] = targets[name]["path"]
        result.update(in_process[name])
        result["ratio"] = result["rps"] / base
        result["cpu_ratio"] = in_process["baseline"]["cpu_ms"] / result["cpu_ms"]
        result["goal"] = goals.get(name)
    return {
        "label": label,
        "uncached": uncached,
        "load_average": [load_before, os.getloadavg()[0]],
        "notices": notices,
        "versions": NoticeVersion.objects.count(),
        "page": {"id": page.pk, "slug": page.slug},
        "targets": results,
    }


def evaluate(phases: list[dict]) -> list[str]:
    """The missed goals, as sentences (empty when every goal is met)."""
    failures = []
    for uncached, goals in ((False, GOALS), (True, UNCACHED_GOALS)):
        failures += _evaluate_mode(
            [p for p in phases if p.get("uncached", False) == uncached], goals
        )
    return failures


def _evaluate_mode(phases: list[dict], goals: dict) -> list[str]:
    if not phases:
        return []
    failures = []
    mode = " uncached" if phases[0].get("uncached") else ""
    for phase in phases:
        for name, goal in goals.items():
            ratio = phase["targets"][name]["ratio"]
            passed = ratio >= goal
            phase["targets"][name]["passed"] = passed
            if not passed:
                failures.append(
                    f"{name}{mode} with {phase['notices']} notices: {ratio:.2f}× the "
                    f"baseline, goal {goal}×"
                )
    small, large = phases[0], phases[-1]
    if large is not small:
        for name in goals:
            before = small["targets"][name]["ratio"]
            after = large["targets"][name]["ratio"]
            change = after / before - 1
            large["targets"][name]["scaling"] = change
            if change < -SCALING_TOLERANCE:
                large["targets"][name]["passed"] = False
                failures.append(
                    f"{name}{mode}: {before:.2f}× with {small['notices']} notices but "
                    f"{after:.2f}× with {large['notices']} ({change:+.0%}, at most "
                    f"-{SCALING_TOLERANCE:.0%} allowed)"
                )
    return failures


def table(phase: dict) -> str:
    rows = [
        f"**{phase['notices']:,} notices** ({phase['versions']:,} versions)"
        + (", **uncached** (Django's dummy cache)" if phase.get("uncached") else ""),
        "",
        "| target | req/s | p50 ms | p99 ms | SQL uncached / cached | size "
        "| CPU ms (ratio) | ratio | goal | result |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for name in TARGET_ORDER:
        if name not in phase["targets"]:
            continue
        r = phase["targets"][name]
        goal = r.get("goal")
        scaling = r.get("scaling")
        result = "" if goal is None else ("pass" if r.get("passed") else "FAIL")
        if scaling is not None:
            result += f" ({scaling:+.0%} vs demo)"
        size = r["bytes_per_response"]
        rows.append(
            f"| {name} `{r['path']}` | {r['rps']:,.0f} | {r['p50_ms']:.2f} | "
            f"{r['p99_ms']:.2f} | {r['queries']['uncached']} / {r['queries']['cached']} | "
            f"{size / 1024:.1f} KiB | {r['cpu_ms']:.2f} ({r['cpu_ratio']:.2f}×) | "
            f"{r['ratio']:.2f}× | "
            f"{'' if goal is None else f'≥ {goal}×'} | {result} |"
        )
    load = phase.get("load_average")
    if load:
        rows += [
            "",
            f"Load average before and after the phase: {load[0]:.2f}, {load[1]:.2f}.",
        ]
    return "\n".join(rows)


# Main ---------------------------------------------------------------------------------


def parse_args(argv=None):
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__)
    parser.add_argument("--notices", type=int, default=10_000, help="generated notices")
    parser.add_argument(
        "--real",
        type=int,
        default=200,
        help="of which published one by one through Wagtail (the rest are cloned)",
    )
    parser.add_argument("--duration", type=int, default=10, help="seconds per target")
    parser.add_argument("--warmup", type=int, default=2, help="seconds per target")
    parser.add_argument(
        "--rounds",
        type=int,
        default=5,
        help="interleaved rounds the duration is cut in",
    )
    parser.add_argument(
        "--cpu-seconds",
        type=float,
        default=1.0,
        help="CPU seconds per target for the in-process CPU time per request",
    )
    parser.add_argument(
        "--uncached",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="also measure each phase without the cache (Django's dummy cache)",
    )
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument(
        "--workers", type=int, default=2 * (os.cpu_count() or 1), help="gunicorn"
    )
    return parser.parse_args(argv)


def main(argv=None) -> int:
    options = parse_args(argv)
    began = time.monotonic()
    stop_on_sigterm()

    def forget_redis_keys() -> None:
        if os.environ.get("REDIS_URL"):
            clear_caches()  # the bench's keys only

    def run() -> dict:
        wrk = ensure_wrk()
        with throwaway_site(on_exit=forget_redis_keys) as site:
            from . import content

            page = site.page
            modes = (False, True) if options.uncached else (False,)
            phases = [
                run_phase("demo", page, wrk, options, site.bench_dir, uncached=mode)
                for mode in modes
            ]
            if options.notices:
                log(f"generating {options.notices:,} notices")
                content.generate(
                    page.get_parent().specific,
                    options.notices,
                    real=options.real,
                    log=log,
                )
                phases += [
                    run_phase(
                        f"{options.notices}",
                        page,
                        wrk,
                        options,
                        site.bench_dir,
                        uncached=mode,
                    )
                    for mode in modes
                ]
            failures = evaluate(phases)
            return {
                "date": now_iso(),
                "machine": machine(),
                "load": {
                    "tool": "wrk",
                    "threads": options.threads,
                    "connections": options.connections,
                    "duration_s": options.duration,
                    "rounds": options.rounds,
                    "warmup_s": options.warmup,
                    "gunicorn_workers": options.workers,
                },
                "phases": phases,
                "failures": failures,
                "seconds": round(time.monotonic() - began),
            }

    return report_and_exit_status(run, render_markdown, name="The bench")


def render_markdown(report: dict) -> str:
    m, load = report["machine"], report["load"]
    lines = [
        f"Measured {report['date'][:10]} on {m['cpu']}, {m['cores']} cores, "
        f"{m['memory_gib']} GiB, {m['os']}; Python {m['python']}, Django "
        f"{m['django']}, Wagtail {m['wagtail']}, {m['database']}, "
        f"{m['cache']}. gunicorn with {load['gunicorn_workers']} sync workers; "
        f"wrk with {load['threads']} threads and {load['connections']} connections "
        f"on the same machine, {load['duration_s']} s per target in "
        f"{load['rounds']} interleaved rounds after {load['warmup_s']} s of warm-up. "
        f"Whole run: {report['seconds']} s.",
    ]
    for phase in report["phases"]:
        lines += ["", table(phase)]
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
