"""What the reading commands import: each process pays only for what it uses.

``eewatch status`` reads the outbox's counts from the store; it does not import the
notifier (nor Apprise) to do so. Each run is a real child process; what it imported is
read from its ``sys.modules``.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from pathlib import Path
from typing import Any

from eewatch.app import exitcodes
from eewatch.store.light import stamp
from eewatch.store.reads import UNDELIVERED
from notifier import outbox
from tests.support.cli import run_python
from tests.support.http import FixtureServer
from tests.support.paths import FIXTURES

_CHILD = """
import contextlib, io, json, sys
from eewatch.app.cli import main
out = io.StringIO()
with contextlib.redirect_stdout(out):
    code = main(sys.argv[1:])
roots = sorted({m.split('.')[0] for m in sys.modules})
found = {"code": code, "out": out.getvalue(), "roots": roots, "modules": sorted(sys.modules)}
sys.stdout.write(json.dumps(found))
"""


def command(*argv: str, tmp_path: Path) -> dict[str, Any]:
    """``eewatch ARGV`` in a child: its exit code, what it printed, the top-level packages it imported."""
    env = {"XDG_CACHE_HOME": str(tmp_path / "cache")}
    done = run_python("-c", _CHILD, *argv, env=env)
    assert done.stdout, done.stderr
    found: dict[str, Any] = json.loads(done.stdout)
    return found


def test_an_unchanged_feed_costs_no_urllib_opener_no_shutil_no_hashlib(
    http_server: FixtureServer, tmp_path: Path
) -> None:
    """The cron check's GET is one ``http.client`` request; the help width is read without ``shutil``."""
    feed = http_server.serve("/feed.json", (FIXTURES / "feed" / "small.json").read_bytes())
    config = tmp_path / "config.toml"
    database = tmp_path / "e.sqlite"
    config.write_text(f'[database]\nurl = "sqlite:///{database}"\n', encoding="utf-8")
    for _ in range(2):  # the baseline (the full path), then the unchanged feed
        seen = command("scrape", "--once", "--feed", feed, "--config", str(config), tmp_path=tmp_path)
        assert seen["code"] == exitcodes.OK
    assert "sqlalchemy" not in seen["roots"]  # the check settled it
    assert not {"urllib.request", "shutil", "hashlib", "pkgutil"} & set(seen["modules"])
    assert http_server.hits[-1].headers["If-None-Match"]


def test_help_is_as_wide_as_columns_says() -> None:
    """Below the usage (whose option groups argparse never breaks), the help fills $COLUMNS."""
    for columns in (50, 120):
        done = run_python("-m", "eewatch", "rounds", "--help", env={"COLUMNS": str(columns)})
        body = done.stdout.split("\n\n", 1)[1]
        widest = max(len(line) for line in body.splitlines())
        assert columns - 15 <= widest <= columns, (columns, widest)


def test_the_store_reads_undelivered_rows_as_the_notifier_names_them() -> None:
    assert UNDELIVERED == (outbox.PENDING, outbox.SENDING)


def test_status_reads_the_outbox_without_importing_the_notifier(tmp_path: Path) -> None:
    database = tmp_path / "eewatch.sqlite"
    config = tmp_path / "config.toml"
    config.write_text(f'[database]\nurl = "sqlite:///{database}"\n', encoding="utf-8")
    feed = FIXTURES / "feed" / "small.json"
    stored = command("scrape", "--once", "--feed", str(feed), "--config", str(config), tmp_path=tmp_path)
    assert stored["code"] == exitcodes.OK
    queued = dt.datetime.now(dt.UTC) - dt.timedelta(minutes=3)
    with sqlite3.connect(database) as conn:
        event = conn.execute(
            "INSERT INTO events (kind, created_at, baseline, payload) VALUES ('new_round', ?, 0, '{}')",
            (stamp(queued),),
        ).lastrowid
        for status in ("pending", "pending", "sending", "failed", "sent"):
            conn.execute(
                "INSERT INTO alert_outbox (event_id, rule, target_key, target_label, kind, title, body_text, "
                "body_markdown, body_html, status, attempts, created_at, next_attempt_at) "
                "VALUES (?, 'r', ?, 'json://x', 'new_round', 't', 'b', 'b', 'b', ?, 0, ?, ?)",
                (event, f"k{conn.total_changes}", status, stamp(queued), stamp(queued)),
            )
    seen = command("status", "--format", "json", "--config", str(config), tmp_path=tmp_path)
    assert "notifier" not in seen["roots"] and "apprise" not in seen["roots"], seen["roots"]
    status = json.loads(seen["out"])
    assert status["deliveries"] == {"pending": 2, "sending": 1, "failed": 1, "sent": 1}
    assert status["oldest_undelivered"].startswith(stamp(queued)[:16].replace(" ", "T"))
    assert "1 alert deliveries failed" in status["problems"]
    assert seen["code"] == exitcodes.UNHEALTHY
