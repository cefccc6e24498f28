"""``eewatch eligibility --noc CODE``: every category version, is the code on it, the rounds under it."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from eewatch.app.views.eligibility import answer_occupation, answer_to_dict, render_answer
from eewatch.domain.clock import FrozenClock
from eewatch.domain.occupations import load_catalog
from eewatch.store.store import Store
from scraper.parsing.feed import parse_feed
from tests.support.cli import cli, cli_process
from tests.support.fetches import copy_fetch

FIXTURE = Path(__file__).parent / "fixtures" / "views" / "rounds.json"
CATALOG = load_catalog()


def _entry(data: dict[str, Any], category: str, version: str | None) -> dict[str, Any]:
    return next(c for c in data["categories"] if c["category"] == category and c["version"] == version)


def test_every_version_eewatch_knows_is_answered() -> None:
    data = answer_to_dict(answer_occupation("21231", [], CATALOG))
    assert [(c["category"], c["version"]) for c in data["categories"]] == [
        (v.category, v.version) for v in CATALOG.all_versions()
    ]


@pytest.mark.parametrize(
    ("noc", "in_2023", "in_2025"),
    [("21231", True, False), ("21301", False, True)],  # software engineers left STEM, mechanical joined
)
def test_answers_match_the_2023_and_2025_stem_lists(noc: str, in_2023: bool, in_2025: bool) -> None:
    rounds = parse_feed(FIXTURE.read_bytes()).rounds
    data = answer_to_dict(answer_occupation(noc, rounds, CATALOG, crs=485))
    assert data["noc"] == noc and data["title"] == CATALOG.title_of(noc)
    stem_2023, stem_2025 = _entry(data, "stem", "2023"), _entry(data, "stem", "2025")
    assert (stem_2023["eligible"], stem_2025["eligible"]) == (in_2023, in_2025)
    assert stem_2023["effective_from"] == "2023-05-31" and stem_2023["effective_until"] == "2025-02-27"
    assert stem_2025["effective_from"] == "2025-02-27" and stem_2025["effective_until"] == "2026-02-18"
    assert stem_2023["source"].startswith("https://www.canada.ca/")
    # The fixture's STEM rounds (2024-10-01 cut-off 500, 2024-12-10 480, 2025-01-20 none): the 2023 list.
    held = [(r["id"], r["invited"]) for r in stem_2023["rounds"]]
    if in_2023:
        assert held == [("396", False), ("397", True), ("398", None)]
    else:
        assert held == [("396", None), ("397", None), ("398", None)]  # not on the list: no "invited"
    assert stem_2025["rounds"] == []
    french = _entry(data, "french", "2023")
    assert french["eligible"] is None and french["requirements"]["french_nclc_min"] == 7


def test_rounds_no_known_list_covers_are_listed_as_unknown() -> None:
    rounds = parse_feed(FIXTURE.read_bytes()).rounds
    late = next(r for r in rounds if r.id == "398")

    moved = [replace(late, id="999", date=dt.date(2023, 5, 1)), replace(late, id="998", category="aerospace")]
    data = answer_to_dict(answer_occupation("21231", moved, CATALOG))
    assert [r["id"] for r in _entry(data, "stem", None)["rounds"]] == ["999"]
    assert _entry(data, "aerospace", None)["eligible"] is None
    table = render_answer(answer_occupation("21231", moved, CATALOG))
    assert "unknown" in table and "NOC 21231: Software engineers and designers" in table


@pytest.mark.slow
def test_cli_json_and_table(tmp_path: Path, empty_config: Path) -> None:
    url = f"sqlite:///{tmp_path / 'eewatch.sqlite'}"
    store = Store.open(url, FrozenClock(dt.datetime(2025, 3, 1, tzinfo=dt.UTC)))
    store.record_feed_fetch(copy_fetch(FIXTURE.read_bytes(), url="file:rounds.json"))
    store.close()
    env = {"EEWATCH_DATABASE_URL": url}
    result = cli(
        "eligibility",
        "--noc",
        "21231",
        "--crs",
        "485",
        "--format",
        "json",
        "--config",
        str(empty_config),
        env=env,
    )
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert _entry(data, "stem", "2023")["eligible"] is True
    assert [(r["id"], r["invited"]) for r in _entry(data, "stem", "2023")["rounds"]] == [
        ("396", False),
        ("397", True),
        ("398", None),
    ]
    table = cli("eligibility", "--noc", "21301", "--config", str(empty_config), env=env)
    assert table.returncode == 0, table.stderr
    assert "NOC 21301: Mechanical engineers" in table.stdout
    bad = cli("eligibility", "--noc", "2123", "--config", str(empty_config), env=env)
    assert bad.returncode == 2 and "five digits" in bad.stderr
    profile = tmp_path / "profile.toml"
    profile.write_text('[profile]\ncrs = 485\nnoc = ["21231"]\n')
    from_profile = cli("eligibility", "--format", "json", "--config", str(profile), env=env)
    assert from_profile.returncode == 0 and json.loads(from_profile.stdout)["crs"] == 485


@pytest.mark.slow
def test_the_real_stem_rounds_under_the_2023_list(
    shared_feed: list[Path], tmp_path: Path, empty_config: Path
) -> None:
    env = {"EEWATCH_DATABASE_URL": f"sqlite:///{tmp_path / 'eewatch.sqlite'}"}
    newest = shared_feed[-1]
    scraped = cli_process(
        "scrape", "--once", "--feed", str(newest), "--feed-only", "--config", str(empty_config), env=env
    )
    assert scraped.returncode == 0, scraped.stderr
    for noc, eligible in (("21231", True), ("21301", False)):
        result = cli(
            "eligibility",
            "--noc",
            noc,
            "--crs",
            "489",
            "--format",
            "json",
            "--config",
            str(empty_config),
            env=env,
        )
        stem = _entry(json.loads(result.stdout), "stem", "2023")
        assert stem["eligible"] is eligible
        # STEM rounds #254 (2023-07-05, 486), #274 (2023-12-08, 481), #293 (2024-04-11, 491)
        expected = [True, True, False] if eligible else [None, None, None]
        assert [(r["id"], r["invited"]) for r in stem["rounds"]] == list(
            zip(["254", "274", "293"], expected, strict=True)
        )


@pytest.mark.slow
@pytest.mark.parametrize(
    ("name", "expected"),
    [
        # The newest round: a transport round of 2025-06-20, when no transport list was in force.
        (
            "Transport occupations (Version 1)",
            "unknown\tround #401 (2025-06-20): eligibility unknown: no transport",
        ),
        # A French round, and a profile without french_nclc: no French result, so no.
        (
            "French language proficiency (Version 1)",
            "no\tround #401 (2025-06-20): not eligible: French-language proficiency (2023 rules, in force "
            "since 2023-05-31) needs French "
            "NCLC 7; your [profile] gives no french_nclc (no French result)",
        ),
    ],
)
def test_notify_test_says_the_eligibility_of_the_newest_round(
    tmp_path: Path, name: str, expected: str
) -> None:
    from tests.support.http import FixtureServer

    url = f"sqlite:///{tmp_path / 'eewatch.sqlite'}"
    document = json.loads(FIXTURE.read_text())
    document["rounds"][0].update(drawName=name, drawDate="2025-06-20")
    store = Store.open(url, FrozenClock(dt.datetime(2025, 6, 21, tzinfo=dt.UTC)))
    store.record_feed_fetch(copy_fetch(json.dumps(document).encode(), url="file:rounds.json"))
    store.close()
    server = FixtureServer().start()
    try:
        config = tmp_path / "config.toml"
        config.write_text(
            '[profile]\ncrs = 489\nnoc = ["21231"]\n\n[[alerts]]\nname = "mine"\neligible = true\n'
            f'notify = ["json://127.0.0.1:{server.port}/hook"]\n'
        )
        result = cli("notify", "--test", "--config", str(config), env={"EEWATCH_DATABASE_URL": url})
    finally:
        server.stop()
    assert result.returncode == 0, result.stderr
    line = result.stdout.splitlines()[-1]
    assert line.startswith(f"mine\teligibility\t{expected}"), line
