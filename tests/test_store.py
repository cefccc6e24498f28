"""The store: append-only history, amendments, stale copies, one transaction per fetch."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from sqlalchemy import func, select

from eewatch.domain.clock import FrozenClock
from eewatch.domain.fetches import FeedFetch
from eewatch.store import schema
from eewatch.store.store import Store
from scraper.fetch import feed_fetch_from_failure
from tests.support.fetches import copy_fetch

FEED = Path(__file__).parent / "fixtures" / "feed"


@pytest.fixture
def clock() -> FrozenClock:
    return FrozenClock(dt.datetime(2024, 7, 9, 12, 0, tzinfo=dt.UTC))


@pytest.fixture
def store(db_url: str, clock: FrozenClock) -> Store:
    s = Store.open(db_url, clock)
    yield s
    s.close()


def fetch_of(body: bytes, previous: str | None = None) -> FeedFetch:
    return copy_fetch(body, previous=previous, duration_ms=5)


def body_without(*ids: str) -> bytes:
    doc = json.loads((FEED / "small.json").read_text())
    doc["rounds"] = [r for r in doc["rounds"] if r["drawNumber"] not in ids]
    return json.dumps(doc).encode()


def count(store: Store, table: object) -> int:
    with store.engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(table)).scalar_one()


def test_first_fetch_is_a_baseline(store: Store) -> None:
    summary = store.record_feed_fetch(fetch_of((FEED / "small.json").read_bytes()))
    assert sorted(summary.new) == sorted(["305", "304", "303", "302", "301", "91b", "91a", "1"])
    events = store.events()
    assert len(events) == 8 and all(e["kind"] == "new_round" and e["baseline"] for e in events)
    assert events[0]["created_at"].tzinfo is not None


def test_new_round_after_the_baseline_is_not_baseline(store: Store, clock: FrozenClock) -> None:
    store.record_feed_fetch(fetch_of(body_without("305")))
    clock.advance(hours=1)
    summary = store.record_feed_fetch(fetch_of((FEED / "small.json").read_bytes()))
    assert summary.new == ["305"] and summary.unchanged == 7
    last = store.events()[-1]
    assert (last["kind"], last["round_id"], last["baseline"]) == ("new_round", "305", False)
    assert last["payload"]["round"]["crs_min"] == 420


def test_a_missing_round_is_never_deleted_and_not_new_when_back(store: Store, clock: FrozenClock) -> None:
    full = (FEED / "small.json").read_bytes()
    store.record_feed_fetch(fetch_of(full))
    clock.advance(minutes=5)
    stale = store.record_feed_fetch(fetch_of(body_without("305", "304")))
    assert stale.new == [] and stale.amended == []
    assert count(store, schema.rounds) == 8
    clock.advance(minutes=5)
    back = store.record_feed_fetch(fetch_of(full))
    assert back.new == [] and back.amended == []
    assert len(store.events()) == 8


def test_a_silent_correction_is_an_amendment_with_history(store: Store, clock: FrozenClock) -> None:
    store.record_feed_fetch(fetch_of((FEED / "small.json").read_bytes()))
    clock.advance(days=1)
    summary = store.record_feed_fetch(fetch_of((FEED / "small.corrected.json").read_bytes()))
    assert summary.amended == ["304"] and summary.new == []
    event = store.events("round_amended")[0]
    assert event["payload"]["changes"] == {"tie_break_at": ["2024-03-01T14:01:21Z", "2024-03-01T14:01:22Z"]}
    revisions = store.revisions("304")
    assert [r["record"]["tie_break_at"] for r in revisions] == [
        "2024-03-01T14:01:21Z",
        "2024-03-01T14:01:22Z",
    ]
    assert revisions[1]["first_seen"] == clock()
    [current] = [r for r in store.rounds() if r.id == "304"]
    assert current.tie_break_at == dt.datetime(2024, 3, 1, 14, 1, 22, tzinfo=dt.UTC)


def test_an_earlier_version_back_in_a_current_copy_is_a_correction(store: Store, clock: FrozenClock) -> None:
    """Copy A, copy B (304 changed), copy A again: the source corrected itself back; store and alert it."""
    store.record_feed_fetch(fetch_of((FEED / "small.json").read_bytes()))
    store.record_feed_fetch(fetch_of((FEED / "small.corrected.json").read_bytes()))
    clock.advance(hours=1)
    summary = store.record_feed_fetch(fetch_of((FEED / "small.json").read_bytes()))
    assert summary.amended == ["304"] and summary.stale == []
    [current] = [r for r in store.rounds() if r.id == "304"]
    assert current.tie_break_at.second == 21  # what the source says now
    assert len(store.events("round_amended")) == 2
    assert len(store.revisions("304")) == 2  # the version that came back is not stored twice


def test_an_older_version_in_a_stale_copy_is_not_an_amendment(store: Store, clock: FrozenClock) -> None:
    """A whole copy older than what is stored (it lacks a published round) brings nothing back."""
    store.record_feed_fetch(fetch_of((FEED / "small.json").read_bytes()))
    store.record_feed_fetch(fetch_of((FEED / "small.corrected.json").read_bytes()))
    clock.advance(hours=1)
    older = json.loads((FEED / "small.json").read_text())
    older["rounds"] = [r for r in older["rounds"] if r["drawNumber"] != "305"]
    summary = store.record_feed_fetch(fetch_of(json.dumps(older).encode()))
    assert summary.stale == ["304"] and summary.amended == []
    [current] = [r for r in store.rounds() if r.id == "304"]
    assert current.tie_break_at.second == 22  # the newer version is kept
    assert len(store.events("round_amended")) == 1


def test_the_same_copy_twice_adds_nothing(store: Store) -> None:
    body = (FEED / "small.json").read_bytes()
    first = store.record_feed_fetch(fetch_of(body))
    again = store.record_feed_fetch(fetch_of(body, previous=None))
    assert again.new == [] and again.amended == [] and again.unchanged == 8
    skipped = store.record_feed_fetch(
        fetch_of(body, previous=store.validators("https://example.test/feed.json").body_sha256)
    )
    assert skipped.outcome == "unchanged" and first.outcome == "changed"
    assert count(store, schema.round_revisions) == 8
    assert len(store.events()) == 8


def test_a_source_error_is_logged_with_an_event_and_changes_nothing(store: Store) -> None:
    store.record_feed_fetch(fetch_of((FEED / "small.json").read_bytes()))
    before = [r.to_dict() for r in store.rounds()]
    summary = store.record_feed_fetch(fetch_of((FEED / "malformed.json").read_bytes()))
    assert summary.outcome == "error" and "not valid JSON" in summary.error
    refused = store.record_feed_fetch(
        feed_fetch_from_failure("https://example.test/feed.json", "ConnectionRefused")
    )
    assert refused.outcome == "error"
    assert [r.to_dict() for r in store.rounds()] == before
    errors = store.events("source_error")
    assert [e["payload"]["error"] for e in errors][1] == "ConnectionRefused"
    assert "not valid JSON" in errors[0]["payload"]["error"]


def test_a_failure_mid_transaction_leaves_nothing_half_written(store: Store, monkeypatch) -> None:
    from eewatch.store import copies as store_module

    store.record_feed_fetch(fetch_of(body_without("305")))
    before = (count(store, schema.rounds), count(store, schema.events), count(store, schema.fetches))

    def boom(*args: object, **kwargs: object) -> None:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(store_module, "insert_events", boom)
    with pytest.raises(RuntimeError):
        store.record_feed_fetch(fetch_of((FEED / "small.json").read_bytes()))
    assert (count(store, schema.rounds), count(store, schema.events), count(store, schema.fetches)) == before


def test_conditional_get_validators_come_from_the_last_good_copy(store: Store) -> None:
    good = fetch_of((FEED / "small.json").read_bytes())
    good.etag, good.last_modified = '"abc"', "Tue, 09 Jul 2024 12:00:00 GMT"
    store.record_feed_fetch(good)
    store.record_feed_fetch(fetch_of(b"garbage"))
    v = store.validators("https://example.test/feed.json")
    assert (v.etag, v.last_modified, v.body_sha256) == (
        '"abc"',
        "Tue, 09 Jul 2024 12:00:00 GMT",
        good.body_sha256,
    )


def test_stored_round_reads_back_equal(store: Store) -> None:
    parsed = fetch_of((FEED / "small.json").read_bytes()).parsed
    store.record_feed_fetch(fetch_of((FEED / "small.json").read_bytes()))
    by_id = {r.id: r for r in store.rounds()}
    for item in parsed.rounds:
        assert by_id[item.id] == item


def test_rounds_filters_and_order(store: Store) -> None:
    store.record_feed_fetch(fetch_of((FEED / "small.json").read_bytes()))
    assert [r.id for r in store.rounds(limit=3)] == ["305", "304", "303"]
    assert [r.id for r in store.rounds(category="stem")] == ["301"]
    assert [r.id for r in store.rounds(round_type="program")] == ["302", "91a"]
    assert [r.id for r in store.rounds(since=dt.date(2024, 7, 4))] == ["305", "304", "303"]


def test_naive_datetimes_are_refused(db_url: str) -> None:
    naive = Store.open(db_url, clock=lambda: dt.datetime(2024, 1, 1))  # noqa: DTZ001
    with pytest.raises(Exception, match="naive datetime"):
        naive.record_feed_fetch(fetch_of((FEED / "small.json").read_bytes()))
    naive.close()


def test_a_provisional_round_is_confirmed_by_the_feed(store: Store, clock: FrozenClock) -> None:
    from dataclasses import replace

    from sqlalchemy import insert

    from eewatch.store.rows import content_hash, round_row

    store.record_feed_fetch(fetch_of(body_without("305")))
    announced = next(r for r in fetch_of((FEED / "small.json").read_bytes()).parsed.rounds if r.id == "305")
    announced = replace(announced, crs_min=421, distribution=None, distribution_as_of=None)
    with store.engine.begin() as conn:  # what an announcement source stores
        conn.execute(
            insert(schema.rounds).values(
                **round_row(announced, content_hash(announced), "provisional"),
                first_seen=clock(),
                updated_at=clock(),
            )
        )
    assert "305" not in [r.id for r in store.rounds()]  # views show confirmed rounds only
    [shown] = [r for r in store.rounds(include_provisional=True) if r.id == "305"]
    assert shown.warnings[0].startswith("provisional:")
    clock.advance(hours=1)
    summary = store.record_feed_fetch(fetch_of((FEED / "small.json").read_bytes()))
    assert summary.new == ["305"] and summary.amended == []
    [event] = [e for e in store.events("new_round") if e["round_id"] == "305"]
    assert event["payload"]["confirmed"] is True and event["baseline"] is False
    [current] = [r for r in store.rounds() if r.id == "305"]
    assert current.crs_min == 420  # the feed wins
    with store.engine.connect() as conn:
        status = conn.execute(select(schema.rounds.c.status).where(schema.rounds.c.id == "305")).scalar_one()
    assert status == "confirmed"
