"""One daemon per database: an exclusive lock beside the SQLite file."""

from __future__ import annotations

import fcntl
import os
from pathlib import Path

from sqlalchemy.engine import make_url


class AlreadyRunning(RuntimeError):
    """Another daemon holds the database."""


class DaemonLock:
    """An ``flock`` on ``<database>.lock``, held for the life of the process.

    The kernel drops it when the process dies, however it dies, so a crashed
    daemon never leaves a stale lock behind.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._fd: int | None = None

    def acquire(self) -> DaemonLock:
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.read(fd, 64).decode(errors="replace").strip() or "unknown"
            os.close(fd)
            raise AlreadyRunning(
                f"another eewatch daemon (pid {holder}) is running on this database; lock file {self.path}"
            ) from None
        os.ftruncate(fd, 0)
        os.write(fd, str(os.getpid()).encode())
        self._fd = fd
        return self

    def release(self) -> None:
        if self._fd is not None:
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None


def lock_for(database_url: str) -> DaemonLock | None:
    """The lock for a SQLite database, or None for a server database (it coordinates itself)."""
    url = make_url(database_url)
    if not url.drivername.startswith("sqlite") or not url.database or url.database == ":memory:":
        return None
    return DaemonLock(Path(url.database).expanduser().resolve().with_name(Path(url.database).name + ".lock"))
