"""``eewatch categories [NAME] [--on DATE] [--format table|json]``: "which STEM jobs are eligible?" answered.

The JSON is a documented contract (docs/categories.md): these tests read it as a user's script would.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from eewatch.app import exitcodes
from eewatch.app.views.eligibility import answer_occupation, answer_to_dict
from eewatch.domain.occupations import load_catalog
from tests.support.cli import cli

CATALOG = load_catalog()


def _json(*args: str) -> dict[str, Any]:
    result = cli("categories", *args, "--format", "json")
    assert result.returncode == exitcodes.OK, result.stderr
    return json.loads(result.stdout)


def _in_force(category: dict[str, Any]) -> dict[str, Any]:
    (version,) = [v for v in category["versions"] if v["in_force"]]
    return version


def test_stem_on_2024_01_01_is_the_24_codes_of_2023_and_on_2026_06_01_the_2026_list() -> None:
    old = _json("stem", "--on", "2024-01-01")
    assert old["format"] == 1 and old["on"] == "2024-01-01"
    (stem,) = old["categories"]
    assert (stem["category"], stem["in_force"], stem["status"]) == ("stem", "2023", "known")
    codes = [o["noc"] for o in _in_force(stem)["occupations"]]
    assert len(codes) == 24 and "21231" in codes and "21301" not in codes
    (stem,) = _json("stem", "--on", "2026-06-01")["categories"]
    version = _in_force(stem)
    assert stem["in_force"] == version["version"] == "2026"
    assert {o["noc"] for o in version["occupations"]} == CATALOG.version_on("stem", dt.date(2026, 6, 1)).nocs
    assert version["requirements"]["min_months_experience"] == 12
    assert version["source"].startswith("https://www.canada.ca/")
    assert [v["version"] for v in stem["versions"]] == ["2023", "2025", "2026"]


def test_every_category_unknown_periods_and_irccs_names() -> None:
    data = _json("--on", "2026-06-01")
    by_slug = {c["category"]: c for c in data["categories"]}
    assert list(by_slug) == list(CATALOG.categories())
    assert by_slug["agriculture"]["status"] == "unknown" and by_slug["agriculture"]["in_force"] is None
    assert by_slug["transport"]["unknown_periods"] == [{"from": "2025-02-27", "until": "2026-02-18"}]
    assert by_slug["agriculture"]["unknown_periods"] == [{"from": "2026-02-18", "until": None}]
    assert _in_force(by_slug["french"])["occupations"] is None  # no occupation list: NCLC 7
    (military,) = _json("Skilled Military Recruits")["categories"]
    assert military["category"] == "military" and "skilled-military-recruits" in military["aliases"]


def test_the_table_lists_the_occupations_in_force_and_says_unknown() -> None:
    result = cli("categories", "trades", "--on", "2026-06-01")
    assert result.returncode == exitcodes.OK, result.stderr
    assert "63201  Butchers - retail and wholesale" in result.stdout
    assert "63200" not in result.stdout.split("in force on 2026-06-01")[1]
    unknown = cli("categories", "agriculture", "--on", "2026-06-01")
    assert (
        "agriculture on 2026-06-01: no list known (unknown); check https://www.canada.ca/" in unknown.stdout
    )


def test_a_mistyped_category_is_one_line_with_the_name_meant() -> None:
    result = cli("categories", "stme")
    assert result.returncode == exitcodes.CONFIG
    assert result.stderr.strip().startswith("eewatch categories: error: unknown category 'stme'")
    assert "did you mean 'stem'" in result.stderr
    bad_date = cli("categories", "--on", "2026-13-01")
    assert bad_date.returncode == exitcodes.CONFIG and "YYYY-MM-DD" in bad_date.stderr


def test_eligibility_answers_mechanical_and_software_engineers_for_2026() -> None:
    for noc, in_2026 in (("21301", True), ("21231", False)):
        data = answer_to_dict(answer_occupation(noc, [], CATALOG))
        (stem_2026,) = [c for c in data["categories"] if (c["category"], c["version"]) == ("stem", "2026")]
        assert stem_2026["eligible"] is in_2026, noc
