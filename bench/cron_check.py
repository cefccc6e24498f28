"""8. The cron check: ``scrape --once`` of an unchanged feed (304), side by side, in one run.

Interleaved, one process per check, all against the same local URL answering 304:

* eewatch ``scrape --once`` with a realistic config (a ``[profile]`` and one ``[[alerts]]`` rule);
* the same command from a reference tree (``main`` by default: ``git archive`` into the scratch
  folder), so a change is read against what it changes;
* urlwatch 2.29 (its own venv, see bench/urlwatch_compare.py);
* the floor: a Python process doing one conditional GET with the standard library and one
  SQLite read (the validators), nothing else.

Also the backfill (a fresh database, the newest real copy), this tree against the reference,
interleaved. Every child compiles bytecode (``PYTHONDONTWRITEBYTECODE`` is dropped; the trees
are compiled before the first run), so no run pays for recompiling eewatch's modules.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
import tarfile
from pathlib import Path

from bench import feeds
from bench.context import Context
from bench.daemon import bench_env, write_config
from bench.proc import ChildRun, run_child
from bench.report import Figure, median, spread
from bench.servers import FeedServer
from bench.urlwatch_compare import ensure_urlwatch, urlwatch_check, urlwatch_command

NAME = "cron"
SECTION = "8 cron check (scrape --once, 304, a profile and one rule)"
#: The tree a change is compared with (``EEWATCH_BENCH_REFERENCE`` overrides; empty: none).
REFERENCE = os.environ.get("EEWATCH_BENCH_REFERENCE", "main")

PACKAGES = ("eewatch", "scraper", "notifier")

PROFILE_AND_RULE = (
    '[profile]\ncrs = 478\nprograms = ["CEC", "FSW"]\n\n'
    '[[alerts]]\nname = "could-be-invited"\neligible = true\ncrs_max = 489\n'
    'notify = ["json://127.0.0.1:9/hook"]\n'
)

FLOOR = """
import sqlite3, sys, urllib.error, urllib.request
db, url = sys.argv[1:3]
conn = sqlite3.connect(db)
row = conn.execute(
    "SELECT etag FROM fetches WHERE url = ? AND outcome = 'changed' ORDER BY id DESC LIMIT 1", (url,)
).fetchone()
request = urllib.request.Request(url, headers={"If-None-Match": row[0]})
try:
    urllib.request.urlopen(request, timeout=30).read()
    status = 200
except urllib.error.HTTPError as exc:
    status = exc.code
sys.exit(0 if status == 304 else 1)
"""


#: Reference trees already unpacked, by scratch folder (the cron and commands benches share one).
_UNPACKED: dict[Path, Path] = {}


def reference_tree(ctx: Context) -> Path | None:
    """The reference commit's tree, unpacked into the scratch folder (None: no reference)."""
    if not REFERENCE:
        return None
    if ctx.scratch in _UNPACKED:
        return _UNPACKED[ctx.scratch]
    try:
        archive = subprocess.run(
            ["git", "-C", str(feeds.ROOT), "archive", "--format=tar", REFERENCE],
            capture_output=True,
            check=True,
            timeout=120,
        ).stdout
    except (OSError, subprocess.SubprocessError) as exc:
        ctx.note(f"cron check: no reference tree ({REFERENCE}): {exc}")
        return None
    folder = ctx.folder("reference")
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(folder, filter="data")
    _UNPACKED[ctx.scratch] = folder
    return folder


def compile_tree(root: Path) -> None:
    """Bytecode for a tree's packages, as an installed copy has it."""
    subprocess.run(
        [sys.executable, "-m", "compileall", "-q", "-j", "0", *(str(root / p) for p in PACKAGES)],
        check=False,
        capture_output=True,
        timeout=300,
        env=child_env(root, None),
    )


def child_env(root: Path, cache: Path | None) -> dict[str, str]:
    env = bench_env()
    env["PYTHONPATH"] = str(root)
    if cache is not None:
        env["XDG_CACHE_HOME"] = str(cache)
    return env


def scrape(root: Path, config: Path, cache: Path) -> ChildRun:
    run = run_child(
        [sys.executable, "-m", "eewatch", "scrape", "--once", "--config", str(config)],
        env=child_env(root, cache),
        cwd=config.parent,
        log=config.with_name("scrape.log"),
        timeout=600,
    )
    if run.returncode != 0:
        raise RuntimeError(f"scrape --once ({root.name}) exited {run.returncode}; see {config.parent}")
    return run


def run(ctx: Context) -> list[Figure]:
    if os.environ.get("PYTHONDONTWRITEBYTECODE"):
        ctx.note("PYTHONDONTWRITEBYTECODE was set in the bench's environment: dropped for every child")
    runs = 5 if ctx.quick else max(11, ctx.runs * 2 + 1)
    here = feeds.ROOT
    reference = reference_tree(ctx)
    trees = [here] + ([reference] if reference is not None else [])
    for tree in trees:
        compile_tree(tree)
    try:
        urlwatch: Path | None = ensure_urlwatch(ctx)
    except (OSError, subprocess.SubprocessError) as exc:
        ctx.note(f"cron check: urlwatch not installed ({exc}); no urlwatch figure")
        urlwatch = None
    body = feeds.copy(feeds.NEWEST)
    cpu: dict[str, list[ChildRun]] = {"eewatch": [], "reference": [], "urlwatch": [], "floor": []}
    with FeedServer(body, conditional=True) as server:
        url = server.url("/ee.json")
        configs = {}
        for tree in trees:
            folder = ctx.folder(f"cron-{tree.name}")
            configs[tree] = write_config(folder, url, extra=PROFILE_AND_RULE)
            scrape(tree, configs[tree], folder / "cache")  # the baseline (a 200), then every run a 304
        floor_db = configs[here].with_name("eewatch.sqlite")
        watcher = urlwatch_command(ctx, urlwatch, url) if urlwatch is not None else None
        if watcher is not None:
            urlwatch_check(*watcher)  # its first check (a 200) fills its cache
        ctx.say(f"cron check: {runs} interleaved runs of each")
        for _ in range(runs):
            for tree, name in zip(trees, ("eewatch", "reference"), strict=False):
                cpu[name].append(scrape(tree, configs[tree], configs[tree].parent / "cache"))
            if watcher is not None:
                cpu["urlwatch"].append(urlwatch_check(*watcher))
            floor = run_child([sys.executable, "-c", FLOOR, str(floor_db), url], env=bench_env(), timeout=60)
            if floor.returncode != 0:
                raise RuntimeError("the floor's conditional GET was not answered 304")
            cpu["floor"].append(floor)
        if server.requests[-1].status != 304:
            ctx.note(f"cron check: the last request was answered {server.requests[-1].status}")
    figures = _figures(cpu)
    if reference is not None:
        figures += _backfill(ctx, here, reference, body)
    return figures


def _figures(cpu: dict[str, list[ChildRun]]) -> list[Figure]:
    def ms(name: str) -> float:
        return median([r.cpu for r in cpu[name]]) * 1000

    def rss(name: str) -> float:
        return median([r.maxrss_mb for r in cpu[name]])

    ours = ms("eewatch")
    figures = [
        Figure(
            SECTION,
            "eewatch CPU",
            ours,
            "ms",
            note=f"wall {median([r.wall for r in cpu['eewatch']]) * 1000:.0f} ms; "
            f"{spread([r.cpu * 1000 for r in cpu['eewatch']])}",
        ),
    ]
    if cpu["reference"]:
        figures.append(
            Figure(
                SECTION,
                f"{REFERENCE}: eewatch CPU",
                ms("reference"),
                "ms",
                note=f"the reference tree, same config; {spread([r.cpu * 1000 for r in cpu['reference']])}",
            )
        )
    figures.append(
        Figure(
            SECTION,
            "floor CPU (stdlib GET + SQLite read)",
            ms("floor"),
            "ms",
            note=spread([r.cpu * 1000 for r in cpu["floor"]]),
        )
    )
    if cpu["urlwatch"]:
        figures.append(
            Figure(
                SECTION,
                "urlwatch CPU",
                ms("urlwatch"),
                "ms",
                note=f"urlwatch 2.29, a process per check; {spread([r.cpu * 1000 for r in cpu['urlwatch']])}",
            )
        )
        ratio = ours / ms("urlwatch")
        figures.append(Figure(SECTION, "eewatch / urlwatch CPU", ratio, "ratio", "<= 0.50", ratio <= 0.5))
    ratio = ours / ms("floor")
    figures.append(Figure(SECTION, "eewatch / floor CPU", ratio, "ratio", "<= 2.50", ratio <= 2.5))
    figures.append(Figure(SECTION, "eewatch peak RSS", rss("eewatch"), "MiB", note="ru_maxrss"))
    if cpu["reference"]:
        figures.append(Figure(SECTION, f"{REFERENCE}: eewatch peak RSS", rss("reference"), "MiB"))
    if cpu["urlwatch"]:
        figures.append(Figure(SECTION, "urlwatch peak RSS", rss("urlwatch"), "MiB"))
    figures.append(Figure(SECTION, "floor peak RSS", rss("floor"), "MiB"))
    return figures


def _backfill(ctx: Context, here: Path, reference: Path, body: bytes) -> list[Figure]:
    """A fresh database, the newest real copy: this tree and the reference, interleaved."""
    runs = 3 if ctx.quick else ctx.runs
    walls: dict[Path, list[ChildRun]] = {here: [], reference: []}
    with FeedServer(body, conditional=True) as server:
        for index in range(runs):
            ctx.say(f"backfill against {REFERENCE}: run {index + 1}/{runs}")
            for tree in (here, reference):
                folder = ctx.folder(f"backfill-{tree.name}")
                config = write_config(folder, server.url("/ee.json"))
                walls[tree].append(scrape(tree, config, folder / "cache"))
    ours, theirs = median([r.wall for r in walls[here]]), median([r.wall for r in walls[reference]])
    ratio = ours / theirs
    ours_walls = [r.wall for r in walls[here]]
    cpu_ours, cpu_theirs = median([r.cpu for r in walls[here]]), median([r.cpu for r in walls[reference]])
    return [
        Figure(SECTION, "backfill wall, fresh database", ours, "s", note=spread(ours_walls, digits=2)),
        Figure(
            SECTION,
            f"{REFERENCE}: backfill wall",
            theirs,
            "s",
            note=spread([r.wall for r in walls[reference]], digits=2),
        ),
        Figure(
            SECTION,
            f"backfill wall / {REFERENCE}'s",
            ratio,
            "ratio",
            "<= 1.05",
            ratio <= 1.05,
            note=f"CPU {cpu_ours:.2f} s vs {cpu_theirs:.2f} s",
        ),
    ]
