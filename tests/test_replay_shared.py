"""Replay IRCC's real feed copies, in order, through a loopback HTTP server and the real spider."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from eewatch.app import exitcodes
from tests.support.cli import cli, cli_process
from tests.support.forkserver import ForkServer
from tests.support.http import FixtureServer

pytestmark = pytest.mark.slow

# Rounds stored after each copy (oldest first): stale copies and the malformed one change nothing.
EXPECTED_COUNTS = [230, 239, 324, 325, 325, 328, 336, 336, 337, 337, 337, 338, 338]


def rows(db: Path, sql: str) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return conn.execute(sql).fetchall()


def snapshot(db: Path) -> list[tuple]:
    return rows(db, "SELECT * FROM rounds ORDER BY id")


def test_replay_every_shared_copy(
    shared_feed: list[Path],
    http_server: FixtureServer,
    tmp_path: Path,
    empty_config: Path,
    fork_server: ForkServer,
) -> None:
    """Each copy is one ``scrape --once``: a real process, forked with eewatch's modules imported."""
    assert len(shared_feed) == len(EXPECTED_COUNTS), "the shared sequence changed: update this test"
    db = tmp_path / "replay.sqlite"
    env = {"EEWATCH_DATABASE_URL": f"sqlite:///{db}"}
    url = http_server.url("/ee_rounds_123_en.json")
    counts = []
    for copy in shared_feed:
        http_server.serve("/ee_rounds_123_en.json", copy.read_bytes())
        before = snapshot(db) if db.exists() else []
        args = ("scrape", "--once", "--feed", url, "--config", str(empty_config))
        result = cli_process(*args, env=env, via=fork_server)
        if "MALFORMED" in copy.name:
            assert result.returncode == exitcodes.SOURCE, result.stderr
            assert "not valid JSON" in result.stderr
            assert snapshot(db) == before, "the malformed copy changed the database"
        else:
            assert result.returncode == exitcodes.OK, result.stderr
        if "2111Z" in copy.name or "2025-02-19T1842Z" in copy.name:  # stale copies
            assert rows(db, "SELECT id FROM rounds") == [(r[0],) for r in before], (
                "a stale copy deleted a round"
            )
        counts.append(rows(db, "SELECT count(*) FROM rounds")[0][0])
    assert counts == EXPECTED_COUNTS

    # Exactly one amendment: round 335's tie-break year, typo then corrected; the history keeps both.
    amended = rows(
        db, "SELECT round_id, json_extract(payload, '$.changes') FROM events WHERE kind='round_amended'"
    )
    assert amended == [("335", '{"tie_break_at":["2025-11-14T02:52:14Z","2024-11-14T02:52:14Z"]}')]
    history = rows(
        db,
        "SELECT json_extract(record, '$.tie_break_at') FROM round_revisions WHERE round_id='335' ORDER BY id",
    )
    assert history == [("2025-11-14T02:52:14Z",), ("2024-11-14T02:52:14Z",)]
    first_warnings = rows(
        db, "SELECT json_extract(record, '$.warnings') FROM round_revisions WHERE round_id='335' ORDER BY id"
    )[0][0]
    assert "probably a typo" in first_warnings

    # Round 324 vanished in a stale copy and came back: new once, never again.
    assert rows(db, "SELECT count(*) FROM events WHERE kind='new_round' AND round_id='324'") == [(1,)]
    assert rows(db, "SELECT count(*) FROM events WHERE kind='new_round' AND round_id='336'") == [(1,)]
    # The first copy was the baseline; later new rounds are not.
    assert rows(db, "SELECT baseline, count(*) FROM events WHERE kind='new_round' GROUP BY baseline") == [
        (0, 108),
        (1, 230),
    ]
    assert rows(db, "SELECT count(*) FROM events WHERE kind='source_error'") == [(1,)]

    # The same copy again: a 304 to the conditional GET, nothing added.
    before = (snapshot(db), rows(db, "SELECT count(*) FROM events"))
    result = cli_process(
        "scrape", "--once", "--feed", url, "--config", str(empty_config), env=env, via=fork_server
    )
    assert result.returncode == 0, result.stderr
    assert http_server.hits[-1].headers.get("If-None-Match")
    assert rows(db, "SELECT outcome, http_status FROM fetches ORDER BY id DESC LIMIT 1") == [
        ("not_modified", 304)
    ]
    assert (snapshot(db), rows(db, "SELECT count(*) FROM events")) == before
    assert rows(db, "PRAGMA integrity_check") == [("ok",)]


def test_scrape_once_from_a_saved_file_and_rounds_json(
    shared_feed: list[Path], tmp_path: Path, empty_config: Path
) -> None:
    newest = shared_feed[-1]
    env = {"EEWATCH_DATABASE_URL": f"sqlite:///{tmp_path / 'file.sqlite'}"}
    result = cli_process("scrape", "--once", "--feed", str(newest), "--config", str(empty_config), env=env)
    assert result.returncode == 0, result.stderr
    listed = cli("rounds", "--format", "json", "--limit", "2", "--config", str(empty_config), env=env)
    import json

    records = json.loads(listed.stdout)
    assert [r["id"] for r in records] == ["337", "336"]
    from eewatch.domain.record import FIELDS

    assert all(list(r) == list(FIELDS) for r in records)
