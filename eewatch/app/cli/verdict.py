"""``eewatch verdict``: was each profile invited in a round? Eligible, invited, margin and why.

The profiles are the config's: ``[profile]`` (shown as ``[profile]``), the ``[[profiles]]`` and the
``[roster]``'s rows. The verdict is :func:`eewatch.domain.verdicts.judge`, the one alerts and
``chances`` read. Newest round first; within a round, the profiles in config order.
"""

from __future__ import annotations

import argparse
import json
import sys

from eewatch.app import exitcodes
from eewatch.app.cli import Context, command_parser, positive_int
from eewatch.app.views.term import Cell, cell, render_table, wants_colour
from eewatch.config import Config, Profile
from eewatch.domain.occupations import Catalog, load_catalog
from eewatch.domain.record import Round
from eewatch.domain.verdicts import PersonalVerdict, judge
from eewatch.store.announcements import learned_lists

HEADER = ("round", "profile", "eligible", "invited", "margin", "reason")


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = command_parser(
        sub,
        "verdict",
        run,
        help="was each profile invited in a round? (tie-break included)",
        description="For each profile of the config ([profile], [[profiles]], the [roster]) and a stored "
        "round: eligible (yes, no, unknown), invited (above the cut-off, or equal to it and submitted "
        "at or before the round's tie-break; unknown where that cannot be decided), the margin (CRS "
        "minus the cut-off) and the reason. Newest round first. Without --round: the newest round.",
    )
    parser.add_argument(
        "--round", action="append", metavar="N", help="this round (its number: 422, 91a); repeatable"
    )
    parser.add_argument(
        "--last", type=positive_int, metavar="N", help="the N newest rounds (without --round: 1)"
    )
    parser.add_argument("--profile", action="append", metavar="NAME", help="only this profile; repeatable")
    parser.add_argument("--format", choices=("table", "json"), default="table")


def every_profile(config: Config) -> list[Profile]:
    """``[profile]`` first (when there is one), then the named profiles."""
    return ([config.profile] if config.profile is not None else []) + list(config.profiles)


def run(ctx: Context) -> int:
    args, config = ctx.args, ctx.config
    profiles = every_profile(config)
    if not profiles:
        return ctx.error("no profile: add [profile], [[profiles]] or [roster] csv to the config")
    if args.profile:
        by_name = {p.name or "[profile]": p for p in profiles}
        missing = [n for n, name in enumerate(args.profile, 1) if name not in by_name]
        if missing:
            return ctx.error(f"--profile #{missing[0]}: no profile of that name in the config")
        profiles = [by_name[name] for name in dict.fromkeys(args.profile)]
    if args.round and args.last:
        return ctx.error("give --round or --last, not both")
    with ctx.store() as store:
        rounds = store.rounds()  # newest first, confirmed rounds
        with store.engine.connect() as conn:  # the shipped lists, and those learned from round pages
            catalog = load_catalog().with_learned(learned_lists(conn))
    if args.round:
        by_id = {r.id: r for r in rounds}
        unknown = [rid for rid in args.round if rid.lstrip("#") not in by_id]
        if unknown:
            return ctx.error(f"--round {unknown[0]}: no such round is stored")
        wanted = {rid.lstrip("#") for rid in args.round}
        chosen = [r for r in rounds if r.id in wanted]
    else:
        chosen = rounds[: args.last or 1]
    verdicts = judge_rounds(chosen, profiles, catalog)
    if args.format == "json":
        json.dump([v.as_dict() for v in verdicts], sys.stdout, indent=2)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(render_table(HEADER, table_rows(verdicts), colour=wants_colour(sys.stdout)))
        if not chosen:
            sys.stdout.write("no round is stored (run `scrape --once`)\n")
    return exitcodes.OK


def judge_rounds(
    rounds: list[Round], profiles: list[Profile], catalog: Catalog | None = None
) -> list[PersonalVerdict]:
    """Every profile's verdict for every round, rounds in the order given."""
    catalog = catalog or load_catalog()
    return [judge(r, p, catalog) for r in rounds for p in profiles]


_WORDS = {True: ("yes", "green"), False: ("no", "red"), None: ("unknown", "dim")}


def table_rows(verdicts: list[PersonalVerdict]) -> list[list[Cell]]:
    rows = []
    for v in verdicts:
        rows.append(
            [
                cell(v.round, "bold", right=True),
                cell(v.profile),
                cell(*_WORDS[v.eligible]),
                cell(*_WORDS[v.invited]),
                cell(f"{v.margin:+d}" if v.margin is not None else None, right=True),
                cell(v.reason),
            ]
        )
    return rows
