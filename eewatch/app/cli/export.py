"""``eewatch export``: every stored round as CSV, JSON or NDJSON (contract fields)."""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from eewatch.app import exitcodes
from eewatch.app.cli import add_common, category_arg, iso_date, usage_error, verbosity
from eewatch.app.logs import setup_logging
from eewatch.app.views.export import FORMATS, WRITERS, atomic_writer
from eewatch.app.views.query import known_categories, stored_rounds, unknown_category
from eewatch.config import load_config
from eewatch.domain.record import ROUND_TYPES
from eewatch.store.store import Store

log = logging.getLogger(__name__)


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "export",
        help="export stored rounds as csv, json or ndjson",
        description="Export stored rounds, newest first, with exactly the contract fields. "
        "--out writes atomically (a temp file renamed over FILE); without it, to stdout.",
    )
    add_common(parser)
    parser.add_argument("--format", choices=FORMATS, required=True)
    parser.add_argument(
        "--out", type=Path, metavar="FILE", help="write to FILE (atomically) instead of stdout"
    )
    parser.add_argument("--category", type=category_arg, metavar="SLUG", help="only this category")
    parser.add_argument("--type", choices=ROUND_TYPES, help="only this round type")
    parser.add_argument("--since", type=iso_date, metavar="DATE", help="only rounds on or after DATE")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    setup_logging(verbosity(args), args.log_format)
    config = load_config(args.config)
    with Store.open(config.database.url) as store:
        if args.category and (error := unknown_category(args.category, known_categories(store))):
            return usage_error("export", f"--category: {error}")
        rounds = stored_rounds(store, category=args.category, round_type=args.type, since=args.since)
    write = WRITERS[args.format]
    if args.out is None:
        write(rounds, sys.stdout)
        return exitcodes.OK
    if not args.out.parent.is_dir():
        return usage_error("export", f"--out {args.out}: directory {args.out.parent} does not exist")
    if args.out.is_dir():
        return usage_error("export", f"--out {args.out}: is a directory; name a file in it")
    try:
        with atomic_writer(args.out) as handle:
            write(rounds, handle)
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        return usage_error(
            "export", f"--out {args.out}: cannot write it ({reason}); name a file you may write"
        )
    log.info("wrote %d rounds to %s", len(rounds), args.out)
    return exitcodes.OK
