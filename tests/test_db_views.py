"""The SQL views for people: they exist on SQLite and PostgreSQL, and say what the data says."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from eewatch.domain.clock import FrozenClock
from eewatch.store.sql_views import VIEWS, create_views
from eewatch.store.store import Store
from tests.support.fetches import copy_fetch

FIXTURES = Path(__file__).parent / "fixtures" / "views"


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    clock = FrozenClock(dt.datetime(2025, 3, 1, 12, tzinfo=dt.UTC))
    store = Store.open(db_url, clock)
    for name in ("rounds.json", "rounds.amended.json"):
        body = (FIXTURES / name).read_bytes()
        store.record_feed_fetch(copy_fetch(body, url="file:rounds.json"))
        clock.advance(days=1)
    create_views(store.engine)
    yield store
    store.close()


def _rows(store: Store, sql: str) -> list[dict[str, Any]]:
    with store.engine.connect() as conn:
        return [dict(row._mapping) for row in conn.execute(text(sql))]


def test_create_views_is_idempotent(store: Store) -> None:
    assert create_views(store.engine) == list(VIEWS)
    for name in VIEWS:
        assert isinstance(_rows(store, f"SELECT * FROM {name}"), list)


def test_rounds_by_category(store: Store) -> None:
    rows = {(r["round_type"], r["group_key"]): r for r in _rows(store, "SELECT * FROM rounds_by_category")}
    assert set(rows) == {
        ("general", "general"),
        ("program", "CEC"),
        ("program", "PNP"),
        ("category", "healthcare"),
        ("category", "stem"),
        ("category", "trades"),
    }
    stem = rows[("category", "stem")]
    assert (stem["rounds"], stem["invitations"], stem["lowest_crs_min"], stem["highest_crs_min"]) == (
        3,
        2700,
        480,
        500,
    )
    assert stem["rounds_without_crs_min"] == 1  # left out of the minimum, and counted
    assert str(stem["first_date"]) == "2024-10-01" and str(stem["last_date"]) == "2025-01-20"
    general = rows[("general", "general")]
    assert (general["invitations"], general["rounds_without_invitations"]) == (3500, 1)


def test_latest_round_per_category(store: Store) -> None:
    rows = {r["group_key"]: r["id"] for r in _rows(store, "SELECT * FROM latest_round_per_category")}
    assert rows == {
        "general": "395",
        "CEC": "400",
        "PNP": "399",
        "healthcare": "401",
        "stem": "398",
        "trades": "393",
    }


def test_crs_cutoffs_leave_out_unpublished(store: Store) -> None:
    rows = _rows(store, "SELECT round_id, crs_min FROM crs_cutoffs ORDER BY round_id")
    assert [r["round_id"] for r in rows] == ["393", "394", "395", "396", "397", "399", "400", "401"]
    assert all(r["crs_min"] is not None for r in rows)


def test_invitations_by_month(store: Store) -> None:
    rows = _rows(store, "SELECT * FROM invitations_by_month ORDER BY month, round_type")
    by_key = {(r["month"], r["round_type"]): r for r in rows}
    assert by_key[("2025-02", "category")]["invitations"] == 2600  # #401 as amended
    assert by_key[("2025-02", "program")]["rounds"] == 2
    june = by_key[("2024-06", "general")]
    assert june["invitations"] is None and june["rounds_without_invitations"] == 1


def test_amended_rounds_and_readable_programs(store: Store) -> None:
    assert [r["round_id"] for r in _rows(store, "SELECT * FROM amended_rounds")] == ["401"]
    row = _rows(store, "SELECT programs, group_key FROM rounds_readable WHERE id = '395'")[0]
    assert row == {"programs": "CEC,FSW,FST,PNP", "group_key": "general"}


def test_docs_name_every_table_and_view() -> None:
    from eewatch.store.schema import metadata

    docs = (Path(__file__).resolve().parent.parent / "docs" / "database.md").read_text()
    names = [*metadata.tables, *VIEWS]
    assert [n for n in names if f"`{n}`" not in docs] == []
