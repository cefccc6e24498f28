"""``eewatch report``: write the static site (HTML with charts, Atom feed, JSON, CSV)."""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from eewatch.app import exitcodes
from eewatch.app.cli import add_common, usage_error, verbosity
from eewatch.app.logs import setup_logging
from eewatch.app.views.site import ReportError, build_report
from eewatch.config import load_config
from eewatch.domain.clock import Clock, utcnow
from eewatch.store.store import Store

log = logging.getLogger(__name__)


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "report",
        help="write the static report: index.html with charts, feed.xml, rounds.json, rounds.csv",
        description="Write the static site to DIR atomically (DIR becomes a symlink to the newest "
        "build). Works offline: no CDN. Defaults come from the [report] config section.",
    )
    add_common(parser)
    parser.add_argument("--out", type=Path, metavar="DIR", help="where to write the site ([report] out)")
    parser.add_argument("--title", help="the site's title ([report] title)")
    parser.add_argument("--site-url", metavar="URL", help="public URL of DIR, for absolute feed links")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, clock: Clock = utcnow) -> int:
    setup_logging(verbosity(args), args.log_format)
    config = load_config(args.config)
    section = config.report
    out = args.out or section.out
    if out is None:
        return usage_error("report", "give --out DIR (or set [report] out in the config)")
    with Store.open(config.database.url) as store:
        try:
            summary = build_report(
                store,
                out,
                clock,
                title=args.title or section.title,
                site_url=args.site_url or section.site_url,
                crs=config.profile.crs if config.profile is not None else None,
                profile=config.profile,
            )
        except ReportError as exc:
            return usage_error("report", str(exc))
        except OSError as exc:
            where = exc.filename or out
            reason = exc.strerror or type(exc).__name__
            return usage_error(
                "report", f"--out {out}: cannot write {where} ({reason}); name a folder you may write"
            )
    sys.stdout.write(f"wrote {len(summary.files)} files ({summary.rounds} rounds) to {summary.out_dir}\n")
    return exitcodes.OK
