"""A copy of the whole history costs what changed: the memos and markers never change what is stored.

The daemon keeps one parser (scraper/parsing/feed_memo.py) and one Store for its life;
``scrape --once`` starts both afresh. The database must come out the same
either way, and every revision's first and last sighting must be what
docs/database.md says: when a copy carrying this version was first and last seen.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from eewatch.domain.clock import FrozenClock
from eewatch.domain.fetches import CHANGED, FeedFetch
from eewatch.store import schema
from eewatch.store.store import FetchSummary, Store, content_hash
from scraper.parsing.feed import FeedParse, parse_feed
from scraper.parsing.feed_memo import FeedParser
from tests.support.fetches import copy_fetch

FEED = Path(__file__).parent / "fixtures" / "feed"
START = dt.datetime(2024, 7, 9, 12, 0, tzinfo=dt.UTC)


def small(edit: Callable[[dict[str, Any]], None] | None = None, drop: tuple[str, ...] = ()) -> bytes:
    doc = json.loads((FEED / "small.json").read_text())
    doc["rounds"] = [r for r in doc["rounds"] if r["drawNumber"] not in drop]
    if edit:
        edit(doc)
    return json.dumps(doc).encode()


def crs(value: str) -> Callable[[dict[str, Any]], None]:
    def edit(doc: dict[str, Any]) -> None:
        next(r for r in doc["rounds"] if r["drawNumber"] == "303")["drawCRS"] = value

    return edit


def fixture_sequence() -> list[bytes]:
    """New rounds, a missing round, amendments, a stale version back, a bad copy, a return."""
    return [
        small(drop=("305", "304")),
        small(drop=("305",)),
        small(),
        small(drop=("304",)),  # a stale copy: 304 missing
        small(crs("999")),  # 303 amended; 304 back
        small(),  # 303's first version again: a stale copy, not an amendment
        b"{not json",
        small(crs("999")),
        small(crs("998"), drop=("1",)),
        small(crs("998")),
    ]


def fetch_of(body: bytes, parse: Callable[[bytes], FeedParse]) -> FeedFetch:
    return copy_fetch(body, parse=parse)


def replay(url: str, copies: list[bytes], *, warm: bool) -> Iterator[tuple[Store, FetchSummary]]:
    """Store each copy, an hour apart: through one parser and Store (warm) or fresh ones (cold)."""
    clock = FrozenClock(START)
    parser = FeedParser()
    store = Store.open(url, clock)
    try:
        for body in copies:
            if not warm:
                store.close()
                store = Store.open(url, clock)
            fetch = fetch_of(body, parser if warm else parse_feed)
            yield store, store.record_feed_fetch(fetch)
            clock.advance(hours=1)
    finally:
        store.close()


def snapshot(store: Store) -> dict[str, Any]:
    with store.engine.connect() as conn:
        rounds = [dict(r._mapping) for r in conn.execute(select(schema.rounds).order_by(schema.rounds.c.id))]
        events = [
            (e.kind, e.round_id, e.baseline, e.payload, e.created_at)
            for e in conn.execute(select(schema.events).order_by(schema.events.c.id))
        ]
        fetches = [
            (f.outcome, f.rounds_seen, f.new_rounds, f.amended_rounds, f.stale_rounds)
            for f in conn.execute(select(schema.fetches).order_by(schema.fetches.c.id))
        ]
    revisions = {r["id"]: store.revisions(r["id"]) for r in rounds}
    for rows in revisions.values():
        for row in rows:
            del row["id"]
    return {"rounds": rounds, "revisions": revisions, "events": events, "fetches": fetches}


def sightings(copies: list[bytes]) -> dict[tuple[str, str], list[dt.datetime]]:
    """The model: (round, version) -> [first, last] time a readable copy carried it."""
    seen: dict[tuple[str, str], list[dt.datetime]] = {}
    at = START
    for body in copies:
        try:
            parsed = parse_feed(body)
        except ValueError:
            parsed = None
        for item in parsed.rounds if parsed else ():
            seen.setdefault((item.id, content_hash(item)), [at, at])[1] = at
        at += dt.timedelta(hours=1)
    return seen


def sequences(shared: list[Path] | None) -> list[list[bytes]]:
    found = [fixture_sequence()]
    if shared:
        found.append([p.read_bytes() for p in shared])
    return found


@pytest.fixture
def shared_or_none(db_url: str) -> list[Path] | None:
    """The shared copies, for the SQLite run only.

    The tests replay them on SQLite files of their own whatever ``db_url`` is, so the
    PostgreSQL run would repeat the SQLite run's work and assertions exactly.
    """
    from tests.support.paths import shared_copies

    if not db_url.startswith("sqlite"):
        return None
    return shared_copies() or None


def test_warm_and_cold_store_the_same(db_url: str, tmp_path: Path, shared_or_none: list[Path] | None) -> None:
    for n, copies in enumerate(sequences(shared_or_none)):
        cold_url = f"sqlite:///{tmp_path / f'cold{n}.sqlite'}"
        warm_url = db_url if n == 0 else f"sqlite:///{tmp_path / f'warm{n}.sqlite'}"
        for (cold, cold_summary), (warm, warm_summary) in zip(
            replay(cold_url, copies, warm=False), replay(warm_url, copies, warm=True), strict=True
        ):
            assert dataclasses.asdict(cold_summary) == dataclasses.asdict(warm_summary)
            assert snapshot(cold) == snapshot(warm)


def test_first_and_last_seen_are_the_copies_that_carried_each_version(
    db_url: str, tmp_path: Path, shared_or_none: list[Path] | None
) -> None:
    for n, copies in enumerate(sequences(shared_or_none)):
        url = db_url if n == 0 else f"sqlite:///{tmp_path / f'seen{n}.sqlite'}"
        for step, (store, _) in enumerate(replay(url, copies, warm=True)):
            expected = sightings(copies[: step + 1])
            found = {
                (row["round_id"], row["content_hash"]): [row["first_seen"], row["last_seen"]]
                for round_id in {rid for rid, _ in expected}
                for row in store.revisions(round_id)
            }
            assert found == expected, f"after copy {step}"


def test_an_amendment_is_found_through_both_memos(db_url: str) -> None:
    steps = replay(db_url, [small(), small(crs("999"))], warm=True)
    try:
        next(steps)
        store, summary = next(steps)
        assert summary.outcome == CHANGED and summary.amended == ["303"]
        assert summary.unchanged == 7
        event = store.events("round_amended")[-1]
        assert event["payload"]["changes"] == {"crs_min": [event["payload"]["previous"]["crs_min"], 999]}
    finally:
        steps.close()


def test_a_0001_database_gets_its_markers_and_loses_no_sighting(db_url: str) -> None:
    # Down to 0001 (every version the latest copy carried gets that copy's time, as every copy
    # then wrote), then up again: the markers are found from last_seen, every sighting is kept.
    from alembic import command

    from eewatch.store import migrate

    copies = fixture_sequence()
    for _ in replay(db_url, copies, warm=True):
        pass
    with Store.open(db_url) as store:
        before = snapshot(store)
        with store.engine.begin() as conn:
            command.downgrade(migrate._alembic_config(conn), "0001")
            assert migrate.current_revision(conn) == "0001"
            carried = conn.execute(
                select(schema.round_revisions.c.round_id)
                .where(schema.round_revisions.c.last_seen == START + dt.timedelta(hours=len(copies) - 1))
                .order_by(schema.round_revisions.c.round_id)
            ).scalars()
            assert list(carried) == ["1", "301", "302", "303", "304", "305", "91a", "91b"]
    with Store.open(db_url) as store:  # upgrades again
        assert snapshot(store) == before
        markers = {r["id"]: r["latest_copy_hash"] for r in before["rounds"]}
        assert markers["303"] == content_hash(next(r for r in parse_feed(copies[-1]).rounds if r.id == "303"))


def test_the_view_revision_sightings_reads_last_seen_as_eewatch_does(db_url: str) -> None:
    from sqlalchemy import text

    for store, _ in replay(db_url, fixture_sequence(), warm=True):
        with store.engine.connect() as conn:
            rows = conn.execute(text("SELECT * FROM revision_sightings")).all()
        assert rows
        expected = {
            (row["round_id"], row["content_hash"]): row["last_seen"]
            for round_id in {r.round_id for r in rows}
            for row in store.revisions(round_id)
        }
        found = {
            (r.round_id, r.content_hash): schema.UTCDateTime().process_result_value(
                dt.datetime.fromisoformat(r.last_seen) if isinstance(r.last_seen, str) else r.last_seen,
                store.engine.dialect,
            )
            for r in rows
        }
        assert found == expected
