"""``eewatch report``: write the static site (HTML with charts, Atom feed, JSON, CSV)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from eewatch.app import exitcodes
from eewatch.app.cli import Context, command_parser
from eewatch.app.views.site import ReportError, build_report
from eewatch.domain.clock import Clock, utcnow


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = command_parser(
        sub,
        "report",
        run,
        help="write the static report: index.html with charts, feed.xml, rounds.json, rounds.csv",
        description="Write the static site to DIR atomically (DIR becomes a symlink to the newest "
        "build). Works offline: no CDN. Defaults come from the [report] config section.",
    )
    parser.add_argument("--out", type=Path, metavar="DIR", help="where to write the site ([report] out)")
    parser.add_argument("--title", help="the site's title ([report] title)")
    parser.add_argument("--site-url", metavar="URL", help="public URL of DIR, for absolute feed links")


def run(ctx: Context, clock: Clock = utcnow) -> int:
    args, config = ctx.args, ctx.config
    section = config.report
    out = args.out or section.out
    if out is None:
        return ctx.error("give --out DIR (or set [report] out in the config)")
    with ctx.store() as store:
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
            return ctx.error(str(exc))
        except OSError as exc:
            where = exc.filename or out
            reason = exc.strerror or type(exc).__name__
            return ctx.error(f"--out {out}: cannot write {where} ({reason}); name a folder you may write")
    sys.stdout.write(f"wrote {len(summary.files)} files ({summary.rounds} rounds) to {summary.out_dir}\n")
    return exitcodes.OK
