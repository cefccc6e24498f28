"""Hostile world III, the wall clock: two years ahead during a failed delivery, an hour back under the daemon.

Each test failed on the code before the fix (docs/hostile.md, "Hostile world III: operations").
The clocks are injected: the outbox's (``FrozenClock``), and the wall clock APScheduler and the
daemon's clock watch read (the monotonic clock stays the real one).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import http.server
import json
from collections.abc import Iterator

import pytest

from eewatch.config import Config, NotificationSettings, Rule
from eewatch.domain.clock import FrozenClock
from eewatch.store.store import Store
from notifier import outbox
from notifier.deliver import deliver_due
from notifier.run import run_alerts
from tests.support.fetches import copy_fetch
from tests.support.http import FixtureServer
from tests.support.paths import FIXTURES

pytestmark = pytest.mark.hostile

T0 = dt.datetime(2026, 12, 5, 12, tzinfo=dt.UTC)
FEED = FIXTURES / "feed"


@pytest.fixture
def receiver() -> Iterator[FixtureServer]:
    """A webhook that answers 500 while ``receiver.failing`` is set, 200 after."""
    server = FixtureServer()
    server.failing = True  # type: ignore[attr-defined]

    def answer(request: http.server.BaseHTTPRequestHandler) -> None:
        status = 500 if server.failing else 200  # type: ignore[attr-defined]
        request.send_response(status)
        request.send_header("Content-Length", "2")
        request.end_headers()
        request.wfile.write(b"{}")

    server.handler = answer
    server.start()
    yield server
    server.stop()


def _without(number: str) -> bytes:
    doc = json.loads((FEED / "small.json").read_text())
    doc["rounds"] = [r for r in doc["rounds"] if r["drawNumber"] != number]
    return json.dumps(doc).encode()


def test_a_retry_written_under_a_clock_two_years_ahead_is_due_when_the_clock_comes_back(
    db_url: str, receiver: FixtureServer
) -> None:
    clock = FrozenClock(T0)
    rule = Rule(name="all", notify=(f"json://127.0.0.1:{receiver.port}/hook",))
    config = Config(
        alerts=(rule,),
        notifications=NotificationSettings(backoff_seconds=60, backoff_max_seconds=3600, max_attempts=5),
    )
    store = Store.open(db_url, clock)
    try:
        store.record_feed_fetch(copy_fetch(_without("305")))
        run_alerts(store, config, clock=clock)  # the baseline
        store.record_feed_fetch(copy_fetch((FEED / "small.json").read_bytes()))
        clock.now = T0 + dt.timedelta(days=730)  # the clock jumps two years ahead ...
        first = run_alerts(store, config, clock=clock)
        assert (first.sent, first.pending) == (0, 1)
        [row] = outbox.rows(store)
        assert row.next_attempt_at.year == 2028
        clock.now = T0 + dt.timedelta(minutes=5)  # ... and comes back
        receiver.failing = False  # type: ignore[attr-defined]
        again = deliver_due(store, config, clock)
        assert again.sent == 1, "the retry waits for 2028"
        [row] = outbox.rows(store)
        assert row.status == "sent"
    finally:
        store.close()
    assert len([hit for hit in receiver.hits if hit.method == "POST"]) == 2


def test_outbox_retry_makes_a_delivery_waiting_for_a_far_retry_due_now(
    db_url: str, receiver: FixtureServer
) -> None:
    clock = FrozenClock(T0)
    rule = Rule(name="all", notify=(f"json://127.0.0.1:{receiver.port}/hook",))
    config = Config(alerts=(rule,), notifications=NotificationSettings(backoff_seconds=3600))
    store = Store.open(db_url, clock)
    try:
        store.record_feed_fetch(copy_fetch(_without("305")))
        run_alerts(store, config, clock=clock)
        store.record_feed_fetch(copy_fetch((FEED / "small.json").read_bytes()))
        assert run_alerts(store, config, clock=clock).pending == 1  # next try in an hour
        # `eewatch outbox --retry`: failed ones with fresh attempts, waiting ones due now
        assert outbox.retry_failed(store, clock()) + outbox.make_due(store, clock()) == 1
        receiver.failing = False  # type: ignore[attr-defined]
        assert deliver_due(store, config, clock).sent == 1
    finally:
        store.close()


# -- the daemon's schedule ------------------------------------------------------------------


class SteppingWall:
    """The wall clock as APScheduler and the clock watch read it: the real one, plus a step."""

    offset = dt.timedelta(0)

    @classmethod
    def now(cls, tz: dt.tzinfo | None = None) -> dt.datetime:
        return dt.datetime.now(tz) + cls.offset


def _stepping_datetime() -> type[dt.datetime]:
    class SteppingDatetime(dt.datetime):
        @classmethod
        def now(cls, tz: dt.tzinfo | None = None) -> SteppingDatetime:  # type: ignore[override]
            moved = dt.datetime.now(tz) + SteppingWall.offset
            return cls.fromtimestamp(moved.timestamp(), tz)

    return SteppingDatetime


@pytest.mark.parametrize("schedule", ["interval", "cron"])
def test_polls_go_on_when_the_wall_clock_steps_back_an_hour(
    monkeypatch: pytest.MonkeyPatch, schedule: str
) -> None:
    """The real AsyncIOScheduler with the daemon's trigger and its clock watch, on a real event loop."""
    import apscheduler.executors.base
    import apscheduler.schedulers.base
    from apscheduler.schedulers.asyncio import AsyncIOScheduler

    from eewatch.app.daemon import clocksteps
    from eewatch.app.daemon.service import build_trigger
    from eewatch.config import ScheduleConfig

    stepping = _stepping_datetime()
    monkeypatch.setattr(apscheduler.schedulers.base, "datetime", stepping)
    monkeypatch.setattr(apscheduler.executors.base, "datetime", stepping)
    monkeypatch.setattr(SteppingWall, "offset", dt.timedelta(0))
    monkeypatch.setattr(clocksteps, "CHECK_EVERY", 0.2)
    if schedule == "interval":
        config = ScheduleConfig(every=1.0, jitter=0.0, timezone="UTC")
    else:
        config = ScheduleConfig(every=None, cron=("* * * * *",), jitter=0.0, timezone="UTC")

    async def scenario() -> tuple[int, int]:
        loop = asyncio.get_running_loop()
        polls: list[float] = []

        async def poll() -> None:
            polls.append(loop.time())

        scheduler = AsyncIOScheduler(event_loop=loop, timezone=dt.UTC, job_defaults={"coalesce": True})
        scheduler.add_job(poll, build_trigger(config), id="poll", next_run_time=stepping.now(dt.UTC))
        scheduler.start()
        keeper = clocksteps.ScheduleKeeper(
            scheduler, loop, clocksteps.ClockSteps(wall=lambda: SteppingWall.now(dt.UTC))
        )
        keeper.start()
        try:
            await _until(lambda: len(polls) >= 1, 15)
            before = len(polls)
            SteppingWall.offset -= dt.timedelta(hours=1)  # the clock steps back an hour
            if schedule == "interval":
                await _until(lambda: len(polls) >= before + 2, 15)
            else:
                # A cron schedule names wall-clock minutes: the next poll is the next minute of
                # the new time, not an hour and a minute away.
                await asyncio.sleep(1.0)
                job = scheduler.get_job("poll")
                wait = job.next_run_time - stepping.now(dt.UTC)
                assert wait <= dt.timedelta(minutes=1), f"the next poll is {wait} away"
                before = -1
            return before, len(polls)
        finally:
            keeper.stop()
            scheduler.shutdown(wait=False)

    before, after = asyncio.run(scenario())
    assert after > before


async def _until(check: object, timeout: float) -> None:
    deadline = asyncio.get_running_loop().time() + timeout
    while not check():  # type: ignore[operator]
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError(
                f"no poll within {timeout}s of the clock step (the schedule waits on the wall clock)"
            )
        await asyncio.sleep(0.05)


def test_the_clock_watch_tells_a_step_from_drift() -> None:
    from eewatch.app.daemon.clocksteps import ClockSteps

    wall = [T0]
    mono = [100.0]
    steps = ClockSteps(wall=lambda: wall[0], monotonic=lambda: mono[0], tolerance=2.0)
    mono[0] += 5
    wall[0] += dt.timedelta(seconds=5.5)  # drift being slewed
    assert steps.step() == 0.0
    mono[0] += 5
    wall[0] += dt.timedelta(seconds=5) - dt.timedelta(hours=1)
    assert steps.step() == pytest.approx(-3600)
    mono[0] += 5
    wall[0] += dt.timedelta(seconds=5)
    assert steps.step() == 0.0
    wall[0] += dt.timedelta(days=730)
    assert steps.step() == pytest.approx(730 * 86400)
