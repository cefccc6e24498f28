"""The project's own 2026 feed copy (``tests/fixtures/feed/2026.json``): the real record format, real facts.

Its rounds are IRCC's 2026 rounds as reproduced by the pages listed in ``../helpers/2026-facts.md``
(numbers, dates, names, invitations, cut-offs, round and tie-break times); a time nobody reproduced
is IRCC's own empty value, and no pool distribution was read (all "0", as IRCC's early rounds).
"""

from __future__ import annotations

import datetime as dt
import json

from scraper.parsing.feed import parse_feed
from tests.support.paths import FIXTURES

COPY = FIXTURES / "feed" / "2026.json"
KEYS = {
    "drawNumber", "drawNumberURL", "drawDate", "drawDateFull", "drawName", "drawSize", "drawCRS",
    "mitext", "DrawText1", "drawText2", "drawDateTime", "drawCutOff", "drawDistributionAsOn",
    *(f"dd{i}" for i in range(1, 19)),
}  # fmt: skip


def test_the_copy_is_a_whole_document_of_31_string_keys_newest_first() -> None:
    data = json.loads(COPY.read_text())
    assert set(data) == {"classes", "rounds"}
    for record in data["rounds"]:
        assert set(record) == KEYS, record["drawNumber"]
        assert all(isinstance(v, str) for v in record.values())
    dates = [r["drawDate"] for r in data["rounds"]]
    assert dates == sorted(dates, reverse=True)


def test_the_copy_parses_without_problems_and_holds_the_rounds_other_tests_name() -> None:
    parsed = parse_feed(COPY.read_bytes())
    assert parsed.problems == ()
    by_id = {r.id: r for r in parsed.rounds}
    healthcare = by_id["422"]
    assert (healthcare.date, healthcare.invitations, healthcare.crs_min) == (dt.date(2026, 6, 25), 4000, 475)
    assert healthcare.tie_break_at == dt.datetime(2026, 5, 21, 12, 14, 9, tzinfo=dt.UTC)
    assert (healthcare.category, healthcare.category_version) == ("healthcare", "2026-3")
    assert (by_id["408"].category, by_id["408"].crs_min) == ("trades", 477)
    assert by_id["398"].crs_min == 467
