"""Hostile world III, smaller things (issue 27, item 15): a count past 64 bits, a PostgreSQL port
that accepts and never answers, a PostgreSQL outage under the daemon."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from eewatch.app import exitcodes
from eewatch.store.store import CONNECT_TIMEOUT
from tests.support.cli import cli, cli_process
from tests.support.daemon import start_daemon, stop, wait_for
from tests.support.http import FixtureServer
from tests.support.pg import fresh_pg_database
from tests.support.tcp import Gate

FEEDS = Path(__file__).parent / "fixtures" / "feed"

pytestmark = pytest.mark.hostile


@pytest.fixture
def hanging_port() -> Iterator[Gate]:
    gate = Gate(None)
    yield gate
    gate.stop()


@pytest.mark.parametrize("limit", ["9223372036854775808", "1" * 5000])
def test_a_limit_past_64_bits_is_a_usage_error(tmp_path: Path, empty_config: Path, limit: str) -> None:
    env = {"EEWATCH_DATABASE_URL": f"sqlite:///{tmp_path / 'e.sqlite'}"}
    result = cli("rounds", "--limit", limit, "--config", str(empty_config), env=env)
    assert result.returncode == exitcodes.CONFIG, result.stderr
    assert "Traceback" not in result.stderr
    last = result.stderr.strip().splitlines()[-1]  # after argparse's usage lines
    assert "argument --limit" in last and "at most 9223372036854775807" in last


def test_a_postgresql_port_that_never_answers_is_a_storage_error_not_a_hang(
    hanging_port: Gate, empty_config: Path
) -> None:
    url = f"postgresql+psycopg://postgres@127.0.0.1:{hanging_port.port}/eewatch"
    # Bounded by the connect timeout (10 s per attempt); without it, each command hung for minutes.
    result = cli_process(
        "status",
        "--config",
        str(empty_config),
        env={"EEWATCH_DATABASE_URL": url},
        timeout=6 * CONNECT_TIMEOUT,
    )
    assert result.returncode == exitcodes.STORAGE, result.stderr
    assert hanging_port.accepted >= 1
    assert "timeout" in result.stderr.lower() and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr


PG_URL = os.environ.get("EEWATCH_TEST_PG_URL")


@pytest.fixture
def pg_behind_gate() -> Iterator[tuple[str, Gate]]:
    """A fresh PostgreSQL database reached through a gate the test can cut."""
    if not PG_URL:
        pytest.skip("needs $EEWATCH_TEST_PG_URL (a PostgreSQL server to cut off)")
    for url in fresh_pg_database(PG_URL):
        real = make_url(url)
        gate = Gate((real.host or "127.0.0.1", real.port or 5432))
        try:
            yield real.set(port=gate.port).render_as_string(hide_password=False), gate
        finally:
            gate.stop()


def test_a_postgresql_outage_is_one_line_per_poll_and_a_trace_in_status(
    pg_behind_gate: tuple[str, Gate], http_server: FixtureServer, tmp_path: Path
) -> None:
    """The daemon on PostgreSQL, the database cut off for a few polls, then back."""
    url, gate = pg_behind_gate
    http_server.serve("/feed.json", (FEEDS / "small.json").read_bytes())
    config = tmp_path / "config.toml"
    config.write_text(
        f'[feed]\nurl = "{http_server.url("/feed.json")}"\nretries = 0\ntimeout = 5\n\n'
        f'[database]\nurl = "{url}"\n\n[schedule]\nevery = "1s"\njitter = 0\n'
    )
    log = tmp_path / "daemon.log"
    daemon = start_daemon(config, log)
    try:
        wait_for(lambda: "poll feed: changed" in log.read_text(), 60, "the first poll")
        gate.cut()
        wait_for(lambda: log.read_text().count("poll skipped: ") >= 4, 60, "four polls during the outage")
        gate.open()
        wait_for(lambda: "the database is back" in log.read_text(), 60, "a poll after the outage")
    finally:
        stop(daemon)
    text = log.read_text()
    assert "Traceback" not in text, text[-3000:]
    during = text[text.index("poll feed: changed") : text.index("the database is back")]
    lines = [line for line in during.splitlines() if " ERROR " in line or " WARNING " in line]
    skipped = [line for line in lines if "poll skipped: cannot open the database" in line]
    # One line per poll; a few more where the outage began (a pass in flight, the lost lock).
    assert len(skipped) >= 4 and len(lines) <= len(skipped) + 4, "\n".join(lines)
    status = cli("status", "--format", "json", "--config", str(config))
    outage = json.loads(status.stdout)["last_database_outage"]
    assert outage.startswith("database unreachable from ") and "poll(s) skipped" in outage, outage
