"""What follows every fetch, in the daemon and in ``scrape --once`` alike.

Health (a heartbeat, ops events), then the alerts the new events call for.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any

from eewatch.config import Config
from eewatch.daemon.config import HealthConfig
from eewatch.db.store import Store
from eewatch.health import HealthEvent, record_poll
from scraper.items import ERROR, FeedFetch

log = logging.getLogger("eewatch.poll")


@dataclass
class PollReport:
    """One poll, start to end."""

    fetch: FeedFetch
    seconds: float
    health: list[HealthEvent] = field(default_factory=list)


def health_config(config: Config) -> HealthConfig:
    return config.extra.get("health") or HealthConfig()


def after_fetch(store: Store, config: Config, fetch: FeedFetch, *, mode: str) -> list[HealthEvent]:
    """Record the poll's heartbeat and health events."""
    found = record_poll(store, fetch, health_config(config), mode)
    for event in found:
        log.warning("health: %s %s", event.kind, event.payload)
    return found


def log_poll(report: PollReport) -> None:
    """One line per poll: outcome, HTTP status, bytes, duration, new and amended counts."""
    fetch, summary = report.fetch, report.fetch.summary
    new = len(summary.new) if summary else 0
    amended = len(summary.amended) if summary else 0
    extra: dict[str, Any] = {
        "source": fetch.source,
        "outcome": fetch.outcome,
        "http_status": fetch.http_status,
        "bytes": fetch.bytes,
        "duration_ms": round(report.seconds * 1000),
        "new": new,
        "amended": amended,
    }
    line = (
        f"poll {fetch.source}: {fetch.outcome} http={fetch.http_status or '-'} bytes={fetch.bytes or 0} "
        f"duration={report.seconds:.2f}s new={new} amended={amended}"
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
