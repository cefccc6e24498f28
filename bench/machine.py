"""The machine a run happened on: CPU, cores, memory, Python, OS, date, commit."""

from __future__ import annotations

import datetime as dt
import os
import platform
import statistics
import subprocess
import time
from pathlib import Path

from bench.feeds import ROOT


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def memory_gib() -> float:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return int(line.split()[1]) / 1024 / 1024
    except OSError:
        pass
    return 0.0


def os_name() -> str:
    try:
        for line in Path("/etc/os-release").read_text().splitlines():
            if line.startswith("PRETTY_NAME="):
                return f"{line.split('=', 1)[1].strip(chr(34))}, Linux {platform.release()}"
    except OSError:
        pass
    return platform.platform()


def commit() -> str:
    """The commit measured: ``$EEWATCH_BENCH_COMMIT`` (for a snapshot), else the tree's HEAD (+dirty)."""
    if os.environ.get("EEWATCH_BENCH_COMMIT"):
        return os.environ["EEWATCH_BENCH_COMMIT"]
    try:
        out = subprocess.run(
            ["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            timeout=10,
        )
        dirty = subprocess.run(
            # The table this bench writes is not a change to what it measures.
            [
                "git",
                "-C",
                str(ROOT),
                "status",
                "--porcelain",
                "--untracked-files=no",
                "--",
                ".",
                ":!docs/benchmarks.md",
            ],
            capture_output=True,
            text=True,
            timeout=10,
        )
        if out.returncode != 0:
            return "unknown (not a git checkout)"
        return out.stdout.strip() + ("+dirty" if dirty.stdout.strip() else "")
    except (OSError, subprocess.SubprocessError):
        return "unknown"


def reference_cpu(runs: int = 5) -> float:
    """CPU seconds of a fixed pure-Python workload (median of ``runs``), for comparing machines.

    eewatch's figures are mostly interpreter time, so they scale with this number:
    the same commit measured on two machines differs by about the ratio of theirs.
    """

    def work() -> int:
        table: dict[int, int] = {}
        total = 0
        for i in range(1_000_000):
            total += i
            table[i & 1023] = total
        return len(table)

    times = []
    for _ in range(runs):
        started = time.process_time()
        work()
        times.append(time.process_time() - started)
    return statistics.median(times)


def cpu_ticks() -> tuple[int, int] | None:
    """(steal, all) CPU ticks since boot, from /proc/stat; None where there is none."""
    try:
        fields = [int(x) for x in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    except (OSError, ValueError, IndexError):
        return None
    return (fields[7] if len(fields) > 7 else 0), sum(fields[:8])


def steal_share(before: tuple[int, int] | None, after: tuple[int, int] | None) -> str:
    """The share of CPU time the hypervisor gave to others between two readings."""
    if before is None or after is None or after[1] <= before[1]:
        return "unknown"
    return f"{(after[0] - before[0]) / (after[1] - before[1]) * 100:.1f}%"


def describe() -> str:
    """One line: CPU model, cores, memory, speed, Python, OS, date (UTC), commit."""
    now = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    return (
        f"{cpu_model()}, {os.cpu_count()} cores, {memory_gib():.0f} GiB RAM, "
        f"reference workload {reference_cpu() * 1000:.0f} ms CPU (bench/machine.py); "
        f"Python {platform.python_version()}; {os_name()}; {now}; commit {commit()}"
    )
