"""``eewatch rounds``: the stored rounds, newest first, as a table, JSON or CSV."""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import sys
from collections.abc import Sequence
from typing import TextIO

from eewatch import exitcodes
from eewatch.cli import add_common, verbosity
from eewatch.config import load_config
from eewatch.db.store import Store
from eewatch.logs import setup_logging
from scraper.record import FIELDS, ROUND_TYPES, Round


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = sub.add_parser("rounds", help="list stored rounds, newest first")
    add_common(parser)
    parser.add_argument("--format", choices=("table", "json", "csv"), default="table")
    parser.add_argument("--category", metavar="SLUG", help="only this category (stem, french, ...)")
    parser.add_argument("--type", choices=ROUND_TYPES, help="only this round type")
    parser.add_argument(
        "--since", type=dt.date.fromisoformat, metavar="DATE", help="only rounds on or after DATE"
    )
    parser.add_argument("--limit", type=int, metavar="N", help="at most N rounds")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    setup_logging(verbosity(args), args.log_format)
    config = load_config(args.config)
    store = Store.open(config.database.url)
    try:
        rounds = store.rounds(
            category=args.category, round_type=args.type, since=args.since, limit=args.limit
        )
    finally:
        store.close()
    {"json": write_json, "csv": write_csv, "table": write_table}[args.format](rounds, sys.stdout)
    return exitcodes.OK


def write_json(rounds: Sequence[Round], out: TextIO) -> None:
    """A JSON array of contract records."""
    json.dump([r.to_dict() for r in rounds], out, indent=2, ensure_ascii=False)
    out.write("\n")


def write_csv(rounds: Sequence[Round], out: TextIO) -> None:
    """One row per round; lists joined with ``;``, the distribution as JSON."""
    writer = csv.DictWriter(out, fieldnames=FIELDS, lineterminator="\n")
    writer.writeheader()
    for item in rounds:
        row = item.to_dict()
        row["programs"] = ";".join(row["programs"])
        row["warnings"] = "; ".join(row["warnings"])
        row["distribution"] = json.dumps(row["distribution"]) if row["distribution"] else ""
        writer.writerow({k: ("" if v is None else v) for k, v in row.items()})


def kind_label(item: Round) -> str:
    """``category:stem``, ``program:PNP`` or ``general``."""
    if item.round_type == "category":
        return f"category:{item.category}"
    if item.round_type == "program":
        return "program:" + ",".join(item.programs)
    return item.round_type or "?"


def write_table(rounds: Sequence[Round], out: TextIO) -> None:
    """A plain aligned table for people."""
    header = ("round", "date", "type", "invitations", "CRS min", "tie-break (UTC)")
    rows = [
        (
            item.id,
            item.date.isoformat(),
            kind_label(item),
            f"{item.invitations:,}" if item.invitations is not None else "-",
            str(item.crs_min) if item.crs_min is not None else "-",
            item.tie_break_at.strftime("%Y-%m-%d %H:%M:%S") if item.tie_break_at else "-",
        )
        for item in rounds
    ]
    widths = [max(len(str(c)) for c in col) for col in zip(header, *rows, strict=False)]
    for row in (header, *rows):
        out.write("  ".join(str(c).ljust(w) for c, w in zip(row, widths, strict=True)).rstrip() + "\n")
