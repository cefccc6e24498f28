"""``eewatch eligibility``: which category lists hold an occupation (NOC), and the rounds held under each."""

from __future__ import annotations

import argparse
import json
import re
import sys

from eewatch.app import exitcodes
from eewatch.app.cli import Context, command_parser
from eewatch.app.views.eligibility import answer_occupation, answer_to_dict, render_answer
from eewatch.app.views.term import wants_colour
from eewatch.domain.occupations import load_catalog


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = command_parser(
        sub,
        "eligibility",
        run,
        help="which category lists hold an occupation (NOC), and the rounds held under each",
        description="For one NOC 2021 code: every category version eewatch knows, whether the code "
        "is on it, its dates and source, and the stored rounds held under it (with --crs or "
        "[profile] crs: would that score have been invited). Stored category rounds no known list "
        "covers are listed as unknown.",
    )
    parser.add_argument("--noc", metavar="CODE", help="a NOC 2021 code, five digits (default: [profile] noc)")
    parser.add_argument("--crs", type=int, metavar="N", help="a CRS score ([profile] crs)")
    parser.add_argument("--format", choices=("table", "json"), default="table")


def run(ctx: Context) -> int:
    args, config = ctx.args, ctx.config
    profile = config.profile
    noc = args.noc or (profile.noc[0] if profile and profile.noc else None)
    if noc is None:
        return ctx.error("give --noc CODE (or set [profile] noc in the config)")
    noc = noc.strip()
    if not re.fullmatch(r"\d{5}", noc):
        return ctx.error(f"--noc {noc}: not a NOC 2021 code (five digits: 21231)")
    crs = args.crs if args.crs is not None else (profile.crs if profile else None)
    if crs is not None and not 0 <= crs <= 1200:
        return ctx.error(f"--crs {crs}: a CRS score is between 0 and 1200")
    with ctx.store() as store:
        rounds = store.rounds(round_type="category")
        catalog = load_catalog().with_learned(store.learned_lists())
    answer = answer_occupation(noc, rounds, catalog, crs)
    if args.format == "json":
        json.dump(answer_to_dict(answer), sys.stdout, indent=2)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(render_answer(answer, colour=wants_colour(sys.stdout)))
    return exitcodes.OK
