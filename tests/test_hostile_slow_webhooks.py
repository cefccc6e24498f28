"""Hostile world III, items 6 and 7: webhooks that answer slowly, or never finish answering.

``scrape --once`` (a real child) alerts the newest round of a first copy
(``--notify-backfill 1``) to a ``json://`` webhook on loopback that the test
makes slow. ``[notifications] timeout`` must govern the whole send: a slow
success within it is one POST and a sent row; an answer that never completes is
abandoned at the timeout, the run exits (5: the alert waits for a retry) and no
thread left sending keeps the process alive.
"""

from __future__ import annotations

import http.server
import sqlite3
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from eewatch.app import exitcodes
from tests.support.cli import cli_process
from tests.support.http import FixtureServer
from tests.support.paths import FIXTURES

pytestmark = pytest.mark.hostile

Record = Callable[[str, object], None]


def _run(tmp_path: Path, feed: FixtureServer, hook: FixtureServer, timeout: float, limit: float) -> int:
    url = feed.serve("/feed.json", (FIXTURES / "feed" / "small.json").read_bytes())
    config = tmp_path / "config.toml"
    config.write_text(
        f'[database]\nurl = "sqlite:///{tmp_path / "db.sqlite"}"\n\n'
        f"[notifications]\ntimeout = {timeout}\n\n"
        f'[[alerts]]\nname = "all"\nnotify = ["json://127.0.0.1:{hook.port}/hook"]\n',
        encoding="utf-8",
    )
    done = cli_process(
        "scrape", "--once", "--feed", url, "--notify-backfill", "1", "--config", str(config), timeout=limit
    )
    return done.returncode


def _posts(hook: FixtureServer) -> int:
    return sum(1 for hit in hook.hits if hit.method == "POST")


def _outbox(tmp_path: Path) -> list[tuple[str, int, str | None]]:
    with sqlite3.connect(tmp_path / "db.sqlite") as conn:
        return conn.execute("SELECT status, attempts, last_error FROM alert_outbox").fetchall()


@pytest.fixture
def hook() -> Iterator[FixtureServer]:
    server = FixtureServer().start()
    yield server
    server.stop()


def test_a_webhook_answering_after_six_seconds_gets_the_alert_once(
    http_server: FixtureServer, hook: FixtureServer, tmp_path: Path, record_property: Record
) -> None:
    """Apprise's own 4 s read timeout used to apply: the send failed, and was sent again on retry."""

    def slow_ok(handler: http.server.BaseHTTPRequestHandler) -> None:
        time.sleep(6)
        handler.send_response(200)
        handler.send_header("Content-Length", "2")
        handler.end_headers()
        handler.wfile.write(b"{}")

    hook.handler = slow_ok
    code = _run(tmp_path, http_server, hook, timeout=20, limit=120)
    record_property("hostile_alerts_duplicated", max(0, _posts(hook) - 1))
    record_property("hostile_alerts_lost", 0 if _outbox(tmp_path)[:1] == [("sent", 1, None)] else 1)
    assert code == exitcodes.OK
    assert _posts(hook) == 1
    assert _outbox(tmp_path) == [("sent", 1, None)]


def test_a_webhook_dripping_a_byte_a_second_is_abandoned_and_the_run_exits(
    http_server: FixtureServer, hook: FixtureServer, tmp_path: Path, record_property: Record
) -> None:
    """A send thread left blocked used to keep ``scrape --once`` alive for as long as the drip lasted."""

    def drip(handler: http.server.BaseHTTPRequestHandler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", "application/json")
        handler.send_header("Content-Length", "3600")
        handler.end_headers()
        for _ in range(3600):
            try:
                handler.wfile.write(b" ")
                handler.wfile.flush()
            except OSError:  # the client went away: it abandoned the send
                return
            time.sleep(1)

    hook.handler = drip
    # The drip lasts an hour; the run must end long before (the child is killed at 90 s otherwise).
    code = _run(tmp_path, http_server, hook, timeout=3, limit=90)
    [(status, attempts, error)] = _outbox(tmp_path)
    record_property("hostile_alerts_lost", 0 if status == "pending" else 1)
    assert code == exitcodes.DELIVERY
    assert (status, attempts) == ("pending", 1)  # a retry is due later: nothing lost
    assert error is not None and "abandoned" in error
    assert _posts(hook) == 1
