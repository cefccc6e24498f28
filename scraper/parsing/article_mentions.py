"""An article as a set of round mentions: which round each stretch of text speaks of (pure).

An article names rounds by number ("#254", "draw no. 254", "the 254th round",
"(number 396)", "the seventh, and latest, draw"), by date ("on December 7th",
"yesterday", "on Wednesday", a table row's date cell) or as "this draw".
Every such name is an *anchor*; a *mention* is one round, found by one or
more anchors. The text is read in units (a paragraph, a list row, a table row,
a labelled line, a footnote), a unit in sentences, a sentence in clauses:
a clause that compares with another round ("the previous draw", "down from",
"six points more") is cut off from the clause before it, and a clause naming
two rounds is cut between them. Each piece's facts go to the round its anchor
names; a piece without an anchor belongs to the round the paragraph is
about (the article's lead round, or the round last named in the paragraph),
except a comparison, which belongs to a round only when the paragraph named
exactly one other round, and a footnote or a table row, which belong to no
round but their own. Dates that are not a round's (a publication date, a
tie-break, "since ...", "expected on ...", "changes took effect on ...") are
never anchors. Relative dates resolve against the article's own date; without
it, they name no round and their facts are dropped.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from eewatch.domain.announcement import Found
from scraper.parsing import article_facts as facts_of
from scraper.parsing.article_facts import Fact
from scraper.parsing.dates import parse_datetime

# -- text units -------------------------------------------------------------------

_BULLET = re.compile(r"^\s*(?:[-•–—]|\d{1,2}[.)])\s+")
_LABEL = re.compile(r"^\s*(?:[-•–—]\s+)?(?:[^\W\d][^:.!?\d|\t]{0,45}):\s*\S")
_BARE_LABEL = re.compile(r"^[^\W\d][^:.!?\d|\t]{0,40}$")
_BARE_VALUE = re.compile(r"^\s*(?:\d{1,3}(?:,\d{3})+|\d+)\*?\s*$")
_ABBREVIATIONS = {"no", "nov", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "dec"}
_ABBREVIATIONS |= {"vs", "approx", "e.g", "i.e", "mr", "mrs", "ms", "dr", "st", "inc", "ltd", "u.s", "c.r.s"}
_SENTENCE_END = re.compile(r"[.!?]+[\"”’)]*\s+")
_COMPARISON = re.compile(
    r"\b(?:compared\s+(?:with|to)|(?:down|up)\s+from|versus|vs\.|whereas|previous|preceding|prior\s+(?:draw|round)"
    r"|last\s+(?:draw|round|week's|month's)|earlier\s+(?:draw|round)|the\s+one\s+before|(?:just\s+)?before\s+(?:it|that|this)\b"
    r"|\bagainst\s+[\d,]+|\bfollows?\s+(?:two|three|a|an|the)\b|\bin\s+another\s+(?:[\w-]+\s+){0,3}(?:draw|round)\b"
    r"|(?:lower|higher|fewer|greater|more|less|larger|smaller|bigger)\s+than(?!\s+\d)"
    r"|(?<=\s)points?\s+(?:below|above|lower|higher|more|less|fewer|up|down)\b"
    r"|(?:a\s+)?(?:drop|decrease|increase|rise|reduction)\s+of\s+\w+\s+points?)",
    re.I,
)
_PLURAL = re.compile(r"\b(?:draws|rounds|ones)\b", re.I)
_COLON = re.compile(r":\s")
#: A unit that holds none of these can name no round and state no fact (matched on lowercased text).
_RELEVANT = re.compile(
    r"\d|#|day|week|month|this|latest|recent|new|first|stem|science|french|franco|health|transport|agri|trade"
    r"|educat|canadian|federal|provincial|nomin|cec|fs|pnp|general|program|all-|all |no |not |draw|round"
)


@dataclass(frozen=True)
class Unit:
    start: int
    end: int
    kind: str  # prose, heading, label, item, row, header, foot
    cells: tuple[tuple[int, int], ...] = ()


def units(text: str) -> list[Unit]:
    """The text's lines, each classified; a bare label and its value line are one unit."""
    lines: list[tuple[int, int]] = []
    offset = 0
    for line in text.split("\n"):
        if line.strip():
            lines.append((offset, offset + len(line)))
        offset += len(line) + 1
    out: list[Unit] = []
    i = 0
    while i < len(lines):
        a, b = lines[i]
        line = text[a:b]
        if "\t" in line or line.count(" | ") >= 2 or (line.count("|") >= 3 and "|" in line.strip()[-1:]):
            out.append(Unit(a, b, "row", _cells(text, a, b)))
        elif line.lstrip().startswith("*") and not line.lstrip().startswith("**"):
            out.append(Unit(a, b, "foot"))
        elif (
            i + 1 < len(lines)
            and _BARE_LABEL.match(line.strip())
            and len(line.split()) <= 5
            and _BARE_VALUE.match(text[lines[i + 1][0] : lines[i + 1][1]])
        ):
            out.append(Unit(a, lines[i + 1][1], "label"))
            i += 1
        elif _LABEL.match(line) and len(line) < 160:
            out.append(Unit(a, b, "label"))
        elif _BULLET.match(line) or _ROW_DATE.match(line):
            out.append(Unit(a, b, "item"))
        elif len(line) < 70 and _NUMBER_REF_LINE.search(line) and not re.search(r"[.!?]\s", line):
            out.append(Unit(a, b, "heading"))
        else:
            out.append(Unit(a, b, "prose"))
        i += 1
    return out


def _cells(text: str, start: int, end: int) -> tuple[tuple[int, int], ...]:
    sep = "\t" if "\t" in text[start:end] else "|"
    cells = []
    pos = start
    for part in text[start:end].split(sep):
        a = pos + len(part) - len(part.lstrip())
        b = pos + len(part.rstrip())
        cells.append((a, max(a, b)))
        pos += len(part) + 1
    return tuple(c for c in cells if c[1] > c[0]) if sep == "|" else tuple(cells)


def sentences(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    a = start
    for match in _SENTENCE_END.finditer(text, start, end):
        word = re.search(r"([\w.]+)[.!?]+[\"”’)]*$", text[a : match.start() + 1])
        after = text[match.end() : match.end() + 1]
        if (
            (word and word.group(1).lower().rstrip(".") in _ABBREVIATIONS)
            or after.islower()
            or after.isdigit()
        ):
            continue
        yield a, match.end()
        a = match.end()
    if a < end:
        yield a, end


# -- anchors ----------------------------------------------------------------------

_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?"
    r"|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_TIME = r"(?:\s*,?\s*(?:at\s*)?\d{1,2}:\d{2}(?::\d{2})?(?:\s*[ap]\.?m\.?)?(?:\s*(?:UTC|GMT|EST|EDT|ET)\b)?)?"
DATE = re.compile(
    r"\b(?P<date>" + _MONTH + r"\s+\d{1,2}(?:st|nd|rd|th)?\b(?:,?\s*\d{4}\b)?"
    r"|\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTH + r"\b(?:\s*,?\s*\d{4}\b)?"
    r"|\d{4}-\d{2}-\d{2}\b)(?P<time>" + _TIME + r")",
    re.I,
)
_FULL_DATE = re.compile(
    r"\b(?:"
    + _MONTH
    + r"\s+\d{1,2}(?:st|nd|rd|th)?,?\s*\d{4}|\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?"
    + _MONTH
    + r"\s*,?\s*\d{4}|\d{4}-\d{2}-\d{2}|(?P<month_year>(?P<my_month>"
    + _MONTH
    + r")\s+(?P<my_year>\d{4})))\b",
    re.I,
)
_YEAR_ALONE = re.compile(r"\b(?:in|of)\s+(20\d\d)\b")
_YEAR_IN_CLAUSE = re.compile(r"\b(?:of|in)\s+(20\d\d)\b(?!\s*[-/])")
_ROW_DATE = re.compile(r"^\s*" + _MONTH + r"\s+\d{1,2}(?:st|nd|rd|th)?(?:,?\s*\d{4})?\s*[:–—-]\s", re.I)
_TIE_BREAK = re.compile(
    r"(?:tie-?break\w*|tie\s+break\w*|cut-?off\s+(?:date|time)|submitted|submit|created|create|profiles?\s+by)"
    r"\W*(?:\w+\W+){0,7}$",
    re.I,
)
PUBLISHED = re.compile(
    r"(?:published|posted|written|updated|modified|last\s+updated|^\s*date)(?:\s+on)?\s*:?\s*(?:on\s+)?$",
    re.I,
)
_NOT_A_ROUND = re.compile(
    r"(?:\bsince|\bbetween|\buntil|\bexpected\s+(?:on|for)|\b(?<!draw\s)(?<!round\s)announced(?:\s+on)?"
    r"|\bsaid(?:\s+on)?|\beffect(?:ive)?(?:\s+on|\s+from)?|\blaunch\w*(?:\s+on)?|\bopened(?:\s+on)?"
    r"|\bbegan(?:\s+on)?|\bstarted(?:\s+on)?|\bbefore|\bby|\bfrom|\bto|\band|\bpaused(?:\s+on)?"
    r"|\bintroduced(?:\s+on)?|\bdate:)\s*$",
    re.I,
)
_BOUND = re.compile(r"\b(?:since|until)\s+$", re.I)
_NOT_A_ROUND_LABEL = re.compile(r"launch|tie|cut-?off\s+date|publish|posted|updated|since", re.I)
_DRAW_WORDS = re.compile(
    r"draw|round|invit|\bITAs?\b|held|\bCRS\b|cut-?off|score|points|candidates|nominees|selected|took\s+place",
    re.I,
)
_NUMBER_REFS = (
    re.compile(r"#\s?(?P<id>\d{1,4})\b(?![,.]\d)"),
    re.compile(
        r"\b(?:draw|round)\s*(?:no\.?|number|num\.?)?\s*[:#]?\s*(?P<id>\d{1,4})\b(?![,.]\d)"
        r"(?!\s*(?:invitations|ITAs|candidates|points|CRS)\b)",
        re.I,
    ),
    re.compile(r"\(\s*(?:draw\s+)?(?:no\.?|number|#)\s*(?P<id>\d{1,4})\s*\)", re.I),
    re.compile(
        r"\b(?P<id>\d{1,4})(?:st|nd|rd|th)\)?\s+(?:(?:Express\s+Entry|EE|general|all-program)\s+){0,2}"
        r"(?:round|draw)\b(?!s)(?!\s+(?:this|of\s+the\s+(?:year|week|month)|of\s+20\d\d|in\s+a\s+row"
        r"|since(?!\s+(?:2015|its|Express|the\s+system|launch))))"
        r"|\b(?P<id2>\d{1,4})(?:st|nd|rd|th)\s+(?=overall\b|since\s+(?:Express\s+Entry|the\s+system|its))",
        re.I,
    ),
    re.compile(
        r"\bthe\s+(?P<word>first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth"
        r"|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth),\s+and\s+"
        r"(?:the\s+)?latest,\s+(?:Express\s+Entry\s+)?(?:draw|round)\b",
        re.I,
    ),
    re.compile(
        r"\b(?P<first>very\s+first\s+(?:Express\s+Entry\s+)?(?:draw|round)|first\s+(?:draw|round)\s+from\s+the"
        r"\s+(?:Express\s+Entry\s+)?pool|first\s+Express\s+Entry\s+(?:draw|round)\s+of\s+all)\b",
        re.I,
    ),
)
_NUMBER_REF_LINE = re.compile(r"#\s?\d{1,4}\b|\b(?:draw|round)\s*(?:no\.?|number)?\s*[:#]?\s*\d{1,4}\b", re.I)
_WORDS = [
    *("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"),
    *("eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth"),
    *("eighteenth", "nineteenth", "twentieth"),
]
_RELATIVE = re.compile(
    r"\b(?P<today>today)(?:'s)?\b|\b(?P<yesterday>yesterday)(?:'s)?\b"
    r"|\b(?:on|last|this\s+past)\s+(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
    r"|\b(?P<unknown>the\s+(?:day|week)\s+before|the\s+previous\s+day|the\s+next\s+day|the\s+following\s+day"
    r"|a\s+day\s+(?:earlier|later)|(?:one|two|three|a)\s+weeks?\s+(?:earlier|later|ago)|last\s+week|last\s+month"
    r"|earlier\s+(?:this|that)\s+week)\b",
    re.I,
)
_THIS_ROUND = re.compile(
    r"\b(?:this|today's|the\s+latest|the\s+most\s+recent|the\s+new)\s+(?:Express\s+Entry\s+)?"
    r"(?:draw|round|invitation\s+round)\b|\bthe\s+latest\s+one\b|\bthis\s+one\b",
    re.I,
)
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_CUT = re.compile(r",\s*and\b|;|\band\b|,\s*(?:while|whereas)\b|,\s*with\s+(?:another|one)\b", re.I)
_ENUMERATION = re.compile(
    r"\s*(?:the\s+)?(?:first|second|third|fourth|other|latter|former|last)\b(?!\s+(?:Express|EE|draw|round|category))",
    re.I,
)
_FIELD_LABEL = re.compile(
    r"^\s*(?:[-•–—]\s+)?(?:date(?:\s+and\s+time)?(?:\s+of\s+(?:the\s+)?(?:draw|round))?|draw\s+(?:date|number|no\.?)"
    r"|round\s+(?:date|number)|held\s+on|number)\b",
    re.I,
)


@dataclass(frozen=True)
class Anchor:
    start: int
    end: int
    snippet: str
    number: str | None = None
    date: dt.date | None = None
    held_at: dt.datetime | None = None
    relative: str | None = None  # "today", "lead" (this draw), "unknown"
    warnings: tuple[str, ...] = ()


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
            value = parse_datetime(_plain(raw), "date", reference=None, want_time=False).value
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
            parsed = parse_datetime(_plain(raw), "date", reference=reference, want_time=False)
            self._parsed[key] = (parsed.value if isinstance(parsed.value, dt.date) else None, parsed.warnings)
        return self._parsed[key]


def _plain(raw: str) -> str:
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
            _plain(match.group("date")), "publication date", reference=None, want_time=False
        )
        if not isinstance(parsed.value, dt.date):
            continue
        if labelled and re.search(r"updated|modified", before, re.I):
            fallback = fallback or parsed.value
            continue
        return parsed.value
    return fallback


def _is_publication(text: str, start: int, end: int) -> bool:
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
    if "\t" in line or "|" in line or _DRAW_WORDS.search(line) or re.search(r"tie|rule|\d:\d\d", line, re.I):
        return False
    return len(re.sub(DATE.pattern, "", line, flags=re.I).split()) <= 6


def tie_break(text: str, start: int, end: int, match: re.Match[str]) -> bool:
    line_start = text.rfind("\n", 0, match.start()) + 1
    before = text[max(start, line_start, match.start() - 80) : match.start()]
    return bool(_TIE_BREAK.search(before) or re.search(r"\bbefore\s+$", before, re.I))


def anchors(text: str, start: int, end: int, dates: Dates, unit: Unit) -> list[Anchor]:
    """Every round named in ``text[start:end]``, in order; adjacent names of one round merged."""
    found: list[Anchor] = []
    low = text[start:end].lower()
    if _may(low, _PROVINCIAL_WORDS) and facts_of.PROVINCIAL.search(text, start, end):
        return found
    plural = (
        unit.kind != "row"
        and _may(low, ("draws", "rounds", "ones"))
        and bool(_PLURAL.search(text, start, end))
    )
    digits = bool(_DIGIT.search(low))
    taken: list[tuple[int, int]] = []
    for pattern, words in zip(_NUMBER_REFS, _NUMBER_REF_WORDS, strict=True):
        if not _may(low, words):
            continue
        for match in pattern.finditer(text, start, end):
            if any(a <= match.start() < b for a, b in taken):
                continue
            groups = match.groupdict()
            if groups.get("word"):
                number = str(_WORDS.index(groups["word"].lower()) + 1)
            elif groups.get("first"):
                number = "1"
            else:
                number = (groups.get("id") or groups.get("id2") or "").lower()
            if not number or (len(number) == 4 and number.startswith(("19", "20"))):
                continue
            before = text[max(0, match.start() - 16) : match.start()]
            if re.search(_MONTH + r"\s+$", before, re.I):
                continue  # "the April 9th draw" is a date
            if groups.get("id") and re.match(r"(?i)(?:draw|round)\s*:?\s*\d", match.group(0)):
                # A bare "draw 254" is a round's number only where the round is named so.
                line_start = text.rfind("\n", 0, match.start()) + 1
                lead_in = text[max(line_start, match.start() - 40) : match.start()]
                if not re.search(r"(?:Express\s+Entry\s+|EE\s+|^\W*|[.!?:]\s+)$", lead_in, re.I):
                    continue
            taken.append((match.start(), match.end()))
            found.append(Anchor(match.start(), match.end(), match.group(0), number=number))
    sentence_words = _DRAW_WORDS.search(text, start, end) or unit.kind in ("row", "item", "label")
    dates_here = digits and (_may(low, _MONTH_WORDS) or "-" in low)
    for match in DATE.finditer(text, start, end) if dates_here else ():
        if any(a <= match.start() < b for a, b in taken):
            continue
        before = text[max(start, match.start() - 40) : match.start()]
        line_start = text.rfind("\n", 0, match.start()) + 1
        label = text[line_start : match.start()]
        if _BOUND.search(before):
            # "no draw since August 15, when 4,300 were invited": what follows is that round's
            found.append(Anchor(match.start(), match.end(), match.group(0), relative="unknown"))
            continue
        if (
            tie_break(text, start, end, match)
            or _NOT_A_ROUND.search(before)
            or _is_publication(text, match.start(), match.end())
            or (unit.kind in ("label", "item") and ":" in label and _NOT_A_ROUND_LABEL.search(label))
            or not sentence_words
            or plural
        ):
            continue
        years = [y for y in _YEAR_IN_CLAUSE.finditer(text, start, end) if y.start() < match.start()]
        year = int(years[-1].group(1)) if years else None
        day, warnings = dates.parse(match.group("date"), match.start(), year)
        if day is None:
            found.append(Anchor(match.start(), match.end(), match.group(0), relative="unknown"))
            continue
        held = None
        if match.group("time").strip(" ,"):
            parsed = parse_datetime(_plain(match.group(0)), "date and time", reference=day)
            held = parsed.value if isinstance(parsed.value, dt.datetime) else None
        found.append(
            Anchor(
                match.start(),
                match.end("date"),
                match.group("date"),
                date=day,
                held_at=held,
                warnings=warnings,
            )
        )
    for match in _RELATIVE.finditer(text, start, end) if _may(low, ("day", "week", "month")) else ():
        if plural:
            break
        if any(a <= match.start() < b for a, b in taken):
            continue
        published = dates.published
        groups = match.groupdict()
        if groups["unknown"] or published is None:
            found.append(Anchor(match.start(), match.end(), match.group(0), relative="unknown"))
        elif groups["today"]:
            found.append(Anchor(match.start(), match.end(), match.group(0), date=published, relative="today"))
        elif groups["yesterday"]:
            value = published - dt.timedelta(days=1)
            found.append(Anchor(match.start(), match.end(), match.group(0), date=value, relative="yesterday"))
        else:
            back = (published.weekday() - _WEEKDAYS.index(groups["weekday"].lower())) % 7
            value = published - dt.timedelta(days=back)
            found.append(Anchor(match.start(), match.end(), match.group(0), date=value, relative="weekday"))
    if not found:
        this = _THIS_ROUND.search(text, start, end) if _may(low, _THIS_WORDS) else None
        if this:
            found.append(Anchor(this.start(), this.end(), this.group(0), relative="lead"))
    found.sort(key=lambda a: a.start)
    return _merge_adjacent(text, found)


_GATES: dict[tuple[str, ...], re.Pattern[str]] = {}


def _may(low: str, words: tuple[str, ...]) -> bool:
    """A fast test before a pattern: can ``low`` (a lowercased clause) hold a match at all?"""
    gate = _GATES.get(words)
    if gate is None:
        gate = _GATES[words] = re.compile("|".join(re.escape(w) for w in words))
    return gate.search(low) is not None


_DIGIT = re.compile(r"\d")
_PROVINCIAL_WORDS = ("notification", "noi", "letter", "expression", "eoi", "nomination")
_NUMBER_REF_WORDS = (
    ("#",),
    ("draw", "round"),
    ("(",),
    ("draw", "round", "overall", "since"),
    ("latest",),
    ("first",),
)
_MONTH_WORDS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_THIS_WORDS = ("this", "latest", "recent", "today", "new")
_COMPARISON_WORDS = (
    *("compared", "from", "versus", "vs.", "whereas", "previous", "preceding", "prior", "last", "earlier"),
    *("before", "than", "point", "drop", "decrease", "increase", "rise", "reduction", "against", "follow"),
    "another",
)


def _merge_adjacent(text: str, found: list[Anchor]) -> list[Anchor]:
    """ "Yesterday, on January 31" and "today, September 29th" name one round: the explicit date wins."""
    out: list[Anchor] = []
    for anchor in found:
        if out and anchor.number is None and out[-1].number is None:
            gap = text[out[-1].end : anchor.start]
            if re.fullmatch(r"[\s,(]*(?:on\s+)?[\s(]*", gap):
                prev = out[-1]
                explicit = anchor if anchor.relative is None else prev
                out[-1] = Anchor(
                    prev.start,
                    anchor.end,
                    text[prev.start : anchor.end],
                    date=explicit.date,
                    held_at=explicit.held_at,
                    relative=explicit.relative,
                    warnings=explicit.warnings,
                )
                continue
        out.append(anchor)
    return out


# -- mentions ---------------------------------------------------------------------


@dataclass
class Mention:
    """One round the article speaks of, and everything attributed to it."""

    number: Found | None = None
    date: Found | None = None
    held_at: Found | None = None
    first: int = 0
    #: (fact, clause id, strength): 2 the clause names this round explicitly (a number, a date, a labelled
    #: block), 1 by a relative date ("yesterday"), 0 the clause names no round and was attributed to this one.
    facts: list[tuple[Fact, int, int]] = field(default_factory=list)
    kinds: list[tuple[str, str | None, Fact, int]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    tie_breaks: list[Found] = field(default_factory=list)
    from_row: bool = False


class Reader:
    """Reads one article's text into mentions."""

    def __init__(self, text: str, published: dt.date | None) -> None:
        self.text = text
        self.dates = Dates(text, published)
        self.mentions: list[Mention] = []
        self.by_number: dict[str, Mention] = {}
        self.by_date: dict[dt.date, list[Mention]] = {}
        #: The round the article is about: named by the first paragraph that names one or states a fact.
        #: A placeholder (no number, no date) when that paragraph states facts without naming the round.
        self.lead: Mention | None = None
        self.pending: list[tuple[int, int, int]] = []  # clauses read before the lead was named
        self.placeholder = False  # the lead is stated but not yet named
        self.open = False  # ... and no other round has been named since
        self.clause_id = 0

    # -- finding the mention an anchor group names
    def _new(self, first: int, *, from_row: bool = False) -> Mention:
        mention = Mention(first=first, from_row=from_row)
        self.mentions.append(mention)
        return mention

    def _number(self, mention: Mention, anchor: Anchor) -> None:
        assert anchor.number is not None
        mention.number = Found(anchor.number, anchor.start, anchor.end, anchor.snippet)
        self.by_number.setdefault(anchor.number, mention)

    def _date(self, mention: Mention, anchor: Anchor) -> None:
        assert anchor.date is not None
        if mention.date is None:
            mention.date = Found(anchor.date, anchor.start, anchor.end, anchor.snippet)
            mention.warnings.extend(anchor.warnings)
            self.by_date.setdefault(anchor.date, []).append(mention)
        elif mention.date.value != anchor.date:
            mention.warnings.append(
                f"date: the article also dates this round {anchor.snippet!r}; kept {mention.date.snippet!r}"
            )
        if anchor.held_at and mention.held_at is None and mention.date.value == anchor.date:
            mention.held_at = Found(anchor.held_at, anchor.start, anchor.end, anchor.snippet)

    def resolve(
        self,
        group: list[Anchor],
        *,
        comparison: bool,
        carry: Mention | None,
        block: bool,
        clause: str,
        prose: bool,
    ) -> Mention | None:
        number = next((a for a in group if a.number), None)
        dated = next((a for a in group if a.date is not None), None)
        if not (number or dated):
            if any(a.relative == "lead" for a in group) and not any(a.relative == "unknown" for a in group):
                return self.lead
            self.open = False
            return None
        if dated and dated.relative == "today" and not number and self.lead is not None:
            lead_date = self.lead.date.value if self.lead.date else None
            if lead_date != dated.date:
                return self.lead
        mention = None
        if number and number.number is not None:
            mention = self.by_number.get(number.number)
            if mention is None and not comparison:
                if block and carry is not None and carry.number is None:
                    mention = carry
                elif _THIS_ROUND.search(clause) and self.lead is not None and self.lead.number is None:
                    mention = self.lead
                elif not dated and carry is not None and carry.number is None and carry.date is not None:
                    # "Canada held a round on August 20. It was the 161st overall."
                    mention = carry
        if mention is None and dated and dated.date is not None:
            same = [m for m in self.by_date.get(dated.date, []) if number is None or m.number is None]
            if (
                block
                and carry is not None
                and not number
                and (carry.date is None or carry.date.value == dated.date)
            ):
                mention = carry
            elif len(same) == 1:
                mention = same[0]
            elif not same and self._fills_carry(dated, number, carry, comparison, clause):
                # "CIC has carried out the seventh draw. On April 10, 2015 it sent 925 invitations."
                mention = carry
        created = mention is None
        if mention is None:
            mention = self._new(group[0].start)
        if number and mention.number is None:
            self._number(mention, number)
        if dated:
            self._date(mention, dated)
        if comparison or mention.from_row or _ENUMERATION.match(clause):
            self.open = False  # only the first round named after the unnamed one can be it
            return mention
        if self.lead is None:
            self.lead = mention
        elif (
            self.placeholder
            and self.open
            and created
            and prose
            and self._recent(dated)
            and not self._contradicts(clause)
        ):
            # "In its second draw of 2022, Canada sent 1,036 invitations. ... the January 19 draw ..."
            self.lead, self.placeholder = mention, False
        self.open = False
        return mention

    def _recent(self, dated: Anchor | None) -> bool:
        """Could a round on this date be the one an article of this date is about?"""
        published = self.dates.published
        if dated is None or dated.date is None or published is None:
            return True
        return 0 <= (published - dated.date).days <= 7

    def _contradicts(self, clause: str) -> bool:
        """Does a clause state a count, cut-off or category other than the unnamed lead round's?"""
        said = self._pending_facts()
        length = len(clause)
        here = facts_of.invitations(clause, 0, length)[0] + facts_of.crs(clause, 0, length)[0]
        for fact in here:
            if any(f.name == fact.name and f.value != fact.value for f in said):
                return True
        slugs = {k[1] for k in facts_of.kinds(clause, 0, length) if k[0] == "category"}
        said_slugs = {
            k[1] for a, b, _ in self.pending for k in facts_of.kinds(self.text, a, b) if k[0] == "category"
        }
        return bool(slugs and said_slugs and slugs != said_slugs)

    def _pending_facts(self) -> list[Fact]:
        out: list[Fact] = []
        for a, b, _ in self.pending:
            out += facts_of.invitations(self.text, a, b)[0] + facts_of.crs(self.text, a, b)[0]
        return out

    def _fills_carry(
        self, dated: Anchor, number: Anchor | None, carry: Mention | None, comparison: bool, clause: str
    ) -> bool:
        if number or comparison or carry is None or carry.date is not None or carry.number is None:
            return False
        if facts_of.SUPERLATIVE.search(clause) or dated.date is None:
            return False
        published = self.dates.published
        return published is None or 0 <= (published - dated.date).days <= 7

    # -- attributing a piece of text
    def give(self, mention: Mention | None, start: int, end: int, *, anchored: int) -> None:
        self.clause_id += 1
        if mention is None:
            return
        text = self.text
        clause = text[start:end]
        low = clause.lower()
        if _may(low, _PROVINCIAL_WORDS) and facts_of.PROVINCIAL.search(clause):
            return
        count, notes = facts_of.invitations(text, start, end)
        cut, more = facts_of.crs(text, start, end)
        mention.warnings.extend(notes + more)
        for fact in count + cut:
            if facts_of.after_plural(text, start, fact.start) and not anchored:
                mention.warnings.append(f"{fact.name}: {fact.snippet!r} speaks of several rounds; not taken")
                continue
            if fact.weak and not anchored:
                mention.warnings.append(
                    f"{fact.name}: {fact.snippet!r} speaks of some other round; not taken"
                )
                continue
            mention.facts.append((fact, self.clause_id, anchored))
        if anchored or not _PLURAL.search(clause):
            mention.kinds.extend((*k, anchored) for k in facts_of.kinds(text, start, end))
        for match in DATE.finditer(text, start, end) if ":" in clause else ():
            if match.group("time").strip(" ,") and tie_break(text, start, end, match):
                reference = mention.date.value if mention.date else self.dates.reference(match.start())[0]
                parsed = parse_datetime(_plain(match.group(0)), "tie-break", reference=reference)
                if isinstance(parsed.value, dt.datetime):
                    mention.tie_breaks.append(Found(parsed.value, match.start(), match.end(), match.group(0)))

    def read(self) -> list[Mention]:
        text = self.text
        header: dict[str, int] | None = None
        caption: list[tuple[str, str | None, Fact]] = []
        carry: Mention | None = None
        block = False
        for index, unit in enumerate(units(text)):
            if unit.kind == "row":
                header, caption = self._row(unit, header, caption)
                continue
            header = None
            if not _RELEVANT.search(text[unit.start : unit.end].lower()):
                # No digit, no date word, no round word, no kind: nothing here names a round or states a fact.
                carry, block, caption = (self.lead if unit.kind == "prose" else carry), False, []
                continue
            if unit.kind in ("prose", "heading"):
                carry = self.lead
                block = unit.kind == "heading"
            elif unit.kind == "foot":
                for a, b in sentences(text, unit.start, unit.end):
                    for clause in self._clauses(a, b, unit):
                        self._clause(clause, unit, None, detached=True)
                continue
            others: list[Mention] = []
            waiting = len(self.pending)
            for a, b in sentences(text, unit.start, unit.end):
                for clause in self._clauses(a, b, unit):
                    carry = self._clause(
                        clause, unit, carry, block=block or unit.kind == "label", others=others
                    )
            sentence = re.search(r"[.!?]\s*$", text[unit.start : unit.end]) and unit.end - unit.start > 60
            if (
                self.lead is None
                and index > 0
                and unit.kind == "prose"
                and sentence
                and self._states_facts(waiting)
            ):
                # The paragraph states the round's facts without naming it: a later name is the round's only
                # if it says nothing else ("This draw follows two others. The first, on October 24, ...").
                self.lead, self.placeholder, self.open = Mention(first=unit.start), True, True
            if unit.kind == "heading":
                block = True
            elif unit.kind == "prose":
                block = False
            caption = self._caption(unit)
        return self.mentions

    def _states_facts(self, since: int) -> bool:
        for start, end, _ in self.pending[since:]:
            if facts_of.invitations(self.text, start, end)[0] or facts_of.crs(self.text, start, end)[0]:
                return True
        return False

    def _caption(self, unit: Unit) -> list[tuple[str, str | None, Fact]]:
        line = self.text[unit.start : unit.end].rstrip()
        if line.endswith(":") or len(line) < 70:
            return [k for k in facts_of.kinds(self.text, unit.start, unit.end) if k[0] == "category"]
        return []

    def _cut_at(self, match: re.Match[str], start: int) -> int:
        """Where a comparison starts: "six points more" starts at "six"."""
        if match.group(0)[:5].lower() != "point":
            return match.start()
        space = self.text.rfind(" ", start, match.start() - 1)
        return space + 1 if space >= 0 else start

    def _clauses(
        self, start: int, end: int, unit: Unit
    ) -> Iterator[tuple[int, int, bool, list[Anchor], int]]:
        """Clauses of one sentence: (start, end, comparison, anchors, sentence start)."""
        low = self.text[start:end].lower()
        compared = _COMPARISON.finditer(self.text, start, end) if _may(low, _COMPARISON_WORDS) else ()
        cuts = [(self._cut_at(m, start), True) for m in compared]
        if unit.kind == "prose":
            cuts += [(m.end(), False) for m in _COLON.finditer(self.text[start:end])] if ":" in low else []
            cuts = [(start + c if not comparison_cut else c, comparison_cut) for c, comparison_cut in cuts]
        cuts.sort()
        bounds = [(start, False), *cuts, (end, False)]
        comparison = False
        for i in range(len(bounds) - 1):
            a, b = bounds[i][0], bounds[i + 1][0]
            if bounds[i][1]:
                comparison = True
            elif i > 0:
                comparison = comparison  # a colon continues the clause's standing
            if a >= b:
                continue
            found = anchors(self.text, a, b, self.dates, unit)
            for piece in self._split(a, b, comparison, found):
                yield (*piece, start)

    def _split(
        self, a: int, b: int, comparison: bool, found: list[Anchor]
    ) -> Iterator[tuple[int, int, bool, list[Anchor]]]:
        """Group a clause's anchors into rounds and cut the clause between them."""
        groups: list[list[Anchor]] = []
        for anchor in found:
            if groups:
                last = groups[-1]
                gap = self.text[last[-1].end : anchor.start]
                kinds_ = {("n" if x.number else "d") for x in last}
                this = "n" if anchor.number else "d"
                if (
                    this not in kinds_
                    and not _CUT.search(gap)
                    and len(gap) < 150
                    and anchor.relative != "unknown"
                ):
                    last.append(anchor)
                    continue
            groups.append([anchor])
        if groups and all(x.relative == "unknown" for x in groups[0]) and groups[0][0].start > a:
            # Text before an unknown round ("It was the first all-programs round since May 1") is this one's.
            head = groups[0][0].start
            yield a, head, comparison, []
            a = head
        if len(groups) <= 1:
            yield a, b, comparison, groups[0] if groups else []
            return
        pos = a
        for i, group in enumerate(groups):
            if i + 1 < len(groups):
                gap_start, gap_end = group[-1].end, groups[i + 1][0].start
                cut = None
                for m in _CUT.finditer(self.text, gap_start, gap_end):
                    cut = m.start()
                end = cut if cut is not None else gap_end
            else:
                end = b
            yield pos, end, comparison, group
            pos = end

    def _clause(
        self,
        clause: tuple[int, int, bool, list[Anchor], int],
        unit: Unit,
        carry: Mention | None,
        *,
        block: bool = False,
        detached: bool = False,
        others: list[Mention] | None = None,
    ) -> Mention | None:
        start, end, comparison, group, sentence_start = clause
        text = self.text
        if group:
            in_block = block and (
                unit.kind == "heading" or bool(_FIELD_LABEL.match(text[unit.start : unit.end]))
            )
            mention = self.resolve(
                group,
                comparison=comparison,
                carry=None if self.placeholder and carry is self.lead else carry,
                block=in_block,
                clause=text[sentence_start:end],
                prose=unit.kind == "prose",
            )
            relative = all(a.relative is not None for a in group)
            self.give(mention, start, end, anchored=1 if relative else 2)
            if mention is None:
                return carry
            if others is not None and mention is not self.lead and mention not in others:
                others.append(mention)
            if unit.kind == "item" and not block and mention is not self.lead and carry is not None:
                return carry
            return mention
        if detached:
            return carry
        if comparison:
            lead_in = text[max(sentence_start, start - 12) : start]
            previous = re.match(r"(?:previous|preceding)\b", text[start:end], re.I)
            only = others[-1] if others and len(others) == 1 else None
            if only is not None and previous and re.search(r"(?:^|\s)(?:[Ii]n\s+)?[Tt]he\s+$", lead_in):
                # "... the previous draw on July 6 ... The previous round had sent 1,500 invitations."
                self.give(only, start, end, anchored=0)
            else:
                self.give(None, start, end, anchored=0)
            return carry
        if (carry is None and self.lead is None) or (self.placeholder and carry is self.lead):
            self.pending.append((start, end, self.clause_id))
            self.clause_id += 1
            return carry
        self.give(carry if carry is not None else self.lead, start, end, anchored=0)
        return carry

    def _row(
        self, unit: Unit, header: dict[str, int] | None, caption: list[tuple[str, str | None, Fact]]
    ) -> tuple[dict[str, int] | None, list[tuple[str, str | None, Fact]]]:
        """One table row: a header row names the columns; a data row is a round of its own."""
        text = self.text
        cells = [text[a:b] for a, b in unit.cells]
        if not any(re.search(r"\d", c) for c in cells) and any(re.search(r"date", c, re.I) for c in cells):
            columns: dict[str, int] = {}
            for i, heading in enumerate(cells):
                low = heading.lower()
                if "tie" in low:
                    columns.setdefault("tie", i)
                elif "date" in low:
                    columns.setdefault("date", i)
                elif re.search(r"ita|invitation", low):
                    columns.setdefault("invitations", i)
                elif re.search(r"crs|score|cut-?off|minimum", low):
                    columns.setdefault("crs", i)
                elif re.search(r"type|category|program", low):
                    columns.setdefault("type", i)
            return columns, caption
        if header is None:
            return None, caption
        self.clause_id += 1

        def cell(name: str) -> tuple[int, int] | None:
            i = header.get(name)
            return unit.cells[i] if i is not None and i < len(unit.cells) else None

        where = cell("date")
        if where is None:
            return header, caption
        found = [a for a in anchors(text, where[0], where[1], self.dates, unit) if a.date is not None]
        if not found:
            return header, caption
        same = self.by_date.get(found[0].date, []) if found[0].date else []
        mention = same[0] if len(same) == 1 else None
        if mention is None:
            mention = self._new(unit.start, from_row=True)
            self._date(mention, found[0])
        for name, reader in (("invitations", facts_of.number_at), ("crs", facts_of.number_at)):
            place = cell(name)
            if place is None:
                continue
            match = re.match(r"\s*(\d{1,3}(?:,\d{3})+|\d+)\*?\s*$", text[place[0] : place[1]])
            if not match:
                continue
            value = reader(match)
            fact_name = "invitations" if name == "invitations" else "crs_min"
            if fact_name == "crs_min" and not 60 <= value <= 1200:
                continue
            mention.facts.append(
                (Fact(fact_name, value, place[0], place[1], text[place[0] : place[1]]), self.clause_id, 2)
            )
        place = cell("type")
        if place is not None:
            mention.kinds.extend((*k, 2) for k in facts_of.cell_kind(text[place[0] : place[1]], place[0]))
        elif caption:
            mention.kinds.extend((*k, 2) for k in caption[:1])
        return header, caption
