"""5. Growth with history: synthetic feeds of 1k, 10k, 100k rounds built from real records.

Per size: a backfill (``scrape --once``, fresh SQLite file), then a daemon on
that database: CPU per 304 poll, and CPU and wall of a poll that brings one
new round (the feed is the whole history, so that poll reads every record).
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from bench import feeds
from bench.context import Context, scrape_once
from bench.daemon import DaemonProcess, wait_until, write_config
from bench.daemon_polls import measure
from bench.proc import cpu_seconds
from bench.report import Figure, median

NAME = "growth"
SECTION = "5 growth with history"
MAX_BYTES = 1 << 30


@dataclass
class Size:
    rounds: int
    backfill_wall: float
    backfill_cpu: float
    backfill_rss: float
    feed_mb: float
    poll_304_cpu: float
    new_round_cpu: float
    new_round_wall: float


def measure_size(ctx: Context, rounds: int, runs: int) -> Size:
    body = feeds.synthetic(rounds)
    walls, cpus, rss = [], [], []
    from bench.servers import FeedServer

    with FeedServer(body) as server:
        for _ in range(runs):
            config = write_config(ctx.folder(f"growth-{rounds}"), server.url("/ee.json"), max_bytes=MAX_BYTES)
            result = scrape_once(config, timeout=900)
            walls.append(result.wall)
            cpus.append(result.cpu)
            rss.append(result.maxrss_mb)
        ctx.say(f"growth {rounds}: backfill {median(walls):.2f} s, {median(rss):.0f} MiB; now the daemon")
        config = write_config(config.parent, server.url("/ee.json"), every="100ms", max_bytes=MAX_BYTES)
        with DaemonProcess(config) as daemon:
            window = measure(daemon, server, 30, warmup=5)
            cpu0, before = cpu_seconds(daemon.pid), server.count()
            body_id = server.set_body(feeds.synthetic(rounds, 1))
            server.first_with(body_id, 60)
            wait_until(
                lambda: daemon.scalar("select count(*) from heartbeats where new_rounds = 1"),
                900,
                f"the one-new-round poll at {rounds} rounds",
                interval=0.01,
            )
            cpu1, after = cpu_seconds(daemon.pid), server.count()
            time.sleep(0.5)
            polls = [p for p in daemon.polls() if p.get("new") == 1]
    # Other (304) polls that ran in the window are taken out at their measured cost.
    extra = max(0, after - before - 1) * window.cpu_per_poll
    return Size(
        rounds,
        median(walls),
        median(cpus),
        median(rss),
        len(body) / 2**20,
        window.cpu_per_poll,
        cpu1 - cpu0 - extra,
        polls[0]["duration_ms"] / 1000 if polls else float("nan"),
    )


def linear(small: Size, big: Size, bigger: Size, attr: str) -> tuple[float, float]:
    """Marginal cost per 1k rounds between the two smaller and the two bigger sizes."""
    a = (getattr(big, attr) - getattr(small, attr)) / ((big.rounds - small.rounds) / 1000)
    b = (getattr(bigger, attr) - getattr(big, attr)) / ((bigger.rounds - big.rounds) / 1000)
    return a, b


def run(ctx: Context) -> list[Figure]:
    sizes = (1000, 10000) if ctx.quick else (1000, 10000, 100000)
    if ctx.quick:
        ctx.note("growth: --quick measured 1k and 10k rounds only (no 100k)")
    results = []
    for rounds in sizes:
        runs = 1 if rounds >= 100000 else min(ctx.runs, 3)
        ctx.say(f"growth: {rounds} rounds, {runs} backfill run(s)")
        results.append(measure_size(ctx, rounds, runs))
    figures = []
    for size in results:
        k = size.rounds / 1000
        label = f"{size.rounds // 1000}k rounds ({size.feed_mb:.0f} MB feed)"
        figures += [
            Figure(
                SECTION,
                f"{label}: backfill wall per 1k",
                size.backfill_wall / k,
                "s",
                note=f"total {size.backfill_wall:.1f} s, CPU {size.backfill_cpu:.1f} s",
            ),
            Figure(
                SECTION,
                f"{label}: backfill peak RSS",
                size.backfill_rss,
                "MiB",
                note=f"{size.backfill_rss / k:.1f} MiB per 1k",
            ),
            Figure(SECTION, f"{label}: CPU per 304 poll", size.poll_304_cpu * 1000, "ms"),
            Figure(
                SECTION,
                f"{label}: CPU, one-new-round poll",
                size.new_round_cpu * 1000,
                "ms",
                note=f"wall {size.new_round_wall * 1000:.0f} ms (logged)",
            ),
        ]
    first, last = results[0], results[-1]
    if len(results) >= 3:
        t_a, t_b = linear(*results[:3], "backfill_wall")
        m_a, m_b = linear(*results[:3], "backfill_rss")
        figures += [
            Figure(
                SECTION,
                "backfill marginal s per 1k: 1k->10k / 10k->100k",
                t_b / t_a,
                "ratio",
                "linear: <= 1.5",
                t_b / t_a <= 1.5,
                f"{t_a:.3f} s then {t_b:.3f} s per 1k",
            ),
            Figure(
                SECTION,
                "backfill marginal MiB per 1k: 1k->10k / 10k->100k",
                m_b / m_a,
                "ratio",
                "linear: <= 1.5",
                m_b / m_a <= 1.5,
                f"{m_a:.1f} then {m_b:.1f} MiB per 1k",
            ),
        ]
    ratio_304 = last.poll_304_cpu / first.poll_304_cpu
    ratio_new = last.new_round_cpu / first.new_round_cpu
    span = f"{last.rounds // 1000}k / {first.rounds // 1000}k"
    figures += [
        Figure(SECTION, f"CPU per 304 poll, {span}", ratio_304, "ratio", "flat: <= 1.5", ratio_304 <= 1.5),
        Figure(
            SECTION, f"CPU one-new-round poll, {span}", ratio_new, "ratio", "flat: <= 1.5", ratio_new <= 1.5
        ),
    ]
    return figures
