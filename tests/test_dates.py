"""IRCC's hand-typed dates and times: every shape seen in the source, and some not yet seen."""

from __future__ import annotations

import datetime as dt

import pytest

from scraper.parsing.dates import parse_date, parse_datetime

UTC = dt.UTC
ROUND = dt.date(2023, 7, 5)

SHAPES = [
    ("plain", "July 05, 2023 13:38:22 UTC", dt.datetime(2023, 7, 5, 13, 38, 22, tzinfo=UTC), ()),
    ("comma-at", "March 01, 2023, at 14:01:21 UTC", dt.datetime(2023, 3, 1, 14, 1, 21, tzinfo=UTC), ()),
    ("no-space-year", "April 26,2023 18:10:04 UTC", dt.datetime(2023, 4, 26, 18, 10, 4, tzinfo=UTC), ()),
    ("at-glued", "May 31, 2023 at12:48:30 UTC", dt.datetime(2023, 5, 31, 12, 48, 30, tzinfo=UTC), ()),
    (
        "single-digit-hour",
        "August 29, 2018 at 8:32:03 UTC",
        dt.datetime(2018, 8, 29, 8, 32, 3, tzinfo=UTC),
        (),
    ),
    ("spaces", "  July 13, 2016  at 13:56:45 UTC ", dt.datetime(2016, 7, 13, 13, 56, 45, tzinfo=UTC), ()),
    (
        "dot-after-day",
        "August 30. 2023 at 17:30:21 UTC",
        dt.datetime(2023, 8, 30, 17, 30, 21, tzinfo=UTC),
        (),
    ),
    ("no-comma", "February 02 2022 at 14:16:27 UTC", dt.datetime(2022, 2, 2, 14, 16, 27, tzinfo=UTC), ()),
    (
        "iso-inside",
        "August 15, 2023 at 2023-08-15 15:11:54 UTC",
        dt.datetime(2023, 8, 15, 15, 11, 54, tzinfo=UTC),
        (),
    ),
    ("pm", "June 22, 2023 at 08:19:59 PM UTC", dt.datetime(2023, 6, 22, 20, 19, 59, tzinfo=UTC), ()),
    ("iso", "2023-07-05T16:18:12Z", dt.datetime(2023, 7, 5, 16, 18, 12, tzinfo=UTC), ()),
    ("day-first", "5 July 2023 13:00 UTC", dt.datetime(2023, 7, 5, 13, 0, tzinfo=UTC), ()),
    ("abbreviated", "Sept. 5, 2022 at 10:00:00 GMT", dt.datetime(2022, 9, 5, 10, 0, tzinfo=UTC), ()),
    ("eastern", "July 5, 2023 9:30 EDT", dt.datetime(2023, 7, 5, 13, 30, tzinfo=UTC), ()),
]


@pytest.mark.parametrize(
    ("text", "expected", "warnings"), [s[1:] for s in SHAPES], ids=[s[0] for s in SHAPES]
)
def test_shapes(text: str, expected: dt.datetime, warnings: tuple[str, ...]) -> None:
    parsed = parse_datetime(text, "drawDateTime", reference=ROUND)
    assert parsed.value == expected
    assert parsed.value.tzinfo is not None
    assert parsed.warnings == warnings


WARNED = [
    (
        "24h-with-am",
        "October 25, 2023 at 15:48:39 AM UTC",
        dt.datetime(2023, 10, 25, 15, 48, 39, tzinfo=UTC),
        "mixes a 24-hour time with AM",
    ),
    (
        "no-zone",
        "June 15, 2023 at 23:49:05",
        dt.datetime(2023, 6, 15, 23, 49, 5, tzinfo=UTC),
        "names no time zone",
    ),
    (
        "no-year",
        "October 7 at 16:38:21 UTC",
        dt.datetime(2022, 10, 7, 16, 38, 21, tzinfo=UTC),
        "has no year; took 2022",
    ),
    (
        "no-year-same-year",
        "June 7 at 16:38:21 UTC",
        dt.datetime(2023, 6, 7, 16, 38, 21, tzinfo=UTC),
        "took 2023",
    ),
    (
        "two-dates",
        "August 15, 2023 at 2023-08-16 15:11:54 UTC",
        dt.datetime(2023, 8, 15, 15, 11, 54, tzinfo=UTC),
        "names two different dates",
    ),
]


@pytest.mark.parametrize(("text", "expected", "warning"), [s[1:] for s in WARNED], ids=[s[0] for s in WARNED])
def test_untrusted_values_keep_what_the_source_said_and_warn(
    text: str, expected: dt.datetime, warning: str
) -> None:
    parsed = parse_datetime(text, "drawCutOff", reference=ROUND)
    assert parsed.value == expected
    assert any(warning in w for w in parsed.warnings), parsed.warnings
    assert all(w.startswith("drawCutOff") for w in parsed.warnings)


@pytest.mark.parametrize(
    "text",
    ["", "   ", None],
    ids=["empty", "blank", "none"],
)
def test_absent_is_none_without_warning(text: str | None) -> None:
    assert parse_datetime(text, "drawCutOff", reference=ROUND).value is None
    assert parse_datetime(text, "drawCutOff", reference=ROUND).warnings == ()


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("not a date", "unrecognised"),
        ("Julember 5, 2023 10:00 UTC", "unknown month"),
        ("February 30, 2023 10:00 UTC", "impossible date"),
        ("July 5, 2023 25:61:00 UTC", "impossible time"),
        ("July 5, 2023", "has no time"),
    ],
    ids=["garbage", "bad-month", "feb-30", "bad-time", "date-only"],
)
def test_unreadable_is_none_with_a_reason(text: str, why: str) -> None:
    parsed = parse_datetime(text, "drawDateTime", reference=ROUND)
    assert parsed.value is None
    assert any(why in w for w in parsed.warnings), parsed.warnings


def test_parse_date_forms() -> None:
    assert parse_date("2023-07-05", "drawDate").value == dt.date(2023, 7, 5)
    assert parse_date("July 5, 2023", "drawDateFull").value == dt.date(2023, 7, 5)
    assert parse_date("April 27,2022", "drawDateFull").value == dt.date(2022, 4, 27)
    assert parse_date("", "drawDate").value is None
