"""IRCC's hand-typed dates and times, parsed as pure functions.

The feed's times come in many shapes (``July 05, 2023 13:38:22 UTC``,
``March 01, 2023, at 14:01:21 UTC``, ``April 26,2023 18:10:04 UTC``,
``October 25, 2023 at 15:48:39 AM UTC``, ``October 7 at 16:38:21 UTC``,
``August 15, 2024 at 2024-08-15 15:11:54 UTC``, ``at12:48:30``, a missing
``UTC``, ...). Each parser returns a value and the warnings a reader should
see; it never guesses silently.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}

_TORONTO = ZoneInfo("America/Toronto")
_ZONES: dict[str, dt.tzinfo] = {
    "UTC": dt.UTC,
    "GMT": dt.UTC,
    "Z": dt.UTC,
    "ET": _TORONTO,
    "EST": _TORONTO,
    "EDT": _TORONTO,
}

_MONTH = r"(?P<month>[A-Za-z]{3,9})\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>\d{4})"
# "July 5, 2023", "July 05 2023", "April 26,2023", "August 30. 2023", "October 7"
_MONTH_FIRST = rf"{_MONTH}\s*{_DAY}(?:(?:\s*[,.]\s*|\s+){_YEAR})?"
# "5 July 2023"
_DAY_FIRST = rf"{_DAY}\s+{_MONTH}\s*,?\s*{_YEAR}"
_ISO_DATE = r"(?P<iso>\d{4}-\d{2}-\d{2})"
_TIME = (
    r"(?P<hour>\d{1,2}):(?P<minute>\d{2})(?::(?P<second>\d{2}))?"
    r"(?:\s*(?P<ampm>[AaPp]\.?[Mm]\.?))?"
)
_ZONE = r"(?P<zone>UTC|GMT|Z|ET|EST|EDT)"
_JOIN = r"(?:\s*,)?(?:\s*\bat)?\s*"
_REST = rf"(?:{_JOIN}(?:(?P<iso2>\d{{4}}-\d{{2}}-\d{{2}})[\sT]*)?{_TIME})?\s*{_ZONE}?"

# ASCII digits only: "٣" is a digit to Python, not to IRCC (the text is cleaned of odd spaces first).
_PATTERNS = (
    re.compile(rf"^{_MONTH_FIRST}{_REST}$", re.IGNORECASE | re.ASCII),
    re.compile(rf"^{_DAY_FIRST}{_REST}$", re.IGNORECASE | re.ASCII),
    re.compile(rf"^{_ISO_DATE}(?:[T\s]+{_TIME})?\s*{_ZONE}?$", re.IGNORECASE | re.ASCII),
)
#: Eastern Standard Time: what "ET" means before the zone's rules begin (the tz database
#: gives Toronto's local mean time then, an offset of -5:17:32 that nobody typed).
_EST = dt.timezone(dt.timedelta(hours=-5))


@dataclass(frozen=True)
class Parsed:
    """What a date or time field said: a value (or None) and warnings about it."""

    value: dt.datetime | dt.date | None
    warnings: tuple[str, ...] = field(default=())


def clean(text: str) -> str:
    """Fold the whitespace of a hand-typed field."""
    return re.sub(r"\s+", " ", text.replace("\xa0", " ")).strip()


#: A date typed with digits only: ``19/08/2026``, ``8.19.2026``.
_NUMERIC_DATE = re.compile(r"^(?P<a>\d{1,2})[/.](?P<b>\d{1,2})[/.](?P<year>\d{4})$")


def parse_date(text: str | None, label: str) -> Parsed:
    """Parse a date such as ``2023-07-05`` or ``July 5, 2023``; no time allowed.

    A date of digits (``19/08/2026``) is read only where one reading is possible (a
    number above 12 is the day), with a warning; ``05/08/2026`` is left empty.
    """
    if text is None or not clean(text):
        return Parsed(None)
    numeric = _NUMERIC_DATE.match(clean(text))
    if numeric:
        return _numeric_date(numeric, text, label)
    parsed = parse_datetime(text, label, reference=None, want_time=False)
    return parsed


def _numeric_date(match: re.Match[str], raw: str, label: str) -> Parsed:
    a, b, year = int(match.group("a")), int(match.group("b")), int(match.group("year"))
    if a > 12 >= b:
        day, month, order = a, b, "day/month/year"
    elif b > 12 >= a:
        day, month, order = b, a, "month/day/year"
    else:
        return Parsed(None, (f"{label}: {raw!r} could be day/month or month/day; left empty",))
    try:
        value = dt.date(year, month, day)
    except ValueError:
        return Parsed(None, (f"{label}: impossible date {raw!r}; left empty",))
    return Parsed(value, (f"{label}: {raw!r} read as {order} (the only possible reading)",))


def parse_datetime(
    text: str | None,
    label: str,
    *,
    reference: dt.date | None,
    want_time: bool = True,
) -> Parsed:
    """Parse an IRCC date-and-time into an aware UTC datetime.

    ``reference`` is the round's date: a date written without a year takes the
    year that puts it on or before that date. ``label`` names the field in
    warnings. With ``want_time=False`` a ``datetime.date`` is returned.
    """
    if text is None:
        return Parsed(None)
    raw = text
    text = clean(text)
    if not text:
        return Parsed(None)
    match = None
    for pattern in _PATTERNS:
        match = pattern.match(text)
        if match:
            break
    if match is None:
        return Parsed(None, (f"{label}: unrecognised date {raw!r}; left empty",))

    groups = match.groupdict()
    warnings: list[str] = []
    try:
        if groups.get("iso"):
            day = dt.date.fromisoformat(groups["iso"])
        else:
            month = MONTHS.get(groups["month"].lower())
            if month is None:
                return Parsed(None, (f"{label}: unknown month in {raw!r}; left empty",))
            year = int(groups["year"]) if groups.get("year") else None
            if year is None:
                if reference is None:
                    return Parsed(None, (f"{label}: {raw!r} has no year; left empty",))
                year = reference.year
                if dt.date(year, month, int(groups["day"])) > reference:
                    year -= 1
                warnings.append(f"{label}: {raw!r} has no year; took {year}")
            day = dt.date(year, month, int(groups["day"]))
    except ValueError:
        return Parsed(None, (f"{label}: impossible date {raw!r}; left empty",))

    iso2 = groups.get("iso2")
    if iso2:
        try:
            second_day = dt.date.fromisoformat(iso2)
        except ValueError:
            return Parsed(None, (f"{label}: impossible date {raw!r}; left empty",))
        if second_day != day:
            warnings.append(f"{label}: {raw!r} names two different dates; kept {day}")

    if not want_time:
        if groups.get("hour"):
            warnings.append(f"{label}: {raw!r} carries a time where a date was expected")
        return Parsed(day, tuple(warnings))

    if not groups.get("hour"):
        return Parsed(None, (*warnings, f"{label}: {raw!r} has no time; left empty"))

    hour, minute = int(groups["hour"]), int(groups["minute"])
    second = int(groups["second"] or 0)
    ampm = (groups.get("ampm") or "").replace(".", "").lower()
    if ampm:
        if hour > 12 or hour == 0:
            warnings.append(f"{label}: {raw!r} mixes a 24-hour time with {ampm.upper()}; kept {hour}h")
        elif ampm == "pm" and hour != 12:
            hour += 12
        elif ampm == "am" and hour == 12:
            hour = 0
    zone_name = (groups.get("zone") or "").upper()
    if not zone_name:
        warnings.append(f"{label}: {raw!r} names no time zone; took UTC")
    zone = _ZONES.get(zone_name, dt.UTC)
    try:
        local = dt.datetime(day.year, day.month, day.day, hour, minute, second, tzinfo=zone)
        offset = local.utcoffset()
        if offset is not None and offset % dt.timedelta(minutes=15):
            local = local.replace(tzinfo=_EST)
        return Parsed(local.astimezone(dt.UTC), tuple(warnings))
    except (ValueError, OverflowError):  # 25:00, or a time that leaves the calendar in UTC
        return Parsed(None, (*warnings, f"{label}: impossible time {raw!r}; left empty"))
