"""Statistics as a terminal table or JSON-ready dicts."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from typing import Any

from eewatch.app.views.stats import GroupStats
from eewatch.app.views.term import Cell, cell, render_table

HEADER = (
    "group",
    "rounds",
    "last round",
    "days ago",
    "avg gap (d)",
    "rounds 12m",
    "invited 12m",
    "CRS latest",
    "CRS min 12m",
    "CRS median 12m",
    "CRS trend 12m",
)

TREND_STYLES = {"rising": "red", "falling": "green", "flat": None}


def stats_rows(stats: Sequence[GroupStats]) -> list[list[Cell]]:
    """One row per group; missing values shown as ``-``."""
    rows = []
    for s in stats:
        rows.append(
            [
                cell(s.group.short, "bold"),
                cell(s.rounds, right=True),
                cell(f"{s.last_date} #{s.last_id}"),
                cell(s.days_since, right=True),
                cell(f"{s.average_gap_days:.1f}" if s.average_gap_days is not None else None, right=True),
                cell(s.rounds_12m, right=True),
                cell(f"{s.invitations_12m:,}" if s.invitations_12m is not None else None, right=True),
                cell(s.crs_latest, "yellow", right=True),
                cell(s.crs_min_12m, right=True),
                cell(_number(s.crs_median_12m), right=True),
                cell(
                    str(s.trend) if s.trend else None,
                    TREND_STYLES.get(s.trend.direction) if s.trend else None,
                ),
            ]
        )
    return rows


def render_stats(stats: Sequence[GroupStats], today: dt.date, *, colour: bool = False) -> str:
    """The table, then the notes about left-out data."""
    text = f"as of {today}; 12m = the last 365 days; CRS trend = least-squares slope\n"
    text += render_table(HEADER, stats_rows(stats), colour=colour)
    notes = [f"{s.group.short}: {note}" for s in stats for note in s.notes]
    if notes:
        text += "\nnotes:\n" + "".join(f"  {n}\n" for n in notes)
    return text


def stats_to_dict(s: GroupStats) -> dict[str, Any]:
    """JSON-ready: ISO dates, the group as round_type and key."""
    data = dataclasses.asdict(s)
    data["group"] = {"round_type": s.group.round_type, "key": s.group.key}
    data["first_date"] = s.first_date.isoformat()
    data["last_date"] = s.last_date.isoformat()
    data["notes"] = list(s.notes)
    return data


def _number(value: float | None) -> str | None:
    if value is None:
        return None
    return f"{value:.0f}" if float(value).is_integer() else f"{value:.1f}"
