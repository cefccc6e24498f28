"""Crash windows, with a real child process killed by an injected hook.

Killed between the send and its record: the receiver gets the alert at most
twice and at least once. Killed after the claim but before the send: nothing
is lost, the alert arrives once.
"""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys

import pytest

from eewatch.config import Config, NotificationSettings, Rule
from eewatch.domain.clock import FrozenClock
from eewatch.store.store import Store
from notifier import outbox
from notifier.deliver import deliver_due
from notifier.run import run_alerts
from tests.support.http import FixtureServer
from tests.support.paths import ROOT
from tests.support.queued import queue_one_new_round

T0 = dt.datetime(2026, 11, 25, 12, tzinfo=dt.UTC)
TIMEOUT = 300

CHILD = """
import datetime as dt, os, sys
from eewatch.domain.clock import FrozenClock
from eewatch.store.store import Store
from eewatch.config import Config, NotificationSettings, Rule
from notifier.deliver import Hooks, deliver_due

db_url, target, now, where, TIMEOUT = *sys.argv[1:5], float(sys.argv[5])
clock = FrozenClock(dt.datetime.fromisoformat(now))
store = Store.open(db_url, clock)
settings = Config(alerts=(Rule(name="all", notify=(target,)),),
    notifications=NotificationSettings(sending_timeout_seconds=TIMEOUT),
)
die = lambda *_: os._exit(9)
hooks = Hooks(before_send=die) if where == "before_send" else Hooks(after_send=die)
deliver_due(store, settings, clock, hooks=hooks)
os._exit(0)  # not reached
"""


def _prepare(db_url: str, target: str, clock: FrozenClock) -> Config:
    settings = Config(
        alerts=(Rule(name="all", notify=(target,)),),
        notifications=NotificationSettings(sending_timeout_seconds=TIMEOUT),
    )
    store = Store.open(db_url, clock)
    queue_one_new_round(store, settings, clock())
    store.close()
    return settings


def _child(db_url: str, target: str, clock: FrozenClock, where: str) -> int:
    result = subprocess.run(
        [sys.executable, "-c", CHILD, db_url, target, clock().isoformat(), where, str(TIMEOUT)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 9, result.stderr
    return result.returncode


@pytest.mark.slow
@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_killed_between_send_and_record_duplicates_at_most_once(
    db_url: str, http_server: FixtureServer
) -> None:
    clock = FrozenClock(T0)
    target = f"json://127.0.0.1:{http_server.port}/alerts"
    settings = _prepare(db_url, target, clock)

    _child(db_url, target, clock, "after_send")
    assert len(http_server.hits) == 1  # sent, but the child died before recording it
    store = Store.open(db_url, clock)
    [row] = outbox.rows(store)
    assert (row.status, row.attempts) == ("sending", 1)

    assert deliver_due(store, settings, clock).results == []  # not yet: might still be in flight
    clock.advance(seconds=TIMEOUT)
    report = deliver_due(store, settings, clock)
    assert report.sent == 1
    assert 1 <= len(http_server.hits) <= 2
    assert len(http_server.hits) == 2  # the documented duplicate
    assert [json.loads(h.body)["title"] for h in http_server.hits] == [row.message.title] * 2
    [row] = outbox.rows(store)
    assert (row.status, row.attempts) == ("sent", 2)
    clock.advance(days=1)
    assert deliver_due(store, settings, clock).results == []
    assert len(http_server.hits) == 2
    store.close()


@pytest.mark.slow
@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_killed_before_the_send_loses_nothing(db_url: str, http_server: FixtureServer) -> None:
    clock = FrozenClock(T0)
    target = f"json://127.0.0.1:{http_server.port}/alerts"
    settings = _prepare(db_url, target, clock)

    _child(db_url, target, clock, "before_send")
    assert http_server.hits == []
    clock.advance(seconds=TIMEOUT)
    store = Store.open(db_url, clock)
    assert run_alerts(store, settings, clock=clock).sent == 1
    assert len(http_server.hits) == 1
    [row] = outbox.rows(store)
    assert row.status == "sent"
    store.close()
