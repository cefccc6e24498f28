"""Feed copies the tests build from the team's small fixture: numbered runs, chosen records."""

from __future__ import annotations

import datetime as dt
import json

from eewatch.domain.fetches import FeedFetch
from tests.support.fetches import copy_fetch
from tests.support.paths import FIXTURES

TEMPLATE = json.loads((FIXTURES / "feed" / "small.json").read_bytes())["rounds"][0]
FEED_PATH = "/ee_rounds_123_en.json"
MI = "https://www.canada.ca/en/immigration-refugees-citizenship/ministerial-instructions/express-entry-rounds"


def numbered_feed(count: int) -> bytes:
    """A feed of ``count`` rounds, #400 upwards, one day apart, newest first."""
    records = []
    for i in range(count):
        day = dt.date(2025, 1, 6) + dt.timedelta(days=i)
        record = dict(TEMPLATE)
        record.update(
            drawNumber=str(400 + i),
            drawDate=day.isoformat(),
            drawDateFull=f"{day:%B} {day.day}, {day.year}",
            drawDateTime=f"{day:%B %d, %Y} 14:00:00 UTC",
            drawCutOff=f"{day - dt.timedelta(days=5):%B %d, %Y} 10:00:00 UTC",
        )
        records.append(record)
    return json.dumps({"classes": "wb-tables", "rounds": records[::-1]}).encode()


def feed_with(*records: dict[str, str]) -> bytes:
    """A feed of these records, each the fixture's first record with the given keys changed."""
    base = TEMPLATE
    return json.dumps({"classes": "wb-tables", "rounds": [{**base, **r} for r in records]}).encode()


def feed_fetch(body: bytes) -> FeedFetch:
    """``body`` as the feed spider would hand it on (a 200 taking 3 ms)."""
    return copy_fetch(body, duration_ms=3)


#: Round 254, the first STEM round, as the feed published it.
ROUND_254 = {
    "drawNumber": "254",
    "drawNumberURL": f"<a href='{MI}/invitations-254.html'>254</a>",
    "drawDate": "2023-07-05",
    "drawDateFull": "July 5, 2023",
    "drawName": "STEM occupations (2023-1)",
    "drawSize": "500",
    "drawCRS": "491",
    "drawDateTime": "July 05, 2023 13:38:22 UTC",
    "drawCutOff": "July 2, 2023 at 10:46:54 UTC",
}
