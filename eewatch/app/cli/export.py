"""``eewatch export``: every stored round as CSV, JSON or NDJSON (contract fields)."""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from eewatch.app import exitcodes
from eewatch.app.cli import Context, add_filters, command_parser
from eewatch.app.views.export import FORMATS, WRITERS, atomic_writer

log = logging.getLogger(__name__)


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = command_parser(
        sub,
        "export",
        run,
        help="export stored rounds as csv, json or ndjson",
        description="Export stored rounds, newest first, with exactly the contract fields. "
        "--out writes atomically (a temp file renamed over FILE); without it, to stdout.",
    )
    parser.add_argument("--format", choices=FORMATS, required=True)
    parser.add_argument(
        "--out", type=Path, metavar="FILE", help="write to FILE (atomically) instead of stdout"
    )
    add_filters(parser)


def run(ctx: Context) -> int:
    args = ctx.args
    with ctx.store() as store:
        rounds = ctx.rounds(store)
    write = WRITERS[args.format]
    if args.out is None:
        write(rounds, sys.stdout)
        return exitcodes.OK
    if not args.out.parent.is_dir():
        return ctx.error(f"--out {args.out}: directory {args.out.parent} does not exist")
    if args.out.is_dir():
        return ctx.error(f"--out {args.out}: is a directory; name a file in it")
    try:
        with atomic_writer(args.out) as handle:
            write(rounds, handle)
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        return ctx.error(f"--out {args.out}: cannot write it ({reason}); name a file you may write")
    log.info("wrote %d rounds to %s", len(rounds), args.out)
    return exitcodes.OK
