"""Hostile world II: mistakes that are the user's get one line and the right exit code, never a traceback.

Each case failed before (a traceback, exit 1, or "OperationalError" alone).
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from eewatch.app import exitcodes
from tests.support.cli import cli, cli_process

# One worker runs this module: its module fixture runs every CLI case at once (--dist loadgroup).
pytestmark = [pytest.mark.hostile, pytest.mark.slow, pytest.mark.xdist_group("test_hostile_exits")]


@dataclass(frozen=True)
class Case:
    id: str
    database: str | None  # $EEWATCH_DATABASE_URL; None: a fresh SQLite file
    config: str  # the config file's text
    args: tuple[str, ...]
    code: int
    says: str


CASES = [
    Case(
        "sqlite-dir-cannot-be-made", "sqlite:////proc/eewatch/x.sqlite", "", ("status",), 4, "/proc/eewatch"
    ),
    Case(
        "read-only-database",
        "sqlite:///file:{tmp}/ro.sqlite?mode=ro&uri=true",
        "",
        ("status",),
        4,
        "unable to open database file",
    ),
    Case("in-memory", "sqlite:///:memory:", "", ("status",), exitcodes.CONFIG, "in-memory database forgets"),
    Case("mysql", "mysql://u@127.0.0.1/db", "", ("status",), 2, "mysqlclient"),
    Case("postgres-scheme", "postgres://u@127.0.0.1/db", "", ("status",), 2, "postgresql+psycopg://"),
    Case("bare-path", "{tmp}/x.sqlite", "", ("status",), 2, "sqlite:///"),
    Case("deep-toml", None, "a = " + "[" * 20000 + "]" * 20000 + "\n", ("status",), 2, "nested too deeply"),
    Case(
        "huge-duration", None, '[schedule]\nevery = "99999999999999d"\n', ("status",), 2, "[schedule] every"
    ),
    Case("too-many-retries", None, "[feed]\nretries = 50\n", ("status",), 2, "[feed] retries: at most 10"),
    Case("cron-never-fires", None, '[schedule]\ncron = "0 0 31 2 *"\n', ("status",), 2, "never fires"),
    Case(
        "report-out-in-proc", None, "", ("report", "--out", "/proc/eewatch-report"), 2, "/proc/eewatch-report"
    ),
]


@pytest.fixture(scope="module")
def results(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[dict[str, subprocess.CompletedProcess[str]]]:
    from concurrent.futures import ThreadPoolExecutor

    root = tmp_path_factory.mktemp("exits")

    def run(case: Case) -> subprocess.CompletedProcess[str]:
        folder = root / case.id
        folder.mkdir()
        config = folder / "config.toml"
        config.write_text(case.config)
        database = (case.database or "sqlite:///{tmp}/eewatch.sqlite").format(tmp=folder)
        return cli_process(
            *case.args, "--config", str(config), env={"EEWATCH_DATABASE_URL": database}, timeout=90
        )

    with ThreadPoolExecutor(4) as pool:
        yield dict(zip([c.id for c in CASES], pool.map(run, CASES), strict=True))


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_a_users_mistake_is_one_line_and_its_exit_code(
    case: Case, results: dict[str, subprocess.CompletedProcess[str]]
) -> None:
    result = results[case.id]
    assert result.returncode == case.code, result.stderr
    assert "Traceback" not in result.stderr, result.stderr
    errors = [line for line in result.stderr.splitlines() if "ERROR" in line or line.startswith("eewatch ")]
    assert len(errors) == 1, result.stderr
    assert case.says in errors[0], errors[0]


def test_a_relative_sqlite_path_is_a_warning(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text("")
    result = cli(
        "status", "--config", str(config), env={"EEWATCH_DATABASE_URL": "sqlite:///rel.sqlite"}, cwd=tmp_path
    )
    assert "relative to the working directory" in result.stderr, result.stderr
    assert (tmp_path / "rel.sqlite").exists()
