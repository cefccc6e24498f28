"""What a daemon's open fds are, and whether their count stays flat over a soak.

A bare count of /proc/PID/fd read at one instant mixes two things: fds the
daemon holds for its life (SQLite connections, the log, the reactor's epoll,
pipes and socketpair) and fds that exist only while a poll is running (a
SQLite temp file, ``/var/tmp/etilqs_*``, while a statement sorts or spills;
the keep-alive HTTP connection to the feed, which Scrapy may close and
reopen). Reading the count the moment the feed server sees a request, as the
soak did, catches a poll mid-flight, so the count fluctuates by one or two
whether or not anything leaks.

So each sample is a *burst* of reads over about one poll cycle, every fd
classified by kind (:func:`classify`). What the daemon *held* in a sample is,
per kind, the fewest of that kind in any read of the burst: an fd opened and
closed within a poll drops out; a leaked one, held for good, does not.
:func:`fd_verdict` calls the count flat when the long-lived fds held at the
end of the soak equal those held early on, and the fds held in the late
window (transient kinds included) are not more than in the early window. One
fd leaked every N polls makes both fail.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from bench.proc import TcpSocket, fd_targets, tcp_sockets

#: The keep-alive HTTP connection to the feed server (ESTABLISHED, to its port).
FEED = "feed connection"
#: A SQLite temp file (its name starts ``etilqs_``; unlinked at once, so "(deleted)").
SQLITE_TEMP = "sqlite temp file"
#: Kinds that come and go with a poll: not counted as long-lived.
TRANSIENT = frozenset({FEED, SQLITE_TEMP})


def classify(
    target: str,
    *,
    db: Path | str | None = None,
    feed_port: int | None = None,
    tcp: Mapping[str, TcpSocket] | None = None,
) -> str:
    """The kind of one fd, from its ``readlink`` target.

    ``db`` names the SQLite file (its connections, -wal, -shm, -journal and
    the daemon's .lock are told apart); ``tcp`` maps socket inodes to TCP
    sockets (:func:`bench.proc.tcp_sockets`). Only an ESTABLISHED socket to
    ``feed_port`` is the feed connection: one left in CLOSE_WAIT is ``tcp``,
    long-lived, so leaked half-closed connections count.
    """
    if target.startswith("socket:["):
        sock = (tcp or {}).get(target[len("socket:[") : -1])
        if sock is None:
            return "socket"  # unix (the reactor's socketpair) or other
        if feed_port is not None and sock.remote_port == feed_port and sock.state == "ESTABLISHED":
            return FEED
        return "tcp " + sock.state
    if target.startswith("pipe:["):
        return "pipe"
    if target.startswith("anon_inode:"):
        return target[len("anon_inode:") :].strip("[]") or "anon_inode"
    if "/etilqs_" in target:
        return SQLITE_TEMP
    if db is not None:
        path = str(db)
        if target == path:
            return "sqlite db"  # one per open connection
        for suffix in ("-wal", "-shm", "-journal"):
            if target == path + suffix:
                return "sqlite" + suffix
        if target == path + ".lock":
            return "daemon lock"
    if target.startswith("/dev/"):
        return "dev"
    return "file"


def read_kinds(pid: int, *, db: Path | str | None = None, feed_port: int | None = None) -> Counter[str]:
    """One read of /proc/PID/fd: how many fds of each kind."""
    targets = fd_targets(pid)
    tcp = tcp_sockets(pid) if any(t.startswith("socket:[") for t in targets.values()) else {}
    return Counter(classify(t, db=db, feed_port=feed_port, tcp=tcp) for t in targets.values())


@dataclass(frozen=True)
class FdSample:
    """Reads of one process's fds over a short burst, after poll ``poll``."""

    poll: int
    reads: tuple[Mapping[str, int], ...]

    @property
    def held(self) -> Counter[str]:
        """Per kind, the fewest seen in any read: what was held through the whole burst."""
        kinds = {kind for read in self.reads for kind in read}
        return Counter({k: n for k in kinds if (n := min(read.get(k, 0) for read in self.reads))})

    @property
    def total(self) -> int:
        """Fds held through the burst, every kind."""
        return sum(self.held.values())

    @property
    def long_lived(self) -> int:
        """Fds held through the burst, transient kinds left out."""
        return sum(n for kind, n in self.held.items() if kind not in TRANSIENT)

    @property
    def peak(self) -> int:
        """The most fds in one read."""
        return max(sum(read.values()) for read in self.reads)

    @property
    def low(self) -> int:
        """The fewest fds in one read."""
        return min(sum(read.values()) for read in self.reads)

    def came_and_went(self) -> set[str]:
        """Kinds seen in some read above what was held through the burst."""
        held = self.held
        return {kind for read in self.reads for kind, n in read.items() if n > held.get(kind, 0)}


def sample(
    pid: int,
    poll: int,
    *,
    db: Path | str | None = None,
    feed_port: int | None = None,
    reads: int = 12,
    spacing: float = 0.008,
) -> FdSample:
    """``reads`` reads of the fds of ``pid``, ``spacing`` seconds apart."""
    found = []
    for i in range(reads):
        if i:
            time.sleep(spacing)
        found.append(read_kinds(pid, db=db, feed_port=feed_port))
    return FdSample(poll, tuple(found))


@dataclass(frozen=True)
class FdVerdict:
    """Flat or not, and a note saying what the fds were."""

    ok: bool | None
    start: FdSample | None
    end: FdSample | None
    note: str


def describe(kinds: Mapping[str, int]) -> str:
    """``sqlite 7 (3 connections), file 2, ...``: kinds by count, then name; SQLite's files as one."""
    shown = {k: n for k, n in kinds.items() if not k.startswith("sqlite") or k == SQLITE_TEMP}
    sqlite = sum(n for k, n in kinds.items() if k.startswith("sqlite") and k != SQLITE_TEMP)
    order = sorted(shown.items(), key=lambda kv: (-kv[1], kv[0]))
    parts = [f"{k} {n}" for k, n in order]
    if sqlite:
        connections = kinds.get("sqlite db", 0)
        plural = "" if connections == 1 else "s"
        parts.insert(0, f"sqlite {sqlite} ({connections} connection{plural})")
    return ", ".join(parts)


def _change(before: Mapping[str, int], after: Mapping[str, int]) -> str:
    kinds = sorted(set(before) | set(after))
    moved = [(k, after.get(k, 0) - before.get(k, 0)) for k in kinds]
    return ", ".join(f"{k} {d:+d}" for k, d in moved if d) or "no kind changed"


def _long_lived(kinds: Mapping[str, int]) -> dict[str, int]:
    return {k: n for k, n in kinds.items() if k not in TRANSIENT}


def fd_verdict(samples: Sequence[FdSample], early: int) -> FdVerdict:
    """Are the fds flat from poll ``early`` to the last sample?

    Flat: the long-lived fds held in the last sample are as many as in the
    first sample at or after ``early``, and the most fds held in the late
    window (the last quarter of those samples, transient kinds included) is
    not above the most held in the early window (the first quarter). None
    with fewer than two samples from ``early`` on.
    """
    after = [s for s in samples if s.poll >= early]
    if len(after) < 2:
        return FdVerdict(None, None, None, f"{len(after)} samples from poll {early}: too few to judge")
    width = max(1, len(after) // 4)
    start, end = after[0], after[-1]
    early_max = max(s.total for s in after[:width])
    late_max = max(s.total for s in after[-width:])
    same = end.long_lived == start.long_lived
    ok = same and late_max <= early_max
    lived = _long_lived(end.held)
    transient_now = end.total - end.long_lived
    if same:
        head = f"{end.long_lived} long-lived at poll {start.poll} and {end.poll}"
    else:
        head = (
            f"long-lived {start.long_lived} -> {end.long_lived} from poll {start.poll} to {end.poll} "
            f"({_change(_long_lived(start.held), lived)})"
        )
    parts = [f"{head}: {describe(lived)}"]
    if transient_now:
        parts[0] += f"; + {describe({k: n for k, n in end.held.items() if k in TRANSIENT})}"
    if late_max > early_max:
        parts.append(
            f"held at most {early_max} in polls {after[0].poll}-{after[width - 1].poll}, "
            f"{late_max} in polls {after[-width].poll}-{end.poll}"
        )
    seen = Counter(kind for s in after for kind in s.came_and_went())
    span = f"single reads {min(s.low for s in after)}-{max(s.peak for s in after)}"
    if seen:
        span += (
            " (came and went: " + ", ".join(f"{k} in {n}/{len(after)}" for k, n in sorted(seen.items())) + ")"
        )
    parts.append(f"{span}; {len(after)} samples of {len(after[0].reads)} reads from poll {start.poll}")
    warmup = [s for s in samples if s.poll < early]
    if warmup and warmup[0].long_lived != start.long_lived:
        parts.append(f"warm-up: {warmup[0].long_lived} long-lived at poll {warmup[0].poll}")
    return FdVerdict(ok, start, end, "; ".join(parts))
