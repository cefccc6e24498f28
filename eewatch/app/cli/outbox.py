"""``eewatch outbox``: pending and failed alert deliveries; ``--retry`` makes them due now."""

from __future__ import annotations

import argparse
import json
import sys

from eewatch.app import exitcodes
from eewatch.app.cli import Context, command_parser
from eewatch.domain.clock import utcnow
from notifier import outbox


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = command_parser(
        sub,
        "outbox",
        run,
        help="list pending and failed alert deliveries; --retry makes them due now",
        description="Targets are shown with secrets masked; errors are stored redacted.",
    )
    parser.add_argument("--failed", action="store_true", help="only deliveries that failed for good")
    parser.add_argument(
        "--retry",
        action="store_true",
        help="make failed deliveries pending and pending ones due, now (then `eewatch notify` sends them)",
    )
    parser.add_argument("--format", choices=("table", "json"), default="table")


def run(ctx: Context) -> int:
    args = ctx.args
    with ctx.store() as store:
        if args.retry:
            now = utcnow()
            failed, waiting = outbox.retry_failed(store, now), outbox.make_due(store, now)
            sys.stdout.write(
                f"due now: {failed} failed (with fresh attempts) and {waiting} pending "
                f"{_deliveries(failed + waiting)} (`eewatch notify` sends them now)\n"
            )
            return exitcodes.OK
        statuses = [outbox.FAILED] if args.failed else [outbox.PENDING, outbox.SENDING, outbox.FAILED]
        found = outbox.rows(store, statuses)
    if args.format == "json":
        data = [
            {
                "id": r.id,
                "status": r.status,
                "attempts": r.attempts,
                "next_attempt_at": r.next_attempt_at.isoformat(),
                "event_id": r.event_id,
                "kind": r.kind,
                "round_id": r.round_id,
                "rule": r.rule,
                "target": r.target_label,
                "title": r.message.title,
                "last_error": r.last_error,
            }
            for r in found
        ]
        json.dump(data, sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
        return exitcodes.OK
    if not found:
        sys.stdout.write(
            "no failed deliveries\n" if args.failed else "outbox empty: nothing pending or failed\n"
        )
        return exitcodes.OK
    for r in found:
        when = r.next_attempt_at.strftime("%Y-%m-%d %H:%M UTC") if r.status == outbox.PENDING else "-"
        sys.stdout.write(
            f"#{r.id}  {r.status:<8} attempts={r.attempts}  next={when}  rule={r.rule}  {r.target_label}\n"
            f"      {r.message.title}\n"
        )
        if r.last_error:
            sys.stdout.write(f"      last error: {r.last_error}\n")
    return exitcodes.OK


def _deliveries(count: int) -> str:
    return "delivery" if count == 1 else "deliveries"
