"""Hostile world II: facts that stay wrong. Each scenario failed on the code before it.

A correction back to an earlier value is stored and alerted; two records with
one id keep neither; a date in year 9999 never becomes "the latest round".
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from eewatch.app.health import load_state
from eewatch.domain.clock import FrozenClock
from eewatch.domain.fetches import FeedFetch
from eewatch.store.store import Store
from tests.support.fetches import copy_fetch

pytestmark = pytest.mark.hostile

FEED = Path(__file__).parent / "fixtures" / "feed"
NOW = dt.datetime(2024, 7, 9, 12, 0, tzinfo=dt.UTC)


@pytest.fixture
def clock() -> FrozenClock:
    return FrozenClock(NOW)


@pytest.fixture
def store(db_url: str, clock: FrozenClock) -> Iterator[Store]:
    s = Store.open(db_url, clock)
    yield s
    s.close()


def copy(
    edit: dict[str, dict[str, str]] | None = None, extra: list[dict[str, str]] | None = None
) -> FeedFetch:
    """small.json with some records' fields changed (by drawNumber) and records added before them."""
    doc = json.loads((FEED / "small.json").read_text())
    for record in doc["rounds"]:
        record.update((edit or {}).get(record["drawNumber"], {}))
    doc["rounds"] = [*(extra or []), *doc["rounds"]]
    return copy_fetch(json.dumps(doc).encode())


def crs_of(store: Store, round_id: str) -> int | None:
    return next(r.crs_min for r in store.rounds() if r.id == round_id)


def test_a_typo_corrected_back_to_the_first_value_is_stored_and_alerted(
    store: Store, clock: FrozenClock
) -> None:
    store.record_feed_fetch(copy())
    first = crs_of(store, "305")
    clock.advance(hours=1)
    typo = store.record_feed_fetch(copy({"305": {"drawCRS": "283"}}))
    assert typo.amended == ["305"] and crs_of(store, "305") == 283
    clock.advance(hours=1)
    fixed = store.record_feed_fetch(copy())
    assert fixed.amended == ["305"], "the correction back was taken for a stale copy"
    assert crs_of(store, "305") == first
    changes = [e["payload"]["changes"]["crs_min"] for e in store.events("round_amended")]
    assert changes == [[first, 283], [283, first]]


def test_two_records_with_one_id_keep_neither_and_the_stored_one_stands(
    store: Store, clock: FrozenClock
) -> None:
    store.record_feed_fetch(copy())
    first = crs_of(store, "305")
    doc = json.loads((FEED / "small.json").read_text())
    impostor = {
        **next(r for r in doc["rounds"] if r["drawNumber"] == "305"),
        "drawNumber": "0305",
        "drawCRS": "100",
    }
    clock.advance(hours=1)
    summary = store.record_feed_fetch(copy(extra=[impostor]))
    assert summary.amended == [] and summary.stale == []
    assert crs_of(store, "305") == first
    clock.advance(hours=1)
    store.record_feed_fetch(copy())  # a clean copy: still the first value, nothing to restore
    assert crs_of(store, "305") == first
    assert store.events("round_amended") == []


def test_a_round_dated_9999_is_kept_with_a_warning_and_never_the_latest(store: Store) -> None:
    doc = json.loads((FEED / "small.json").read_text())
    far = {
        **doc["rounds"][0],
        "drawNumber": "900",
        "drawDate": "9999-01-01",
        "drawDateFull": "January 1, 9999",
    }
    summary = store.record_feed_fetch(copy(extra=[far]))
    assert any("round 900: date 9999-01-01 is not a possible round date" in w for w in summary.warnings)
    assert [r.date.year for r in store.rounds() if r.id == "900"] == [9999]  # stored as published
    with store.engine.connect() as conn:
        latest = load_state(conn, NOW.date()).latest_round_date
    assert latest is not None and latest.year < 9999
    newest_real = max(r.date for r in store.rounds() if r.id != "900")
    assert latest == newest_real
