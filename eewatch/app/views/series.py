"""The data behind the report's charts (pure): CRS over time, invitations per month, the pool."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from eewatch.app.views.groups import Group, group_rounds, label
from eewatch.domain.record import DISTRIBUTION_BANDS, Round

#: The pool's bands without the subtotals (451-500, 401-450) and the total.
DETAIL_BANDS = tuple(b for b in DISTRIBUTION_BANDS if b not in ("451-500", "401-450", "total"))
#: "Three months before".
EARLIER_BY = dt.timedelta(days=91)
#: How far from exactly three months before an earlier distribution may be.
EARLIER_TOLERANCE = dt.timedelta(days=31)


@dataclass(frozen=True)
class Point:
    """One round on a chart."""

    date: dt.date
    value: int
    round_id: str


@dataclass(frozen=True)
class Series:
    """Values over time, oldest first: a group's CRS cut-offs (``missing``: rounds without one), a count."""

    group: Group | None
    label: str
    points: tuple[Point, ...]
    missing: tuple[str, ...] = ()
    name: str | None = None

    @property
    def key(self) -> str:
        """A stable id for the series (``category-stem``, ``band-451-500``)."""
        if self.name:
            return self.name
        return self.group.slug if self.group else self.label


def crs_series(
    rounds: Iterable[Round],
    *,
    include: Callable[[Group], bool] = lambda g: True,
    start: dt.date | None = None,
) -> list[Series]:
    """CRS cut-off per group from ``start`` on; a round without a cut-off is listed in ``missing``."""
    out = []
    for group, items in group_rounds(rounds).items():
        if not include(group):
            continue
        shown = [r for r in reversed(items) if start is None or r.date >= start]
        if not shown:
            continue
        points = tuple(Point(r.date, r.crs_min, r.id) for r in shown if r.crs_min is not None)
        missing = tuple(r.id for r in shown if r.crs_min is None)
        out.append(Series(group, label(group, items), points, missing))
    return out


@dataclass(frozen=True)
class Month:
    """Invitations in one calendar month, by round type; ``missing``: rounds without a count."""

    month: str  # YYYY-MM
    by_type: dict[str, int]
    rounds: int
    missing: int

    @property
    def total(self) -> int:
        return sum(self.by_type.values())


def month_key(day: dt.date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def months_between(first: dt.date, last: dt.date) -> list[str]:
    """Every ``YYYY-MM`` from ``first``'s month to ``last``'s, inclusive."""
    months = []
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month):
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def invitations_by_month(rounds: Iterable[Round], first: dt.date, last: dt.date) -> list[Month]:
    """Invitations per month and round type, every month in range (a month without rounds is empty)."""
    keys = months_between(first, last)
    totals: dict[str, dict[str, int]] = {k: {} for k in keys}
    counts = dict.fromkeys(keys, 0)
    missing = dict.fromkeys(keys, 0)
    for item in rounds:
        key = month_key(item.date)
        if key not in totals:
            continue
        counts[key] += 1
        if item.invitations is None:
            missing[key] += 1
            continue
        kind = item.round_type or "unknown"
        totals[key][kind] = totals[key].get(kind, 0) + item.invitations
    return [Month(k, totals[k], counts[k], missing[k]) for k in keys]


@dataclass(frozen=True)
class PoolComparison:
    """The newest published pool distribution and the one about three months before (if any)."""

    latest: Round
    earlier: Round | None

    def rows(self) -> list[tuple[str, int | None, int | None]]:
        """``(band, earlier count, latest count)`` per detail band; None where not published."""
        new = self.latest.distribution or {}
        old = (self.earlier.distribution or {}) if self.earlier else {}
        return [(band, old.get(band), new.get(band)) for band in DETAIL_BANDS]


def pool_comparison(rounds: Sequence[Round]) -> PoolComparison | None:
    """Compare the latest distribution with the one closest to three months before; None if none."""
    published = [r for r in rounds if r.distribution and r.distribution_as_of is not None]
    if not published:
        return None
    latest = max(published, key=lambda r: (r.distribution_as_of, r.date, r.number))
    assert latest.distribution_as_of is not None
    target = latest.distribution_as_of - EARLIER_BY
    candidates = [
        r
        for r in published
        if r.distribution_as_of is not None and abs(r.distribution_as_of - target) <= EARLIER_TOLERANCE
    ]
    earlier = min(
        candidates,
        key=lambda r: (abs((r.distribution_as_of or target) - target), -r.number),
        default=None,
    )
    return PoolComparison(latest, earlier)


#: The bands IRCC totals (its subtotals 451-500 and 401-450 with the bands around them): seven series.
COARSE_BANDS = ("601-1200", "501-600", "451-500", "401-450", "351-400", "301-350", "0-300")


def distributions(rounds: Iterable[Round]) -> list[Round]:
    """One round per published distribution date (the highest-numbered), oldest first."""
    by_date: dict[dt.date, Round] = {}
    for item in rounds:
        if item.distribution and item.distribution_as_of is not None:
            kept = by_date.get(item.distribution_as_of)
            if kept is None or item.number > kept.number:
                by_date[item.distribution_as_of] = item
    return [by_date[d] for d in sorted(by_date)]


def pool_series(published: Sequence[Round], bands: Sequence[str]) -> list[Series]:
    """Candidates per band over time, one series per band (``total``: the pool's size)."""
    out = []
    for band in bands:
        points = tuple(
            Point(r.distribution_as_of, r.distribution[band], r.id)
            for r in published
            if r.distribution and r.distribution_as_of is not None and r.distribution.get(band) is not None
        )
        name = "all candidates" if band == "total" else f"CRS {band}"
        out.append(Series(None, name, points, name=f"band-{band}"))
    return out
