"""Hostile world III: a reworded program round is a program round (issue 27, item 5).

IRCC rewords names: "Canadian Experience Class (CEC)", "Canadian Experience
Class, 2026-Version 1", "Provincial Nominee Program 2026" became invented
categories before, and `round_types = ["program"]` or `eligible = true` rules
missed them. A name eewatch cannot place is a warning and an ops event told to
the operator (``category_unknown``), never a new category in silence.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from eewatch.app.health import record_poll
from eewatch.config import Config, HealthConfig, Rule
from eewatch.domain.clock import FrozenClock
from eewatch.domain.eligibility import Profile
from eewatch.store.store import Store
from notifier import outbox
from tests.support.fetches import copy_fetch

pytestmark = pytest.mark.hostile

FEED = Path(__file__).parent / "fixtures" / "feed"
NOW = dt.datetime(2026, 8, 21, 12, 0, tzinfo=dt.UTC)

REWORDED = [
    ("440", "Canadian Experience Class (CEC)", "Canadian Experience Class", ("CEC",)),
    ("439", "Canadian Experience Class, 2026-Version 1", "Canadian Experience Class", ("CEC",)),
    ("438", "Provincial Nominee Program 2026", "Provincial Nominee Program", ("PNP",)),
]


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    s = Store.open(db_url, FrozenClock(NOW))
    yield s
    s.close()


def records() -> list[dict[str, Any]]:
    return list(json.loads((FEED / "small.json").read_text())["rounds"])


def round_record(number: str, name: str, text2: str, day: int) -> dict[str, Any]:
    return {
        **records()[0],
        "drawNumber": number,
        "drawName": name,
        "drawText2": text2,
        "drawDate": f"2026-08-{day:02d}",
        "drawDateFull": f"August {day}, 2026",
        "drawDateTime": f"August {day:02d}, 2026 at 14:00:00 UTC",
        "drawCRS": "520",
    }


def fetch_of(rounds: list[dict[str, Any]]) -> Any:
    return copy_fetch(json.dumps({"classes": "wb-tables", "rounds": rounds}).encode())


def test_reworded_program_rounds_are_program_rounds_and_reach_program_rules(store: Store) -> None:
    rules = (
        Rule(name="programs", notify=("json://127.0.0.1:9/p",), round_types=("program",)),
        Rule(name="eligible", notify=("json://127.0.0.1:9/e",), eligible=True),
    )
    settings = Config(alerts=rules, profile=Profile(crs=530, programs=("CEC", "PNP")))
    store.record_feed_fetch(fetch_of(records()))
    outbox.enqueue(store, settings, NOW)
    fresh = [round_record(n, name, text2, 20 - i) for i, (n, name, text2, _) in enumerate(REWORDED)]
    summary = store.record_feed_fetch(fetch_of([*fresh, *records()]))
    assert sorted(summary.new) == ["438", "439", "440"]
    stored = {r.id: r for r in store.rounds()}
    for number, name, _, programs in REWORDED:
        assert (stored[number].round_type, stored[number].programs, stored[number].category) == (
            "program",
            programs,
            None,
        ), name
    assert store.events("category_unknown") == []
    outbox.enqueue(store, settings, NOW)
    told = {(row.rule, row.round_id) for row in outbox.rows(store) if row.kind == "new_round"}
    assert told == {(rule, number) for rule in ("programs", "eligible") for number, *_ in REWORDED}


def test_a_name_eewatch_cannot_place_is_a_warning_and_an_ops_event(store: Store) -> None:
    """Stored as a new category with a warning, and ``category_unknown`` (no list is known for it)
    tells the rules that listen to ops events; a program rule does not take it for a program round."""
    ops = Rule(name="ops", notify=("json://127.0.0.1:9/o",), events=("category_unknown",))
    programs = Rule(name="programs", notify=("json://127.0.0.1:9/p",), round_types=("program",))
    settings = Config(alerts=(ops, programs))
    first = fetch_of(records())
    record_poll(store, first, store.record_feed_fetch(first), HealthConfig(), "once")
    outbox.enqueue(store, settings, NOW)
    odd = round_record(
        "441", "Express Entry intake for candidates abroad", "Federal Skilled Worker Program", 20
    )
    fetch = fetch_of([odd, *records()])
    record_poll(store, fetch, store.record_feed_fetch(fetch), HealthConfig(), "once")
    (stored,) = [r for r in store.rounds() if r.id == "441"]
    assert stored.round_type == "category"
    assert any("unknown category" in w for w in stored.warnings)
    (event,) = store.events("category_unknown")
    assert event["payload"]["round"] == "441"
    outbox.enqueue(store, settings, NOW)
    assert [(row.rule, row.kind) for row in outbox.rows(store)] == [("ops", "category_unknown")]
