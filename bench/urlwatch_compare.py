"""6. Side by side with urlwatch, the way its users run it: one process per check, from cron.

urlwatch is installed from PyPI into its own venv (``bench/.venv-urlwatch``),
never into the project. Both check the same URL on the same local server, in
the same run: once with an ETag (both send If-None-Match and get a 304) and
once without validators (a 200 with the same bytes each time).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from bench import feeds
from bench.context import Context, scrape_once
from bench.daemon import write_config
from bench.daemon_polls import poll_window
from bench.proc import ChildRun, run_child
from bench.report import Figure, median, spread
from bench.servers import FeedServer

NAME = "urlwatch"
SECTION = "6 side by side: urlwatch"
VENV = Path(__file__).resolve().parent / ".venv-urlwatch"
URLWATCH = "urlwatch==2.29"


def ensure_urlwatch(ctx: Context) -> Path:
    """``bench/.venv-urlwatch/bin/urlwatch``, creating the venv on first use."""
    binary = VENV / "bin" / "urlwatch"
    if binary.exists():
        return binary
    ctx.say(f"creating {VENV} and installing {URLWATCH} from PyPI")
    base = getattr(sys, "_base_executable", sys.executable)
    subprocess.run([base, "-m", "venv", str(VENV)], check=True, timeout=300)
    subprocess.run(
        [str(VENV / "bin" / "pip"), "install", "-q", URLWATCH],
        check=True,
        timeout=600,
        stdout=subprocess.DEVNULL,
    )
    return binary


def urlwatch_command(ctx: Context, binary: Path, url: str) -> tuple[list[str], dict[str, str], Path]:
    """argv, environment and folder of a urlwatch check with its own config, jobs and cache."""
    folder = ctx.folder("urlwatch")
    (folder / "urls.yaml").write_text(f"name: ircc-rounds\nurl: {url}\n", encoding="utf-8")
    argv = [
        str(binary),
        "--urls",
        str(folder / "urls.yaml"),
        "--config",
        str(folder / "urlwatch.yaml"),
        "--hooks",
        str(folder / "hooks.py"),
        "--cache",
        str(folder / "cache.db"),
    ]
    env = {
        "HOME": str(folder),
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "LANG": "C.UTF-8",
        "XDG_CONFIG_HOME": str(folder / "config"),
        "XDG_CACHE_HOME": str(folder / "cache"),
    }
    return argv, env, folder


def urlwatch_check(argv: list[str], env: dict[str, str], folder: Path) -> ChildRun:
    """One urlwatch check, measured."""
    done = run_child(argv, env=env, cwd=folder, log=folder / "urlwatch.log", timeout=120)
    if done.returncode != 0:
        raise RuntimeError(f"urlwatch exited {done.returncode}; see {folder / 'urlwatch.log'}")
    return done


def urlwatch_checks(ctx: Context, binary: Path, url: str, runs: int) -> list[ChildRun]:
    """Per-check runs of urlwatch with its own config, jobs and cache in a temp folder."""
    argv, env, folder = urlwatch_command(ctx, binary, url)
    urlwatch_check(argv, env, folder)
    return [urlwatch_check(argv, env, folder) for _ in range(runs)]


def run(ctx: Context) -> list[Figure]:
    try:
        binary = ensure_urlwatch(ctx)
    except (OSError, subprocess.SubprocessError) as exc:
        ctx.note(f"urlwatch comparison skipped: could not install {URLWATCH}: {exc}")
        return [Figure(SECTION, "urlwatch", None, "", note="not installed: skipped")]
    runs = max(10, ctx.runs * 2) if not ctx.quick else 5
    polls = 60 if ctx.quick else 200
    body = feeds.copy(feeds.NEWEST)
    figures: list[Figure] = []
    for conditional, kind in ((True, "304"), (False, "200 same bytes")):
        ctx.say(
            f"urlwatch vs eewatch, {kind}: {runs} urlwatch checks, {runs} scrape --once, {polls} daemon polls"
        )
        with FeedServer(body, conditional=conditional) as server:
            url = server.url("/ee.json")
            uw = urlwatch_checks(ctx, binary, url, runs)
            config = write_config(ctx.folder("urlwatch-scrape"), url)
            scrape_once(config)
            once = [scrape_once(config) for _ in range(runs)]
            if server.requests[-1].status != (304 if conditional else 200):
                ctx.note(f"urlwatch {kind}: the last request was answered {server.requests[-1].status}")
        daemon = poll_window(
            ctx, f"urlwatch-daemon-{kind[:3]}", conditional=conditional, every="50ms", polls=polls
        )
        uw_cpu = median([r.cpu for r in uw])
        once_cpu = median([r.cpu for r in once])
        figures += [
            Figure(
                SECTION,
                f"{kind}: urlwatch CPU per check",
                uw_cpu * 1000,
                "ms",
                note=f"one process per check; {spread([r.cpu * 1000 for r in uw])}",
            ),
            Figure(SECTION, f"{kind}: urlwatch wall per check", median([r.wall for r in uw]) * 1000, "ms"),
            Figure(
                SECTION,
                f"{kind}: eewatch daemon CPU per poll",
                daemon.cpu_per_poll * 1000,
                "ms",
                note=f"{polls} polls",
            ),
            Figure(
                SECTION,
                f"{kind}: eewatch scrape --once CPU",
                once_cpu * 1000,
                "ms",
                note=f"wall {median([r.wall for r in once]) * 1000:.0f} ms; "
                f"{spread([r.cpu * 1000 for r in once])}",
            ),
        ]
        ratio = daemon.cpu_per_poll / uw_cpu
        figures.append(
            Figure(
                SECTION,
                f"{kind}: daemon / urlwatch CPU",
                ratio,
                "ratio",
                "<= 0.10" if conditional else "",
                (ratio <= 0.1) if conditional else None,
            )
        )
        figures.append(Figure(SECTION, f"{kind}: scrape --once / urlwatch CPU", once_cpu / uw_cpu, "ratio"))
    return figures
