"""``eewatch chances``: would this score have been invited in the rounds it was eligible for?"""

from __future__ import annotations

import argparse
import sys

from eewatch.app import exitcodes
from eewatch.app.cli import add_common, category_arg, positive_int, usage_error, verbosity
from eewatch.app.logs import setup_logging
from eewatch.app.views.chances import Profile, compute_chances
from eewatch.app.views.chances_text import render_chances
from eewatch.app.views.query import known_categories, unknown_category
from eewatch.app.views.term import wants_colour
from eewatch.foundation.config import load_config
from eewatch.foundation.db.store import Store
from scraper.domain.record import PROGRAM_CODES


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "chances",
        help="would a CRS score have been invited in the last eligible rounds?",
        description="Of the last rounds a profile was eligible for (every general round, program "
        "rounds for its programs, category rounds in its categories), which would have invited it "
        "(CRS at or above the round's cut-off). Past rounds only: no prediction.",
    )
    add_common(parser)
    parser.add_argument("--crs", type=int, metavar="N", help="the profile's CRS score ([profile] crs)")
    parser.add_argument(
        "--programs",
        nargs="+",
        type=str.upper,
        choices=PROGRAM_CODES,
        metavar="CODE",
        help=f"programs the profile is eligible for ({' '.join(PROGRAM_CODES)}; [profile] programs)",
    )
    parser.add_argument(
        "--categories",
        nargs="+",
        type=category_arg,
        metavar="SLUG",
        help="categories the profile is eligible for (stem french ...; [profile] categories)",
    )
    parser.add_argument(
        "--last", type=positive_int, default=10, metavar="N", help="how many eligible rounds (10)"
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    setup_logging(verbosity(args), args.log_format)
    config = load_config(args.config)
    profile = profile_from(args, config.profile)
    if profile.crs is None:
        return usage_error("chances", "give --crs N (or set [profile] crs in the config)")
    if not 0 <= profile.crs <= 1200:
        return usage_error("chances", f"--crs {profile.crs}: a CRS score is between 0 and 1200")
    with Store.open(config.database.url) as store:
        rounds = store.rounds()
        valid = known_categories(store)
    where = "--categories" if args.categories is not None else "[profile] categories"
    for slug in profile.categories:
        if error := unknown_category(slug, valid):
            return usage_error("chances", f"{where}: {error}")
    known = {r.category for r in rounds if r.category}
    for slug in sorted(set(profile.categories) - known):
        sys.stderr.write(f"note: no stored round of category {slug!r} (known: {', '.join(sorted(known))})\n")
    result = compute_chances(rounds, profile, last=args.last)
    sys.stdout.write(render_chances(result, colour=wants_colour(sys.stdout)))
    return exitcodes.OK


def profile_from(args: argparse.Namespace, configured: Profile | None) -> Profile:
    """The command line's profile, each part defaulting to the config's ``[profile]``."""
    base = configured or Profile()
    return Profile(
        crs=args.crs if args.crs is not None else base.crs,
        programs=tuple(args.programs) if args.programs is not None else base.programs,
        categories=tuple(args.categories) if args.categories is not None else base.categories,
    )
