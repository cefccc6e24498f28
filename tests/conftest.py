"""Shared fixtures: the shared IRCC copies, a loopback HTTP server, a fresh database, the fork server.

Helpers that tests import live in ``tests/support/`` (paths, the CLI runners, PostgreSQL), never here."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.forkserver import ForkServer
from tests.support.http import FixtureServer
from tests.support.paths import SHARED_FEED, shared_copies
from tests.support.pg import PG_SKIP_REASON, PG_URL, fresh_pg_database

#: `pytest -m hostile` ends with its summary line (scenarios, rounds lost, alerts duplicated or lost).
pytest_plugins = ["tests.support.hostile_summary", "tests.support.skip_summary", "tests.support.wire"]


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """The costliest modules first, so that no worker is left running a long one while the others idle.

    A module whose tests form one ``xdist_group`` goes first (one unit of work holding a costly
    module fixture), then a module with a ``slow`` test (real processes, real waits), then the rest;
    each module's tests stay together and in their order (a module fixture is set up once).
    """
    rank: dict[str, int] = {}
    for item in items:
        module = item.nodeid.split("::", 1)[0]
        cost = 0 if item.get_closest_marker("xdist_group") else 1 if item.get_closest_marker("slow") else 2
        rank[module] = min(rank.get(module, 2), cost)
    items.sort(key=lambda item: rank[item.nodeid.split("::", 1)[0]])  # stable: collection order within


def pytest_runtest_setup(item: pytest.Item) -> None:
    """Under ``--dist loadgroup``, a grouped test fails where its group was lost (it would spread out).

    xdist marks a grouped test by suffixing its node id with ``@group``; pytest 9.2 keeps node ids
    where that assignment no longer lands (pytest-dev/pytest-xdist#1386): the groups are silently
    lost, and each group's module fixture runs on every worker.
    """
    grouped = getattr(item.config.option, "loadgroup", False) and item.get_closest_marker("xdist_group")
    if grouped and "@" not in item.nodeid:
        pytest.fail(
            "--dist loadgroup lost this test's xdist_group: this pytest and pytest-xdist do not "
            "work together (pytest-dev/pytest-xdist#1386; pyproject.toml pins pytest below 9.2)",
            pytrace=False,
        )


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


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh database: a SQLite file, and a new PostgreSQL database where $EEWATCH_TEST_PG_URL is set."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'eewatch.sqlite'}"
        return
    if not PG_URL:
        pytest.skip(PG_SKIP_REASON)
    yield from fresh_pg_database(PG_URL)


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
