"""``eewatch notify``: deliver due alerts now, or ``--test`` a rule's targets."""

from __future__ import annotations

import argparse
import logging
import sys

from eewatch.app import exitcodes
from eewatch.app.cli import add_common, verbosity
from eewatch.app.logs import setup_logging
from eewatch.app.names import check_config_names
from eewatch.config import Profile, load_config
from eewatch.domain.clock import utcnow
from eewatch.domain.record import Round
from eewatch.store.store import Store
from notifier.deliver import deliver_due, send_message
from notifier.render import probe_message
from notifier.rules import assess
from notifier.secrets import target_label

log = logging.getLogger("eewatch.notify")


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "notify",
        help="deliver due alerts now, or send a test alert (--test)",
        description=(
            "Without --test: one delivery pass over the outbox (what the daemon's retry job does). "
            "With --test: send a test alert through every target of every rule (or of --rule NAME) "
            "and report per target what happened; targets are shown with secrets masked. A rule with "
            "`eligible` also gets a line with the profile's eligibility for the newest stored round "
            "(yes, no, or unknown: an `eligible = true` rule does not match an unknown one)."
        ),
    )
    add_common(parser)
    parser.add_argument("--test", action="store_true", help="send a test alert through the rules' targets")
    parser.add_argument("--rule", metavar="NAME", help="only this rule's targets (with --test)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    setup_logging(verbosity(args), args.log_format)
    config = load_config(args.config)
    settings = config
    if not args.test:
        if args.rule:
            log.error("--rule goes with --test")
            return exitcodes.CONFIG
        with Store.open(config.database.url) as store:
            report = deliver_due(store, settings, utcnow)
        sys.stdout.write(f"sent {report.sent}, will retry {report.retrying}, failed {report.failed}\n")
        return exitcodes.DELIVERY if report.failed or report.retrying else exitcodes.OK
    rules = settings.alerts
    if args.rule:
        rule = settings.rule(args.rule)
        if rule is None:
            names = ", ".join(r.name for r in rules) or "none configured"
            log.error("no rule named %r (rules: %s)", args.rule, names)
            return exitcodes.CONFIG
        rules = (rule,)
    if not rules:
        log.error("no [[alerts]] rules in the config: nothing to test")
        return exitcodes.CONFIG
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
        with Store.open(config.database.url) as store:
            check_config_names(config, store)
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
