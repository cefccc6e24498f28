"""4. Soak: one daemon, many polls alternating a changed copy and a 304; memory and fds.

The server flips between the newest real copy and a real stale copy (as
canada.ca did), each served twice: the first request of a pair gets the
changed bytes (parsed and stored), the second a 304. One changed copy in 50
polls is the newest with one new round on top, alerted to a local webhook.

The deliver job runs every 250 ms instead of every minute: it runs hundreds
of times instead of two or three, and it overlaps polls during the warm-up,
so the database pool reaches its working size (a third SQLite connection,
the first time a retry pass and a poll use the store at once) before the
early sample, as in a daemon that has run for a day. With the default
minute that happened at a random point of the soak, after the early sample
or not at all: +2 fds (the connection's file and its -wal), the likely
reading of the run that reported 15 fds at poll 200 and 17 at poll 2000.

Fds are read in bursts and classified (:mod:`bench.fds`): the verdict is on
what the daemon holds, not on whether a poll was mid-flight at the read.
"""

from __future__ import annotations

import argparse
import functools
import shutil
import sys
import time

from bench import fds, feeds, report
from bench.context import Context
from bench.daemon import DaemonProcess, write_config
from bench.latency import alerts_section
from bench.proc import cpu_seconds, rss_mb
from bench.report import Figure, under
from bench.servers import FeedServer, WebhookServer

NAME = "soak"
SECTION = "4 soak"
#: The deliver job's interval in the soak (see above).
RETRY_EVERY = "250ms"
#: One changed copy in this many pairs brings a new round, so the alert path (rules,
#: outbox, Apprise, a local webhook) is soaked too.
NEW_ROUND_EVERY = 25
FIRST_NEW_ROUND = 1000


def is_new_round_pair(pair: int) -> bool:
    return pair > 0 and pair % NEW_ROUND_EVERY == 0


def run(ctx: Context, *, polls: int | None = None, every: str = "50ms") -> list[Figure]:
    """The soak: ``polls`` polls (2,000; 300 with --quick), sampled 20 times, judged from the 2nd sample."""
    total = polls or (300 if ctx.quick else 2000)
    step = max(50, total // 20 // 50 * 50)
    early = 2 * step
    total -= total % step
    copies = (feeds.copy(feeds.NEWEST), feeds.copy(feeds.STALE))

    @functools.lru_cache(maxsize=2)
    def with_new_round(pair: int) -> bytes:
        return feeds.with_new_rounds(copies[0], 1, start=FIRST_NEW_ROUND + pair // NEW_ROUND_EVERY)

    def sequence(n: int) -> tuple[int, bytes]:
        pair = n // 2
        if is_new_round_pair(pair):
            return pair, with_new_round(pair)
        return pair, copies[pair % 2]

    server = FeedServer(b"", conditional=True)
    server.sequence = sequence
    hooks = WebhookServer()
    samples: list[tuple[int, float, float]] = []  # poll, rss, cpu
    fd_samples: list[fds.FdSample] = []
    with server, hooks:
        extra = f'retry_every = "{RETRY_EVERY}"\n\n' + alerts_section([f"json://127.0.0.1:{hooks.port}/soak"])
        config = write_config(ctx.folder("soak"), server.url("/ee.json"), every=every, extra=extra)
        with DaemonProcess(config) as daemon:
            for poll in range(step, total + 1, step):
                server.wait_for(poll, 120 + step * 2)
                samples.append((poll, rss_mb(daemon.pid), cpu_seconds(daemon.pid)))
                fd_samples.append(fds.sample(daemon.pid, poll, db=daemon.db, feed_port=server.port))
                if poll % 500 == 0 or poll == total:
                    held = fd_samples[-1]
                    ctx.say(
                        f"soak: {poll}/{total} polls, RSS {samples[-1][1]:.1f} MiB, {held.total} fds held "
                        f"({held.long_lived} long-lived), {held.low}-{held.peak} in single reads"
                    )
            alive = daemon.alive()
            changed = daemon.scalar("select count(*) from heartbeats where outcome = 'changed'")
            errors = daemon.scalar("select count(*) from heartbeats where outcome = 'error'")
            with server.lock:  # no more new rounds: the count served is final
                server.sequence = lambda n: (-1, copies[0])
                new_rounds = len({r.body_id for r in server.requests if is_new_round_pair(r.body_id)})
            hooks.wait_count(new_rounds, 60)
            time.sleep(1.0)  # a duplicate would arrive now
            alerts = len(hooks.posts)
    by_poll = {s[0]: s for s in samples}
    first, last = by_poll[early], by_poll[total]
    verdict = fds.fd_verdict(fd_samples, early)
    window = step * 2
    cpu_early = (by_poll[early + window][2] - by_poll[early][2]) / window * 1000
    cpu_late = (by_poll[total][2] - by_poll[total - window][2]) / window * 1000
    trend = ", ".join(f"{p}:{r:.0f}" for p, r, _ in samples[:: max(1, len(samples) // 6)])
    if not alive:
        ctx.note("soak: the daemon was not alive at the end of the soak")
    return [
        under(
            SECTION,
            f"RSS growth, poll {early} -> {total}",
            last[1] - first[1],
            "MiB",
            5,
            f"{first[1]:.1f} -> {last[1]:.1f} MiB; poll:MiB {trend}",
        ),
        Figure(
            SECTION,
            f"open fds held, poll {early} / {total}",
            verdict.end.total if verdict.end else None,
            "fds",
            "flat",
            verdict.ok,
            verdict.note,
        ),
        Figure(
            SECTION,
            f"CPU per poll, polls {early}-{early + window}",
            cpu_early,
            "ms",
            note=f"half changed copies, half 304; deliver job every {RETRY_EVERY}",
        ),
        Figure(
            SECTION,
            f"CPU per poll, polls {total - window}-{total}",
            cpu_late,
            "ms",
            note=f"{changed} changed polls stored, {errors} errors",
        ),
        Figure(
            SECTION,
            "alerts delivered / new rounds served",
            alerts,
            "alerts",
            f"= {new_rounds}",
            alerts == new_rounds,
            f"one copy in {NEW_ROUND_EVERY * 2} polls brings a new round, alerted to a local json:// webhook",
        ),
    ]


def main(argv: list[str] | None = None) -> int:
    """``python -m bench.soak --polls 10000 --every 10ms``: a longer soak alone, its table printed."""
    parser = argparse.ArgumentParser(prog="python -m bench.soak", description=__doc__.splitlines()[0])
    parser.add_argument("--polls", type=int, default=2000, help="polls in all (default 2000; at least 200)")
    parser.add_argument("--every", default="50ms", help='the daemon\'s [schedule] every (default "50ms")')
    parser.add_argument("--keep", action="store_true", help="keep the scratch folder (database, daemon log)")
    args = parser.parse_args(argv)
    if args.polls < 200:
        parser.error("--polls must be at least 200")
    ctx = Context()
    try:
        figures = run(ctx, polls=args.polls, every=args.every)
    finally:
        if args.keep:
            ctx.say(f"kept {ctx.scratch}")
        else:
            shutil.rmtree(ctx.scratch, ignore_errors=True)
    print(report.text_table(figures))
    for note in ctx.notes:
        print(f"note: {note}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
