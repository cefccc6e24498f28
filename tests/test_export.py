"""Exports: exactly the contract fields, a round trip through the store, atomic files."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from eewatch.app.views.export import atomic_writer, render
from eewatch.domain.clock import FrozenClock
from eewatch.domain.record import FIELDS, Round
from eewatch.store.store import Store
from tests.support.cli import cli
from tests.support.fetches import copy_fetch

FIXTURE = Path(__file__).parent / "fixtures" / "views" / "rounds.json"


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    store = Store.open(db_url, FrozenClock(dt.datetime(2025, 3, 1, 12, tzinfo=dt.UTC)))
    body = FIXTURE.read_bytes()
    store.record_feed_fetch(copy_fetch(body, url="file:rounds.json"))
    yield store
    store.close()


def test_json_round_trip_is_the_contract(store: Store) -> None:
    stored = store.rounds()
    data = json.loads(render(stored, "json"))
    assert [tuple(item) for item in data] == [FIELDS] * len(stored)
    assert data == [r.to_dict() for r in stored]
    assert [Round.from_dict(item) for item in data] == stored


def test_ndjson_is_one_record_a_line(store: Store) -> None:
    stored = store.rounds()
    lines = render(stored, "ndjson").splitlines()
    assert [json.loads(line) for line in lines] == [r.to_dict() for r in stored]


def test_csv_has_the_contract_columns_and_empty_for_null(store: Store) -> None:
    rows = list(csv.DictReader(io.StringIO(render(store.rounds(), "csv"))))
    assert tuple(rows[0]) == FIELDS
    by_id = {row["id"]: row for row in rows}
    assert by_id["398"]["crs_min"] == ""  # not published: empty, never 0
    assert by_id["395"]["invitations"] == ""
    assert by_id["401"]["programs"] == "CEC;FSW;FST"
    assert json.loads(by_id["401"]["distribution"])["total"] > 0
    assert by_id["400"]["distribution"] == ""


def test_atomic_writer_keeps_the_old_file_on_failure(tmp_path: Path) -> None:
    target = tmp_path / "rounds.json"
    target.write_text("old\n")
    with pytest.raises(RuntimeError), atomic_writer(target) as handle:
        handle.write("half of the new")
        raise RuntimeError("disk full")
    assert target.read_text() == "old\n"
    assert os.listdir(tmp_path) == ["rounds.json"]  # no temp file left behind
    with atomic_writer(target) as handle:
        handle.write("new\n")
    assert target.read_text() == "new\n"
    assert oct(target.stat().st_mode & 0o777) == oct(0o644)


@pytest.mark.slow
@pytest.mark.parametrize("fmt", ["csv", "json", "ndjson"])
def test_cli_export_to_file(store: Store, db_url: str, empty_config: Path, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"rounds.{fmt}"
    result = cli(
        "export",
        "--format",
        fmt,
        "--out",
        str(out),
        "--config",
        str(empty_config),
        env={"EEWATCH_DATABASE_URL": db_url},
    )
    assert result.returncode == 0, result.stderr
    assert out.read_text() == render(store.rounds(), fmt)
    assert result.stdout == ""


@pytest.mark.slow
def test_cli_export_to_a_missing_directory_is_a_usage_error(
    db_url: str, empty_config: Path, tmp_path: Path
) -> None:
    result = cli(
        "export",
        "--format",
        "json",
        "--out",
        str(tmp_path / "nope" / "x.json"),
        "--config",
        str(empty_config),
        env={"EEWATCH_DATABASE_URL": db_url},
    )
    assert result.returncode == 2
    assert "does not exist" in result.stderr
