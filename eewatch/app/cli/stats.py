"""``eewatch stats``: per round type and category, how often, how many, at what CRS."""

from __future__ import annotations

import argparse
import json
import sys

from eewatch.app import exitcodes
from eewatch.app.cli import add_common, category_arg, usage_error, verbosity
from eewatch.app.logs import setup_logging
from eewatch.app.views.query import known_categories, stored_rounds, unknown_category
from eewatch.app.views.stats import compute_stats, type_totals
from eewatch.app.views.stats_text import render_stats, stats_to_dict
from eewatch.app.views.term import wants_colour
from eewatch.config import load_config
from eewatch.domain.clock import Clock, utcnow
from eewatch.store.store import Store


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "stats",
        help="statistics per round type and category",
        description="Per round type and category: rounds, the last one and days since, the average "
        "gap, invitations and CRS cut-offs (latest, minimum, median) over the last 12 months, and "
        "the trend. A round without a published cut-off is left out of the CRS figures, and said so.",
    )
    add_common(parser)
    parser.add_argument(
        "--category", type=category_arg, metavar="SLUG", help="only this category (stem, french, ...)"
    )
    parser.add_argument("--format", choices=("table", "json"), default="table")
    parser.add_argument(
        "--wide", action="store_true", help="one table of every column (wider than 80 columns)"
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, clock: Clock = utcnow) -> int:
    setup_logging(verbosity(args), args.log_format)
    config = load_config(args.config)
    with Store.open(config.database.url) as store:
        if args.category and (error := unknown_category(args.category, known_categories(store))):
            return usage_error("stats", f"--category: {error}")
        rounds = stored_rounds(
            store, category=args.category, round_type="category" if args.category else None
        )
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
