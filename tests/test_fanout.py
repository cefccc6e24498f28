"""Fan-out: one pass delivers every due row, in claimed batches, concurrently but bounded per host."""

from __future__ import annotations

import datetime as dt
import http.server
import threading
import time
from pathlib import Path

import pytest

from eewatch.config import Config, NotificationSettings, Rule
from eewatch.domain.clock import FrozenClock
from eewatch.store.store import Store
from notifier import deliver, outbox
from tests.support.http import FixtureServer
from tests.support.queued import queue_one_new_round

T0 = dt.datetime(2026, 11, 25, 12, tzinfo=dt.UTC)


def _queue(tmp_path: Path, targets: list[str], clock: FrozenClock) -> tuple[Store, Config]:
    """One new round (after a baseline) for one rule with ``targets``: one outbox row per target."""
    config = Config(alerts=(Rule(name="all", notify=tuple(targets)),), notifications=NotificationSettings())
    store = Store.open(f"sqlite:///{tmp_path / 'fanout.sqlite'}", clock)
    queue_one_new_round(store, config, clock())
    return store, config


def test_one_pass_delivers_every_due_row_across_batches(
    http_server: FixtureServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(deliver, "CLAIM_BATCH", 7)  # 60 rows: 9 claims
    clock = FrozenClock(T0)
    paths = [f"/t{i}" for i in range(60)]
    store, config = _queue(tmp_path, [f"json://127.0.0.1:{http_server.port}{p}" for p in paths], clock)
    report = deliver.deliver_due(store, config, clock)
    assert report.sent == 60 and report.failed == report.retrying == 0
    assert sorted(hit.path for hit in http_server.hits) == sorted(paths)
    assert {row.status for row in outbox.rows(store)} == {"sent"}
    assert deliver.deliver_due(store, config, clock).results == []
    store.close()


def test_sends_run_concurrently_and_at_most_per_host_at_once(
    http_server: FixtureServer, tmp_path: Path
) -> None:
    lock = threading.Lock()
    now = {"open": 0, "most": 0}

    def slow(handler: http.server.BaseHTTPRequestHandler) -> None:
        with lock:
            now["open"] += 1
            now["most"] = max(now["most"], now["open"])
        time.sleep(0.2)
        with lock:
            now["open"] -= 1
        handler.send_response(200)
        handler.send_header("Content-Length", "2")
        handler.end_headers()
        handler.wfile.write(b"{}")

    http_server.handler = slow
    clock = FrozenClock(T0)
    targets = [f"json://127.0.0.1:{http_server.port}/t{i}" for i in range(3 * deliver.PER_HOST)]
    store, config = _queue(tmp_path, targets, clock)
    assert deliver.deliver_due(store, config, clock).sent == len(targets)
    assert len(http_server.hits) == len(targets)
    assert 1 < now["most"] <= deliver.PER_HOST
    store.close()


def test_a_target_gone_from_the_config_fails_its_row_only(http_server: FixtureServer, tmp_path: Path) -> None:
    clock = FrozenClock(T0)
    kept, gone = (f"json://127.0.0.1:{http_server.port}/{p}" for p in ("kept", "gone"))
    store, config = _queue(tmp_path, [kept, gone], clock)
    shorter = Config(alerts=(Rule(name="all", notify=(kept,)),), notifications=config.notifications)
    report = deliver.deliver_due(store, shorter, clock)
    assert report.sent == 1 and report.retrying == 1
    [failed] = [r for r in report.results if r.status != "sent"]
    assert failed.error == "rule 'all' no longer has this target in the config"
    store.close()
