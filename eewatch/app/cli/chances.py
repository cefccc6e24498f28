"""``eewatch chances``: would this score have been invited in the rounds it was eligible for?"""

from __future__ import annotations

import argparse
import dataclasses
import re
import sys

from eewatch.app import exitcodes
from eewatch.app.cli import Context, category_arg, command_parser, positive_int
from eewatch.app.names import known_categories, program_code, resolve_category
from eewatch.app.views.chances import Profile, compute_chances
from eewatch.app.views.chances_text import render_chances
from eewatch.app.views.term import wants_colour
from eewatch.domain.record import PROGRAM_CODES


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = command_parser(
        sub,
        "chances",
        run,
        help="would a CRS score have been invited in the last eligible rounds?",
        description="Of the last rounds a profile was eligible for (every general round, program "
        "rounds for its programs, category rounds in its categories or whose occupation list in force "
        "on the round's date has its NOC code), which would have invited it (CRS at or above the "
        "round's cut-off). Rounds whose eligibility the data cannot decide are listed as unknown. "
        "Past rounds only: no prediction.",
    )
    parser.add_argument("--crs", type=int, metavar="N", help="the profile's CRS score ([profile] crs)")
    parser.add_argument(
        "--programs",
        nargs="+",
        type=program_code,
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
        "--noc", nargs="+", metavar="CODE", help="NOC 2021 codes of the profile's occupations ([profile] noc)"
    )
    parser.add_argument(
        "--last", type=positive_int, default=10, metavar="N", help="how many eligible rounds (10)"
    )


def run(ctx: Context) -> int:
    args, config = ctx.args, ctx.config
    profile = profile_from(args, config.profile)
    if profile.crs is None:
        return ctx.error("give --crs N (or set [profile] crs in the config)")
    if not 0 <= profile.crs <= 1200:
        return ctx.error(f"--crs {profile.crs}: a CRS score is between 0 and 1200")
    for code in profile.noc:
        if not re.fullmatch(r"\d{5}", code):
            return ctx.error(f"--noc {code}: not a NOC 2021 code (five digits: 21231)")
    with ctx.store() as store:
        known = known_categories(store)
        profile = dataclasses.replace(
            profile, categories=tuple(resolve_category(c, known, "--categories") for c in profile.categories)
        )
        rounds = store.rounds()
    stored = {r.category for r in rounds if r.category}
    for slug in sorted(set(profile.categories) - stored):
        sys.stderr.write(f"note: no stored round of category {slug!r} yet\n")
    result = compute_chances(rounds, profile, last=args.last)
    sys.stdout.write(render_chances(result, colour=wants_colour(sys.stdout)))
    return exitcodes.OK


def profile_from(args: argparse.Namespace, configured: Profile | None) -> Profile:
    """The command line's profile, each part defaulting to the config's ``[profile]``."""
    base = configured or Profile()
    return dataclasses.replace(
        base,
        crs=args.crs if args.crs is not None else base.crs,
        programs=tuple(args.programs) if args.programs is not None else base.programs,
        categories=tuple(args.categories) if args.categories is not None else base.categories,
        noc=tuple(getattr(args, "noc", None) or base.noc),
    )
