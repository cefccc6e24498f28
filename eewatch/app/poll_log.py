"""The one log line of a poll of the feed, for the full poll and the cron check of an unchanged feed alike."""

from __future__ import annotations

import logging
from collections.abc import Sized
from typing import Any, Protocol

from eewatch.domain.fetches import ERROR, NOT_MODIFIED, UNCHANGED, FeedFetch

log = logging.getLogger("eewatch.app.poll")


class Counts(Protocol):
    """What storing the fetch found (``FetchSummary`` or the cron check's nothing)."""

    @property
    def new(self) -> Sized: ...

    @property
    def amended(self) -> Sized: ...


def log_poll(fetch: FeedFetch, summary: Counts, seconds: float, *, quiet_if_unchanged: bool = False) -> None:
    """One line per poll: outcome, HTTP status, bytes, duration, new and amended counts.

    ``quiet_if_unchanged`` (the daemon): a poll that found nothing new is said at debug;
    the daemon says once an hour, at info, how its polls went.
    """
    new, amended = len(summary.new), len(summary.amended)
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
        return
    if fetch.parsed and fetch.parsed.problems:
        problems = fetch.parsed.problems
        log.warning(
            "%d record(s) rejected: %s",
            len(problems),
            "; ".join(f"#{p.round_id or p.index}: {p.reason}" for p in problems[:5]),
        )
    unchanged = fetch.outcome in (NOT_MODIFIED, UNCHANGED) or not (new or amended)
    log.log(logging.DEBUG if quiet_if_unchanged and unchanged else logging.INFO, line, extra=extra)
