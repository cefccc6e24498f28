"""Clauses: a sentence cut before each comparison and at a colon, and between the rounds it names (pure)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from scraper.parsing.article_anchors import Anchor, anchors, may_hold
from scraper.parsing.article_dates import MONTH, Dates
from scraper.parsing.article_units import Unit
from scraper.parsing.dates import MONTHS

#: A span of time after "more / less than": "more than a month ago" is no comparison of rounds.
_SPAN = r"(?:a|an|one|two|three|four|five|six|several|a\s+few)\s+(?:days?|weeks?|months?|years?)\b"
COMPARISON = re.compile(
    r"\b(?:compared\s+(?:with|to)|similar\s+to|as\s+with\b|(?:the\s+)?same\s+as|(?:down|up)\s+from|versus|vs\.|whereas|previous|preceding|prior\s+(?:draw|round|to)\b|tie[sd]?\s+with\b"
    r"|last\s+(?:draw|round|week's|month's)|earlier\s+(?:draw|round)|\bearlier\s+in\s+the\s+(?:[\w-]+\s+){0,3}(?:draw|round)\b|the\s+one\s+before|(?:just\s+)?before\s+(?:it|that|this)\b"
    r"|\bagainst\s+[\d,]+|\bfollows?\s+(?:two|three|a|an|the)\b|\b(?:comes?|came)\s+after\s+(?:two|three|four|several|a|an|the)\b|\bin\s+another\s+(?:[\w-]+\s+){0,3}(?:draw|round)\b"
    r"|(?:lower|higher|fewer|greater|more|less|larger|smaller|bigger)\s+than(?!\s+\d)(?!\s+" + _SPAN + r")"
    r"|(?<=\s)points?\s+(?:below|above|lower|higher|more|less|fewer|up|down)\b"
    r"|(?:a\s+)?(?:drop|decrease|increase|rise|reduction)\s+of\s+\w+\s+points?"
    # "a score of 547, which reflects an 8-point increase from the last CEC draw held on October 22"
    r"|\b\d+-point\s+(?:drop|decrease|increase|rise|jump|fall)\b|(?:drop|decrease|increase|rise|jump|fall)\s+from\b)",
    re.I,
)
#: Another round named by its order, in passing: "one week after a STEM draw", "days after inviting 500 STEM
#: workers", "unlike the STEM draw", "following a draw for STEM occupations", "the first draw since the STEM
#: draw", "the second draw this month after the June 8 draw" (a comparison; gated by _ORDER_WORDS).
_ORDER = re.compile(
    r"\b(?:(?:one|two|three|four|a|several|few)\s+(?:days?|weeks?|months?)|days|weeks)\s+(?:after|before)\b"
    r"(?![^.;]{0,40}?\b" + MONTH + r"\s+\d)"
    r"|\b(?:unlike|following)\s+(?:a|an|the)\b|\bsince\s+(?:the|a|an|last|its)\s+(?=(?:[\w-]+\s+){0,3}(?:draw|round)\b)"
    r"|\b(?:after|following)\s+the\s+(?=" + MONTH + r"\s+\d{1,2}(?:st|nd|rd|th)?\b(?:,?\s*\d{4})?\s+"
    r"(?:[\w-]+\s+){0,2}?(?:draw|round)\b)",
    re.I,
)
_ORDER_WORDS = ("after", "before", "unlike", "following", "since")
_CONTRAST_WORDS = ("however", "but", "yet", "though")
_COLON = re.compile(r":\s")
#: A figure's label before a colon: "Cut-off: 471", "Minimum CRS: 471", "ITAs: 3,900".
_FIGURE_LABEL = re.compile(
    r"\b(?:cut-?\s?off(?:\s+score)?|CRS(?:\s+(?:score|cut-?\s?off))?|minimum(?:\s+(?:CRS|score))?|lowest\s+score"
    r"|ITAs?(?:\s+issued)?|invitations(?:\s+issued)?)\s*$",
    re.I,
)
_FIGURE = re.compile(r"\s*\d")
#: A turn back from a comparison to the round: "compared to the last draw's 471, however, this draw ...".
_CONTRAST = re.compile(
    r"[,;]\s*(?:however|but|yet|although|though)\s*,?\s+(?=(?:this|today's|the\s+(?:latest|current|new|most\s+recent))"
    r"\s+(?:[\w-]+\s+){0,2}?(?:draw|round)\b)",
    re.I,
)
#: A comparison set off by commas after a round's day, up to its closing comma: "prior to the draw for STEM
#: professionals, " (no figure in it).
_ASIDE = re.compile(r"(?:prior\s+to|before|after|following)\s+the\s+[^,.;:\d]{3,60},\s+(?=[A-Z])", re.I)
#: A sentence that opens on a day and a colon: "On February 13, 2021:", "Wednesday, May 31:".
_DAY_OPENING = re.compile(
    r"\W*(?:On\s+)?(?:the\s+)?(?:[A-Z][a-z]+day,?\s+)?(?:" + MONTH + r"\s+\d{1,2}(?:st|nd|rd|th)?"
    r"|\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?" + MONTH + r")(?:,?\s*\d{4})?\s*",
    re.I,
)
_DAY_JUST_BEFORE = re.compile(r"\b" + MONTH + r"\s+\d{1,2}(?:st|nd|rd|th)?(?:,\s*\d{4})?,\s*$", re.I)
#: The subject of a clause naming another round by its day: "However, the CEC draw expected on (September 2)",
#: "The most recent CEC draw happened (yesterday)": what the clause says is that round's, not this one's.
_OTHER_ROUND_HEAD = re.compile(
    r"\W*(?:however,?\s+|but\s+|and\s+)?the\s+(?:[\w-]+\s+){0,3}(?:draw|round)\s+"
    r"(?:(?:was\s+|is\s+)?(?:expected|scheduled|planned|due|happened|took\s+place|occurred|was\s+held|held)\s+)?"
    r"(?:on\s+|in\s+)?$",
    re.I,
)
#: A week or a month named relatively: the day named after it in its clause is in it.
_WEEK = re.compile(r"(?:last|this|the\s+previous|past)\s+(?:week|month)", re.I)
#: Between a round's number and its day: "the 191st draw | on | June 9", "draw #191, held on".
_NUMBER_THEN_DAY = re.compile(r"\s*,?\s*(?:(?:was\s+)?(?:held|conducted)\s+)?(?:on\s+)?", re.I)
#: A sentence ending on the round before: "... invited 1,047 candidates in the previous round of invites."
_IN_THE_ROUND_BEFORE = re.compile(
    r"\b(?:in|during|at|for)\s+the\s+(?:previous|last|prior|preceding)\s+(?:[\w-]+\s+){0,2}?(?:round|draw)\b",
    re.I,
)
CUT = re.compile(r",\s*and\b|;|\band\b|,\s*(?:while|whereas)\b|,\s*with\s+(?:another|one)\b", re.I)
_COMPARISON_WORDS = (
    *(
        "compared",
        "as with",
        "similar",
        "same",
        "from",
        "versus",
        "vs.",
        "whereas",
        "previous",
        "preceding",
        "prior",
        "last",
        "earlier",
    ),
    *("before", "than", "point", "drop", "decrease", "increase", "rise", "reduction", "against", "follow"),
    *("tie",),
    *("another", "after"),
)


def cut_at(text: str, match: re.Match[str], start: int) -> int:
    """Where a comparison starts: "six points more" starts at "six"."""
    if match.group(0)[:5].lower() != "point":
        return match.start()
    space = text.rfind(" ", start, match.start() - 1)
    return space + 1 if space >= 0 else start


def clauses(
    text: str, dates: Dates, start: int, end: int, unit: Unit
) -> Iterator[tuple[int, int, bool, list[Anchor], int]]:
    """Clauses of one sentence: (start, end, comparison, anchors, sentence start)."""
    low = text[start:end].lower()
    compared = COMPARISON.finditer(text, start, end) if may_hold(low, _COMPARISON_WORDS) else ()
    cuts: list[tuple[int, bool | None]] = [(cut_at(text, m, start), True) for m in compared]
    trailing = _IN_THE_ROUND_BEFORE.search(text, start, end) if cuts else None
    if trailing and not re.search(r"\d", text[trailing.end() : end]):
        # "IRCC invited 1,047 PNP candidates ... in the previous round of invites.": the whole sentence speaks
        # of the round before
        cuts.append((start, True))
    if may_hold(low, _ORDER_WORDS):
        cuts += [(m.start(), True) for m in _ORDER.finditer(text, start, end)]
    asides: set[int] = set()
    for cut, _ in list(cuts):
        aside = _ASIDE.match(text, cut, end)
        if aside and _DAY_JUST_BEFORE.search(text, start, cut):
            # "On July 4, prior to the draw for STEM professionals, IRCC held ...": the comparison is an
            # aside after the day; the clause after it is that day's round again.
            cuts.append((aside.end(), None))
            asides.add(cut)
    if cuts and may_hold(low, _CONTRAST_WORDS):
        cuts += [(m.start(), None) for m in _CONTRAST.finditer(text, start, end) if m.start() > min(cuts)[0]]
    if unit.kind == "prose":
        cuts += [
            (m.end(), False)
            for m in (_COLON.finditer(text, start, end) if ":" in low else ())
            # "On February 13, 2021: the latest Express Entry draw was conducted": the day opens its clause
            if not _DAY_OPENING.fullmatch(text, start, m.start())
            # "... invited 3,900. Cut-off: 471.": a label and its figure stay one clause
            and not (
                _FIGURE_LABEL.search(text, max(start, m.start() - 30), m.start())
                and _FIGURE.match(text, m.end())
            )
        ]
    cuts.sort(key=lambda cut: cut[0])
    bounds = [(start, False), *cuts, (end, False)]
    comparison = False
    for i in range(len(bounds) - 1):
        a, b = bounds[i][0], bounds[i + 1][0]
        if bounds[i][1]:
            comparison = True
        elif bounds[i][1] is None:
            comparison = False  # ", however, this draw ...": back to the round after a comparison
        elif i > 0:
            comparison = comparison  # a colon continues the clause's standing
        if a >= b:
            continue
        found = anchors(text, a, b, dates, unit, said_until=end if b in asides else None)
        for piece in split(text, a, b, comparison, found):
            yield (*piece, start)


def split(
    text: str, a: int, b: int, comparison: bool, found: list[Anchor]
) -> Iterator[tuple[int, int, bool, list[Anchor]]]:
    """Group a clause's anchors into rounds and cut the clause between them."""
    groups: list[list[Anchor]] = []
    for anchor in found:
        if groups:
            last = groups[-1]
            gap = text[last[-1].end : anchor.start]
            kinds_ = {("n" if x.number else "d") for x in last}
            this = "n" if anchor.number else "d"
            if this not in kinds_ and not CUT.search(gap) and len(gap) < 150 and anchor.relative != "unknown":
                last.append(anchor)
                continue
            if (
                any(x.number for x in last)
                and anchor.relative == "unknown"
                and not anchor.doubt
                and not gap.strip()
            ):
                # "Canada conducted its 22nd Express Entry draw today", "its 13th draw last week": one round
                last.append(anchor)
                continue
            if any(x.number for x in last) and anchor.doubt and _NUMBER_THEN_DAY.fullmatch(gap):
                # "Canada held its 191th Express Entry draw on June 9" (no year): one round, its day in doubt
                last.append(anchor)
                continue
            if (
                anchor.date is not None
                and all(_WEEK.fullmatch(x.snippet) for x in last)
                and not CUT.search(gap)
                and len(gap) < 150
            ):
                # "In the third draw of last week, IRCC invited 1,500 candidates on July 6": the week's day
                last.append(anchor)
                continue
        groups.append([anchor])
    if (
        groups
        and all(x.relative == "unknown" and not x.doubt for x in groups[0])
        and groups[0][0].start > a
        and not _OTHER_ROUND_HEAD.match(text, a, groups[0][0].start)
    ):
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
            for m in CUT.finditer(text, gap_start, gap_end):
                cut = m.start()
            end = cut if cut is not None else gap_end
        else:
            end = b
        yield pos, end, comparison, group
        pos = end


#: A month (and year) named as a period, not a day: "in February 2021", "In March,", "during July 2024".
_PERIOD = re.compile(
    r"\b(?:in|during|throughout|for|of)\s+(?P<month>" + MONTH + r")(?:\s*,?\s*(?P<year>(?:19|20)\d\d))?\b"
    r"(?![\s,]*\d{1,2}\b)",
    re.I,
)
#: A month naming its own round(s): "February's record draw", "the April rounds", "last March's draw".
_MONTH_ROUND = re.compile(
    r"(?:\b(?P<month>" + MONTH + r")['’]s|\b(?:the|a|an|last|that)\s+(?P<month2>" + MONTH + r"))"
    r"\s+(?:[\w-]+\s+){0,2}?(?:draw|round)s?\b",
    re.I,
)
_ROUND_WORD = re.compile(r"\b(?:draw|round)s?\b", re.I)


#: A season named as a period: "during the summer", "last winter", "in the spring of 2020".
_SEASON = re.compile(
    r"\b(?:in|during|throughout|over|this|last|of)\s+(?:the\s+)?(?P<season>summer|spring|fall|autumn|winter)\b",
    re.I,
)
_SEASON_MONTHS = {
    "spring": (3, 4, 5),
    "summer": (6, 7, 8),
    "fall": (9, 10, 11),
    "autumn": (9, 10, 11),
    "winter": (12, 1, 2),
}


def other_period(clause: str, reference: dt.date | None) -> str | None:
    """The period a clause names ("in February 2021") when it is not the month of ``reference`` (the round's
    date, else the article's): such a clause speaks of that time, not of the round. None otherwise."""
    if reference is None:
        return None
    for match in _PERIOD.finditer(clause):
        month = MONTHS[match.group("month")[:3].lower()]
        year = match.group("year")
        if month != reference.month or (year is not None and int(year) != reference.year):
            return match.group(0)
    for match in _MONTH_ROUND.finditer(clause):
        # "It trails only February's record draw of 27,332" in a page about a May round
        named = match.group("month") or match.group("month2")
        if MONTHS[named[:3].lower()] != reference.month:
            return match.group(0)
    for match in _SEASON.finditer(clause):
        # "the immigration service sent 6,000 CEC invites at a time during the summer" after a February round
        if reference.month not in _SEASON_MONTHS[match.group("season").lower()]:
            return match.group(0)
    return None


def other_round_tail(text: str, after: int, end: int, date: object) -> int | None:
    """Where a clause naming a round goes on, after ", and" or ";", about a round of another period ("...
    on September 14th, and the latest all-program draw was held in December 2020"), else None."""
    value = getattr(date, "value", None)
    if not isinstance(value, dt.date) or not _ROUND_WORD.search(text, after, end):
        return None
    for cut in CUT.finditer(text, after, end):
        tail = text[cut.start() : end]
        if _ROUND_WORD.search(tail) and other_period(tail, value):
            return cut.start()
    return None
