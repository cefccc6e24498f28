"""Several daemons on one PostgreSQL database: exactly one of them crawls.

The crawling instance holds a session-level advisory lock on a connection of
its own. PostgreSQL drops the lock when that connection ends, however the
instance dies (a SIGKILL closes its socket), so at the next scheduled poll
another instance takes it: the crawl moves within one poll interval. Every
instance delivers alerts (outbox rows are claimed with FOR UPDATE SKIP LOCKED).
On SQLite there is one daemon per database (``DaemonLock``) and it always crawls.
"""

from __future__ import annotations

import contextlib
import logging

from sqlalchemy import Connection, Engine, text
from sqlalchemy.exc import DBAPIError

log = logging.getLogger(__name__)

#: pg_try_advisory_lock key: "eewc" (eewatch crawler).
CRAWL_LOCK_KEY = 0x65657763


class Leadership:
    """Who crawls. :meth:`try_lead` is cheap when already leading (one ``SELECT 1``)."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.shared = engine.dialect.name == "postgresql"
        self._conn: Connection | None = None

    def try_lead(self) -> bool:
        """True if this instance crawls now: it holds the lock, or just took it."""
        if not self.shared:
            return True
        if self._conn is not None:
            try:
                self._conn.execute(text("SELECT 1"))
                return True
            except DBAPIError:
                log.warning("lost the connection holding the crawl lock; trying again")
                self.release()
        conn = self.engine.connect().execution_options(isolation_level="AUTOCOMMIT")
        try:
            got = conn.execute(text("SELECT pg_try_advisory_lock(:key)"), {"key": CRAWL_LOCK_KEY}).scalar()
        except DBAPIError:
            conn.close()
            raise
        if got:
            self._conn = conn
            log.info("this instance now crawls (holds the crawl lock)")
            return True
        conn.close()
        return False

    def release(self) -> None:
        if self._conn is not None:
            with contextlib.suppress(DBAPIError):
                self._conn.close()
            self._conn = None
