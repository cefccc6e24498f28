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
from tests.support.paths import FIXTURES

_CHILD = """
import contextlib, io, json, sys
from eewatch.app.cli import main
out = io.StringIO()
with contextlib.redirect_stdout(out):
    code = main(sys.argv[1:])
roots = sorted({m.split('.')[0] for m in sys.modules})
sys.stdout.write(json.dumps({"code": code, "out": out.getvalue(), "roots": roots}))
"""


def command(*argv: str, tmp_path: Path) -> dict[str, Any]:
    """``eewatch ARGV`` in a child: its exit code, what it printed, the top-level packages it imported."""
    env = {"XDG_CACHE_HOME": str(tmp_path / "cache")}
    done = run_python("-c", _CHILD, *argv, env=env)
    assert done.stdout, done.stderr
    found: dict[str, Any] = json.loads(done.stdout)
    return found


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
