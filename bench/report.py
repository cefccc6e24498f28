"""Figures, the table printed at the end, and docs/benchmarks.md."""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass
class Figure:
    """One measured figure, with its target if it has one."""

    section: str
    label: str
    value: float | None
    unit: str
    target: str = ""
    ok: bool | None = None
    note: str = ""

    @property
    def verdict(self) -> str:
        return "" if self.ok is None else ("PASS" if self.ok else "MISS")


def median(values: Sequence[float]) -> float:
    return statistics.median(values)


def spread(values: Sequence[float], scale: float = 1.0, digits: int = 0) -> str:
    """``n=5, 10-12`` for a note."""
    if len(values) < 2:
        return f"n={len(values)}"
    return f"n={len(values)}, {min(values) * scale:.{digits}f}-{max(values) * scale:.{digits}f}"


def under(
    section: str, label: str, value: float, unit: str, limit: float, note: str = "", *, scale: float = 1.0
) -> Figure:
    """A figure with an upper-bound target (``value`` and ``limit`` in the same unit)."""
    return Figure(section, label, value, unit, f"< {fmt(limit * scale)} {unit}", value < limit, note)


def fmt(value: float | None) -> str:
    if value is None:
        return "-"
    if value == 0:
        return "0"
    size = abs(value)
    if size >= 100:
        return f"{value:,.0f}"
    if size >= 10:
        return f"{value:.1f}"
    if size >= 1:
        return f"{value:.2f}"
    return f"{value:.3f}"


#: What each benchmark does, for docs/benchmarks.md.
ABOUT = """\
## What is measured

Everything runs on 127.0.0.1: a local HTTP server serves IRCC's real feed copies (read from
`../shared/fixtures/ircc-feed/`, never copied), eewatch runs as real processes (`scrape --once`,
`python scheduler.py`), each with its own config and a fresh SQLite file in a temp folder.

1. **backfill**: `scrape --once` of the newest copy (338 rounds) into a fresh SQLite file, as a child:
   wall, CPU (user+sys from `os.wait4`) and peak RSS (`ru_maxrss`); then a second run of the same copy
   (the server answers 304), and a second run against a server that sends no validators (200, same bytes).
2. **polls**: the daemon with `[schedule] every = "50ms"` (100ms for same bytes); CPU per poll is the
   daemon's utime+stime from `/proc/PID/stat` across N polls counted in the server's request log; wall
   per poll is the median of the durations the daemon logs.
3. **latency**: the served copy gains one round at a random point of a 1 s schedule; the time from the
   daemon's next request (so the wait for the schedule is left out) to the alert reaching aiosmtpd and a
   `json://` webhook, and to the `new_round` event row.
4. **soak**: one daemon, 2,000 polls, the server flipping between the newest copy and a real stale copy
   (changed bytes, then a 304, alternately), one changed copy in 50 polls bringing a new round alerted to a
   local `json://` webhook (every one must arrive, once), the deliver job every 250 ms; RSS from
   `/proc/PID/status`.
   Fds: every 100 polls, 12 reads of `/proc/PID/fd` over ~0.1 s, each fd classified (SQLite file, -wal,
   -shm, temp file; the feed connection; pipe, socket, epoll, log); "held" is what every read of the
   burst had. Flat: the long-lived fds held at poll 2000 equal those at poll 200 (the feed connection
   and SQLite temp files left out), and no more fds held in the last quarter than in the first.
   `python -m bench.soak --polls 10000 --every 10ms` runs a longer soak alone.
5. **growth**: synthetic whole documents of 1k, 10k, 100k rounds (real records renumbered, newest first);
   a backfill at each size, then a daemon on that database: CPU per 304 poll, and CPU of two polls that
   each bring one new round (the feed is the whole history, so each reads every record): the first
   changed copy after the daemon starts (cold), then the next (warm: the daemon's steady state, which
   remembers the copy before); and the floor, reading the bytes alone (sha256 and `json.loads` of the
   body, in the bench process).
6. **urlwatch**: urlwatch 2.29 from PyPI in its own venv (`bench/.venv-urlwatch`), run as its users run
   it from cron (one process per check, its own config, jobs and cache files) against the same URL, in
   the same run as eewatch's daemon and `scrape --once`; with an ETag (both get 304s) and without.
7. **fanout**: one new round to 100 `json://` targets (100 paths of one local server): from the poll's
   request to the last POST. 7b: the same from cron, to 1,000 targets each answering in 50 ms: the
   wall and CPU of the `scrape --once` that stores the round and delivers every alert.
8. **cron**: `scrape --once` of an unchanged feed (304) with a `[profile]` and one `[[alerts]]` rule,
   interleaved with the same command from `main` (`git archive` into the scratch folder), urlwatch 2.29,
   and the floor (one Python process: a conditional GET with the standard library and one SQLite read);
   CPU (user+sys, `os.wait4`) and peak RSS of each process. Then the backfill against `main`,
   interleaved. Every child compiles bytecode (`PYTHONDONTWRITEBYTECODE` is dropped; trees compiled first).
9. **commands**: `eewatch status`, `eewatch rounds` (the table, and `--format json`) and `eewatch report`
   on a database holding the newest copy (338 rounds), with the same config as 8, interleaved with the
   same commands from `main`; CPU and peak RSS of each process.

Every child is started by a small process of its own (`bench/spawner.py`, about 7 MiB), not forked
from the bench: Linux counts a child's peak RSS (`ru_maxrss`) from the size of the process that
forked it, so before 2026-12-06 no child could read smaller than the bench process (about 30 MiB).
"""

HEADER = ("benchmark", "figure", "value", "unit", "target", "verdict", "note")


def rows(figures: Sequence[Figure]) -> list[tuple[str, ...]]:
    return [(f.section, f.label, fmt(f.value), f.unit, f.target, f.verdict, f.note) for f in figures]


def text_table(figures: Sequence[Figure]) -> str:
    """A plain table for the terminal."""
    table = [HEADER, *rows(figures)]
    widths = [max(len(row[i]) for row in table) for i in range(len(HEADER) - 1)]
    lines = []
    previous = None
    for index, row in enumerate(table):
        section = row[0] if row[0] != previous or index == 0 else ""
        previous = row[0]
        cells = [section if index else row[0], *row[1:-1]]
        line = "  ".join(cell.ljust(width) for cell, width in zip(cells, widths, strict=True))
        lines.append((line + "  " + row[-1]).rstrip())
        if index == 0:
            lines.append("-" * len(line))
    return "\n".join(lines)


def markdown(figures: Sequence[Figure], machine: str, command: str, took: float, notes: Sequence[str]) -> str:
    """docs/benchmarks.md: how to rerun, the machine, the table, the notes."""
    out = [
        "# Benchmarks",
        "",
        "Rerun with `make bench` (`python -m bench`; `python -m bench --help` for options).",
        "Figures are medians over the runs given in the note; ratios are measured in the same run.",
        "Targets say PASS or MISS; the test suite asserts no timings.",
        "Absolute figures scale with the machine: compare runs on two machines by their",
        "reference workload (in the machine line), and read the ratios, which hold across machines.",
        "",
        f"- Machine: {machine}",
        f"- Command: `{command}`, took {took / 60:.1f} min",
        "",
        "| " + " | ".join(HEADER) + " |",
        "|" + "---|" * len(HEADER),
    ]
    previous = None
    for row in rows(figures):
        cells = list(row)
        if cells[0] == previous:
            cells[0] = ""
        else:
            previous = cells[0]
        cells[5] = f"**{cells[5]}**" if cells[5] == "MISS" else cells[5]
        out.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
    out += ["", ABOUT.rstrip()]
    if notes:
        out += ["", "## Notes", ""]
        out += [f"- {note}" for note in notes]
    return "\n".join(out) + "\n"
