"""Announcements in the store: provisional rounds, comparisons with the feed, one transaction each."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from sqlalchemy import func, select

from eewatch.config import STORED_PAGES, ConfigError, parse_config
from eewatch.domain.announcement import ARTICLE, PAGE
from eewatch.domain.clock import FrozenClock
from eewatch.domain.fetches import SourceDocument
from eewatch.store import schema
from eewatch.store.announcements import record_feed_disagreements
from eewatch.store.schema import round_occupations, round_source_warnings, source_observations
from eewatch.store.store import Store
from scraper.fetch import document_from_response
from scraper.parsing.article import parse_article
from scraper.parsing.mi_page import parse_page
from tests.support.feeds import ROUND_254, feed_fetch, feed_with
from tests.support.http import FixtureServer

FIXTURES = Path(__file__).parent / "fixtures"
PAGES = FIXTURES / "pages"
MI = "https://www.canada.ca/en/immigration-refugees-citizenship/ministerial-instructions/express-entry-rounds"


@pytest.fixture
def clock() -> FrozenClock:
    return FrozenClock(dt.datetime(2026, 11, 25, 12, 0, tzinfo=dt.UTC))


@pytest.fixture
def store(db_url: str, clock: FrozenClock) -> Store:
    s = Store.open(db_url, clock)
    yield s
    s.close()


def page_doc(name: str, url: str | None = None, body: bytes | None = None) -> SourceDocument:
    return document_from_response(
        url=url or f"{MI}/{name.split('-')[0]}-{name.split('-')[1].split('.')[0]}.html",
        kind=PAGE,
        status=200,
        body=body if body is not None else (PAGES / name).read_bytes(),
        parse=parse_page,
    )


def occupations(store: Store, round_id: str) -> list[tuple[str, str]]:
    o = round_occupations
    query = select(o.c.occupation, o.c.noc_code).where(o.c.round_id == round_id).order_by(o.c.id)
    with store.engine.connect() as conn:
        return [(row.occupation, row.noc_code) for row in conn.execute(query)]


def count(store: Store, table: object) -> int:
    with store.engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(table)).scalar_one()


def status_of(store: Store, round_id: str) -> str | None:
    with store.engine.connect() as conn:
        return conn.execute(select(schema.rounds.c.status).where(schema.rounds.c.id == round_id)).scalar()


def test_an_unknown_round_is_stored_provisional_with_revision_and_event(store: Store) -> None:
    summary = store.record_source_document(page_doc("invitations-254-stem.html"))
    assert summary.provisional == ["254"] and summary.events == 1 and summary.occupations == 5
    (stored,) = store.rounds(include_provisional=True)
    assert stored.id == "254" and stored.crs_min == 486 and stored.category == "stem"
    assert status_of(store, "254") == "provisional"
    (revision,) = store.revisions("254")
    assert revision["source"] == PAGE and revision["record"]["invitations"] == 500
    (event,) = store.events()
    assert event["kind"] == "new_round" and event["payload"]["provisional"] is True
    assert event["payload"]["round"]["id"] == "254" and event["baseline"] is True  # no confirmed round yet
    assert occupations(store, "254")[0] == ("Architects", "21200")
    (observation,) = _observations(store)
    assert (
        observation["action"] == "provisional" and observation["facts"]["fields"]["crs_min"]["value"] == 486
    )
    assert observation["facts"]["fields"]["crs_min"]["snippet"].startswith("CRS score of lowest-ranked")


def test_a_source_that_disagrees_with_the_feed_is_a_warning_not_a_change(store: Store, clock) -> None:
    store.record_feed_fetch(feed_fetch(feed_with(ROUND_254)))
    events_before = len(store.events())
    summary = store.record_source_document(page_doc("invitations-254-stem.html"))
    assert summary.provisional == [] and summary.compared == ["254"] and summary.events == 0
    assert summary.disagreements == ["254 crs_min"]
    assert store.rounds()[0].crs_min == 491  # the feed wins
    assert status_of(store, "254") == "confirmed"
    assert len(store.events()) == events_before and len(store.revisions("254")) == 1
    warnings = store.source_warnings(["254", "999"])
    assert list(warnings) == ["254"]
    # (The fixture page lists 5 of the 24 STEM occupations: the second line says so.)
    assert warnings["254"][0] == f"page {MI}/invitations-254.html says crs_min 486; the feed says 491"
    assert len(warnings["254"]) == 2 and "of the shipped stem 2023 list" in warnings["254"][1]
    # The same page again: the warnings are seen again, not duplicated.
    clock.advance(hours=1)
    store.record_source_document(page_doc("invitations-254-stem.html"))
    with store.engine.connect() as conn:
        rows = conn.execute(select(round_source_warnings)).all()
    assert len(rows) == 2 and all(row.last_seen > row.first_seen for row in rows)


def test_an_agreeing_source_leaves_no_warning(store: Store) -> None:
    store.record_feed_fetch(feed_fetch(feed_with({**ROUND_254, "drawCRS": "486"})))
    summary = store.record_source_document(page_doc("invitations-254-stem.html"))
    assert summary.disagreements == []
    # The fixture page lists 5 of the 24 STEM occupations: that, and only that, is a warning.
    (line,) = store.source_warnings(["254"])["254"]
    assert "lacks NOC" in line and "of the shipped stem 2023 list" in line
    assert count(store, round_occupations) == 5


def test_a_page_occupation_list_is_checked_against_the_shipped_list_of_the_round_date(store: Store) -> None:
    from eewatch.domain.occupations import load_catalog

    store.record_feed_fetch(feed_fetch(feed_with({**ROUND_254, "drawCRS": "486"})))
    # 21301 (mechanical engineers) joined STEM only in 2025; the page of a 2023 round lists it.
    body = (PAGES / "invitations-254-stem.html").read_bytes().replace(b"<td>21300</td>", b"<td>21301</td>")
    summary = store.record_source_document(page_doc("invitations-254-stem.html", body=body))
    assert summary.occupation_mismatches == ["254"] and summary.disagreements == []
    (line,) = store.source_warnings(["254"])["254"]
    assert line.startswith(
        f"page {MI}/invitations-254.html lists NOC 21301 not on the shipped stem 2023 list"
    )
    assert "21300" in line.split("lacks NOC", 1)[1]  # on the shipped list, not on this page
    assert "21301" in [o[1] for o in occupations(store, "254")]  # the page's list is still stored
    # A page listing exactly the shipped list leaves no warning.
    rows = "".join(
        f"<tr><td>{o.title}</td><td>{o.noc}</td></tr>"
        for o in load_catalog().lookup_version("stem", "2023").occupations or ()
    )
    full = (PAGES / "invitations-254-stem.html").read_text()
    start, end = full.index("<tr><td>Architects"), full.index("</tbody>")
    exact = (full[:start] + rows + full[end:]).encode()
    summary = store.record_source_document(
        page_doc("invitations-254-stem.html", url=f"{MI}/x-254.html", body=exact)
    )
    assert summary.occupation_mismatches == []


@pytest.mark.parametrize("name", ["unrelated.html", "empty.html", "labels-changed-209.html"])
def test_bad_pages_store_no_round(store: Store, name: str) -> None:
    doc = page_doc(name, url=f"{MI}/{name}")
    assert doc.outcome == "error" and doc.error
    summary = store.record_source_document(doc)
    assert summary.error == doc.error
    assert count(store, schema.rounds) == 0 and store.events() == []
    assert count(store, schema.round_revisions) == 0
    (observation,) = _observations(store)
    assert observation["action"] == "error" and observation["error"] == doc.error


def test_an_article_fills_in_a_provisional_round_and_keeps_rounds_apart(store: Store) -> None:
    article = (FIXTURES / "articles" / "stem-254-with-previous.html").read_bytes()
    doc = document_from_response(
        url="https://news.example/ee-254", kind=ARTICLE, status=200, body=article, parse=parse_article
    )
    summary = store.record_source_document(doc)
    assert sorted(summary.provisional) == ["253", "254"]
    by_id = {r.id: r for r in store.rounds(include_provisional=True)}
    assert by_id["254"].crs_min == 486 and by_id["253"].crs_min == 510
    assert by_id["254"].url is None  # an article is not the round's page
    # A second article, undated, gives #254's held_at? No: only what it states; it fills what is missing.
    more = "Express Entry draw #253 was held on November 5, 2026 at 14:00:00 UTC."
    store.record_source_document(_article("https://news.example/253", more))
    filled = {r.id: r for r in store.rounds(include_provisional=True)}["253"]
    assert filled.held_at == dt.datetime(2026, 11, 5, 14, 0, tzinfo=dt.UTC) and filled.invitations == 1000
    assert [r["source"] for r in store.revisions("253")] == [ARTICLE, ARTICLE]
    assert [e["round_id"] for e in store.events()] == ["254", "253"]  # filling in is not a new round


def test_undated_unknown_rounds_are_observed_but_not_stored(store: Store) -> None:
    doc = _article("https://news.example/x", "Draw #300 invited 2,000 candidates.")
    summary = store.record_source_document(doc)
    assert summary.provisional == [] and summary.skipped
    assert count(store, schema.rounds) == 0
    assert _observations(store)[0]["action"] == "undated"


def test_a_failing_write_leaves_nothing_half_written(store: Store, monkeypatch) -> None:
    import eewatch.store.announcements as sources_store

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(sources_store, "_store_occupations", broken)
    with pytest.raises(RuntimeError):
        store.record_source_document(page_doc("invitations-254-stem.html"))
    assert count(store, schema.rounds) == 0 and store.events() == [] and count(store, schema.fetches) == 0
    assert count(store, source_observations) == 0


def test_static_page_urls(store: Store) -> None:
    store.record_feed_fetch(feed_fetch((FIXTURES / "feed" / "small.json").read_bytes()))
    urls = store.static_page_urls(10)
    assert urls and all("/invitations-" in u and "?q=" not in u for u in urls)
    assert urls[0].endswith("invitations-91b.html")  # the newest static page first
    assert len(store.static_page_urls(1)) == 1


def test_sources_config() -> None:
    config = parse_config(
        {
            "sources": [
                {"url": f"{MI}/invitations-205.html", "kind": "page"},
                {"url": "https://news.example/a", "kind": "article"},
                {"kind": STORED_PAGES, "limit": 5},
            ]
        },
        "c.toml",
    )
    kinds = [(s.kind, s.url) for s in config.sources]
    assert kinds[0] == ("page", f"{MI}/invitations-205.html") and kinds[2] == (STORED_PAGES, None)
    assert parse_config({}, "c.toml").sources == ()


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ({"url": "https://x", "kind": "blog"}, "c.toml: [[sources]] kind: 'blog' is not one of"),
        ({"url": "https://x", "kind": "page", "when": 1}, "c.toml: [[sources]] when: unknown key"),
        ({"url": "https://x"}, "c.toml: [[sources]] kind: missing"),
        ({"kind": "article"}, "c.toml: [[sources]] url:"),
        ({"kind": STORED_PAGES, "limit": 0}, "c.toml: [[sources]] limit:"),
    ],
)
def test_bad_sources_config_is_one_line(entry: dict[str, object], message: str) -> None:
    with pytest.raises(ConfigError) as caught:
        parse_config({"sources": [entry]}, "c.toml")
    assert str(caught.value).startswith(message) and "\n" not in str(caught.value)


def test_the_page_spider_for_real_then_the_feed_confirms(
    http_server: FixtureServer, tmp_path: Path, clock: FrozenClock
) -> None:
    """The spider over loopback HTTP into a SQLite file, in a child process (the reactor runs once)."""
    db_url = f"sqlite:///{tmp_path / 'spider.sqlite'}"
    good = http_server.serve(
        "/invitations-254.html",
        (PAGES / "invitations-254-stem.html").read_bytes(),
        **{"Content-Type": "text/html"},
    )
    bad = http_server.serve("/unrelated.html", (PAGES / "unrelated.html").read_bytes())
    config = tmp_path / "config.toml"
    config.write_text(
        f'[database]\nurl = "{db_url}"\n\n'
        f'[[sources]]\nurl = "{good}"\nkind = "page"\n\n'
        f'[[sources]]\nurl = "{bad}"\nkind = "page"\n\n'
        f'[[sources]]\nurl = "{http_server.url("/missing.html")}"\nkind = "page"\n'
    )
    script = textwrap.dedent(
        f"""
        from eewatch.config import load_config
        from scraper.crawl import CrawlerProcess, CrawlResult, add_source_crawls, scrapy_settings
        from eewatch.store.store import Store
        config = load_config({str(config)!r})
        store = Store.open(config.database.url)
        process = CrawlerProcess(scrapy_settings(config))
        result = CrawlResult()
        add_source_crawls(process, config, store, result)
        process.start()
        for stored in result.documents:
            doc = stored.fetch
            print(doc.outcome, doc.url.rsplit("/", 1)[-1], stored.summary.provisional)
        """
    )
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    assert sorted(run.stdout.splitlines()) == [
        "changed invitations-254.html ['254']",
        "error missing.html []",
        "error unrelated.html []",
    ]
    assert {hit.path for hit in http_server.hits} == {
        "/invitations-254.html",
        "/unrelated.html",
        "/missing.html",
    }

    store = Store.open(db_url, clock)
    try:
        assert (
            status_of(store, "254") == "provisional"
            and store.rounds(include_provisional=True)[0].crs_min == 486
        )
        # The feed brings #254 with another CRS: the feed wins, the page's figure becomes a warning.
        store.record_feed_fetch(
            feed_fetch(feed_with({**ROUND_254, "drawNumberURL": f"<a href='{good}'>254</a>"}))
        )
        assert store.rounds()[0].crs_min == 491
        with store.engine.begin() as conn:
            assert record_feed_disagreements(conn, ["254"], clock()) == 1
        lines = store.source_warnings(["254"])["254"]  # and the fixture's partial occupation list:
        assert [line for line in lines if "shipped" not in line] == [
            f"page {good} says crs_min 486; the feed says 491"
        ]
        assert status_of(store, "254") == "confirmed"
        provisional, confirmed = store.events("new_round")
        assert provisional["payload"]["provisional"] is True and provisional["round_id"] == "254"
        assert confirmed["payload"].get("confirmed") is True and confirmed["round_id"] == "254"
        assert [r["source"] for r in store.revisions("254")] == [PAGE, "feed"]
    finally:
        store.close()


def _article(url: str, text: str) -> SourceDocument:
    """An article fetched from ``url`` with the body ``text``, parsed."""
    return document_from_response(url=url, kind=ARTICLE, status=200, body=text.encode(), parse=parse_article)


def _observations(store: Store) -> list[dict[str, object]]:
    with store.engine.connect() as conn:
        return [
            dict(r._mapping)
            for r in conn.execute(select(source_observations).order_by(source_observations.c.id))
        ]


def test_an_unnumbered_mention_is_linked_to_the_stored_round_of_its_date(store: Store) -> None:
    """'The draw on July 5 invited 500 candidates, with a cut-off of 486' names no number: same date
    and same count as stored #254, so it is #254's: an independent confirmation, the cut-off compared."""
    store.record_feed_fetch(feed_fetch(feed_with(ROUND_254)))
    text = (
        "Published July 6, 2023\n\n"
        "Canada held a STEM draw on July 5, 2023, inviting 500 candidates; "
        "the lowest-ranked candidate invited in it had a CRS score of 486.\n"
    )
    doc = _article("https://news.example/stem-draw", text)
    [mention] = doc.announcement.rounds
    assert mention.round_id is None  # the article gives no number
    summary = store.record_source_document(doc)
    assert summary.linked == ["254"] and summary.disagreements == ["254 crs_min"]
    assert summary.provisional == [] and count(store, schema.rounds) == 1
    [line] = store.source_warnings(["254"])["254"]
    assert line == "article https://news.example/stem-draw says crs_min 486; the feed says 491"
    [observation] = [o for o in _observations(store) if o["action"] == "linked"]
    assert observation["round_id"] == "254"


def test_an_unnumbered_mention_matching_nothing_is_not_linked(store: Store) -> None:
    store.record_feed_fetch(feed_fetch(feed_with(ROUND_254)))
    text = (
        "Published July 6, 2023\n\nA draw on July 5, 2023 invited 777 candidates with a CRS cut-off of 333.\n"
    )
    doc = _article("https://news.example/other", text)
    summary = store.record_source_document(doc)
    assert summary.linked == [] and summary.disagreements == []


def test_an_article_is_read_against_the_confirmed_rounds_before_it_is_stored(store: Store) -> None:
    """A provincial draw on a day IRCC held no round is observed as no round; a number naming
    another day's round is left out, so no false date disagreement lands on that round."""
    later = {"drawNumber": "260", "drawDate": "2023-08-01", "drawDateFull": "August 1, 2023"}
    store.record_feed_fetch(feed_fetch(feed_with(ROUND_254, later)))
    provincial = (
        "Published July 21, 2023\n\n"
        "On July 20, 2023, the province's stream invited 350 candidates from the pool with scores as low "
        "as 301.\n"
    )
    doc = _article("https://news.example/alberta", provincial)
    assert len(doc.announcement.rounds) == 1  # the text alone reads a round there
    summary = store.record_source_document(doc)
    assert summary.skipped == ["the document names no round IRCC's record bears out"]
    [observation] = _observations(store)
    assert observation["action"] == "unnumbered" and observation["round_id"] is None
    misnumbered = (
        "Published July 6, 2023\n\nExpress Entry draw #260 took place on July 5, 2023: 500 invitations.\n"
    )
    doc = _article("https://news.example/260", misnumbered)
    assert doc.announcement.rounds[0].round_id.value == "260"
    summary = store.record_source_document(doc)
    assert summary.compared == ["254"] and summary.linked == ["254"] and summary.disagreements == []
    assert store.source_warnings(["260"]) == {}


def test_a_round_the_record_cannot_bear_out_is_kept_as_an_observation_with_its_facts(store: Store) -> None:
    """Dropped from the rounds, never from the store: what the article said of it stays, and why."""
    later = {"drawNumber": "260", "drawDate": "2023-08-01", "drawDateFull": "August 1, 2023"}
    store.record_feed_fetch(feed_fetch(feed_with(ROUND_254, later)))
    text = (
        "Published July 21, 2023\n\n"
        "Canada held a STEM draw on July 5, 2023, inviting 500 candidates with a cut-off of 486.\n\n"
        "On July 20, 2023, the province's stream invited 350 candidates from the pool with scores as low "
        "as 301.\n"
    )
    doc = _article("https://news.example/two", text)
    assert len(doc.announcement.rounds) == 2
    summary = store.record_source_document(doc)
    assert summary.linked == ["254"]
    [kept] = [o for o in _observations(store) if o["action"] == "unnumbered"]
    assert kept["round_id"] is None
    assert kept["facts"]["fields"]["invitations"]["value"] == 350
    assert any("2023-07-20" in w and "IRCC's record has no round" in w for w in kept["warnings"])


def test_a_figure_by_context_the_record_contradicts_is_observed_as_a_doubt_not_a_disagreement(
    store: Store,
) -> None:
    """'It invited 500 ... The lowest score was 486' after the round's date: the cut-off's sentence names no
    round, and the record's round of that day has another (491): it may be another round's, so it is no
    disagreement of this round's; the observation keeps the figure's text and the record's in its warning."""
    store.record_feed_fetch(feed_fetch(feed_with(ROUND_254)))
    text = (
        "Published July 6, 2023\n\n"
        "Canada held a STEM draw on July 5, 2023. It invited 500 candidates.\n\n"
        "The lowest score invited was 486.\n"
    )
    doc = _article("https://news.example/stem", text)
    summary = store.record_source_document(doc)
    assert summary.linked == ["254"] and summary.disagreements == []
    [observation] = [o for o in _observations(store) if o["action"] == "linked"]
    assert observation["facts"]["fields"]["crs_min"] is None
    assert any(
        "'score invited was 486' comes from a sentence that does not name this round" in w
        and "491 (round 254)" in w
        for w in observation["warnings"]
    )
