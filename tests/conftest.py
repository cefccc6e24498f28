"""Shared fixtures: the shared IRCC copies, a loopback HTTP server, a fresh database."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.http import FixtureServer

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SHARED_FEED = Path(os.environ.get("EEWATCH_SHARED_FEED", ROOT.parent / "shared" / "fixtures" / "ircc-feed"))


def shared_copies() -> list[Path]:
    """The shared real feed copies, oldest first (the order their README gives)."""
    return sorted(SHARED_FEED.glob("ee_rounds_123_en.*.json"))


@pytest.fixture
def shared_feed() -> list[Path]:
    """The real IRCC copies in ../shared; the test skips where they are absent."""
    copies = shared_copies()
    if not copies:
        pytest.skip(f"shared IRCC feed copies not found at {SHARED_FEED}")
    return copies


@pytest.fixture
def http_server() -> Iterator[FixtureServer]:
    """A real HTTP server on 127.0.0.1, serving what the test sets."""
    server = FixtureServer().start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    """A fresh SQLite file."""
    return f"sqlite:///{tmp_path / 'eewatch.sqlite'}"


@pytest.fixture
def empty_config(tmp_path: Path) -> Path:
    """An empty (valid) config file, so tests never read the repo's config.toml."""
    path = tmp_path / "config.toml"
    path.write_text("")
    return path


def run_cli(
    *args: str, env: dict[str, str] | None = None, cwd: Path | None = None, timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    """Run ``eewatch ARGS`` in a real child process; returns the completed process."""
    full_env = dict(os.environ)
    full_env.pop("EEWATCH_CONFIG", None)
    full_env.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "eewatch", *args],
        capture_output=True,
        text=True,
        env=full_env,
        cwd=cwd,
        timeout=timeout,
        check=False,
    )
