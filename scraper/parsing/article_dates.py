"""Dates in an article: a round's, the article's own, a tie-break; the year of a year-less one (pure)."""

from __future__ import annotations

import datetime as dt
import functools
import re

from scraper.parsing.dates import MONTHS, parse_datetime

#: A month's name; a point only after an abbreviation ("Jun. 15", not "this past June. 15 points if ...").
MONTH = (
    r"(?:Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June|Jun\.?|July|Jul\.?|Aug(?:ust|\.)?"
    r"|Sept?(?:ember|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)"
)
_TIME = r"(?:\s*,?\s*(?:at\s*)?\d{1,2}:\d{2}(?::\d{2})?(?:\s*[ap]\.?m\.?)?(?:\s*(?:UTC|GMT|EST|EDT|ET)\b)?)?"
DATE = re.compile(
    # "the Apr- 11th draw": a stray dash between the month and an ordinal day
    r"\b(?P<date>"
    + MONTH
    # (not "in June 3,750 ITAs": a month and a count)
    # ("Jan.10, 2018": an abbreviation's point, then the day)
    + r"(?:\s+|(?<=\.)|-\s+(?=\d{1,2}(?:st|nd|rd|th)\b))\d{1,2}(?:st|nd|rd|th)?\b(?!,\d{3}(?!\d))"
    # (not "Aug 1 2000 517": a row's day, count, cut-off)
    + r"(?:,?\s*(?:in\s+)?(?:19|20)\d\d\b(?![ \t]+\d{3}\b))?"
    # ("on 30th January in 2019": the year after "in" is the day's)
    r"|\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?" + MONTH + r"\b(?:\s*,?\s*(?:in\s+)?(?:19|20)\d\d\b)?"
    r"|\d{4}-\d{2}-\d{2}\b|(?<![\d-])\d{1,2}-\d{1,2}-\d{4}\b|(?<![\d/])\d{1,2}/\d{1,2}/\d{4}\b"
    # a table's "07-Jul", "12-Jul-2023"
    r"|(?<![\d-])\d{1,2}-" + MONTH + r"(?:-(?:19|20)\d\d)?\b(?!-\d))(?P<time>" + _TIME + r")",
    re.I,
)
YEAR_IN_CLAUSE = re.compile(r"\b(?:of|in|from)\s+(20\d\d)\b(?!\s*(?:[-/–]|to\b|through\b|until\b|till\b))")
TIE_BREAK = re.compile(
    r"(?:tie-?break\w*|tie\s+break\w*|cut-?off\s+(?:date|time)|submitted|submit|created|create|profiles?\s+by"
    r"|date\s+and\s+time\s+(?:employed|used|applied)|time\s*stamp|\bties?\b[^.\n]{0,60}?\bbroken)"
    r"\W*(?:\w+\W+){0,16}$",
    re.I,
)
PUBLISHED = re.compile(
    r"(?:published|posted|written|updated|modified|last\s+updated|^\s*date)(?:\s+on)?\s*:?\s*(?:on\s+)?$"
    r"|\bannounced\s+today(?:\s+on)?\s*,?\s*$",
    re.I,
)
DRAW_WORDS = re.compile(
    # ("a roundup" is no round)
    r"draw|round(?!-?\s?ups?\b)|invit|\bITAs?\b|held|\bCRS\b|cut-?off|score|points|\bpts\b|candidates|applicants"
    r"|nominees|selected|took\s+place",
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
        #: The full dates of ``years`` by month and day: [(position, year)] (built when first asked).
        self._full_by_day: dict[tuple[int, int], list[tuple[int, int]]] | None = None
        self._parsed: dict[tuple[str, dt.date | None], tuple[dt.date | None, tuple[str, ...]]] = {}
        #: Where a table's rows take their year from (its caption): set while a table row is read.
        self.context: int | None = None
        #: Years named outside a comparison or a record ("lower than the first draws of 2017").
        self._plain_years: set[int] = set()
        self._plain_at: set[int] = set()
        #: Where a year is said of the year so far ("In 2018, IRCC has issued 39,700 so far").
        self._so_far_at: set[int] = set()
        #: Where a year is named in a sentence of targets ("aims to welcome 110,770 ... in 2024").
        self._target_at: set[int] = set()
        #: Bare years that name no period of rounds ("its 2021 targets"): (position, year).
        self._bare: list[tuple[int, int]] = []
        #: The month in the article's address ("/2023/10/"), read as a date its rounds are on or before.
        self.address_date: dt.date | None = None
        #: The dates of the rounds named so far (a year-less date on the same day is that round's).
        self.named: set[dt.date] = set()
        #: The article's date is only the day it was updated: its "today", "yesterday", "on Wednesday" are
        #: not known.
        self.updated_only = False
        #: Year-less dates left empty, each with why.
        self.doubts: list[str] = []
        #: The full dates of the tie-breaks the article names (a round is held weeks after its own).
        self.tie_dates: set[dt.date] = set()
        #: Without the article's own date, the date of its own round when named with its year.
        self.lead_date: dt.date | None = None
        #: Without the article's own date, the day it calls "today": its own round's, fully dated, once the
        #: text says "today's draw" of it ("Yesterday, IRCC issued 341 ITAs" is then the day before).
        self.today: dt.date | None = None

    @property
    def years(self) -> list[tuple[int, int, dt.date | None]]:
        """Every year the text names that could be a round's: (position, year, the full date it ends)."""
        if self._years is None:
            self._years = []
            for match in _YEAR.finditer(self.text):
                line_start = self.text.rfind("\n", 0, match.start()) + 1
                before = self.text[max(line_start, match.start() - 90) : match.start()]
                if TIE_BREAK.search(before) and not _NOT_THE_ROUNDS_YEAR.search(before):
                    self._note_tie_break(before, match)
                if TIE_BREAK.search(before) or _NOT_THE_ROUNDS_YEAR.search(before):
                    continue
                if _BOUND_BEFORE.search(before):
                    continue  # "since the implementation of ... in May 2023": a bound's year, no round's
                day_at = _DAY_BEFORE_YEAR.search(before)
                if day_at and _ZONED_TIME.search(before[: day_at.start()]):
                    continue  # "by 7:47 AM (UTC) on February 11, 2025": a deadline's year, no round's
                if STOCK_FIGURE_AFTER.match(self.text, match.end()):
                    continue  # "October 27, 2021: 1,792,404 persons": a stock figure's day, no round's year
                if re.match(r"['’]s\b", self.text[match.end() : match.end() + 3]):
                    continue  # "2017's total": a year's tally, not a round's year
                day = _DAY_BEFORE_YEAR.search(before)
                if day and _RECORD.search(before):
                    continue
                # "Overview of the 2024 Express Entry Draws Till Now": a year naming the draws it heads
                draws_of = not day and _DRAWS_AFTER.match(self.text, match.end()) is not None
                # "Summary of Express Entry Draws in 2024" (a caption), "Canada kicked off 2022 with its first
                # draw": a year naming the draws it heads, or the year a draw opened
                draws_in = not day and _DRAWS_BEFORE.search(before) is not None
                # "A Robust Start to 2024" over the month's rounds: a title naming the year they opened
                started = not day and _START_TO.search(before) is not None and self._title_or_so_far(match)
                # "However, 2023 began quite surprisingly after a pause of six weeks. On January 11, ...": the
                # year the story's rounds opened, as a period
                started = started or (not day and _YEAR_BEGAN.match(self.text, match.end()) is not None)
                opened = (
                    not day and _OPENED.search(before) and re.match(r"\s+with\b", self.text[match.end() :])
                )
                if (
                    not day
                    and not _PERIOD_BEFORE.search(before)
                    and not (draws_of or draws_in or opened or started)
                ):
                    self._bare.append((match.start(), int(match.group(1))))
                    continue  # a bare year names a period of rounds only as "in 2024", "any 2024 draw"
                timed = _TIME_AFTER.match(self.text, match.end())
                if (
                    day
                    and timed
                    and not re.match(r"\W*date\s+and\s+time", self.text[line_start : match.start()], re.I)
                ):
                    self._note_tie_break(before, match)
                    continue  # "was 29th August 2018 at 8:32:03 UTC": a tie-break's moment, not a round's day
                if not day and _EVENT_AFTER.match(self.text, match.end()):
                    continue  # "In May 2023, IRCC initiated category-based selection": the change's year
                if _YEAR_LIST_AFTER.match(self.text, match.end()):
                    continue  # "targets for 2024 and 2025", "2019 & 2020": several years, no round's
                full = None
                if day:
                    raw = plain_date(day.group(0) + match.group(1))
                    value = parse_datetime(raw, "date", reference=None, want_time=False).value
                    full = value if isinstance(value, dt.date) else None
                if full is None and _COMPARED_ROUND.search(before):
                    continue  # "the previous healthcare draw that took place in October 2023": its year
                self._years.append((match.start(), int(match.group(1)), full))
                sentence = self._sentence(match.start())
                lead_in = sentence[: match.start() - self._sentence_start(match.start())]
                current = (
                    _CURRENT_TALLY.search(lead_in) is not None
                    or bool(opened)
                    or started
                    or ((draws_of or draws_in) and self._title_or_so_far(match))
                    or (
                        re.fullmatch(r"\W*in\s+", lead_in, re.I)
                        and _TALLY_AFTER.match(self.text, match.end())
                    )
                )
                tail = self.text[match.end() : match.end() + 80]
                so_far = _SO_FAR.search(tail)
                if full is None and so_far and not _YEAR.search(tail, 0, so_far.start()):
                    self._so_far_at.add(match.start())  # "In 2018, IRCC has issued 39,700 so far"
                if _TARGET.search(sentence):
                    self._target_at.add(match.start())
                if full is None and not current and (_EVENT.search(sentence) or _STOPPED.search(sentence)):
                    continue  # "In 2023, categories were introduced", "IRCC banned CEC draws in May 2021"
                if full is None and not started and not _ROUNDS_WORDS.search(sentence):
                    continue  # "In 2022, the farm sector exported $92.8 billion": a year of other news
                one_draw = (
                    full is None
                    and not current
                    and _MONTH_BEFORE.search(before) is not None
                    and _ONE_DRAW.search(sentence) is not None
                    and not _DAY_IN.search(sentence)
                )
                recorded = full is not None and _RECORDED.search(sentence)
                if (
                    (full is not None and not recorded) or current or not _COMPARED.search(sentence)
                ) and not one_draw:
                    # "the total issued so far in 2021": a tally, but of the year the article is written in;
                    # "the trades draw held in August 2020" dates that one round, not the article's others
                    self._plain_years.add(int(match.group(1)))
                if full is not None or not _OTHER_YEAR.search(sentence):
                    self._plain_at.add(match.start())
            # "The last four draws of the previous year occurred between December 18 and 21" on a page about
            # "the first draw of 2024": a relative year said with a day names the year before the article's
            # own (its date, or the one year it names), as a bare year there would; without the article's
            # year, or without a day in its sentence ("out-pacing last year's rate"), it names none.
            own = self.published.year if self.published else None
            if own is None and len(self._plain_years) == 1:
                own = next(iter(self._plain_years))
            for match in RELATIVE_YEAR.finditer(self.text) if own is not None else ():
                sentence = self._sentence(match.start())
                lead_in = sentence[: match.start() - self._sentence_start(match.start())]
                said = DATE.search(sentence) and _ROUNDS_WORDS.search(sentence)
                if own is not None and said and not _COMPARED_BEFORE.search(lead_in):
                    self._years.append((match.start(), own - years_back(match.group(0)), None))
                    self._plain_at.add(match.start())
                    if _TARGET.search(sentence):
                        self._target_at.add(match.start())
            self._years.sort(key=lambda named: named[0])
        return self._years

    def _note_tie_break(self, before: str, match: re.Match[str]) -> None:
        """Keep the full date of a tie-break ("The tie-break date and time used was June 26, 2018")."""
        day = _DAY_BEFORE_YEAR.search(before)
        if day is None:
            return
        value = parse_datetime(
            plain_date(day.group(0) + match.group(1)), "date", reference=None, want_time=False
        )
        if isinstance(value.value, dt.date):
            self.tie_dates.add(value.value)

    def near_tie_break(self, raw: str) -> dt.date | None:
        """A year-less date read in the one year that puts it on or within _TIE_NEAR days after every
        tie-break date the article names (a round is held weeks after its tie-break): None when no year
        does (a date before the tie-break, another round's, stays a doubt)."""
        if not self.tie_dates:
            return None
        probe, _ = self._read(raw, dt.date(2000, 12, 31), "")
        if probe is None:
            return None
        fits = set()
        for year in {t.year + k for t in self.tie_dates for k in (-1, 0, 1)}:
            try:
                day = probe.replace(year=year)
            except ValueError:
                continue
            if all(0 <= (day - t).days <= _TIE_NEAR for t in self.tie_dates):
                fits.add(day)
        return fits.pop() if len(fits) == 1 else None

    def _title_or_so_far(self, match: re.Match[str]) -> bool:
        """Is the line of "the 2024 Express Entry draws" a title, or does it say "so far" / "till now"?
        Such a line names the year the article's rounds are in."""
        start = self.text.rfind("\n", 0, match.start()) + 1
        end = self.text.find("\n", match.end())
        line = self.text[start : len(self.text) if end < 0 else end].strip()
        title = len(line) <= 80 and not re.search(r"[.!?]$", line)
        return title or _SO_FAR.search(line) is not None

    def _sentence_start(self, pos: int) -> int:
        return max(self.text.rfind(c, 0, pos) for c in ".!?\n") + 1

    def _sentence(self, pos: int) -> str:
        return sentence_at(self.text, pos)

    def year_near(self, pos: int) -> tuple[list[dt.date], str]:
        """What a year-less date at ``pos`` is read against when the article's own date is unknown: the
        dates it may be on or before (two that disagree are a doubt), and why; [] when no year is near."""
        text = self.text
        line_start = text.rfind("\n", 0, pos) + 1
        line_end = text.find("\n", pos)
        line_end = len(text) if line_end < 0 else line_end
        years = self.years
        in_line = [(p, y, full) for p, y, full in years if line_start <= p < line_end]
        before = [(p, y, full) for p, y, full in in_line if p < pos]
        if before:
            at, year, full = before[-1]
            if full is not None and _FIRST_ROUND_BEFORE.search(text, self._sentence_start(at), at):
                # "In the first draw which happened on January 10th, 2019, ... On January 23rd, ...": a day
                # after the year's first round is later in its year, not on or before it.
                return [
                    dt.date(year, 12, 31)
                ], "named before it in its paragraph, after the year's first round"
            if full is not None and _LATER_BETWEEN.search(text, at, pos):
                return [dt.date(year, 12, 31)], "named before it in its paragraph, the story going on"
            if full is not None:
                return [_on_or_before(year, full)], _AFTER_A_FULL_DATE
            return [_on_or_before(year, full)], "named before it in its paragraph"
        in_line = [
            (p, y, full) for p, y, full in in_line if not _COMPARED_BEFORE.search(text, pos, p)
        ]  # "Held on February 19, ... lower than the last draw in December 2024": the compared round's year
        if len({y for _, y, _ in in_line}) == 1:
            # Named only after it: "... the previous draw on September 18. The last time ... was January 23,
            # 2019" may put it in that year or before that date; where those differ, the year is a doubt.
            _, year, full = in_line[0]
            after = [dt.date(year, 12, 31)] + ([_on_or_before(year, full)] if full else [])
            return after, "named after it in its paragraph"
        anchor = self.context if self.context is not None else line_start
        _ = self.years  # the plain positions are found with the years
        above_at = [
            (p, y, full)
            for p, y, full in years
            if anchor - _ABOVE <= p < anchor and p in self._plain_at and p not in self._target_at
        ]
        above = [(y, full) for _, y, full in above_at]
        dated = [(y, full) for y, full in above if full]
        so_far = [(y, full) for p, y, full in years if anchor - _ABOVE <= p < anchor and p in self._so_far_at]
        if not dated and so_far:
            # "In 2018, IRCC has issued 39,700 so far ... In 2017, the total was 86,023. In the last draw held
            # on June 25 ...": the year the article counts so far is its rounds' year, not the one compared.
            return [_on_or_before(*so_far[-1])], "named just above it, so far"
        if dated or above:
            # A full date above ("held on November 28, 2018") names a round's year better than a bare one.
            chosen_at, year, _full = [a for a in above_at if a[2]][-1] if dated else above_at[-1]
            later = {y for p, y, _ in above_at if p > chosen_at} | {
                y for p, y in self._bare if chosen_at < p < anchor
            }
            later -= {year}
            if later:
                # "... admissions in 2020. In response last fall, the government revised its 2021 targets
                # ... on February 13 the government issued invitations to 27,332": a later year is a doubt.
                return [], f"{year} is named above it, and {min(later)} after that"
            return [_on_or_before(*(dated or above)[-1])], "named just above it"
        if self.address_date is not None:
            return [self.address_date], "the year in the article's address"
        distinct = sorted(self._plain_years)
        if len(distinct) == 1 and not self._only_in_later_dates(distinct[0], pos):
            return [dt.date(distinct[0], 12, 31)], "the only year the article names"
        named = ", ".join(str(y) for y in distinct) or "none"
        return [], f"the article's date is unknown and no single year is named near it (named: {named})"

    def _record_of_the_year(self, year: int, pos: int, at: int) -> bool:
        """Is the year-less date at ``pos`` a record ("the highest ... on December 6") among the rounds of
        ``year``, which the text names as a period of rounds ("In 2023, Canada issued ... in 42 draws") in
        the stretch above ``at``?"""
        sentence = self._sentence(pos)
        if not _RECORD_WORD.search(sentence):
            return False
        period = re.compile(r"\b(?:in|of|during)\s+" + str(year) + r"\b(?!\s*[-/–])", re.I)
        return any(
            _ROUNDS_WORDS.search(self._sentence(m.start()))
            for m in period.finditer(self.text, max(0, at - _ABOVE), at)
        )

    def _only_in_later_dates(self, year: int, pos: int) -> bool:
        """Is ``year`` named only in full dates after ``pos`` ("... on November 16, 2022, IRCC switched")?
        Such a date is another event's, later in the text: it does not say which year an earlier date is in
        ("On January 18th ..." in an article of 2023)."""
        named = [(p, full) for p, y, full in self.years if y == year]
        if not named or not all(full is not None and p > pos for p, full in named):
            return False
        # "Yesterday, September 27, ..." above "Draw Date: September 28, 2023": a full date of that year
        # a week or less after the year-less one, read in that year, puts it in that year.
        match = DATE.match(self.text, pos)
        probe = self._read(match.group("date"), dt.date(year, 12, 31), "")[0] if match else None
        return not (probe and any(full and 0 <= (full - probe).days <= 7 for _, full in named))

    def reference(self, pos: int) -> tuple[dt.date | None, bool]:
        """The date a year-less date at ``pos`` is read against; True if it is the article's own."""
        if self.published:
            return self.published, True
        found, _ = self.year_near(pos)
        return (found[0] if found else None), False

    def parse(self, raw: str, pos: int, year: int | None = None) -> tuple[dt.date | None, tuple[str, ...]]:
        """The date ``raw`` (at ``pos``) names, with the reading's warnings; None when its year is a doubt."""
        glued = _GLUED_YEAR.match(self.text, pos + len(raw))
        value, warnings = self._parse(raw, pos, year)
        if value is not None and value < FIRST_ROUND_DAY and not re.search(r"\d{4}", raw) and year is None:
            # "the draw was held on March 18" read in 2010, "June 28" in 2014: no round was held before
            # January 31, 2015, so the year guessed is wrong, and which is right is a doubt.
            self.doubts.append(
                f"date: {raw!r} has no year and would take {value.year}, before the first round; left empty"
            )
            return None, ()
        if glued and value is not None and value.year != int(glued.group(1)):
            # "January 5, 2022392": a year run into the next cell's figure is not read as the date's, but
            # a year guessed for the date that disagrees with it is a doubt.
            self.doubts.append(
                f"date: {raw!r} is followed by {glued.group(1)!r} run into a figure and would take "
                f"{value.year}; left empty"
            )
            return None, ()
        if value is not None and value.year < FIRST_ROUND_DAY.year and re.search(r"\d{4}", raw):
            # "On February 19, 2010, Canada ... inviting 4,500 applicants": Express Entry began in 2015, so
            # the page's year is wrong (a slip for 2020?), and the day is no round's we can date.
            self.doubts.append(f"date: {raw!r} is before Express Entry began (2015); left empty")
            return None, ()
        return value, warnings

    def _parse(self, raw: str, pos: int, year: int | None) -> tuple[dt.date | None, tuple[str, ...]]:
        has_year = bool(re.search(r"\d{4}", raw))
        reason = ""
        month_year = None if has_year or year is not None else self._month_named(raw, pos)
        just_after = None if has_year or year is not None else self._same_day_just_after(raw, pos)
        since = None if has_year or year is not None or self.context is None else self._caption_since()
        if since is not None:
            # "Summary of Express Entry draws since June 2023" over a row "Dec 8 ...": each row is on or after
            # that month, in the year that puts it there.
            return self._read(raw, since, "the table's caption, since a month")
        caption = None if has_year or year is not None or self.context is None else self._caption_year()
        if caption is not None:
            # "Summary of Express Entry draw results in 2024" over a row "September 13 ...": the table's own
            # caption names its rows' year, on a page dated earlier than its (updated) table.
            return self._read(raw, dt.date(caption, 12, 31), "the table's caption")
        if just_after is not None:
            # "Latest Draw - May 29" over "The latest draw was held on 29 May 2019" on a page dated 2022: the
            # same day named with its year just after it is that day, whatever the page's own date.
            return self._read(raw, dt.date(just_after, 12, 31), "the same day named with its year just after")
        plain = not (has_year or year is not None or month_year is not None)
        earlier = self._same_day_before(raw, pos) if plain else None
        if earlier is not None and self.published is not None:
            # "after resuming ... on July 6, 2022" then "the score for the first draw for the year on July 6
            # was 557" on a page whose date is September 23, 2023: the same day, named before with its year,
            # is that day, not the one in the article's own year.
            on_page, _ = self._read(raw, self.published + dt.timedelta(days=7), "")
            if on_page is not None and earlier < on_page.year:
                return self._read(raw, dt.date(earlier, 12, 31), "the same day named with its year before it")
        if month_year is not None:
            # "The first draw of June 2019 is here! Held on June 12, ..." on a page updated in 2021: the month
            # named with its year just before it, in its paragraph, outweighs the page's own date.
            references: list[dt.date | None] = [dt.date(month_year, 12, 31)]
            reason = "its month named with its year before it"
        elif self.published is not None and (year is None or has_year):
            # The year that puts it on or before the article's date (a week's grace: a page dated early).
            references = [self.published + dt.timedelta(days=7)]
        elif year is not None and not has_year:
            references, reason = [dt.date(year, 12, 31)], "named in its clause"
        elif has_year:
            references = [None]
        else:
            probe, _ = self._read(raw, dt.date(2000, 12, 31), "")
            named = {d for d in self.named if probe and (d.month, d.day) == (probe.month, probe.day)}
            if len(named) == 1:
                # "This latest invitation dated February 5" after "on February 5, 2020": that round's date.
                return self._read(raw, named.pop(), "the date of a round named before")
            same_day = self._same_day_year(raw, 0, len(self.text) + 1)
            if same_day is not None:
                # "the December 16 draw" in an article that says "the December 16, 2016 draw": that day.
                return self._read(raw, dt.date(same_day, 12, 31), "the same day named with its year")
            if self.lead_date is not None:
                # "Today, March 15, ... the seventh draw of 2023. ... the most recent draw on March 1": the
                # year that puts it on or before the article's own round (a week's grace), as for its date.
                read = self._read(raw, self.lead_date + dt.timedelta(days=7), "the article's own round")
                if (
                    # "In 2023, Canada issued ... in 42 draws. The lowest ... was 481 for the March 29, 2023
                    # draw. The highest recorded was 561 on December 6": the year's records, both in it.
                    read[0] is not None
                    and read[0].year < self.lead_date.year
                    and self._record_of_the_year(self.lead_date.year, pos, pos)
                ):
                    return self._read(raw, dt.date(self.lead_date.year, 12, 31), "a record of the year named")
                if read[0] is not None and (self.lead_date - read[0]).days > _LEAD_REACH:
                    # "Canada invited 667 on March 1, 2023 ... Also read: 7,000 invited on March 15": the
                    # article's date is not known, and half a year or more before its round, or days after
                    # it (a later article's link), is a guess.
                    self.doubts.append(
                        f"date: {raw!r} has no year; before the article's own round ({self.lead_date})"
                        " it would be over half a year earlier, and the article's date is unknown; left empty"
                    )
                    return None, ()
                return read
            found, reason = self.year_near(pos)
            near = None if found else self.near_tie_break(raw)
            if near is not None:
                return self._read(raw, near, "weeks after the tie-break date the article names")
            if not found:
                self.doubts.append(f"date: {raw!r} has no year and {reason}; left empty")
                return None, ()
            references = list(found)
        results = [self._read(raw, reference, reason) for reference in references]
        first, bound = results[0][0], references[0]
        if (
            reason == _AFTER_A_FULL_DATE
            and first is not None
            and bound is not None
            and (bound - first).days > _LEAD_REACH + 7
        ):
            # "On June 28, 2023, the country invited 500 ... On July 6, 1,500 were also invited": a story may
            # go on past the date it names, and the year before (2022-07-06) is a guess.
            self.doubts.append(
                f"date: {raw!r} has no year; named after {bound - dt.timedelta(days=7)} in its"
                " paragraph, it would be over half a year before that date, and the text may have moved on;"
                " left empty"
            )
            return None, ()
        late = self._after_the_article(raw, pos, first, month_year is None and not has_year)
        if late is not None:
            return None, ()
        if len({value for value, _ in results}) > 1:
            shown = " or ".join(str(value) for value, _ in results)
            self.doubts.append(f"date: {raw!r} has no year and could be {shown} ({reason}); left empty")
            return None, ()
        return results[0]

    def _caption_line(self) -> str:
        """The title line just above the table being read (stripped)."""
        assert self.context is not None
        end = self.text.rfind("\n", 0, self.context)
        start = self.text.rfind("\n", 0, max(end, 0)) + 1
        return self.text[start : max(end, 0)].strip()

    def _caption_since(self) -> dt.date | None:
        """The last day a row's year-less date can fall on when the title line above the table says its
        rounds are those since a month ("Summary of Express Entry draws since June 2023": May 31, 2024)."""
        line = self._caption_line()
        match = _CAPTION_SINCE.search(line) if len(line) <= 80 else None
        if match is None:
            return None
        month = MONTHS.get(match.group("month").lower().rstrip("."))
        if month is None:
            return None
        return dt.date(int(match.group("year")) + 1, month, 1) - dt.timedelta(days=1)

    def _caption_year(self) -> int | None:
        """The one year named by the title line just above the table being read ("Summary of Express Entry
        draw results in 2024", "The 2025 Express Entry draws"); None when there is none."""
        line = self._caption_line()
        if not line or len(line) > 80 or re.search(r"[.!?:]$", line) or _OTHER_YEAR.search(line):
            return None
        years = {m.group(1) or m.group(2) for m in _CAPTION_YEAR.finditer(line)}
        return int(years.pop()) if len(years) == 1 and len(set(_YEAR.findall(line))) == 1 else None

    def _after_the_article(self, raw: str, pos: int, value: dt.date | None, guessed: bool) -> str | None:
        """A date read in the year before the article's (it falls after the article's date) under a bare year
        named above it that puts it elsewhere ("Summary of the draws in 2024" over "July 18" on a page
        published July 8, 2024, its table updated later): which year is a doubt (said, and returned)."""
        published = self.published
        if not guessed or published is None or value is None or value.year != published.year - 1:
            return None
        _ = self.years  # the plain years are found with the years
        if published.year not in self._plain_years:
            return None  # the article's own year is named nowhere as a period of rounds
        line_start = self.text.rfind("\n", 0, pos) + 1
        anchor = self.context if self.context is not None else line_start
        bare = [
            y
            for p, y, full in self.years
            if full is None and anchor - _ABOVE <= p < pos and p in self._plain_at
        ]
        if not bare or self._read(raw, dt.date(bare[-1], 12, 31), "")[0] == value:
            return None
        why = (
            f"date: {raw!r} has no year; the article's date ({published}) puts it in {value.year}, the year"
            f" named above it ({bare[-1]}) does not; left empty"
        )
        self.doubts.append(why)
        return why

    def _same_day_just_after(self, raw: str, pos: int) -> int | None:
        """The one year of the same day and month named in full within the next lines after ``pos``."""
        return self._same_day_year(raw, pos + 1, pos + _JUST_AFTER + 1)

    def _same_day_before(self, raw: str, pos: int) -> int | None:
        """The one year of the same day and month named in full anywhere before ``pos``."""
        return self._same_day_year(raw, 0, pos)

    def _same_day_year(self, raw: str, lo: int, hi: int) -> int | None:
        """The one year of the month and day ``raw`` names, named in full at a position in ``[lo, hi)``."""
        probe, _ = self._read(raw, dt.date(2000, 12, 31), "")
        if probe is None:
            return None
        if self._full_by_day is None:
            self._full_by_day = {}
            for at, _, full in self.years:
                if full is not None:
                    self._full_by_day.setdefault((full.month, full.day), []).append((at, full.year))
        found = {y for at, y in self._full_by_day.get((probe.month, probe.day), ()) if lo <= at < hi}
        return found.pop() if len(found) == 1 else None

    def _month_named(self, raw: str, pos: int) -> int | None:
        """The year of "June 2019" named before a year-less "June 12" in its paragraph (no comparison)."""
        probe, _ = self._read(raw, dt.date(2000, 12, 31), "")
        if probe is None:
            return None
        line_start = self.text.rfind("\n", 0, pos) + 1
        _ = self.years
        found = None
        for match in _MONTH_YEAR.finditer(self.text, line_start, pos):
            month, _w = self._read(match.group(1) + " 1", dt.date(2000, 12, 31), "")
            if month is not None and month.month == probe.month and match.start(2) in self._plain_at:
                found = int(match.group(2))
        return found

    def _read(
        self, raw: str, reference: dt.date | None, reason: str
    ) -> tuple[dt.date | None, tuple[str, ...]]:
        key = (raw, reference)
        if key not in self._parsed:
            parsed = parse_datetime(plain_date(raw), "date", reference=reference, want_time=False)
            warnings = parsed.warnings
            if reason and warnings:
                warnings = tuple(f"{w} ({reason})" for w in warnings)
            self._parsed[key] = (parsed.value if isinstance(parsed.value, dt.date) else None, warnings)
        return self._parsed[key]


#: The year's first round, named before its date: "In the first draw which happened on".
_FIRST_ROUND_BEFORE = re.compile(r"\b(?:first|opening|earliest)\s+(?:[\w-]+\s+){0,3}?(?:draw|round)\b", re.I)


#: How far before the article's own round a year-less date read by that round may fall (days).
_LEAD_REACH = 183
#: The first round of all (round #1): no day before it is a round's.
FIRST_ROUND_DAY = dt.date(2015, 1, 31)
#: Words that move a story forward after a full date: "... 457 on February 20th, 2019. After that, it has been
#: decreasing. It had been 454 in the March 6th draw" (March 6 is after it, in its year).
_LATER_BETWEEN = re.compile(r"\b(?:after\s+that|since\s+then|thereafter|subsequently|later\s+on)\b", re.I)


#: Why a year-less date was read against a full date named before it in its paragraph.
_AFTER_A_FULL_DATE = "named before it in its paragraph, after a full date"


def _on_or_before(year: int, full: dt.date | None) -> dt.date:
    """A year-less date named after ``full`` (a round's date) is on or before it, give or take a week;
    after a bare year, it is in that year."""
    return full + dt.timedelta(days=7) if full is not None else dt.date(year, 12, 31)


#: A year run into a figure after a month and day ("January 5, 2022392": cells without a separator).
_GLUED_YEAR = re.compile(r",\s*((?:19|20)\d\d)\d")
#: A year as a word ("in 2024", "March 6, 2025"), not part of a range ("2025-2027") or a label ("2023-1").
#: (A range "2025 - 2027" is on one line: "... in 2024" over a list item "- 10 April" is a year.)
#: (Not "Aug 1 2000 517": a row's day, count and cut-off, the count no year.)
_YEAR = re.compile(r"(?<![\d,.\-–/])((?:19|20)\d\d)(?![\d\-–/])(?![ \t]*[-–/][ \t]*\d)(?![ \t]+\d{3}\b)")
#: A year that is not a round's: the system's launch, a start ("since 2015"), an introduction.
_NOT_THE_ROUNDS_YEAR = re.compile(
    r"(?:launch\w*|introduc\w*|implement\w*|\bsince(?!\s+the\s+(?:beginning|start)\s+of\s+$)|establish\w*|inception"
    r"|created|began)"
    r"\b(?:(?!(?:19|20)\d\d)[^.!?;]){0,60}$"
    # "Express Entry guide (updated for 2025)": a page's edition, not its rounds' year
    r"|\b(?:updated|revised|edition)\s+(?:for|in)\s+$",
    re.I,
)
_DAY_BEFORE_YEAR = re.compile(
    MONTH + r"\s+\d{1,2}(?:st|nd|rd|th)?,?\s*$|\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?" + MONTH + r",?\s*$", re.I
)
#: A year in a record ("the lowest score of 2017 was 413 on May 31, 2017") is some other round's.
_RECORD_WORD = re.compile(r"\b(?:lowest|highest|largest|smallest|biggest)\b", re.I)
_RECORD = re.compile(r"\b(?:lowest|highest|largest|smallest|record|ever|all-time)\b[^.!?;]*$", re.I)
#: A time compared with: "The last time the score was this low was on December 23, 2020".
_TIME_COMPARED = r"the\s+last\s+time|first\s+time\s+since|this\s+low|this\s+high"
#: A sentence that compares with, or records, other rounds: its year is not the article's.
_COMPARED = re.compile(
    # ("Nearly quadruple of what they were in 2020": another year's figure, compared)
    r"\b(?:double|triple|quadruple|twice)\b|\bwhat\s+(?:they|it)\s+(?:were|was)\b"
    r"|\b(?:lowest|highest|largest|smallest|record\w*|ever|all-time|than|compared|previous|last\s+year|total"
    r"|across|draws|rounds)\b|\b(?:this|that|the\s+same)\s+(?:point|time|date|stage|period|moment)\s+(?:in|of|last)\b"
    r"|\b(?:" + _TIME_COMPARED + r")\b",
    re.I,
)
#: A record or a time compared with: "The last time the score was this low was on December 23, 2020" (its
#: full date's year is that round's, never the year of the article's other days).
_RECORDED = re.compile(
    r"\b(?:" + _TIME_COMPARED + r"|lowest|highest|record\w*|ever|all-time)\b",
    re.I,
)
#: A sentence about another year's figures ("in 2020, Canada issued a record 107,350 ITAs", "the tally at this
#: point in 2017 was 83,273": the same time of another year, compared).
_OTHER_YEAR = re.compile(
    r"\b(?:record\w*|than|compared|previous|last\s+year)\b"
    r"|\b(?:this|that|the\s+same)\s+(?:point|time|date|stage|period|moment)\s+(?:in|of|last)\b",
    re.I,
)
#: A figure of 100,000 or more after a date: a stock or a tally (no round has invited so many).
STOCK_FIGURE_AFTER = re.compile(r"\s*[:–—-]\s*(?:\d{1,3},)?\d{3},\d{3}\b(?![,.]?\d)")
#: A year as the subject of its start: "2023 began", "2024 started off", "2022 kicked off".
_YEAR_BEGAN = re.compile(r"\s+(?:began|started|kicked\s+off|got\s+under\s*way)\b", re.I)
#: Before a bare year that names the rounds' period: "in 2024", "of 2019", "any 2024 draw", "March 2021".
_PERIOD_BEFORE = re.compile(
    r"(?:\b(?:in|of|for|during|throughout|any|every|all)\s+(?:(?:the\s+)?year\s+)?|" + MONTH + r"\s+)$", re.I
)
#: A bound before a year, however long its phrase: "since the implementation of category-based selection
#: drawings in May 2023", "until the pause of December 2020", "the first PNP draw after the pause that began
#: in May 2023", "the last draw before the freeze of March 2020" (the rounds are after or before it); and
#: "since" as a spun copy drops it, "its all-program that is first draw December 2020" (the month's year).
_BOUND_BEFORE = re.compile(
    r"(?:\b(?:since(?!\s+the\s+(?:beginning|start)\s+of\s+$)|until|till)"
    r"|\bfirst\s+(?:[\w-]+\s+){0,4}(?:draw|round)\s+(?:after|following)"
    r"|\blast\s+(?:[\w-]+\s+){0,4}(?:draw|round)\s+(?:before|prior\s+to))\b[^.!?;,:\n]{0,85}$"
    r"|\b(?:first|largest|biggest|lowest|highest)\s+(?:[\w-]+\s+){0,4}?(?:draw|round)\s+" + MONTH + r"\s+$",
    re.I,
)
#: Before a bare year said of another round, compared: "the previous healthcare draw that took place in
#: October 2023", "an earlier all-program round, held in December 2020" (that round's year, not the others').
_COMPARED_ROUND = re.compile(
    r"\b(?:previous|preceding|prior|earlier)\s+(?:[\w-]+\s+){0,3}(?:draw|round)\b[^.!?;]{0,40}$", re.I
)
#: A sentence about a stop: its bare year is the stop's ("IRCC also banned CEC draws in September 2021",
#: "draws have been halted ..., beginning in December 2020").
_STOPPED = re.compile(
    r"\b(?:bann(?:ed|ing)|halt(?:ed|ing)|paus(?:ed|ing)|stopp(?:ed|ing)|suspend(?:ed|ing)|froze|frozen)\b",
    re.I,
)
#: A sentence about a change to the system: its bare year is the change's ("In 2023, ... was introduced").
_EVENT = re.compile(
    r"\b(?:was|were|been)\s+(?:introduced|launched|implemented|created|established|inaugurated|unveiled|founded|rolled\s+out)\b"
    # "following changes to the Immigration and Refugee Protection Act in 2022": a law's year, no round's
    r"|\b(?:changes?|amendments?)\s+to\s+the\b[^.;]{0,80}?\b(?:Act|Regulations)\b",
    re.I,
)
#: After a year, the change made in it: "In May 2023, IRCC initiated category-based selection".
_EVENT_AFTER = re.compile(
    r",?\s+(?:(?:the\s+)?IRCC|Canada|the\s+(?:department|government|minister))\s+(?:first\s+)?"
    r"(?:introduced|launched|initiated|implemented|unveiled|rolled\s+out|created|established|began|started)\b",
    re.I,
)
_MONTH_YEAR = re.compile(r"\b(" + MONTH + r")\s+((?:19|20)\d\d)\b(?![,\d])", re.I)
_TIME_AFTER = re.compile(r",?\s*(?:at\s+)?\d{1,2}:\d{2}")
_YEAR_LIST_AFTER = re.compile(
    # "targets for 2024 and 2025", "2019 & 2020"; "welcoming immigrants in 2021 and beyond": years ahead
    r"\s*(?:(?:and|&|or|to|-|–|/)\s*(?:19|20)\d\d\b|and\s+beyond\b|(?:and\s+)?onwards?\b)",
    re.I,
)
#: After a year that names the draws of that year: "the 2024 Express Entry draws", "2019 rounds".
_DRAWS_AFTER = re.compile(r"\s+(?:Express\s+Entry\s+)?(?:draws|rounds|(?:draw|round)\s+results)\b", re.I)
#: A sentence that speaks of rounds: only there does a bare year ("in 2022") name the rounds' year.
_ROUNDS_WORDS = re.compile(
    r"\b(?:draws?|drawings?|rounds?|invit\w*|ITAs?|CRS|Express\s+Entry|candidates|cut-?offs?|scores?|immigra\w*"
    r"|IRCC)\b",
    re.I,
)
#: Before a year in a tally of the year the article is written in: "so far in 2021", "has now issued ... in".
_SO_FAR = re.compile(r"\b(?:so\s+far|till\s+now|until\s+now|to\s+date)\b", re.I)
_CURRENT_TALLY = re.compile(
    r"\bso\s+far\s+in\s+$|\b(?:has|have)\s+now\s+(?:issued|invited|sent)\b"
    # "a total of 6,800 ITAs since the beginning of 2020": the year counted so far
    r"|\bsince\s+the\s+(?:beginning|start)\s+of\s+$"
    r"|\b(?:has|have)\s+(?:now\s+)?been\s+(?:issued|invited|sent)\s+in\s+$",
    re.I,
)
#: After "In 2023," a tally said in the present perfect: "In 2023, more ITAs have been issued than ...".
_TALLY_AFTER = re.compile(
    r",?\s+(?:[\w,]+\s+){0,4}(?:has|have)\s+(?:now\s+)?been\s+(?:issued|invited|sent)\b", re.I
)
#: A caption naming the month its rounds start from: "Summary of Express Entry draws since June 2023" (and
#: no second year after it).
_CAPTION_SINCE = re.compile(
    r"\b(?:draws|rounds|results)\s+(?:held\s+)?since\s+(?P<month>" + MONTH + r")\s+(?P<year>(?:19|20)\d\d)\b"
    r"(?!.*\d{4})",
    re.I,
)
#: A caption's year of draws: "draw results in 2024", "draws held in 2020", "the 2025 Express Entry draws".
_CAPTION_YEAR = re.compile(
    r"\b(?:draws|rounds|draw\s+results|round\s+results)\s+(?:held\s+)?(?:in|of|for|during)\s+((?:19|20)\d\d)\b"
    r"|\b((?:19|20)\d\d)\s+(?:Express\s+Entry\s+)?(?:draws|rounds)\b",
    re.I,
)
#: Before a year naming the draws held in it, on a title line: "Express Entry Draws in 2024", "draws held in".
_DRAWS_BEFORE = re.compile(r"\b(?:draws|rounds)\s+(?:held\s+)?(?:in|of|for|during)\s+$", re.I)
#: Before a year the rounds under a title opened: "A Robust Start to 2024" (a start "of" may be a forecast).
_START_TO = re.compile(r"\bstart\s+to\s+$", re.I)
#: Before a year a draw opened: "Canada kicked off 2022 with its first Express Entry draw".
_OPENED = re.compile(r"\b(?:kick(?:ed|s)?\s+off|start(?:ed|s)?|open(?:ed|s)?|ring(?:s|ed)?\s+in)\s+$", re.I)
#: A month and year naming one round by its month ("the FST-only draw held in August 2020", "an FST-only
#: round (August 2020)"), in a sentence naming no day: that round's year, not the article's others'.
_MONTH_BEFORE = re.compile(r"\b" + MONTH + r"\s*$", re.I)
_ONE_DRAW = re.compile(r"\b(?:draw|round)\b(?!s)", re.I)
_DAY_IN = re.compile(
    r"\b" + MONTH + r"\s+\d{1,2}(?:st|nd|rd|th)?\b(?!\d)|\b\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?" + MONTH, re.I
)
#: A year named relative to the article's own: "the draws of the previous year", "last year's", "this year",
#: "two years ago", "the year before last".
RELATIVE_YEAR = re.compile(
    r"\b(?:(?:the\s+)?(?:previous|prior|preceding)\s+year|last\s+year|this\s+year|the\s+year\s+before\s+last"
    r"|(?:a|one|two|three|four|five|[1-5])\s+years?\s+ago"
    r"|the\s+year\s+before\b(?!\s+(?:the|a|an|its?|that|this|these|those|\d)))\b",
    re.I,
)
_AGO = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5}


def years_back(phrase: str) -> int:
    """How many years before the article's own a relative year is: "this year" 0, "last year" 1, "the year
    before last" 2, "three years ago" 3."""
    low = phrase.lower()
    if low.startswith("this"):
        return 0
    if low.endswith("last"):
        return 2
    if low.endswith("ago"):
        word = low.split()[0]
        return int(word) if word.isdigit() else _AGO[word]
    return 1


#: Before a relative year in its sentence, a comparison: "compared with the same period last year".
_COMPARED_BEFORE = re.compile(
    r"\b(?:than|compared|versus|vs\.?|same\s+(?:period|time|point|stage|moment|month|week))\b", re.I
)
#: How many days after a tie-break date a year-less date read by it may be.
_TIE_NEAR = 60
#: How far above a year-less date (or a table) its year may be named.
_ABOVE = 600
#: A sentence of targets: "The department aims to welcome 110,770 ... in 2024 and ramp up that number to
#: 117,500 in 2025": its years are the plan's, not a round's.
_TARGET = re.compile(r"\b(?:aims?\s+to|ramp\s+up|levels\s+plan|targets?\b|admission\s+targets?)", re.I)
#: How far after a year-less date the same day named with its year still names that day.
_JUST_AFTER = 300


#: "Apr- 11th": the dash a page left between a month and its day.
_STRAY_DASH = re.compile(r"(?<=[A-Za-z.])-\s+(?=\d)")


def sentence_at(text: str, pos: int) -> str:
    """The sentence around ``pos`` (to the stops or line ends either side)."""
    start = max(text.rfind(c, 0, pos) for c in ".!?\n") + 1
    ends = [i for i in (text.find(c, pos) for c in ".!?\n") if i >= 0]
    return text[start : min(ends) if ends else len(text)]


def plain_date(raw: str) -> str:
    """A date as the shared date parser reads it: "9th of January 2019" -> "9th January 2019",
    "1 February" (day first, no year) -> "February 1"."""
    numeric = _NUMERIC_DAY_FIRST.fullmatch(raw.strip())
    if numeric:
        # "23-07-2020" (day first: 23 is no month), "09/28/2022" (month first) and "02-02-2023" read one way
        # only; "03-07-2020" could be March 7 or July 3: left as it is, which reads as no date.
        day, month, year = (int(numeric.group(n)) for n in (1, 3, 4))
        if (day > 12 or day == month) and 1 <= month <= 12:
            return f"{year:04d}-{month:02d}-{day:02d}"
        if month > 12 and 1 <= day <= 12 and month <= 31:
            # "in the last round of 09/28/2022": month first, as 28 is no month
            return f"{year:04d}-{day:02d}-{month:02d}"
        return raw
    dashed = _DAY_DASH_MONTH.fullmatch(raw.strip())
    if dashed:
        day_, month_, year_ = dashed.groups()
        return f"{month_} {day_}" + (f", {year_}" if year_ else "")
    raw = _IN_YEAR.sub(" ", _OF.sub(" ", _STRAY_DASH.sub(" ", raw)))
    day_first = _DAY_FIRST_NO_YEAR.fullmatch(raw.strip())
    return f"{day_first.group(2)} {day_first.group(1)}" if day_first else raw


_OF = re.compile(r"\s+of\s+", re.I)
_IN_YEAR = re.compile(r"\s+in\s+(?=(?:19|20)\d\d)", re.I)
_NUMERIC_DAY_FIRST = re.compile(r"(\d{1,2})([-/])(\d{1,2})\2(\d{4})")
_DAY_DASH_MONTH = re.compile(r"(\d{1,2})-([A-Za-z]{3,9}\.?)(?:-(\d{4}))?")
_DAY_FIRST_NO_YEAR = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]+\.?)")


#: A news agency's dateline: a place, then the date, then the agency ("Toronto, June 9 (IANS)").
_PLACE_BEFORE = re.compile(r"\W*(?:[A-Z][A-Za-z.'’-]+(?:\s+[A-Z][A-Za-z.'’-]+){0,2},\s*){1,2}")
_PLACE_ENDING = re.compile(r"(?:^|(?<=\s))[A-Z][A-Za-z.'’-]+(?:\s+[A-Z][A-Za-z.'’-]+){0,2},\s*$")
_AGENCY_AFTER = re.compile(
    r"\s*(?:,\s*(?:19|20)\d\d\s*)?(?:\((?:[A-Z]{2,8}|Reuters|Xinhua|GLOBE\s+NEWSWIRE|BUSINESS\s+WIRE)\)"
    # "TORONTO, Nov. 20, 2024 /PRNewswire/ --": a press release's wire
    r"|\s*/\s*(?:[A-Za-z]+[ -])?(?:PRNewswire|CNW|EINPresswire|PRWeb|Newswire|NewsWire)"
    r"(?:[ -][A-Za-z]+)?\s*/)",
)
#: "Calgary, Alberta--(Newsfile Corp. - March 3, 2023) -": a press release's wire, then its date.
_WIRE_BEFORE = re.compile(r"\((?:Newsfile\s+Corp\.?|[A-Z][\w ]{0,20}(?:Wire|WIRE|wire))\s*[-–—]\s*$")
#: A site's date bar: a weekday and a full date alone on a line near the top of the page.
_DATE_BAR = re.compile(r"(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*\.?,?\s+" + DATE.pattern, re.I)
#: A byline stamped with a clock time: "The Canadian Press, 09 Jun, 2023 11:20 AM".
_STAMPED_BYLINE = re.compile(
    r"^(?!.*\b(?:UTC|GMT|EST|EDT|draw|round|tie)\b).{0,60}?"
    + DATE.pattern
    + r"\s+\d{1,2}:\d{2}\s*[AP]\.?M\b",
    re.I,
)
_ROUND_LABELS = re.compile(
    r"\n\W*(?:(?:number|no\.?)\s+of\s+)?(?:invitations|ITAs|CRS|lowest|minimum|category|draw)\b", re.I
)


#: A headline naming the week it reviews: "News Review October 23 – 29 2023", "March 27 - April 2, 2023".
_WEEK_TITLE = re.compile(
    r"\b(?P<month>" + MONTH + r")\s+\d{1,2}(?:st|nd|rd|th)?\s*[-–—]\s*(?:(?P<month2>" + MONTH + r")\s+)?"
    r"(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>(?:19|20)\d\d)\b",
    re.I,
)


def publication_date(text: str) -> dt.date | None:
    """The article's own date: after "Published"/"Posted", a byline line holding only a date, or a full date
    closing the headline after a dash ("Latest Express Entry draw invited 529 candidates – 14th May 2020")."""
    return _publication(text)[0]


def updated_only(text: str) -> bool:
    """Is the article's only date the day it was updated ("Updated: Feb 14, 2021")? Its "today" is then
    not known: the page was written on that day or before it."""
    return _publication(text)[1]


@functools.lru_cache(maxsize=8)
def _publication(text: str) -> tuple[dt.date | None, bool]:
    found, fallback = _publication_or_update(text)
    return (found, False) if found is not None else (fallback, fallback is not None)


def _publication_or_update(text: str) -> tuple[dt.date | None, dt.date | None]:
    """The article's own date (a site's date bar for want of a better one; or None), and the day it was
    updated where that is its only date (else None)."""
    fallback = None
    bar = None  # a site's date bar at the top ("Thursday, February 12, 2026"): the day the page was shown
    headline = _headline_date(text)
    if headline is not None:
        parsed = parse_datetime(
            plain_date(headline.group("date")), "publication date", reference=None, want_time=False
        )
        if isinstance(parsed.value, dt.date):
            return parsed.value, None
    week = _WEEK_TITLE.search(text.lstrip().split("\n", 1)[0])
    if week is not None:
        # "Weekly News Review October 23 – 29 2023": a review of the week, written at its end
        parsed = parse_datetime(
            f"{week.group('month2') or week.group('month')} {week.group('day')}, {week.group('year')}",
            "publication date",
            reference=None,
            want_time=False,
        )
        if isinstance(parsed.value, dt.date):
            return parsed.value, None
    for match in DATE.finditer(text):
        line_start = text.rfind("\n", 0, match.start()) + 1
        line_end = text.find("\n", match.end())
        line = text[line_start : line_end if line_end >= 0 else len(text)]
        before = text[line_start : match.start()]
        labelled = PUBLISHED.search(before)
        block = _ROUND_LABELS.search(text, match.end(), match.end() + 240)
        if block and re.match(r"\W*date\b", before, re.I):
            continue  # "Date: March 6, 2025" heading a block of the round's figures is the round's date
        dateline = line_start == match.start() and re.match(
            r"\s*[-–—]\s+\S", text[match.end() : match.end() + 4]
        )
        if dateline and _one_dateline(text):
            # "April 29, 2021 - Canada has conducted a new draw": a news dateline, the article's date
            parsed = parse_datetime(
                plain_date(match.group("date")), "publication date", reference=None, want_time=False
            )
            if isinstance(parsed.value, dt.date):
                return parsed.value, None
        stamped = bar is not None and _STAMPED_BYLINE.search(line) is not None
        byline = (_byline(line) and not _in_date_column(text, line_start, line_end)) or stamped
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
        if bar is None and not labelled and match.start() < 200 and _DATE_BAR.fullmatch(line.strip()):
            # "Thursday, February 12, 2026" over "The Canadian Press, 09 Jun, 2023 11:20 AM": the byline
            # stamped with its time, below, is the article's
            bar = parsed.value
            continue
        if bar is not None and not (labelled or stamped):
            continue
        return parsed.value, None
    return (None, fallback) if fallback is not None else (bar, None)


def box_date(text: str, start: int, end: int) -> bool:
    """Is the date at ``text[start:end]`` a "Date:" label's in a box of the round's figures ("Date:
    September 28, 2023" over "No of Invitations to apply (ITA): 600", "CRS Cutoff: 354")? Then it is the
    round's date, not the article's."""
    line_start = text.rfind("\n", 0, start) + 1
    label = re.fullmatch(r"\W*(?:(?:draw|round)\s+)?date\s*:\s*", text[line_start:start], re.I)
    return bool(label and _ROUND_LABELS.search(text, end, end + 240))


def is_publication(text: str, start: int, end: int) -> bool:
    headline = _headline_date(text)
    if headline is not None and headline.start("date") <= start < headline.end("date"):
        return True
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    rest = text[end : line_end if line_end >= 0 else len(text)]
    if start < 400 and not rest.strip() and _PLACE_ENDING.search(text, line_start, start):
        return True  # "Toronto, June 29" closing a line at the top (alone or after the headline): a dateline
    if start - line_start > 60:
        return False  # a date deep in a paragraph is neither after a "Published" label nor a byline
    line = text[line_start : line_end if line_end >= 0 else len(text)]
    if PUBLISHED.search(text[line_start:start]):
        return not box_date(text, start, end)
    if start == line_start and re.match(r"\s*[-–—]\s+\S", text[end : end + 4]) and _one_dateline(text):
        return True  # a dateline
    if _PLACE_BEFORE.fullmatch(text, line_start, start) and _AGENCY_AFTER.match(text, end):
        return True  # "Toronto, June 9 (IANS) Canada has issued ...": a news agency's dateline
    if _WIRE_BEFORE.search(text, max(line_start, start - 40), start):
        return True

    return len(line) < 120 and _byline(line)


@functools.lru_cache(maxsize=8)
def _headline_date(text: str) -> re.Match[str] | None:
    """A full date (with its year) closing the first line after a dash: the headline's dateline."""
    first = re.match(r"\s*([^\n]*)", text)
    if first is None:
        return None
    found = None
    for match in DATE.finditer(text, first.start(1), first.end(1)):
        found = match
    if found is None or not re.search(r"\d{4}\s*$", found.group("date")) or found.group("time").strip(" ,"):
        return None
    lead = text[first.start(1) : found.start()]
    if not re.search(r"\s[-–—|]\s*$", lead) or len(lead.split()) < 4:
        return None
    if text[found.end() : first.end(1)].strip():
        return None
    return found


_DATELINE_START = re.compile(r"^(?:" + DATE.pattern + r")\s*[-–—]\s*\S", re.I | re.M)


@functools.lru_cache(maxsize=8)
def _one_dateline(text: str) -> bool:
    """Is there one line only that starts with a date and a dash? A news dateline ("April 29, 2021 - Canada
    has conducted ...") is the article's date; several such lines ("March 1st, 2023 – The draw was for ...",
    "February 15th, 2023 – ...") are a list of rounds, each row dated by its own."""
    return len(_DATELINE_START.findall(text)) <= 1


def _in_date_column(text: str, line_start: int, line_end: int) -> bool:
    """Is the line a cell of a table laid out one cell per line, one of the two lines before or after it
    (blank lines apart) also a date alone ("November 1" over "October 18" over "October 04, 2017"): a
    round's day, no byline?"""
    before = [line for line in text[max(0, line_start - 400) : line_start].split("\n") if line.strip()][-2:]
    after_text = text[line_end : line_end + 400] if line_end >= 0 else ""
    after = [line for line in after_text.split("\n") if line.strip()][:2]
    return any(DATE.fullmatch(neighbour.strip()) for neighbour in (*before, *after))


def _byline(line: str) -> bool:
    """A line holding a date and a few words (a name, a site): the article's date, not a round's."""
    if "\t" in line or "|" in line or DRAW_WORDS.search(line) or re.search(r"tie|rule|\d:\d\d", line, re.I):
        return False
    if re.match(r"\s*(?:\d{1,2}[.)]|[-•*–—])\s", line):
        # A list item ("2.  January 11 - 459 pts") is no byline, unless it holds a date and at most a weekday
        # ("• Thu, Jul 21 2022" over the headline).
        rest = re.sub(DATE.pattern, "", line, flags=re.I)
        return not re.search(r"\d", rest) and len(re.findall(r"[A-Za-z]+", rest)) <= 1
    rest = re.sub(DATE.pattern, "", line, flags=re.I)
    if len(re.findall(r"(?<![\w,])\d[\d,]*\b", rest)) >= 2:
        return False  # "135 January 22 3400 471": a table's row (its number, count, cut-off), no byline
    if re.search(r"[:–—-]\s*\d{1,3}(?:,\d{3})+\b", rest):
        return False  # "April 30-May 2, 2022: 2,130,385 persons": a figure's date in a list, no byline
    return len(rest.split()) <= 6


def tie_break(text: str, start: int, end: int, match: re.Match[str]) -> bool:
    line_start = text.rfind("\n", 0, match.start()) + 1
    before = text[max(start, line_start, match.start() - 120) : match.start()]
    if _ROUND_AFTER.match(text, match.end()) and not _ZONED_TIME.search(before):
        return False  # "its tie-break rule during the December 12 draw": the round, not the moment
    return bool(
        TIE_BREAK.search(before) or re.search(r"\bbefore\s+$", before, re.I) or _ZONED_TIME.search(before)
    )


#: A date that names a round: "the December 12 draw", "the May 1 Express Entry round".
_ROUND_AFTER = re.compile(r"\s+(?:Express\s+Entry\s+)?(?:draw|round)\b(?!s)", re.I)


#: A clock time with its zone just before a date ("by 7:47 AM Coordinated Universal Time (UTC) on"): a
#: profile's deadline, a tie-break, never a round's day.
_ZONED_TIME = re.compile(r"\d{1,2}:\d{2}[^.\n\d]{0,45}\b(?:UTC|GMT|EST|EDT)\b\)?[\s,]*(?:on\s+)?$", re.I)
