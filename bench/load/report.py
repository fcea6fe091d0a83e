"""The Markdown report of a run."""

from __future__ import annotations

from . import VISIBLE_GOAL_S


def seconds_text(value: float | None) -> str:
    return "never" if value is None else f"{value:.3f}"


def visible_summary(visible: dict, publications: int) -> str:
    if not publications:
        return "—"
    return f"{seconds_text(visible['max_s'])} / {seconds_text(visible['median_s'])}"


def ms_text(value: float | None) -> str:
    return "—" if value is None else f"{value:.0f}"


def webhook_summary(figures: dict) -> str:
    if not figures:
        return "–"
    return (
        f"{figures['delivered']} / {figures['expected']}, "
        f"{seconds_text(figures['median_s'])} / {seconds_text(figures['max_s'])}, "
        f"{figures['failures']}"
    )


def table(phases: list[dict], skipped: list[str]) -> str:
    rows = [
        "| cache | gunicorn | readers | requests (req/s) | 200 / 304 / page "
        "| errors | unknown versions | publications | API visible max / median s "
        "| page visible max / median s | stale reads API / page "
        "| webhooks delivered / expected, median / max s, failures | result |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for p in phases:
        api, html = p["api_visible"], p["html_visible"]
        r = p["responses"]
        rows.append(
            f"| {p['backend']} | {p['workers']} × {p['threads']} threads "
            f"| {p['readers']} | {p['requests']:,} ({p['requests_per_s']:.0f}) "
            f"| {r['api_200']:,} / {r['api_304']:,} / {r['html_200']:,} "
            f"| {p['errors']} | {p['unknown_versions']} | {len(p['publications'])} "
            f"| {visible_summary(api, len(p['publications']))} "
            f"| {visible_summary(html, len(p['publications']))} "
            f"| {api['stale_reads']} / {html['stale_reads']} "
            f"| {webhook_summary(p.get('webhooks') or {})} "
            f"| {'pass' if p.get('passed') else 'FAIL'} |"
        )
    rows += [f"| {line} |" + " |" * 12 for line in skipped]
    return "\n".join(rows)


def publications_table(phase: dict) -> str:
    rows = [
        f"Publications with {phase['backend']}:",
        "",
        "| notice | version | approval s | API visible s (request sent at) "
        "| page visible s (request sent at) |",
        "|---|---:|---:|---:|---:|",
    ]
    for p in phase["publications"]:
        rows.append(
            f"| {p['slug']} | {p['number']} | {p['approval_s']:.2f} "
            f"| {visible_text(p, 'api')} | {visible_text(p, 'html')} |"
        )
    rows += [
        "",
        "Visible: when the slowest reader got the new version, after the approval "
        "returned; in brackets when that reader had sent the request (negative: "
        "before the approval returned).",
        "",
        "| response time ms | median | p90 | max | p90 of requests sent in the 1 s "
        "after an approval | max of those |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for kind, label in (("api", "API"), ("html", "page")):
        t = phase["response_times"][kind]
        rows.append(
            f"| {label} | {ms_text(t['median_ms'])} | {ms_text(t['p90_ms'])} "
            f"| {ms_text(t['max_ms'])} | {ms_text(t['after_approval_p90_ms'])} "
            f"| {ms_text(t['after_approval_max_ms'])} |"
        )
    return "\n".join(rows)


def visible_text(publication: dict, kind: str) -> str:
    request = publication[f"{kind}_slowest_request"]
    text = seconds_text(publication[f"{kind}_visible_s"])
    return f"{text} ({request['sent_s']:+.3f})" if request else text


def render_markdown(report: dict) -> str:
    m = report["machine"]
    lines = [
        f"Measured {report['date'][:10]} on {m['cpu']}, {m['cores']} cores, "
        f"{m['memory_gib']} GiB, {m['os']}; Python {m['python']}, Django "
        f"{m['django']}, Wagtail {m['wagtail']}, {m['database']}. "
        f"{report['options']['duration']} s of load per cache backend, a "
        f"publication every {report['options']['interval']:g} s; goal: every "
        f"reader sees a publication within {VISIBLE_GOAL_S:g} s of the approval. "
        f"Whole run: {report['seconds']} s.",
        "",
        table(report["phases"], report["skipped"]),
        "",
        "The local-memory cache lives in one process: with it gunicorn ran one worker "
        "process with threads, and the publications went through that process. With "
        "Redis the worker processes share the cache. Stale reads: responses to "
        "requests sent after an approval had returned that still had an older version.",
    ]
    for phase in report["phases"]:
        lines += ["", publications_table(phase)]
        before, after = phase["load_average"]
        lines += [
            "",
            f"Load average before and after the {phase['backend']} run: "
            f"{before:.2f}, {after:.2f}.",
        ]
        for label, key in (
            ("Errors", "error_examples"),
            ("Unknown", "unknown_examples"),
        ):
            if phase[key]:
                lines += ["", f"{label} ({phase['backend']}):", ""]
                lines += [f"- {example}" for example in phase[key]]
    return "\n".join(lines)
