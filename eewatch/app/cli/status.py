"""``eewatch status``: last poll, last success, last round, failures, deliveries; non-zero when unhealthy."""

from __future__ import annotations

import argparse
import json
import sys

from eewatch.app import exitcodes
from eewatch.app.cli import Context, command_parser
from eewatch.app.status import Status, read_status
from eewatch.domain.clock import utcnow
from eewatch.store import integrity


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = command_parser(
        sub, "status", run, help="is the watcher healthy? (exit 6 when not, for monitors)"
    )
    parser.add_argument("--format", choices=("text", "json"), default="text")


def run(ctx: Context) -> int:
    args, config = ctx.args, ctx.config
    try:
        with ctx.store() as store:
            # The whole file is checked (PRAGMA quick_check): a damaged page elsewhere than
            # what status reads would otherwise leave it "ok" (eewatch/store/integrity.py).
            damaged = integrity.damage(store.engine)
            status = (
                Status(problems=[damaged])
                if damaged
                else read_status(
                    store, config.health, utcnow(), store.outbox_counts(), store.oldest_undelivered()
                )
            )
    except integrity.DamagedDatabase as exc:
        status = Status(problems=[str(exc)])
    if args.format == "json":
        json.dump(status.to_dict(), sys.stdout, indent=2)
        sys.stdout.write("\n")
    elif damaged_only(status):
        sys.stdout.write(f"health:               UNHEALTHY: {status.problems[0]}\n")
    else:
        write_text(status)
    return exitcodes.OK if status.healthy else exitcodes.UNHEALTHY


def damaged_only(status: Status) -> bool:
    """A status of a damaged file: nothing else was read from it, so nothing else is said."""
    return status.last_poll_at is None and status.problems[:1] != [] and "is damaged" in status.problems[0]


def feed_line(status: Status) -> str:
    """The feed's freshness, apart from eewatch's health."""
    days = status.days_since_last_round
    if days is None:
        return "feed:                 no round stored yet"
    if status.feed_stale:
        return f"feed:                 STALE: the newest round is {days} days old (no round held since?)"
    return f"feed:                 current (the newest round is {days} days old)"


def write_text(status: Status) -> None:
    def when(value: object) -> str:
        return f"{value:%Y-%m-%d %H:%M:%S} UTC" if value else "never"

    lines = [
        f"health:               {'ok' if status.healthy else 'UNHEALTHY: ' + '; '.join(status.problems)}",
        f"last poll:            {when(status.last_poll_at)} ({status.last_poll_outcome or '-'})",
        f"last success:         {when(status.last_success_at)}",
        f"last round:           #{status.last_round} on {status.last_round_date}"
        if status.last_round
        else "last round:           none stored",
        f"consecutive failures: {status.consecutive_failures}",
        feed_line(status),
        "deliveries:           "
        + (", ".join(f"{k} {v}" for k, v in sorted(status.deliveries.items())) or "none"),
    ]
    if status.unknown_categories:
        lines.append("no list known for:    " + "; ".join(status.unknown_categories))
    if status.last_error:
        lines.append(f"last error:           {status.last_error}")
    if status.last_database_outage:
        lines.append(f"last database outage: {status.last_database_outage}")
    sys.stdout.write("\n".join(lines) + "\n")
