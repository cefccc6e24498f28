"""``scrape --once`` as a real process: exit codes, retries, conditional GET, the User-Agent."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from eewatch.app import exitcodes
from tests.support.cli import cli, cli_process
from tests.support.http import FixtureServer
from tests.support.paths import FIXTURES


def scrape(url: str, tmp_path: Path, config: Path, *extra: str):
    env = {"EEWATCH_DATABASE_URL": f"sqlite:///{tmp_path / 'cli.sqlite'}"}
    return cli_process("scrape", "--once", "--feed", url, "--config", str(config), *extra, env=env)


def test_a_good_fetch_then_an_unchanged_one(
    http_server: FixtureServer, tmp_path: Path, empty_config: Path
) -> None:
    url = http_server.serve(
        "/feed.json",
        (FIXTURES / "feed" / "small.json").read_bytes(),
        **{"Last-Modified": "Tue, 09 Jul 2024 12:00:00 GMT"},
    )
    first = scrape(url, tmp_path, empty_config)
    assert first.returncode == exitcodes.OK, first.stderr
    assert "changed http=200" in first.stderr and "new=8" in first.stderr
    second = scrape(url, tmp_path, empty_config)
    assert second.returncode == exitcodes.OK
    assert "not_modified http=304" in second.stderr
    assert http_server.hits[1].headers["If-Modified-Since"] == "Tue, 09 Jul 2024 12:00:00 GMT"
    assert http_server.hits[0].headers["User-Agent"].startswith("eewatch")


def test_server_errors_are_retried_then_a_source_error(
    http_server: FixtureServer, tmp_path: Path, empty_config: Path
) -> None:
    url = http_server.serve("/feed.json", b"oops", status=503)
    result = scrape(url, tmp_path, empty_config)
    assert result.returncode == exitcodes.SOURCE
    assert "HTTP 503" in result.stderr
    assert len(http_server.hits) == 3  # the first try and two retries
    with sqlite3.connect(tmp_path / "cli.sqlite") as conn:
        assert conn.execute("SELECT outcome, http_status FROM fetches").fetchall() == [("error", 503)]
        assert conn.execute("SELECT count(*) FROM rounds").fetchone() == (0,)


def test_not_found_is_a_source_error_without_retries(
    http_server: FixtureServer, tmp_path: Path, empty_config: Path
) -> None:
    result = scrape(http_server.url("/missing.json"), tmp_path, empty_config)
    assert result.returncode == exitcodes.SOURCE
    assert "HTTP 404" in result.stderr and len(http_server.hits) == 1


def test_a_bad_config_is_one_line_and_exit_2(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text("[feed]\nurl = 3\n")
    result = cli_process("scrape", "--once", "--config", str(bad))
    assert result.returncode == exitcodes.CONFIG
    errors = result.stderr.splitlines()
    assert (
        len(errors) == 1
        and errors[0].startswith("eewatch scrape: error: ")
        and "bad.toml: [feed] url: expected str" in errors[0]
    )


def test_an_unreadable_database_is_a_storage_error(
    http_server: FixtureServer, tmp_path: Path, empty_config: Path
) -> None:
    (tmp_path / "dir.sqlite").mkdir()
    env = {"EEWATCH_DATABASE_URL": f"sqlite:///{tmp_path / 'dir.sqlite'}"}
    result = cli_process(
        "scrape", "--once", "--feed", http_server.url("/x"), "--config", str(empty_config), env=env
    )
    assert result.returncode == exitcodes.STORAGE, result.stderr
    assert "cannot open the database" in result.stderr


def test_any_command_maps_a_database_failure_to_exit_4(tmp_path: Path, empty_config: Path) -> None:
    (tmp_path / "dir.sqlite").mkdir()
    env = {"EEWATCH_DATABASE_URL": f"sqlite:///{tmp_path / 'dir.sqlite'}"}
    result = cli("rounds", "--config", str(empty_config), env=env)
    assert result.returncode == exitcodes.STORAGE
    assert "Traceback" not in result.stderr
    # The path and the driver's reason, never the class alone (hostile II).
    line = next(line for line in result.stderr.splitlines() if "database error" in line)
    assert "dir.sqlite" in line and "unable to open database file" in line and "(OperationalError)" in line
