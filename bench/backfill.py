"""1. Backfill: ``scrape --once`` of the newest real copy into a fresh SQLite file, then again."""

from __future__ import annotations

from bench import feeds
from bench.context import Context, scrape_once
from bench.daemon import write_config
from bench.report import Figure, median, spread, under
from bench.servers import FeedServer

NAME = "backfill"
SECTION = "1 backfill (scrape --once, 338 rounds)"


def run(ctx: Context) -> list[Figure]:
    body = feeds.copy(feeds.NEWEST)
    first, again, same = [], [], []
    with FeedServer(body, conditional=True) as server, FeedServer(body, conditional=False) as plain:
        for index in range(ctx.runs):
            ctx.say(f"backfill run {index + 1}/{ctx.runs}")
            config = write_config(ctx.folder("backfill"), server.url("/ee.json"))
            first.append(scrape_once(config))
            again.append(scrape_once(config))  # the server answers 304
            config = write_config(ctx.folder("backfill-same"), plain.url("/ee.json"))
            scrape_once(config)
            same.append(scrape_once(config))  # a 200 with the same bytes
    walls = [r.wall for r in first]
    cpus = [r.cpu for r in first]
    rss = [r.maxrss_mb for r in first]
    return [
        under(SECTION, "wall, fresh database", median(walls), "s", 1.5, spread(walls, digits=2)),
        under(SECTION, "wall (issue 2 target)", median(walls), "s", 2.0),
        Figure(SECTION, "CPU user+sys", median(cpus), "s", note=spread(cpus, digits=2)),
        Figure(SECTION, "peak RSS (ru_maxrss)", median(rss), "MiB", note=spread(rss)),
        under(
            SECTION,
            "wall, second run (304)",
            median([r.wall for r in again]),
            "s",
            1.0,
            spread([r.wall for r in again], digits=2),
        ),
        Figure(SECTION, "CPU, second run (304)", median([r.cpu for r in again]), "s"),
        under(
            SECTION,
            "wall, second run (200 same bytes)",
            median([r.wall for r in same]),
            "s",
            1.0,
            spread([r.wall for r in same], digits=2),
        ),
        Figure(SECTION, "CPU, second run (200 same bytes)", median([r.cpu for r in same]), "s"),
    ]
