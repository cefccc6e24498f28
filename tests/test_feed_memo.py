"""The daemon's feed parser (scraper/parsing/feed_memo.py): a memo never changes a result."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from scraper.parsing.feed import FeedFormatError, parse_feed, parse_record
from scraper.parsing.feed_memo import FeedParser, record_key

FEED = Path(__file__).parent / "fixtures" / "feed"


def small() -> dict[str, Any]:
    return json.loads((FEED / "small.json").read_text())


def body(doc: Any) -> bytes:
    return json.dumps(doc).encode()


def test_a_warm_parse_equals_a_cold_one() -> None:
    parser = FeedParser()
    first = parser(body(small()))
    assert first == parse_feed(body(small()))
    assert (parser.hits, parser.misses) == (0, 8)
    again = parser(body(small()))
    assert again == parse_feed(body(small()))
    assert (parser.hits, parser.misses) == (8, 0)
    # The same objects come back: the store reuses their content hashes (eewatch/store/store.py).
    assert all(a is b for a, b in zip(first.rounds, again.rounds, strict=True))


def test_a_changed_field_of_a_known_record_is_read_again() -> None:
    parser = FeedParser()
    parser(body(small()))
    doc = small()
    doc["rounds"][2]["drawCRS"] = "999"
    parsed = parser(body(doc))
    assert parsed == parse_feed(body(doc))
    assert {r.id: r.crs_min for r in parsed.rounds}[doc["rounds"][2]["drawNumber"]] == 999
    assert (parser.hits, parser.misses) == (7, 1)


@pytest.mark.parametrize("value", [1.0, True, "1", " 1", "1,000", None, [1]])
def test_values_equal_to_python_but_not_to_the_parser_have_their_own_entries(value: Any) -> None:
    # 1 == 1.0 == True in Python, but the parser reads them differently: the key holds each type.
    parser = FeedParser()
    base = small()["rounds"][0]
    parser(body([{**base, "drawSize": 1}]))  # remembered first
    record = {**base, "drawSize": value}
    assert parser(body([record])).rounds == (parse_record(record),)
    assert (parser.hits, parser.misses) == (0, 1)


def test_keys_differ_by_type_and_order_and_agree_on_equal_records() -> None:
    base = small()["rounds"][0]
    assert record_key({**base, "dd1": 1}) != record_key({**base, "dd1": True})
    assert record_key({**base, "dd1": 1}) != record_key({**base, "dd1": 1.0})
    assert record_key({**base, "dd1": "1"}) != record_key({**base, "dd1": 1})
    assert record_key(json.loads(json.dumps(base))) == record_key(base)
    nested: Any = []
    for _ in range(5000):
        nested = [nested]
    assert record_key({**base, "dd1": nested}) is None  # too deep to key: parsed every time


def test_rejected_records_are_not_remembered_and_keep_their_reasons() -> None:
    parser = FeedParser()
    doc = small()
    doc["rounds"].append({"drawNumber": "abc"})
    first, second = parser(body(doc)), parser(body(doc))
    assert first == second == parse_feed(body(doc))
    assert second.problems[0].reason == "drawNumber 'abc' is not a round number"
    assert (parser.hits, parser.misses) == (8, 1)


def test_memory_holds_the_last_copy_only_and_at_most_max_records() -> None:
    parser = FeedParser()
    parser(body(small()))
    assert len(parser) == 8
    doc = small()
    del doc["rounds"][:3]
    parser(body(doc))
    assert len(parser) == 5
    capped = FeedParser(max_records=3)
    assert capped(body(small())) == parse_feed(body(small()))
    assert len(capped) == 3
    assert capped(body(small())) == parse_feed(body(small()))
    assert (capped.hits, capped.misses) == (3, 5)


def test_an_unreadable_copy_keeps_what_the_last_good_one_used() -> None:
    parser = FeedParser()
    parser(body(small()))
    with pytest.raises(FeedFormatError):
        parser((FEED / "malformed.json").read_bytes())
    assert len(parser) == 8
    parser(body(small()))
    assert (parser.hits, parser.misses) == (8, 0)


def test_every_shared_copy_in_sequence_warm_equals_cold(shared_feed: list[Path]) -> None:
    parser = FeedParser()
    for copy in shared_feed:
        raw = copy.read_bytes()
        try:
            cold = parse_feed(raw)
        except FeedFormatError as exc:
            with pytest.raises(FeedFormatError, match=str(exc)[:40]):
                parser(raw)
            continue
        assert parser(raw) == cold, copy.name
