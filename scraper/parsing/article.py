"""The prose of an article that reports rounds: text -> each round's facts (pure).

"IRCC issued Ministerial Instructions for the 254th round ... 500 applicants
were invited ... STEM ... with a CRS score of 486. This follows the previous
day's draw on July 4, where 700 candidates were invited with a CRS of 511."
An article is read as a set of round mentions
(:mod:`scraper.parsing.article_mentions`): every round it names, by number,
by date (relative dates resolve against the article's own date) or as "the
previous draw", with the facts of the sentence, clause, list row or table row
that names it (:mod:`scraper.parsing.article_facts` reads the values). A fact
is left out rather than attached to the wrong round: two different values
where one was expected, an approximation, a total, an explanatory number
("a nomination adds 600 points") stay ``None``, with a warning saying why.
Rounds the article does not number come out with ``round_id`` ``None`` (the
store skips them); a fact not stated is ``None``, never 0 or a guess.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from typing import Any

from eewatch.domain.announcement import ARTICLE, Announcement, Found, NotAnnouncement, RoundFacts
from scraper.parsing.article_anchors import ORDINAL_WORDS
from scraper.parsing.article_dates import FIRST_ROUND_DAY, MONTH, publication_date, sentence_at, updated_only
from scraper.parsing.article_facts import Fact
from scraper.parsing.article_flattened import flattened, spaced_rows
from scraper.parsing.article_html import html_text
from scraper.parsing.article_lookalikes import latin_lookalikes
from scraper.parsing.article_mentions import HELD_A_ROUND, Mention, Reader
from scraper.parsing.article_respectively import ordinal, paired, respective
from scraper.parsing.article_run_together import unjammed
from scraper.parsing.article_units import sentences
from scraper.parsing.mi_page import tidy_lines

#: A line that keeps its own line in plain text: a table or list row, a labelled line, a footnote.
_OWN_LINE = re.compile(
    r"\t|\s\|\s|^\s*(?:[-•*–—]|\d{1,2}[.)])\s|^\s*[^\W\d][^:.!?|\t]{0,45}:\s*\S|^\s*\*|^\s*[\d,]+\*?\s*$"
    r"|^\s*[^\W\d][^:.!?|\t]{0,45}:\s*$"  # a caption: "February 28th Invitations:"
    r"|^\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:st|nd|rd|th)?(?:,?\s*\d{4})?\s*[:–—-]\s"
    # "12 Mar 2024 - Express Entry Draw #288: ..." (a dated list's row, day first)
    r"|^\s*\d{1,2}(?:st|nd|rd|th)?\s+[A-Z][a-z]{2,8}\.?(?:,?\s*\d{4})?\s*[:–—-]\s"
    r"|^\s*\d{4}-\d{2}-\d{2}\s+\d"  # a table row "2024-12-03 329 French ... 800 466"
)
#: A line that starts with a full date and a few words more: a byline ("November 21, 2024 A. Writer").
_DATELINE = re.compile(
    r"\s*(?:"
    + MONTH
    + r"\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}|\d{1,2}(?:st|nd|rd|th)?\s+"
    + MONTH
    + r",?\s+\d{4})"
    r"[^.!?\d]{0,40}$",
    re.I,
)
#: A paragraph opening with a full date and a dash, then prose: "December 1, 2016 - Federal immigration ...".
_DATED_PARAGRAPH = re.compile(
    r"\s*" + MONTH + r"\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}\s*[–—-]\s+[A-Z][a-z]+\s+[a-z]"
)
#: A spaced table's row: "September 28th, 2023 Agriculture and agri-food occupations 600 354".
_SPACED_ROW = re.compile(
    r"^\s*" + MONTH + r"\.?\s+\d{1,2}(?:st|nd|rd|th)?(?:,?\s*\d{4})?\s(?:.*\s)?[\d,]{2,6}\s+\d{3}\s*$", re.I
)
_DATED_ADDRESS = re.compile(r"/(20\d\d)/(0[1-9]|1[0-2])/")
_PROGRAM_ORDER = ("CEC", "FSW", "FST", "PNP")
#: A date's text that writes its year ("2019", "'19" is not read as one).
_WRITES_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
#: A round number written as an ordinal ("13th", "the first"), which may count the year's draws.
_ORDINAL = re.compile(r"\d(?:st|nd|rd|th)\b|\b(?:" + "|".join(ORDINAL_WORDS) + r")\b", re.I)
#: The first category-based round (healthcare, #252) was held on June 28, 2023; categories were set on May 31.
_CATEGORIES_BEGAN = dt.date(2023, 5, 31)
#: How many days each round after #1 took at the fastest and slowest, on average since #1 (the feed's 338
#: rounds to #338 took between 7.0 and 14.3 days each; these bounds leave a margin: "the 175th" is no round of
#: May 16, 2017, 836 days after #1, as 174 rounds at 5 days each take 870).
_FASTEST, _SLOWEST, _SLACK = 5, 21, 90


def parse_article(body: bytes | str, url: str = "", *, published: dt.date | None = None) -> Announcement:
    """Parse an article (HTML or plain text). ``published``: the article's date, if known."""
    return parse_article_text(article_text(body), published=published, url=url)


#: A list line whose day runs into a capitalised word: "2. February 16Agriculture and Agri-food Occupations".
_DAY_RUN_IN = re.compile(r"(?m)^(\W*(?:\d{1,2}[.)]\s*)?" + MONTH + r"\s+\d{1,2})(?=(?-i:[A-Z][a-z]))", re.I)


def article_text(body: bytes | str) -> str:
    """The article's text: HTML made into lines, plain text with wrapped lines joined."""
    head = body[:2048].decode("latin-1") if isinstance(body, bytes) else body[:2048]
    if re.search(r"<(?:!doctype|html|body|p|div|article|h[1-6]|br)\b", head, re.I):
        return latin_lookalikes(html_text(body))
    if isinstance(body, bytes):
        try:
            body = body.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise NotAnnouncement(f"the article is not UTF-8 text (byte {exc.start})") from None
    # A paragraph (up to a blank line) is one line, except rows, labelled lines and short lines.
    out: list[str] = []
    body = spaced_rows(flattened(unjammed(latin_lookalikes(body.replace("\r\n", "\n")))))
    # "February 16Agriculture and Agri-food Occupations": a day run into the next word, split from it.
    body = _DAY_RUN_IN.sub(r"\1 – ", body)
    for paragraph in re.split(r"\n[ \t]*\n", body):
        lines: list[str] = []
        raw = paragraph.split("\n")
        # Lines of a paragraph some of whose lines run past any wrap width (one newline per paragraph) are
        # headlines and paragraphs of their own: a short line there is not a wrapped one.
        unwrapped = any(len(line) > 160 for line in raw)
        for k, line in enumerate(raw):
            # A run of short lines without end punctuation is a table laid out one cell per line.
            stacked = _cell_line(line) and (
                (k + 1 < len(raw) and _cell_line(raw[k + 1])) or (k and _cell_line(raw[k - 1]))
            )
            joinable = (
                lines
                and not stacked
                and not _OWN_LINE.search(line)
                and not _OWN_LINE.search(lines[-1])
                and not _DATELINE.match(line)
                and not _SPACED_ROW.match(line)
            )
            # A dated paragraph hard-wrapped ("December 1, 2016 - Federal ... the 25th round of" over
            # "invitations under Express Entry in 2016 ..."): a long line that ends mid-sentence goes on.
            dated_wrap = (
                lines
                and k
                and _DATED_PARAGRAPH.match(lines[-1])
                and len(raw[k - 1].rstrip()) >= 60
                and not re.search(r"[.!?:][\"”’)]*\s*$", raw[k - 1])
                and not _OWN_LINE.search(line)
            )
            wrapped = _wrapped(raw[k - 1]) and not (unwrapped and len(raw[k - 1].rstrip()) <= 100)
            if (joinable and wrapped) or dated_wrap or (lines and re.match(r"\s*[,;]\s", line)):
                # A line that starts with a comma goes on from the line before ("... Worker program
                # / , and the #239th draw was ...").
                lines[-1] += " " + line
            else:
                lines.append(line)
        out.extend(lines)
    return tidy_lines("\n".join(out))


def _wrapped(line: str) -> bool:
    """Does the text go on from this line on the next (hard-wrapped prose)? A line of more than 100
    characters ending a sentence is a paragraph of its own (pages with one newline per paragraph)."""
    length = len(line.rstrip())
    return length >= 50 and (length <= 100 or not re.search(r"[.!?:][\"”’)]*\s*$", line))


def _cell_line(line: str) -> bool:
    stripped = line.strip()
    return 0 < len(stripped) < 45 and not re.search(r"[.!?,;:]$", stripped)


def parse_article_text(text: str, *, published: dt.date | None = None, url: str = "") -> Announcement:
    """Parse an article's text into the rounds it states, in the order it names them."""
    if not text.strip():
        raise NotAnnouncement("the article is empty")
    text = _without_date_badge(text)
    reader = Reader(text, published or publication_date(text))
    # "Updated: Feb 14, 2021" over "In a very surprising event today, IRCC has selected 27,332": the page was
    # written that day or before it; its "today" is not known
    reader.dates.updated_only = published is None and updated_only(text)
    dated_address = _DATED_ADDRESS.search(url)
    if dated_address:
        # "cicnews.com/2023/10/...": the year the article was filed under, for dates that name none nearer.
        year, month = int(dated_address.group(1)), int(dated_address.group(2))
        reader.dates.address_date = dt.date(year, month, 28) + dt.timedelta(days=7)
    mentions = reader.read()
    if reader.lead is not None:
        said = reader._pending_facts()
        own = {(f.name, f.value) for f, _, _ in reader.lead.facts}
        clash = [f for f in said if any(n == f.name and v != f.value for n, v in own)]
        named_first = reader.lead.date
        if (
            said
            and named_first is not None
            and _EARLIER_ROUND.search(sentence_at(text, named_first.start))
            and _TODAY.search(text, 0, named_first.start)
        ):
            # "The second draw of the year was held today. ... 490 ... 5,500 ... On January 11, the IRCC had
            # just completed a draw": today's round is not the earlier one named first; its figures are not
            # that round's (and its day is not known).
            reader.lead.warnings.append(
                f"{said[0].name}: {said[0].snippet!r} is said of today's round, and the round named first "
                f"({named_first.snippet!r}) was held before it; not taken"
            )
        elif clash:
            # "IRCC issues 2,095 ITAs ... The two other draws ... The April 10 draw ... invited 1,280": what
            # the article says before naming a round is not the round it names first, so it is no round's.
            reader.lead.warnings.append(
                f"{clash[0].name}: {clash[0].snippet!r}, said before any round is named, is not this round's"
                " (the article gives it another); not taken"
            )
        else:
            for start, end, _ in reader.pending:
                named_year = _YEAR_OF_CLAUSE.search(sentence_at(text, start))
                lead_day = reader.lead.date.value if reader.lead.date is not None else None
                if named_year and lead_day is not None and int(named_year.group(1)) != lead_day.year:
                    # "In the year 2015, IRCC invited 12,928 people ..." over a round of May 31, 2017: another
                    # year's figures, not the round's
                    reader.lead.warnings.append(
                        f"{text[start:end].strip()[:60]!r} speaks of {named_year.group(0)!r}, not of the"
                        " article's round; not taken"
                    )
                    continue
                reader.give(reader.lead, start, end, anchored=0)
    _respective(reader, mentions)
    mentions = _merged(mentions)
    mentions = _this_numbered(mentions, text)
    mentions = _day_of_the_number(mentions)
    _numbers_of_another_time(mentions)
    if reader.undated and (reader.yearless or reader.lead_doubt):
        # A page that writes no year at all, or none for the round it opens on: its rounds are stated, only
        # their year is not.
        opening = min(reader.undated.values(), key=lambda m: m.first)
        line = text.rfind("\n", 0, opening.first) + 1
        for start, end, _ in reader.pending if opening is not reader.lead else ():
            if start >= line:  # "Canada invited 636 candidates ... on June 22": its sentence, before its date
                reader.give(opening, start, end, anchored=0)
    # "Canada has invited 924 ... on March 16 ... at least 754", the year in doubt: given with no date; where
    # a date the text does give names that day, that round's (its figures joined to it before it is decided).
    by_day: dict[str, list[Mention]] = {}
    for m in mentions:
        if m.date is not None and m.number is None:
            by_day.setdefault(f"{m.date.value.month:02d}-{m.date.value.day:02d}", []).append(m)
    undated: list[RoundFacts] = []
    for m in reader.undated.values():
        same = by_day.get(m.day_written.value, []) if m.day_written is not None else []
        if len(same) == 1 and m is not reader.lead and _joined(same[0], m):
            continue
        undated += _undated(m)
    rounds = [_round_facts(m) for m in mentions if m.number is not None or m.date is not None]
    named = {f"{r.date.value.month:02d}-{r.date.value.day:02d}" for r in rounds if r.date is not None}
    rounds += [r for r in undated if r.day_written is None or r.day_written.value not in named]
    rounds.sort(key=lambda r: min(f.start for f in r.found().values()))
    warnings = list(dict.fromkeys(reader.dates.doubts))
    for r in [r for r in rounds if set(r.found()) == {"date"}]:
        # "On March 2, 2023, IRCC updated the CRS score distribution", "IRCC extended the deadline ... on
        # March 6": a day that states nothing of a round, in a sentence about something else that happened
        # (not "IRCC held a draw and said ...").
        assert r.date is not None
        sentence = sentence_at(text, r.date.start)
        event = _OTHER_EVENT.search(sentence)
        if event and not HELD_A_ROUND.search(sentence):
            rounds.remove(r)
            warnings.append(f"date: {r.date.snippet!r} is the day something else happened ({event[0]!r})")
    unnumbered = sum(1 for r in rounds if r.round_id is None)
    if unnumbered:
        warnings.append(
            f"the article states {unnumbered} round(s) it does not number; they are not stored until numbered"
        )
    return Announcement(ARTICLE, tuple(rounds), tuple(warnings))


#: A year a clause speaks of: "In the year 2015", "in 2016", "during 2019".
_YEAR_OF_CLAUSE = re.compile(
    r"\b(?:in|of|during|for|throughout)\s+(?:the\s+(?:(?:calendar\s+)?year|whole\s+of|first\s+half\s+of"
    r"|second\s+half\s+of)\s+)?(20\d\d)\b(?!\s*[-/–])",
    re.I,
)
#: What else happens on a day an article names: updates, deadlines, words said or written.
_OTHER_EVENT = re.compile(
    r"\b(?:updated|extended|tweeted|confirmed|said|stated|announced|e-?mailed|wrote|posted|published|released"
    r"|reported|told|unveiled|launched|introduced|changed|closed|opened|reopened|paused|anniversary|celebrated"
    # "The pool grew from 209,892 on October 7 to 218,167": the pool's day
    r"|(?<!from\sthe\s)(?<!from\s)pool"
    # "the draw on June 21 did not happen as planned"
    r"|did\s+not\s+(?:happen|take\s+place|go\s+ahead)|cancell?ed|skipped)\b",
    re.I,
)


#: A title line opening on a year-less day: "31 May Express Entry Draw #118".
_BADGED_TITLE = re.compile(
    r"[ \t]*(?P<badge>(?:\d{1,2}\s+" + MONTH + r"|" + MONTH + r"\s+\d{1,2})\.?)[ \t]+(?P<title>\S[^\n]*)",
    re.I,
)


def _without_date_badge(text: str) -> str:
    """The text with a blog's date badge blanked: "31 May Express Entry Draw #118" over the title "Express
    Entry Draw #118" is the post's day (no year), not the day of the round the title names. Positions keep."""
    lines = text.split("\n")[:6]
    for i, line in enumerate(lines):
        badged = _BADGED_TITLE.fullmatch(line)
        if badged and badged.group("title").strip() in (other.strip() for other in lines[i + 1 : i + 4]):
            start = sum(len(x) + 1 for x in lines[:i]) + badged.start("badge")
            return text[:start] + " " * len(badged.group("badge")) + text[badged.end("badge") :]
    return text


def _respective(reader: Reader, mentions: list[Mention]) -> None:
    """Give the days a sentence lists "respectively", or pairs with counts, or as rounds that sentences
    opening "The first draw", "The second draw" go on about, their figures in order (a day no round yet
    becomes one); a doubt the first reading had of such a day's year, now read, is dropped."""
    text = reader.text
    lines = {_line_of(text, m.start()) for m in re.finditer(r"respectively|\son\s", text, re.I)}
    found = [
        listed
        for line_start, line_end in sorted(lines)
        for a, b in sentences(text, line_start, line_end)
        for listed in respective(text, a, b) + paired(text, a, b)
    ]
    # "On January 20th and January 21st, 2021, IRCC issued two new rounds ... The first draw ... The second
    # draw ...": each day with its ordinal's figures
    found += ordinal(text)
    for listed in found:
        raw = listed.snippet if listed.month in listed.snippet else f"{listed.month} {listed.day}"
        value, warnings = reader.dates.parse(raw, listed.start, listed.year)
        if value is None:
            continue
        stale = (f"date: {listed.snippet!r} has no year", f"date: {raw!r} has no year")
        reader.dates.doubts[:] = [d for d in reader.dates.doubts if not d.startswith(stale)]
        same = [m for m in mentions if m.number is None and m.date is not None and m.date.value == value]
        if len(same) > 1:
            continue
        if same:
            mention = same[0]
        else:
            mention = Mention(first=listed.start, date=Found(value, listed.start, listed.end, raw))
            mention.warnings.extend(warnings)
            mentions.append(mention)
        held = {f.name for f, _, _ in mention.facts}
        for fact in listed.facts:
            if fact.name not in held:
                reader.clause_id += 1
                mention.facts.append((fact, reader.clause_id, 2))


def _line_of(text: str, pos: int) -> tuple[int, int]:
    """Where the line holding ``pos`` starts and ends."""
    end = text.find("\n", pos)
    return text.rfind("\n", 0, pos) + 1, len(text) if end < 0 else end


def _undated(m: Mention) -> list[RoundFacts]:
    """A round dated by a month and day whose year is in doubt: given with no date when it states its count
    and its cut-off, or one of them with the day as written (``day_written``: IRCC's record can tell it by
    that); never with neither (the year is the doubt, not the figures)."""
    facts = _round_facts(m)
    both = facts.invitations is not None and facts.crs_min is not None
    one = facts.day_written is not None and (facts.invitations is not None or facts.crs_min is not None)
    return [facts] if both or one else []


def _joined(dated: Mention, undated: Mention) -> bool:
    """Join the facts said of a day whose year is in doubt ("Last week, on June 28, ... 500 ... 476") to the
    round the text dates on that day elsewhere ("the category-based draw on June 28" in a paragraph of 2023),
    unless they disagree; True when joined."""
    have = {f.name: f.value for f, _, _ in dated.facts}
    if any(f.name in have and have[f.name] != f.value for f, _, _ in undated.facts):
        return False
    dated.facts.extend(undated.facts)
    dated.itself |= undated.itself
    dated.kinds.extend(undated.kinds)
    dated.warnings.extend(undated.warnings)
    dated.tie_breaks.extend(undated.tie_breaks)
    dated.first = min(dated.first, undated.first)
    return True


def _merged(mentions: list[Mention]) -> list[Mention]:
    """A round named once by date only and once by number and that date is one round."""
    out = list(mentions)
    by_date: dict[dt.date, list[Mention]] = {}
    for m in out:
        if m.date is not None:
            by_date.setdefault(m.date.value, []).append(m)
    for same in by_date.values():
        numbered = [m for m in same if m.number is not None]
        if len(numbered) != 1:
            continue
        keep = numbered[0]
        for other in same:
            if other is keep or other.number is not None:
                continue
            keep.facts.extend(other.facts)
            keep.itself |= other.itself
            keep.also_programs |= other.also_programs
            keep.kinds.extend(other.kinds)
            keep.warnings.extend(other.warnings)
            keep.tie_breaks.extend(other.tie_breaks)
            keep.held_at = keep.held_at or other.held_at
            keep.first = min(keep.first, other.first)
            out.remove(other)
    return out


#: A round named as held before the article's own: "On January 11, the IRCC had just completed a draw".
_EARLIER_ROUND = re.compile(
    r"\bhad\s+(?:just\s+|already\s+)?(?:completed|held|conducted|run|issued|invited)\b|\blast\s+week['’]?s?\b",
    re.I,
)
_TODAY = re.compile(r"\btoday\b", re.I)


#: A sentence that numbers the article's own round: "This was the 24th round ... in 2022 and 236th overall."
_THIS_WAS = re.compile(
    r"\s*(?:This|It|Today's\s+draw|The\s+latest\s+draw)\s+(?:was|is|marks|marked|became)\b"
)


#: ... or within it: "In the year 2022, this was the 14th round ..., and it was the 226th overall."
_THIS_WAS_IN = re.compile(r"\b(?:[Tt]his|[Ii]t)\s+(?:was|is|marks|marked|became)\b")


def _this_numbered(mentions: list[Mention], text: str) -> list[Mention]:
    """An article of one dated round that numbers a round only in a sentence opening "This was" ("This was
    the 236th round overall") with no day: the number is that round's, where the number can be of that date
    (:func:`_number_fits_date`) and the figures do not disagree. In an article of several rounds, "this was",
    "it was" in the number's sentence give it to the round dated last before it in its paragraph, when no
    other round is named between."""
    numbered = [m for m in mentions if m.number is not None and m.date is None]
    dated = [m for m in mentions if m.date is not None and m.number is None]
    if len(numbered) != 1:
        return mentions
    number = numbered[0]
    assert number.number is not None
    at = number.number.start
    sentence = max(text.rfind(". ", 0, at), text.rfind("\n", 0, at)) + 1
    if len(dated) == 1 and len(mentions) == 2 and _THIS_WAS.match(text, sentence):
        day = dated[0]
    else:
        # "In the draw that took place on July 6, the minimum ... was 557 points. In the year 2022, this was
        # the 14th round ..., and it was the 226th overall.": "this was", "it was" in its sentence number the
        # round dated last before it in its paragraph, whatever rounds the article names elsewhere.
        # (A number the dated round already has that cannot be of its day, "the 14th round ... in 2022", is a
        # rank within the year, and gives way.)
        paragraph = text.rfind("\n\n", 0, at)
        before = [
            m
            for m in mentions
            if m.date is not None
            and paragraph < m.date.start < sentence
            and m.first < at
            and (m.number is None or not _number_fits_date(str(m.number.value), m.date.value))
        ]
        if not before or not _THIS_WAS_IN.search(text, sentence, at):
            return mentions
        day = max(before, key=lambda m: m.date.start if m.date is not None else -1)
        if any(paragraph < m.first < at for m in mentions if m is not day and m is not number):
            return mentions  # another round named between: which one the number is of is a doubt
    assert day.date is not None
    if not _number_fits_date(str(number.number.value), day.date.value) or not _joined(day, number):
        return mentions
    day.number = number.number
    day.warnings.append(
        f"round_id: {number.number.snippet!r} numbers the article's one dated round ({day.date.snippet!r}): "
        "read as its number"
    )
    return [m for m in mentions if m is not number]


def _day_of_the_number(mentions: list[Mention]) -> list[Mention]:
    """A day the article names with nothing said of it ("Canada held its second draw of 2023 on January 18,
    2023") and the one round it numbers without a day ("Express Entry Draw #238", "In draw #238, ... 5,500
    ITAs ... 490"): one round, where the number can be of that day (:func:`_number_fits_date`)."""
    numbered = [m for m in mentions if m.number is not None and m.date is None]
    bare = [m for m in mentions if m.date is not None and m.number is None and not m.facts and not m.kinds]
    if len(numbered) != 1 or len(bare) != 1:
        return mentions
    number, day = numbered[0], bare[0]
    assert number.number is not None and day.date is not None
    if not _number_fits_date(str(number.number.value), day.date.value):
        return mentions
    number.date = day.date
    number.first = min(number.first, day.first)
    number.warnings.append(
        f"date: {day.date.snippet!r}, named with nothing said of it, is the day of the article's one numbered"
        " round"
    )
    return [m for m in mentions if m is not day]


#: Ordinals at or above this are no rank within a year (the most rounds a year held: 52, in 2024).
_RANKS = 60


def _numbers_of_another_time(mentions: list[Mention]) -> None:
    """A round number written as an ordinal with no day ("IRCC's 3rd Express Entry Draw invites 1,000 ...")
    that can be the number of none of the days the article dates its rounds by (all of 2024) counts something
    else, the week's or the month's draws: no number."""
    days = [m.date.value for m in mentions if m.date is not None]
    for m in mentions:
        if m.number is None or m.date is not None or not days or not _ORDINAL.search(m.number.snippet):
            continue
        if not str(m.number.value).isdigit() or int(str(m.number.value)) >= _RANKS:
            continue  # "the 175th draw": no rank within a week, a month or a year
        if not any(_number_fits_date(str(m.number.value), day) for day in days):
            m.warnings.append(
                f"number: {m.number.snippet!r} can be the number of no round of the days the article names;"
                " left empty"
            )
            m.number = None


def _choose(
    name: str, facts: list[tuple[Fact, int, int]], warnings: list[str], itself: frozenset[int] = frozenset()
) -> Found | None:
    """One value for a field, or None when the article leaves a doubt.

    Values from clauses that name the round most explicitly win; among those, two different values
    leave the field empty, with a warning naming both. So does a weaker value that disagrees from a clause
    that names the round as "this draw" or says it speaks of it (``itself``, "it was a ... draw"): "using
    443 points ... has set a record for this draw" against "... on 23rd January 2019 ... a minimum ranking
    score of 438". A weaker value from any other clause is outweighed.
    """
    if not facts:
        return None
    whole = _sum_of_others(facts) if name == "invitations" else None
    if whole is not None:
        # "IRCC issued 700 invitations in a draw held May 30. 500 went to trades candidates ... Another
        # 200 to provincial nominees": 700 is two rounds' count, and which part is this round's is a doubt.
        warnings.append(f"{name}: {whole.snippet!r} is the sum of other counts the article gives; left empty")
        return None
    top = max(a for _, _, a in facts)
    pool = [(f, c) for f, c, a in facts if a == top]
    values = {f.value for f, _ in pool}
    first = pool[0][0]
    if len(values) > 1:
        # Two candidates named as strongly: a doubt, so no value (a stored wrong fact is worse than none).
        shown = ", ".join(repr(f.snippet) for f, _ in pool)
        warnings.append(f"{name}: the article gives {shown} for this round; left empty")
        return None
    for f, clause, a in facts:
        if a < top and f.value != first.value and clause in itself:
            warnings.append(
                f"{name}: the article gives {first.snippet!r} and, for this round too, {f.snippet!r};"
                " left empty"
            )
            return None
    for f, _, a in facts:
        if a < top and f.value != first.value:
            warnings.append(f"{name}: {f.snippet!r} is not this round's; kept {first.snippet!r}")
    return Found(first.value, first.start, first.end, first.snippet)


def _sum_of_others(facts: list[tuple[Fact, int, int]]) -> Fact | None:
    """A count that is the sum of two or three other counts given for the same round, if any."""
    values = [f.value for f, _, _ in facts if isinstance(f.value, int)]
    if len(set(values)) < 3:
        return None
    for f, _, _ in facts:
        others = [v for v in set(values) if v != f.value]
        for size in (2, 3):
            if any(sum(combo) == f.value for combo in itertools.combinations(others, size)):
                return f
    return None


def _number_fits_date(number: str, date: dt.date) -> bool:
    """Can round ``number`` have been held on ``date``? Rounds began with #1 on January 31, 2015 and have
    come between one a week and one a fortnight on average ever since: a number far too small or too large
    for its date ("On 20th September 2016, in the 20th round": #20 was held in 2015) is not that round's."""
    if not number.isdigit():
        return True
    n, days = int(number), (date - FIRST_ROUND_DAY).days
    return _FASTEST * (n - 1) <= days <= _SLOWEST * n + _SLACK


def _round_facts(m: Mention) -> RoundFacts:
    """Decide each field of one mention (a category beats a general round beats programs) and freeze."""
    warnings = list(m.warnings)
    number = m.number
    if number is not None and m.date is not None and not _number_fits_date(str(number.value), m.date.value):
        warnings.append(
            f"number: {number.snippet!r} cannot be the number of a round held on {m.date.value}; left empty"
        )
        number = None
    found: dict[str, Found | None] = {
        "invitations": _choose(
            "invitations", [x for x in m.facts if x[0].name == "invitations"], warnings, frozenset(m.itself)
        ),
        "crs_min": _choose(
            "crs_min", [x for x in m.facts if x[0].name == "crs_min"], warnings, frozenset(m.itself)
        ),
    }
    _untangle(m, found, warnings)
    # A category or a general round named with the round beats one named in a clause that names no round;
    # programs are listed in every kind of round, so they count only when nothing else is named.
    named = [k for k in m.kinds if k[0] != "program"]
    strongest = max((k[3] for k in named), default=0)
    categories = [(slug, where) for kind, slug, where, a in named if kind == "category" and a == strongest]
    general = [where for kind, _, where, a in named if kind == "general" and a == strongest]
    # Programs named with the round (a label, its own clause) beat those of a clause that names none.
    top = max((a for kind, _, _, a in m.kinds if kind == "program"), default=0)
    programs = [(code, where) for kind, code, where, a in m.kinds if kind == "program" and a == top]
    slugs = sorted({str(slug) for slug, _ in categories})
    if categories and m.date is not None and m.date.value < _CATEGORIES_BEGAN:
        warnings.append(
            f"category: {', '.join(slugs)} named, but category rounds began on {_CATEGORIES_BEGAN}; not taken"
        )
        categories, slugs = [], []
    if len(slugs) > 1:
        warnings.append(f"category: the article names {', '.join(slugs)} for this round; left empty")
    elif categories and general:
        warnings.append(
            "round type: the article calls this round both a category round and a general one; left empty"
        )
    elif categories:
        slug, where = categories[0]
        found["round_type"] = _relabel(where, "category")
        found["category"] = _relabel(where, slug)
    elif general:
        found["round_type"] = _relabel(general[0], "general")
    elif programs and {"CEC", "FSW", "FST"} <= {code for code, _ in programs}:
        # "candidates from the CEC, the FSWP and the FSTP": every program, a general round
        found["round_type"] = _relabel(programs[0][1], "general")
    elif programs and m.also_programs - {code for code, _ in programs}:
        # "a draw for Federal Skilled Workers ... The draw included CEC candidates as well": a program round
        # is one program's; a clause adding another leaves the kind in doubt.
        taken_in = ", ".join(sorted(m.also_programs | {str(code) for code, _ in programs}))
        warnings.append(f"round type: the article says this round took in {taken_in}; left empty")
    elif programs:
        found["round_type"] = _relabel(programs[0][1], "program")
    kind = found.get("round_type")
    if programs and kind is not None and kind.value == "program":
        # Programs are a program round's; named with a general or category round they explain, not state.
        codes = {code for code, _ in programs}
        first = programs[0][1]
        found["programs"] = Found(
            tuple(c for c in _PROGRAM_ORDER if c in codes), first.start, first.end, first.snippet
        )
    if m.tie_breaks:
        found["tie_break_at"] = m.tie_breaks[0]
    stated: dict[str, Any] = {k: v for k, v in found.items() if v is not None}
    return RoundFacts(
        round_id=number,
        date=m.date,
        held_at=m.held_at,
        warnings=tuple(dict.fromkeys(warnings)),
        by_context=_by_context(m, stated),
        day_written=m.day_written if m.date is None else None,
        **stated,
    )


def _untangle(m: Mention, found: dict[str, Found | None], warnings: list[str]) -> None:
    """Two clauses that give one round two cut-offs (or two counts) may speak of two rounds: the other figure,
    given only by one of them, is then in doubt too. "The last draw ... on August 15 ... requested 4,300 ...
    with a minimum ... of 496 ... The latest draw invited 3,200 ... with a minimum ... of 531": the cut-off
    is left empty, and so is the 3,200."""
    for name, other in (("crs_min", "invitations"), ("invitations", "crs_min")):
        given = found[other]
        chosen = found[name]
        if given is None:
            continue
        sources = {clause for f, clause, _ in m.facts if f.name == other and f.value == given.value}
        if chosen is None:
            clashing = {clause for f, clause, _ in m.facts if f.name == name}
            values = {f.value for f, _, _ in m.facts if f.name == name}
            doubted = len(values) > 1 and sources <= clashing and sources != clashing
        else:
            # "The December 20 draw ... saw 670 ITAs. Lastly, IRCC issued 400 ITAs ... with a minimum score of
            # 386": a clause whose count is not the round's own speaks of another round, cut-off and all.
            contrary = {clause for f, clause, _ in m.facts if f.name == name and f.value != chosen.value}
            doubted = bool(sources) and sources <= contrary
        if doubted:
            warnings.append(
                f"{other}: {given.snippet!r} comes from a clause giving this round another {name} than the"
                " rest of the article, so it may be another round's; left empty"
            )
            found[other] = None


def _by_context(m: Mention, stated: dict[str, Any]) -> frozenset[str]:
    """The fields of ``stated`` the text gives the round only by context: a count or cut-off from a clause
    that names no round (the strongest that gave one), a kind likewise, a date that writes no year."""
    out: set[str] = set()
    for name in ("invitations", "crs_min"):
        if name in stated and max(a for f, _, a in m.facts if f.name == name) == 0:
            out.add(name)
    if "round_type" in stated:
        named = [k[3] for k in m.kinds if k[0] != "program"]
        # The kind came from the strongest category or general-round clause if any, else from the programs.
        if max(named or [k[3] for k in m.kinds], default=0) == 0:
            out.update(k for k in ("round_type", "category", "programs") if k in stated)
    if m.date is not None and not _WRITES_YEAR.search(m.date.snippet):
        out.add("date")
    if m.number is not None and _ORDINAL.search(m.number.snippet):
        out.add("round_id")  # "its 13th Express Entry draw": overall, or the year's thirteenth
    return frozenset(out)


def _relabel(where: Fact, value: object) -> Found:
    return Found(value, where.start, where.end, where.snippet)
