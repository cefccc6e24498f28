"""``scrape --once``: one crawl of every configured source, store, alert, exit."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from eewatch.app import exitcodes
from eewatch.app.cli import Context, command_parser, count


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = command_parser(
        sub, "scrape", run, help="fetch the feed and every configured source; store and alert"
    )
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


def run(ctx: Context) -> int:
    args = ctx.args
    if not args.once:
        return ctx.error(
            "scrape runs one crawl with --once; the daemon is `eewatch run` (or `python scheduler.py`)"
        )
    config = ctx.config
    if args.feed and "://" not in args.feed and not Path(args.feed).expanduser().is_file():
        # A path typed on the command line: the user's mistake, said before anything is stored.
        reason = "is a directory" if Path(args.feed).expanduser().is_dir() else "No such file"
        return ctx.error(f"--feed {args.feed}: {reason}", exitcodes.SOURCE)
    url = config.feed.url
    if args.feed:
        from scraper.links import feed_location  # its checks of fetched links: only for --feed

        url = feed_location(args.feed)
    # Most cron runs find the feed unchanged: settled by a conditional GET and two rows,
    # without importing Scrapy, SQLAlchemy or the notifier (anything else: the full path).
    from eewatch.app.cron_check import check_unchanged

    if check_unchanged(config, url, sources=not args.feed_only, backfill=args.notify_backfill):
        return exitcodes.OK
    from eewatch.app.poll import poll_once

    store = ctx.store()  # StorageError: exit 4, one line (the CLI's dispatch)
    try:
        result = poll_once(
            config,
            store,
            url,
            sources=not args.feed_only,
            progress=sys.stderr.isatty() and ctx.verbosity >= 0,
            log_level="DEBUG" if ctx.verbosity >= 2 else "WARNING",
            send=not args.no_notify,
            backfill=args.notify_backfill,
        )
        return result.exit_code
    finally:
        store.close()
