"""A profile's chances as a terminal table and a one-line verdict."""

from __future__ import annotations

from eewatch.app.views.chances import Chances
from eewatch.app.views.groups import group_of
from eewatch.app.views.term import Cell, cell, render_table

HEADER = ("round", "date", "type", "CRS cut-off", "your margin", "invited?")


def chances_rows(result: Chances) -> list[list[Cell]]:
    """One row per eligible round, newest first."""
    rows = []
    for c in result.rounds:
        verdict = {
            True: cell("yes", "green"),
            False: cell("no", "red"),
            None: cell("unknown (no cut-off)", "dim"),
        }
        rows.append(
            [
                cell(c.round.id, "bold", right=True),
                cell(c.round.date.isoformat()),
                cell(group_of(c.round).short),
                cell(c.round.crs_min, "yellow", right=True),
                cell(f"{c.margin:+d}" if c.margin is not None else None, right=True),
                verdict[c.invited],
            ]
        )
    return rows


def summary_line(result: Chances) -> str:
    """``CRS 480 would have been invited in 7 of the last 10 eligible rounds.``"""
    p = result.profile
    who = f"CRS {p.crs}"
    if p.programs:
        who += " (" + ", ".join(sorted(p.programs)) + ")"
    if p.categories:
        who += " in " + ", ".join(sorted(p.categories))
    if p.noc:
        who += ", NOC " + ", ".join(p.noc)
    if not result.rounds:
        return f"{who}: no eligible round stored.\n" + _undecided(result)
    known = result.invited + result.not_invited
    line = f"{who} would have been invited in {result.invited} of the last {known} eligible rounds"
    line += " with a published cut-off" if result.unknown else ""
    line += "."
    if result.unknown:
        line += f" {result.unknown} eligible round(s) published no cut-off: outcome unknown."
    return line + "\n" + _undecided(result)


def _undecided(result: Chances) -> str:
    """``eligibility unknown: round 340 (2025-03-21, category:stem): no known STEM list ...``"""
    return "".join(
        f"eligibility unknown, not counted: round {item.id} ({item.date.isoformat()}, "
        f"{group_of(item).short}): {reason}\n"
        for item, reason in result.undecided
    )


def render_chances(result: Chances, *, colour: bool = False) -> str:
    """The table, then the verdict."""
    if not result.rounds:
        return summary_line(result)
    return render_table(HEADER, chances_rows(result), colour=colour) + "\n" + summary_line(result)
