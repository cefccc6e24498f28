"""The cron check's database path: SQLite through the standard library's ``sqlite3``, no SQLAlchemy.

An unchanged feed (a clean 304) costs the cron run a few reads and two rows:
the ``fetches`` row and the heartbeat, written exactly as the store writes
them (``eewatch.store.rows.insert_fetch`` and ``eewatch.app.health.record_poll``;
a test compares the rows). Everything else goes through :class:`~eewatch.store.store.Store`.
This module only reads a database that is there, at the newest schema;
where it cannot say, it says so (None) and the caller takes the full path.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, NamedTuple
from urllib.parse import unquote

from eewatch.domain.fetches import ERROR, FeedFetch
from eewatch.store.errors import note_path

#: Where the migrations live: their newest revision is the schema this module writes.
VERSIONS = os.path.join(os.path.dirname(__file__), "migrations", "versions")
#: A round dated before this is a typo (``eewatch.store.store.EARLIEST_ROUND``).
EARLIEST_ROUND = dt.date(2015, 1, 1)

PENDING, SENDING = "pending", "sending"


def head_revision() -> str:
    """The newest migration's revision: the prefix of its file name (``0002_...py`` -> ``0002``)."""
    names = os.listdir(VERSIONS)  # no pathlib glob: it compiles a pattern on every cron check
    return max(n.split("_", 1)[0] for n in names if n[:1].isdigit() and "_" in n and n.endswith(".py"))


def sqlite_path(url: str) -> Path | None:
    """The file of a plain ``sqlite:///PATH`` URL; None for anything else (options, memory, a server)."""
    prefix = "sqlite:///"
    if not url.startswith(prefix) or "?" in url or "#" in url:
        return None
    path = unquote(url[len(prefix) :])
    if not path or path == ":memory:":
        return None
    return Path(path).expanduser()


def stamp(moment: dt.datetime) -> str:
    """A timezone-aware time as the store keeps it in SQLite: naive UTC, microseconds always."""
    if moment.tzinfo is None:
        raise ValueError(f"naive datetime {moment!r}: store timezone-aware UTC")
    return moment.astimezone(dt.UTC).replace(tzinfo=None).strftime("%Y-%m-%d %H:%M:%S.%f")


# Rows as named tuples: making a dataclass costs ~0.4 ms of every cron check, a named tuple ~0.06 ms.


class HealthRow(NamedTuple):
    """The health state's columns (``eewatch.app.health.load_state`` reads the same)."""

    failures: int
    failing_id: int | None
    recovered_id: int | None
    stale: dict[str, Any] | None
    shape: dict[str, Any] | None
    latest: dt.date | None


class Validators(NamedTuple):
    """The last good copy's ETag, Last-Modified and hash."""

    etag: str | None
    last_modified: str | None
    body_sha256: str | None


class LightStore:
    """One ``sqlite3`` connection to an existing eewatch database."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    @classmethod
    def open(cls, url: str) -> LightStore | None:
        """The database at ``url`` if it is a SQLite file that exists at the newest schema; else None."""
        path = sqlite_path(url)
        if path is None or not path.is_file() or note_path(path).exists():  # damaged: the full path says so
            return None
        try:
            conn = sqlite3.connect(str(path), timeout=30, isolation_level=None)
        except sqlite3.Error:
            return None
        store = cls(conn)
        try:
            # The store's pragmas (eewatch.store.store.create_store_engine).
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
            conn.execute("PRAGMA foreign_keys=ON")
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        except sqlite3.Error:
            store.close()
            return None
        if row is None or row[0] != head_revision():
            store.close()
            return None
        return store

    def close(self) -> None:
        self.conn.close()

    @contextmanager
    def writing(self) -> Iterator[sqlite3.Connection]:
        """One write transaction (``BEGIN IMMEDIATE``: the write lock from the start), committed on exit."""
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self.conn
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    # -- reads -----------------------------------------------------------------

    def validators(self, url: str) -> Validators | None:
        """The last good copy's ETag, Last-Modified and hash (``Store.validators``); None if none."""
        row = self.conn.execute(
            "SELECT etag, last_modified, body_sha256 FROM fetches WHERE url = ? AND outcome = 'changed' "
            "ORDER BY id DESC LIMIT 1",
            (url,),
        ).fetchone()
        return Validators(*row) if row else None

    def alerts_waiting(self, now: dt.datetime, sending_timeout: float) -> bool:
        """An event not yet handled by the alert pass, or an outbox row due now (or left sending)."""
        unhandled = self.conn.execute(
            "SELECT 1 FROM events e WHERE NOT EXISTS "
            "(SELECT 1 FROM alert_events_handled h WHERE h.event_id = e.id) LIMIT 1"
        ).fetchone()
        if unhandled:
            return True
        due = self.conn.execute(
            "SELECT 1 FROM alert_outbox WHERE (status = ? AND next_attempt_at <= ?) "
            "OR (status = ? AND last_attempt_at <= ?) LIMIT 1",
            (PENDING, stamp(now), SENDING, stamp(now - dt.timedelta(seconds=sending_timeout))),
        ).fetchone()
        return due is not None

    def categories(self) -> list[str]:
        """The category slugs of the stored rounds (``Store.categories``)."""
        found = self.conn.execute("SELECT DISTINCT category FROM rounds WHERE category IS NOT NULL")
        return sorted(str(row[0]) for row in found)

    def health(self, today: dt.date) -> HealthRow:
        """The health state's columns as of ``today`` (the statement of ``eewatch.app.health``)."""

        def last(column: str, kind: str) -> str:
            return f"(SELECT {column} FROM events WHERE kind = '{kind}' ORDER BY id DESC LIMIT 1)"

        row = self.conn.execute(
            "SELECT (SELECT count(*) FROM heartbeats WHERE outcome = ? AND id > coalesce("
            "(SELECT max(id) FROM heartbeats WHERE outcome != ?), 0)), "
            f"{last('id', 'poll_failing')}, {last('id', 'poll_recovered')}, "
            f"{last('payload', 'feed_stale')}, {last('payload', 'feed_shape_changed')}, "
            "(SELECT max(date) FROM rounds WHERE status = 'confirmed' AND date >= ? AND date <= ?)",
            (ERROR, ERROR, EARLIEST_ROUND.isoformat(), (today + dt.timedelta(days=1)).isoformat()),
        ).fetchone()
        failures, failing, recovered, stale, shape, latest = row
        return HealthRow(
            failures=int(failures),
            failing_id=failing,
            recovered_id=recovered,
            stale=json.loads(stale) if stale is not None else None,
            shape=json.loads(shape) if shape is not None else None,
            latest=dt.date.fromisoformat(latest) if latest is not None else None,
        )

    # -- writes (inside :meth:`writing`) ------------------------------------------

    def insert_fetch(self, conn: sqlite3.Connection, fetch: FeedFetch, now: dt.datetime) -> int:
        """The ``fetches`` row of a fetch that stored no copy (``rows.insert_fetch``, counts 0).

        ``problems`` is JSON ``null``, as SQLAlchemy's JSON type writes None.
        """
        cursor = conn.execute(
            "INSERT INTO fetches (source, url, fetched_at, duration_ms, http_status, etag, last_modified, "
            "bytes, body_sha256, outcome, error, rounds_seen, new_rounds, amended_rounds, stale_rounds, "
            "problems) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, 0, 0, 0, 'null')",
            (
                fetch.source,
                fetch.url,
                stamp(now),
                fetch.duration_ms,
                fetch.http_status,
                fetch.etag,
                fetch.last_modified,
                fetch.bytes,
                fetch.body_sha256,
                fetch.outcome,
                fetch.error,
            ),
        )
        assert cursor.lastrowid is not None
        return int(cursor.lastrowid)

    def insert_heartbeat(
        self, conn: sqlite3.Connection, fetch: FeedFetch, now: dt.datetime, *, instance: str, mode: str
    ) -> None:
        """The heartbeat of a poll that stored no copy (``health.record_poll``: 0 new, 0 amended)."""
        conn.execute(
            "INSERT INTO heartbeats (instance, mode, at, outcome, http_status, bytes, duration_ms, "
            "new_rounds, amended_rounds, error) VALUES (?, ?, ?, ?, ?, ?, ?, 0, 0, ?)",
            (
                instance,
                mode,
                stamp(now),
                fetch.outcome,
                fetch.http_status,
                fetch.bytes,
                fetch.duration_ms,
                fetch.error,
            ),
        )
