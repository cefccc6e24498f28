"""The outbox: each event enqueued once, baseline silence, backoff on the injected clock."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any

import pytest
from apprise.decorators import notify as apprise_notify
from sqlalchemy import func, select

from eewatch.config import Config, NotificationSettings, Rule
from eewatch.domain.clock import FrozenClock
from eewatch.domain.fetches import CHANGED, FeedFetch, FeedParse
from eewatch.domain.record import Round
from eewatch.store.schema import alert_outbox
from eewatch.store.store import Store
from notifier import outbox
from notifier.deliver import deliver_due
from notifier.run import run_alerts

T0 = dt.datetime(2026, 11, 25, 12, tzinfo=dt.UTC)

#: What the ``obtest://`` scheme received, and whether it should fail.
RECEIVED: list[dict[str, Any]] = []
FAIL: list[bool] = [False]


@apprise_notify(on="obtest", name="outbox test capture")
def _capture(
    body: str, title: str, notify_type: str, meta: dict[str, Any], *args: Any, **kwargs: Any
) -> bool:
    if FAIL[0]:
        return False
    RECEIVED.append({"url": meta.get("url"), "title": title, "body": body})
    return True


@pytest.fixture(autouse=True)
def _reset() -> None:
    RECEIVED.clear()
    FAIL[0] = False


def round_(number: int, **kw: Any) -> Round:
    base = Round(
        id=str(number),
        number=number,
        date=dt.date(2024, 1, 1) + dt.timedelta(days=number),
        round_type="category",
        programs=("CEC", "FSW", "FST"),
        category="stem",
        name="STEM occupations (Version 1)",
        invitations=1000 + number,
        crs_min=480,
    )
    return replace(base, **kw)


def store_rounds(store: Store, *rounds: Round) -> None:
    digest = "x".join(r.id for r in rounds)
    store.record_feed_fetch(
        FeedFetch(
            url="https://example/feed.json",
            outcome=CHANGED,
            parsed=FeedParse(rounds=rounds),
            body_sha256=digest,
        )
    )


def settings(*rules: Rule, **notifications: Any) -> Config:
    rules = rules or (Rule(name="all", notify=("obtest://all",)),)
    return Config(alerts=rules, notifications=NotificationSettings(**notifications))


@pytest.fixture
def clock() -> FrozenClock:
    return FrozenClock(T0)


@pytest.fixture
def store(db_url: str, clock: FrozenClock) -> Store:
    store = Store.open(db_url, clock)
    yield store
    store.close()


def test_first_run_is_baseline_and_sends_nothing(store: Store, clock: FrozenClock) -> None:
    store_rounds(store, round_(1), round_(2), round_(3))
    report = run_alerts(store, settings(), clock=clock)
    assert (report.events, report.enqueued, report.sent) == (3, 0, 0)
    assert report.outcomes == {"baseline": 3}
    assert RECEIVED == []


def test_new_round_after_baseline_is_sent_once(store: Store, clock: FrozenClock) -> None:
    store_rounds(store, round_(1))
    run_alerts(store, settings(), clock=clock)
    store_rounds(store, round_(1), round_(2))
    report = run_alerts(store, settings(), clock=clock)
    assert (report.enqueued, report.sent, report.failed, report.pending) == (1, 1, 0, 0)
    assert [r["title"] for r in RECEIVED] == [
        "Express Entry round #2: STEM occupations, 1,002 invitations, CRS 480"
    ]
    # Running again enqueues and sends nothing more.
    again = run_alerts(store, settings(), clock=clock)
    assert (again.events, again.enqueued, again.sent) == (0, 0, 0)
    assert len(RECEIVED) == 1
    assert [(r.rule, r.status) for r in report.results] == [("all", "sent")]


def test_change_against_previous_round_is_frozen_at_enqueue(store: Store, clock: FrozenClock) -> None:
    store_rounds(store, round_(1, crs_min=470))
    run_alerts(store, settings(), clock=clock)
    store_rounds(store, round_(1, crs_min=470), round_(2, crs_min=490))
    run_alerts(store, settings(), clock=clock, send=True)
    assert "CRS up 20 (470 -> 490)" in RECEIVED[0]["body"]


def test_no_notify_marks_handled_without_rows(store: Store, clock: FrozenClock) -> None:
    store_rounds(store, round_(1))
    run_alerts(store, settings(), clock=clock)
    store_rounds(store, round_(1), round_(2))
    report = run_alerts(store, settings(), clock=clock, send=False)
    assert report.outcomes == {"suppressed": 1} and report.enqueued == 0
    assert run_alerts(store, settings(), clock=clock).enqueued == 0
    assert RECEIVED == []


def test_backfill_sends_the_newest_n_baseline_rounds(store: Store, clock: FrozenClock) -> None:
    store_rounds(store, round_(1), round_(5), round_(3), round_(4), round_(2))
    report = run_alerts(store, settings(), clock=clock, backfill=2)
    assert report.sent == 2
    assert sorted(r["title"].split(":")[0] for r in RECEIVED) == [
        "Express Entry round #4",
        "Express Entry round #5",
    ]


def test_one_row_per_event_rule_and_target(store: Store, clock: FrozenClock) -> None:
    rules = (
        Rule(name="a", notify=("obtest://one", "obtest://two", "obtest://one")),
        Rule(name="b", notify=("obtest://one",)),
        Rule(name="never", notify=("obtest://one",), categories=("french",)),
    )
    store_rounds(store, round_(1))
    run_alerts(store, settings(*rules), clock=clock)
    store_rounds(store, round_(1), round_(2))
    report = run_alerts(store, settings(*rules), clock=clock)
    assert report.enqueued == 3 and report.sent == 3
    assert sorted(r["url"] for r in RECEIVED) == ["obtest://one", "obtest://one", "obtest://two"]
    with store.engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(alert_outbox)).scalar_one() == 3


def test_failures_back_off_exponentially_then_fail_for_good(store: Store, clock: FrozenClock) -> None:
    config = settings(max_attempts=3, backoff_seconds=60)
    store_rounds(store, round_(1))
    run_alerts(store, config, clock=clock)
    store_rounds(store, round_(1), round_(2))
    FAIL[0] = True
    first = run_alerts(store, config, clock=clock)
    assert (first.sent, first.failed, first.pending) == (0, 0, 1)
    [row] = outbox.rows(store)
    assert (row.status, row.attempts, row.next_attempt_at) == ("pending", 1, T0 + dt.timedelta(seconds=60))
    assert "FAILURE" in (row.last_error or "")

    clock.advance(seconds=59)
    assert deliver_due(store, config, clock).results == []  # not due yet
    clock.advance(seconds=1)
    deliver_due(store, config, clock)
    [row] = outbox.rows(store)
    assert (row.attempts, row.next_attempt_at) == (2, clock() + dt.timedelta(seconds=120))

    clock.advance(seconds=120)
    report = deliver_due(store, config, clock)
    assert report.failed == 1
    [row] = outbox.rows(store)
    assert (row.status, row.attempts) == ("failed", 3)
    clock.advance(days=30)
    assert deliver_due(store, config, clock).results == []  # never retried by itself

    FAIL[0] = False
    assert outbox.retry_failed(store, clock()) == 1
    assert deliver_due(store, config, clock).sent == 1
    assert len(RECEIVED) == 1


def test_backoff_is_capped(store: Store) -> None:
    notifications = NotificationSettings(backoff_seconds=60, backoff_max_seconds=600)
    assert [outbox.backoff(n, notifications).total_seconds() for n in range(1, 7)] == [
        60,
        120,
        240,
        480,
        600,
        600,
    ]


def test_a_row_left_sending_by_a_crash_is_due_after_the_timeout(store: Store, clock: FrozenClock) -> None:
    config = settings(sending_timeout_seconds=300)
    store_rounds(store, round_(1))
    run_alerts(store, config, clock=clock)
    store_rounds(store, round_(1), round_(2))
    outbox.enqueue(store, config, clock())
    [claimed] = outbox.claim(store, clock(), config.notifications)  # ... and the process dies here
    assert claimed.status == "sending" and claimed.attempts == 1
    assert outbox.claim(store, clock(), config.notifications) == []  # nobody else takes it meanwhile
    clock.advance(seconds=299)
    assert deliver_due(store, config, clock).results == []
    clock.advance(seconds=1)
    assert deliver_due(store, config, clock).sent == 1
    assert len(RECEIVED) == 1


def test_a_removed_target_fails_with_a_clear_reason(store: Store, clock: FrozenClock) -> None:
    store_rounds(store, round_(1))
    run_alerts(store, settings(), clock=clock)
    store_rounds(store, round_(1), round_(2))
    run_alerts(store, settings(), clock=clock, send=True, backfill=0)
    store_rounds(store, round_(1), round_(2), round_(3))
    outbox.enqueue(store, settings(), clock())
    changed = settings(Rule(name="all", notify=("obtest://elsewhere",)), max_attempts=1)
    report = deliver_due(store, changed, clock)
    assert report.failed == 1
    assert "no longer has this target" in (report.results[0].error or "")


def test_unloadable_url_and_missing_variable_are_failures(store: Store, clock: FrozenClock) -> None:
    rules = (
        Rule(name="var", notify=("json://127.0.0.1:9/${EEWATCH_TEST_UNSET_TOKEN}",)),
        Rule(name="bad", notify=("json://",)),
    )
    store_rounds(store, round_(1))
    run_alerts(store, settings(*rules), clock=clock)
    store_rounds(store, round_(1), round_(2))
    report = run_alerts(store, settings(*rules), clock=clock, env={})
    errors = {r.rule: r.error for r in report.results}
    assert errors["var"] == "environment variable EEWATCH_TEST_UNSET_TOKEN is not set"
    assert errors["bad"] == "Apprise cannot load this URL"
    assert report.sent == 0 and report.pending == 2


def test_the_outbox_lists_targets_for_people_even_rows_stored_before(
    store: Store, clock: FrozenClock, db_url: str, empty_config: Any
) -> None:
    """``eewatch outbox``: the target as ``json://host:port/path`` (no user, password or Apprise's
    ``?overflow=upstream&retry=0...``), and the error without the URL repeated in it; a row an
    earlier version stored with the privacy URL as its label is shown the same way."""
    import socket

    from sqlalchemy import update

    from tests.support.cli import cli

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]  # nothing listens there once closed
    config = settings(Rule(name="all", notify=(f"json://bob:hunter22@127.0.0.1:{port}/hook",)))
    store_rounds(store, round_(1))
    run_alerts(store, config, clock=clock)
    store_rounds(store, round_(1), round_(2))
    store_rounds(store, round_(1), round_(2), round_(3))
    assert run_alerts(store, config, clock=clock).pending == 2
    first, _second = outbox.rows(store)
    legacy = f"json://bob:****@127.0.0.1:{port}/hook?method=POST&overflow=upstream&retry=0&wait=0.5"
    with store.engine.begin() as conn:
        conn.execute(update(alert_outbox).where(alert_outbox.c.id == first.id).values(target_label=legacy))
    listing = cli("outbox", "--config", str(empty_config), env={"EEWATCH_DATABASE_URL": db_url})
    assert listing.returncode == 0, listing.stderr
    rows = [line for line in listing.stdout.splitlines() if line.startswith("#")]
    assert len(rows) == 2
    assert all(line.endswith(f"rule=all  json://127.0.0.1:{port}/hook") for line in rows), rows
    errors = [line for line in listing.stdout.splitlines() if "last error:" in line]
    assert len(errors) == 2 and not any("json://" in line for line in errors), errors
    assert (
        "overflow" not in listing.stdout and "hunter22" not in listing.stdout and "bob" not in listing.stdout
    )


OPS: list[str] = []


@apprise_notify(on="obops", name="outbox test ops capture")
def _capture_ops(body: str, title: str, *args: Any, **kwargs: Any) -> bool:
    OPS.append(title)
    return True


def test_a_target_that_fails_for_good_is_told_once_through_the_others(
    store: Store, clock: FrozenClock
) -> None:
    OPS.clear()
    ops = Rule(name="ops", notify=("obops://ops", "obtest://all"), events=("delivery_failing",))
    config = settings(Rule(name="all", notify=("obtest://all",)), ops, max_attempts=1)
    store_rounds(store, round_(1))
    run_alerts(store, config, clock=clock)  # the baseline
    FAIL[0] = True
    store_rounds(store, round_(1), round_(2))
    assert run_alerts(store, config, clock=clock).failed == 1  # failed for good: one ops event
    run_alerts(store, config, clock=clock)  # ... told through the ops target, not the failing one
    assert len(OPS) == 1 and "alerts to obtest" in OPS[0] and "are failing" in OPS[0], OPS
    store_rounds(store, round_(1), round_(2), round_(3))
    run_alerts(store, config, clock=clock)
    run_alerts(store, config, clock=clock)
    assert len(OPS) == 1, "the same outage was told twice"
    FAIL[0] = False
    outbox.retry_failed(store, clock())
    assert deliver_due(store, config, clock).sent >= 1  # the target works again
    FAIL[0] = True
    clock.advance(minutes=5)
    store_rounds(store, round_(1), round_(2), round_(3), round_(4))
    run_alerts(store, config, clock=clock)
    run_alerts(store, config, clock=clock)
    assert len(OPS) == 2, "a new outage after a success is told again"
