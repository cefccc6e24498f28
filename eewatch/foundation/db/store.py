"""The store: one transaction per fetch; history is append-only.

A round missing from a later copy is never deleted (canada.ca serves stale
copies). A changed value of a known round is an amendment: a new revision and
a ``round_amended`` event. A version seen before and since superseded that
comes back is a stale copy, not an amendment. Events are written in the same
transaction as the data they describe.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, Engine, bindparam, create_engine, event, func, insert, select, update

from eewatch.foundation.clock import Clock, utcnow
from eewatch.foundation.db import schema
from scraper.domain.events import NEW_ROUND, ROUND_AMENDED, SOURCE_ERROR
from scraper.domain.items import CHANGED, ERROR, FeedFetch
from scraper.domain.record import CONTENT_FIELDS, FIELDS, Round

log = logging.getLogger(__name__)


CONFIRMED = "confirmed"  # seen in the official feed
PROVISIONAL = "provisional"  # seen only in an announcement page or article so far


@dataclass
class FetchSummary:
    """What storing one fetch did."""

    fetch_id: int
    outcome: str
    new: list[str] = field(default_factory=list)
    amended: list[str] = field(default_factory=list)
    stale: list[str] = field(default_factory=list)
    unchanged: int = 0
    events: int = 0
    error: str | None = None


@dataclass(frozen=True)
class Validators:
    """What the last good fetch of a URL gives the next conditional GET."""

    etag: str | None = None
    last_modified: str | None = None
    body_sha256: str | None = None


def content_hash(round_: Round) -> str:
    """A stable hash of a round's published facts (not its derived warnings)."""
    blob = json.dumps(round_.content(), sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(blob.encode()).hexdigest()


def create_store_engine(url: str) -> Engine:
    """An engine for ``url``; SQLite gets WAL, foreign keys and a busy timeout."""
    if url.startswith("sqlite"):
        _ensure_sqlite_dir(url)
        engine = create_engine(url, connect_args={"timeout": 30})

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.close()

        return engine
    return create_engine(url, pool_pre_ping=True)


def _ensure_sqlite_dir(url: str) -> None:
    from pathlib import Path

    from sqlalchemy.engine import make_url

    database = make_url(url).database
    if database and database != ":memory:":
        Path(database).expanduser().parent.mkdir(parents=True, exist_ok=True)


# Built once: the daemon runs these on every poll, and building a statement costs
# more than SQLite takes to run it.
VALIDATORS_QUERY = (
    select(schema.fetches.c.etag, schema.fetches.c.last_modified, schema.fetches.c.body_sha256)
    .where(schema.fetches.c.url == bindparam("url"), schema.fetches.c.outcome == CHANGED)
    .order_by(schema.fetches.c.id.desc())
    .limit(1)
)
FETCH_INSERT = insert(schema.fetches)


class Store:
    """Reads and writes rounds, revisions, fetches and events."""

    def __init__(self, engine: Engine, clock: Clock = utcnow) -> None:
        self.engine = engine
        self.clock = clock
        # Round id -> the Round object last stored from the feed, and -> its content hash.
        # A long-lived caller's parser hands back the same Round object for an
        # unchanged record (scraper/domain/parsing/feed_memo.py), so its hash is not computed again.
        self._hashes: tuple[dict[str, Round], dict[str, str]] = ({}, {})

    @classmethod
    def open(cls, url: str, clock: Clock = utcnow, *, migrate: bool = True) -> Store:
        """Open the database at ``url``, creating or upgrading its schema unless ``migrate=False``

        (for a second handle in a process whose first open already migrated).
        """
        store = cls(create_store_engine(url), clock)
        if migrate:
            from eewatch.foundation.db.migrate import upgrade

            upgrade(store.engine)
        return store

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- reading -----------------------------------------------------------

    def validators(self, url: str) -> Validators:
        """ETag, Last-Modified and body hash of the last good copy of ``url``."""
        with self.engine.connect() as conn:
            row = conn.execute(VALIDATORS_QUERY, {"url": url}).first()
        return Validators(*row) if row else Validators()

    def round_count(self) -> int:
        with self.engine.connect() as conn:
            return conn.execute(select(func.count()).select_from(schema.rounds)).scalar_one()

    def rounds(
        self,
        *,
        category: str | None = None,
        round_type: str | None = None,
        since: dt.date | None = None,
        limit: int | None = None,
        include_provisional: bool = False,
    ) -> list[Round]:
        """Stored rounds, newest first: those the official feed has confirmed, unless told otherwise.

        A provisional round (seen only in an announcement so far) carries a warning saying so.
        """
        r = schema.rounds
        query = select(r).order_by(r.c.date.desc(), r.c.number.desc(), r.c.id.desc())
        if category:
            query = query.where(r.c.category == category)
        if round_type:
            query = query.where(r.c.round_type == round_type)
        if since:
            query = query.where(r.c.date >= since)
        if not include_provisional:
            query = query.where(r.c.status == CONFIRMED)
        if limit:
            query = query.limit(limit)
        with self.engine.connect() as conn:
            found = [_marked(row._mapping) for row in conn.execute(query)]
        return with_source_warnings(self, found)

    def revisions(self, round_id: str) -> list[dict[str, Any]]:
        """Every stored version of a round, oldest first.

        ``last_seen`` is when a copy carrying the version was last seen: for the
        version the latest copy of the feed carried, that copy's time.
        """
        r, rv = schema.rounds, schema.round_revisions
        carried = (r.c.latest_copy_hash == rv.c.content_hash).label("carried")
        query = (
            select(rv, carried)
            .join(r, r.c.id == rv.c.round_id)
            .where(rv.c.round_id == round_id)
            .order_by(rv.c.id)
        )
        with self.engine.connect() as conn:
            found = [dict(row._mapping) for row in conn.execute(query)]
            latest = latest_copy_time(conn) if any(row["carried"] for row in found) else None
        for row in found:
            if row.pop("carried") and latest is not None:
                row["last_seen"] = latest
        return found

    def events(self, kind: str | None = None) -> list[dict[str, Any]]:
        """Stored events, oldest first."""
        e = schema.events
        query = select(e).order_by(e.c.id)
        if kind:
            query = query.where(e.c.kind == kind)
        with self.engine.connect() as conn:
            return [dict(row._mapping) for row in conn.execute(query)]

    # -- writing -----------------------------------------------------------

    def record_feed_fetch(
        self, fetch: FeedFetch, progress: Callable[[int, int], None] | None = None
    ) -> FetchSummary:
        """Store one fetch and what it found, in one transaction."""
        now = self.clock()
        with self.engine.begin() as conn:
            fetch_id = _insert_fetch(conn, fetch, now)
            summary = FetchSummary(fetch_id=fetch_id, outcome=fetch.outcome, error=fetch.error)
            if fetch.outcome == ERROR:
                _insert_events(
                    conn,
                    [
                        _event(
                            SOURCE_ERROR,
                            None,
                            fetch_id,
                            now,
                            {
                                "source": fetch.source,
                                "url": fetch.url,
                                "http_status": fetch.http_status,
                                "error": fetch.error,
                            },
                        )
                    ],
                )
                summary.events = 1
            elif fetch.outcome == CHANGED and fetch.parsed is not None:
                self._apply_rounds(conn, fetch.parsed.rounds, fetch_id, now, summary, fetch.source, progress)
                conn.execute(
                    update(schema.fetches)
                    .where(schema.fetches.c.id == fetch_id)
                    .values(
                        rounds_seen=len(fetch.parsed.rounds),
                        new_rounds=len(summary.new),
                        amended_rounds=len(summary.amended),
                        stale_rounds=len(summary.stale),
                    )
                )
        return summary

    def _apply_rounds(
        self,
        conn: Connection,
        incoming: Sequence[Round],
        fetch_id: int,
        now: dt.datetime,
        summary: FetchSummary,
        source: str,
        progress: Callable[[int, int], None] | None,
    ) -> None:
        r, rv = schema.rounds, schema.round_revisions
        query = select(r.c.id, r.c.content_hash, r.c.status, r.c.latest_copy_hash)
        # Round id -> (content hash, status, the version the last copy carried), as plain tuples.
        current = {rid: (digest, status, marker) for rid, digest, status, marker in conn.execute(query)}
        baseline = not any(status == CONFIRMED for _, status, _ in current.values())

        # One pass over the copy (it is the whole history): each round's content hash
        # (the last copy's, for the same Round object), what it is, and whether the
        # version it carries is the one the last copy carried.
        memo_rounds, memo_hashes = self._hashes
        rounds: dict[str, Round] = {}
        hashes: dict[str, str] = {}
        new_rounds: list[tuple[Round, str]] = []
        confirmed: list[tuple[Round, str]] = []
        differs: list[tuple[Round, str]] = []  # a confirmed round in another version: stale or amended
        moved: list[tuple[str, str | None, str]] = []  # (round, version the last copy carried, this one)
        unchanged = 0
        for item in incoming:
            rid = item.id
            digest = memo_hashes[rid] if memo_rounds.get(rid) is item else content_hash(item)
            rounds[rid] = item
            hashes[rid] = digest
            existing = current.get(rid)
            if existing is None:
                new_rounds.append((item, digest))
                continue
            stored, status, marker = existing
            if marker != digest:
                moved.append((rid, marker, digest))
            if status == PROVISIONAL:
                confirmed.append((item, digest))
            elif stored == digest:
                unchanged += 1
            else:
                differs.append((item, digest))
        self._hashes = (rounds, hashes)  # bounded: the rounds of the copy just read
        gone = [
            (rid, marker)
            for rid, (_, _, marker) in current.items()
            if marker is not None and rid not in hashes
        ]
        # Earlier versions are read only for the rounds that need them.
        known_hashes = _revision_hashes(conn, [item.id for item, _ in differs + confirmed])
        amended: list[tuple[Round, str]] = []
        seen_stale: list[tuple[str, str]] = []
        for item, digest in differs:
            if digest in known_hashes.get(item.id, ()):
                seen_stale.append((item.id, digest))
            else:
                amended.append((item, digest))

        total = len(new_rounds)
        pending_events: list[dict[str, Any]] = []
        done = 0
        for chunk in _chunks(new_rounds, 100):
            conn.execute(
                insert(r),
                [
                    {
                        **_round_row(item, digest),
                        "first_seen": now,
                        "updated_at": now,
                        "latest_copy_hash": digest,
                    }
                    for item, digest in chunk
                ],
            )
            done += len(chunk)
            if progress:
                progress(done, total)
        if new_rounds:
            conn.execute(
                insert(rv),
                [_revision_row(item, digest, source, now, fetch_id) for item, digest in new_rounds],
            )
            _replace_distributions(conn, [item for item, _ in new_rounds])
            pending_events += [
                _event(NEW_ROUND, item.id, fetch_id, now, {"round": item.to_dict()}, baseline=baseline)
                for item, _ in new_rounds
            ]

        for item, digest in confirmed:
            # First seen in an announcement, now in the official feed: the feed's values win.
            conn.execute(
                update(r)
                .where(r.c.id == item.id)
                .values(**_round_row(item, digest), revision_count=r.c.revision_count + 1, updated_at=now)
            )
            if digest not in known_hashes.get(item.id, ()):
                conn.execute(insert(rv).values(**_revision_row(item, digest, source, now, fetch_id)))
            _replace_distributions(conn, [item])
            pending_events.append(
                _event(
                    NEW_ROUND,
                    item.id,
                    fetch_id,
                    now,
                    {"round": item.to_dict(), "confirmed": True},
                    baseline=baseline,
                )
            )

        if confirmed:
            from eewatch.foundation.db.sources_store import record_feed_disagreements

            record_feed_disagreements(conn, [item.id for item, _ in confirmed], now)

        for item, digest in amended:
            old = row_to_round(conn.execute(select(r).where(r.c.id == item.id)).one()._mapping)
            changes = diff_rounds(old, item)
            conn.execute(
                update(r)
                .where(r.c.id == item.id)
                .values(
                    **_round_row(item, digest),
                    revision_count=r.c.revision_count + 1,
                    updated_at=now,
                )
            )
            conn.execute(insert(rv).values(**_revision_row(item, digest, source, now, fetch_id)))
            _replace_distributions(conn, [item])
            pending_events.append(
                _event(
                    ROUND_AMENDED,
                    item.id,
                    fetch_id,
                    now,
                    {"round": item.to_dict(), "previous": old.to_dict(), "changes": changes},
                )
            )
            log.info("round %s amended: %s", item.id, ", ".join(changes))

        _follow_copy(conn, moved, gone, fetch_id, source, now)
        _insert_events(conn, pending_events)
        if seen_stale:
            log.warning(
                "stale copy: %d round(s) in an older version (%s); kept the newer",
                len(seen_stale),
                ", ".join(sorted(i for i, _ in seen_stale)[:10]),
            )
        summary.new = [item.id for item, _ in new_rounds + confirmed]
        summary.amended = [item.id for item, _ in amended]
        summary.stale = [rid for rid, _ in seen_stale]
        summary.unchanged = unchanged
        summary.events = len(pending_events)


PROVISIONAL_NOTE = "provisional: seen in an announcement, not yet in the official feed"


def _marked(row: Any) -> Round:
    """A ``rounds`` row as a Round, a provisional one saying so in its warnings."""
    item = row_to_round(row)
    if row["status"] == PROVISIONAL:
        from dataclasses import replace

        item = replace(item, warnings=(PROVISIONAL_NOTE, *item.warnings))
    return item


def with_source_warnings(store: Store, rounds: list[Round]) -> list[Round]:
    """Add to each round's warnings where an announcement disagrees with it."""
    from dataclasses import replace

    from eewatch.foundation.db.sources_store import source_warnings

    extra = source_warnings(store, [r.id for r in rounds])
    return [replace(r, warnings=(*r.warnings, *extra[r.id])) if r.id in extra else r for r in rounds]


def diff_rounds(old: Round, new: Round) -> dict[str, list[Any]]:
    """Fields whose published value changed: ``{field: [old, new]}``, JSON-ready."""
    a, b = old.content(), new.content()
    return {key: [a[key], b[key]] for key in CONTENT_FIELDS if a[key] != b[key]}


def row_to_round(row: Any) -> Round:
    """A ``rounds`` row -> :class:`Round` (the columns bear the record's field names)."""
    values = {name: row[name] for name in FIELDS}
    values["programs"] = tuple(values["programs"] or ())
    values["warnings"] = tuple(values["warnings"] or ())
    return Round(**values)


def _round_row(item: Round, digest: str) -> dict[str, Any]:
    """A :class:`Round` -> the values of its ``rounds`` row."""
    values = {name: getattr(item, name) for name in FIELDS}
    values["programs"] = list(item.programs)
    values["warnings"] = list(item.warnings)
    values["distribution"] = dict(item.distribution) if item.distribution is not None else None
    return {**values, "status": CONFIRMED, "content_hash": digest}


def _revision_row(item: Round, digest: str, source: str, now: dt.datetime, fetch_id: int) -> dict[str, Any]:
    return {
        "round_id": item.id,
        "content_hash": digest,
        "record": item.to_dict(),
        "source": source,
        "first_seen": now,
        "last_seen": now,
        "first_fetch_id": fetch_id,
    }


def _replace_distributions(conn: Connection, items: Iterable[Round]) -> None:
    pd = schema.pool_distributions
    items = list(items)
    ids = [item.id for item in items]
    for chunk in _chunks(ids, 500):
        conn.execute(pd.delete().where(pd.c.round_id.in_(chunk)))
    rows = [
        {"round_id": item.id, "band": band, "as_of": item.distribution_as_of, "candidates": count}
        for item in items
        if item.distribution
        for band, count in item.distribution.items()
    ]
    if rows:
        conn.execute(insert(pd), rows)


def _revision_hashes(conn: Connection, round_ids: Sequence[str]) -> dict[str, set[str]]:
    """Round id -> the content hashes of its stored revisions, for these rounds only."""
    rv = schema.round_revisions
    known: dict[str, set[str]] = {}
    for chunk in _chunks(list(dict.fromkeys(round_ids)), 500):
        for row in conn.execute(select(rv.c.round_id, rv.c.content_hash).where(rv.c.round_id.in_(chunk))):
            known.setdefault(row.round_id, set()).add(row.content_hash)
    return known


def _follow_copy(
    conn: Connection,
    moved: list[tuple[str, str | None, str]],
    gone: list[tuple[str, str]],
    fetch_id: int,
    source: str,
    now: dt.datetime,
) -> None:
    """Record which version of each round this copy carried, writing only what differs from the last copy.

    ``rounds.latest_copy_hash`` names the version the latest copy carried (NULL:
    it lacked the round). A version the last copy carried and this one carries
    too is still being seen: nothing is written (its ``last_seen`` reads as the
    latest copy's time, :meth:`Store.revisions`). A version this copy no longer
    carries (``gone`` rounds, and the old side of ``moved``) gets the time of the
    last copy that did; one it carries anew, this copy's time. So ``last_seen``
    is what it was when every copy moved it, and a copy costs writes for what
    changed, not for the whole history. New rounds are inserted with their marker.
    """
    r, rv = schema.rounds, schema.round_revisions
    entering = [{"b_id": rid, "b_hash": digest} for rid, _, digest in moved]
    leaving = [{"b_id": rid, "b_hash": old} for rid, old, _ in moved if old is not None]
    leaving += [{"b_id": rid, "b_hash": old} for rid, old in gone]
    revision = (rv.c.round_id == bindparam("b_id"), rv.c.content_hash == bindparam("b_hash"))
    if leaving:
        previous = _copy_time(conn, source, before=fetch_id)
        if previous is not None:  # never None: a marker was set by a copy before this one
            conn.execute(update(rv).where(*revision).values(last_seen=previous), leaving)
    if entering:
        conn.execute(update(rv).where(*revision).values(last_seen=now), entering)
        conn.execute(
            update(r).where(r.c.id == bindparam("b_id")).values(latest_copy_hash=bindparam("b_hash")),
            entering,
        )
    for chunk in _chunks([rid for rid, _ in gone], 500):
        conn.execute(update(r).where(r.c.id.in_(chunk)).values(latest_copy_hash=None))


def latest_copy_time(conn: Connection, source: str = "feed") -> dt.datetime | None:
    """When the latest copy of the feed whose rounds were stored was fetched."""
    return _copy_time(conn, source)


def _copy_time(conn: Connection, source: str, before: int | None = None) -> dt.datetime | None:
    f = schema.fetches
    query = select(f.c.fetched_at).where(
        f.c.source == source, f.c.outcome == CHANGED, f.c.rounds_seen.is_not(None)
    )
    if before is not None:
        query = query.where(f.c.id < before)
    return conn.execute(query.order_by(f.c.id.desc()).limit(1)).scalar()


def insert_fetch(conn: Connection, now: dt.datetime, **columns: Any) -> int:
    """Write one ``fetches`` row (any source); returns its id."""
    result = conn.execute(FETCH_INSERT, {"fetched_at": now, **columns})
    return int(result.inserted_primary_key[0])


def _insert_fetch(conn: Connection, fetch: FeedFetch, now: dt.datetime) -> int:
    problems = None
    if fetch.parsed and fetch.parsed.problems:
        problems = [
            {"index": p.index, "round_id": p.round_id, "reason": p.reason} for p in fetch.parsed.problems
        ]
    return insert_fetch(
        conn,
        now,
        source=fetch.source,
        url=fetch.url,
        duration_ms=fetch.duration_ms,
        http_status=fetch.http_status,
        etag=fetch.etag,
        last_modified=fetch.last_modified,
        bytes=fetch.bytes,
        body_sha256=fetch.body_sha256,
        outcome=fetch.outcome,
        error=fetch.error,
        problems=problems,
        # A changed copy's counts are set once its rounds are stored; other fetches add none.
        **({} if fetch.outcome == CHANGED else {"new_rounds": 0, "amended_rounds": 0, "stale_rounds": 0}),
    )


def _event(
    kind: str,
    round_id: str | None,
    fetch_id: int,
    now: dt.datetime,
    payload: dict[str, Any],
    *,
    baseline: bool = False,
) -> dict[str, Any]:
    return {
        "kind": kind,
        "round_id": round_id,
        "fetch_id": fetch_id,
        "created_at": now,
        "baseline": baseline,
        "payload": payload,
    }


def _insert_events(conn: Connection, rows: list[dict[str, Any]]) -> None:
    if rows:
        conn.execute(insert(schema.events), rows)


def _chunks(items: Sequence[Any], size: int) -> Iterable[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]
