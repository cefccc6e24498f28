"""Hostile world II, output: what the feed says must not break or subvert the report and the exports.

Each test is one scenario of ``docs/hostile.md`` ("Hostile world II: output") and
fails on the code before the fix: a round name too long for a file name, control
characters in a name (invalid XML, escape sequences to a terminal), and links
that are not IRCC's own pages.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from eewatch.app.views.site import build_report
from eewatch.domain.clock import FrozenClock
from eewatch.store.store import Store
from scraper.links import safe_round_url
from tests.support.cli import cli, cli_process
from tests.support.fetches import copy_fetch

feedparser = pytest.importorskip("feedparser", reason="feedparser not installed (add it to the test extra)")

pytestmark = pytest.mark.hostile

FIXTURE = Path(__file__).parent / "fixtures" / "views" / "rounds.json"
NOW = dt.datetime(2025, 3, 1, 12, tzinfo=dt.UTC)
ESCAPES = "\x1b]0;pwned\x07 \x1b[2J\x9b31m"
MI = "/content/canadasite/en/immigration-refugees-citizenship/corporate/mandate/ministerial-instructions.html"


def _feed(change: Callable[[dict[str, Any]], None]) -> bytes:
    """The views fixture with ``change`` applied to round #400 (CEC)."""
    document = json.loads(FIXTURE.read_bytes())
    for record in document["rounds"]:
        if record["drawNumber"] == "400":
            change(record)
    return json.dumps(document).encode()


def _href(href: str) -> Callable[[dict[str, Any]], None]:
    def change(record: dict[str, Any]) -> None:
        for key in ("drawNumberURL", "mitext", "DrawText1"):
            record[key] = f"<a href='{href}'>400</a>"

    return change


def _name(name: str) -> Callable[[dict[str, Any]], None]:
    def change(record: dict[str, Any]) -> None:
        record["drawName"] = name

    return change


def _database(tmp_path: Path, body: bytes) -> str:
    url = f"sqlite:///{tmp_path / 'hostile.sqlite'}"
    with Store.open(url, FrozenClock(NOW)) as store:
        store.record_feed_fetch(copy_fetch(body, url="file:hostile.json"))
    return url


def _report(tmp_path: Path, body: bytes) -> Path:
    url = _database(tmp_path, body)
    with Store.open(url, FrozenClock(NOW)) as store:
        build_report(store, tmp_path / "site", FrozenClock(NOW))
    return tmp_path / "site"


def _hrefs(site: Path) -> list[str]:
    return [h for page in site.glob("*.html") for h in re.findall(r'href="([^"]*)"', page.read_text())]


def test_a_round_name_too_long_for_a_file_name(tmp_path: Path) -> None:
    body = _feed(_name("Supercalifragilistic" * 20 + " occupations (Version 1)"))
    url = _database(tmp_path, body)
    result = cli("report", "--out", str(tmp_path / "www"), env={"EEWATCH_DATABASE_URL": url})
    assert result.returncode == 0, result.stderr
    names = [p.name for p in (tmp_path / "www").iterdir()]
    assert all(len(n.encode()) <= 80 for n in names), names
    pages = [n for n in names if n.startswith("category-supercalifragilistic")]
    assert len(pages) == 1
    assert f'href="{pages[0]}"' in (tmp_path / "www" / "index.html").read_text()


def test_control_characters_keep_the_feed_valid_xml(tmp_path: Path) -> None:
    site = _report(tmp_path, _feed(_name(f"Canadian Experience Class{ESCAPES}\x00\x0c\ufffe")))
    parsed = feedparser.parse((site / "feed.xml").read_bytes())
    assert not parsed.bozo, parsed.get("bozo_exception")
    titles = [e.title for e in parsed.entries if e.id.endswith("/400")]
    assert titles and "\\x1b]0;pwned\\x07" in titles[0]
    for name in ("feed.xml", "rounds.json", "rounds.csv", "index.html"):
        data = (site / name).read_text()
        assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe]", data), name


@pytest.mark.parametrize(
    "argv", [("rounds", "--format", "csv"), ("export", "--format", "csv"), ("rounds", "--format", "json")]
)
def test_control_characters_never_reach_the_terminal(tmp_path: Path, argv: tuple[str, ...]) -> None:
    url = _database(tmp_path, _feed(_name(f"Canadian Experience Class{ESCAPES}")))
    result = cli_process(*argv, env={"EEWATCH_DATABASE_URL": url})
    assert result.returncode == 0, result.stderr
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f]", result.stdout.replace("\r\n", "\n"))
    assert "pwned" in result.stdout  # kept as visible text, not dropped


@pytest.mark.parametrize(
    "href",
    ["//evil.example/phish", "javascript:alert(document.cookie)", "https://evil.example/" + MI],
)
def test_links_not_on_canada_ca_are_text_not_links(tmp_path: Path, href: str) -> None:
    site = _report(tmp_path, _feed(_href(href)))
    hrefs = _hrefs(site)
    assert not [h for h in hrefs if "evil" in h or h.startswith("javascript")], hrefs
    assert all(
        h.startswith("https://www.canada.ca/") or re.fullmatch(r"[\w.-]+\.(html|xml|json|csv|svg|css)", h)
        for h in hrefs
        if not h.startswith("#") and not h.startswith("?")
    ), hrefs
    index = (site / "index.html").read_text()
    assert '<p class="note" id="unsafe-links">' in index and "#400: &#x27;" in index  # kept as text
    feed = feedparser.parse((site / "feed.xml").read_bytes())
    entry = next(e for e in feed.entries if e.id.endswith("/400"))
    assert entry.link == "program-cec.html"
    exported = {r["id"]: r for r in json.loads((site / "rounds.json").read_text())}
    assert exported["400"]["url"] is None
    assert any("kept as text" in w for w in exported["400"]["warnings"])
    assert exported["401"]["url"].startswith("https://www.canada.ca/")
    assert "evil" not in (site / "rounds.csv").read_text().split("kept as text")[0]


def test_http_canada_ca_is_upgraded(tmp_path: Path) -> None:
    site = _report(tmp_path, _feed(_href("http://www.canada.ca/en/mi.html?q=400")))
    exported = {r["id"]: r for r in json.loads((site / "rounds.json").read_text())}
    assert exported["400"]["url"] == "https://www.canada.ca/en/mi.html?q=400"
    assert 'href="https://www.canada.ca/en/mi.html?q=400"' in (site / "index.html").read_text()


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://www.canada.ca/en/a.html?q=1#x", "https://www.canada.ca/en/a.html?q=1#x"),
        ("http://www.canada.ca/en/a.html", "https://www.canada.ca/en/a.html"),
        ("HTTPS://WWW.Canada.CA/en/", "https://www.canada.ca/en/"),
        ("//evil.example/phish", None),
        ("javascript:alert(1)", None),
        ("JaVaScRiPt:alert(1)", None),
        ("data:text/html,<script>", None),
        ("https://www.canada.ca@evil.example/", None),
        ("https://www.canada.ca.evil.example/", None),
        ("https://www.canada.ca:8443/", None),
        ("https://www.canada.ca\\@evil.example/", None),
        ("https://www.canada.ca/a\nb", None),
        ("https://canada.ca/en/", None),
        ("ftp://www.canada.ca/x", None),
        ("/en/relative.html", None),
        ("", None),
        (None, None),
    ],
)
def test_safe_round_url(url: str | None, expected: str | None) -> None:
    assert safe_round_url(url) == expected
