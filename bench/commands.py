"""9. The reading commands that start a process: ``eewatch status``, ``rounds``, ``report``.

Each is run as its users run it (one process per command), on a database holding the
newest real copy (338 rounds) and a config with a ``[profile]`` and one ``[[alerts]]``
rule, interleaved with the same command from a reference tree (``main`` by default, as
the cron bench). CPU (user+sys, ``os.wait4``) and peak RSS per process, medians. Every
child compiles bytecode (the trees are compiled first; ``PYTHONDONTWRITEBYTECODE`` dropped).
"""

from __future__ import annotations

import sys
from pathlib import Path

from bench import feeds
from bench.context import Context
from bench.cron_check import PROFILE_AND_RULE, REFERENCE, child_env, compile_tree, reference_tree, scrape
from bench.daemon import write_config
from bench.proc import ChildRun, run_child
from bench.report import Figure, median, spread
from bench.servers import FeedServer

NAME = "commands"
SECTION = "9 reading commands (one process each, 338 rounds, a profile and one rule)"

#: Each command's arguments after ``eewatch`` (``{out}``: a folder of the run's own).
COMMANDS: dict[str, list[str]] = {
    "status": ["status"],
    "rounds": ["rounds"],
    "rounds --format json": ["rounds", "--format", "json"],
    "report": ["report", "--out", "{out}"],
}


def command(root: Path, config: Path, argv: list[str]) -> ChildRun:
    """``eewatch ARGV --config CONFIG`` from the tree ``root``; exit 0 required."""
    args = [a.replace("{out}", str(config.with_name("site"))) for a in argv]
    run = run_child(
        [sys.executable, "-m", "eewatch", *args, "--config", str(config)],
        env=child_env(root, config.parent / "cache"),
        cwd=config.parent,
        log=config.with_name("commands.log"),
        timeout=600,
    )
    if run.returncode not in (0, 6):  # status says 6 when unhealthy: still a full read
        raise RuntimeError(f"eewatch {' '.join(args)} ({root.name}) exited {run.returncode}")
    return run


def run(ctx: Context) -> list[Figure]:
    runs = 5 if ctx.quick else max(7, ctx.runs + 2)
    here = feeds.ROOT
    reference = reference_tree(ctx)
    trees = [here] + ([reference] if reference is not None else [])
    for tree in trees:
        compile_tree(tree)
    body = feeds.copy(feeds.NEWEST)
    cpu: dict[tuple[str, Path], list[ChildRun]] = {(name, t): [] for name in COMMANDS for t in trees}
    with FeedServer(body, conditional=True) as server:
        configs = {}
        for tree in trees:
            folder = ctx.folder(f"commands-{tree.name}")
            configs[tree] = write_config(folder, server.url("/ee.json"), extra=PROFILE_AND_RULE)
            scrape(tree, configs[tree], folder / "cache")  # the history: the newest copy, stored
        ctx.say(f"commands: {runs} interleaved runs of {', '.join(COMMANDS)}")
        for _ in range(runs):
            for name, argv in COMMANDS.items():
                for tree in trees:
                    cpu[(name, tree)].append(command(tree, configs[tree], argv))
    return _figures(cpu, here, reference)


def _figures(cpu: dict[tuple[str, Path], list[ChildRun]], here: Path, reference: Path | None) -> list[Figure]:
    figures = []
    for name in COMMANDS:
        ours = [r.cpu * 1000 for r in cpu[(name, here)]]
        note = f"wall {median([r.wall for r in cpu[(name, here)]]) * 1000:.0f} ms; {spread(ours)}"
        note += f"; peak RSS {median([r.maxrss_mb for r in cpu[(name, here)]]):.1f} MiB"
        figures.append(Figure(SECTION, f"eewatch {name} CPU", median(ours), "ms", note=note))
        if reference is not None:
            theirs = [r.cpu * 1000 for r in cpu[(name, reference)]]
            figures.append(
                Figure(
                    SECTION,
                    f"{REFERENCE}: eewatch {name} CPU",
                    median(theirs),
                    "ms",
                    note=f"{spread(theirs)}; peak RSS "
                    f"{median([r.maxrss_mb for r in cpu[(name, reference)]]):.1f} MiB",
                )
            )
            figures.append(
                Figure(SECTION, f"{name}: this tree / {REFERENCE}", median(ours) / median(theirs), "ratio")
            )
    return figures
