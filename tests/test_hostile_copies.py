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

from eewatch.config import Config, NotificationSettings, Rule
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
