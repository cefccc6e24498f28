"""7. Alert fan-out: one new round to 100 targets through the daemon, and to 1,000 from cron.

The daemon figure: 100 targets (json:// to 100 paths of one local server).

If the daemon sends alerts, the time is from the poll's request to the last
of the 100 POSTs. If it does not (alerts not wired in yet), the daemon stores
the round and a child then runs one alert pass (``notifier.run.run_alerts``)
on that database; that pass is timed instead, and the figure says so.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time

from bench import feeds
from bench.context import Context, scrape_once
from bench.daemon import DaemonProcess, bench_env, wait_until, write_config
from bench.latency import ALERT_PROBE, alerts_section
from bench.report import Figure, median, spread
from bench.servers import FeedServer, WebhookServer

NAME = "fanout"
SECTION = "7 alert fan-out (100 targets)"
TARGETS = 100
CRON_SECTION = "7b alert fan-out from cron (1,000 targets, 50 ms per POST)"
CRON_TARGETS = 1000
LATENCY = 0.05


def cron_run(ctx: Context, index: int) -> tuple[float, float, float, int, int]:
    """``scrape --once`` storing one new round for 1,000 targets of one rule, each POST answered in 50 ms.

    Returns (the run's wall and CPU seconds, first -> last POST, targets reached, duplicates).
    """
    base = feeds.copy(feeds.NEWEST)
    paths = [f"/t{i}" for i in range(CRON_TARGETS)]
    with FeedServer(base) as server, WebhookServer(latency=LATENCY) as hooks:
        targets = [f"json://127.0.0.1:{hooks.port}{p}" for p in paths]
        folder = ctx.folder("fanout-cron")
        config = write_config(folder, server.url("/ee.json"), extra=alerts_section(targets))
        scrape_once(config)  # the baseline: history, no alerts
        server.set_body(feeds.with_new_rounds(base, 1, 3000 + index))
        run = scrape_once(config, timeout=900)
        got = [path for _, path, _ in hooks.posts]
        first, last = hooks.posts[0][0], hooks.posts[-1][0]
    ctx.say(f"fan-out run: wall {run.wall:.1f} s, CPU {run.cpu:.1f} s")
    return run.wall, run.cpu, last - first, len(set(got) & set(paths)), len(got) - len(set(got))


def run_cron(ctx: Context) -> list[Figure]:
    runs = 1 if ctx.quick else min(ctx.runs, 3)
    walls, cpus, spreads = [], [], []
    reached, duplicates = CRON_TARGETS, 0
    for index in range(runs):
        ctx.say(f"fan-out from cron, 1,000 targets: run {index + 1}/{runs}")
        wall, cpu, between, got, twice = cron_run(ctx, index)
        walls.append(wall)
        cpus.append(cpu)
        spreads.append(between)
        reached, duplicates = min(reached, got), duplicates + twice
    return [
        Figure(
            CRON_SECTION,
            "scrape --once: new round -> 1,000 targets",
            median(walls),
            "s",
            "< 15.0 s",
            median(walls) < 15.0 and reached == CRON_TARGETS,
            note=f"the whole run (fetch, store, enqueue, deliver); {spread(walls, digits=1)}",
        ),
        Figure(
            CRON_SECTION,
            "CPU of that run",
            median(cpus),
            "s",
            note=f"user+sys of the scrape --once child; {spread(cpus, digits=1)}",
        ),
        Figure(CRON_SECTION, "first -> last POST", median(spreads), "s"),
        Figure(
            CRON_SECTION,
            "targets reached / duplicates",
            reached,
            "targets",
            "= 1000",
            reached == CRON_TARGETS and duplicates == 0,
            note=f"{duplicates} duplicate POSTs in all runs",
        ),
    ]


def one_run(ctx: Context, index: int) -> tuple[float | None, float, str]:
    """(seconds until all targets had the alert, POST spread first->last, how it was measured)."""
    base = feeds.copy(feeds.NEWEST)
    paths = {f"/t{i}" for i in range(TARGETS)}
    with FeedServer(base) as server, WebhookServer() as hooks:
        targets = [f"json://127.0.0.1:{hooks.port}{p}" for p in sorted(paths)]
        config = write_config(
            ctx.folder("fanout"), server.url("/ee.json"), every="1s", extra=alerts_section(targets)
        )
        with DaemonProcess(config) as daemon:
            wait_until(lambda: daemon.scalar("select count(*) from heartbeats"), 60, "the backfill poll")
            body_id = server.set_body(feeds.with_new_rounds(base, 1, 2000 + index))
            poll = server.first_with(body_id, 30)
            wait_until(
                lambda: daemon.scalar(
                    "select 1 from events where kind = 'new_round' and round_id = ?", str(2000 + index)
                ),
                30,
                "the new_round event",
            )
            if hooks.wait_count(1, ALERT_PROBE):
                done = hooks.wait_paths(paths, 0, 120)
                first = hooks.posts[0][0] if hooks.posts else None
                return (done - poll.at if done else None), (done - first if done and first else 0.0), "daemon"
        # The daemon sent nothing: one alert pass in a child, on the database it left.
        started = time.monotonic()
        out = subprocess.run(
            [sys.executable, "-m", "bench.alert_pass", str(config)],
            capture_output=True,
            text=True,
            env=bench_env(),
            cwd=config.parent,
            timeout=300,
        )
        if out.returncode != 0:
            raise RuntimeError(f"alert pass exited {out.returncode}: {out.stderr.strip()[-300:]}")
        result = json.loads(out.stdout.strip().splitlines()[-1])
        done = hooks.wait_paths(paths, 0, 10)
        first = hooks.posts[0][0] if hooks.posts else started
        if done is None or result["sent"] != TARGETS:
            got = len({p for _, p, _ in hooks.posts})
            raise RuntimeError(f"alert pass sent {result['sent']}, the server got {got} of {TARGETS} paths")
        return result["seconds"], done - first, "run_alerts"


def run(ctx: Context) -> list[Figure]:
    return run_daemon(ctx) + run_cron(ctx)


def run_daemon(ctx: Context) -> list[Figure]:
    runs = 1 if ctx.quick else min(ctx.runs, 3)
    totals, spreads, how = [], [], ""
    for index in range(runs):
        ctx.say(f"fan-out run {index + 1}/{runs}")
        seconds, between, how = one_run(ctx, index)
        if seconds is None:
            return [
                Figure(SECTION, "all 100 targets", None, "s", note="not every target got the alert in 120 s")
            ]
        totals.append(seconds)
        spreads.append(between)
    if how == "daemon":
        return [
            Figure(
                SECTION, "poll -> all 100 targets have it", median(totals), "s", note=spread(totals, digits=2)
            ),
            Figure(SECTION, "first -> last POST", median(spreads), "s"),
        ]
    ctx.note(
        "fan-out: the daemon sent no alert (alerts not wired into the daemon); timed one alert pass "
        "(notifier.run.run_alerts) in a child on the database the daemon left instead"
    )
    return [
        Figure(
            SECTION,
            "alert pass (run_alerts) -> 100 targets",
            median(totals),
            "s",
            note=f"NOT via the daemon; {spread(totals, digits=2)}",
        ),
        Figure(
            SECTION,
            "first -> last POST",
            median(spreads),
            "s",
            note=f"{median(spreads) / TARGETS * 1000:.0f} ms per target",
        ),
    ]
