"""Dates in an article: a round's, the article's own, a tie-break; the year of a year-less one (pure)."""

from __future__ import annotations

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
YEAR_IN_CLAUSE = re.compile(r"\b(?:of|in)\s+(20\d\d)\b(?!\s*[-/])")
TIE_BREAK = re.compile(
    r"(?:tie-?break\w*|tie\s+break\w*|cut-?off\s+(?:date|time)|submitted|submit|created|create|profiles?\s+by)"
    r"\W*(?:\w+\W+){0,9}$",
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
    """Reads dates against the article's own date or, failing that, a year the article names near them.

    A date without a year takes the year of the article's own date (the year that puts it on or before
    it); without one, the year named nearest before it in its paragraph, else in the text just above it
    (a table's caption), else the one year the whole article names. A tie-break's year, a launch year
    ("launched in 2015") and a range ("2025-2027") are not a round's. Otherwise the year is a doubt: the
    date is left empty and the doubt is said (``doubts``).
    """

    def __init__(self, text: str, published: dt.date | None) -> None:
        self.text = text
        self.published = published
        self._years: list[tuple[int, int, dt.date | None]] | None = None  # (position, year, its full date)
        self._parsed: dict[tuple[str, dt.date | None], tuple[dt.date | None, tuple[str, ...]]] = {}
        #: Where a table's rows take their year from (its caption): set while a table row is read.
        self.context: int | None = None
        #: Years named outside a comparison or a record ("lower than the first draws of 2017").
        self._plain_years: set[int] = set()
        #: The year in the article's address ("/2023/10/"), if any.
        self.address_year: int | None = None
        #: Year-less dates left empty, each with why.
        self.doubts: list[str] = []

    @property
    def years(self) -> list[tuple[int, int, dt.date | None]]:
        """Every year the text names that could be a round's: (position, year, the full date it ends)."""
        if self._years is None:
            self._years = []
            for match in _YEAR.finditer(self.text):
                line_start = self.text.rfind("\n", 0, match.start()) + 1
                before = self.text[max(line_start, match.start() - 90) : match.start()]
                if TIE_BREAK.search(before) or _NOT_THE_ROUNDS_YEAR.search(before):
                    continue
                day = _DAY_BEFORE_YEAR.search(before)
                if day and _RECORD.search(before):
                    continue
                full = None
                if day:
                    raw = plain_date(day.group(0) + match.group(1))
                    value = parse_datetime(raw, "date", reference=None, want_time=False).value
                    full = value if isinstance(value, dt.date) else None
                self._years.append((match.start(), int(match.group(1)), full))
                if full is not None or not _COMPARED.search(self._sentence(match.start())):
                    self._plain_years.add(int(match.group(1)))
        return self._years

    def _sentence(self, pos: int) -> str:
        text = self.text
        start = max(text.rfind(c, 0, pos) for c in ".!?\n") + 1
        ends = [i for i in (text.find(c, pos) for c in ".!?\n") if i >= 0]
        return text[start : min(ends) if ends else len(text)]

    def year_near(self, pos: int) -> tuple[int | None, str, dt.date | None]:
        """The year a year-less date at ``pos`` takes when the article's own date is unknown, and why."""
        text = self.text
        line_start = text.rfind("\n", 0, pos) + 1
        line_end = text.find("\n", pos)
        line_end = len(text) if line_end < 0 else line_end
        years = self.years
        in_line = [(p, y, full) for p, y, full in years if line_start <= p < line_end]
        before = [(y, full) for p, y, full in in_line if p < pos]
        if before:
            return (*before[-1][:1], "named before it in its paragraph", before[-1][1])
        if len({y for _, y, _ in in_line}) == 1:
            return in_line[0][1], "named in its paragraph", in_line[0][2]
        anchor = self.context if self.context is not None else line_start
        above = [(y, full) for p, y, full in years if anchor - _ABOVE <= p < anchor]
        dated = [(y, full) for y, full in above if full]
        if dated or above:
            # A full date above ("held on November 28, 2018") names a round's year better than a bare one.
            year, full = (dated or above)[-1]
            return year, "named just above it", full
        if self.address_year is not None:
            return self.address_year, "the year in the article's address", None
        distinct = sorted(self._plain_years)
        if len(distinct) == 1:
            return distinct[0], "the only year the article names", None
        named = ", ".join(str(y) for y in distinct) or "none"
        why = f"the article's date is unknown and no single year is named near it (named: {named})"
        return None, why, None

    def reference(self, pos: int) -> tuple[dt.date | None, bool]:
        """The date a year-less date at ``pos`` is read against; True if it is the article's own."""
        if self.published:
            return self.published, True
        year, _, full = self.year_near(pos)
        if full is not None:
            return full, False
        return (dt.date(year, 12, 31), False) if year is not None else (None, False)

    def parse(self, raw: str, pos: int, year: int | None = None) -> tuple[dt.date | None, tuple[str, ...]]:
        has_year = bool(re.search(r"\d{4}", raw))
        reason = ""
        if self.published is not None and (year is None or has_year):
            # The year that puts it on or before the article's date (a week's grace: a page dated early).
            reference: dt.date | None = self.published + dt.timedelta(days=7)
        elif year is not None and not has_year:
            reference, reason = dt.date(year, 12, 31), "named in its clause"
        elif has_year:
            reference = None
        else:
            found, reason, full = self.year_near(pos)
            if found is None:
                self.doubts.append(f"date: {raw!r} has no year and {reason}; left empty")
                return None, ()
            # Near a full date, the year that puts it nearest that date; near a bare year, that year.
            reference = full + dt.timedelta(days=182) if full is not None else dt.date(found, 12, 31)
        key = (raw, reference)
        if key not in self._parsed:
            parsed = parse_datetime(plain_date(raw), "date", reference=reference, want_time=False)
            warnings = parsed.warnings
            if reason and warnings:
                warnings = tuple(f"{w} ({reason})" for w in warnings)
            self._parsed[key] = (parsed.value if isinstance(parsed.value, dt.date) else None, warnings)
        return self._parsed[key]


#: A year as a word ("in 2024", "March 6, 2025"), not part of a range ("2025-2027") or a label ("2023-1").
_YEAR = re.compile(r"(?<![\d,.\-–/])((?:19|20)\d\d)(?![\d\-–/])(?!\s*[-–/]\s*\d)")
#: A year that is not a round's: the system's launch, a start ("since 2015"), an introduction.
_NOT_THE_ROUNDS_YEAR = re.compile(
    r"(?:launch\w*|introduc\w*|\bsince|establish\w*|inception|created|began)\b[^.!?;]{0,40}$", re.I
)
_DAY_BEFORE_YEAR = re.compile(
    MONTH + r"\s+\d{1,2}(?:st|nd|rd|th)?,?\s*$|\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?" + MONTH + r",?\s*$", re.I
)
#: A year in a record ("the lowest score of 2017 was 413 on May 31, 2017") is some other round's.
_RECORD = re.compile(r"\b(?:lowest|highest|largest|smallest|record|ever|all-time)\b[^.!?;]*$", re.I)
#: A sentence that compares with, or records, other rounds: its year is not the article's.
_COMPARED = re.compile(
    r"\b(?:lowest|highest|largest|smallest|record\w*|ever|all-time|than|compared|previous|last\s+year)\b",
    re.I,
)
#: How far above a year-less date (or a table) its year may be named.
_ABOVE = 600


def plain_date(raw: str) -> str:
    """A date as the shared date parser reads it: "9th of January 2019" -> "9th January 2019",
    "1 February" (day first, no year) -> "February 1"."""
    raw = _OF.sub(" ", raw)
    day_first = _DAY_FIRST_NO_YEAR.fullmatch(raw.strip())
    return f"{day_first.group(2)} {day_first.group(1)}" if day_first else raw


_OF = re.compile(r"\s+of\s+", re.I)
_DAY_FIRST_NO_YEAR = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]+\.?)")


_ROUND_LABELS = re.compile(
    r"\n\W*(?:number\s+of\s+)?(?:invitations|ITAs|CRS|lowest|minimum|category|draw)\b", re.I
)


def publication_date(text: str) -> dt.date | None:
    """The article's own date: after "Published"/"Posted", or a byline line holding only a date."""
    fallback = None
    for match in DATE.finditer(text):
        line_start = text.rfind("\n", 0, match.start()) + 1
        line_end = text.find("\n", match.end())
        line = text[line_start : line_end if line_end >= 0 else len(text)]
        before = text[line_start : match.start()]
        labelled = PUBLISHED.search(before)
        block = _ROUND_LABELS.search(text, match.end(), match.end() + 240)
        if block and re.match(r"\W*date\b", before, re.I):
            continue  # "Date: March 6, 2025" heading a block of the round's figures is the round's date
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
