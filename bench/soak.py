"""4. Soak: one daemon, many polls alternating a changed copy and a 304; memory and fds.

The server flips between the newest real copy and a real stale copy (as
canada.ca did), each served twice: the first request of a pair gets the
changed bytes (parsed and stored), the second a 304.
"""

from __future__ import annotations

from bench import feeds
from bench.context import Context
from bench.daemon import DaemonProcess, write_config
from bench.proc import cpu_seconds, fd_count, rss_mb
from bench.report import Figure, under
from bench.servers import FeedServer

NAME = "soak"
SECTION = "4 soak"


def run(ctx: Context) -> list[Figure]:
    total = 300 if ctx.quick else 2000
    early = 200 if not ctx.quick else 100
    step = 100 if not ctx.quick else 50
    copies = (feeds.copy(feeds.NEWEST), feeds.copy(feeds.STALE))

    def sequence(n: int) -> tuple[int, bytes]:
        pair = n // 2
        return pair, copies[pair % 2]

    server = FeedServer(b"", conditional=True)
    server.sequence = sequence
    samples: list[tuple[int, float, int, float]] = []  # poll, rss, fds, cpu
    with server:
        config = write_config(ctx.folder("soak"), server.url("/ee.json"), every="50ms")
        with DaemonProcess(config) as daemon:
            for poll in range(step, total + 1, step):
                server.wait_for(poll, 120 + step * 2)
                samples.append((poll, rss_mb(daemon.pid), fd_count(daemon.pid), cpu_seconds(daemon.pid)))
                if poll % 500 == 0 or poll == total:
                    ctx.say(f"soak: {poll}/{total} polls, RSS {samples[-1][1]:.1f} MiB, {samples[-1][2]} fds")
            alive = daemon.alive()
            changed = daemon.scalar("select count(*) from heartbeats where outcome = 'changed'")
            errors = daemon.scalar("select count(*) from heartbeats where outcome = 'error'")
    by_poll = {s[0]: s for s in samples}
    first, last = by_poll[early], by_poll[total]
    fds = [s[2] for s in samples]
    window = step * 2
    cpu_early = (by_poll[early + window][3] - by_poll[early][3]) / window * 1000
    cpu_late = (by_poll[total][3] - by_poll[total - window][3]) / window * 1000
    trend = ", ".join(f"{p}:{r:.0f}" for p, r, _, _ in samples[:: max(1, len(samples) // 6)])
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
            f"open fds, poll {early} / {total}",
            last[2],
            "fds",
            "flat",
            max(fds[1:]) == min(fds[1:]) if len(fds) > 1 else None,
            f"{first[2]} at poll {early}; min {min(fds)}, max {max(fds)} over {len(fds)} samples",
        ),
        Figure(
            SECTION,
            f"CPU per poll, polls {early}-{early + window}",
            cpu_early,
            "ms",
            note="half changed copies, half 304",
        ),
        Figure(
            SECTION,
            f"CPU per poll, polls {total - window}-{total}",
            cpu_late,
            "ms",
            note=f"{changed} changed polls stored, {errors} errors",
        ),
    ]
