"""The figures of a phase, every response checked against the database; the goals."""

from __future__ import annotations

import statistics
from collections import defaultdict
from dataclasses import asdict
from typing import TYPE_CHECKING

from ..common import log
from . import LOCALE, VISIBLE_GOAL_S
from .webhooks import webhook_failures

if TYPE_CHECKING:
    from .admin_client import Publication
    from .phase import Backend
    from .readers import Reader


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
        failures.extend(webhook_failures(name, phase.get("webhooks") or {}))
        phase["passed"] = not any(f.startswith(f"{name}:") for f in failures)
    return failures
