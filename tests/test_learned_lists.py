"""Lists learned from the source: a round's Ministerial Instructions page names the occupations it was open
to; where the catalog has no list for that category on that date, eewatch uses the page's list, marked as
learned from that page (its URL and date), until a shipped version covers the date.

The round and its page here are made up (no real round falls where the catalog has no list): an
agriculture round after the category was retired on 2026-02-18.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest

from eewatch.domain.clock import FrozenClock
from eewatch.domain.eligibility import Profile, assess
from eewatch.domain.fetches import SourceDocument
from eewatch.domain.occupations import load_catalog
from eewatch.store.store import Store
from scraper.fetch import document_from_response
from scraper.parsing.mi_page import parse_page
from tests.support.feeds import MI, feed_fetch, feed_with

PAGE_URL = f"{MI}/invitations-901.html"
PAGE = """<html><body><main>
<h1>Ministerial Instructions respecting invitations to apply for permanent residence under the Express Entry
system #901 – May 1, 2026</h1>
<p>Agriculture and agri-food occupations (2026-1)</p>
<p>Number of invitations issued: 400</p>
<p>Date and time of round: May 1, 2026 at 13:00:00 UTC</p>
<p>CRS score of lowest-ranked candidate invited: 430</p>
<p>Tie-breaking rule: April 2, 2026 at 10:00:00 UTC</p>
<h2>Eligible occupations</h2>
<table><tr><th>Occupation</th><th>2021 NOC code</th></tr>
<tr><td>Butchers - retail and wholesale</td><td>63201</td></tr>
<tr><td>Agricultural service contractors and farm supervisors</td><td>82030</td></tr>
</table></main></body></html>"""
ROUND = {
    "drawNumber": "901",
    "drawNumberURL": f"<a href='{MI}/invitations-901.html'>901</a>",
    "drawDate": "2026-05-01",
    "drawDateFull": "May 1, 2026",
    "drawName": "Agriculture and agri-food occupations (2026-1)",
    "drawSize": "400",
    "drawCRS": "430",
    "drawDateTime": "May 01, 2026 at 13:00:00 UTC",
    "drawCutOff": "April 02, 2026 at 10:00:00 UTC",
}
BUTCHER = Profile(crs=480, programs=("FSW",), noc=("63201",))


@pytest.fixture
def store(db_url: str) -> Store:
    s = Store.open(db_url, FrozenClock(dt.datetime(2026, 5, 2, tzinfo=dt.UTC)))
    yield s
    s.close()


def _page() -> SourceDocument:
    return document_from_response(url=PAGE_URL, kind="page", status=200, body=PAGE.encode(), parse=parse_page)


def test_a_page_list_is_used_where_the_catalog_has_none_and_says_it_was_learned(store: Store) -> None:
    store.record_feed_fetch(feed_fetch(feed_with(ROUND)))
    (round_,) = [r for r in store.rounds() if r.id == "901"]
    shipped = load_catalog()
    assert assess(round_, BUTCHER, shipped).eligible is None  # no agriculture list after 2026-02-18
    assert store.learned_lists() == ()
    store.record_source_document(_page())
    (learned,) = store.learned_lists()
    assert (learned.category, learned.source, learned.effective_from) == (
        "agriculture",
        PAGE_URL,
        round_.date,
    )
    assert learned.learned and learned.nocs == {"63201", "82030"}
    catalog = shipped.with_learned(store.learned_lists())
    said = assess(round_, BUTCHER, catalog)
    assert said.eligible is True
    assert said.reason == (
        f"eligible: NOC 63201 is in agriculture (the list learned from {PAGE_URL}, the page of 2026-05-01)"
    )
    cook = assess(round_, Profile(crs=480, noc=("63200",)), catalog)
    assert cook.eligible is False and "learned from" in cook.reason
    # A shipped list wins wherever it covers the date: the page's list is not used there.
    assert catalog.version_on("agriculture", dt.date(2025, 6, 1)).learned is False


def test_a_page_of_a_round_a_shipped_list_covers_teaches_nothing(store: Store) -> None:
    stem = dict(ROUND, drawName="STEM occupations (2026-1)")
    store.record_feed_fetch(feed_fetch(feed_with(stem)))
    store.record_source_document(_page())
    assert store.learned_lists() == ()


def test_the_alert_says_the_list_was_learned(store: Store, http_server: object) -> None:
    from eewatch.config import parse_config
    from notifier.run import run_alerts

    store.record_feed_fetch(feed_fetch(feed_with(dict(ROUND, drawNumber="900", drawDate="2026-04-30"))))
    store.record_source_document(_page())  # learned before the round arrives
    store.record_feed_fetch(
        feed_fetch(feed_with(ROUND, dict(ROUND, drawNumber="900", drawDate="2026-04-30")))
    )
    hook = f"json://127.0.0.1:{http_server.port}/hook"  # type: ignore[attr-defined]
    config = parse_config(
        {
            "profile": {"crs": 480, "programs": ["FSW"], "noc": ["63201"]},
            "alerts": [{"name": "mine", "eligible": True, "unknown": "skip", "notify": [hook]}],
        }
    )
    run_alerts(store, config)

    (hit,) = [json.loads(h.body) for h in http_server.hits if h.method == "POST"]  # type: ignore[attr-defined]
    assert "#901" in hit["title"]
    said = hit["message"].replace("\u200b", "")  # URLs in message text are defanged with zero-width spaces
    assert f"Eligibility: eligible: NOC 63201 is in agriculture (the list learned from {PAGE_URL}" in said
