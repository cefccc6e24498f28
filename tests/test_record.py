"""The round record's fields are listed once (the dataclass); the exports' list, the JSON shape and
its inverse derive from it."""

from __future__ import annotations

import dataclasses
import datetime as dt

from eewatch.domain.record import CONTENT_FIELDS, FIELDS, Round

FULL = Round(
    id="91a",
    number=91,
    date=dt.date(2019, 1, 30),
    held_at=dt.datetime(2019, 1, 30, 15, 0, tzinfo=dt.UTC),
    tie_break_at=dt.datetime(2019, 1, 29, 10, 0, 1, tzinfo=dt.UTC),
    round_type="category",
    programs=("CEC", "FSW"),
    category="stem",
    category_version="2023-1",
    name="STEM occupations (2023-1)",
    invitations=3500,
    crs_min=438,
    distribution_as_of=dt.date(2019, 1, 28),
    distribution={"601-1200": 12, "total": 12},
    url="https://www.canada.ca/en/x.html",
    warnings=("a note",),
)


def test_every_list_of_fields_is_the_records_own() -> None:
    names = tuple(f.name for f in dataclasses.fields(Round))
    assert names == FIELDS
    assert tuple(FULL.to_dict()) == names
    assert CONTENT_FIELDS == tuple(n for n in names if n != "warnings") == tuple(FULL.content())


def test_the_json_shape_and_back() -> None:
    data = FULL.to_dict()
    assert data["held_at"] == "2019-01-30T15:00:00Z" and data["date"] == "2019-01-30"
    assert data["programs"] == ["CEC", "FSW"] and data["distribution_as_of"] == "2019-01-28"
    assert Round.from_dict(data) == FULL
    bare = Round(id="1", number=1, date=dt.date(2015, 1, 31))
    assert Round.from_dict(bare.to_dict()) == bare
    assert bare.to_dict()["held_at"] is None and bare.to_dict()["programs"] == []
