"""A profile's chances as a terminal table and a one-line verdict."""

from __future__ import annotations

from eewatch.app.views.chances import Chances
from eewatch.app.views.groups import group_of
from eewatch.app.views.term import Cell, cell, render_table
from eewatch.domain.record import Round

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
    """The verdict as a sentence, singular and plural right.

    ``A CRS score of 480 (CEC; the stem category) would have been invited in 7 of the last 10
    rounds it was eligible for.``
    """
    who = _who(result)
    total = len(result.rounds)
    if not total:
        return f"{who}: no round it was eligible for is stored.\n" + _undecided(result)
    known = result.invited + result.not_invited
    last = "the last round" if total == 1 else f"the last {total} rounds"
    if not known:
        none = {1: "it published no cut-off", 2: "neither published a cut-off"}.get(
            total, "none of them published a cut-off"
        )
        return f"{who} was eligible for {last}, but {none}: the outcome is unknown.\n" + _undecided(result)
    if result.unknown:
        with_cutoff = "the only round" if known == 1 else f"the {known} rounds"
        scope = f"{with_cutoff} with a published cut-off among {last} it was eligible for"
    else:
        scope = f"{last} it was eligible for"
    if known == 1:
        verdict = "would have been invited in" if result.invited else "would not have been invited in"
    elif result.invited == 0:
        verdict = "would not have been invited in any of"
    elif result.invited == known:
        verdict = "would have been invited in both of" if known == 2 else "would have been invited in all of"
    else:
        verdict = f"would have been invited in {result.invited} of"
    return f"{who} {verdict} {scope}.\n" + _undecided(result)


def _who(result: Chances) -> str:
    """``A CRS score of 489 (CEC, FSW; the stem and french categories)``."""
    p = result.profile
    parts = []
    if p.programs:
        parts.append(", ".join(sorted(p.programs)))
    if p.categories:
        names = sorted(p.categories)
        listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
        parts.append(f"the {listed} categor{'y' if len(names) == 1 else 'ies'}")
    if p.noc:
        parts.append("NOC " + ", ".join(p.noc))
    return f"A CRS score of {p.crs}" + (f" ({'; '.join(parts)})" if parts else "")


def render_chances(result: Chances, *, colour: bool = False) -> str:
    """The table, then the verdict."""
    if not result.rounds:
        return summary_line(result)
    return render_table(HEADER, chances_rows(result), colour=colour) + "\n" + summary_line(result)


def _undecided(result: Chances) -> str:
    """One line per reason, the rounds that share it together, newest first:

    ``eligibility unknown, not counted: round 340 (2025-03-21, category:stem): no known STEM list ...``
    ``eligibility unknown, not counted: 30 rounds, 360 to 421 (2025-06-04 to 2026-11-18,
    category:french): ...``
    """
    groups: dict[str, list[Round]] = {}
    for item, reason in result.undecided:
        groups.setdefault(reason, []).append(item)
    lines = []
    for reason, items in groups.items():
        kinds = ", ".join(dict.fromkeys(group_of(item).short for item in items))
        if len(items) == 1:
            item = items[0]
            what = f"round {item.id} ({item.date.isoformat()}, {kinds})"
        else:
            newest, oldest = items[0], items[-1]
            if len(items) <= 3:
                ids = ", ".join(item.id for item in reversed(items))
                what = f"{len(items)} rounds, {ids}"
            else:
                what = f"{len(items)} rounds, {oldest.id} to {newest.id}"
            what += f" ({oldest.date.isoformat()} to {newest.date.isoformat()}, {kinds})"
        lines.append(
            f"eligibility unknown, not counted: {what}: {reason.removeprefix('eligibility unknown: ')}\n"
        )
    return "".join(lines)
