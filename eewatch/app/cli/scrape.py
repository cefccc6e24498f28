"""``scrape --once``: one crawl of every configured source, store, alert, exit."""

from __future__ import annotations

import argparse
import logging
import sys

from eewatch.app import exitcodes
from eewatch.app.cli import add_common, count, verbosity
from eewatch.app.logs import setup_logging
from eewatch.config import load_config
from scraper.links import feed_location

log = logging.getLogger("eewatch.scrape")


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser("scrape", help="fetch the feed and every configured source; store and alert")
    add_common(parser)
    parser.add_argument("--once", action="store_true", help="one crawl, then exit (for cron and backfills)")
    parser.add_argument(
        "--feed", metavar="PATH_OR_URL", help="fetch this copy of the feed instead of [feed] url"
    )
    parser.add_argument(
        "--feed-only", action="store_true", help="skip the [[sources]] (announcement pages and articles)"
    )
    alerting = parser.add_mutually_exclusive_group()
    alerting.add_argument("--no-notify", action="store_true", help="store without alerting")
    alerting.add_argument(
        "--notify-backfill",
        type=count,
        default=0,
        metavar="N",
        help="on a first run (the baseline), alert the newest N rounds instead of none",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    setup_logging(verbosity(args), args.log_format)
    if not args.once:
        log.error("scrape runs one crawl with --once; the daemon is `eewatch run` (or `python scheduler.py`)")
        return exitcodes.CONFIG
    config = load_config(args.config)
    url = feed_location(args.feed) if args.feed else config.feed.url
    # Most cron runs find the feed unchanged: settled by a conditional GET and two rows,
    # without importing Scrapy, SQLAlchemy or the notifier (anything else: the full path).
    from eewatch.app.cron_check import check_unchanged

    if check_unchanged(config, url, sources=not args.feed_only, backfill=args.notify_backfill):
        return exitcodes.OK
    from eewatch.app.names import check_config_names
    from eewatch.app.poll import poll_once
    from eewatch.store.store import Store

    store = Store.open(config.database.url)  # StorageError: exit 4, one line (the CLI's dispatch)
    try:
        check_config_names(config, store)
        result = poll_once(
            config,
            store,
            url,
            sources=not args.feed_only,
            progress=sys.stderr.isatty() and verbosity(args) >= 0,
            log_level="DEBUG" if verbosity(args) >= 2 else "WARNING",
            send=not args.no_notify,
            backfill=args.notify_backfill,
        )
        return result.exit_code
    finally:
        store.close()
