"""``eewatch run``: the daemon (the same as ``python scheduler.py``)."""

from __future__ import annotations

import argparse

from eewatch.app.cli import Context, command_parser


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    command_parser(sub, "run", run, help="run the daemon: poll on the [schedule], alert, until SIGTERM")


def run(ctx: Context) -> int:
    from eewatch.app.daemon.service import run_daemon

    return run_daemon(ctx.config)
