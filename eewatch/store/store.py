"""The store: one transaction per fetch; history is append-only.

:class:`Store` opens the database and holds its public methods: the reads
(:mod:`eewatch.store.reads`), storing a copy of the feed (the copy write path,
:mod:`eewatch.store.copies`) and storing an announcement
(:mod:`eewatch.store.announcements`). All write rows through
:mod:`eewatch.store.rows`.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import SQLAlchemyError

from eewatch.domain.clock import Clock, utcnow
from eewatch.domain.fetches import FeedFetch, SourceDocument
from eewatch.domain.occupations import CategoryVersion
from eewatch.store import announcements, integrity
from eewatch.store.copies import EARLIEST_ROUND, CopyMemo, FetchSummary, Progress, plausible_date, record_copy
from eewatch.store.errors import HINT, StorageError, describe_storage_error
from eewatch.store.reads import PROVISIONAL_NOTE, ReadAPI, Validators, latest_copy_time
from eewatch.store.rows import content_hash, row_to_round

#: Kept for callers that import these from here (each lives in the module named).
__all__ = [
    "EARLIEST_ROUND",
    "PROVISIONAL_NOTE",
    "FetchSummary",
    "Store",
    "Validators",
    "content_hash",
    "create_store_engine",
    "latest_copy_time",
    "plausible_date",
    "row_to_round",
]


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
    return create_engine(url, pool_pre_ping=True, connect_args=_connect_timeout(url))


#: Seconds to wait for a database server to answer a connection (PostgreSQL), unless the URL
#: says otherwise (``?connect_timeout=N``): a port that accepts and never answers is an error
#: after this long, not a hang.
CONNECT_TIMEOUT = 10


def _connect_timeout(url: str) -> dict[str, Any]:
    from sqlalchemy.engine import make_url

    if make_url(url).query.get("connect_timeout") is not None:
        return {}
    return {"connect_timeout": CONNECT_TIMEOUT}


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


class Store(ReadAPI):
    """Reads and writes rounds, revisions, fetches and events."""

    def __init__(self, engine: Engine, clock: Clock = utcnow) -> None:
        self.engine = engine
        self.clock = clock
        # The rounds and hashes of the last copy stored (bounded: one copy's rounds).
        self._memo = CopyMemo()

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
            integrity.watch(store.engine)
            integrity.guard(store.engine)  # a file noted as damaged, still damaged: refused
            if migrate:
                from eewatch.store.migrate import upgrade

                upgrade(store.engine)
        except integrity.DamagedDatabase:
            store.engine.dispose()
            raise
        except (OSError, SQLAlchemyError) as exc:
            raise StorageError(describe_storage_error(url, exc)) from None
        return store

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- writing -----------------------------------------------------------

    def record_feed_fetch(self, fetch: FeedFetch, progress: Progress | None = None) -> FetchSummary:
        """Store one fetch of the feed and what it found, in one transaction."""
        now = self.clock()
        with self.engine.begin() as conn:
            return record_copy(conn, fetch, now, self._memo, progress)

    def learned_lists(self) -> tuple[CategoryVersion, ...]:
        """Occupation lists learned from round pages where no shipped list covers the round's date."""
        with self.engine.connect() as conn:
            return announcements.learned_lists(conn)

    def record_source_document(self, doc: SourceDocument) -> announcements.SourceSummary:
        """Store one fetched announcement and what it says, in one transaction."""
        now = self.clock()
        with self.engine.begin() as conn:
            return announcements.record_document(conn, doc, now)
