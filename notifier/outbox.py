"""The outbox: events -> one row per (event, rule, target), and the rows' life.

Enqueueing reads the events not yet handled, renders each match (with the
change against the previous round of the same kind, read from the store
now) and writes the outbox rows and the events' "handled" marks in one
transaction, so each event is enqueued exactly once.

A delivery claims a due row (``pending`` -> ``sending``, attempts + 1, the
attempt time), commits, sends, then records ``sent`` or a failure (back to
``pending`` with exponential backoff, or ``failed`` after the last attempt).
A row found ``sending`` for longer than ``sending_timeout_seconds`` was
left by a crash and is due again. SQLAlchemy Core only; the claim is a
``SELECT ... FOR UPDATE SKIP LOCKED`` on PostgreSQL and a compare-and-set
``UPDATE`` everywhere.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from sqlalchemy import Connection, and_, bindparam, exists, func, insert, or_, select, update

from eewatch.config import Config, NotificationSettings, Profile, Rule
from eewatch.domain.events import (
    DELIVERY_FAILING,
    LIKELY_INVITED,
    NEW_ROUND,
    ROUND_AMENDED,
    SOURCE_ERROR,
    TOLD_TO_EVERY_RULE,
)
from eewatch.domain.occupations import Catalog, load_catalog
from eewatch.domain.record import Round
from eewatch.store import schema
from eewatch.store.announcements import learned_lists
from eewatch.store.rows import chunks, event_row
from eewatch.store.schema import alert_events_handled, alert_outbox
from eewatch.store.store import Store, row_to_round
from notifier.audience import plan, row_key, same_target
from notifier.events import Event
from notifier.render import Message, render_event, render_mass_amendment
from notifier.rules import matching_rules
from notifier.secrets import human_label, target_key, target_label

PENDING, SENDING, SENT, FAILED = "pending", "sending", "sent", "failed"

#: Outcomes recorded for a handled event.
ENQUEUED, NO_MATCH, BASELINE, SUPPRESSED = "enqueued", "no_match", "baseline", "suppressed"
#: Every alert the event called for went out with another event: a mass-amendment summary, or
#: the first source_error of an outage.
COLLAPSED = "collapsed"

_BATCH = 500


@dataclasses.dataclass(frozen=True)
class OutboxRow:
    """One delivery (no secrets: the target is a label and a hash)."""

    id: int
    event_id: int
    rule: str
    target_key: str
    target_label: str
    kind: str
    round_id: str | None
    message: Message
    status: str
    attempts: int
    created_at: dt.datetime
    next_attempt_at: dt.datetime
    last_attempt_at: dt.datetime | None
    sent_at: dt.datetime | None
    last_error: str | None

    @classmethod
    def from_row(cls, row: Mapping[Any, Any]) -> OutboxRow:
        message = Message(row["title"], row["body_text"], row["body_markdown"], row["body_html"])
        keys = [f.name for f in dataclasses.fields(cls) if f.name != "message"]
        values = {key: row[key] for key in keys}
        # A row written by an earlier version holds the masked URL: shown for people all the same.
        values["target_label"] = human_label(values["target_label"])
        return cls(message=message, **values)


@dataclasses.dataclass
class EnqueueResult:
    """What one enqueue pass did."""

    events: int = 0
    enqueued: int = 0
    by_outcome: dict[str, int] = dataclasses.field(default_factory=dict)


# -- enqueue ----------------------------------------------------------------------


def enqueue(
    store: Store,
    settings: Config,
    now: dt.datetime,
    *,
    send: bool = True,
    backfill: int = 0,
) -> EnqueueResult:
    """Turn every unhandled event into outbox rows (one transaction per batch of events)."""
    result = EnqueueResult()
    chosen: set[int] = set()
    if send and backfill > 0:
        with store.engine.connect() as conn:
            chosen = _backfill_choice(_unhandled_events(conn, None, baseline_only=True), backfill)
    # The storms of each copy, read once per pass (a storm can span many batches), and the
    # last event handled: each batch reads on from it (the first reads from the start).
    storms = Storms()
    after: int | None = None
    while True:
        with store.engine.begin() as conn:
            # Lists learned from round pages count only where a profile is judged.
            catalog = load_catalog().with_learned(learned_lists(conn)) if settings.profile else None
            events = _unhandled_batch(conn, after, settings, storms, catalog)
            if not events:
                return result
            handled: list[dict[str, Any]] = []
            for event in events:
                outcome, count = _enqueue_event(
                    conn, event, settings, now, send, event.id in chosen, storms, catalog
                )
                handled.append(
                    {"event_id": event.id, "handled_at": now, "outcome": outcome, "deliveries": count}
                )
                result.by_outcome[outcome] = result.by_outcome.get(outcome, 0) + 1
                result.enqueued += count
            conn.execute(insert(alert_events_handled), handled)
            result.events += len(events)
            after = events[-1].id
        if len(events) < _BATCH:
            # The last batch. Not asking again saves a scan of every event (the query's cost
            # grows with history); an event written since is the next pass's, as it would be
            # had it come a moment later.
            return result


def _unhandled_batch(
    conn: Connection, after: int | None, settings: Config, storms: Storms, catalog: Catalog | None = None
) -> list[Event]:
    """The next batch of unhandled events (after ``after``), the storms among them read first:
    an amendment of a storm is decoded once per pass, when its storm is read."""
    e, h = schema.events, alert_events_handled
    query = (
        select(e.c.id, e.c.kind, e.c.fetch_id)
        .where(~exists().where(h.c.event_id == e.c.id))
        .order_by(e.c.id)
        .limit(_BATCH)
    )
    if after is not None:
        query = query.where(e.c.id > after)
    heads = conn.execute(query).all()
    fetch_ids = {row.fetch_id for row in heads if row.kind == ROUND_AMENDED and row.fetch_id is not None}
    _mass_amendments(conn, fetch_ids, settings, storms, catalog)
    wanted = [row.id for row in heads if row.id not in storms.events]
    found: dict[int, Event] = {}
    for chunk in chunks(wanted, 500):
        for row in conn.execute(select(e).where(e.c.id.in_(chunk))):
            found[row.id] = Event.from_row(row._mapping)
    return [storms.events.get(row.id) or found[row.id] for row in heads]


def _unhandled_events(
    conn: Connection, limit: int | None, *, baseline_only: bool = False, after: int | None = None
) -> list[Event]:
    """Events no pass has handled, oldest first; ``after``: only those with a larger id.

    An event committed late with a smaller id than ``after`` (PostgreSQL hands out ids
    before commit) is the next pass's, which reads from the start.
    """
    e, h = schema.events, alert_events_handled
    query = select(e).where(~exists().where(h.c.event_id == e.c.id)).order_by(e.c.id).limit(limit)
    if after is not None:
        query = query.where(e.c.id > after)
    if baseline_only:
        query = query.where(e.c.baseline.is_(True), e.c.kind == NEW_ROUND)
    return [Event.from_row(row._mapping) for row in conn.execute(query)]


def _backfill_choice(events: Sequence[Event], count: int) -> set[int]:
    """The newest ``count`` baseline new_round events (by round date and number)."""
    candidates = [e for e in events if e.baseline and e.kind == NEW_ROUND and e.round is not None]

    def newest(event: Event) -> tuple[dt.date, int, str]:
        round_ = event.round
        assert round_ is not None
        return (round_.date, round_.number, round_.id)

    return {e.id for e in sorted(candidates, key=newest, reverse=True)[:count]}


@dataclasses.dataclass
class Storms:
    """The copies whose amendments one pass has read, and what they hold.

    ``by_fetch``: fetch id -> rule name -> the round_amended events of that copy the rule
    matches, when more than ``[notifications] mass_amendment_threshold`` (one summary alert
    instead of one each); a copy with no storm maps to an empty dict. For a copy with more
    amendments than the threshold, ``events`` holds them, decoded once, and ``rules`` the
    rules each matches.
    """

    by_fetch: dict[int, dict[str, list[Event]]] = dataclasses.field(default_factory=dict)
    events: dict[int, Event] = dataclasses.field(default_factory=dict)
    rules: dict[int, list[Rule]] = dataclasses.field(default_factory=dict)


def _outage_going_on(conn: Connection, event: Event) -> bool:
    """Did the fetch of the same source before this event's fail too (the alert went out then)?"""
    if event.fetch_id is None:
        return False
    f = schema.fetches
    source = event.payload.get("source") or "feed"
    query = select(f.c.outcome).where(f.c.source == source, f.c.id < event.fetch_id)
    return conn.execute(query.order_by(f.c.id.desc()).limit(1)).scalar() == "error"


def _mass_amendments(
    conn: Connection, fetch_ids: set[int], settings: Config, storms: Storms, catalog: Catalog | None = None
) -> None:
    """Read into ``storms`` the copies among ``fetch_ids`` not read yet in this pass."""
    e = schema.events
    threshold = settings.notifications.mass_amendment_threshold
    for fetch_id in sorted(fetch_ids - storms.by_fetch.keys()):
        storms.by_fetch[fetch_id] = {}
        count = select(func.count()).where(e.c.fetch_id == fetch_id, e.c.kind == ROUND_AMENDED)
        if conn.execute(count).scalar_one() <= threshold:
            continue
        query = select(e).where(e.c.fetch_id == fetch_id, e.c.kind == ROUND_AMENDED).order_by(e.c.id)
        amended = [Event.from_row(row._mapping) for row in conn.execute(query)]
        matched: dict[str, list[Event]] = {rule.name: [] for rule in settings.alerts}
        for event in amended:
            rules = matching_rules(settings.alerts, event, settings.profile, catalog)
            storms.events[event.id] = event
            storms.rules[event.id] = rules
            for rule in rules:
                matched[rule.name].append(event)
        storms.by_fetch[fetch_id] = {name: found for name, found in matched.items() if len(found) > threshold}


def _enqueue_event(
    conn: Connection,
    event: Event,
    settings: Config,
    now: dt.datetime,
    send: bool,
    backfilled: bool,
    storms: Storms | None = None,
    catalog: Catalog | None = None,
) -> tuple[str, int]:
    if not send:
        return SUPPRESSED, 0
    if event.baseline and not backfilled:
        return BASELINE, 0
    # A storm's amendments were matched once already (for the [profile]); rules with profiles
    # are judged per profile in the plan.
    cached = storms.rules.get(event.id) if storms is not None else None
    if cached is not None:
        named = {rule.name for rule in cached}
        rules = [
            r for r in settings.alerts if r.name in named or (r.profiles is not None and _listens(r, event))
        ]
    else:
        rules = [rule for rule in settings.alerts if _listens(rule, event)]
    if not rules:
        return NO_MATCH, 0
    if event.kind == SOURCE_ERROR and _outage_going_on(conn, event):
        return COLLAPSED, 0  # one source_error alert per outage: its first failed fetch
    round_ = event.round
    previous = previous_of_same_kind(conn, round_) if round_ is not None and event.kind == NEW_ROUND else None
    # A storm swallows amendments only: a new round in the same copy is alerted as ever.
    in_storm = (
        storms.by_fetch.get(event.fetch_id or 0, {})
        if storms is not None and event.kind == ROUND_AMENDED
        else {}
    )
    collapsed = False
    chosen = []
    for rule in rules:
        storm = in_storm.get(rule.name)
        if storm is not None and storm[0].id != event.id:
            collapsed = True  # summarised in the alert of the storm's first event
            continue
        chosen.append(rule)

    def plain(rule: Rule, profile: Profile | None) -> Message:
        storm = in_storm.get(rule.name)
        if storm is not None:
            return render_mass_amendment(storm, rule)
        return render_event(event, rule, profile, previous, catalog)

    # An ops event told to every rule reaches each target once: the plan merges one target's
    # deliveries of one event into one message naming every rule.
    matched = {rule.name for rule in cached} if cached is not None else None
    deliveries = plan(event, chosen, settings, plain, catalog=catalog, matched=matched).deliveries()
    if event.kind == DELIVERY_FAILING:
        # Never told through the target that fails.
        failing = same_target(str(event.payload.get("target_key")))
        kept = [d for d in deliveries if same_target(target_key(d.target)) != failing]
        collapsed = collapsed or len(kept) < len(deliveries)
        deliveries = kept
    if not deliveries:
        return (COLLAPSED if collapsed else NO_MATCH), 0
    rows = [
        _outbox_row(
            event,
            d.rules[0],
            d.target,
            d.message(),
            now,
            key=row_key(d.target, d.kind, d.subject, event.kind),
            kind=d.kind,
            label=d.label(),
        )
        for d in deliveries
    ]
    conn.execute(insert(alert_outbox), rows)
    return ENQUEUED, len(rows)


def _listens(rule: Rule, event: Event) -> bool:
    """Does the rule listen to this event's kind (a new round also makes likely_invited; every rule
    hears the ops events :data:`~eewatch.domain.events.TOLD_TO_EVERY_RULE`)?"""
    return (
        event.kind in rule.events
        or event.kind in TOLD_TO_EVERY_RULE
        or (event.kind == NEW_ROUND and LIKELY_INVITED in rule.events)
    )


def _outbox_row(
    event: Event,
    rule: str,
    target: str,
    message: Message,
    now: dt.datetime,
    *,
    key: str | None = None,
    kind: str | None = None,
    label: str | None = None,
) -> dict[str, Any]:
    return {
        "event_id": event.id,
        "rule": rule,
        "target_key": key or target_key(target),
        "target_label": label or target_label(target),
        "kind": kind or event.kind,
        "round_id": event.round_id,
        "title": message.title,
        "body_text": message.text,
        "body_markdown": message.markdown,
        "body_html": message.html,
        "status": PENDING,
        "attempts": 0,
        "created_at": now,
        "next_attempt_at": now,
    }


def previous_of_same_kind(conn: Connection, round_: Round) -> Round | None:
    """The newest stored round before this one of the same kind (category, program, or general)."""
    r = schema.rounds
    query = select(r).where(
        r.c.id != round_.id,
        r.c.round_type == round_.round_type,
        or_(r.c.date < round_.date, and_(r.c.date == round_.date, r.c.number < round_.number)),
    )
    if round_.round_type == "category":
        query = query.where(r.c.category == round_.category)
    query = query.order_by(r.c.date.desc(), r.c.number.desc()).limit(50)
    for row in conn.execute(query):
        candidate = row_to_round(row._mapping)
        if round_.round_type != "program" or set(candidate.programs) == set(round_.programs):
            return candidate
    return None


# -- claiming and recording ------------------------------------------------------------


def backoff(attempts: int, notifications: NotificationSettings) -> dt.timedelta:
    """Wait before the next attempt after ``attempts`` failed ones: base * 2**(n-1), capped."""
    seconds = notifications.backoff_seconds * 2 ** max(0, attempts - 1)
    return dt.timedelta(seconds=min(seconds, notifications.backoff_max_seconds))


def _due(now: dt.datetime, notifications: NotificationSettings) -> Any:
    """Rows to send now: pending and due, or left ``sending`` by a crash.

    No retry waits longer than ``backoff_max_seconds`` from now, and no send is under way
    for longer than ``sending_timeout_seconds``: a time further ahead was written under a
    wall clock that has since stepped back (a clock two years ahead for a while), and is
    due now rather than in two years.
    """
    timeout = dt.timedelta(seconds=notifications.sending_timeout_seconds)
    horizon = now + dt.timedelta(seconds=notifications.backoff_max_seconds)
    o = alert_outbox
    return or_(
        and_(o.c.status == PENDING, or_(o.c.next_attempt_at <= now, o.c.next_attempt_at > horizon)),
        and_(
            o.c.status == SENDING,
            or_(o.c.last_attempt_at <= now - timeout, o.c.last_attempt_at > now + timeout),
        ),
    )


# Built once: a delivery pass runs them per row, and building a statement costs more than running it.
_CLAIM_ONE = (
    update(alert_outbox)
    .where(
        alert_outbox.c.id == bindparam("b_id"),
        alert_outbox.c.status == bindparam("b_status"),
        alert_outbox.c.attempts == bindparam("b_attempts"),
    )
    .values(status=SENDING, attempts=bindparam("b_next"), last_attempt_at=bindparam("b_now"))
)
_SENT = (
    update(alert_outbox)
    .where(alert_outbox.c.id == bindparam("b_id"), alert_outbox.c.status == SENDING)
    .values(status=SENT, sent_at=bindparam("b_at"), last_error=None)
)


def claim(
    store: Store,
    now: dt.datetime,
    notifications: NotificationSettings,
    limit: int = 1,
    *,
    after_id: int = 0,
) -> list[OutboxRow]:
    """Claim up to ``limit`` due rows (id above ``after_id``): mark them ``sending`` (attempts + 1), commit.

    Each row is a compare-and-set (its status and attempts as read), so two processes never
    claim one row; PostgreSQL also skips rows another transaction holds.
    """
    o = alert_outbox
    ids: list[int] = []
    with store.engine.begin() as conn:
        query = (
            select(o.c.id, o.c.status, o.c.attempts)
            .where(_due(now, notifications), o.c.id > after_id)
            .order_by(o.c.id)
            .limit(limit)
        )
        candidates = conn.execute(query.with_for_update(skip_locked=True)).all()
        for row in candidates:
            values = {"b_id": row.id, "b_status": row.status, "b_attempts": row.attempts}
            done = conn.execute(_CLAIM_ONE, {**values, "b_next": row.attempts + 1, "b_now": now})
            if done.rowcount == 1:
                ids.append(row.id)
        if not ids:
            return []
        fresh = conn.execute(select(o).where(o.c.id.in_(ids)).order_by(o.c.id)).all()
    return [OutboxRow.from_row(row._mapping) for row in fresh]


def record_sent(store: Store, row: OutboxRow, now: dt.datetime) -> None:
    """The send succeeded."""
    record_sent_many(store, [row], now)


def record_sent_many(store: Store, rows: Sequence[OutboxRow], now: dt.datetime) -> None:
    """These sends succeeded: one transaction for all (a delivery pass records as results arrive)."""
    if rows:
        with store.engine.begin() as conn:
            conn.execute(_SENT, [{"b_id": row.id, "b_at": now} for row in rows])


def record_failure(
    store: Store, row: OutboxRow, now: dt.datetime, error: str, notifications: NotificationSettings
) -> str:
    """The send failed (``error`` already redacted): retry later, or give up. Returns the new status."""
    o = alert_outbox
    if row.attempts >= notifications.max_attempts:
        values: dict[str, Any] = {"status": FAILED, "last_error": error[:2000]}
    else:
        values = {
            "status": PENDING,
            "last_error": error[:2000],
            "next_attempt_at": now + backoff(row.attempts, notifications),
        }
    with store.engine.begin() as conn:
        done = conn.execute(update(o).where(o.c.id == row.id, o.c.status == SENDING).values(**values))
        if values["status"] == FAILED and done.rowcount and not _failing_already_told(conn, row.target_key):
            payload = {
                "target": row.target_label,
                "target_key": row.target_key,
                "rule": row.rule,
                "error": error,
            }
            conn.execute(insert(schema.events), [event_row(DELIVERY_FAILING, None, None, now, payload)])
    return str(values["status"])


def _failing_already_told(conn: Connection, key: str) -> bool:
    """Was this target's failure told since its last successful send (one ops alert per outage)?"""
    o, e = alert_outbox, schema.events
    target = same_target(key)
    last_ok = conn.execute(
        select(func.max(o.c.sent_at)).where(o.c.target_key.startswith(target), o.c.status == SENT)
    ).scalar()
    told = select(e.c.created_at, e.c.payload).where(e.c.kind == DELIVERY_FAILING)
    return any(
        same_target(str((row.payload or {}).get("target_key"))) == target
        and (last_ok is None or row.created_at > last_ok)
        for row in conn.execute(told)
    )


# -- reading and operator actions ------------------------------------------------------


def rows(store: Store, statuses: Iterable[str] | None = None) -> list[OutboxRow]:
    """Outbox rows, oldest first, optionally only these statuses."""
    o = alert_outbox
    query = select(o).order_by(o.c.id)
    if statuses is not None:
        query = query.where(o.c.status.in_(list(statuses)))
    with store.engine.connect() as conn:
        return [OutboxRow.from_row(row._mapping) for row in conn.execute(query)]


def next_attempt(store: Store) -> dt.datetime | None:
    """When the soonest pending row is due (None: nothing pending)."""
    o = alert_outbox
    with store.engine.connect() as conn:
        return conn.execute(select(func.min(o.c.next_attempt_at)).where(o.c.status == PENDING)).scalar()


def make_due(store: Store, now: dt.datetime) -> int:
    """Pending rows waiting for their retry time -> due now (attempts kept). Returns how many."""
    o = alert_outbox
    with store.engine.begin() as conn:
        done = conn.execute(
            update(o).where(o.c.status == PENDING, o.c.next_attempt_at > now).values(next_attempt_at=now)
        )
    return int(done.rowcount)


def retry_failed(store: Store, now: dt.datetime) -> int:
    """Failed rows -> pending, due now, with a fresh set of attempts. Returns how many."""
    o = alert_outbox
    with store.engine.begin() as conn:
        done = conn.execute(
            update(o).where(o.c.status == FAILED).values(status=PENDING, attempts=0, next_attempt_at=now)
        )
    return int(done.rowcount)
