"""``python -m bench``: run eewatch's benchmarks, print the table, write docs/benchmarks.md."""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import time
from pathlib import Path
from types import ModuleType

from bench import (
    backfill,
    commands,
    cron_check,
    daemon_polls,
    fanout,
    feeds,
    growth,
    latency,
    machine,
    report,
    soak,
    urlwatch_compare,
)
from bench.context import Context

BENCHES: dict[str, ModuleType] = {
    m.NAME: m
    for m in (backfill, daemon_polls, latency, soak, growth, urlwatch_compare, fanout, cron_check, commands)
}
DEFAULT_OUT = feeds.ROOT / "docs" / "benchmarks.md"
#: Sections of docs/benchmarks.md that benchmarks run alone write (``python -m bench.profiles``):
#: kept when ``python -m bench`` rewrites the file.
KEPT_SECTIONS = ("\n## Profiles (issue 22)",)


def kept_sections(path: Path) -> str:
    """The hand-run sections of the file as it is, from the first such heading to the end."""
    try:
        old = path.read_text(encoding="utf-8")
    except OSError:
        return ""
    starts = [old.find(heading) for heading in KEPT_SECTIONS if heading in old]
    return old[min(starts) :] if starts else ""


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m bench",
        description=(
            "Benchmarks of eewatch on this machine: backfill, unchanged polls in the daemon, detection "
            "latency, a soak, growth with history, urlwatch side by side, alert fan-out. Everything runs "
            "on loopback against the real IRCC feed copies in ../shared/fixtures/ircc-feed "
            "($EEWATCH_SHARED_FEED). Prints a table with PASS/MISS per target; the full run takes ~15 min."
        ),
    )
    parser.add_argument(
        "--quick", action="store_true", help="fewer polls and samples, no 100k-round feed (~3 min)"
    )
    parser.add_argument(
        "--only",
        metavar="NAME",
        action="append",
        default=[],
        help=f"run only this benchmark (repeatable, or comma-separated): {', '.join(BENCHES)}",
    )
    parser.add_argument(
        "--runs",
        type=int,
        default=5,
        metavar="N",
        help="runs per figure for medians (default 5; daemon benches use at most 3)",
    )
    parser.add_argument(
        "--out",
        metavar="PATH",
        type=Path,
        help=f"write the markdown table here (default {DEFAULT_OUT.relative_to(feeds.ROOT)} when every "
        "benchmark runs; with --only, nothing is written unless --out is given)",
    )
    parser.add_argument(
        "--keep", action="store_true", help="keep the scratch folder (databases, daemon logs)"
    )
    args = parser.parse_args(argv)
    names = [n.strip() for value in args.only for n in value.split(",") if n.strip()]
    unknown = [n for n in names if n not in BENCHES]
    if unknown:
        parser.error(f"unknown benchmark {', '.join(unknown)}; choose from {', '.join(BENCHES)}")
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    args.names = names or list(BENCHES)
    return args


def load() -> str:
    one, five, _ = os.getloadavg()
    return f"{one:.2f} (1 min), {five:.2f} (5 min)"


def main(argv: list[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    try:
        feeds.copy(feeds.NEWEST)
        feeds.copy(feeds.STALE)
    except feeds.MissingFeeds as exc:
        sys.stderr.write(f"python -m bench: {exc}\n")
        return 2
    ctx = Context(quick=args.quick, runs=args.runs)
    where = machine.describe()
    ctx.say(f"machine: {where}")
    ctx.say(f"scratch folder: {ctx.scratch}")
    load_before, ticks_before = load(), machine.cpu_ticks()
    figures: list[report.Figure] = []
    started = time.monotonic()
    try:
        for name in args.names:
            ctx.say(f"== {name}")
            try:
                figures += BENCHES[name].run(ctx)
            except (RuntimeError, TimeoutError, OSError) as exc:
                ctx.note(f"{name} failed: {type(exc).__name__}: {exc}")
                figures.append(report.Figure(name, "FAILED", None, "", note=str(exc)[:200]))
    finally:
        if args.keep:
            ctx.say(f"kept {ctx.scratch}")
        else:
            shutil.rmtree(ctx.scratch, ignore_errors=True)
    took = time.monotonic() - started
    ctx.notes.append(
        f"load average before {load_before}, after {load()} (the machine is shared; "
        "other processes running at the same time add noise to every figure); CPU steal "
        f"(time the hypervisor gave to other guests) {machine.steal_share(ticks_before, machine.cpu_ticks())}"
    )
    if args.quick:
        ctx.notes.append("this was a --quick run: fewer polls and samples, no 100k-round feed")
    command = "python -m bench " + " ".join(sys.argv[1:] if argv is None else argv)
    print()
    print(f"eewatch benchmarks: {where}")
    print(f"{command.strip()}: {took / 60:.1f} min")
    print()
    print(report.text_table(figures))
    for note in ctx.notes:
        print(f"note: {note}")
    out = args.out or (DEFAULT_OUT if args.names == list(BENCHES) else None)
    if out is not None:
        out.parent.mkdir(parents=True, exist_ok=True)
        text = report.markdown(figures, where, command.strip(), took, ctx.notes)
        out.write_text(text + kept_sections(out), encoding="utf-8")
        print(f"\nwrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
