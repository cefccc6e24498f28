"""The static report: every file, escaped names, missing values, offline, written atomically."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from eewatch.app.views import svg
from eewatch.app.views.export import render
from eewatch.app.views.groups import Group
from eewatch.app.views.series import Point, Series
from eewatch.app.views.site import MARKER, ReportError, build_report, builds_dir
from eewatch.config import ConfigError, ReportConfig, parse_config, parse_report
from eewatch.domain.clock import FrozenClock
from eewatch.store.store import Store
from scraper.fetch import feed_fetch_from_response
from tests.support.cli import cli

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
    for section in (
        "latest",
        "crs-categories",
        "crs-programs",
        "invitations",
        "pool",
        "rounds",
        "stats",
        "groups",
    ):
        assert f'<section id="{section}">' in index
    # general and programs; one small chart per category (healthcare, stem, trades); months; pool.
    assert index.count('<svg class="chart') == 6
    assert index.count('class="multiple"') == 3
    assert index.count("<details><summary>Data table</summary>") == 4
    assert re.search(r'<circle [^>]*data-tip="#397 2024-12-10 STEM occupations: CRS 480"', index)
    # The pool: 2025-02-19 against 2024-11-19, three months before.
    assert "2025-02-19 (published with round #401), against 2024-11-19 (round #397)" in index
    assert 'href="category-stem.html"' in index
    assert 'href="pool.html"' in index


def test_the_index_lists_every_round_with_what_the_script_needs(site: Path, store: Store) -> None:
    index = (site / "index.html").read_text()
    table = re.search(r'<table id="rounds-table" class="rounds">.*?</table>', index, re.S)
    assert table
    rows = re.findall(r"<tr (data-number[^>]*)>", table.group(0))
    assert len(rows) == len(store.rounds()) == 9
    first = dict(re.findall(r'data-([a-z]+)="([^"]*)"', rows[0]))
    assert first == {
        "number": "401",
        "date": "2025-02-20",
        "year": "2025",
        "type": "category",
        "category": "healthcare",
        "programs": "CEC FSW FST",
        "group": "category:healthcare",
        "crs": "470",
        "invitations": "2500",
    }
    assert '<th scope="col" class="num" data-sort="crs">CRS cut-off</th>' in table.group(0)
    latest = re.search(r'<section id="latest">.*?</section>', index, re.S)
    assert latest and latest.group(0).count("<tr>") == 1 + 6  # header + one row per kind


def test_charts_keep_series_apart(site: Path) -> None:
    for page in site.glob("*.html"):
        for chart in re.findall(r"<svg class=\"chart.*?</svg>", page.read_text(), re.S):
            colours = re.findall(r'<g class="series"[^>]*data-colour="([^"]+)"', chart)
            assert len(colours) <= svg.MAX_SERIES, page.name
            assert len(set(colours)) == len(colours), page.name


def test_crs_axes_are_not_magnified_and_say_where_they_start(site: Path) -> None:
    stem = (site / "category-stem.html").read_text()
    chart = re.search(r'<svg class="chart line-chart"[^>]*>', stem)
    assert chart
    low = float(re.search(r'data-y-low="([\d.]+)"', chart.group(0)).group(1))  # type: ignore[union-attr]
    high = float(re.search(r'data-y-high="([\d.]+)"', chart.group(0)).group(1))  # type: ignore[union-attr]
    assert high - low >= svg.MIN_CRS_SPAN
    assert f"CRS: axis starts at {low:g}, not 0" in stem
    assert "2027" not in stem and ">2026<" not in stem  # the time axis ends with the group's rounds


def test_a_gap_of_more_than_three_months_is_not_joined() -> None:
    group = Group("category", "stem")
    points = tuple(
        Point(d, v, str(i))
        for i, (d, v) in enumerate(
            [(dt.date(2023, 1, 1), 480), (dt.date(2023, 2, 1), 485), (dt.date(2024, 1, 1), 470)]
        )
    )
    chart = svg.line_chart(
        [Series(group, "STEM", points)],
        start=dt.date(2023, 1, 1),
        end=dt.date(2024, 1, 1),
        title="t",
        desc="d",
    )
    assert chart.count("<polyline ") == 1  # the first two joined; the third stands alone
    assert chart.count('class="mark"') == 3


def test_your_crs_is_drawn_where_given(store: Store, tmp_path: Path) -> None:
    build_report(store, tmp_path / "site", FrozenClock(NOW), crs=489)
    index = (tmp_path / "site" / "index.html").read_text()
    assert index.count('<g class="your-crs" data-crs="489">') == 1 + 3  # programs, three categories
    assert 'name="crs" type="number" min="0" max="1200" inputmode="numeric" value="489"' in index
    pool = (tmp_path / "site" / "pool.html").read_text()
    assert '<g class="band yours" data-band="481-490"' in pool
    assert (
        "A CRS of 489 is in band 481-490 (11,500 candidates); 40,000 candidates are in that band or above."
        in pool
    )


def test_the_pool_page(site: Path) -> None:
    pool = (site / "pool.html").read_text()
    for section in ("latest-pool", "pool-size", "pool-bands"):
        assert f'<section id="{section}">' in pool
    # Two publications: 2024-11-19 (#397) and 2025-02-19 (#401); a line per coarse band.
    bands = re.search(r'<section id="pool-bands">.*?</section>', pool, re.S)
    assert bands and bands.group(0).count('<g class="series"') == 7
    assert '<g class="band" data-band="601-1200" data-low="601" data-high="1200" data-count="500">' in pool
    assert "candidates: from 0" not in pool and "candidates, from 0" in pool


def test_category_pages_show_the_occupation_lists(site: Path) -> None:
    stem = (site / "category-stem.html").read_text()
    assert '<section id="occupations">' in stem
    assert "Version 2023" in stem and "Version 2025" in stem
    assert "In force from 2023-05-31 until 2025-02-27 (exclusive)" in stem
    assert "<td>21231</td>" in stem  # software engineers and designers
    french = (site / "category-french.html").read_text()  # no round in the fixture: the lists only
    assert "no rounds stored yet" in french and "No occupation list" in french


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
    assert "category-healthcare.html" in third.pages and third.rounds == 9


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
    profiles = '[profile]\ncrs = 987\n\n[[profiles]]\nname = "ana-lima"\ncrs = 986\nnoc = ["31301"]\n'
    config.write_text(f'[report]\nout = "{tmp_path / "www"}"\ntitle = "From config"\n' + profiles)
    env = {"EEWATCH_DATABASE_URL": str(store.engine.url)}
    result = cli("report", "--config", str(config), env=env)
    assert result.returncode == 0, result.stderr
    assert "to " + str(tmp_path / "www") in result.stdout
    assert "<title>From config</title>" in (tmp_path / "www" / "index.html").read_text()
    # No [[profiles]] entry reaches the report: not its name, nor its score.
    for page in (tmp_path / "www").rglob("*.*"):
        if page.is_file():
            text = page.read_text(errors="replace")
            # (31301 is on the catalog's own pages; "986" as a number of its own, not the digits of a build
            # time such as "18:10:27.798696")
            for personal in (r"(?<![\d.])986(?!\d)", "ana-lima"):
                assert re.search(personal, text) is None, (page.name, personal)
    missing = cli("report", "--config", str(tmp_path / "config.toml.absent"), env=env)
    assert missing.returncode == 2
