"""5. Growth with history: synthetic feeds of 1k, 10k, 100k rounds built from real records.

Per size: a backfill (``scrape --once``, fresh SQLite file), then a daemon on
that database: CPU per 304 poll, and CPU and wall of a poll that brings one
new round (the feed is the whole history, so that poll reads every record).
Two such polls: the first changed copy the daemon reads after it starts (cold:
it has read no copy yet, so every record is parsed), then the next one (warm:
the steady state of a daemon, which remembers the copy before). And the floor:
what reading the bytes alone costs (sha256, UTF-8 decode, ``json.loads``),
measured in the bench process on the same body.
"""

from __future__ import annotations

import hashlib
import json
import time
from dataclasses import dataclass

from bench import feeds
from bench.context import Context, scrape_once
from bench.daemon import DaemonProcess, wait_until, write_config
from bench.daemon_polls import measure
from bench.proc import cpu_seconds, rss_mb
from bench.report import Figure, median
from bench.servers import FeedServer

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
    new_round_cpu: float  # the first changed copy after the daemon started (cold)
    new_round_wall: float
    warm_cpu: float  # the next one (warm: the daemon read the copy before)
    warm_wall: float
    floor_cpu: float  # sha256 + decode + json.loads of that body, in the bench process
    rss_after: float  # the daemon's RSS after the warm poll


def measure_size(ctx: Context, rounds: int, runs: int) -> Size:
    body = feeds.synthetic(rounds)
    walls, cpus, rss = [], [], []
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
            cold_cpu, cold_wall = one_new_round(daemon, server, rounds, 1, window.cpu_per_poll)
            warm_cpu, warm_wall = one_new_round(daemon, server, rounds, 2, window.cpu_per_poll)
            rss_after = rss_mb(daemon.pid)
    return Size(
        rounds,
        median(walls),
        median(cpus),
        median(rss),
        len(body) / 2**20,
        window.cpu_per_poll,
        cold_cpu,
        cold_wall,
        warm_cpu,
        warm_wall,
        reading_cpu(feeds.synthetic(rounds, 2)),
        rss_after,
    )


def one_new_round(
    daemon: DaemonProcess, server: FeedServer, rounds: int, extra: int, cpu_per_304: float
) -> tuple[float, float]:
    """Serve the copy with ``extra`` new rounds (one more than before): the poll's CPU and logged wall."""
    cpu0, before = cpu_seconds(daemon.pid), server.count()
    body_id = server.set_body(feeds.synthetic(rounds, extra))
    server.first_with(body_id, 60)
    wait_until(
        lambda: (daemon.scalar("select count(*) from heartbeats where new_rounds = 1") or 0) >= extra,
        900,
        f"one-new-round poll {extra} at {rounds} rounds",
        interval=0.01,
    )
    cpu1, after = cpu_seconds(daemon.pid), server.count()
    time.sleep(0.5)
    polls = [p for p in daemon.polls() if p.get("new") == 1]
    # Other (304) polls that ran in the window are taken out at their measured cost.
    extra_cpu = max(0, after - before - 1) * cpu_per_304
    wall = polls[extra - 1]["duration_ms"] / 1000 if len(polls) >= extra else float("nan")
    return cpu1 - cpu0 - extra_cpu, wall


def reading_cpu(body: bytes, runs: int = 3) -> float:
    """CPU of reading the bytes alone (what any reader of the whole document pays): the median of ``runs``."""
    found = []
    for _ in range(runs):
        started = time.process_time()
        hashlib.sha256(body).hexdigest()
        json.loads(body.decode("utf-8-sig"))
        found.append(time.process_time() - started)
    return median(found)


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
                f"{label}: CPU, one-new-round poll (warm)",
                size.warm_cpu * 1000,
                "ms",
                note=f"wall {size.warm_wall * 1000:.0f} ms (logged); the daemon read the copy before",
            ),
            Figure(
                SECTION,
                f"{label}: CPU, one-new-round poll (cold)",
                size.new_round_cpu * 1000,
                "ms",
                note=f"wall {size.new_round_wall * 1000:.0f} ms (logged); first changed copy after a start",
            ),
            Figure(
                SECTION,
                f"{label}: CPU reading the bytes (floor)",
                size.floor_cpu * 1000,
                "ms",
                note=f"sha256 + json.loads of the body in the bench process; warm poll beyond it "
                f"{(size.warm_cpu - size.floor_cpu) * 1000:.0f} ms",
            ),
            Figure(SECTION, f"{label}: daemon RSS after the warm poll", size.rss_after, "MiB"),
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
    ratio_warm = last.warm_cpu / first.warm_cpu
    ratio_cold = last.new_round_cpu / first.new_round_cpu
    beyond = [max(size.warm_cpu - size.floor_cpu, 0.0) for size in (first, last)]
    per_round = [b / size.rounds * 1e6 for b, size in zip(beyond, (first, last), strict=True)]
    span = f"{last.rounds // 1000}k / {first.rounds // 1000}k"
    figures += [
        Figure(SECTION, f"CPU per 304 poll, {span}", ratio_304, "ratio", "flat: <= 1.5", ratio_304 <= 1.5),
        Figure(
            SECTION,
            f"CPU one-new-round poll (warm), {span}",
            ratio_warm,
            "ratio",
            "flat: <= 1.5",
            ratio_warm <= 1.5,
            f"reading the bytes alone grows {last.floor_cpu / first.floor_cpu:.0f}x: every copy is the "
            "whole history (docs/performance.md)",
        ),
        Figure(
            SECTION,
            f"CPU one-new-round poll (cold), {span}",
            ratio_cold,
            "ratio",
            "flat: <= 1.5",
            ratio_cold <= 1.5,
        ),
        Figure(
            SECTION,
            f"warm poll beyond reading the bytes, {span}",
            beyond[1] / beyond[0] if beyond[0] else float("nan"),
            "ratio",
            note=f"{beyond[0] * 1000:.0f} ms then {beyond[1] * 1000:.0f} ms: "
            f"{per_round[0]:.1f} then {per_round[1]:.1f} us per round of history",
        ),
    ]
    return figures
