"""What the announcement parsers find and what their spiders hand on.

An announcement (a round's Ministerial Instructions page, or an article that
reports a round) states facts about one or more rounds. Each fact is a
:class:`Found`: the value and where in the document's text it came from. A
fact that was not stated is ``None``: never 0, never a guess.

These types are shared by :mod:`scraper.parsing.mi_page`,
:mod:`scraper.parsing.article`, the spiders and the store; this module
imports none of them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from eewatch.domain.kinds import ARTICLE as ARTICLE
from eewatch.domain.kinds import PAGE as PAGE
from eewatch.domain.record import Round


class AnnouncementError(ValueError):
    """The document cannot be read as an announcement; the message says why."""


class NotAnnouncement(AnnouncementError):
    """The document is empty or is not the kind of announcement asked for."""


@dataclass(frozen=True)
class Found:
    """One extracted fact: its value, and the span and text it came from."""

    value: Any
    start: int
    end: int
    snippet: str

    def json_value(self) -> Any:
        """The value as JSON: ISO dates, UTC times ending in ``Z``, lists for tuples."""
        return json_value(self.value)

    def to_dict(self) -> dict[str, Any]:
        return {"value": self.json_value(), "start": self.start, "end": self.end, "snippet": self.snippet}


@dataclass(frozen=True)
class Occupation:
    """An occupation a category round was open to, with its NOC code."""

    name: str
    noc_code: str
    start: int
    end: int
    snippet: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "occupation": self.name,
            "noc_code": self.noc_code,
            "start": self.start,
            "end": self.end,
            "snippet": self.snippet,
        }


#: The facts an announcement can state about a round, in display order.
FACT_FIELDS = (
    "round_id",
    "date",
    "held_at",
    "tie_break_at",
    "name",
    "round_type",
    "programs",
    "category",
    "category_version",
    "invitations",
    "rank_required",
    "crs_min",
)


@dataclass(frozen=True)
class RoundFacts:
    """What one announcement says about one round. ``None``: not stated."""

    round_id: Found | None = None
    date: Found | None = None
    held_at: Found | None = None
    tie_break_at: Found | None = None
    name: Found | None = None
    round_type: Found | None = None
    programs: Found | None = None
    category: Found | None = None
    category_version: Found | None = None
    invitations: Found | None = None
    rank_required: Found | None = None
    crs_min: Found | None = None
    occupations: tuple[Occupation, ...] = ()
    warnings: tuple[str, ...] = ()
    #: Fields the text gives this round only by context: a figure or kind from a sentence that does not
    #: name the round, a date whose year the text does not write. Read against IRCC's record, such a value
    #: the record contradicts is a doubt (see ``eewatch/domain/against_record.py``).
    by_context: frozenset[str] = frozenset()
    #: A month and day the text gives the round without a year ("December 18"; value "12-18") where the
    #: year is the doubt and ``date`` is left empty: not a fact, but what tells the round in IRCC's record.
    day_written: Found | None = None

    def found(self) -> dict[str, Found]:
        """The facts that were stated, by field name."""
        return {name: f for name in FACT_FIELDS if (f := getattr(self, name)) is not None}

    def values(self) -> dict[str, Any]:
        """The stated facts as JSON values, by field name."""
        return {name: f.json_value() for name, f in self.found().items()}

    def to_dict(self) -> dict[str, Any]:
        """Every field (``None`` where not stated) with its provenance."""
        return {
            "fields": {name: (f.to_dict() if (f := getattr(self, name)) else None) for name in FACT_FIELDS},
            "occupations": [o.to_dict() for o in self.occupations],
            "warnings": list(self.warnings),
            "by_context": sorted(self.by_context),
            "day_written": self.day_written.to_dict() if self.day_written else None,
        }

    def to_round(self, kind: str, url: str | None) -> Round | None:
        """A provisional :class:`Round` from these facts, or None without a round id and date.

        ``url`` is kept only for a page (it is the round's MI page); an
        article's address is not the round's.
        """
        if self.round_id is None or self.date is None:
            return None
        round_id = str(self.round_id.value)
        digits = "".join(ch for ch in round_id if ch.isdigit())

        def value(name: str) -> Any:
            f = getattr(self, name)
            return f.value if f is not None else None

        return Round(
            id=round_id,
            number=int(digits),
            date=self.date.value,
            held_at=value("held_at"),
            tie_break_at=value("tie_break_at"),
            round_type=value("round_type"),
            programs=tuple(value("programs") or ()),
            category=value("category"),
            category_version=value("category_version"),
            name=value("name"),
            invitations=value("invitations"),
            crs_min=value("crs_min"),
            url=url if kind == PAGE else None,
            warnings=(f"provisional: from an announcement {kind}, not yet in the official feed",),
        )


@dataclass(frozen=True)
class Announcement:
    """The rounds one document speaks of, in the order it names them."""

    kind: str
    rounds: tuple[RoundFacts, ...] = ()
    warnings: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "rounds": [r.to_dict() for r in self.rounds],
            "warnings": list(self.warnings),
        }


#: A parser: the document's bytes and its address -> what it announces.
Parser = Callable[[bytes, str], Announcement]


def json_value(value: Any) -> Any:
    """A fact's value as JSON."""
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).isoformat().replace("+00:00", "Z")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return [json_value(v) for v in value]
    return value
