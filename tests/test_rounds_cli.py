"""``eewatch rounds``: JSON is exactly the contract; the table is coloured only where wanted."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

import pytest

from eewatch.app.cli.rounds import write_table
from eewatch.app.views.term import wants_colour
from eewatch.domain.clock import FrozenClock
from eewatch.domain.record import FIELDS
from eewatch.store.store import Store
from scraper.fetch import feed_fetch_from_response
from scraper.parsing.feed import parse_feed
from tests.support.cli import cli

FIXTURE = Path(__file__).parent / "fixtures" / "views" / "rounds.json"


class _Stream(io.StringIO):
    def __init__(self, tty: bool) -> None:
        super().__init__()
        self._tty = tty

    def isatty(self) -> bool:
        return self._tty


COLOUR = [
    ("tty", True, {}, True),
    ("not-a-tty", False, {}, False),
    ("no-color", True, {"NO_COLOR": "1"}, False),
    ("no-color-empty-is-unset", True, {"NO_COLOR": ""}, True),
    ("dumb-terminal", True, {"TERM": "dumb"}, False),
]


@pytest.mark.parametrize(("tty", "env", "expected"), [c[1:] for c in COLOUR], ids=[c[0] for c in COLOUR])
def test_wants_colour(tty: bool, env: dict[str, str], expected: bool) -> None:
    assert wants_colour(_Stream(tty), env) is expected


def test_table_colour_and_missing_values() -> None:
    rounds = list(parse_feed(FIXTURE.read_bytes()).rounds)
    plain, coloured = io.StringIO(), io.StringIO()
    write_table(rounds, plain)
    write_table(rounds, coloured, colour=True)
    assert "\033[" not in plain.getvalue()
    assert "\033[35mcategory:stem" in coloured.getvalue()
    line = next(x for x in plain.getvalue().splitlines() if x.strip().startswith("398"))
    assert " 0 " not in line and "-" in line  # no CRS published: a dash, never 0
    header, first = plain.getvalue().splitlines()[:2]
    assert header.index("CRS min") + len("CRS min") == first.index("470") + 3  # numbers align right


@pytest.mark.slow
def test_cli_json_is_the_contract(db_url: str, empty_config: Path) -> None:
    store = Store.open(db_url, FrozenClock(dt.datetime(2025, 3, 1, tzinfo=dt.UTC)))
    store.record_feed_fetch(
        feed_fetch_from_response(
            url="file:rounds.json",
            status=200,
            body=FIXTURE.read_bytes(),
            etag=None,
            last_modified=None,
            previous_sha256=None,
            duration_ms=1,
        )
    )
    expected = [r.to_dict() for r in store.rounds(category="stem")]
    store.close()
    env = {"EEWATCH_DATABASE_URL": db_url}
    result = cli("rounds", "--format", "json", "--category", "stem", "--config", str(empty_config), env=env)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data == expected and [tuple(d) for d in data] == [FIELDS] * 3
    table = cli("rounds", "--limit", "2", "--config", str(empty_config), env=env)
    assert table.returncode == 0 and "\033[" not in table.stdout  # a pipe, not a terminal
    assert len(table.stdout.splitlines()) == 3


def test_the_table_fits_80_columns_and_wide_shows_full_names() -> None:
    """A long category name made the table 96 columns wide: it is cut short, whole with --wide."""
    from eewatch.domain.record import Round

    long_name = "senior-managers-with-canadian-work-experience"
    rounds = [
        Round(
            id="420",
            number=420,
            date=dt.date(2026, 11, 4),
            round_type="category",
            category=long_name,
            invitations=250,
            crs_min=498,
            tie_break_at=dt.datetime(2026, 10, 1, 12, 0, tzinfo=dt.UTC),
        ),
        Round(id="419", number=419, date=dt.date(2026, 10, 30), round_type="general", invitations=3000),
    ]
    narrow, wide = io.StringIO(), io.StringIO()
    write_table(rounds, narrow)
    write_table(rounds, wide, wide=True)
    lines = narrow.getvalue().splitlines()
    assert max(len(line) for line in lines) == 80, narrow.getvalue()
    assert "  category:senior-m…  " in lines[1]  # the type cut short to fit
    assert "  general  " in lines[2] and lines[2].split()[-1] == "-"  # no tie-break: '-', never blank
    assert f"category:{long_name}" in wide.getvalue()
    short = io.StringIO()
    write_table(rounds[1:], short)
    assert "…" not in short.getvalue()  # nothing cut when it fits
