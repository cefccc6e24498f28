"""The soak's fd verdict (bench/fds.py): fluctuation passes, a leak of any size fails.

Synthetic samples shaped like the real daemon's (17 fds: 3 SQLite
connections, stdin and the log, the reactor's plumbing, the lock, one
keep-alive connection to the feed) with seeded noise; no timing is asserted.
"""

from __future__ import annotations

import os
import random
import socket
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from bench.fds import FEED, SQLITE_TEMP, FdSample, classify, fd_verdict, read_kinds
from bench.proc import TcpSocket

#: The long-lived fds of a real soak (see the module docstring of bench/fds.py).
LONG_LIVED = {
    "sqlite db": 3,
    "sqlite-wal": 3,
    "sqlite-shm": 1,
    "file": 2,
    "dev": 1,
    "pipe": 2,
    "socket": 2,
    "eventpoll": 1,
    "daemon lock": 1,
}
EARLY, TOTAL, STEP, READS = 200, 2000, 100, 12


def soak(extra: Callable[[int], dict[str, int]] = lambda _poll: {}, *, seed: int = 7) -> list[FdSample]:
    """Samples every STEP polls; reads with noise: temp files, the feed connection closed for a moment."""
    rng = random.Random(seed)
    samples = []
    for poll in range(STEP, TOTAL + 1, STEP):
        reads = []
        for _ in range(READS):
            read = dict(LONG_LIVED)
            read[FEED] = 0 if rng.random() < 0.02 else 1
            if rng.random() < 0.2:
                read[SQLITE_TEMP] = rng.choice([1, 2])
            for kind, n in extra(poll).items():
                read[kind] = read.get(kind, 0) + n
            reads.append(read)
        samples.append(FdSample(poll, tuple(reads)))
    return samples


def old_check(samples: list[FdSample]) -> bool:
    """What bench/soak.py used to do: one read per sample (the first), strictly equal."""
    counts = [sum(s.reads[0].values()) for s in samples]
    return max(counts[1:]) == min(counts[1:])


def test_fluctuation_alone_is_flat_and_the_note_says_what_came_and_went() -> None:
    samples = soak()
    assert not old_check(samples)  # the single-read check called this a MISS
    verdict = fd_verdict(samples, EARLY)
    assert verdict.ok is True
    assert verdict.end is not None and verdict.end.long_lived == 16
    assert "16 long-lived at poll 200 and 2000" in verdict.note
    assert "sqlite 7 (3 connections)" in verdict.note
    assert "came and went: feed connection in" in verdict.note
    assert "sqlite temp file in" in verdict.note


@pytest.mark.parametrize("every", [100, 300, 1000])
def test_a_file_leaked_every_n_polls_is_a_miss(every: int) -> None:
    verdict = fd_verdict(soak(lambda poll: {"file": poll // every}), EARLY)
    assert verdict.ok is False
    grew = TOTAL // every - EARLY // every
    assert f"file +{grew}" in verdict.note


def test_a_sqlite_connection_opened_after_the_early_sample_is_a_miss_named_as_such() -> None:
    # The shape of the run that reported 15 then 17: one more pooled connection (db + wal).
    verdict = fd_verdict(soak(lambda poll: {"sqlite db": 1, "sqlite-wal": 1} if poll > 900 else {}), EARLY)
    assert verdict.ok is False
    assert "long-lived 16 -> 18" in verdict.note
    assert "sqlite db +1, sqlite-wal +1" in verdict.note


def test_feed_connections_piling_up_are_a_miss_though_one_is_transient() -> None:
    # Keep-alive connections that are never reused nor closed: transient by kind, growing all the same.
    verdict = fd_verdict(soak(lambda poll: {FEED: poll // 500}), EARLY)
    assert verdict.ok is False
    assert "held at most" in verdict.note


def test_half_closed_connections_are_long_lived_not_the_feed_connection() -> None:
    tcp = {"11": TcpSocket(40000, 8080, "ESTABLISHED"), "12": TcpSocket(40001, 8080, "CLOSE_WAIT")}
    assert classify("socket:[11]", feed_port=8080, tcp=tcp) == FEED
    assert classify("socket:[12]", feed_port=8080, tcp=tcp) == "tcp CLOSE_WAIT"
    verdict = fd_verdict(soak(lambda poll: {"tcp CLOSE_WAIT": poll // 200}), EARLY)
    assert verdict.ok is False
    assert "tcp CLOSE_WAIT +9" in verdict.note


def test_transients_held_through_a_whole_burst_late_but_never_early_are_a_miss() -> None:
    def late_temp_file(poll: int) -> dict[str, int]:
        return {SQLITE_TEMP: 1} if poll >= 1600 else {}

    assert fd_verdict(soak(late_temp_file), EARLY).ok is False


def test_a_held_feed_connection_is_named_apart_from_the_long_lived() -> None:
    samples = [FdSample(poll, ({**LONG_LIVED, FEED: 1},) * 3) for poll in range(STEP, TOTAL + 1, STEP)]
    verdict = fd_verdict(samples, EARLY)
    assert verdict.ok is True
    assert verdict.end is not None and verdict.end.total == 17
    assert "16 long-lived at poll 200 and 2000: sqlite 7 (3 connections), " in verdict.note
    assert "; + feed connection 1;" in verdict.note
    assert "came and went" not in verdict.note


def test_a_stray_transient_in_one_read_is_not_held() -> None:
    reads = ({**LONG_LIVED, FEED: 1, SQLITE_TEMP: 2}, {**LONG_LIVED, FEED: 1}, {**LONG_LIVED})
    sample = FdSample(300, reads)
    assert sample.held == {**LONG_LIVED}
    assert sample.long_lived == 16 and sample.total == 16
    assert sample.low == 16 and sample.peak == 19
    assert sample.came_and_went() == {FEED, SQLITE_TEMP}


def test_too_few_samples_give_no_verdict() -> None:
    assert fd_verdict(soak()[:2], EARLY).ok is None
    assert fd_verdict([], EARLY).ok is None


def test_warm_up_shows_in_the_note() -> None:
    def pool_grows_early(poll: int) -> dict[str, int]:
        return {"sqlite db": -1, "sqlite-wal": -1} if poll < EARLY else {}

    verdict = fd_verdict(soak(pool_grows_early), EARLY)
    assert verdict.ok is True
    assert "warm-up: 14 long-lived at poll 100" in verdict.note


@pytest.mark.parametrize(
    ("target", "kind"),
    [
        ("/data/eewatch.sqlite", "sqlite db"),
        ("/data/eewatch.sqlite-wal", "sqlite-wal"),
        ("/data/eewatch.sqlite-shm", "sqlite-shm"),
        ("/data/eewatch.sqlite-journal", "sqlite-journal"),
        ("/data/eewatch.sqlite.lock", "daemon lock"),
        ("/var/tmp/etilqs_37b6791988373986 (deleted)", SQLITE_TEMP),
        ("/data/daemon.log", "file"),
        ("/dev/null", "dev"),
        ("pipe:[14580]", "pipe"),
        ("anon_inode:[eventpoll]", "eventpoll"),
        ("anon_inode:[eventfd]", "eventfd"),
        ("socket:[14578]", "socket"),
    ],
)
def test_classify(target: str, kind: str) -> None:
    assert classify(target, db="/data/eewatch.sqlite", feed_port=8080, tcp={}) == kind


@pytest.mark.skipif(not Path("/proc/self/net/tcp").exists(), reason="needs Linux /proc")
def test_read_kinds_of_this_process(tmp_path: Path) -> None:
    db = tmp_path / "x.sqlite"
    with socket.create_server(("127.0.0.1", 0)) as server:
        port = server.getsockname()[1]
        before = read_kinds(os.getpid(), db=db, feed_port=port)
        conn = sqlite3.connect(db)
        conn.execute("create table t (x)")
        client = socket.create_connection(("127.0.0.1", port))
        accepted, _ = server.accept()
        try:
            after = read_kinds(os.getpid(), db=db, feed_port=port)
        finally:
            client.close()
            accepted.close()
            conn.close()
    assert after[FEED] - before[FEED] == 1
    assert after["sqlite db"] - before["sqlite db"] == 1
    assert after["tcp ESTABLISHED"] - before["tcp ESTABLISHED"] == 1  # the accepted end: to the client's port
    assert after["tcp LISTEN"] >= 1
