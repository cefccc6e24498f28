"""The cron check: an unchanged feed settled by a conditional GET, everything else by the full path.

Each run is a real child process against a loopback server. What a run imported is read
from the child's ``sys.modules``; what it wrote, from the database and ``eewatch status``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from eewatch.app import exitcodes
from eewatch.store.light import LightStore, head_revision, stamp
from eewatch.store.migrate import HEAD
from tests.support.cli import cli_process, run_python
from tests.support.http import FixtureServer
from tests.support.paths import FIXTURES

#: What the check of an unchanged feed must not import.
HEAVY = ("scrapy", "twisted", "sqlalchemy", "alembic", "notifier", "apprise", "apscheduler")

_CHILD = f"""
import json, sys
from eewatch.app.cli import main
code = main(sys.argv[1:])
heavy = sorted({{m.split('.')[0] for m in sys.modules}} & set({HEAVY!r}))
sys.stdout.write(json.dumps({{"code": code, "heavy": heavy}}))
"""

_FULL_PATH = """
import sys
from eewatch.app.poll import poll_once
from eewatch.config import load_config
from eewatch.store.store import Store
config = load_config(sys.argv[1])
store = Store.open(config.database.url)
sys.exit(poll_once(config, store, sys.argv[2]).exit_code)
"""


def write_config(folder: Path, server: FixtureServer, name: str = "config.toml", extra: str = "") -> Path:
    """A profile and one rule (a json:// target on the test server), its own database."""
    path = folder / name
    path.write_text(
        f'[database]\nurl = "sqlite:///{folder / (name + ".sqlite")}"\n\n'
        '[profile]\ncrs = 478\nprograms = ["CEC"]\n\n'
        f'[[alerts]]\nname = "mine"\ncrs_max = 489\nnotify = ["json://127.0.0.1:{server.port}/hook"]\n'
        + extra,
        encoding="utf-8",
    )
    return path


def env_for(tmp_path: Path) -> dict[str, str]:
    return {"XDG_CACHE_HOME": str(tmp_path / "cache"), "EEWATCH_DATABASE_URL": ""}


def scrape(config: Path, url: str, tmp_path: Path) -> dict[str, Any]:
    """``scrape --once`` in a child: its exit code and the heavy packages it imported."""
    env = env_for(tmp_path)
    env.pop("EEWATCH_DATABASE_URL")
    done = run_python("-c", _CHILD, "scrape", "--once", "--feed", url, "--config", str(config), env=env)
    assert done.stdout, done.stderr
    return {**json.loads(done.stdout), "stderr": done.stderr}


def database(config: Path) -> Path:
    return config.with_name(config.name + ".sqlite")


def rows(config: Path, query: str) -> list[tuple[Any, ...]]:
    with sqlite3.connect(database(config)) as conn:
        return conn.execute(query).fetchall()


@pytest.fixture
def feed(http_server: FixtureServer) -> str:
    return http_server.serve("/feed.json", (FIXTURES / "feed" / "small.json").read_bytes())


def test_an_unchanged_feed_imports_no_crawler_no_database_layer_no_notifier(
    http_server: FixtureServer, feed: str, tmp_path: Path
) -> None:
    config = write_config(tmp_path, http_server)
    first = scrape(config, feed, tmp_path)
    assert first["code"] == exitcodes.OK, first["stderr"]
    assert "scrapy" in first["heavy"] and "sqlalchemy" in first["heavy"]  # the baseline: the full path
    second = scrape(config, feed, tmp_path)
    assert second["code"] == exitcodes.OK, second["stderr"]
    assert second["heavy"] == [], second["stderr"]
    assert "not_modified http=304" in second["stderr"]
    # One request: the conditional GET, answered 304 (the server's ETag sent back).
    assert len(http_server.hits) == 2
    body = (FIXTURES / "feed" / "small.json").read_bytes()
    assert http_server.hits[1].headers["If-None-Match"] == '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
    assert http_server.hits[1].headers["User-Agent"].startswith("eewatch")
    assert rows(config, "SELECT outcome, http_status FROM heartbeats ORDER BY id") == [
        ("changed", 200),
        ("not_modified", 304),
    ]


def test_the_check_records_the_poll_as_the_full_path_does(
    http_server: FixtureServer, feed: str, tmp_path: Path
) -> None:
    light, full = write_config(tmp_path, http_server, "light.toml"), write_config(tmp_path, http_server)
    for config in (light, full):
        assert scrape(config, feed, tmp_path)["code"] == exitcodes.OK
    assert scrape(light, feed, tmp_path)["heavy"] == []
    env = env_for(tmp_path)
    env.pop("EEWATCH_DATABASE_URL")
    done = run_python("-c", _FULL_PATH, str(full), feed, env=env)
    assert done.returncode == exitcodes.OK, done.stderr

    fetch_columns = (
        "source, url, http_status, etag, last_modified, bytes, body_sha256, outcome, error, "
        "rounds_seen, new_rounds, amended_rounds, stale_rounds, problems, length(fetched_at)"
    )
    heartbeat_columns = (
        "mode, outcome, http_status, bytes, new_rounds, amended_rounds, error, length(at), "
        "typeof(duration_ms)"
    )
    for query in (
        f"SELECT {fetch_columns} FROM fetches ORDER BY id",
        f"SELECT {heartbeat_columns} FROM heartbeats ORDER BY id",
        "SELECT kind, round_id, baseline FROM events ORDER BY id",
        "SELECT count(*) FROM alert_outbox",
    ):
        assert rows(light, query) == rows(full, query), query
    assert rows(light, "SELECT outcome FROM fetches ORDER BY id DESC LIMIT 1") == [("not_modified",)]

    def status(config: Path) -> dict[str, Any]:
        out = cli_process("status", "--format", "json", "--config", str(config), env=env)
        assert out.returncode == exitcodes.OK, out.stderr
        found: dict[str, Any] = json.loads(out.stdout)
        return found

    seen_light, seen_full = status(light), status(full)
    assert seen_light.keys() == seen_full.keys()
    for key, value in seen_full.items():
        if key in ("healthy", "consecutive_failures", "outbox", "latest_round", "last_poll_outcome"):
            assert seen_light[key] == value, key


def test_a_changed_feed_goes_to_the_full_path(http_server: FixtureServer, feed: str, tmp_path: Path) -> None:
    config = write_config(tmp_path, http_server)
    scrape(config, feed, tmp_path)
    data = json.loads((FIXTURES / "feed" / "small.json").read_text())
    data["rounds"][0]["drawCRS"] = "999"
    http_server.serve("/feed.json", json.dumps(data).encode())
    run = scrape(config, feed, tmp_path)
    assert run["code"] == exitcodes.OK, run["stderr"]
    assert "scrapy" in run["heavy"]
    assert "amended=1" in run["stderr"]
    assert len(http_server.hits) == 3  # the baseline, the check's GET (a 200), the crawl's


def test_an_event_waiting_for_the_alert_pass_goes_to_the_full_path(
    http_server: FixtureServer, feed: str, tmp_path: Path
) -> None:
    config = write_config(tmp_path, http_server)
    scrape(config, feed, tmp_path)
    with sqlite3.connect(database(config)) as conn:
        conn.execute(
            "INSERT INTO events (kind, created_at, baseline, payload) VALUES ('poll_failing', ?, 0, '{}')",
            (stamp(dt.datetime.now(dt.UTC)),),
        )
    run = scrape(config, feed, tmp_path)
    assert run["code"] == exitcodes.OK, run["stderr"]
    assert "notifier" in run["heavy"]
    assert rows(config, "SELECT count(*) FROM events e JOIN alert_events_handled h ON h.event_id = e.id") == [
        (rows(config, "SELECT count(*) FROM events")[0][0],)
    ]


def test_an_ops_event_due_goes_to_the_full_path(
    http_server: FixtureServer, feed: str, tmp_path: Path
) -> None:
    """After an outage was told (poll_failing, handled), the first good poll is a recovery to tell."""
    config = write_config(tmp_path, http_server)
    scrape(config, feed, tmp_path)
    now = stamp(dt.datetime.now(dt.UTC))
    with sqlite3.connect(database(config)) as conn:
        failing = conn.execute(
            "INSERT INTO events (kind, created_at, baseline, payload) VALUES ('poll_failing', ?, 0, '{}')",
            (now,),
        ).lastrowid
        conn.execute(
            "INSERT INTO alert_events_handled (event_id, handled_at, outcome, deliveries) "
            "VALUES (?, ?, 'no_match', 0)",
            (failing, now),
        )
    run = scrape(config, feed, tmp_path)
    assert "sqlalchemy" in run["heavy"], run["stderr"]
    assert rows(config, "SELECT count(*) FROM events WHERE kind = 'poll_recovered'") == [(1,)]


def test_sources_due_go_to_the_full_path(http_server: FixtureServer, feed: str, tmp_path: Path) -> None:
    page = http_server.serve(
        "/page.html", b"<html><body><p>nothing</p></body></html>", **{"Content-Type": "text/html"}
    )
    config = write_config(tmp_path, http_server, extra=f'\n[[sources]]\nkind = "page"\nurl = "{page}"\n')
    scrape(config, feed, tmp_path)
    run = scrape(config, feed, tmp_path)
    assert "scrapy" in run["heavy"]
    assert sum(1 for hit in http_server.hits if hit.path == "/page.html") == 2


def test_only_a_database_at_the_newest_schema_is_written(tmp_path: Path) -> None:
    assert head_revision() == HEAD  # the light path knows the schema the store migrates to
    path = tmp_path / "old.sqlite"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL)")
        conn.execute("INSERT INTO alembic_version VALUES ('0001')")
    assert LightStore.open(f"sqlite:///{path}") is None
    assert LightStore.open(f"sqlite:///{tmp_path / 'absent.sqlite'}") is None
    assert not (tmp_path / "absent.sqlite").exists()
    assert LightStore.open("postgresql+psycopg://postgres@127.0.0.1:5432/postgres") is None


@pytest.mark.parametrize("timezone", ["America/Toronto", "UTC", "Pacific/Kiritimati"])
def test_the_shipped_cron_expressions_are_valid_and_fire(timezone: str) -> None:
    """The config leaves them unchecked (no APScheduler import on a cron run): checked here."""
    from zoneinfo import ZoneInfo

    from apscheduler.triggers.cron import CronTrigger

    from eewatch.config import DEFAULT_CRON

    for expression in DEFAULT_CRON:
        trigger = CronTrigger.from_crontab(expression, timezone=ZoneInfo(timezone))
        assert trigger.get_next_fire_time(None, dt.datetime.now(ZoneInfo(timezone))) is not None
