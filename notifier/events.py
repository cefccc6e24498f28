"""A stored event as the notifier sees it (the kinds are in :mod:`eewatch.domain.events`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from eewatch.domain.record import Round


@dataclass(frozen=True)
class Event:
    """One stored event (a row of ``events``)."""

    id: int
    kind: str
    created_at: dt.datetime
    payload: Mapping[str, Any] = field(default_factory=dict)
    round_id: str | None = None
    baseline: bool = False
    fetch_id: int | None = None

    @classmethod
    def from_row(cls, row: Mapping[Any, Any]) -> Event:
        """An ``events`` row (mapping) -> :class:`Event`."""
        return cls(
            id=int(row["id"]),
            kind=str(row["kind"]),
            created_at=row["created_at"],
            payload=dict(row["payload"] or {}),
            round_id=row.get("round_id"),
            baseline=bool(row.get("baseline")),
            fetch_id=row.get("fetch_id"),
        )

    @cached_property
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
