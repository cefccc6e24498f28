"""The clock, injected wherever logic depends on "now"."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

#: A function returning the current time, timezone-aware UTC.
Clock = Callable[[], dt.datetime]


def utcnow() -> dt.datetime:
    """The real clock."""
    return dt.datetime.now(dt.UTC)


class FrozenClock:
    """A clock for tests and replays: returns a set time, moved by hand."""

    def __init__(self, now: dt.datetime) -> None:
        if now.tzinfo is None:
            raise ValueError("FrozenClock needs a timezone-aware time")
        self.now = now

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        """Move the clock forward by a ``timedelta(**delta)``."""
        self.now += dt.timedelta(**delta)
