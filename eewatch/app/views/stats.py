"""Per-group statistics of rounds (pure): how many, how often, how many invited, at what CRS.

Missing data is never counted as zero: a round without a published CRS
cut-off is left out of the CRS figures and counted in ``crs_missing``; a round
without an invitation count is left out of the sum and counted in
``invitations_missing``.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from eewatch.app.views.groups import TYPE_ORDER, Group, group_rounds, newest_first
from eewatch.domain.record import Round

#: The window of "the last 12 months".
WINDOW = dt.timedelta(days=365)
#: A CRS trend below this many points per 30 days either way is "flat".
FLAT_SLOPE = 1.0
#: Fewer rounds with a CRS cut-off than this in the window: no trend.
TREND_MIN_ROUNDS = 3


@dataclass(frozen=True)
class Trend:
    """Direction of the CRS cut-off over the window: a least-squares slope."""

    points_per_month: float
    direction: str  # rising | falling | flat

    def __str__(self) -> str:
        return f"{self.direction} ({self.points_per_month:+.1f}/month)"


@dataclass(frozen=True)
class GroupStats:
    """Statistics of one group of rounds, as of ``today``."""

    group: Group
    rounds: int
    first_date: dt.date
    last_date: dt.date
    last_id: str
    days_since: int
    #: Mean days between consecutive rounds over the group's whole history; None with one round.
    average_gap_days: float | None
    rounds_12m: int
    #: Sum of the published counts in the window; None if no round in it published one.
    invitations_12m: int | None
    invitations_missing_12m: int
    #: The newest published cut-off (and its round), whenever it was.
    crs_latest: int | None
    crs_latest_id: str | None
    crs_min_12m: int | None
    crs_median_12m: float | None
    crs_missing: int
    trend: Trend | None
    notes: tuple[str, ...] = field(default=())


def window_start(today: dt.date) -> dt.date:
    """The first day of the 12-month window ending ``today`` (inclusive)."""
    return today - WINDOW + dt.timedelta(days=1)


def compute_stats(rounds: Iterable[Round], today: dt.date) -> list[GroupStats]:
    """Statistics per group (general, each program set, each category), in display order."""
    return [group_stats(group, items, today) for group, items in group_rounds(rounds).items()]


def type_totals(rounds: Iterable[Round], today: dt.date) -> list[GroupStats]:
    """Statistics per round type (all categories together, all program rounds together)."""
    by_type: dict[str, list[Round]] = {}
    for item in rounds:
        by_type.setdefault(item.round_type or "unknown", []).append(item)
    return [
        group_stats(Group(kind, kind), items, today)
        for kind, items in sorted(by_type.items(), key=lambda kv: _type_order(kv[0]))
    ]


def _type_order(kind: str) -> int:
    return TYPE_ORDER.index(kind) if kind in TYPE_ORDER else len(TYPE_ORDER)


def group_stats(group: Group, rounds: Sequence[Round], today: dt.date) -> GroupStats:
    """Statistics of one non-empty group of rounds."""
    if not rounds:
        raise ValueError(f"no rounds in {group.short}")
    ordered = sorted(rounds, key=newest_first)
    newest, oldest = ordered[0], ordered[-1]
    start = window_start(today)
    recent = [r for r in ordered if start <= r.date <= today]
    notes: list[str] = []

    counts = [r.invitations for r in recent if r.invitations is not None]
    invitations_missing = len(recent) - len(counts)
    invitations = sum(counts) if counts or not recent else None
    if invitations_missing:
        notes.append(f"{invitations_missing} round(s) in the last 12 months without an invitation count")

    with_crs = [r for r in ordered if r.crs_min is not None]
    crs_missing = len(ordered) - len(with_crs)
    if crs_missing:
        missing_ids = ", ".join(r.id for r in ordered if r.crs_min is None)
        notes.append(f"left out of CRS figures, no cut-off published: round(s) {missing_ids}")
    recent_crs = [r for r in recent if r.crs_min is not None]
    crs_values = [r.crs_min for r in recent_crs if r.crs_min is not None]
    future = [r.id for r in ordered if r.date > today]
    if future:
        notes.append(f"dated after today ({today}): round(s) {', '.join(future)}")

    return GroupStats(
        group=group,
        rounds=len(ordered),
        first_date=oldest.date,
        last_date=newest.date,
        last_id=newest.id,
        days_since=(today - newest.date).days,
        average_gap_days=average_gap([r.date for r in ordered]),
        rounds_12m=len(recent),
        invitations_12m=invitations,
        invitations_missing_12m=invitations_missing,
        crs_latest=with_crs[0].crs_min if with_crs else None,
        crs_latest_id=with_crs[0].id if with_crs else None,
        crs_min_12m=min(crs_values) if crs_values else None,
        crs_median_12m=statistics.median(crs_values) if crs_values else None,
        crs_missing=crs_missing,
        trend=trend([(r.date, r.crs_min) for r in recent_crs if r.crs_min is not None]),
        notes=tuple(notes),
    )


def average_gap(dates: Sequence[dt.date]) -> float | None:
    """Mean days between consecutive dates; None for fewer than two."""
    if len(dates) < 2:
        return None
    return (max(dates) - min(dates)).days / (len(dates) - 1)


def trend(points: Sequence[tuple[dt.date, int]]) -> Trend | None:
    """Least-squares slope of CRS over time, in points per 30 days; None with too few points."""
    if len(points) < TREND_MIN_ROUNDS:
        return None
    xs = [d.toordinal() for d, _ in points]
    ys = [float(v) for _, v in points]
    if len(set(xs)) < 2:
        return None
    slope = statistics.linear_regression(xs, ys).slope * 30
    direction = "flat" if abs(slope) < FLAT_SLOPE else "rising" if slope > 0 else "falling"
    return Trend(round(slope, 2), direction)
