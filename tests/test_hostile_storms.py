"""Hostile world II, storms: a mass amendment is one alert per rule and copy; one source error per outage."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from eewatch.config import Config, NotificationSettings, Rule
from eewatch.domain.clock import FrozenClock
from eewatch.store.store import Store
from notifier import outbox
from scraper.fetch import feed_fetch_from_failure
from tests.support.fetches import copy_fetch

pytestmark = pytest.mark.hostile

FEED = Path(__file__).parent / "fixtures" / "feed"
NOW = dt.datetime(2024, 7, 9, 12, 0, tzinfo=dt.UTC)


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    s = Store.open(db_url, FrozenClock(NOW))
    yield s
    s.close()


def every_crs_plus(delta: int) -> bytes:
    doc = json.loads((FEED / "small.json").read_text())
    for record in doc["rounds"]:
        if record["drawCRS"].isdigit():
            record["drawCRS"] = str(int(record["drawCRS"]) + delta)
    return json.dumps(doc).encode()


def settings(threshold: int) -> Config:
    rules = (
        Rule(name="amended", notify=("json://127.0.0.1:9/a",), events=("round_amended",)),
        Rule(
            name="stem-only",
            notify=("json://127.0.0.1:9/s",),
            events=("round_amended",),
            categories=("stem",),
        ),
    )
    return Config(alerts=rules, notifications=NotificationSettings(mass_amendment_threshold=threshold))


def test_a_mass_amendment_is_one_summary_alert_per_rule(store: Store) -> None:
    store.record_feed_fetch(copy_fetch((FEED / "small.json").read_bytes()))
    outbox.enqueue(store, settings(3), NOW)  # the baseline: nothing to send
    summary = store.record_feed_fetch(copy_fetch(every_crs_plus(1)))
    amended = len(summary.amended)
    assert amended > 3
    outbox.enqueue(store, settings(3), NOW)
    rows = outbox.rows(store)
    by_rule = {row.rule: row for row in rows}
    assert [row.rule for row in rows].count("amended") == 1, "the storm was not collapsed"
    assert f"{amended} Express Entry rounds amended at once" in by_rule["amended"].message.title
    # A rule matching few of the amended rounds (at or below the threshold) gets one alert each.
    stem = [row for row in rows if row.rule == "stem-only"]
    assert all("at once" not in row.message.title for row in stem)


def test_below_the_threshold_each_amendment_is_its_own_alert(store: Store) -> None:
    store.record_feed_fetch(copy_fetch((FEED / "small.json").read_bytes()))
    outbox.enqueue(store, settings(100), NOW)
    summary = store.record_feed_fetch(copy_fetch(every_crs_plus(1)))
    outbox.enqueue(store, settings(100), NOW)
    assert [row.rule for row in outbox.rows(store)].count("amended") == len(summary.amended)


def test_a_source_error_is_one_alert_per_outage(store: Store) -> None:
    """Every failure stays a stored event (history); the alert goes out for the first of an outage."""
    url = "https://www.canada.ca/feed.json"
    rule = Rule(name="errors", notify=("json://127.0.0.1:9/e",), events=("source_error",))
    config = Config(alerts=(rule,))
    store.record_feed_fetch(copy_fetch((FEED / "small.json").read_bytes()))
    outbox.enqueue(store, config, NOW)
    for _ in range(12):  # an hour of failed polls at the default schedule
        store.record_feed_fetch(feed_fetch_from_failure(url, "HTTP 503 from the feed"))
    outbox.enqueue(store, config, NOW)
    assert len(store.events("source_error")) == 12
    assert len(outbox.rows(store)) == 1
    store.record_feed_fetch(copy_fetch((FEED / "small.json").read_bytes(), previous="x"))
    store.record_feed_fetch(feed_fetch_from_failure(url, "HTTP 503 from the feed"))
    outbox.enqueue(store, config, NOW)
    assert len(outbox.rows(store)) == 2  # a new outage
