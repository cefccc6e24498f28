"""The daemon as a real process: polls on schedule, health alerts, SIGTERM, one per database."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from eewatch.app import exitcodes
from tests.support.daemon import query, scalar, start_daemon, stop, wait_for
from tests.support.http import FixtureServer
from tests.support.paths import FIXTURES

pytestmark = pytest.mark.slow

POLL_EVERY = 1.0


def small_without(*ids: str) -> bytes:
    doc = json.loads((FIXTURES / "feed" / "small.json").read_text())
    doc["rounds"] = [r for r in doc["rounds"] if r["drawNumber"] not in ids]
    return json.dumps(doc).encode()


def write_config(tmp_path: Path, url: str, receiver: str | None = None) -> tuple[Path, Path]:
    db = tmp_path / "daemon.sqlite"
    config = tmp_path / "config.toml"
    text = (
        f'[feed]\nurl = "{url}"\nretries = 0\ntimeout = 5\n'
        f'[database]\nurl = "sqlite:///{db}"\n'
        f'[schedule]\nevery = "{POLL_EVERY}s"\njitter = 0\nretry_every = "1s"\n'
        "[health]\nfailures_before_alert = 2\n"
    )
    text += f'[report]\nout = "{tmp_path / "site"}"\n'
    if receiver:
        text += (
            '[[alerts]]\nname = "all"\n'
            'events = ["new_round", "round_amended", "poll_failing", "poll_recovered"]\n'
            f'notify = ["{receiver}"]\n'
        )
    config.write_text(text)
    return config, db


def alerts_received(receiver: FixtureServer) -> list[dict]:
    return [json.loads(hit.body) for hit in receiver.hits if hit.method == "POST"]


def test_daemon_alerts_a_new_round_then_failures_and_recovery(
    http_server: FixtureServer, tmp_path: Path
) -> None:
    receiver = FixtureServer().start()
    url = http_server.serve("/feed.json", small_without("305"))
    config, db = write_config(tmp_path, url, receiver=f"json://127.0.0.1:{receiver.port}/alerts")
    log = tmp_path / "daemon.log"
    daemon = start_daemon(config, log)
    try:
        wait_for(lambda: scalar(db, "SELECT count(*) FROM rounds") == 7, 30, "the baseline to be stored")
        polls_before = len(http_server.hits)
        wait_for(lambda: len(http_server.hits) >= polls_before + 2, 30, "two more polls")
        assert query(db, "SELECT DISTINCT outcome FROM heartbeats WHERE id > 1") == [("not_modified",)]
        assert alerts_received(receiver) == [], "the baseline must not alert"

        # How soon the alert comes is measured in bench/ (latency); here: that it comes, once.
        http_server.serve("/feed.json", (FIXTURES / "feed" / "small.json").read_bytes())
        wait_for(lambda: alerts_received(receiver), 30, "the alert of the new round")
        [alert] = alerts_received(receiver)
        assert "#305" in alert["title"] and "CRS 420" in alert["title"]
        site = tmp_path / "site" / "rounds.json"
        wait_for(
            lambda: site.exists() and "305" in [r["id"] for r in json.loads(site.read_text())],
            30,
            "the report rebuilt with round 305",
        )

        http_server.serve("/feed.json", b"<html>down for maintenance</html>", status=503)
        wait_for(lambda: query(db, "SELECT 1 FROM events WHERE kind='poll_failing'"), 30, "poll_failing")
        time.sleep(3 * POLL_EVERY)  # more failures must not repeat the alert
        http_server.serve("/feed.json", (FIXTURES / "feed" / "small.json").read_bytes())
        wait_for(lambda: query(db, "SELECT 1 FROM events WHERE kind='poll_recovered'"), 30, "poll_recovered")
        wait_for(lambda: len(alerts_received(receiver)) >= 3, 30, "the recovered alert")
        time.sleep(2 * POLL_EVERY)
        kinds = [k for (k,) in query(db, "SELECT kind FROM events WHERE kind LIKE 'poll_%' ORDER BY id")]
        assert kinds == ["poll_failing", "poll_recovered"]
        assert len(alerts_received(receiver)) == 3  # the round, failing, recovered: no storm, no repeats
        failures = scalar(db, "SELECT count(*) FROM heartbeats WHERE outcome='error'")
        assert failures >= 4
    finally:
        code = stop(daemon)  # fails the test if SIGTERM does not end the daemon (a hang)
        receiver.stop()
    assert code == 0, log.read_text()[-3000:]
    text = log.read_text()
    assert "poll feed: changed http=200" in text and "new=1" in text
    assert "Traceback" not in text, text[-3000:]
    assert query(db, "PRAGMA integrity_check") == [("ok",)]


def test_a_second_daemon_on_the_same_database_refuses(http_server: FixtureServer, tmp_path: Path) -> None:
    url = http_server.serve("/feed.json", small_without())
    config, db = write_config(tmp_path, url)
    first = start_daemon(config, tmp_path / "first.log")
    try:
        wait_for(
            lambda: (scalar(db, "SELECT count(*) FROM heartbeats") or 0) >= 1, 30, "the first daemon's poll"
        )
        second = start_daemon(config, tmp_path / "second.log")
        assert second.wait(30) == exitcodes.LOCKED
        assert "another eewatch daemon" in (tmp_path / "second.log").read_text()
    finally:
        assert stop(first) == 0


def test_sigterm_during_a_slow_poll_exits_cleanly(http_server: FixtureServer, tmp_path: Path) -> None:
    def slow(handler) -> None:  # a server that never answers within the test
        time.sleep(20)

    url = http_server.url("/feed.json")
    config, db = write_config(tmp_path, url)
    log = tmp_path / "slow.log"
    http_server.handler = slow
    daemon = start_daemon(config, log)
    wait_for(lambda: http_server.hits, 30, "the first request")
    code = stop(daemon)  # fails the test if SIGTERM does not end the daemon (a hang)
    assert code == 0, log.read_text()[-2000:]
    assert query(db, "SELECT count(*) FROM rounds") == [(0,)]
    assert query(db, "PRAGMA integrity_check") == [("ok",)]


def test_the_daemon_reads_the_sources_on_their_own_schedule(
    http_server: FixtureServer, tmp_path: Path
) -> None:
    """[[sources]] are not only scrape --once's: the daemon reads them too (at start, then hourly)."""
    url = http_server.serve("/feed.json", small_without("305"))
    page = http_server.serve(
        "/invitations-254.html", (FIXTURES / "pages" / "invitations-254-stem.html").read_bytes()
    )
    config, db = write_config(tmp_path, url)
    config.write_text(config.read_text() + f'\n[[sources]]\nkind = "page"\nurl = "{page}"\n')
    daemon = start_daemon(config, tmp_path / "daemon.log")
    try:
        wait_for(
            lambda: scalar(db, "SELECT count(*) FROM fetches WHERE source = 'page'"),
            30,
            "the page to be read",
        )
        assert scalar(db, "SELECT count(*) FROM source_observations WHERE round_id = '254'") >= 1
        log = tmp_path / "daemon.log"
        wait_for(lambda: "poll page: changed" in log.read_text(), 30, "the page's log line")
        # The start line says the effective schedule and when the next poll is.
        assert "schedule every 1s (America/Toronto, jitter up to 0s), next poll 20" in log.read_text()
    finally:
        assert stop(daemon) == exitcodes.OK
