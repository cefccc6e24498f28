"""What ``eewatch status`` reports, read from the store (a view: it writes nothing)."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from typing import Any

from sqlalchemy import Connection, func, select

from eewatch.app.health import OUTAGE, load_state
from eewatch.config import HealthConfig
from eewatch.domain.events import CATEGORY_UNKNOWN
from eewatch.domain.fetches import CHANGED, ERROR
from eewatch.domain.record import CONFIRMED
from eewatch.store import schema
from eewatch.store.schema import heartbeats
from eewatch.store.store import EARLIEST_ROUND, Store


@dataclass
class Status:
    """The watcher's health at a glance."""

    last_poll_at: dt.datetime | None = None
    last_poll_outcome: str | None = None
    last_success_at: dt.datetime | None = None
    last_error: str | None = None
    last_round: str | None = None
    last_round_date: dt.date | None = None
    consecutive_failures: int = 0
    deliveries: dict[str, int] = field(default_factory=dict)
    #: When the oldest alert still waiting to be delivered was queued.
    oldest_undelivered: dt.datetime | None = None
    #: Days since the newest round, and whether that is longer than ``[health] stale_after_days``:
    #: a stale feed is IRCC's silence, not an unhealthy eewatch, so it is not a problem.
    days_since_last_round: int | None = None
    feed_stale: bool = False
    #: The latest time the database could not be reached by the daemon (written once it could).
    last_database_outage: str | None = None
    #: Category versions whose rounds arrived with no known eligibility list (and still have none):
    #: a notice for the operator, not a problem of eewatch's health.
    unknown_categories: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def healthy(self) -> bool:
        return not self.problems

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["healthy"] = self.healthy
        return {k: (v.isoformat() if isinstance(v, dt.date | dt.datetime) else v) for k, v in data.items()}


def _rejected_newest(conn: Connection) -> list[dict[str, Any]]:
    """The rejected records of the latest stored copy of the feed that would have been the newest
    round, less those stored since (by an announcement, or a round stored under that id)."""
    f, r = schema.fetches, schema.rounds
    problems = conn.execute(
        select(f.c.problems)
        .where(f.c.source == "feed", f.c.outcome == CHANGED, f.c.rounds_seen.is_not(None))
        .order_by(f.c.id.desc())
        .limit(1)
    ).scalar()
    flagged = [p for p in problems or () if isinstance(p, dict) and p.get("newest")]
    ids = {
        str(p["round_id"]): str(p["round_id"]).lstrip("#").strip().lower()
        for p in flagged
        if p.get("round_id")
    }
    query = select(r.c.id).where(r.c.id.in_(list(ids.values())), r.c.status == CONFIRMED)
    stored = {row.id for row in conn.execute(query)}
    return [p for p in flagged if ids.get(str(p.get("round_id"))) not in stored]


def _still_unknown(payload: dict[str, Any]) -> bool:
    """A told category version the catalog still has no list for (a shipped list ends the notice)."""
    try:
        day = dt.date.fromisoformat(str(payload.get("date")))
    except ValueError:
        return True
    from eewatch.domain.occupations import load_catalog  # only when a notice was told

    return load_catalog().version_on(str(payload.get("category")), day) is None


def read_status(
    store: Store,
    health: HealthConfig,
    now: dt.datetime,
    deliveries: dict[str, int] | None = None,
    oldest_undelivered: dt.datetime | None = None,
) -> Status:
    """Read the status; ``problems`` says why it is unhealthy, if it is."""
    hb, r = heartbeats, schema.rounds
    with store.engine.connect() as conn:
        last = conn.execute(select(hb).order_by(hb.c.id.desc()).limit(1)).first()
        last_ok = conn.execute(select(func.max(hb.c.at)).where(hb.c.outcome != ERROR)).scalar()
        newest = conn.execute(
            select(r.c.id, r.c.date)
            .where(
                r.c.status == CONFIRMED,
                r.c.date >= EARLIEST_ROUND,
                r.c.date <= now.date() + dt.timedelta(days=1),
            )
            .order_by(r.c.date.desc(), r.c.number.desc())
            .limit(1)
        ).first()
        state = load_state(conn, now.date())
        rejected = _rejected_newest(conn)
        outage = conn.execute(
            select(hb.c.error)
            .where(hb.c.outcome == ERROR, hb.c.error.startswith(OUTAGE))
            .order_by(hb.c.id.desc())
            .limit(1)
        ).scalar()
        told = conn.execute(
            select(schema.events.c.payload)
            .where(schema.events.c.kind == CATEGORY_UNKNOWN)
            .order_by(schema.events.c.id)
        ).scalars()
        unknown = [p for p in told if isinstance(p, dict) and _still_unknown(p)]
    status = Status(
        last_poll_at=last.at if last else None,
        last_poll_outcome=last.outcome if last else None,
        last_success_at=last_ok,
        last_error=last.error if last is not None and last.outcome == ERROR else None,
        last_round=newest.id if newest else None,
        last_round_date=newest.date if newest else None,
        consecutive_failures=state.consecutive_failures,
        deliveries=dict(deliveries or {}),
        oldest_undelivered=oldest_undelivered,
        last_database_outage=outage,
        unknown_categories=[
            f"{p.get('category')} (version {p.get('version') or 'unnamed'}, round #{p.get('round')} "
            f"of {p.get('date')})"
            for p in unknown
        ],
    )
    if newest is not None:
        status.days_since_last_round = (now.date() - newest.date).days
        status.feed_stale = status.days_since_last_round > health.stale_after_days
    if last is None:
        status.problems.append("no poll recorded yet")
    elif last_ok is None or (now - last_ok).total_seconds() > health.unhealthy_after:
        since = f"since {last_ok:%Y-%m-%d %H:%M} UTC" if last_ok else "ever"
        status.problems.append(f"no successful poll {since}")
    if status.consecutive_failures >= health.failures_before_alert:
        status.problems.append(f"{status.consecutive_failures} polls in a row failed")
    for problem in rejected:
        rid = problem.get("round_id")
        which = f"#{rid}" if rid else "at the top of the feed"
        reason = problem.get("reason")
        status.problems.append(
            f"a record that may be a new round ({which}) was rejected by the latest copy: {reason}"
        )
    if status.deliveries.get("failed"):
        status.problems.append(f"{status.deliveries['failed']} alert deliveries failed")
    if (
        oldest_undelivered is not None
        and (now - oldest_undelivered).total_seconds() > health.undelivered_after
    ):
        waited = round((now - oldest_undelivered).total_seconds() / 60)
        status.problems.append(f"an alert has waited {waited} min to be delivered (eewatch outbox)")
    return status
