"""``python -m bench.storm``: a copy that amends every round of a long history, with one new round.

Issue 27, item 15: a site-wide change (every round's page link moves from
``invitations.html?q=N`` to ``invitations-N.html``) in a 100,000-round feed
(13 MB, under ``max_bytes``) took 884 s for one ``scrape --once``: the storm
summary (``notifier/outbox.py: _mass_amendments``) re-read every amendment of
the copy for each batch of 500 events. This runs the real CLI as a child on a
fresh SQLite file: a backfill of N rounds, then the storm copy, with two alert
rules (one for every amendment and new round, one for STEM rounds) sending to a
local webhook, and prints the wall and CPU of each. Target: the storm copy under
60 s for 100,000 rounds.

    python -m bench.storm                 # 100,000 rounds
    python -m bench.storm --rounds 20000  # quicker
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
import tempfile
from pathlib import Path

from bench.context import scrape_once
from bench.daemon import write_config
from bench.servers import FeedServer, WebhookServer

TARGET_SECONDS = 60.0
_LINK = re.compile(r"invitations\.html\?q=(\w+)")


def storm_copy(body: bytes) -> bytes:
    """``body`` with every page link moved to ``invitations-N.html`` and one new round on top."""
    doc = json.loads(body)
    for record in doc["rounds"]:
        for key in ("drawNumberURL", "mitext", "DrawText1"):
            if key in record:
                record[key] = _LINK.sub(r"invitations-\1.html", record[key])
    newest = dict(doc["rounds"][0])
    newest["drawNumber"] = str(int(newest["drawNumber"]) + 1)
    doc["rounds"].insert(0, newest)
    return json.dumps(doc, separators=(",", ":")).encode()


def compact_feed(count: int) -> bytes:
    """A whole document of ``count`` rounds, newest first, each with the keys a round needs
    (about 170 bytes a round, 16 MiB for 100,000: the size of the issue's 13 MB feed)."""
    names = ("Canadian Experience Class", "STEM occupations (Version 1)", "General")
    start = dt.date(2015, 1, 31)
    rounds = [
        {
            "drawNumber": str(n),
            "drawNumberURL": f"<a href='invitations.html?q={n}'></a>",
            "drawDate": (start + dt.timedelta(days=n // 40)).isoformat(),
            "drawName": names[n % 3],
            "drawSize": str(500 + n % 3000),
            "drawCRS": str(400 + n % 200),
        }
        for n in range(count, 0, -1)
    ]
    return json.dumps({"classes": "wb-tables", "rounds": rounds}, separators=(",", ":")).encode()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.storm", description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=100_000)
    args = parser.parse_args(argv)
    body = compact_feed(args.rounds)
    storm = storm_copy(body)
    folder = Path(tempfile.mkdtemp(prefix="eewatch-storm-"))
    with FeedServer(body) as server, WebhookServer() as hooks:
        rules = (
            "[notifications]\nmass_amendment_threshold = 20\n\n"
            f'[[alerts]]\nname = "all"\nevents = ["new_round", "round_amended"]\n'
            f'notify = ["json://127.0.0.1:{hooks.port}/all"]\n\n'
            f'[[alerts]]\nname = "stem"\ncategories = ["stem"]\n'
            f'notify = ["json://127.0.0.1:{hooks.port}/stem"]\n'
        )
        config = write_config(folder, server.url("/ee.json"), extra=rules, max_bytes=1 << 30)
        backfill = scrape_once(config, timeout=3600)
        print(
            f"backfill of {args.rounds:,} rounds ({len(body) / 2**20:.1f} MiB): "
            f"{backfill.wall:.1f} s wall, {backfill.cpu:.1f} s CPU"
        )
        server.set_body(storm)
        run = scrape_once(config, timeout=3600)
        verdict = "PASS" if run.wall < TARGET_SECONDS else "MISS"
        print(
            f"storm copy (every round amended, one new): {run.wall:.1f} s wall, {run.cpu:.1f} s CPU, "
            f"{len(hooks.posts)} alerts sent; target < {TARGET_SECONDS:.0f} s: {verdict}"
        )
    return 0 if verdict == "PASS" else 1


if __name__ == "__main__":
    sys.exit(main())
