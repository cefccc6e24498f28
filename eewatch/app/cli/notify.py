"""``eewatch notify``: deliver due alerts now, or ``--test`` a rule's targets."""

from __future__ import annotations

import argparse
import sys

from eewatch.app import exitcodes
from eewatch.app.cli import Context, command_parser
from eewatch.config import Profile
from eewatch.domain.clock import utcnow
from eewatch.domain.record import Round
from notifier import outbox
from notifier.deliver import deliver_due, send_message
from notifier.render import probe_message
from notifier.rules import assess
from notifier.secrets import target_label


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = command_parser(
        sub,
        "notify",
        run,
        help="deliver due alerts now, or send a test alert (--test)",
        description=(
            "Without --test: one delivery pass over the outbox (what the daemon's retry job does). "
            "With --test: send a test alert through every target of every rule (or of --rule NAME) "
            "and report per target what happened; targets are shown with secrets masked. A rule with "
            "`eligible` also gets a line with the profile's eligibility for the newest stored round "
            "(yes, no, or unknown: an `eligible = true` rule does not match an unknown one)."
        ),
    )
    parser.add_argument("--test", action="store_true", help="send a test alert through the rules' targets")
    parser.add_argument("--rule", metavar="NAME", help="only this rule's targets (with --test)")


def run(ctx: Context) -> int:
    args, config = ctx.args, ctx.config
    settings = config
    if not args.test:
        if args.rule:
            return ctx.error("--rule goes with --test")
        with ctx.store() as store:
            report = deliver_due(store, settings, utcnow)
            waiting = store.outbox_counts()
            due = outbox.next_attempt(store)
        pending = waiting.get(outbox.PENDING, 0)  # a row being sent (another instance) is not waiting
        line = f"sent {report.sent}, will retry {report.retrying}, failed {report.failed}"
        if pending:
            when = f", the next at {due:%Y-%m-%d %H:%M} UTC" if due is not None else ""
            line += f"; {pending} still pending{when} (`eewatch outbox --retry` makes them due now)"
        sys.stdout.write(line + "\n")
        return exitcodes.DELIVERY if report.failed or pending else exitcodes.OK
    rules = settings.alerts
    if args.rule:
        rule = settings.rule(args.rule)
        if rule is None:
            names = ", ".join(r.name for r in rules) or "none configured"
            return ctx.error(f"no rule named {args.rule!r} (rules: {names})")
        rules = (rule,)
    if not rules:
        return ctx.error("no [[alerts]] rules in the config: nothing to test")
    failures = 0
    for rule in rules:
        message = probe_message(rule.name, utcnow())
        for target in rule.notify:
            outcome = send_message(target, message, settings.notifications)
            verdict = "ok" if outcome.ok else "FAILED"
            detail = "sent" if outcome.ok else outcome.error
            sys.stdout.write(f"{rule.name}\t{target_label(target)}\t{verdict}\t{detail}\n")
            failures += not outcome.ok
    if config.profile is not None and any(rule.eligible is not None for rule in rules):
        with ctx.store() as store:
            newest = store.rounds(limit=1)
        for rule in rules:
            if rule.eligible is not None:
                sys.stdout.write(f"{rule.name}\teligibility\t{_eligibility(newest, config.profile)}\n")
    return exitcodes.DELIVERY if failures else exitcodes.OK


def _eligibility(newest: list[Round], profile: Profile) -> str:
    """``yes|no|unknown<TAB>round #N (date): reason`` for the newest stored round."""
    if not newest:
        return "unknown\tno round stored yet"
    item = newest[0]
    verdict = assess(item, profile)
    word = {True: "yes", False: "no", None: "unknown"}[verdict.eligible]
    return f"{word}\tround #{item.id} ({item.date.isoformat()}): {verdict.reason}"
