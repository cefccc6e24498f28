"""2. Unchanged polls in the daemon: CPU and wall per poll on a 304, and on a 200 with the same bytes."""

from __future__ import annotations

import time
from dataclasses import dataclass

from bench import feeds
from bench.context import Context
from bench.daemon import DaemonProcess, write_config
from bench.proc import cpu_seconds
from bench.report import Figure, median, spread, under
from bench.servers import FeedServer

NAME = "polls"
SECTION = "2 unchanged poll (daemon)"


@dataclass(frozen=True)
class Window:
    """N polls of one daemon: CPU per poll (from /proc) and wall per poll (from its log)."""

    cpu_per_poll: float
    wall_per_poll: float
    polls: int


def measure(daemon: DaemonProcess, server: FeedServer, polls: int, warmup: int = 10) -> Window:
    """CPU of the daemon between request ``warmup`` and request ``warmup + polls`` (bounded)."""
    server.wait_for(warmup, 120)
    cpu0 = cpu_seconds(daemon.pid)
    first = server.count()
    server.wait_for(first + polls, 60 + polls * 2)
    cpu1 = cpu_seconds(daemon.pid)
    time.sleep(0.3)  # let the last poll write its log line
    durations = [p["duration_ms"] for p in daemon.poll_durations()[first : first + polls]]
    return Window((cpu1 - cpu0) / polls, median(durations) / 1000 if durations else float("nan"), polls)


def poll_window(ctx: Context, name: str, *, conditional: bool, every: str, polls: int) -> Window:
    """Start a daemon on the newest copy, let it back-fill, measure ``polls`` unchanged polls."""
    with FeedServer(feeds.copy(feeds.NEWEST), conditional=conditional) as server:
        config = write_config(ctx.folder(name), server.url("/ee.json"), every=every)
        with DaemonProcess(config) as daemon:
            return measure(daemon, server, polls)


def idle_cpu(ctx: Context, seconds: float) -> float:
    """CPU seconds per second of a daemon waiting between polls (hourly schedule)."""
    with FeedServer(feeds.copy(feeds.NEWEST)) as server:
        config = write_config(ctx.folder("idle"), server.url("/ee.json"), every="1h")
        with DaemonProcess(config) as daemon:
            server.wait_for(1, 60)
            daemon_wait = DaemonProcess.scalar
            deadline = time.monotonic() + 60
            while not daemon_wait(daemon, "select count(*) from heartbeats") and time.monotonic() < deadline:
                time.sleep(0.05)
            time.sleep(1.0)
            cpu0, t0 = cpu_seconds(daemon.pid), time.monotonic()
            time.sleep(seconds)
            return (cpu_seconds(daemon.pid) - cpu0) / (time.monotonic() - t0)


def runs_for(ctx: Context) -> int:
    return min(ctx.runs, 3)


def run(ctx: Context) -> list[Figure]:
    polls = 60 if ctx.quick else 200
    not_modified, same = [], []
    for index in range(runs_for(ctx)):
        ctx.say(f"daemon polls run {index + 1}/{runs_for(ctx)}: {polls} polls answered 304")
        not_modified.append(poll_window(ctx, "polls-304", conditional=True, every="50ms", polls=polls))
        ctx.say(f"daemon polls run {index + 1}/{runs_for(ctx)}: {polls} polls answered 200, same bytes")
        same.append(poll_window(ctx, "polls-same", conditional=False, every="100ms", polls=polls))
    idle = idle_cpu(ctx, 3 if ctx.quick else 10)
    cpu304 = [w.cpu_per_poll * 1000 for w in not_modified]
    cpu_same = [w.cpu_per_poll * 1000 for w in same]
    note = f"{polls} polls x {runs_for(ctx)} daemons"
    return [
        under(SECTION, "CPU per poll, 304", median(cpu304), "ms", 5, f"{note}; {spread(cpu304, digits=1)}"),
        Figure(
            SECTION,
            "wall per poll, 304",
            median([w.wall_per_poll * 1000 for w in not_modified]),
            "ms",
            note="median of the polls' fetch durations (heartbeats)",
        ),
        under(
            SECTION,
            "CPU per poll, 200 same bytes",
            median(cpu_same),
            "ms",
            50,
            f"{note}; {spread(cpu_same, digits=1)}",
        ),
        Figure(
            SECTION, "wall per poll, 200 same bytes", median([w.wall_per_poll * 1000 for w in same]), "ms"
        ),
        Figure(SECTION, "CPU while idle", idle * 1000, "ms/s", note="hourly schedule, between polls"),
    ]
