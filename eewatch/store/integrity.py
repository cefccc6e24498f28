"""A damaged SQLite file: noticed once, said in one line, and no command works on it until it is sound.

SQLite says ``database disk image is malformed`` (SQLITE_CORRUPT) only when a
statement reads the damaged page, so most commands would go on as if nothing
were wrong. The first error of that kind (on any connection of the engine, in
any command) leaves a note beside the file (``<file>.damaged``); from then on
:func:`guard`, run by every :meth:`Store.open`, refuses the file while
``PRAGMA quick_check`` still fails, and lets it be once it passes again (a
restored or recovered copy). ``eewatch status`` runs the check every time.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, event, text
from sqlalchemy.exc import SQLAlchemyError

from eewatch.store.errors import StorageError, note_path

log = logging.getLogger(__name__)

#: SQLite's primary result codes for a damaged file: SQLITE_CORRUPT, SQLITE_NOTADB.
_DAMAGE_CODES = {11, 26}


class DamagedDatabase(StorageError):
    """The SQLite file is damaged (one line: which file, what SQLite said, what to do)."""


def sqlite_file(engine: Engine) -> Path | None:
    """The engine's SQLite file, or None (a server database, or in memory)."""
    url = engine.url
    if not url.drivername.startswith("sqlite") or not url.database or url.database == ":memory:":
        return None
    return Path(url.database).expanduser().absolute()


def is_damage(exc: BaseException) -> bool:
    """Is this error SQLite saying the file is damaged?"""
    original = getattr(exc, "orig", None) or exc
    code = getattr(original, "sqlite_errorcode", None)
    if isinstance(code, int):
        return code & 0xFF in _DAMAGE_CODES
    message = str(original)
    return "database disk image is malformed" in message or "file is not a database" in message


def message(database: Path, reason: str) -> str:
    return (
        f"the database file {database} is damaged ({reason}); eewatch will not use it until "
        f"PRAGMA quick_check passes: restore it from a backup, or recover what it holds "
        f"(sqlite3 {database} .recover | sqlite3 NEW.sqlite) and point [database] url at that"
    )


def watch(engine: Engine) -> None:
    """Leave the note when any statement on this engine meets a damaged page."""
    database = sqlite_file(engine)
    if database is None:
        return

    @event.listens_for(engine, "handle_error")
    def _damaged(context: Any) -> None:
        if is_damage(context.original_exception):
            mark_damaged(database, str(context.original_exception).splitlines()[0][:200])


def mark_damaged(database: Path, reason: str) -> None:
    note = note_path(database)
    if not note.exists():
        log.debug("noting that %s is damaged: %s", database, reason)
    with contextlib.suppress(OSError):
        note.write_text(f"{dt.datetime.now(dt.UTC).isoformat(timespec='seconds')} {reason}\n")


def quick_check(engine: Engine) -> str | None:
    """What ``PRAGMA quick_check`` finds wrong (its first line), or None when the file is sound."""
    if sqlite_file(engine) is None:
        return None
    try:
        with engine.connect() as conn:
            found = [str(row[0]) for row in conn.execute(text("PRAGMA quick_check(5)"))]
    except SQLAlchemyError as exc:
        if not is_damage(exc):
            raise
        return str(getattr(exc, "orig", exc)).splitlines()[0][:200]
    return None if found == ["ok"] else found[0][:200]


def damage(engine: Engine) -> str | None:
    """For ``status``: what is wrong with the file (checked now), as one line, or None."""
    database = sqlite_file(engine)
    if database is None:
        return None
    reason = quick_check(engine)
    if reason is None:
        _clear(database)
        return None
    mark_damaged(database, reason)
    return message(database, reason)


def guard(engine: Engine) -> None:
    """Refuse a file noted as damaged while it still is (:class:`DamagedDatabase`); a cheap stat otherwise."""
    database = sqlite_file(engine)
    if database is None or not note_path(database).exists():
        return
    reason = quick_check(engine)
    if reason is not None:
        raise DamagedDatabase(message(database, reason))
    _clear(database)


def noted(engine: Engine) -> str | None:
    """The one line for a file noted as damaged (by any statement so far), or None."""
    database = sqlite_file(engine)
    if database is None or not note_path(database).exists():
        return None
    with contextlib.suppress(OSError):
        reason = note_path(database).read_text(encoding="utf-8").strip().partition(" ")[2]
        return message(database, reason or "database disk image is malformed")
    return message(database, "database disk image is malformed")


def _clear(database: Path) -> None:
    note = note_path(database)
    if note.exists():
        log.info("%s passes PRAGMA quick_check again: using it", database)
        with contextlib.suppress(OSError):
            note.unlink()


class FileIdentity:
    """Which file a long-lived process opened (device and inode), to notice it deleted or replaced.

    SQLite keeps writing to a file deleted under it (the open descriptor outlives the name):
    a daemon would go on polling and alerting into a file nobody will ever read, and the next
    start would find no file and make a fresh baseline. :meth:`changed` says so instead.
    """

    def __init__(self, engine: Engine) -> None:
        self.path = sqlite_file(engine)
        self.identity = self._stat()

    def _stat(self) -> tuple[int, int] | None:
        if self.path is None:
            return None
        try:
            found = self.path.stat()
        except FileNotFoundError:
            return None
        return (found.st_dev, found.st_ino)

    def changed(self) -> str | None:
        """One line if the file is no longer the one opened (gone, or another file at its path)."""
        if self.path is None or self.identity is None:
            return None
        now = self._stat()
        if now == self.identity:
            return None
        what = "was deleted" if now is None else "was replaced by another file"
        return (
            f"the database file {self.path} {what} while eewatch had it open: stopping, so that "
            f"nothing more is written where no one will read it; put the file back (or restore a "
            f"backup) and start again"
        )
