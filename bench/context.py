"""What every benchmark gets: options, a scratch folder, a logger of progress and notes."""

from __future__ import annotations

import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from bench.daemon import bench_env
from bench.proc import ChildRun, run_child


@dataclass
class Context:
    """Options of this run and a scratch folder that is removed at the end."""

    quick: bool = False
    runs: int = 5
    scratch: Path = field(default_factory=lambda: Path(tempfile.mkdtemp(prefix="eewatch-bench-")))
    notes: list[str] = field(default_factory=list)
    started: float = field(default_factory=time.monotonic)

    def say(self, message: str) -> None:
        """Progress on stderr, with the elapsed time."""
        sys.stderr.write(f"[{time.monotonic() - self.started:6.1f}s] {message}\n")
        sys.stderr.flush()

    def note(self, message: str) -> None:
        """A note for the report (and stderr)."""
        self.notes.append(message)
        self.say("note: " + message)

    def folder(self, name: str) -> Path:
        """A fresh folder under the scratch folder."""
        path = self.scratch / name
        suffix = 1
        while path.exists():
            suffix += 1
            path = self.scratch / f"{name}-{suffix}"
        path.mkdir(parents=True)
        return path


def scrape_once(config: Path, *, timeout: float = 600) -> ChildRun:
    """``python -m eewatch scrape --once --config CONFIG`` as a child, measured."""
    run = run_child(
        [sys.executable, "-m", "eewatch", "scrape", "--once", "--config", str(config)],
        env=bench_env(),
        cwd=config.parent,
        log=config.with_name("scrape.log"),
        timeout=timeout,
    )
    if run.returncode != 0:
        lines = config.with_name("scrape.log").read_text(errors="replace").splitlines()
        last = [line.strip() for line in lines if line.strip().strip("^~ ")][-2:]
        raise RuntimeError(f"scrape --once exited {run.returncode}: " + " | ".join(last))
    return run
