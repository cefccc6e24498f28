"""The Atom feed: parses with feedparser, carries the required elements, shows amendments."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest

from eewatch.app.views.atom import ATOM_NS, entry_id, history, render_atom
from eewatch.domain.clock import FrozenClock
from eewatch.domain.record import Round
from eewatch.store.store import Store
from scraper.fetch import feed_fetch_from_response

# feedparser belongs in the test extra; until it is there, say so rather than fail to collect.
feedparser = pytest.importorskip("feedparser", reason="feedparser not installed (add it to the test extra)")

FIXTURES = Path(__file__).parent / "fixtures" / "views"
FIRST = dt.datetime(2025, 3, 1, 12, tzinfo=dt.UTC)
SECOND = dt.datetime(2025, 3, 3, 9, 30, tzinfo=dt.UTC)


def _fetch(store: Store, name: str) -> None:
    store.record_feed_fetch(
        feed_fetch_from_response(
            url="file:rounds.json",
            status=200,
            body=(FIXTURES / name).read_bytes(),
            etag=None,
            last_modified=None,
            previous_sha256=None,
            duration_ms=1,
        )
    )


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    """The fixture rounds, seen on FIRST; #401 amended on SECOND."""
    clock = FrozenClock(FIRST)
    store = Store.open(db_url, clock)
    _fetch(store, "rounds.json")
    clock.now = SECOND
    _fetch(store, "rounds.amended.json")
    yield store
    store.close()


def _feed(store: Store, **kwargs: object) -> bytes:
    rounds = store.rounds()
    histories = {r.id: history(store.revisions(r.id)) for r in rounds}
    options = {"title": "EE rounds", "now": dt.datetime(2025, 3, 4, tzinfo=dt.UTC), **kwargs}
    return render_atom(rounds, histories, **options)  # type: ignore[arg-type]


def test_feedparser_accepts_it(store: Store) -> None:
    parsed = feedparser.parse(_feed(store, site_url="https://example.org/ee/"))
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    assert parsed.feed.id == "tag:eewatch,2015:rounds"
    assert parsed.feed.title == "EE rounds"
    assert parsed.feed.updated == "2025-03-03T09:30:00Z"  # the newest change, not the build time
    assert any(
        link.rel == "self" and link.href == "https://example.org/ee/feed.xml" for link in parsed.feed.links
    )
    assert len(parsed.entries) == 9
    for entry in parsed.entries:
        assert entry.id.startswith("tag:eewatch,2015:round/")
        assert entry.title and entry.updated and entry.link.startswith("https://www.canada.ca/")


def test_an_amended_round_is_updated_and_says_what_changed(store: Store) -> None:
    parsed = feedparser.parse(_feed(store))
    first = parsed.entries[0]  # newest change first
    assert first.id == entry_id("401") == "tag:eewatch,2015:round/401"
    assert first.updated == "2025-03-03T09:30:00Z"  # when the amendment was seen
    assert first.published == "2025-02-20T14:10:00Z"  # when the round was held
    assert "(amended)" in first.title and "2,600 invitations" in first.title
    assert "invitations: 2500 → 2600" in first.summary
    others = {e.id: e for e in parsed.entries[1:]}
    assert others[entry_id("400")].published == others[entry_id("400")].updated == "2025-02-12T15:00:00Z"
    assert "(amended)" not in others[entry_id("400")].title


def test_backfilled_entries_are_published_at_their_rounds_time_not_when_first_seen(store: Store) -> None:
    """Nine rounds stored by one fetch: nine publication times, each the round's, newest first."""
    entries = feedparser.parse(_feed(store)).entries
    published = {e.id: e.published for e in entries}
    assert len(set(published.values())) == len(entries) == 9
    assert published[entry_id("399")] == "2025-02-05T14:00:00Z"
    assert published[entry_id("393")] == "2023-12-01T14:00:00Z"
    assert [e.id for e in entries[1:]] == [entry_id(str(n)) for n in range(400, 392, -1)]


def test_a_round_without_a_time_is_published_at_its_date_midnight_utc() -> None:
    held = Round(id="7", number=7, date=dt.date(2015, 3, 20), round_type="general", held_at=None)
    seen = dt.datetime(2026, 1, 1, 8, tzinfo=dt.UTC)
    revision = {"id": 1, "first_seen": seen, "record": held.to_dict()}
    parsed = feedparser.parse(render_atom([held], {"7": history([revision])}, title="EE", now=seen))
    (entry,) = parsed.entries
    assert entry.published == entry.updated == "2015-03-20T00:00:00Z"
    assert parsed.feed.updated == "2015-03-20T00:00:00Z"


def test_missing_values_are_said_not_zeroed(store: Store) -> None:
    entries = {e.id: e for e in feedparser.parse(_feed(store)).entries}
    assert "CRS not published" in entries[entry_id("398")].title
    assert "invitations not published" in entries[entry_id("395")].title


def test_markup_in_names_is_text(store: Store) -> None:
    document = _feed(store)
    root = ET.fromstring(document)  # well-formed XML despite <script> and & in a round name
    titles = [t.text or "" for t in root.iter(f"{{{ATOM_NS}}}title")]
    assert any('<script>alert("x")</script> & crafts' in t for t in titles)
    assert b"<script>" not in document


def test_ids_are_stable_and_the_feed_is_limited(store: Store) -> None:
    assert _feed(store) == _feed(store)
    limited = feedparser.parse(_feed(store, entries=3))
    assert limited.entries[0].id == entry_id("401")
    assert len(limited.entries) == 3


def test_an_empty_store_gives_a_valid_feed(db_url: str) -> None:
    store = Store.open(db_url, FrozenClock(FIRST))
    now = dt.datetime(2025, 3, 4, tzinfo=dt.UTC)
    parsed = feedparser.parse(render_atom([], {}, title="EE", now=now))
    assert not parsed.bozo
    assert parsed.feed.updated == "2025-03-04T00:00:00Z"
    assert parsed.entries == []
    store.close()
