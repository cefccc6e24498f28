"""The normalized round record: the one type every source produces and every view reads.

This is a contract (see the core issue): exports, alert rules and the other
sources all rely on these field names and meanings. Change it deliberately.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import types
import typing
from collections.abc import Callable, Mapping
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
        return _to_dict(self)

    def content(self) -> dict[str, Any]:
        """The published facts only (no derived warnings), as JSON-ready values."""
        data = self.to_dict()
        del data["warnings"]
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Round:
        """Inverse of :meth:`to_dict`."""
        values: dict[str, Any] = {}
        for name, _, back in _CODECS:
            value = data[name] if name in _REQUIRED else data.get(name)
            values[name] = back(value) if back is not None else value
        return cls(**values)


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


# -- the one list of fields: the dataclass's; the others derive from it --------------------------

#: The contract's fields, in the order exports print them (the record's own order).
FIELDS = tuple(f.name for f in dataclasses.fields(Round))

#: Fields that carry the round's published facts. Two versions of a round that
#: agree on all of these are the same revision; ``warnings`` are derived notes.
CONTENT_FIELDS = tuple(f for f in FIELDS if f != "warnings")

_REQUIRED = frozenset(f.name for f in dataclasses.fields(Round) if f.default is dataclasses.MISSING)


def _codec(hint: Any) -> tuple[Any, Any]:
    """How a field of this type is written to JSON, and read back (None: as is), from its type."""
    kinds = (
        [a for a in typing.get_args(hint) if a is not type(None)]
        if typing.get_origin(hint)
        in (
            types.UnionType,
            typing.Union,
        )
        else [hint]
    )
    kind = typing.get_origin(kinds[0]) or kinds[0]
    if kind is dt.datetime:
        return _iso_utc, _parse_iso_utc
    if kind is dt.date:
        return dt.date.isoformat, lambda v: dt.date.fromisoformat(v) if v else None
    if kind is tuple:
        return list, lambda v: tuple(v or ())
    if kind in (Mapping, dict):
        return dict, lambda v: dict(v) if v is not None else None
    return None, None


_CODECS = tuple(
    (name, *_codec(hint)) for name, hint in typing.get_type_hints(Round).items() if name in FIELDS
)


def _compile_to_dict() -> Callable[[Round], dict[str, Any]]:
    """``to_dict``'s body written out from the fields (as ``dataclasses`` does): exports and content
    hashes call it for every round, and a loop over the fields costs a third more."""
    namespace: dict[str, Any] = {}
    items = []
    for name, out, _ in _CODECS:
        if out is None:
            items.append(f"{name!r}: r.{name}")
        else:
            namespace[f"_out_{name}"] = out
            items.append(f"{name!r}: None if r.{name} is None else _out_{name}(r.{name})")
    exec(f"def _to_dict(r):\n    return {{{', '.join(items)}}}\n", namespace)
    compiled: Callable[[Round], dict[str, Any]] = namespace["_to_dict"]
    return compiled


_to_dict = _compile_to_dict()
