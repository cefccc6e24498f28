"""Health of the watcher: heartbeats and the ops events they call for.

Events (routed by the alert rules like any other):
``poll_failing`` once when N polls in a row failed, ``poll_recovered`` at the
first success after it, ``feed_stale`` once when no new round appeared for the
configured number of days, ``feed_shape_changed`` when the feed's record keys
change (named), once per distinct change. The decision is a pure function of
the state read from the store.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Connection, Date, bindparam, func, insert, select

from eewatch.app.health_rules import HealthEvent, HealthState, Poll, decide, instance_name, state_of
from eewatch.config import HealthConfig
from eewatch.domain.events import (
    CATEGORY_UNKNOWN,
    FEED_SHAPE_CHANGED,
    FEED_STALE,
    POLL_FAILING,
    POLL_RECOVERED,
)
from eewatch.domain.fetches import ERROR, FeedFetch
from eewatch.domain.record import CONFIRMED
from eewatch.store import schema
from eewatch.store.schema import heartbeats
from eewatch.store.store import EARLIEST_ROUND, FetchSummary, Store

__all__ = [
    "OUTAGE",
    "HealthEvent",
    "HealthState",
    "Poll",
    "decide",
    "instance_name",
    "load_state",
    "record_outage",
    "record_poll",
    "state_of",
]


def _state_query() -> Any:
    """One statement for the whole health state (a poll reads it every time)."""
    hb, ev, r = heartbeats, schema.events, schema.rounds
    last_ok = select(func.max(hb.c.id)).where(hb.c.outcome != ERROR).scalar_subquery()
    failures = (
        select(func.count())
        .select_from(hb)
        .where(hb.c.outcome == ERROR, hb.c.id > func.coalesce(last_ok, 0))
        .scalar_subquery()
    )

    def last(column: Any, kind: str) -> Any:
        return select(column).where(ev.c.kind == kind).order_by(ev.c.id.desc()).limit(1).scalar_subquery()

    return select(
        failures.label("failures"),
        last(ev.c.id, POLL_FAILING).label("failing_id"),
        last(ev.c.id, POLL_RECOVERED).label("recovered_id"),
        last(ev.c.payload, FEED_STALE).label("stale"),
        last(ev.c.payload, FEED_SHAPE_CHANGED).label("shape"),
        # A round dated before 2015 or after tomorrow is a typo: it never counts as the latest.
        select(func.max(r.c.date))
        .where(
            r.c.status == CONFIRMED,
            r.c.date >= EARLIEST_ROUND,
            r.c.date <= bindparam("latest_possible", type_=Date),
        )
        .scalar_subquery()
        .label("latest"),
    )


STATE_QUERY = _state_query()
HEARTBEAT_INSERT = insert(heartbeats)


def load_state(conn: Connection, today: dt.date) -> HealthState:
    """Read the health state from heartbeats, events and rounds (as of ``today``)."""
    row = conn.execute(STATE_QUERY, {"latest_possible": today + dt.timedelta(days=1)}).one()
    return state_of(row.failures, row.failing_id, row.recovered_id, row.stale, row.shape, row.latest)


def unknown_lists(conn: Connection, fetch: FeedFetch, summary: FetchSummary | None) -> list[HealthEvent]:
    """One ``category_unknown`` event per category and version whose list eewatch does not know, the
    first time a new or amended round of it arrives (never again for the same category and version)."""
    from eewatch.domain.eligibility import unknown_list  # the catalog: not for `eewatch status`

    if summary is None or fetch.parsed is None or not (summary.new or summary.amended):
        return []
    arrived = set(summary.new) | set(summary.amended)
    rounds = [r for r in fetch.parsed.rounds if r.id in arrived]
    said: set[tuple[str, str]] | None = None  # read from the events once, where needed
    events: list[HealthEvent] = []
    for round_ in rounds:
        why = unknown_list(round_)
        if why is None or round_.category is None:
            continue
        if said is None:
            ev = schema.events
            told = conn.execute(select(ev.c.payload).where(ev.c.kind == CATEGORY_UNKNOWN)).scalars()
            said = {(str(p.get("category")), str(p.get("version"))) for p in told if isinstance(p, dict)}
        key = (round_.category, round_.category_version or "")
        if key in said:
            continue
        said.add(key)
        message = (
            f"eligibility unknown for category {round_.category!r}: {why}; alerts say so until a list for it "
            "is added to the catalog (docs/categories.md)"
        )
        payload = {
            "category": round_.category,
            "version": round_.category_version or "",
            "round": round_.id,
            "name": round_.name or "",
            "date": round_.date.isoformat(),
            "message": message,
        }
        events.append(HealthEvent(CATEGORY_UNKNOWN, payload))
    return events


#: How the heartbeat of a database outage begins (``eewatch status`` shows the latest).
OUTAGE = "database unreachable"


def record_outage(store: Store, first: dt.datetime, polls: int, reason: str, mode: str) -> None:
    """Once the database answers again: one failed heartbeat for the polls it could not record."""
    now = store.clock()
    span = f"from {first:%Y-%m-%d %H:%M:%S} to {now:%Y-%m-%d %H:%M:%S} UTC"
    error = f"{OUTAGE} {span} ({polls} poll(s) skipped): {reason}"
    with store.engine.begin() as conn:
        conn.execute(
            HEARTBEAT_INSERT,
            {"instance": instance_name(), "mode": mode, "at": first, "outcome": ERROR, "error": error[:2000]},
        )


def record_poll(
    store: Store, fetch: FeedFetch, summary: FetchSummary | None, config: HealthConfig, mode: str
) -> list[HealthEvent]:
    """Write the poll's heartbeat and the ops events it calls for, in one transaction."""
    now = store.clock()
    poll = Poll(
        ok=fetch.outcome != ERROR,
        error=fetch.error,
        keys=fetch.parsed.keys if fetch.parsed is not None else None,
        url=fetch.url,
    )
    with store.engine.begin() as conn:
        found = decide(load_state(conn, now.date()), poll, config, now.date())
        found += unknown_lists(conn, fetch, summary)
        conn.execute(
            HEARTBEAT_INSERT,
            {
                "instance": instance_name(),
                "mode": mode,
                "at": now,
                "outcome": fetch.outcome,
                "http_status": fetch.http_status,
                "bytes": fetch.bytes,
                "duration_ms": fetch.duration_ms,
                "new_rounds": len(summary.new) if summary else None,
                "amended_rounds": len(summary.amended) if summary else None,
                "error": fetch.error,
            },
        )
        if found:
            conn.execute(
                insert(schema.events),
                [
                    {
                        "kind": e.kind,
                        "round_id": None,
                        "fetch_id": summary.fetch_id if summary else None,
                        "created_at": now,
                        "baseline": False,
                        "payload": e.payload,
                    }
                    for e in found
                ],
            )
    return found
