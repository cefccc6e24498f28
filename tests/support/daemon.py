"""Start the real daemon as a child process, and wait for things with a bound."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent.parent


def start_daemon(config: Path, log: Path, *extra: str) -> subprocess.Popen[bytes]:
    """``python scheduler.py --config CONFIG`` in its own process group."""
    env = dict(os.environ)
    env.pop("EEWATCH_CONFIG", None)
    env.pop("EEWATCH_DATABASE_URL", None)
    with log.open("ab") as out:
        return subprocess.Popen(
            [sys.executable, str(ROOT / "scheduler.py"), "--config", str(config), *extra],
            stdout=out,
            stderr=subprocess.STDOUT,
            env=env,
            start_new_session=True,
        )


def stop(process: subprocess.Popen[bytes], timeout: float = 30) -> int:
    """SIGTERM, then wait; SIGKILL if it does not exit by ``timeout`` (a hang: fail loudly).

    The bound is generous on purpose: how fast the daemon stops is a figure for bench/, not a test."""
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
    try:
        return process.wait(timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(5)
        raise AssertionError(f"the daemon did not exit within {timeout}s of SIGTERM") from None


def wait_for(check: Callable[[], Any], timeout: float, what: str, interval: float = 0.05) -> Any:
    """Poll ``check`` until it returns something truthy; fail naming ``what`` after ``timeout``."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            value = check()
        except sqlite3.OperationalError:  # the daemon has not created the tables yet
            value = None
        if value:
            return value
        time.sleep(interval)
    raise AssertionError(f"timed out after {timeout}s waiting for {what}")


def query(db: Path, sql: str, *args: Any) -> list[tuple[Any, ...]]:
    if not db.exists():
        return []
    with sqlite3.connect(db, timeout=10) as conn:
        return conn.execute(sql, args).fetchall()


def scalar(db: Path, sql: str, *args: Any) -> Any:
    """The first column of the first row, or None (no database or no row yet)."""
    rows = query(db, sql, *args)
    return rows[0][0] if rows else None
