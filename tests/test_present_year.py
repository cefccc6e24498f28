"""The present year, end to end: IRCC's 2026 rounds replayed through ``scrape --once`` to a loopback webhook.

A registered nurse (31301), a retail butcher (63201) and a cook (63200), each with CRS 480 and the
natural rule ``eligible = true`` (category rounds whose cut-off they reach), get exactly the 2026
category rounds they could be invited in, once each: the nurse both 2026 healthcare rounds, the
butcher the 2026 trades round (butchers joined trades in 2026), the cook nothing (cooks left trades).
Then a copy with a category never seen before: every ``eligible = true`` rule is alerted, saying
"eligibility unknown", and ``scrape --once``, ``status`` and one ops event name the category, once.

The rounds are the project's own 2026 copy (``tests/fixtures/feed/2026.json``, real facts); the
never-seen category ("Aerospace occupations") is made up here, on purpose: no such round exists.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from eewatch.app import exitcodes
from tests.support.cli import cli, cli_process
from tests.support.http import FixtureServer
from tests.support.paths import FIXTURES

pytestmark = pytest.mark.slow

PEOPLE = {"nurse": "31301", "butcher": "63201", "cook": "63200"}
BASELINE_BEFORE = "2026-02-20"  # the first copy holds the rounds before #398: history, no alerts


def _copy(rounds: list[dict[str, Any]]) -> bytes:
    return json.dumps({"classes": "wb-tables", "rounds": rounds}, indent=1).encode()


def _config(tmp_path: Path, who: str, port: int) -> Path:
    path = tmp_path / f"{who}.toml"
    path.write_text(
        f'[profile]\ncrs = 480\nprograms = ["FSW"]\nnoc = ["{PEOPLE[who]}"]\n\n'
        f'[[alerts]]\nname = "mine"\neligible = true\nround_types = ["category"]\ncrs_max = 480\n'
        f'notify = ["json://127.0.0.1:{port}/hook/{who}"]\n\n'
        f'[[alerts]]\nname = "ops"\nevents = ["category_unknown"]\n'
        f'notify = ["json://127.0.0.1:{port}/ops/{who}"]\n'
    )
    return path


def _scrape(server: FixtureServer, tmp_path: Path, who: str, body: bytes) -> Any:
    url = server.serve("/feed.json", body)
    env = {"EEWATCH_DATABASE_URL": f"sqlite:///{tmp_path / f'{who}.sqlite'}"}
    config = _config(tmp_path, who, server.port)
    return cli_process("scrape", "--once", "--feed", url, "--config", str(config), env=env)


def _received(server: FixtureServer, prefix: str) -> list[dict[str, Any]]:
    return [json.loads(h.body) for h in server.hits if h.method == "POST" and h.path.startswith(prefix)]


def _round_numbers(messages: list[dict[str, Any]]) -> list[str]:
    """The rounds of the round alerts (not the ops events every rule is also told)."""
    rounds = [m for m in messages if m["title"].startswith("Express Entry round #")]
    return [m["title"].split("#", 1)[1].split(":", 1)[0] for m in rounds]


def test_the_nurse_the_butcher_and_the_cook_get_exactly_their_2026_rounds_then_an_unknown_category(
    http_server: FixtureServer, tmp_path: Path
) -> None:
    rounds = json.loads((FIXTURES / "feed" / "2026.json").read_text())["rounds"]
    history = [r for r in rounds if r["drawDate"] < BASELINE_BEFORE]
    never_seen = dict(
        rounds[0],
        drawNumber="423",
        drawDate="2026-07-01",
        drawDateFull="July 1, 2026",
        drawName="Aerospace occupations, 2026-Version 1",
        drawCRS="470",
        drawDateTime="",
        drawCutOff="",
        drawDistributionAsOn="July 1, 2026",
        **{k: rounds[0][k].replace("422", "423") for k in ("drawNumberURL", "mitext", "DrawText1")},
    )
    for who in PEOPLE:
        for body in (_copy(history), _copy(rounds), _copy(rounds)):  # baseline, the year, the same again
            result = _scrape(http_server, tmp_path, who, body)
            assert result.returncode == exitcodes.OK, result.stderr
    got = {who: _round_numbers(_received(http_server, f"/hook/{who}")) for who in PEOPLE}
    assert got == {"nurse": ["422", "398"], "butcher": ["408"], "cook": []}
    nurse = _received(http_server, "/hook/nurse")[0]["message"]
    assert "eligible: NOC 31301 is in healthcare (2026 list)" in nurse

    for who in PEOPLE:
        result = _scrape(http_server, tmp_path, who, _copy([never_seen, *rounds]))
        assert result.returncode == exitcodes.OK, result.stderr
        assert "eligibility unknown for category 'aerospace'" in result.stderr
        alerts = [m for m in _received(http_server, f"/hook/{who}") if "#423:" in m["title"]]
        assert len(alerts) == 1 and alerts[0]["title"].startswith("Express Entry round #423:")
        assert "eligibility unknown: aerospace is a category eewatch has never seen" in alerts[0]["message"]
        status = cli(  # in this process: status starts no reactor
            "status",
            "--config",
            str(tmp_path / f"{who}.toml"),
            env={"EEWATCH_DATABASE_URL": f"sqlite:///{tmp_path / f'{who}.sqlite'}"},
        )
        assert "no list known for:    aerospace (version 2026-1, round #423 of 2026-07-01)" in status.stdout
    # Another round of the same category version: the operator was told already, once.
    again = dict(never_seen, drawNumber="424", drawDate="2026-07-02", drawDateFull="July 2, 2026")
    again |= {k: never_seen[k].replace("423", "424") for k in ("drawNumberURL", "mitext", "DrawText1")}
    result = _scrape(http_server, tmp_path, "cook", _copy([again, never_seen, *rounds]))
    assert result.returncode == exitcodes.OK, result.stderr
    assert "eligibility unknown for category" not in result.stderr
    for who in PEOPLE:
        ops = [m for m in _received(http_server, f"/ops/{who}") if m["title"] == "eewatch: category unknown"]
        assert len(ops) == 1 and "aerospace" in ops[0]["message"], who
    with sqlite3.connect(tmp_path / "cook.sqlite") as conn:
        kinds = conn.execute("SELECT count(*) FROM events WHERE kind = 'category_unknown'").fetchone()
    assert kinds == (1,)


def test_the_report_draws_your_crs_only_where_the_profile_could_enter_with_a_legend() -> None:
    import datetime as dt
    import re

    from eewatch.app.views.site import render_site
    from eewatch.domain.eligibility import Profile
    from scraper.parsing.feed import parse_feed

    rounds = parse_feed((FIXTURES / "feed" / "2026.json").read_bytes()).rounds
    nurse = Profile(crs=480, programs=("FSW",), noc=("31301",))
    now = dt.datetime(2026, 7, 1, tzinfo=dt.UTC)
    files = render_site(rounds, {}, now=now, title="EE", site_url=None, crs=480, profile=nurse)
    index = files["index.html"].decode()
    small = r"<svg[^>]*line-chart small[^>]*>.*?<title>CRS cut-off: ([^<]*)</title>.*?</svg>"
    charts = {m.group(1): m.group(0) for m in re.finditer(small, index, re.S)}
    # IRCC's 2026 comma before the version is not part of a chart's title.
    assert "Healthcare and Social Services Occupations" in charts
    assert not any(title.endswith(",") for title in charts)
    healthcare = charts["Healthcare and Social Services Occupations"]
    assert 'class="your-crs"' in healthcare and "data-not-yours" not in healthcare
    trades = charts["Trades Occupations"]
    assert 'class="your-crs"' not in trades
    why = "your CRS is not drawn: not eligible: NOC 31301 is not in trades (2026 list)"
    assert f'data-not-yours="{why}"' in trades and f'<p class="note not-yours">{why}</p>' in index
    french = charts["French-Language proficiency"]
    assert "gives no french_nclc" in french and 'class="your-crs"' not in french
    assert "is drawn only on the charts of categories your [profile] could enter" in index
    # The label sits above the plot (the top margin), never over a round's point.
    label_y = re.search(r'<g class="your-crs"[^>]*>.*?<text x="[^"]*" y="([^"]*)"', healthcare, re.S)
    assert label_y is not None and float(label_y.group(1)) < 26
