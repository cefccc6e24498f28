"""Hostile world III, smaller things (issue 27, item 15): a count past 64 bits, a PostgreSQL port
that accepts and never answers, a PostgreSQL outage under the daemon."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from eewatch.app import exitcodes
from eewatch.store.store import CONNECT_TIMEOUT
from tests.support.cli import cli, cli_process
from tests.support.tcp import Gate

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
