"""Shared fixtures: the shared IRCC copies, a loopback HTTP server, a fresh database."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.forkserver import ForkServer
from tests.support.http import FixtureServer

#: `pytest -m hostile` ends with its summary line (scenarios, rounds lost, alerts duplicated or lost).
pytest_plugins = ["tests.support.hostile_summary", "tests.support.skip_summary", "tests.support.wire"]

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


PG_URL = os.environ.get("EEWATCH_TEST_PG_URL")


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh database: a SQLite file, and a new PostgreSQL database where $EEWATCH_TEST_PG_URL is set."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'eewatch.sqlite'}"
        return
    if not PG_URL:
        pytest.skip(
            "PostgreSQL tests need $EEWATCH_TEST_PG_URL (e.g. postgresql+psycopg://postgres@127.0.0.1/postgres)"
        )
    yield from fresh_pg_database(PG_URL)


def fresh_pg_database(server_url: str) -> Iterator[str]:
    """Create a uniquely named database on the server, yield its URL, drop it afterwards."""
    import uuid

    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    name = f"eewatch_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(server_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(server_url).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture
def empty_config(tmp_path: Path) -> Path:
    """An empty (valid) config file, so tests never read the repo's config.toml."""
    path = tmp_path / "config.toml"
    path.write_text("")
    return path


@pytest.fixture(scope="session")
def fork_server() -> Iterator[ForkServer]:
    """A fork server (one per xdist worker) whose children start with eewatch's modules imported.

    For the tests that run the CLI many times (the hostile suite): a child forked from it
    is a real process running ``python -m eewatch ...``, less the seconds of imports.
    """
    server = ForkServer(drop_env=["EEWATCH_CONFIG"])
    try:
        yield server
    finally:
        server.stop()


def run_python(
    *argv: str,
    env: dict[str, str] | None = None,
    cwd: Path | None = None,
    timeout: float = 120,
    via: ForkServer | None = None,
) -> subprocess.CompletedProcess[str]:
    """Run ``python ARGV`` in a real child process, never reading the developer's EEWATCH_CONFIG.

    ``via``: fork the child from this fork server (``ARGV`` must be ``-m MODULE ...``).
    """
    full_env = dict(os.environ)
    full_env.pop("EEWATCH_CONFIG", None)
    full_env.update(env or {})
    if via is not None:
        return via.run(*argv, env=full_env, cwd=cwd, timeout=timeout)
    return subprocess.run(
        [sys.executable, *argv],
        capture_output=True,
        text=True,
        env=full_env,
        cwd=cwd,
        timeout=timeout,
        check=False,
    )


def run_cli(
    *args: str,
    env: dict[str, str] | None = None,
    cwd: Path | None = None,
    timeout: float = 120,
    via: ForkServer | None = None,
) -> subprocess.CompletedProcess[str]:
    """Run ``eewatch ARGS`` in a real child process (forked ``via`` a fork server if given)."""
    return run_python("-m", "eewatch", *args, env=env, cwd=cwd, timeout=timeout, via=via)
