"""Event kinds the alert rules understand, and the event as the notifier sees it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from scraper.domain.record import Round

NEW_ROUND = "new_round"
ROUND_AMENDED = "round_amended"
SOURCE_ERROR = "source_error"

#: Events that carry a round (``payload["round"]``).
ROUND_EVENT_KINDS: frozenset[str] = frozenset({NEW_ROUND, ROUND_AMENDED})

#: Every event kind a rule may list in ``events``. The daemon's health events
#: are here too; a module that emits another kind adds it with
#: :func:`register_event_kind` (before the config is parsed).
EVENT_KINDS: set[str] = {
    NEW_ROUND,
    ROUND_AMENDED,
    SOURCE_ERROR,
    "poll_failing",
    "poll_recovered",
    "feed_stale",
    "feed_shape_changed",
}

#: What a rule listens to when it does not say.
DEFAULT_EVENTS: tuple[str, ...] = (NEW_ROUND, ROUND_AMENDED)


def register_event_kind(kind: str) -> None:
    """Let rules listen to a further event kind (e.g. a new health event)."""
    if not kind or not kind.replace("_", "").isalnum():
        raise ValueError(f"bad event kind {kind!r}: use letters, digits and _")
    EVENT_KINDS.add(kind)


@dataclass(frozen=True)
class Event:
    """One stored event (a row of ``events``)."""

    id: int
    kind: str
    created_at: dt.datetime
    payload: Mapping[str, Any] = field(default_factory=dict)
    round_id: str | None = None
    baseline: bool = False

    @classmethod
    def from_row(cls, row: Mapping[str, Any]) -> Event:
        """An ``events`` row (mapping) -> :class:`Event`."""
        return cls(
            id=int(row["id"]),
            kind=str(row["kind"]),
            created_at=row["created_at"],
            payload=dict(row["payload"] or {}),
            round_id=row.get("round_id"),
            baseline=bool(row.get("baseline")),
        )

    @property
    def round(self) -> Round | None:
        """The round this event is about (the new version for an amendment)."""
        data = self.payload.get("round")
        return Round.from_dict(data) if isinstance(data, Mapping) else None

    @property
    def previous(self) -> Round | None:
        """For an amendment: the version before."""
        data = self.payload.get("previous")
        return Round.from_dict(data) if isinstance(data, Mapping) else None

    @property
    def provisional(self) -> bool:
        return bool(self.payload.get("provisional"))
