"""Rounds listed with their figures "respectively", or in pairs: one sentence, matched in order (pure).

"General draws were held on April 10th and 23rd, with CRS cut-offs of 549 and 529 respectively." names two
rounds and gives each its cut-off by its place in the list. The figures of such a list are no one round's
when read clause by clause (:func:`scraper.parsing.article_facts.listed` leaves them out); here a sentence
that says "respectively" and lists as many days as it lists counts or cut-offs gives the n-th figure to the
n-th day. Anything less tidy (a list of another length, two lists of days) gives nothing.

A list of pairs, each count next to its day ("issuing 512 ITAs on August 4 and another 463 on August 18",
"granting 635 ITAs on September 1st, 521 on September 15th, and 761 on September 29th"), gives each day its
count (:func:`paired`).

A sentence that lists two or three days as that many rounds ("On January 20th and January 21st, 2021, IRCC
issued two new rounds of invitations"), followed by sentences opening "The first draw ...", "The second
draw ...", gives each day the count and cut-off its ordinal's sentences state, one of each at most
(:func:`ordinal`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from scraper.parsing.article_dates import DATE, MONTH
from scraper.parsing.article_facts import LISTED_NUMBER, RESPECTIVELY, Fact, crs, invitations
from scraper.parsing.article_units import sentences

_JOIN = r"(?:\s*,\s*(?:and\s+|&\s*)?|\s+and\s+|\s*&\s*)"
_DAY = r"(\d{1,2})(?:st|nd|rd|th)?\b(?!,?\d{3})(?!\s*(?:invit|ITAs?|candidates|points|CRS))"
#: A list of days of one month or of several: "April 10th and 23rd", "February 28 and March 5, 2024".
_DAYS = re.compile(
    r"\b(?P<list>" + MONTH + r"\.?\s+" + _DAY + r"(?:" + _JOIN + r"(?:" + MONTH + r"\.?\s+)?" + _DAY + r")+)"
    r"(?:,?\s*(?P<year>(?:19|20)\d\d)\b)?",
    re.I,
)
_ONE_DAY = re.compile(r"(?:(?P<month>" + MONTH + r")\.?\s+)?(?P<day>\d{1,2})(?:st|nd|rd|th)?", re.I)
_NUMBERS = re.compile(
    r"(?<![\d,.#])" + LISTED_NUMBER + r"(?:" + _JOIN + LISTED_NUMBER + r")+(?![\d,]*\d)(?!%)"
)
_SCORE_BEFORE = re.compile(r"\b(?:CRS|cut-?offs?|scores?|minimums?|thresholds?|points)\b[^.;\d]{0,25}$", re.I)
_SCORE_AFTER = re.compile(r"\s*(?:CRS\s+)?(?:points|pts)\b", re.I)
_COUNT_BEFORE = re.compile(r"\b(?:invited|invit\w*|issued|ITAs|sent)\b[^.;\d]{0,15}$", re.I)
_COUNT_AFTER = re.compile(
    r"\s+(?:[\w-]+\s+){0,3}?(?:invitations|ITAs|candidates|applicants|people|profiles|workers)\b", re.I
)


@dataclass(frozen=True)
class Listed:
    """One day of the list, as written, and the figures given to it."""

    month: str
    day: int
    year: int | None
    start: int
    end: int
    snippet: str
    facts: tuple[Fact, ...]


def respective(text: str, start: int, end: int) -> list[Listed]:
    """The days a sentence lists with their figures "respectively" (empty where it lists none so)."""
    if not RESPECTIVELY.search(text, start, end):
        return []
    lists = list(_DAYS.finditer(text, start, end))
    if len(lists) != 1:
        return []
    days = list(_days(lists[0]))
    counts: list[Fact] = []
    scores: list[Fact] = []
    for match in _NUMBERS.finditer(text, lists[0].end(), end):
        values = list(_values(match))
        before = text[max(start, match.start() - 40) : match.start()]
        after = text[match.end() : min(end, match.end() + 40)]
        if _SCORE_BEFORE.search(before) or _SCORE_AFTER.match(after):
            kind = "crs_min"
            if any("," in raw or not 60 <= value <= 1200 for value, raw, _, _ in values):
                return []
        elif _COUNT_BEFORE.search(before) or _COUNT_AFTER.match(after):
            kind = "invitations"
        else:
            return []  # a list of figures of no kind said: which is which is a doubt
        if len(values) != len(days) or (scores if kind == "crs_min" else counts):
            return []
        facts = [Fact(kind, value, a, b, raw) for value, raw, a, b in values]
        (scores if kind == "crs_min" else counts).extend(facts)
    if not counts and not scores:
        counts = _counts_one_by_one(text, lists[0].end(), end, len(days))
    if not counts and not scores:
        return []
    out = []
    for i, (month, day, a, b, snippet) in enumerate(days):
        given = tuple(f[i] for f in (counts, scores) if f)
        year = int(lists[0].group("year")) if lists[0].group("year") else None
        out.append(Listed(month, day, year, a, b, snippet, given))
    return out


_ONE_NUMBER = re.compile(r"(?<![\d,.#])" + LISTED_NUMBER + r"(?![\d,]*\d)(?!%)")


def _counts_one_by_one(text: str, start: int, end: int, days: int) -> list[Fact]:
    """The counts a "respectively" sentence gives one by one, each with its noun ("inviting 2,095 candidates
    in a general draw and 1,400 candidates in a French ... draw, respectively"): as many as the days listed,
    and no other figure in the sentence (else which is which is a doubt); empty otherwise."""
    found = list(_ONE_NUMBER.finditer(text, start, end))
    if len(found) != days or not all(_COUNT_AFTER.match(text, m.end(), end) for m in found):
        return []
    return [
        Fact("invitations", int(m.group(1).replace(",", "")), m.start(1), m.end(1), m.group(1)) for m in found
    ]


def _days(match: re.Match[str]) -> Iterator[tuple[str, int, int, int, str]]:
    month = ""
    offset = match.start("list")
    for one in _ONE_DAY.finditer(match.group("list")):
        month = one.group("month") or month
        snippet = one.group(0)
        yield month, int(one.group("day")), offset + one.start(), offset + one.end(), snippet


def _values(match: re.Match[str]) -> Iterator[tuple[int, str, int, int]]:
    for one in re.finditer(LISTED_NUMBER, match.group(0)):
        raw = one.group(1)
        yield int(raw.replace(",", "")), raw, match.start() + one.start(), match.start() + one.end()


_PAIR = (
    LISTED_NUMBER
    + r"(?:\s+(?:ITAs?|invitations?|candidates))?\s+on\s+("
    + MONTH
    + r"\.?\s+\d{1,2})(?:st|nd|rd|th)?\b"
)
#: Two or more pairs in a row, the first said of invitations: "issuing 512 ITAs on August 4 and another 463 on
#: August 18".
_PAIRS = re.compile(
    r"\b(?:issu\w*|grant\w*|invit\w*|sen[dt]\w*|giv\w*|gave|award\w*|extend\w*)\s+(?P<pairs>"
    + _PAIR
    + r"(?:(?:\s*,\s*(?:and\s+)?|\s+and\s+)(?:another\s+|a\s+further\s+)?"
    + _PAIR
    + r")+)(?![\d,]*\d)(?!\s*,?\s*\d{4})",
    re.I,
)
_ONE_PAIR = re.compile(_PAIR, re.I)


def paired(text: str, start: int, end: int) -> list[Listed]:
    """The days a sentence gives in pairs with their counts ("512 ITAs on August 4 and another 463 on
    August 18"), each with its count (empty where it gives none so)."""
    out: list[Listed] = []
    for match in _PAIRS.finditer(text, start, end):
        offset = match.start("pairs")
        for one in _ONE_PAIR.finditer(match.group("pairs")):
            raw = one.group(1)
            count = Fact(
                "invitations", int(raw.replace(",", "")), offset + one.start(1), offset + one.end(1), raw
            )
            month, day = one.group(2).rsplit(None, 1)
            a, b = offset + one.start(2), offset + one.end(2)
            out.append(Listed(month, int(day), None, a, b, one.group(2), (count,)))
    return out


_ORDINALS = ("first", "second", "third")
_COUNTS = {"two": 2, "three": 3}
_COUNTED_ROUNDS = re.compile(r"\b(two|three)\s+(?:new\s+|separate\s+|more\s+)?(?:rounds|draws)\b", re.I)
_ORDINAL_OPENS = re.compile(
    r"(?:^|(?<=[.!?]\s)|(?<=\n))\s*The\s+(first|second|third)\s+(?:draw|round)\b", re.I | re.M
)


def ordinal(text: str) -> list[Listed]:
    """The days a sentence lists as two or three rounds, each with the count and cut-off of the sentences
    opening "The first draw", "The second draw" ... after it (empty where there are none so)."""
    out: list[Listed] = []
    if not _COUNTED_ROUNDS.search(text):
        return out
    for match in _DAYS.finditer(text):
        days = list(_days(match))
        stop = _sentence_end(text, match.end())
        counted = _COUNTED_ROUNDS.search(text, match.end(), stop)
        if counted is None or _COUNTS[counted.group(1).lower()] != len(days):
            continue
        opens = list(_ORDINAL_OPENS.finditer(text, stop, stop + 3000))
        starts = [_next(opens, name) for name in _ORDINALS[: len(days)]]
        at = [x for x in starts if x is not None]
        if len(at) != len(starts) or sorted(at) != at:
            continue
        last_end = text.find("\n", at[-1])
        bounds = [*at, last_end if last_end >= 0 else len(text)]
        year = int(match.group("year")) if match.group("year") else None
        for (month, day, a, b, snippet), x, y in zip(days, bounds[:-1], bounds[1:], strict=True):
            out.append(Listed(month, day, year, a, b, snippet, _figures(text, x, y)))
    return out


def _sentence_end(text: str, pos: int) -> int:
    """Where the sentence holding ``pos`` ends (within its line)."""
    line_end = text.find("\n", pos)
    line_end = len(text) if line_end < 0 else line_end
    return next((b for _, b in sentences(text, text.rfind("\n", 0, pos) + 1, line_end) if b > pos), line_end)


def _next(opens: list[re.Match[str]], name: str) -> int | None:
    """Where the first sentence opening on that ordinal starts, or None."""
    found = next((m for m in opens if m.group(1).lower() == name), None)
    return None if found is None else found.end() - len(found.group(0).lstrip())


def _figures(text: str, start: int, end: int) -> tuple[Fact, ...]:
    """The one count and the one cut-off said in ``text[start:end]``, each up to the first date of its
    sentence (what follows a date compares with another round)."""
    found: dict[str, list[Fact]] = {"invitations": [], "crs_min": []}
    for a, sentence_end in sentences(text, start, end):
        date = DATE.search(text, a, sentence_end)
        b = date.start() if date else sentence_end
        found["invitations"] += invitations(text, a, b)[0]
        found["crs_min"] += crs(text, a, b)[0]
    return tuple(facts[0] for facts in found.values() if len({f.value for f in facts}) == 1)
