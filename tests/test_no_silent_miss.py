"""No silent miss: an alert that did not go out is an exit code, a status line and an unhealthy status.

SMTP is down (a loopback port nobody listens on): ``scrape --once`` stores the
new round, keeps its alert pending for a retry, and exits 5; ``eewatch status``
shows the waiting alert and, past ``[health] undelivered_after``, exits 6.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eewatch.app import exitcodes
from tests.support.cli import cli, cli_process
from tests.support.feeds import FEED_PATH, numbered_feed
from tests.support.http import FixtureServer

pytestmark = pytest.mark.slow


def config(path: Path, feed_url: str, smtp_port: int, undelivered_after: str) -> None:
    target = f"mailto://127.0.0.1:{smtp_port}?from=ee@example.com&to=me@example.com"
    path.write_text(
        "\n".join(
            [
                "[feed]",
                f'url = "{feed_url}"',
                "retries = 0",
                "[notifications]",
                "timeout = 2",
                "[health]",
                f'undelivered_after = "{undelivered_after}"',
                "[[alerts]]",
                'name = "all"',
                f"notify = {json.dumps([target])}",
            ]
        )
        + "\n"
    )


def closed_port() -> int:
    server = FixtureServer()
    port = server.port
    server.httpd.server_close()
    return port


@pytest.mark.parametrize(("undelivered_after", "healthy"), [("1h", True), ("0s", False)])
def test_smtp_down_is_exit_5_and_status_shows_the_waiting_alert(
    tmp_path: Path, http_server: FixtureServer, undelivered_after: str, healthy: bool
) -> None:
    cfg = tmp_path / "config.toml"
    config(cfg, http_server.url(FEED_PATH), closed_port(), undelivered_after)
    env = {"EEWATCH_DATABASE_URL": f"sqlite:///{tmp_path / 'eewatch.sqlite'}"}
    http_server.serve(FEED_PATH, numbered_feed(3))
    baseline = cli_process("scrape", "--once", "--config", str(cfg), env=env)
    assert baseline.returncode == exitcodes.OK, baseline.stderr
    http_server.serve(FEED_PATH, numbered_feed(4))
    result = cli_process("scrape", "--once", "--config", str(cfg), env=env)
    assert result.returncode == exitcodes.DELIVERY, result.stderr  # pending a retry: not delivered
    status = cli("status", "--format", "json", "--config", str(cfg), env=env)
    data = json.loads(status.stdout)
    assert data["deliveries"].get("pending") == 1 and data["oldest_undelivered"] is not None
    if healthy:
        assert status.returncode == exitcodes.OK, status.stdout
    else:
        assert status.returncode == exitcodes.UNHEALTHY, status.stdout
        assert any("waited" in problem for problem in data["problems"]), data
