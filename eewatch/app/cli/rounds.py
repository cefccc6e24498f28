"""``eewatch rounds``: the stored rounds, newest first, as a table, JSON or CSV."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import TextIO

from eewatch.app import exitcodes
from eewatch.app.cli import Context, add_filters, command_parser, positive_int
from eewatch.app.views.export import write_csv, write_json
from eewatch.app.views.term import Cell, cell, render_table, wants_colour
from eewatch.domain.record import Round
from eewatch.store.store import PROVISIONAL_NOTE

__all__ = ["add_parser", "kind_label", "run", "write_csv", "write_json", "write_table"]

#: Colour of each round type in the table.
TYPE_STYLES = {"general": "blue", "program": "cyan", "category": "magenta"}


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = command_parser(
        sub,
        "rounds",
        run,
        help="list stored rounds, newest first",
        description="List stored rounds, newest first. The table is coloured on a terminal "
        "unless NO_COLOR is set and fits 80 columns (a long category name cut short; --wide shows "
        "it whole); --format json prints the contract records.",
    )
    parser.add_argument("--format", choices=("table", "json", "csv"), default="table")
    add_filters(parser)
    parser.add_argument("--limit", type=positive_int, metavar="N", help="at most N rounds")
    parser.add_argument(
        "--wide", action="store_true", help="full category names (the table fits 80 columns without)"
    )
    parser.add_argument(
        "--provisional",
        action="store_true",
        help="also rounds seen only in an announcement so far (marked *, and in their warnings)",
    )


def run(ctx: Context) -> int:
    args = ctx.args
    with ctx.store() as store:
        rounds = ctx.rounds(store, limit=args.limit, include_provisional=args.provisional)
    if args.format == "table":
        write_table(rounds, sys.stdout, colour=wants_colour(sys.stdout), wide=args.wide)
    else:
        {"json": write_json, "csv": write_csv}[args.format](rounds, sys.stdout)
    return exitcodes.OK


def kind_label(item: Round) -> str:
    """``category:stem``, ``program:PNP`` or ``general``."""
    if item.round_type == "category":
        return f"category:{item.category}"
    if item.round_type == "program":
        return "program:" + ",".join(item.programs)
    return item.round_type or "?"


def table_rows(rounds: Sequence[Round]) -> list[list[Cell]]:
    """The table's cells: missing values as ``-``, never 0."""
    return [
        [
            cell(item.id + ("*" if is_provisional(item) else ""), "bold", right=True),
            cell(item.date.isoformat()),
            cell(kind_label(item), TYPE_STYLES.get(item.round_type or "")),
            cell(f"{item.invitations:,}" if item.invitations is not None else None, right=True),
            cell(item.crs_min, "yellow", right=True),
            cell(item.tie_break_at.strftime("%Y-%m-%d %H:%M:%S") if item.tie_break_at else None),
        ]
        for item in rounds
    ]


#: The table's width unless ``--wide``: a long category name is cut short ("…") to fit.
WIDTH = 80


def write_table(rounds: Sequence[Round], out: TextIO, *, colour: bool = False, wide: bool = False) -> None:
    """An aligned table for people, coloured if ``colour``; 80 columns unless ``wide``."""
    header = ("round", "date", "type", "invitations", "CRS min", "tie-break (UTC)")
    fit = None if wide else WIDTH
    out.write(render_table(header, table_rows(rounds), colour=colour, fit=fit, shrink=header.index("type")))
    if not rounds:
        out.write("no rounds match (an empty database? run `scrape --once`)\n")
    elif any(is_provisional(item) for item in rounds):
        out.write(f"* {PROVISIONAL_NOTE}\n")


def is_provisional(item: Round) -> bool:
    return PROVISIONAL_NOTE in item.warnings
