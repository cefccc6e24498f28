"""The health decision (pure): which ops events one poll calls for, from the state the store gives.

Kept apart from :mod:`eewatch.app.health` (which reads and writes that state through
SQLAlchemy) so the cron check of an unchanged feed decides the same way without
importing the database layer.
"""

from __future__ import annotations

import datetime as dt
import os
import socket
from typing import Any, NamedTuple

from eewatch.config import HealthConfig
from eewatch.domain.events import FEED_SHAPE_CHANGED, FEED_STALE, POLL_FAILING, POLL_RECOVERED

__all__ = ["HealthEvent", "HealthState", "Poll", "decide", "instance_name", "state_of"]

# Named tuples, not dataclasses: the cron check makes these classes on every run (~0.06 ms each
# instead of ~0.4 ms).


class HealthState(NamedTuple):
    """What the store says about recent polls."""

    consecutive_failures: int = 0
    failing_alerted: bool = False
    latest_round_date: dt.date | None = None
    stale_alerted_for: dt.date | None = None
    last_shape_change: dict[str, Any] | None = None


class Poll(NamedTuple):
    """One poll's outcome, as health sees it."""

    ok: bool
    error: str | None = None
    keys: frozenset[str] | None = None
    url: str | None = None


class HealthEvent(NamedTuple):
    """One ops event the poll calls for, and what it says."""

    kind: str
    payload: dict[str, Any]


def decide(state: HealthState, poll: Poll, config: HealthConfig, today: dt.date) -> list[HealthEvent]:
    """The ops events a poll calls for (pure)."""
    found: list[HealthEvent] = []
    failures = state.consecutive_failures + 1 if not poll.ok else 0
    if not poll.ok and failures >= config.failures_before_alert and not state.failing_alerted:
        found.append(HealthEvent(POLL_FAILING, {"failures": failures, "error": poll.error, "url": poll.url}))
    if poll.ok and state.failing_alerted:
        found.append(HealthEvent(POLL_RECOVERED, {"failures": state.consecutive_failures, "url": poll.url}))
    if poll.keys is not None:
        from scraper.parsing.feed import EXPECTED_KEYS  # a parsed copy's keys (never a 304's)

        missing, added = sorted(EXPECTED_KEYS - poll.keys), sorted(poll.keys - EXPECTED_KEYS)
        change = {"missing": missing, "added": added}
        last = state.last_shape_change or {"missing": [], "added": []}
        if change != {"missing": last.get("missing", []), "added": last.get("added", [])}:
            found.append(HealthEvent(FEED_SHAPE_CHANGED, {**change, **_shape_said(poll.keys)}))
    latest = state.latest_round_date
    if latest is not None and poll.ok:
        days = (today - latest).days
        if days > config.stale_after_days and state.stale_alerted_for != latest:
            found.append(HealthEvent(FEED_STALE, {"latest_round_date": latest.isoformat(), "days": days}))
    return found


def _shape_said(keys: frozenset[str]) -> dict[str, Any]:
    """What a change of the feed's shape means for the facts, for the people the alert reaches."""
    from scraper.parsing.feed import EXPECTED_KEYS, renamed_keys  # a parsed copy's keys (never a 304's)

    renamed = renamed_keys(keys)
    unread = sorted(EXPECTED_KEYS - keys - set(renamed.values()))
    parts = ["The feed's records changed shape."]
    if renamed:
        parts.append(
            "Read as before: " + ", ".join(f"{new} as {old}" for new, old in sorted(renamed.items())) + "."
        )
    if unread:
        parts.append(
            f"No record carries {', '.join(unread)}: those facts are unknown in this copy; the stored "
            "values stand (no round is amended to unknown) and new rounds are stored with what can be read."
        )
    else:
        parts.append("Every fact is still read; the stored rounds stand.")
    return {"renamed": renamed, "message": " ".join(parts)}


def state_of(
    failures: int,
    failing_id: int | None,
    recovered_id: int | None,
    stale: dict[str, Any] | None,
    shape: dict[str, Any] | None,
    latest: dt.date | None,
) -> HealthState:
    """The state from the columns the store reads (one statement, through SQLAlchemy or ``sqlite3``)."""
    return HealthState(
        consecutive_failures=failures,
        failing_alerted=failing_id is not None and (recovered_id is None or recovered_id < failing_id),
        latest_round_date=latest,
        stale_alerted_for=dt.date.fromisoformat(stale["latest_round_date"]) if stale else None,
        last_shape_change=shape,
    )


def instance_name() -> str:
    """``host:pid`` of this process."""
    return f"{socket.gethostname()}:{os.getpid()}"
