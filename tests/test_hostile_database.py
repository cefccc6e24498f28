"""Hostile world III, the database file: damaged under eewatch, deleted or replaced under the daemon.

Each test failed on the code before the fix (docs/hostile.md, "Hostile world III: operations").
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from eewatch.app import exitcodes
from tests.support.cli import cli, cli_process
from tests.support.daemon import scalar, start_daemon, stop, wait_for
from tests.support.http import FixtureServer
from tests.support.paths import FIXTURES

pytestmark = pytest.mark.hostile

FEED = FIXTURES / "feed"


def _config(tmp_path: Path, db: Path) -> Path:
    config = tmp_path / "config.toml"
    config.write_text(f'[database]\nurl = "sqlite:///{db}"\n[feed]\nurl = "file://{FEED / "small.json"}"\n')
    return config


def _damage_page_of(db: Path, table: str) -> int:
    """Overwrite the root page of ``table`` (a page in the middle of the file) with garbage."""
    with sqlite3.connect(db) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
        [(root,)] = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)).fetchall()
    assert 1 < root < pages, "the page is not in the middle of the file"
    with db.open("r+b") as handle:
        handle.seek((root - 1) * page_size)
        handle.write(b"\x5a" * page_size)
    return int(root)


def _one_line(stderr: str) -> str:
    assert "Traceback" not in stderr, stderr
    assert "[SQL" not in stderr and "parameters" not in stderr, stderr
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert len(lines) == 1, stderr
    return lines[0]


def test_a_damaged_page_is_one_line_exit_4_and_unhealthy_until_the_file_is_sound(tmp_path: Path) -> None:
    db = tmp_path / "eewatch.sqlite"
    config = _config(tmp_path, db)
    first = cli_process("scrape", "--once", "-q", "--config", str(config))
    assert first.returncode == 0, first.stderr
    backup = tmp_path / "backup.sqlite"
    with sqlite3.connect(db) as source, sqlite3.connect(backup) as copy:
        source.backup(copy)
    _damage_page_of(db, "round_revisions")  # what a correction writes; not what rounds or status read

    scrape = cli_process(
        "scrape", "--once", "-q", "--feed", str(FEED / "small.corrected.json"), "--config", str(config)
    )
    assert scrape.returncode == exitcodes.STORAGE, scrape.stderr
    line = _one_line(scrape.stderr)
    assert "damaged" in line and str(db) in line, line

    status = cli("status", "--config", str(config))
    assert status.returncode == exitcodes.UNHEALTHY, status.stdout + status.stderr
    assert "health:               ok" not in status.stdout
    assert "damaged" in status.stdout, status.stdout

    rounds = cli("rounds", "--config", str(config))
    assert rounds.returncode == exitcodes.STORAGE, rounds.stdout + rounds.stderr
    assert "damaged" in _one_line(rounds.stderr)
    again = cli_process("scrape", "--once", "-q", "--config", str(config))
    assert again.returncode == exitcodes.STORAGE
    assert "damaged" in _one_line(again.stderr)

    # The operator restores the backup: eewatch uses the file again, and the correction is stored.
    for path in tmp_path.glob("eewatch.sqlite-*"):
        path.unlink()
    shutil.copyfile(backup, db)
    restored = cli_process(
        "scrape", "--once", "--feed", str(FEED / "small.corrected.json"), "--config", str(config)
    )
    assert restored.returncode == 0, restored.stderr
    assert "amended=" in restored.stderr and "amended=0" not in restored.stderr, restored.stderr
    assert cli("rounds", "--config", str(config)).returncode == 0
    assert cli("status", "--config", str(config)).returncode in (exitcodes.OK, exitcodes.UNHEALTHY)
    assert "damaged" not in cli("status", "--config", str(config)).stdout


@pytest.mark.slow
@pytest.mark.parametrize("how", ["deleted", "replaced"])
def test_the_daemon_stops_when_its_database_file_is_deleted_or_replaced(
    http_server: FixtureServer, tmp_path: Path, how: str
) -> None:
    db = tmp_path / "daemon.sqlite"
    url = http_server.serve("/feed.json", (FEED / "small.json").read_bytes())
    config = tmp_path / "config.toml"
    config.write_text(
        f'[feed]\nurl = "{url}"\nretries = 0\ntimeout = 5\n[database]\nurl = "sqlite:///{db}"\n'
        '[schedule]\nevery = "1s"\njitter = 0\nretry_every = "1s"\n'
    )
    log = tmp_path / "daemon.log"
    daemon = start_daemon(config, log)
    try:
        wait_for(lambda: scalar(db, "SELECT count(*) FROM rounds") == 8, 30, "the baseline to be stored")
        if how == "deleted":
            db.unlink()
        else:
            other = tmp_path / "other.sqlite"
            sqlite3.connect(other).close()
            other.replace(db)
        code = daemon.wait(20)
    finally:
        if daemon.poll() is None:
            stop(daemon)
    text = log.read_text()
    assert code == exitcodes.STORAGE, text[-3000:]
    errors = [line for line in text.splitlines() if " ERROR " in line]
    assert len(errors) == 1 and f"was {how}" in errors[0] and str(db) in errors[0], text[-3000:]
    assert "Traceback" not in text
    # No fresh baseline: nothing was written at the path after the file went.
    assert scalar(db, "SELECT count(*) FROM sqlite_master WHERE name = 'rounds'") in (None, 0)
