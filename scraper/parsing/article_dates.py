"""Dates in an article: a round's, the article's own, a tie-break; the year of a year-less one (pure)."""

from __future__ import annotations

import bisect
import datetime as dt
import re

from scraper.parsing.dates import parse_datetime

MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?"
    r"|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_TIME = r"(?:\s*,?\s*(?:at\s*)?\d{1,2}:\d{2}(?::\d{2})?(?:\s*[ap]\.?m\.?)?(?:\s*(?:UTC|GMT|EST|EDT|ET)\b)?)?"
DATE = re.compile(
    r"\b(?P<date>" + MONTH + r"\s+\d{1,2}(?:st|nd|rd|th)?\b(?:,?\s*\d{4}\b)?"
    r"|\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?" + MONTH + r"\b(?:\s*,?\s*\d{4}\b)?"
    r"|\d{4}-\d{2}-\d{2}\b)(?P<time>" + _TIME + r")",
    re.I,
)
_FULL_DATE = re.compile(
    r"\b(?:"
    + MONTH
    + r"\s+\d{1,2}(?:st|nd|rd|th)?,?\s*\d{4}|\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?"
    + MONTH
    + r"\s*,?\s*\d{4}|\d{4}-\d{2}-\d{2}|(?P<month_year>(?P<my_month>"
    + MONTH
    + r")\s+(?P<my_year>\d{4})))\b",
    re.I,
)
_YEAR_ALONE = re.compile(r"\b(?:in|of)\s+(20\d\d)\b")
YEAR_IN_CLAUSE = re.compile(r"\b(?:of|in)\s+(20\d\d)\b(?!\s*[-/])")
TIE_BREAK = re.compile(
    r"(?:tie-?break\w*|tie\s+break\w*|cut-?off\s+(?:date|time)|submitted|submit|created|create|profiles?\s+by)"
    r"\W*(?:\w+\W+){0,7}$",
    re.I,
)
PUBLISHED = re.compile(
    r"(?:published|posted|written|updated|modified|last\s+updated|^\s*date)(?:\s+on)?\s*:?\s*(?:on\s+)?$",
    re.I,
)
DRAW_WORDS = re.compile(
    r"draw|round|invit|\bITAs?\b|held|\bCRS\b|cut-?off|score|points|candidates|nominees|selected|took\s+place",
    re.I,
)


class Dates:
    """Reads dates against the article's own date or, failing that, its nearest full date."""

    def __init__(self, text: str, published: dt.date | None) -> None:
        self.text = text
        self.published = published
        self._matches: list[re.Match[str]] | None = None  # full dates, found when first needed
        self._positions: list[int] = []
        self._values: dict[int, dt.date | None] = {}
        self._years: list[int] | None = None
        self._parsed: dict[tuple[str, dt.date | None], tuple[dt.date | None, tuple[str, ...]]] = {}

    @property
    def years(self) -> list[int]:
        """A year named alone ("draws in 2024"): the year of year-less dates when no full date is given."""
        if self._years is None:
            found = _YEAR_ALONE.search(self.text)
            self._years = [int(found.group(1))] if found else []
        return self._years

    def _value(self, i: int) -> dt.date | None:
        assert self._matches is not None
        if i not in self._values:
            match = self._matches[i]
            raw = match.group(0)
            if match.group("month_year"):
                raw = f"{match.group('my_month')} 28, {match.group('my_year')}"
            value = parse_datetime(plain_date(raw), "date", reference=None, want_time=False).value
            self._values[i] = value if isinstance(value, dt.date) else None
        return self._values[i]

    def reference(self, pos: int) -> tuple[dt.date | None, bool]:
        """The date a year-less date at ``pos`` is read against; True if it is the article's own."""
        if self.published:
            return self.published, True
        if self._matches is None:
            self._matches = list(_FULL_DATE.finditer(self.text))
            self._positions = [m.start() for m in self._matches]
        i = bisect.bisect_right(self._positions, pos)
        for j in range(i - 1, -1, -1):
            value = self._value(j)
            if value is not None:
                return value, False
        for j in range(i, len(self._matches)):
            value = self._value(j)
            if value is not None:
                return value, False
        return None, False

    def parse(self, raw: str, pos: int, year: int | None = None) -> tuple[dt.date | None, tuple[str, ...]]:
        reference, own = self.reference(pos)
        if year is not None and not re.search(r"\d{4}", raw):
            reference, own = dt.date(year, 12, 31), True
        if reference is None and self.years:
            reference, own = dt.date(self.years[0], 12, 31), True
        if reference is not None and not own:
            # A year-less date near a full date takes the year that puts it nearest.
            reference = reference + dt.timedelta(days=182)
        key = (raw, reference)
        if key not in self._parsed:
            parsed = parse_datetime(plain_date(raw), "date", reference=reference, want_time=False)
            self._parsed[key] = (parsed.value if isinstance(parsed.value, dt.date) else None, parsed.warnings)
        return self._parsed[key]


def plain_date(raw: str) -> str:
    """A date as the shared date parser reads it: "9th of January 2019" -> "9th January 2019",
    "1 February" (day first, no year) -> "February 1"."""
    raw = _OF.sub(" ", raw)
    day_first = _DAY_FIRST_NO_YEAR.fullmatch(raw.strip())
    return f"{day_first.group(2)} {day_first.group(1)}" if day_first else raw


_OF = re.compile(r"\s+of\s+", re.I)
_DAY_FIRST_NO_YEAR = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]+\.?)")


def publication_date(text: str) -> dt.date | None:
    """The article's own date: after "Published"/"Posted", or a byline line holding only a date."""
    fallback = None
    for match in DATE.finditer(text):
        line_start = text.rfind("\n", 0, match.start()) + 1
        line_end = text.find("\n", match.end())
        line = text[line_start : line_end if line_end >= 0 else len(text)]
        before = text[line_start : match.start()]
        labelled = PUBLISHED.search(before)
        byline = _byline(line)
        if not (labelled or byline):
            continue
        parsed = parse_datetime(
            plain_date(match.group("date")), "publication date", reference=None, want_time=False
        )
        if not isinstance(parsed.value, dt.date):
            continue
        if labelled and re.search(r"updated|modified", before, re.I):
            fallback = fallback or parsed.value
            continue
        return parsed.value
    return fallback


def is_publication(text: str, start: int, end: int) -> bool:
    line_start = text.rfind("\n", 0, start) + 1
    if start - line_start > 60:
        return False  # a date deep in a paragraph is neither after a "Published" label nor a byline
    line_end = text.find("\n", end)
    line = text[line_start : line_end if line_end >= 0 else len(text)]
    if PUBLISHED.search(text[line_start:start]):
        return True
    return len(line) < 120 and _byline(line)


def _byline(line: str) -> bool:
    """A line holding a date and a few words (a name, a site): the article's date, not a round's."""
    if "\t" in line or "|" in line or DRAW_WORDS.search(line) or re.search(r"tie|rule|\d:\d\d", line, re.I):
        return False
    return len(re.sub(DATE.pattern, "", line, flags=re.I).split()) <= 6


def tie_break(text: str, start: int, end: int, match: re.Match[str]) -> bool:
    line_start = text.rfind("\n", 0, match.start()) + 1
    before = text[max(start, line_start, match.start() - 80) : match.start()]
    return bool(TIE_BREAK.search(before) or re.search(r"\bbefore\s+$", before, re.I))
