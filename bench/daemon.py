"""Start the real daemon (``python scheduler.py``) as a child, watch it, stop it."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench.feeds import ROOT


def write_config(
    folder: Path, feed_url: str, *, every: str = "1s", extra: str = "", max_bytes: int | None = None
) -> Path:
    """A config file for a bench: the feed, a fresh SQLite file, a fast schedule."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "config.toml"
    path.write_text(
        f'[feed]\nurl = "{feed_url}"\nretries = 0\ntimeout = 120\n'
        + (f"max_bytes = {max_bytes}\n" if max_bytes else "")
        + "\n"
        f'[database]\nurl = "sqlite:///{folder / "eewatch.sqlite"}"\n\n'
        f'[schedule]\nevery = "{every}"\njitter = 0\n\n{extra}',
        encoding="utf-8",
    )
    return path


def bench_env() -> dict[str, str]:
    env = dict(os.environ)
    # PYTHONDONTWRITEBYTECODE would make every child recompile eewatch's modules (~8% of a cron run).
    for key in ("EEWATCH_CONFIG", "EEWATCH_DATABASE_URL", "PYTHONDONTWRITEBYTECODE"):
        env.pop(key, None)
    # Children run the code of the tree this bench lives in, whatever is installed.
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), *filter(None, [env.get("PYTHONPATH")])])
    return env


class DaemonProcess:
    """``python scheduler.py --config CONFIG --log-format json`` in its own session."""

    def __init__(self, config: Path) -> None:
        self.config = config
        self.log = config.with_name("daemon.log")
        self.db = config.with_name("eewatch.sqlite")
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def pid(self) -> int:
        assert self.process is not None
        return self.process.pid

    def start(self) -> DaemonProcess:
        with self.log.open("ab") as out:
            self.process = subprocess.Popen(
                [
                    sys.executable,
                    str(ROOT / "scheduler.py"),
                    "--config",
                    str(self.config),
                    "--log-format",
                    "json",
                ],
                stdout=out,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                env=bench_env(),
                cwd=self.config.parent,
                start_new_session=True,
            )
        return self

    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def stop(self, timeout: float = 15) -> None:
        """SIGTERM, then SIGKILL to its group if it does not exit in time."""
        if self.process is None:
            return
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(5)

    def __enter__(self) -> DaemonProcess:
        return self.start()

    def __exit__(self, *_: object) -> None:
        self.stop()

    def scalar(self, sql: str, *args: Any) -> Any:
        """The first value of a query on the daemon's database (None if not there yet)."""
        if not self.db.exists():
            return None
        try:
            with sqlite3.connect(self.db, timeout=10) as conn:
                row = conn.execute(sql, args).fetchone()
        except sqlite3.OperationalError:
            return None
        return row[0] if row else None

    def polls(self) -> list[dict[str, Any]]:
        """The ``poll ...`` lines of the daemon's JSON log (a poll that found nothing logs at debug)."""
        found = []
        for line in self.log.read_text(errors="replace").splitlines():
            if line.startswith("{") and '"duration_ms"' in line:
                try:
                    found.append(json.loads(line))
                except ValueError:
                    continue
        return [p for p in found if str(p.get("message", "")).startswith("poll ")]

    def poll_durations(self) -> list[dict[str, Any]]:
        """Every poll's fetch duration, from the daemon's heartbeats (one row per poll)."""
        if not self.db.exists():
            return []
        try:
            with sqlite3.connect(self.db, timeout=10) as conn:
                rows = conn.execute("SELECT duration_ms FROM heartbeats ORDER BY id").fetchall()
        except sqlite3.OperationalError:
            return []
        return [{"duration_ms": ms} for (ms,) in rows if ms is not None]

    def log_tail(self, lines: int = 15) -> str:
        return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])


def wait_until(check: Callable[[], Any], timeout: float, what: str, interval: float = 0.005) -> Any:
    """Poll ``check`` until truthy; TimeoutError naming ``what`` after ``timeout``."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        time.sleep(interval)
    raise TimeoutError(f"timed out after {timeout:.0f}s waiting for {what}")
