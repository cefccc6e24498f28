"""Hostile world II: one bad record never blocks a copy, and every parsed round can be hashed.

The store hashes ``json.dumps(round.content(), ensure_ascii=False).encode()``: a
lone surrogate (valid JSON ``"\\ud800"``) in any field would raise there, for the
whole copy. A count of 5,000 digits made ``int()`` raise in the parser, again for
the whole copy. Each is now one record's problem (a warning, or its rejection
with a reason), and the announcement parsers reject such a document cleanly.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eewatch.domain.announcement import AnnouncementError
from eewatch.domain.clock import FrozenClock
from eewatch.domain.fetches import CHANGED, FeedFetch
from eewatch.store.store import Store
from scraper.parsing.bounded import parse_article, parse_page
from scraper.parsing.feed import EXPECTED_KEYS, FeedFormatError, parse_feed, parse_record
from tests.support.paths import FIXTURES

pytestmark = pytest.mark.hostile

GOOD = json.loads((FIXTURES / "feed" / "small.json").read_bytes())["rounds"][:3]
T0 = dt.datetime(2026, 11, 25, tzinfo=dt.UTC)
HUGE = "9" * 5000


def hashable(round_: Any) -> None:
    """What the store does with every round: it must not raise."""
    json.dumps(round_.content(), sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def copy_with(bad: dict[str, Any], *, raw: dict[str, str] | None = None) -> bytes:
    """The good records, then ``bad``; ``raw`` puts JSON text in place of placeholder strings."""
    body = json.dumps({"rounds": [*GOOD, bad]})  # ensure_ascii: a surrogate is written "\ud800"
    for placeholder, literal in (raw or {}).items():
        body = body.replace(json.dumps(placeholder), literal)
    return body.encode()


def assert_good_ones_kept(parsed: Any) -> None:
    ids = {r.id for r in parsed.rounds}
    assert {str(r["drawNumber"]) for r in GOOD} <= ids
    for round_ in parsed.rounds:
        hashable(round_)


def test_a_lone_surrogate_in_a_name_is_replaced_with_a_warning_and_stored(tmp_path: Path) -> None:
    bad = dict(GOOD[0], drawNumber="999", drawName="STEM occupations \ud800 (Version 1)")
    parsed = parse_feed(copy_with(bad))
    assert_good_ones_kept(parsed)
    [round_] = [r for r in parsed.rounds if r.id == "999"]
    assert round_.name == "STEM occupations \ufffd (Version 1)"
    assert any("drawName" in w and "surrogate" in w for w in round_.warnings)
    store = Store.open(
        f"sqlite:///{tmp_path / 'db.sqlite'}", FrozenClock(dt.datetime(2026, 11, 25, tzinfo=dt.UTC))
    )
    try:
        store.record_feed_fetch(FeedFetch(url="f", outcome=CHANGED, parsed=parsed, body_sha256="x"))
        assert "999" in {r.id for r in store.rounds(limit=None)}
    finally:
        store.close()


@pytest.mark.parametrize("key", ["drawSize", "drawCRS", "dd18"])
def test_a_count_of_5000_digits_is_one_records_warning_not_the_copys_end(key: str) -> None:
    bad = dict(GOOD[0], drawNumber="999", **{key: HUGE})
    parsed = parse_feed(copy_with(bad))
    assert_good_ones_kept(parsed)
    [round_] = [r for r in parsed.rounds if r.id == "999"]
    assert any(key in w and "too large" in w for w in round_.warnings)


def test_a_json_number_literal_of_5000_digits_is_one_records_problem() -> None:
    bad = dict(GOOD[0], drawNumber="@number@", drawSize="@size@")
    parsed = parse_feed(copy_with(bad, raw={"@number@": HUGE, "@size@": HUGE}))
    assert_good_ones_kept(parsed)
    [problem] = parsed.problems
    assert problem.index == len(GOOD) and "too many digits" in problem.reason


def test_an_unknown_key_with_a_surrogate_is_reported_as_text() -> None:
    parsed = parse_feed(copy_with(dict(GOOD[0], drawNumber="999", **{"odd\ud800key": 1})))
    assert "odd\ufffdkey" in parsed.keys
    json.dumps(sorted(parsed.keys), ensure_ascii=False).encode()


PAGE = (FIXTURES / "pages" / "invitations-205.html").read_text()


def test_a_page_with_a_5000_digit_count_leaves_it_empty_with_a_warning() -> None:
    body = PAGE.replace("Number of invitations issued: 521", f"Number of invitations issued: {HUGE}")
    assert HUGE in body
    [facts] = parse_page(body, "https://www.canada.ca/x/invitations-205.html").rounds
    assert facts.invitations is None
    assert any("too large" in w for w in facts.warnings)


def test_an_article_with_a_5000_digit_count_is_a_clean_rejection_or_a_reading() -> None:
    body = f"Express Entry draw #300 on June 1, 2025 invited {HUGE} candidates with a CRS of 500."
    try:
        announcement = parse_article(body)
    except AnnouncementError as exc:
        assert "cannot be read" in str(exc)
        return
    for facts in announcement.rounds:
        assert facts.invitations is None or facts.invitations.value < 10**9


# -- the principle, fuzzed: any one record, however broken -------------------------------

#: Text with lone surrogates and the odd characters real copies carry.
nasty_text = st.text(
    alphabet=st.characters(exclude_categories=(), codec=None) | st.sampled_from("\ud800\udfff\u202f\x00"),
    max_size=20,
)
leaf = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.integers(min_value=10**20, max_value=10**60),
    st.floats(allow_nan=False, allow_infinity=False),
    nasty_text,
    st.just("@huge@"),  # replaced by a 5,000-digit literal in the JSON text
    st.just(HUGE),
    st.text(alphabet="0123456789,", min_size=10, max_size=60),
)
json_value = st.recursive(
    leaf,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(nasty_text, inner, max_size=3),
    max_leaves=12,
)
hostile_record = st.one_of(
    json_value,
    st.fixed_dictionaries(
        {},
        optional=dict.fromkeys(sorted(EXPECTED_KEYS), json_value) | {"\ud800": json_value},
    ),
    st.builds(
        lambda base, changes: dict(base, **changes),
        st.sampled_from(GOOD),
        st.dictionaries(st.sampled_from(sorted(EXPECTED_KEYS)), json_value, min_size=1, max_size=4),
    ),
)


def _id_of(record: dict[str, Any]) -> str | None:
    try:
        return parse_record(record).id
    except Exception:  # only its id matters here
        return None


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(hostile_record, st.integers(min_value=0, max_value=len(GOOD)))
def test_any_one_record_is_rejected_alone_and_every_round_hashes(bad: Any, where: int) -> None:
    records: list[Any] = list(GOOD)
    if isinstance(bad, dict) and _id_of(bad) in {str(r["drawNumber"]) for r in GOOD}:
        bad = dict(bad, drawNumber="999")  # a duplicate id is a reason of its own, tested elsewhere
    records.insert(where, bad)
    body = json.dumps({"rounds": records}).replace('"@huge@"', HUGE).encode()
    try:
        parsed = parse_feed(body)
    except FeedFormatError as exc:  # pragma: no cover - the failure this test exists to catch
        raise AssertionError(f"one record refused the whole copy: {exc}") from None
    assert len(parsed.rounds) + len(parsed.problems) == len(records)
    assert all(p.reason for p in parsed.problems)
    assert {p.index for p in parsed.problems} <= {where}
    assert_good_ones_kept(parsed)
    for problem in parsed.problems:
        json.dumps([problem.round_id, problem.reason], ensure_ascii=False).encode()
    json.dumps(sorted(parsed.keys), ensure_ascii=False).encode()
