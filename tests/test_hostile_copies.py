"""Hostile world III: a new round is never lost, whatever else the copy does (issue 27, items 1-4).

Each scenario failed on the code before it: a new round swallowed by a storm
summary, a correction ignored forever after a round was withdrawn, a renamed
key amending every stored value to null, a rejected newest round told to nobody.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from eewatch.app.health import record_poll
from eewatch.app.status import read_status
from eewatch.config import Config, HealthConfig, NotificationSettings, Rule
from eewatch.domain.clock import FrozenClock
from eewatch.domain.fetches import FeedFetch
from eewatch.store.store import Store
from notifier import outbox
from tests.support.fetches import copy_fetch

pytestmark = pytest.mark.hostile

FEED = Path(__file__).parent / "fixtures" / "feed"
NOW = dt.datetime(2024, 7, 12, 12, 0, tzinfo=dt.UTC)


@pytest.fixture
def clock() -> FrozenClock:
    return FrozenClock(NOW)


@pytest.fixture
def store(db_url: str, clock: FrozenClock) -> Iterator[Store]:
    s = Store.open(db_url, clock)
    yield s
    s.close()


def records() -> list[dict[str, Any]]:
    """small.json's records (8 rounds, #305 the newest)."""
    return list(json.loads((FEED / "small.json").read_text())["rounds"])


def round_437_like(number: str = "306", **fields: str) -> dict[str, Any]:
    """A new round on top of small.json: #305's record renumbered, dated 2024-07-10."""
    record = {
        **records()[0],
        "drawNumber": number,
        "drawDate": "2024-07-10",
        "drawDateFull": "July 10, 2024",
        "drawDateTime": "July 10, 2024 at 14:00:00 UTC",
        "drawName": "Canadian Experience Class",
        "drawText2": "Canadian Experience Class",
        "drawCRS": "382",
    }
    record.update(fields)
    return record


def fetch_of(rounds: list[dict[str, Any]]) -> FeedFetch:
    return copy_fetch(json.dumps({"classes": "wb-tables", "rounds": rounds}).encode())


def new_links(record: dict[str, Any]) -> dict[str, Any]:
    """A site-wide move: ``invitations.html?q=N`` -> ``invitations-N.html`` in every link."""
    moved = dict(record)
    for key in ("drawNumberURL", "mitext", "DrawText1"):
        moved[key] = re.sub(r"invitations\.html\?q=(\w+)", r"invitations-\1.html", moved[key])
    return moved


# -- 1. a storm summary swallows amendments only ------------------------------------------


def test_a_new_round_in_a_copy_that_amends_every_round_is_alerted(store: Store, clock: FrozenClock) -> None:
    rules = (
        Rule(name="everything", notify=("json://127.0.0.1:9/a",), events=("new_round", "round_amended")),
        Rule(name="low-crs", notify=("json://127.0.0.1:9/b",), crs_max=400),
    )
    settings = Config(alerts=rules, notifications=NotificationSettings(mass_amendment_threshold=3))
    store.record_feed_fetch(fetch_of(records()))
    outbox.enqueue(store, settings, NOW)  # the baseline: nothing to send
    clock.advance(hours=1)
    summary = store.record_feed_fetch(fetch_of([round_437_like(), *map(new_links, records())]))
    assert summary.new == ["306"] and len(summary.amended) > 3
    outbox.enqueue(store, settings, clock())
    sent = [(row.rule, row.kind, row.round_id) for row in outbox.rows(store)]
    assert ("everything", "new_round", "306") in sent, "the new round was swallowed by the storm summary"
    assert ("low-crs", "new_round", "306") in sent
    storm = [row for row in outbox.rows(store) if row.kind == "round_amended" and row.rule == "everything"]
    assert len(storm) == 1, "the amendments were not summed up in one alert"
    assert f"{len(summary.amended)} Express Entry rounds amended at once" in storm[0].message.title


def crs_of(store: Store, round_id: str) -> int | None:
    return next(r.crs_min for r in store.rounds() if r.id == round_id)


def poll(store: Store, fetch: FeedFetch) -> None:
    """Store a copy and record its poll's health, as ``scrape --once`` does."""
    summary = store.record_feed_fetch(fetch)
    record_poll(store, fetch, summary, HealthConfig(), "once")


# -- 2. a round withdrawn for good: corrections after it are followed -----------------------


def test_after_a_round_is_withdrawn_corrections_are_followed_and_the_withdrawal_told(
    store: Store, clock: FrozenClock
) -> None:
    rule = Rule(name="all", notify=("json://127.0.0.1:9/a",))  # the default events
    settings = Config(alerts=(rule,))
    store.record_feed_fetch(fetch_of(records()))  # copy A
    first = crs_of(store, "305")
    outbox.enqueue(store, settings, clock())
    clock.advance(hours=1)
    typo = [{**r, "drawCRS": "283"} if r["drawNumber"] == "305" else r for r in records()]
    store.record_feed_fetch(fetch_of(typo))  # copy B: a CRS typo in #305
    assert crs_of(store, "305") == 283
    clock.advance(hours=1)
    without_first = [r for r in records() if r["drawNumber"] != "1"]
    summary = store.record_feed_fetch(fetch_of(without_first))  # copy C: A less round 1
    assert summary.amended == ["305"], "the correction was taken for a stale copy"
    assert crs_of(store, "305") == first
    assert summary.withdrawn == ["1"]
    clock.advance(hours=1)
    again = store.record_feed_fetch(fetch_of(without_first))  # the same copy later: nothing new
    assert again.amended == [] and again.withdrawn == []
    assert [e["round_id"] for e in store.events("round_withdrawn")] == ["1"]
    assert "1" in [r.id for r in store.rounds()], "a withdrawn round is history: kept"
    outbox.enqueue(store, settings, clock())
    told = [(row.kind, row.round_id) for row in outbox.rows(store)]
    assert ("round_withdrawn", "1") in told and ("round_amended", "305") in told
    # A stale copy (it lacks the newest round) stays quiet: no withdrawal, no amendment.
    clock.advance(hours=1)
    stale = store.record_feed_fetch(fetch_of(typo[1:]))
    assert stale.amended == [] and stale.withdrawn == [] and crs_of(store, "305") == first
    # Round 1 back in a current copy: told.
    clock.advance(hours=1)
    back = store.record_feed_fetch(fetch_of(records()))
    assert back.restored == ["1"] and back.new == []


# -- 3. a renamed key: a shape change, no fact amended to unknown ---------------------------


def test_a_renamed_key_amends_nothing_and_the_new_round_reaches_rules(
    store: Store, clock: FrozenClock
) -> None:
    rules = (
        Rule(name="low-crs", notify=("json://127.0.0.1:9/a",), crs_max=400),
        Rule(name="stem", notify=("json://127.0.0.1:9/b",), categories=("stem",)),
    )
    settings = Config(alerts=rules)
    poll(store, fetch_of(records()))
    outbox.enqueue(store, settings, clock())
    before = {r.id: r.crs_min for r in store.rounds()}
    clock.advance(hours=1)

    def renamed(record: dict[str, Any]) -> dict[str, Any]:
        out = {k: v for k, v in record.items() if k != "drawCRS"}
        return {**out, "drawCrs": record["drawCRS"]}

    fetch = fetch_of([renamed(round_437_like()), *map(renamed, records())])
    summary = store.record_feed_fetch(fetch)
    record_poll(store, fetch, summary, HealthConfig(), "once")
    assert summary.amended == [], "a renamed key amended the stored values"
    assert {r.id: r.crs_min for r in store.rounds() if r.id != "306"} == before
    assert crs_of(store, "306") == 382
    shape = store.events("feed_shape_changed")
    assert len(shape) == 1 and shape[0]["payload"]["renamed"] == {"drawCrs": "drawCRS"}
    outbox.enqueue(store, settings, clock())
    told = {(row.rule, row.kind, row.round_id) for row in outbox.rows(store)}
    assert ("low-crs", "new_round", "306") in told
    # Neither rule subscribes to feed_shape_changed: every rule's owner is told all the same.
    assert {rule for rule, kind, _ in told if kind == "feed_shape_changed"} == {"low-crs", "stem"}


def test_a_key_no_record_carries_any_more_leaves_the_stored_facts_standing(
    store: Store, clock: FrozenClock
) -> None:
    store.record_feed_fetch(fetch_of(records()))
    before = {r.id: r.crs_min for r in store.rounds()}
    clock.advance(hours=1)

    def unreadable(record: dict[str, Any]) -> dict[str, Any]:
        out = {k: v for k, v in record.items() if k != "drawCRS"}
        return {**out, "lowestScore": record["drawCRS"]}

    typo = [{**r, "drawSize": "3,300"} if r["drawNumber"] == "305" else r for r in records()]
    summary = store.record_feed_fetch(fetch_of([unreadable(round_437_like()), *map(unreadable, typo)]))
    assert summary.amended == ["305"], "only the real change is an amendment"
    (event,) = store.events("round_amended")
    assert event["payload"]["changes"] == {"invitations": [3200, 3300]}
    assert {r.id: r.crs_min for r in store.rounds() if r.id != "306"} == before
    assert crs_of(store, "306") is None  # the new round, stored with what can be read
    assert summary.new == ["306"]


# -- 4. a rejected record that would have been the newest round --------------------------


def test_a_rejected_newest_round_is_an_ops_event_and_unhealthy_until_resolved(
    store: Store, clock: FrozenClock
) -> None:
    rule = Rule(name="program", notify=("json://127.0.0.1:9/a",), round_types=("program",))
    settings = Config(alerts=(rule,))
    poll(store, fetch_of(records()))
    outbox.enqueue(store, settings, clock())
    twice = [round_437_like(drawCRS="382"), round_437_like(drawCRS="390")]
    for _ in range(3):  # three runs in a row, as cron would
        clock.advance(minutes=5)
        poll(store, fetch_of([*twice, *records()]))
        status = read_status(store, HealthConfig(), clock())
        assert not status.healthy
        assert any("#306" in problem and "disagree" in problem for problem in status.problems)
    (event,) = store.events("round_rejected")  # told once, not per run
    assert event["round_id"] == "306"
    outbox.enqueue(store, settings, clock())
    assert [(row.rule, row.kind) for row in outbox.rows(store)] == [("program", "round_rejected")]
    clock.advance(minutes=5)
    poll(store, fetch_of([twice[0], *records()]))  # IRCC fixes it: the round is stored, resolved
    assert read_status(store, HealthConfig(), clock()).healthy
    assert crs_of(store, "306") == 382


def test_facts_that_can_be_read_safely_are_read(store: Store, clock: FrozenClock) -> None:
    store.record_feed_fetch(fetch_of(records()))
    clock.advance(hours=1)
    typed = round_437_like(drawNumber="#306", drawDate="10/07/2024", drawDateFull="19/07/2024")
    typed["drawDate"] = "7/10/2024"  # July 10 or October 7: no safe reading
    summary = store.record_feed_fetch(fetch_of([typed, *records()]))
    assert summary.new == ["306"]
    (stored,) = [r for r in store.rounds() if r.id == "306"]
    assert stored.date == dt.date(2024, 7, 19)  # drawDateFull, the one reading possible
    assert any("'#306' read as '306'" in w for w in stored.warnings)
