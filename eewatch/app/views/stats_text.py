"""Statistics as a terminal table or JSON-ready dicts.

The table fits 80 columns: the figures are wrapped into two tables by what they
cover (all rounds, the last 12 months), each starting with the group. ``wide``
gives the single table of every column (about 190 columns with trends).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import textwrap
from collections.abc import Sequence
from typing import Any

from eewatch.app.views.stats import GroupStats, Trend
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

#: The narrow layout: (title, header, the wide table's columns shown), the group first in each.
SECTIONS = (
    (
        "all rounds",
        ("group", "rounds", "last round", "days ago", "gap (d)", "CRS latest"),
        (0, 1, 2, 3, 4, 7),
    ),
    (
        "last 12 months (365 days)",
        ("group", "rounds", "invited", "CRS min", "CRS median", "CRS trend"),
        (0, 5, 6, 8, 9, 10),
    ),
)
WIDTH = 80


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


def render_stats(
    stats: Sequence[GroupStats], today: dt.date, *, colour: bool = False, wide: bool = False
) -> str:
    """The tables (one wide table with ``wide``), then the notes about left-out data."""
    rows = stats_rows(stats)
    if wide:
        text = f"as of {today}; 12m = the last 365 days; CRS trend = least-squares slope\n"
        text += render_table(HEADER, rows, colour=colour)
    else:
        text = f"as of {today}; gap = mean days between rounds; trend = least-squares slope\n"
        for index, trend_ in enumerate(s.trend for s in stats):
            if trend_ is not None:  # the compact form, to fit
                rows[index][10] = dataclasses.replace(rows[index][10], text=_compact(trend_))
        for title, header, columns in SECTIONS:
            text += f"\n{title}\n"
            section = [[row[i] for i in columns] for row in rows]
            text += "\n".join(render_table(h, r, colour=colour) for h, r in _fit(header, section))
    notes = [f"{s.group.short}: {note}" for s in stats for note in s.notes]
    if notes:
        wrap = 10_000 if wide else WIDTH
        text += "\nnotes:\n" + "".join(
            textwrap.fill(n, wrap, initial_indent="  ", subsequent_indent="    ") + "\n" for n in notes
        )
    return text


def _fit(header: Sequence[str], rows: list[list[Cell]]) -> list[tuple[list[str], list[list[Cell]]]]:
    """The columns in as few tables as fit :data:`WIDTH`, each starting with the group column
    (one table unless a group's name is very long)."""

    def width(columns: list[int]) -> int:
        table = render_table([header[i] for i in columns], [[row[i] for i in columns] for row in rows])
        return max(len(line) for line in table.splitlines())

    chunks: list[list[int]] = [[0]]
    for column in range(1, len(header)):
        if len(chunks[-1]) > 1 and width([*chunks[-1], column]) > WIDTH:
            chunks.append([0])
        chunks[-1].append(column)
    return [([header[i] for i in c], [[row[i] for i in c] for row in rows]) for c in chunks]


def _compact(trend_: Trend) -> str:
    """``rising +2.3/mo`` (``rising (+2.3/month)`` in the wide table)."""
    return f"{trend_.direction} {trend_.points_per_month:+.1f}/mo"


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
