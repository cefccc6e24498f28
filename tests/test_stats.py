"""Statistics per group, as of a fixed "today", from a small written fixture."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from eewatch.app.views.groups import Group, group_of
from eewatch.app.views.stats import Trend, compute_stats, group_stats, trend, type_totals, window_start
from eewatch.app.views.stats_text import render_stats, stats_to_dict
from eewatch.domain.record import Round
from scraper.parsing.feed import parse_feed

FIXTURE = Path(__file__).parent / "fixtures" / "views" / "rounds.json"
TODAY = dt.date(2025, 3, 1)


@pytest.fixture(scope="module")
def rounds() -> list[Round]:
    return list(parse_feed(FIXTURE.read_bytes()).rounds)


@pytest.fixture(scope="module")
def by_group(rounds: list[Round]) -> dict[str, object]:
    return {s.group.short: s for s in compute_stats(rounds, TODAY)}


def test_groups_in_display_order(by_group: dict[str, object]) -> None:
    assert list(by_group) == [
        "general",
        "program:CEC",
        "program:PNP",
        "category:healthcare",
        "category:stem",
        "category:trades",
    ]


# (group, field, expected): one row per fact the fixture was written to show.
EXPECTED = [
    ("category:stem", "rounds", 3),
    ("category:stem", "last_id", "398"),
    ("category:stem", "days_since", 40),
    ("category:stem", "average_gap_days", 55.5),
    ("category:stem", "rounds_12m", 3),
    ("category:stem", "invitations_12m", 2700),
    ("category:stem", "crs_latest", 480),  # #398 published none: the latest published is #397's
    ("category:stem", "crs_latest_id", "397"),
    ("category:stem", "crs_min_12m", 480),
    ("category:stem", "crs_median_12m", 490),
    ("category:stem", "crs_missing", 1),
    ("category:stem", "trend", None),  # two cut-offs: too few for a trend
    ("general", "rounds", 2),
    ("general", "rounds_12m", 1),  # #394 (2024-02-01) is outside the window
    ("general", "invitations_12m", None),  # #395 published no count: unknown, not 0
    ("general", "invitations_missing_12m", 1),
    ("general", "crs_min_12m", 530),
    ("category:trades", "rounds_12m", 0),
    ("category:trades", "invitations_12m", 0),  # no round in the window: truly none
    ("category:trades", "crs_min_12m", None),
    ("category:trades", "crs_median_12m", None),
    ("category:trades", "crs_latest", 430),
    ("category:trades", "average_gap_days", None),
    ("program:PNP", "crs_latest", 790),
]


@pytest.mark.parametrize(("group", "field", "expected"), EXPECTED, ids=[f"{g}-{f}" for g, f, _ in EXPECTED])
def test_group_stat(by_group: dict[str, object], group: str, field: str, expected: object) -> None:
    assert getattr(by_group[group], field) == expected


def test_missing_crs_is_said(by_group: dict[str, object]) -> None:
    stem = by_group["category:stem"]
    assert any("398" in note and "CRS" in note for note in stem.notes)  # type: ignore[attr-defined]


def test_type_totals(rounds: list[Round]) -> None:
    totals = {s.group.short: s for s in type_totals(rounds, TODAY)}
    assert list(totals) == ["general", "program (all)", "category (all)"]
    assert totals["category (all)"].rounds == 5
    assert totals["category (all)"].crs_missing == 1


WINDOW_EDGES = [
    ("today", TODAY, 1),
    ("364-days-ago", TODAY - dt.timedelta(days=364), 1),
    ("365-days-ago", TODAY - dt.timedelta(days=365), 0),
    ("tomorrow", TODAY + dt.timedelta(days=1), 0),
]


@pytest.mark.parametrize(
    ("day", "inside"), [(d, n) for _, d, n in WINDOW_EDGES], ids=[i for i, _, _ in WINDOW_EDGES]
)
def test_twelve_month_window(day: dt.date, inside: int) -> None:
    item = Round(id="1", number=1, date=day, round_type="general", invitations=10, crs_min=400)
    assert group_stats(Group("general", "general"), [item], TODAY).rounds_12m == inside
    assert window_start(TODAY) == dt.date(2024, 3, 2)


def _points(*pairs: tuple[int, int]) -> list[tuple[dt.date, int]]:
    return [(dt.date(2024, 1, 1) + dt.timedelta(days=d), v) for d, v in pairs]


TRENDS = [
    ("rising", _points((0, 400), (30, 410), (60, 420)), "rising", 10.0),
    ("falling", _points((0, 500), (30, 480), (60, 460)), "falling", -20.0),
    ("flat", _points((0, 450), (30, 451), (60, 450)), "flat", 0.0),
    ("too-few", _points((0, 450), (30, 460)), None, None),
    ("one-day", _points((0, 450), (0, 460), (0, 470)), None, None),
]


@pytest.mark.parametrize(
    ("points", "direction", "slope"), [t[1:] for t in TRENDS], ids=[t[0] for t in TRENDS]
)
def test_trend(points: list[tuple[dt.date, int]], direction: str | None, slope: float | None) -> None:
    result = trend(points)
    if direction is None:
        assert result is None
    else:
        assert isinstance(result, Trend)
        assert result.direction == direction
        assert result.points_per_month == pytest.approx(slope, abs=0.01)


def test_unknown_round_type_is_its_own_group() -> None:
    item = Round(id="9", number=9, date=TODAY, round_type=None)
    assert group_of(item) == Group("unknown", "unknown")
    stats = compute_stats([item], TODAY)
    assert stats[0].crs_latest is None and stats[0].crs_missing == 1


def test_render_shows_missing_as_dash_and_notes(rounds: list[Round]) -> None:
    text = render_stats(compute_stats(rounds, TODAY), TODAY)
    general = [line for line in text.splitlines() if line.startswith("general")][-1]  # the 12 months
    assert " - " in general  # invitations of the last 12 months unknown
    assert "notes:" in text and "398" in text
    assert "\033[" not in text


def test_stats_to_dict_is_json_ready(rounds: list[Round]) -> None:
    import json

    data = [stats_to_dict(s) for s in compute_stats(rounds, TODAY)]
    assert json.loads(json.dumps(data))[4]["group"] == {"round_type": "category", "key": "stem"}


def _long_group_round(day: dt.date, crs: int) -> Round:
    return Round(
        id=f"9{day.toordinal() % 100}",
        number=900 + day.toordinal() % 100,
        date=day,
        round_type="category",
        category="senior-managers",
        invitations=123_456,
        crs_min=crs,
    )


def test_the_table_fits_80_columns_wrapped_by_group_and_wide_is_one_table(rounds: list[Round]) -> None:
    """With a long category name, thousands of invitations and a trend in every column."""
    extra = [_long_group_round(TODAY - dt.timedelta(days=d), 400 + d) for d in (3, 40, 90, 200)]
    stats = compute_stats([*rounds, *extra], TODAY) + type_totals([*rounds, *extra], TODAY)
    assert any(s.trend is not None for s in stats)
    narrow = render_stats(stats, TODAY)
    assert max(len(line) for line in narrow.splitlines()) <= 80, narrow
    group_lines = [line for line in narrow.splitlines() if line.startswith("category:senior-managers")]
    assert len(group_lines) == 2  # one row in each table: all rounds, the last 12 months
    assert "falling -" in narrow and "/mo" in narrow  # the compact trend
    wide = render_stats(stats, TODAY, wide=True)
    header = next(line for line in wide.splitlines() if line.startswith("group"))
    assert "CRS median 12m" in header and "CRS trend 12m" in header and len(header) > 120
    assert len([line for line in wide.splitlines() if line.startswith("category:senior-managers")]) == 1
