"""The store: one transaction per fetch; history is append-only.

A round missing from a later copy is never deleted (canada.ca serves stale
copies). A changed value of a known round is an amendment: a new revision and
a ``round_amended`` event. Events are written in the same transaction as the
data they describe. What announcements say is stored by
:mod:`eewatch.store.announcements`; both write rows through
:mod:`eewatch.store.rows`.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from sqlalchemy import Connection, Engine, bindparam, create_engine, event, insert, select, update
from sqlalchemy.exc import SQLAlchemyError

from eewatch.domain.announcement import RoundFacts
from eewatch.domain.clock import Clock, utcnow
from eewatch.domain.events import NEW_ROUND, ROUND_AMENDED, SOURCE_ERROR
from eewatch.domain.fetches import CHANGED, ERROR, FeedFetch, SourceDocument
from eewatch.domain.occupations import CategoryVersion
from eewatch.domain.record import CONFIRMED, PROVISIONAL, Round
from eewatch.domain.taxonomy import category_spellings
from eewatch.store import announcements, schema
from eewatch.store.errors import HINT, StorageError, describe_storage_error
from eewatch.store.rows import (
    chunks,
    content_hash,
    diff_rounds,
    event_row,
    insert_events,
    insert_fetch,
    replace_distributions,
    revision_row,
    round_row,
    row_to_round,
)

log = logging.getLogger(__name__)

#: Kept for callers that hash a round (the store's own hashing lives in rows).
__all__ = ["FetchSummary", "Store", "Validators", "content_hash", "create_store_engine"]

Progress = Callable[[int, int], None]


@dataclass
class FetchSummary:
    """What storing one fetch of the feed did."""

    fetch_id: int
    outcome: str
    new: list[str] = field(default_factory=list)
    amended: list[str] = field(default_factory=list)
    stale: list[str] = field(default_factory=list)
    unchanged: int = 0
    events: int = 0
    error: str | None = None
    #: The first copy stored in an empty database: its rounds are history, not news.
    baseline: bool = False
    #: What storing found doubtful (a round dated where no round can be).
    warnings: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Validators:
    """What the last good fetch of a URL gives the next conditional GET."""

    etag: str | None = None
    last_modified: str | None = None
    body_sha256: str | None = None


def create_store_engine(url: str, *, make_folder: bool = False) -> Engine:
    """An engine for ``url``; SQLite gets WAL, foreign keys and a busy timeout.

    A SQLite file's folder must exist (a typo'd folder must not start a new, empty history);
    ``make_folder`` creates it (for the default data folder only).
    """
    if url.startswith("sqlite"):
        check_sqlite_folder(url, make=make_folder)
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


def check_sqlite_folder(url: str, *, make: bool = False) -> None:
    """The folder of a SQLite file exists and is a folder, else :class:`StorageError` naming it."""
    from pathlib import Path

    from sqlalchemy.engine import make_url

    database = make_url(url).database
    if not database or database == ":memory:" or database.startswith("file:"):
        return
    folder = Path(database).expanduser().absolute().parent
    if folder.is_dir():
        return
    # The nearest part of the path that exists: a missing folder, or a file where a folder should be.
    existing = next((p for p in folder.parents if p.exists()), None)
    blocker = folder if folder.exists() else existing
    if blocker is not None and not blocker.is_dir():
        raise StorageError(f"cannot open the database {url}: {blocker} is not a directory; {HINT}")
    if make:
        folder.mkdir(parents=True, exist_ok=True)
        return
    missing = next(p for p in (folder, *folder.parents) if p.parent == existing or p.parent == p)
    raise StorageError(
        f"cannot open the database {url}: the folder {missing} does not exist (eewatch makes only "
        f"its default data folder): create it, or correct [database] url (or $EEWATCH_DATABASE_URL)"
    )


# Built once: the daemon runs these on every poll, and building a statement costs
# more than SQLite takes to run it.
VALIDATORS_QUERY = (
    select(schema.fetches.c.etag, schema.fetches.c.last_modified, schema.fetches.c.body_sha256)
    .where(schema.fetches.c.url == bindparam("url"), schema.fetches.c.outcome == CHANGED)
    .order_by(schema.fetches.c.id.desc())
    .limit(1)
)


class Store:
    """Reads and writes rounds, revisions, fetches and events."""

    def __init__(self, engine: Engine, clock: Clock = utcnow) -> None:
        self.engine = engine
        self.clock = clock
        # Round id -> the Round object last stored from the feed, and -> its content hash.
        # A long-lived caller's parser hands back the same Round object for an
        # unchanged record (scraper/parsing/feed_memo.py), so its hash is not computed again.
        self._memo: tuple[dict[str, Round], dict[str, str]] = ({}, {})

    @classmethod
    def open(
        cls, url: str, clock: Clock = utcnow, *, migrate: bool = True, make_folder: bool = False
    ) -> Store:
        """Open the database at ``url``, creating or upgrading its schema unless ``migrate=False``

        (for a second handle in a process whose first open already migrated). A SQLite file's
        folder must exist, unless ``make_folder`` (the default data folder).
        """
        try:
            store = cls(create_store_engine(url, make_folder=make_folder), clock)
            if migrate:
                from eewatch.store.migrate import upgrade

                upgrade(store.engine)
        except (OSError, SQLAlchemyError) as exc:
            raise StorageError(describe_storage_error(url, exc)) from None
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

        ``category`` is read as a user writes it: any case, an old slug as its new name
        (``senior-managers-canadian`` finds the rounds of ``senior-managers``, however stored).

        A provisional round (seen only in an announcement so far) carries a warning saying so,
        and every round the warnings of announcements that disagree with it.
        """
        r = schema.rounds
        query = select(r).order_by(r.c.date.desc(), r.c.number.desc(), r.c.id.desc())
        if category:
            # Also the rounds stored under a slug eewatch has since renamed (they read as the new one).
            query = query.where(r.c.category.in_(category_spellings(category)))
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
            extra = announcements.source_warnings(conn, [item.id for item in found])
        return [replace(r, warnings=(*r.warnings, *extra[r.id])) if r.id in extra else r for r in found]

    def categories(self) -> list[str]:
        """The category slugs of the stored rounds (provisional ones included), sorted."""
        r = schema.rounds
        query = select(r.c.category).where(r.c.category.is_not(None)).distinct()
        with self.engine.connect() as conn:
            return sorted(str(row.category) for row in conn.execute(query))

    def revisions(self, round_id: str) -> list[dict[str, Any]]:
        """Every stored version of a round, oldest first.

        ``last_seen`` is when a copy carrying the version was last seen: for the
        version the latest copy of the feed carried, that copy's time.
        """
        return self.all_revisions([round_id]).get(round_id, [])

    def all_revisions(self, round_ids: Iterable[str] | None = None) -> dict[str, list[dict[str, Any]]]:
        """:meth:`revisions` of every round (or of ``round_ids``), by round id: two queries in all."""
        r, rv = schema.rounds, schema.round_revisions
        carried = (r.c.latest_copy_hash == rv.c.content_hash).label("carried")
        query = select(rv, carried).join(r, r.c.id == rv.c.round_id).order_by(rv.c.round_id, rv.c.id)
        wanted = None if round_ids is None else list(round_ids)
        found: dict[str, list[dict[str, Any]]] = {}
        with self.engine.connect() as conn:
            for chunk in [None] if wanted is None else chunks(wanted, 500):
                rows = conn.execute(query if chunk is None else query.where(rv.c.round_id.in_(chunk)))
                for stored in rows:
                    found.setdefault(stored.round_id, []).append(dict(stored._mapping))
            carrying = any(row["carried"] for versions in found.values() for row in versions)
            latest = latest_copy_time(conn) if carrying else None
        for versions in found.values():
            for row in versions:
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

    def source_warnings(self, round_ids: Iterable[str]) -> dict[str, list[str]]:
        """Where announcements disagree with the stored rounds, as lines to show with each round."""
        with self.engine.connect() as conn:
            return announcements.source_warnings(conn, round_ids)

    def stored_matches(
        self, mentions: Iterable[RoundFacts]
    ) -> list[tuple[Round | None, dict[str, tuple[Any, Any]]]]:
        """For each mention of an announcement: the stored round it is about, and where they differ."""
        with self.engine.connect() as conn:
            return [announcements.stored_match(conn, facts) for facts in mentions]

    def static_page_urls(self, limit: int) -> list[str]:
        """The MI page URLs of the newest stored rounds whose page is static (``invitations-N.html``)."""
        with self.engine.connect() as conn:
            return announcements.static_page_urls(conn, limit)

    # -- writing -----------------------------------------------------------

    def record_feed_fetch(self, fetch: FeedFetch, progress: Progress | None = None) -> FetchSummary:
        """Store one fetch of the feed and what it found, in one transaction."""
        now = self.clock()
        with self.engine.begin() as conn:
            fetch_id = _insert_feed_fetch(conn, fetch, now)
            summary = FetchSummary(fetch_id=fetch_id, outcome=fetch.outcome, error=fetch.error)
            if fetch.outcome == ERROR:
                payload = {
                    "source": fetch.source,
                    "url": fetch.url,
                    "http_status": fetch.http_status,
                    "error": fetch.error,
                }
                insert_events(conn, [event_row(SOURCE_ERROR, None, fetch_id, now, payload)])
                summary.events = 1
            elif fetch.outcome == CHANGED and fetch.parsed is not None:
                rejected = {p.round_id for p in fetch.parsed.problems if p.round_id}
                self._apply_copy(
                    conn, fetch.parsed.rounds, rejected, fetch_id, now, summary, fetch.source, progress
                )
                conn.execute(
                    update(schema.fetches)
                    .where(schema.fetches.c.id == fetch_id)
                    .values(
                        problems=_problems(fetch) + [{"reason": w} for w in summary.warnings] or None,
                        rounds_seen=len(fetch.parsed.rounds),
                        new_rounds=len(summary.new),
                        amended_rounds=len(summary.amended),
                        stale_rounds=len(summary.stale),
                    )
                )
        return summary

    def learned_lists(self) -> tuple[CategoryVersion, ...]:
        """Occupation lists learned from round pages where no shipped list covers the round's date."""
        with self.engine.connect() as conn:
            return announcements.learned_lists(conn)

    def record_source_document(self, doc: SourceDocument) -> announcements.SourceSummary:
        """Store one fetched announcement and what it says, in one transaction."""
        now = self.clock()
        with self.engine.begin() as conn:
            return announcements.record_document(conn, doc, now)

    def _apply_copy(
        self,
        conn: Connection,
        incoming: Sequence[Round],
        rejected: set[str],
        fetch_id: int,
        now: dt.datetime,
        summary: FetchSummary,
        source: str,
        progress: Progress | None,
    ) -> None:
        """Store one copy of the feed: classify each round against the stored state, then write."""
        current = _stored_state(conn)
        baseline = not any(state.status == CONFIRMED for state in current.values())
        summary.warnings = _implausible_dates(incoming, now)
        plan = self._classify(current, incoming, rejected)
        known = _revision_hashes(conn, [item.id for item, _ in plan.differs + plan.confirmed])
        amended, stale = _amended_or_stale(plan, known)
        pending: list[dict[str, Any]] = []
        pending += _insert_new(conn, plan.new, fetch_id, now, source, baseline, progress)
        pending += _confirm(conn, plan.confirmed, known, fetch_id, now, source, baseline)
        pending += _amend(conn, amended, known, fetch_id, now, source)
        _follow_copy(conn, plan.moved, plan.gone, fetch_id, source, now)
        insert_events(conn, pending)
        if stale:
            log.warning(
                "stale copy: %d round(s) in an older version (%s); kept the newer",
                len(stale),
                ", ".join(sorted(stale)[:10]),
            )
        summary.new = [item.id for item, _ in plan.new + plan.confirmed]
        summary.amended = [item.id for item, _ in amended]
        summary.stale = stale
        summary.unchanged = plan.unchanged
        summary.events = len(pending)
        summary.baseline = baseline and bool(plan.new)

    def _classify(
        self, current: dict[str, _Stored], incoming: Sequence[Round], rejected: set[str]
    ) -> _CopyPlan:
        """What each round of a copy is against the stored state (one pass; the copy is the whole history).

        A round's content hash is the last copy's when the parser handed back the same
        Round object (the memo), so an unchanged copy costs no hashing.
        """
        memo_rounds, memo_hashes = self._memo
        plan = _CopyPlan()
        rounds: dict[str, Round] = {}
        hashes: dict[str, str] = {}
        for item in incoming:
            rid = item.id
            digest = memo_hashes[rid] if memo_rounds.get(rid) is item else content_hash(item)
            rounds[rid] = item
            hashes[rid] = digest
            stored = current.get(rid)
            if stored is None:
                plan.new.append((item, digest))
                continue
            if stored.marker != digest:
                plan.moved.append((rid, stored.marker, digest))
            if stored.status == PROVISIONAL:
                plan.confirmed.append((item, digest))
            elif stored.digest == digest:
                plan.unchanged += 1
            else:
                plan.differs.append((item, digest))
        self._memo = (rounds, hashes)  # bounded: the rounds of the copy just read
        plan.gone = [
            (rid, state.marker)
            for rid, state in current.items()
            if state.marker is not None and rid not in hashes
        ]
        # A copy that lacks a round the feed has published (and that it did not merely
        # garble: rejected records are not missing) is an older copy served again.
        plan.lacking = [
            rid
            for rid, state in current.items()
            if state.status == CONFIRMED and rid not in hashes and rid not in rejected
        ]
        return plan


# -- the steps of storing a copy -----------------------------------------------------


@dataclass(frozen=True)
class _Stored:
    """A stored round as a copy is compared with it."""

    digest: str
    status: str
    #: The version the latest copy carried (None: it lacked the round).
    marker: str | None


@dataclass
class _CopyPlan:
    """What one copy brings, round by round."""

    new: list[tuple[Round, str]] = field(default_factory=list)
    #: Provisional rounds the feed now carries.
    confirmed: list[tuple[Round, str]] = field(default_factory=list)
    #: Confirmed rounds in another version than stored: amended, or stale.
    differs: list[tuple[Round, str]] = field(default_factory=list)
    #: (round, version the last copy carried, the one this copy carries).
    moved: list[tuple[str, str | None, str]] = field(default_factory=list)
    #: Rounds the last copy carried and this one lacks, with the version it carried.
    gone: list[tuple[str, str]] = field(default_factory=list)
    #: Confirmed rounds this copy lacks: it is a whole copy older than what is stored.
    lacking: list[str] = field(default_factory=list)
    unchanged: int = 0


def _stored_state(conn: Connection) -> dict[str, _Stored]:
    r = schema.rounds
    query = select(r.c.id, r.c.content_hash, r.c.status, r.c.latest_copy_hash)
    return {rid: _Stored(digest, status, marker) for rid, digest, status, marker in conn.execute(query)}


def _amended_or_stale(
    plan: _CopyPlan, known: dict[str, set[str]]
) -> tuple[list[tuple[Round, str]], list[str]]:
    """Which rounds in another version than stored are amended, and which are a stale copy's.

    A stale copy is a whole copy older than what is stored (it lacks rounds the feed
    has published): its earlier versions are not news. In a current copy, a round in
    any other version, an earlier one included, is what the source says now: an
    amendment (IRCC corrects typos back to what it first published).
    """
    if not plan.lacking:
        return list(plan.differs), []
    amended = [(item, digest) for item, digest in plan.differs if digest not in known.get(item.id, ())]
    stale = [item.id for item, digest in plan.differs if digest in known.get(item.id, ())]
    return amended, stale


#: The first round of invitations was held on 2015-01-31: a date before 2015 is a typo.
EARLIEST_ROUND = dt.date(2015, 1, 1)


def plausible_date(day: dt.date, now: dt.datetime) -> bool:
    """A round date eewatch believes: from 2015 to tomorrow (by the clock)."""
    return EARLIEST_ROUND <= day <= now.date() + dt.timedelta(days=1)


def _implausible_dates(incoming: Sequence[Round], now: dt.datetime) -> list[str]:
    """Warnings for rounds dated where no round can be (before 2015, after tomorrow).

    They are stored as published (the record is the source's); "the latest round"
    (health, status) never counts them, and the warning is logged and kept on the fetch.
    """
    notes = []
    for item in incoming:
        if not plausible_date(item.date, now):
            note = (
                f"round {item.id}: date {item.date.isoformat()} is not a possible round date "
                "(before 2015 or after tomorrow)"
            )
            log.warning("%s", note)
            notes.append(note)
    return notes


def _insert_new(
    conn: Connection,
    new: list[tuple[Round, str]],
    fetch_id: int,
    now: dt.datetime,
    source: str,
    baseline: bool,
    progress: Progress | None,
) -> list[dict[str, Any]]:
    """Rounds never seen: their rows, revisions and distributions; their ``new_round`` events."""
    r, rv = schema.rounds, schema.round_revisions
    done = 0
    for chunk in chunks(new, 100):
        rows = [
            {
                **round_row(item, digest, CONFIRMED),
                "first_seen": now,
                "updated_at": now,
                "latest_copy_hash": digest,
            }
            for item, digest in chunk
        ]
        conn.execute(insert(r), rows)
        done += len(chunk)
        if progress:
            progress(done, len(new))
    if not new:
        return []
    conn.execute(insert(rv), [revision_row(item, digest, source, now, fetch_id) for item, digest in new])
    replace_distributions(conn, [item for item, _ in new])
    return [
        event_row(NEW_ROUND, item.id, fetch_id, now, {"round": item.to_dict()}, baseline=baseline)
        for item, _ in new
    ]


def _confirm(
    conn: Connection,
    confirmed: list[tuple[Round, str]],
    known: dict[str, set[str]],
    fetch_id: int,
    now: dt.datetime,
    source: str,
    baseline: bool,
) -> list[dict[str, Any]]:
    """Rounds first seen in an announcement, now in the official feed: the feed's values win."""
    pending = []
    for item, digest in confirmed:
        _write_version(conn, item, digest, known, fetch_id, now, source)
        payload = {"round": item.to_dict(), "confirmed": True}
        pending.append(event_row(NEW_ROUND, item.id, fetch_id, now, payload, baseline=baseline))
    if confirmed:
        announcements.record_feed_disagreements(conn, [item.id for item, _ in confirmed], now)
    return pending


def _amend(
    conn: Connection,
    amended: list[tuple[Round, str]],
    known: dict[str, set[str]],
    fetch_id: int,
    now: dt.datetime,
    source: str,
) -> list[dict[str, Any]]:
    """Confirmed rounds the source now states otherwise: a ``round_amended`` event, and a revision

    unless the version is one it published before (a correction back to it).
    """
    r = schema.rounds
    pending = []
    for item, digest in amended:
        old = row_to_round(conn.execute(select(r).where(r.c.id == item.id)).one()._mapping)
        changes = diff_rounds(old, item)
        _write_version(conn, item, digest, known, fetch_id, now, source)
        payload = {"round": item.to_dict(), "previous": old.to_dict(), "changes": changes}
        pending.append(event_row(ROUND_AMENDED, item.id, fetch_id, now, payload))
        log.info("round %s amended: %s", item.id, ", ".join(changes))
    return pending


def _write_version(
    conn: Connection,
    item: Round,
    digest: str,
    known: dict[str, set[str]],
    fetch_id: int,
    now: dt.datetime,
    source: str,
) -> None:
    """A known round now reads as ``item`` (confirmed): its row, a revision if new, its pool."""
    r, rv = schema.rounds, schema.round_revisions
    conn.execute(
        update(r)
        .where(r.c.id == item.id)
        .values(**round_row(item, digest, CONFIRMED), revision_count=r.c.revision_count + 1, updated_at=now)
    )
    if digest not in known.get(item.id, ()):
        conn.execute(insert(rv).values(**revision_row(item, digest, source, now, fetch_id)))
    replace_distributions(conn, [item])


PROVISIONAL_NOTE = "provisional: seen in an announcement, not yet in the official feed"


def _marked(row: Any) -> Round:
    """A ``rounds`` row as a Round, a provisional one saying so in its warnings."""
    item = row_to_round(row)
    if row["status"] == PROVISIONAL:
        item = replace(item, warnings=(PROVISIONAL_NOTE, *item.warnings))
    return item


def _revision_hashes(conn: Connection, round_ids: Sequence[str]) -> dict[str, set[str]]:
    """Round id -> the content hashes of its stored revisions, for these rounds only."""
    rv = schema.round_revisions
    known: dict[str, set[str]] = {}
    for chunk in chunks(list(dict.fromkeys(round_ids)), 500):
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
    for chunk in chunks([rid for rid, _ in gone], 500):
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


def _problems(fetch: FeedFetch) -> list[dict[str, Any]]:
    """The records a copy's parse rejected, as the ``fetches.problems`` column holds them."""
    if not (fetch.parsed and fetch.parsed.problems):
        return []
    return [{"index": p.index, "round_id": p.round_id, "reason": p.reason} for p in fetch.parsed.problems]


def _insert_feed_fetch(conn: Connection, fetch: FeedFetch, now: dt.datetime) -> int:
    return insert_fetch(
        conn,
        now,
        fetch,
        _problems(fetch),
        # A changed copy's counts are set once its rounds are stored; other fetches add none.
        **({} if fetch.outcome == CHANGED else {"new_rounds": 0, "amended_rounds": 0, "stale_rounds": 0}),
    )
