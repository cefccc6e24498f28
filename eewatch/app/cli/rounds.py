"""``eewatch rounds``: the stored rounds, newest first, as a table, JSON or CSV."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import TextIO

from eewatch.app import exitcodes
from eewatch.app.cli import add_common, category_arg, iso_date, positive_int, usage_error, verbosity
from eewatch.app.logs import setup_logging
from eewatch.app.views.export import write_csv, write_json
from eewatch.app.views.query import known_categories, stored_rounds, unknown_category
from eewatch.app.views.term import Cell, cell, render_table, wants_colour
from eewatch.config import load_config
from eewatch.domain.record import ROUND_TYPES, Round
from eewatch.store.store import PROVISIONAL_NOTE, Store

__all__ = ["add_parser", "kind_label", "run", "write_csv", "write_json", "write_table"]

#: Colour of each round type in the table.
TYPE_STYLES = {"general": "blue", "program": "cyan", "category": "magenta"}


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "rounds",
        help="list stored rounds, newest first",
        description="List stored rounds, newest first. The table is coloured on a terminal "
        "unless NO_COLOR is set; --format json prints the contract records.",
    )
    add_common(parser)
    parser.add_argument("--format", choices=("table", "json", "csv"), default="table")
    parser.add_argument(
        "--category", type=category_arg, metavar="SLUG", help="only this category (stem, french, ...)"
    )
    parser.add_argument("--type", choices=ROUND_TYPES, help="only this round type")
    parser.add_argument("--since", type=iso_date, metavar="DATE", help="only rounds on or after DATE")
    parser.add_argument("--limit", type=positive_int, metavar="N", help="at most N rounds")
    parser.add_argument(
        "--provisional",
        action="store_true",
        help="also rounds seen only in an announcement so far (marked *, and in their warnings)",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    setup_logging(verbosity(args), args.log_format)
    config = load_config(args.config)
    with Store.open(config.database.url) as store:
        if args.category and (error := unknown_category(args.category, known_categories(store))):
            return usage_error("rounds", f"--category: {error}")
        rounds = stored_rounds(
            store,
            category=args.category,
            round_type=args.type,
            since=args.since,
            limit=args.limit,
            include_provisional=args.provisional,
        )
    if args.format == "table":
        write_table(rounds, sys.stdout, colour=wants_colour(sys.stdout))
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


def write_table(rounds: Sequence[Round], out: TextIO, *, colour: bool = False) -> None:
    """An aligned table for people, coloured if ``colour``."""
    header = ("round", "date", "type", "invitations", "CRS min", "tie-break (UTC)")
    out.write(render_table(header, table_rows(rounds), colour=colour))
    if not rounds:
        out.write("no rounds match (an empty database? run `scrape --once`)\n")
    elif any(is_provisional(item) for item in rounds):
        out.write(f"* {PROVISIONAL_NOTE}\n")


def is_provisional(item: Round) -> bool:
    return PROVISIONAL_NOTE in item.warnings
