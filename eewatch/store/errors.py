"""Storage errors as one line for the operator: which database, and why (no SQL, no secret)."""

from __future__ import annotations

import contextlib
import re
from pathlib import Path

__all__ = ["HINT", "StorageError", "describe_storage_error"]

#: What to check, said with every storage error.
HINT = "check [database] url in the config (or $EEWATCH_DATABASE_URL), that it is up, and who may write it"


class StorageError(Exception):
    """The database cannot be opened or written, as one line for the operator (no SQL, no secret)."""


def describe_storage_error(url: str | None, exc: BaseException) -> str:
    """One line: which database, and the reason the driver or the OS gave (passwords masked)."""
    from sqlalchemy.engine import make_url

    where = ""
    if url:
        with contextlib.suppress(Exception):  # an unparsable URL: say nothing of it
            where = " " + make_url(url).render_as_string(hide_password=True)
    if isinstance(exc, OSError):
        reason = exc.strerror or str(exc)
        target = f" ({exc.filename})" if exc.filename else ""
        return f"cannot open the database{where}: {reason}{target}; {HINT}"
    original = getattr(exc, "orig", None) or exc
    reason = str(original).strip().splitlines()[0] if str(original).strip() else type(original).__name__
    reason = re.sub(r"://([^:/@\s]+):[^@\s]*@", r"://\1:***@", reason)[:300]
    return f"cannot open the database{where}: {reason} ({type(exc).__name__}); {HINT}"


def note_path(database: Path) -> Path:
    """Where a SQLite file found damaged is noted (beside it), until it passes a check again."""
    return database.with_name(database.name + ".damaged")
