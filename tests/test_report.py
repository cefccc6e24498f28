"""The static report: every file, escaped names, missing values, offline, written atomically."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from eewatch.app.views.export import render
from eewatch.app.views.site import MARKER, ReportError, build_report, builds_dir
from eewatch.foundation.clock import FrozenClock
from eewatch.foundation.config import ConfigError, ReportConfig, parse_config, parse_report
from eewatch.foundation.db.store import Store
from scraper.domain.fetch import feed_fetch_from_response
from tests.conftest import run_cli

FIXTURES = Path(__file__).parent / "fixtures" / "views"
NOW = dt.datetime(2025, 3, 1, 12, tzinfo=dt.UTC)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    store = Store.open(f"sqlite:///{tmp_path / 'report.sqlite'}", FrozenClock(NOW))
    store.record_feed_fetch(
        feed_fetch_from_response(
            url="file:rounds.json",
            status=200,
            body=(FIXTURES / "rounds.json").read_bytes(),
            etag=None,
            last_modified=None,
            previous_sha256=None,
            duration_ms=1,
        )
    )
    yield store
    store.close()


@pytest.fixture
def site(store: Store, tmp_path: Path) -> Path:
    build_report(store, tmp_path / "site", FrozenClock(NOW), title="EE <rounds>")
    return tmp_path / "site"


def test_every_file_is_written(site: Path, store: Store) -> None:
    names = {p.name for p in site.iterdir()}
    assert {
        "index.html",
        "feed.xml",
        "rounds.json",
        "rounds.csv",
        "report.css",
        "report.js",
        "general.html",
        "program-cec.html",
        "program-pnp.html",
        "category-healthcare.html",
        "category-stem.html",
        "category-trades.html",
    } <= names
    assert json.loads((site / "rounds.json").read_text()) == [r.to_dict() for r in store.rounds()]
    assert (site / "rounds.csv").read_text() == render(store.rounds(), "csv")


def test_index_has_the_charts_and_their_tables(site: Path) -> None:
    index = (site / "index.html").read_text()
    for section in ("latest", "crs-categories", "crs-programs", "invitations", "pool", "stats", "groups"):
        assert f'<section id="{section}">' in index
    assert index.count('<svg class="chart') == 4
    assert index.count("<details><summary>Data table</summary>") == 4
    assert re.search(r'<circle [^>]*data-tip="#397 2024-12-10 STEM occupations: CRS 480"', index)
    # The pool: 2025-02-19 against 2024-11-19, three months before.
    assert "2025-02-19 (published with round #401), against 2024-11-19 (round #397)" in index
    assert 'href="category-stem.html"' in index


def test_round_names_are_escaped_everywhere(site: Path) -> None:
    for page in site.glob("*.html"):
        html = page.read_text()
        assert "<script>alert" not in html, page.name
        assert "<rounds>" not in html, page.name
    trades = (site / "category-trades.html").read_text()
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; crafts" in trades
    assert "<title>EE &lt;rounds&gt;</title>" in (site / "index.html").read_text()


def test_missing_values_are_marked_not_zero(site: Path) -> None:
    stem = (site / "category-stem.html").read_text()
    row = re.search(r"<tr[^>]*>(?:(?!</tr>).)*>#398<(?:(?!</tr>).)*</tr>", stem, re.S)
    assert row and row.group(0).endswith(
        '<td class="num">–</td><td class="num">1,000</td></tr>'
    )  # CRS, invitations
    assert "No cut-off published (left out): STEM occupations: #398" in stem


def test_works_offline(site: Path) -> None:
    for page in site.glob("*.html"):
        html = page.read_text()
        assert not re.search(r'<(script|link|img)[^>]+(src|href)="(https?:)?//', html), page.name
    assert "http" not in (site / "report.js").read_text()
    assert "url(" not in (site / "report.css").read_text()


def test_rebuild_switches_atomically_and_prunes(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "site"
    first = build_report(store, out, FrozenClock(NOW))
    second = build_report(store, out, FrozenClock(NOW + dt.timedelta(hours=1)))
    assert out.is_symlink() and out.resolve() == second.build_dir.resolve()
    assert first.build_dir.exists()  # the previous build stays for readers mid-page
    third = build_report(store, out, FrozenClock(NOW + dt.timedelta(hours=2)))
    assert not first.build_dir.exists()
    assert sorted(p.name for p in builds_dir(out).iterdir()) == sorted(
        [second.build_dir.name, third.build_dir.name]
    )
    assert not list(tmp_path.glob(".site.link-*"))
    assert third.pages[0] == "category-healthcare.html" and third.rounds == 9


def test_an_empty_directory_is_taken_over(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "www"
    out.mkdir()
    build_report(store, out, FrozenClock(NOW))
    assert out.is_symlink() and (out / "index.html").exists() and (out / MARKER).exists()


def test_a_foreign_directory_is_never_replaced(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "home"
    out.mkdir()
    (out / "thesis.tex").write_text("years of work")
    with pytest.raises(ReportError, match="not an eewatch report"):
        build_report(store, out, FrozenClock(NOW))
    assert (out / "thesis.tex").read_text() == "years of work"


def test_an_empty_store_gives_a_page(tmp_path: Path) -> None:
    store = Store.open(f"sqlite:///{tmp_path / 'empty.sqlite'}", FrozenClock(NOW))
    summary = build_report(store, tmp_path / "site", FrozenClock(NOW))
    store.close()
    assert summary.rounds == 0 and summary.pages == ("index.html",)
    assert "No rounds stored yet" in (tmp_path / "site" / "index.html").read_text()


CONFIGS = [
    ("absent", None, ReportConfig()),
    ("out", {"out": "/srv/ee"}, ReportConfig(out=Path("/srv/ee"))),
    (
        "title-and-url",
        {"title": "EE", "site_url": "https://x.org/ee/"},
        ReportConfig(title="EE", site_url="https://x.org/ee/"),
    ),
]


@pytest.mark.parametrize(("raw", "expected"), [c[1:] for c in CONFIGS], ids=[c[0] for c in CONFIGS])
def test_report_config(raw: object, expected: ReportConfig) -> None:
    assert parse_report(raw, "test.toml") == expected


BAD_CONFIGS = [
    ("not-a-table", "nope", "must be a table"),
    ("unknown-key", {"outdir": "x"}, "unknown key"),
    ("empty-out", {"out": " "}, "non-empty string"),
    ("not-a-url", {"site_url": "example.org"}, "http"),
]


@pytest.mark.parametrize(("raw", "message"), [c[1:] for c in BAD_CONFIGS], ids=[c[0] for c in BAD_CONFIGS])
def test_bad_report_config(raw: object, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        parse_report(raw, "test.toml")


def test_report_section_is_registered() -> None:
    config = parse_config({"report": {"out": "/srv/ee"}})
    assert config.report == ReportConfig(out=Path("/srv/ee"))


@pytest.mark.slow
def test_cli_report(store: Store, tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text(f'[report]\nout = "{tmp_path / "www"}"\ntitle = "From config"\n')
    env = {"EEWATCH_DATABASE_URL": str(store.engine.url)}
    result = run_cli("report", "--config", str(config), env=env)
    assert result.returncode == 0, result.stderr
    assert "to " + str(tmp_path / "www") in result.stdout
    assert "<title>From config</title>" in (tmp_path / "www" / "index.html").read_text()
    missing = run_cli("report", "--config", str(tmp_path / "config.toml.absent"), env=env)
    assert missing.returncode == 2
