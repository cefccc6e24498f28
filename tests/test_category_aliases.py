"""A category slug eewatch has renamed: stored rounds, config names and ``--category`` keep working.

An earlier eewatch named "Senior managers with Canadian work experience" ``senior-managers-canadian``
(its first three words); it is ``senior-managers`` now. A database written then still holds the old
slug (and a content hash over it): the round reads back under the new slug, every filter finds it under
either, and the next copy of the feed, parsed with the new name, stores a revision but alerts nobody.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path

from sqlalchemy import update

from eewatch.config import Config, Rule, parse_config
from eewatch.domain.clock import FrozenClock
from eewatch.domain.record import Round
from eewatch.store import schema
from eewatch.store.store import Store
from notifier.events import Event
from notifier.rules import matches
from notifier.run import run_alerts
from tests.support.cli import cli
from tests.support.fetches import copy_fetch
from tests.support.paths import FIXTURES

OLD, NEW = "senior-managers-canadian", "senior-managers"
NAME = "Senior managers with Canadian work experience (Version 1)"


def _feed() -> bytes:
    data = json.loads((FIXTURES / "feed" / "small.json").read_text())
    data["rounds"][0]["drawName"] = NAME
    return json.dumps(data).encode()


def _fetch(store: Store) -> None:
    store.record_feed_fetch(copy_fetch(_feed(), url="file:feed.json"))


def _old_hash(item: Round) -> str:
    """The content hash the earlier eewatch stored: the same facts with the old slug."""
    content = item.content() | {"category": OLD}
    blob = json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(blob.encode()).hexdigest()


def _legacy_store(db_url: str, clock: FrozenClock) -> tuple[Store, str]:
    """A store as the earlier eewatch left it: the round under the old slug and its old hash."""
    store = Store.open(db_url, clock)
    _fetch(store)
    (item,) = [r for r in store.rounds() if r.category == NEW]
    old = _old_hash(item)
    with store.engine.begin() as conn:
        r, rv = schema.rounds, schema.round_revisions
        conn.execute(
            update(r).where(r.c.id == item.id).values(category=OLD, content_hash=old, latest_copy_hash=old)
        )
        record = item.to_dict() | {"category": OLD}
        conn.execute(update(rv).where(rv.c.round_id == item.id).values(content_hash=old, record=record))
    return store, item.id


def test_a_round_record_with_the_old_slug_reads_as_the_new_one() -> None:
    item = Round(id="1", number=1, date=dt.date(2026, 3, 1), round_type="category", category=OLD)
    assert item.category == NEW and item.to_dict()["category"] == NEW
    assert Round.from_dict({**item.to_dict(), "category": OLD}) == item


def test_config_names_are_read_through_the_aliases() -> None:
    config = parse_config(
        {
            "profile": {"categories": [OLD, "stem"]},
            "alerts": [{"name": "m", "categories": [OLD, NEW], "notify": ["json://127.0.0.1/"]}],
        }
    )
    settings = config
    assert settings.profile is not None and settings.profile.categories == (NEW, "stem")
    assert settings.alerts[0].categories == (NEW,)


def test_a_stored_round_with_the_old_slug_shows_under_the_new_one(db_url: str, empty_config: Path) -> None:
    store, round_id = _legacy_store(db_url, FrozenClock(dt.datetime(2026, 3, 2, tzinfo=dt.UTC)))
    store.close()
    env = {"EEWATCH_DATABASE_URL": db_url}
    for asked in (NEW, OLD, NEW.upper()):
        result = cli(
            "rounds", "--format", "json", "--category", asked, "--config", str(empty_config), env=env
        )
        assert result.returncode == 0, result.stderr
        assert [(r["id"], r["category"]) for r in json.loads(result.stdout)] == [(round_id, NEW)], asked
    stats = cli("stats", "--format", "json", "--category", OLD, "--config", str(empty_config), env=env)
    assert stats.returncode == 0, stats.stderr
    assert [s["group"] for s in json.loads(stats.stdout)] == [{"round_type": "category", "key": NEW}]


def test_the_rename_is_not_an_amendment_anyone_is_told_about(db_url: str) -> None:
    clock = FrozenClock(dt.datetime(2026, 3, 2, tzinfo=dt.UTC))
    store, _round_id = _legacy_store(db_url, clock)
    rule = Rule(name="all", notify=("json://127.0.0.1:9/",), events=("new_round", "round_amended"))
    settings = Config(alerts=(rule,))
    run_alerts(store, settings, send=False, clock=clock)  # the first copy's events: handled
    clock.advance(hours=1)
    _fetch(store)  # the same copy, parsed now: the new slug, a new content hash
    report = run_alerts(store, settings, send=True, clock=clock, env={})
    store.close()
    assert report.events == 1 and report.enqueued == 0, report


def test_a_real_amendment_alongside_the_rename_is_still_alerted() -> None:
    item = Round(id="9", number=9, date=dt.date(2026, 3, 1), round_type="category", category=NEW)
    rule = Rule(name="r", notify=("json://127.0.0.1/",), events=("round_amended",))

    def amended(changes: dict[str, list[object]]) -> Event:
        payload = {"round": item.to_dict(), "changes": changes}
        return Event(
            id=1, kind="round_amended", created_at=dt.datetime(2026, 3, 2, tzinfo=dt.UTC), payload=payload
        )

    assert not matches(rule, amended({"category": [OLD, NEW]}), None)
    assert not matches(rule, amended({}), None)
    assert matches(rule, amended({"category": [OLD, NEW], "invitations": [500, 600]}), None)
    assert matches(rule, amended({"category": ["stem", NEW]}), None)
