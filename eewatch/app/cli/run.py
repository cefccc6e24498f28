"""``eewatch run``: the daemon (the same as ``python scheduler.py``)."""

from __future__ import annotations

import argparse

from eewatch.app.cli import add_common, verbosity
from eewatch.app.logs import setup_logging
from eewatch.config import load_config


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser("run", help="run the daemon: poll on the [schedule], alert, until SIGTERM")
    add_common(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from eewatch.app.daemon.service import run_daemon

    setup_logging(verbosity(args), args.log_format)
    return run_daemon(load_config(args.config))
