"""``eewatch stats``: per round type and category, how often, how many, at what CRS."""

from __future__ import annotations

import argparse
import json
import sys

from eewatch.app import exitcodes
from eewatch.app.cli import Context, add_filters, command_parser
from eewatch.app.views.stats import compute_stats, type_totals
from eewatch.app.views.stats_text import render_stats, stats_to_dict
from eewatch.app.views.term import wants_colour
from eewatch.domain.clock import Clock, utcnow


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = command_parser(
        sub,
        "stats",
        run,
        help="statistics per round type and category",
        description="Per round type and category: rounds, the last one and days since, the average "
        "gap, invitations and CRS cut-offs (latest, minimum, median) over the last 12 months, and "
        "the trend. A round without a published cut-off is left out of the CRS figures, and said so.",
    )
    add_filters(parser, round_type=False, since=False)
    parser.add_argument("--format", choices=("table", "json"), default="table")
    parser.add_argument(
        "--wide", action="store_true", help="one table of every column (wider than 80 columns)"
    )


def run(ctx: Context, clock: Clock = utcnow) -> int:
    args = ctx.args
    with ctx.store() as store:
        rounds = ctx.rounds(store)
    today = clock().date()
    if args.category and not rounds:
        sys.stderr.write(f"no rounds of category {args.category!r} stored\n")
        return exitcodes.OK
    stats = compute_stats(rounds, today)
    if not args.category:
        totals = [t for t in type_totals(rounds, today) if t.group.round_type in ("program", "category")]
        stats = stats + totals
    if args.format == "json":
        json.dump([stats_to_dict(s) for s in stats], sys.stdout, indent=2)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(render_stats(stats, today, colour=wants_colour(sys.stdout), wide=args.wide))
    return exitcodes.OK
