"""The normalized round record: the one type every source produces and every view reads.

This is a contract (see the core issue): exports, alert rules and the other
sources all rely on these field names and meanings. Change it deliberately.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping
from typing import Any

ROUND_TYPES = ("general", "program", "category")

#: A round's standing: seen in the official feed, or only in an announcement so far.
CONFIRMED = "confirmed"
PROVISIONAL = "provisional"
#: Programs whose candidates a round can invite: code -> name.
PROGRAM_LABELS = {
    "CEC": "Canadian Experience Class",
    "FSW": "Federal Skilled Worker",
    "FST": "Federal Skilled Trades",
    "PNP": "Provincial Nominee Program",
}
PROGRAM_CODES = tuple(PROGRAM_LABELS)

#: Bands of the CRS distribution of the pool, in the order IRCC publishes them
#: (dd1 .. dd18 in the feed). "total" is the whole pool.
DISTRIBUTION_BANDS = (
    "601-1200",
    "501-600",
    "451-500",
    "491-500",
    "481-490",
    "471-480",
    "461-470",
    "451-460",
    "401-450",
    "441-450",
    "431-440",
    "421-430",
    "411-420",
    "401-410",
    "351-400",
    "301-350",
    "0-300",
    "total",
)

#: The contract's fields, in the order exports print them.
FIELDS = (
    "id",
    "number",
    "date",
    "held_at",
    "tie_break_at",
    "round_type",
    "programs",
    "category",
    "category_version",
    "name",
    "invitations",
    "crs_min",
    "distribution_as_of",
    "distribution",
    "url",
    "warnings",
)

#: Fields that carry the round's published facts. Two versions of a round that
#: agree on all of these are the same revision; ``warnings`` are derived notes.
CONTENT_FIELDS = tuple(f for f in FIELDS if f != "warnings")


@dataclasses.dataclass(frozen=True, slots=True)
class Round:
    """One round of invitations, normalized. ``None`` means "not published"."""

    id: str
    number: int
    date: dt.date
    held_at: dt.datetime | None = None
    tie_break_at: dt.datetime | None = None
    round_type: str | None = None
    programs: tuple[str, ...] = ()
    category: str | None = None
    category_version: str | None = None
    name: str | None = None
    invitations: int | None = None
    crs_min: int | None = None
    distribution_as_of: dt.date | None = None
    distribution: Mapping[str, int] | None = None
    url: str | None = None
    warnings: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        # A category slug eewatch has since renamed (a stored round, an old export) reads as the new one.
        if self.category is not None:
            # Imported here: loading a config reads this module's constants, not the taxonomy.
            from eewatch.domain.taxonomy import canonical_category

            if canonical_category(self.category) != self.category:
                object.__setattr__(self, "category", canonical_category(self.category))

    def to_dict(self) -> dict[str, Any]:
        """The contract's JSON shape: ISO strings for dates and times, lists for tuples."""
        return {
            "id": self.id,
            "number": self.number,
            "date": self.date.isoformat(),
            "held_at": _iso_utc(self.held_at),
            "tie_break_at": _iso_utc(self.tie_break_at),
            "round_type": self.round_type,
            "programs": list(self.programs),
            "category": self.category,
            "category_version": self.category_version,
            "name": self.name,
            "invitations": self.invitations,
            "crs_min": self.crs_min,
            "distribution_as_of": (self.distribution_as_of.isoformat() if self.distribution_as_of else None),
            "distribution": dict(self.distribution) if self.distribution is not None else None,
            "url": self.url,
            "warnings": list(self.warnings),
        }

    def content(self) -> dict[str, Any]:
        """The published facts only (no derived warnings), as JSON-ready values."""
        data = self.to_dict()
        del data["warnings"]
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Round:
        """Inverse of :meth:`to_dict`."""
        return cls(
            id=data["id"],
            number=data["number"],
            date=dt.date.fromisoformat(data["date"]),
            held_at=_parse_iso_utc(data.get("held_at")),
            tie_break_at=_parse_iso_utc(data.get("tie_break_at")),
            round_type=data.get("round_type"),
            programs=tuple(data.get("programs") or ()),
            category=data.get("category"),
            category_version=data.get("category_version"),
            name=data.get("name"),
            invitations=data.get("invitations"),
            crs_min=data.get("crs_min"),
            distribution_as_of=(
                dt.date.fromisoformat(data["distribution_as_of"]) if data.get("distribution_as_of") else None
            ),
            distribution=dict(data["distribution"]) if data.get("distribution") is not None else None,
            url=data.get("url"),
            warnings=tuple(data.get("warnings") or ()),
        )


def _iso_utc(value: dt.datetime | None) -> str | None:
    if value is None:
        return None
    return value.astimezone(dt.UTC).isoformat().replace("+00:00", "Z")


def _parse_iso_utc(value: str | None) -> dt.datetime | None:
    if not value:
        return None
    parsed = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    if parsed.tzinfo is None:
        raise ValueError(f"naive datetime in a round record: {value!r}")
    return parsed.astimezone(dt.UTC)
