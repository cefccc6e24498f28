"""What follows every fetch, in the daemon and in ``scrape --once`` alike.

Health (a heartbeat, ops events), then the alerts the new events call for.
"""

from __future__ import annotations

import logging
from typing import Any

from eewatch.app.health import HealthEvent, record_poll
from eewatch.foundation.config import Config, HealthConfig
from eewatch.foundation.db.store import Store
from scraper.domain.items import ERROR, FeedFetch

log = logging.getLogger("eewatch.app.poll")


def health_config(config: Config) -> HealthConfig:
    return config.health


def after_fetch(store: Store, config: Config, fetch: FeedFetch, *, mode: str) -> list[HealthEvent]:
    """Record the poll's heartbeat and health events."""
    found = record_poll(store, fetch, health_config(config), mode)
    for event in found:
        log.warning("health: %s %s", event.kind, event.payload)
    return found


def send_alerts(store: Store, config: Config, *, send: bool = True, backfill: int = 0) -> bool:
    """The alerts the new events call for; False when a delivery failed for good.

    A failure here never loses an event: it stays unhandled, or its outbox row
    stays pending, for the next pass.
    """
    from notifier.run import run_alerts

    try:
        report = run_alerts(store, config, send=send, backfill=backfill, clock=store.clock)
    except Exception:
        log.exception("the alert pass failed; its events stay queued for the next pass")
        return False
    return report.ok


def deliver_retries(store: Store, config: Config) -> None:
    """Send the outbox rows whose retry is due (the daemon's retry job)."""
    from notifier.run import deliver_due

    try:
        deliver_due(store, config, store.clock)
    except Exception:
        log.exception("the delivery pass failed; the rows stay pending")


def changed(fetch: FeedFetch) -> bool:
    """Did this fetch store a new or amended round?"""
    summary = fetch.summary
    return summary is not None and bool(summary.new or summary.amended)


def rebuild_report(store: Store, config: Config) -> None:
    """Regenerate the static site where ``[report] out`` is configured (never fatal)."""
    report = config.report
    if report is None or report.out is None:
        return
    from eewatch.app.views.site import ReportError, build_report

    try:
        summary = build_report(store, report.out, store.clock, title=report.title, site_url=report.site_url)
    except (ReportError, OSError):
        log.exception("could not rebuild the report in %s; the previous one stays", report.out)
        return
    log.info("report rebuilt in %s", report.out)
    log.debug("report: %s", summary)


def log_poll(fetch: FeedFetch, seconds: float) -> None:
    """One line per poll: outcome, HTTP status, bytes, duration, new and amended counts."""
    summary = fetch.summary
    new = len(summary.new) if summary else 0
    amended = len(summary.amended) if summary else 0
    extra: dict[str, Any] = {
        "source": fetch.source,
        "outcome": fetch.outcome,
        "http_status": fetch.http_status,
        "bytes": fetch.bytes,
        "duration_ms": round(seconds * 1000),
        "new": new,
        "amended": amended,
    }
    line = (
        f"poll {fetch.source}: {fetch.outcome} http={fetch.http_status or '-'} bytes={fetch.bytes or 0} "
        f"duration={seconds:.2f}s new={new} amended={amended}"
    )
    if fetch.outcome == ERROR:
        extra["error"] = fetch.error
        log.error("%s: %s", line, fetch.error, extra=extra)
    else:
        if fetch.parsed and fetch.parsed.problems:
            problems = fetch.parsed.problems
            log.warning(
                "%d record(s) rejected: %s",
                len(problems),
                "; ".join(f"#{p.round_id or p.index}: {p.reason}" for p in problems[:5]),
            )
        log.info(line, extra=extra)


def log_document(document: Any) -> None:
    """One line per announcement document: kind, outcome, rounds it added or checked."""
    summary = document.summary
    line = f"poll {document.kind}: {document.outcome} http={document.http_status or '-'} url={document.url}"
    if summary is not None:
        line += (
            f" provisional={len(summary.provisional)} checked={len(summary.compared)}"
            f" disagreements={len(summary.disagreements)}"
        )
    if document.outcome == ERROR:
        log.warning("%s: %s", line, document.error)
    else:
        log.info(line)
