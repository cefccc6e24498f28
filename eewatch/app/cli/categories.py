"""``eewatch categories``: which occupations each category takes, version by version, and on a date."""

from __future__ import annotations

import argparse
import json
import sys

from eewatch.app import exitcodes
from eewatch.app.cli import Context, command_parser, iso_date
from eewatch.app.views.categories import categories_to_dict, render_categories
from eewatch.app.views.term import wants_colour
from eewatch.config import did_you_mean
from eewatch.domain.clock import utcnow
from eewatch.domain.occupations import load_catalog


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = command_parser(
        sub,
        "categories",
        run,
        help="which occupations each category takes, version by version, and on a date",
        description="Each category's versions (dates, requirements, sources), the one in force on "
        "--on (today by default) with its occupations (NOC code and title), and the periods no "
        "list is known for. NAME: one category (stem, healthcare, trades...; IRCC's name or an old "
        "slug works too). The JSON is a documented contract (docs/categories.md).",
    )
    parser.add_argument("name", nargs="?", metavar="NAME", help="one category (default: all)")
    parser.add_argument("--on", type=iso_date, metavar="YYYY-MM-DD", help="the date (default: today, UTC)")
    parser.add_argument("--format", choices=("table", "json"), default="table")


def run(ctx: Context) -> int:
    args = ctx.args
    catalog = load_catalog()
    only = None
    if args.name is not None:
        text = args.name.strip()
        only = catalog.category_named(text) or catalog.canonical(text.lower())
        if only not in catalog.categories():
            known = catalog.categories()
            hint = did_you_mean(text.lower(), known)
            return ctx.error(f"unknown category {text!r}{hint} (known: {', '.join(known)})")
    on = args.on or utcnow().date()
    data = categories_to_dict(catalog, on, only)
    if args.format == "json":
        json.dump(data, sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(render_categories(data, colour=wants_colour(sys.stdout)))
    return exitcodes.OK
