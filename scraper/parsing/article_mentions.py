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

import datetime as dt
import re
from dataclasses import dataclass, field

from eewatch.domain.announcement import Found
from scraper.parsing import article_facts as facts_of
from scraper.parsing.article_anchors import PLURAL, PROVINCIAL_WORDS, THIS_ROUND, Anchor, may_hold
from scraper.parsing.article_clauses import clauses, other_period, other_round_tail
from scraper.parsing.article_dates import DATE, MONTH, RELATIVE_YEAR, Dates, plain_date, tie_break, years_back
from scraper.parsing.article_facts import Fact
from scraper.parsing.article_tables import table_row
from scraper.parsing.article_units import ROW_DATE, Unit, sentences, units
from scraper.parsing.dates import MONTHS, parse_datetime

#: A unit that holds none of these can name no round and state no fact (matched on lowercased text).
_RELEVANT = re.compile(
    r"\d|#|day|week|month|this|latest|recent|new|first|stem|science|french|franco|health|transport|agri|trade"
    r"|educat|canadian|federal|provincial|nomin|cec|fs|pnp|general|program|all-|all |no |not |draw|round"
)


_ENUMERATION = re.compile(
    r"\s*(?:the\s+)?(?:(?:two|three|four|five)\s+)?(?:first|second|third|fourth|other|latter|former|last)\b"
    # "Last July 5, 2023, IRCC held ...": a day in the past, not the last of a list
    r"(?!\s+(?:Express|EE|draw\b|round\b|category|" + MONTH + r"\s+\d))",
    re.I,
)
_FIELD_LABEL = re.compile(
    r"^\s*(?:[-•–—]\s+)?(?:date(?:\s+and\s+time)?(?:\s+of\s+(?:the\s+)?(?:draw|round))?|draw\s+(?:date|number|no\.?)"
    r"|round\s+(?:date|number)|held\s+on|number)\b",
    re.I,
)


_DAY_BEFORE = re.compile(r"the\s+day\s+before|the\s+previous\s+day|a\s+day\s+earlier", re.I)
_DAY_AFTER = re.compile(r"the\s+(?:following|next)\s+day|a\s+day\s+later", re.I)
#: A goal or a target, whose programs are not a round's kind: "this year's goal of 141,000 CEC applications".
_GOAL = re.compile(r"\b(?:goal|target|objective|quota|plan)s?\s+(?:of|to|for)\b", re.I)
#: A clause that says a round was held: it invites, or names a draw.
_HOLDS_A_ROUND = re.compile(r"\binvit|\bITAs?\b|\bdraw\b|\bround\b", re.I)
#: A clause that speaks of the round it belongs to: "this draw", "the draw", "today's round", "the selection".
_ROUND_ITSELF = re.compile(
    r"\b(?:this|the|today's|latest|newest|new)\s+(?:(?!(?:last|previous|preceding|prior|next|upcoming)\b)[\w-]+\s+){0,3}"
    # (not "the introduction of category-based selection", "the default selection method": the system)
    r"(?:draw|round|(?<!based\s)selection(?!\s+(?:method|process|system|criteria|mechanism|rules?)\b))\b(?!s)"
    r"|\b(?:it|this)\s+(?:was|is)\s+(?:a|an)\s+(?:[\w-]+\s+){0,3}(?:draw|round)\b(?!s)"
    r"|\bno\s+program(?:me)?\s+(?:was\s+)?specified\b",
    re.I,
)


#: A clause about what the department does as a rule, not about one round.
_HABIT = re.compile(
    r"\b(?:has|have)\s+been\s+(?:\w+ly\s+)?(?:holding|conducting|inviting|alternating|issuing|running|focusing"
    r"|prioriti[sz]ing|targeting)\b|\b(?:usually|typically|generally|normally|regularly|tend\s+to)\b"
    r"|\b(?:trend|pattern|practice|habit|string|streak)\s+of\s+(?:\w+ing|recent|\w+-only)\b",
    re.I,
)


# -- mentions ---------------------------------------------------------------------


_CALLED_PREVIOUS = re.compile(
    r"\b(?:previous|preceding|prior|last|earlier)\s+(?:[\w-]+\s+){0,3}(?:draw|round)\b[^.;]{0,30}$", re.I
)
_ROUND_WORD = re.compile(r"\b(?:draw|round)\b", re.I)
_PAST_INVITING = re.compile(r"\b(?:invited|issued|sent)\s+(?:out\s+)?[\d,]{3,}", re.I)
#: A case made up to explain: "if your score is 448", "suppose you entered the pool".
_HYPOTHETICAL = re.compile(r"\b(?:if|suppose|imagine|you|your|let['’]s|say)\b", re.I)
#: A worked example: a sentence that starts so, or a caption over a list of example rows.
_EXAMPLE = re.compile(
    r"\W*(?:for\s+(?:example|instance)\b|(?:another|an|one)\s+example\b|e\.g\.|suppose\b|imagine\b)"
    r"|[^\n]*\bexamples?\s+(?:is|are)\s+(?:as\s+follows|below)\b",
    re.I,
)
#: A list item under "For example:" citing a real round: by its number, or by a full date and a round word.
_CITED_ITEM = re.compile(
    r"\b(?:draw|round)\s*(?:no\.?\s*|number\s*|#\s*)\d{1,4}\b"
    r"|"
    + MONTH
    + r"\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+(?:19|20)\d\d\b(?=[^\n]*\b(?:draw|round|ITAs?|invit\w*)\b)",
    re.I,
)
#: A caption over a list of a period's figures: "Lowest and Highest CRS Cutoff this year:", "Invitations
#: issued so far:" (a period and an aggregate; "Details of the first draw of 2024:" is one round's).
_PERIOD_CAPTION = re.compile(
    r"^(?=[^\n]*\b(?:this\s+year|so\s+far|to\s+date|(?:in|of)\s+20\d\d)\b)"
    r"(?=[^\n]*\b(?:lowest|highest|totals?|cut-?offs|draws|rounds|invitations\s+issued)\b)",
    re.I,
)
#: A line that is only a date, or a span of days: "August 2nd", "July 11-12", "July 4 - 7".
_DATE_LINE = re.compile(
    r"\s*(?P<date>"
    + MONTH
    + r"\s+\d{1,2}(?:st|nd|rd|th)?(?:,?\s*\d{4})?|\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?"
    + MONTH
    + r"(?:,?\s*\d{4})?)(?P<span>\s*[-–—]\s*\d{1,2}(?:st|nd|rd|th)?(?:,?\s*\d{4})?)?"
    # "February 7th Invitations:": a section's caption
    r"(?:\s+(?:Invitations?|Draws?|Rounds?|ITAs|Results?|Express\s+Entry\s+(?:Draws?|Rounds?)))?\s*:?\s*",
    re.I,
)
#: A list item that is a dated caption: "- November 13, 2024 – Canadian Experience Class (CEC):".
_DATED_CAPTION = re.compile(
    r"\s*(?:[-•*–—]|\d{1,2}[.)])\s+(?:" + MONTH + r"\.?\s+\d{1,2}(?:st|nd|rd|th)?(?:,?\s*\d{4})?|\d{1,2}"
    r"(?:st|nd|rd|th)?\s+" + MONTH + r"(?:,?\s*\d{4})?)\s*(?:[–—:-][^:\n]{0,70})?:\s*",
    re.I,
)
#: A short line without a sentence's end: a title ("What is category-based selection?" ends one too).
_TITLE_LINE = re.compile(r"[^\n]{1,80}?(?<![.!:])\s*")
#: Two rounds set side by side in one sentence: "On February 1 ..., while the draw on February 2 ...".
_CONTRAST = re.compile(r",\s*(?:while|whereas)\b", re.I)


#: A leading phrase about another round, up to its comma: "Before the current EE draw for the STEM profiles,".
_OTHER_ROUND_LEAD = re.compile(
    r"\s*(?:Before|After|Unlike|Like|Prior\s+to)\s+(?:this|the\s+current|the\s+latest|today's)\s+[^,.;]{0,80},",
    re.I,
)
#: A clause about a round other than the article's, named by no date: "IRCC conducted another draw targeting
#: transport occupations", "The first all-program draw since the pandemic was held earlier this month".
_UNDATED_OTHER_ROUND = re.compile(
    r"(?<!\bis\s)(?<!\bwas\s)(?<!\bbe\s)(?<!\bas\s)(?<!\byet\s)(?<!\bmarks\s)(?<!\bmarked\s)"
    r"\banother\s+(?:[\w-]+\s+){0,3}?(?:draw|round)\b"
    r"|\b(?:draw|round)\s+(?:[\w-]+\s+){0,6}?(?:was|were)\s+held\s+(?:earlier|last\s+week|previously)\b"
    r"|\b(?:last|previous)\s+(?:year|month)['’]s\s+(?:[\w-]+\s+){0,3}?(?:draw|round)\b"
    # "There was also one draw for Federal Skilled Workers with a minimum CRS of 489"
    r"|\bthere\s+(?:was|were)\s+also\s+(?:one|a|an)\s+(?:[\w-]+\s+){0,3}?(?:draw|round)\b",
    re.I,
)
#: The day a stretch of rounds began: "since it resumed on July 6, 2022", "since the draws restarted on".
_SINCE_STARTED = re.compile(
    r"\bsince\s+(?:(?:it|they|the\s+[\w-]+(?:\s+draws?)?|[\w-]+\s+draws?)\s+)?(?:was\s+|were\s+)?"
    r"(?:resumed|restarted|started|began|returned|reopened)\s+(?:on\s+)?" + MONTH,
    re.I,
)
#: Other rounds named together, with their days: "two other rounds earlier in the month: a PNP draw on
#: December 2 and a French draw on December 3".
_OTHER_ROUNDS_DATED = re.compile(
    r"\b(?:two|three|four|several|other|previous|earlier)\s+(?:other\s+)?(?:[\w-]+\s+){0,2}?(?:draws|rounds)\b",
    re.I,
)
#: ... or said otherwise: "A separate draw invited 700", "In the other draw this week", "the week's other
#: draw", "a second draw" (gated by _SEPARATE_WORDS).
_SEPARATE_ROUND = re.compile(
    r"\b(?:a|the)\s+(?:other|separate|different)\s+(?:[\w-]+\s+){0,2}?(?:draw|round)\b"
    r"|\b(?:week|month)['’]s\s+other\s+(?:[\w-]+\s+){0,2}?(?:draw|round)\b"
    r"|(?<!\bis\s)(?<!\bwas\s)(?<!\bas\s)\ba\s+(?:second|third|fourth)\s+(?:[\w-]+\s+){0,2}?(?:draw|round)\b",
    re.I,
)
_SEPARATE_WORDS = ("other", "separate", "different", "second", "third", "fourth")
#: A sentence opening on another day it does not name: "Two days earlier, 700 candidates were invited".
_OTHER_DAY_OPENS = re.compile(
    r"\W*(?:(?:earlier|later)\s+(?:in|that|this)\s+(?:the\s+)?(?:week|month)"
    r"|(?:one|two|three|four|five|six|a|several|\d)\s+(?:days?|weeks?)\s+(?:earlier|later|before))\b",
    re.I,
)
#: A sentence opening on an earlier round named by no date: "In the previous PNP draw, Canada invited 627".
_PREVIOUS_OPENS = re.compile(
    r"\s*(?:In|For|During|At)\s+the\s+(?:previous|preceding|prior|last)\s+(?:[\w-]+\s+){0,3}?(?:draw|round)\b"
    r"(?!\s+(?:on|of|held|dated)\b)",
    re.I,
)
#: A field naming the kind of the round its box speaks of: "Program Specified: Provincial Nominee Program".
_KIND_FIELD = re.compile(
    r"\s*(?:[•◦▪·*-]\s+)?(?:program(?:me)?s?\s+specified|(?:(?:draw|round)\s+)?type|type\s+of\s+(?:draw|round)"
    r"|(?:draw|round)\s+name)\s*:",
    re.I,
)
#: The start of a clause naming a round before this one: "previous invitation round on July 24".
_NAMED_BEFORE = re.compile(
    r"\s*(?:previous|preceding|prior|last|earlier)\s+(?:[\w-]+\s+){0,2}(?:draw|round)\b(?!s)", re.I
)
#: A clause that ends where the round its figure is "from" is named: "issued 27,332 invitations from the |
#: earlier draw on Saturday, February 13".
_FROM_THE_END = re.compile(
    r"\b(?:invitations?(?:\s+to\s+apply)?|ITAs?|candidates|applicants)\s+(?:from|in|at)\s+the\s*$", re.I
)
#: A labelled line under a list item, with its own bullet: "• Invitations: 2,500".
_BULLET_LABEL = re.compile(r"\s*[•◦▪·*-]\s+\S")
#: A sentence stating a record over rounds: "The most applicants selected in a round were 1637".
_RECORD_SENTENCE = re.compile(
    r"\s*The\s+(?:most|fewest|largest|smallest|highest|lowest)\b[^.!?\n]{0,60}?\bin\s+(?:a|any|one)\s+"
    r"(?:single\s+)?(?:round|draw)\b"
    # "The smallest draw of 2020 was held ...": the year's record, a round the sentence does not date
    r"|\s*The\s+(?:largest|smallest|biggest|highest|lowest)\s+(?:[\w-]+\s+)?(?:round|draw)\s+of\s+(?:the\s+year|20\d\d)\b",
    re.I,
)
#: A clause adding to what the round took in: "The draw included CEC candidates as well".
_ALSO = re.compile(r"\b(?:as\s+well|also|too|includ(?:ed|ing)|along\s+with|in\s+addition)\b", re.I)
#: A clause about a round still to come: "the first STEM round ... will open the week of July 5".
_A_ROUND_TO_COME = re.compile(
    r"\b(?:draw|round)s?\b[^.;]{0,60}?\bwill\s+(?!not\b)\w+"
    r"|\b(?:upcoming|next|future|planned)\s+(?:[\w-]+\s+){0,2}?(?:draw|round)s?\b",
    re.I,
)
#: A numbered list item's opening: "4. Ontario made several draws ...".
_NUMBERED = re.compile(r"\s*\d{1,2}[.)]\s")
#: A sentence opening on a turn back in time: "Before that, IRCC invited 3,200 candidates ... on July 8".
_BEFORE_THAT = re.compile(r"\s*(?:before|prior\s+to|ahead\s+of)\s+(?:that|this|it)\s*,", re.I)
#: A sentence that says a round was held: "IRCC held the largest Express Entry draw ever", "the draw was
#: held".
HELD_A_ROUND = re.compile(
    r"\b(?:held|conducted|ran|hosted)\s+(?:a|an|its|the|another)\s+(?:[\w-]+\s+){0,3}?(?:draw|round)\b"
    r"|\b(?:draw|round)\s+(?:was\s+)?(?:held|conducted|took\s+place)\b",
    re.I,
)
#: A round named before, pointed back at: "the score for that draw was 557", "in that round".
_THAT_ROUND = re.compile(r"\bthat\s+(?:[\w-]+\s+){0,2}(?:draw|round)\b(?!s)", re.I)


def _month_day(raw: str) -> tuple[int, int] | None:
    """The month and day a date as written names ("August 1st", "the 3rd of August"), or None."""
    day = re.search(r"\d{1,2}", raw)
    words = (w.lower().rstrip(".") for w in re.findall(r"[A-Za-z]{3,}", raw))
    number = next((MONTHS[w] for w in words if w in MONTHS), None)  # "Last week, on June 28": June
    return (number, int(day.group(0))) if day is not None and number is not None else None


def _past_year(clause: str) -> bool:
    """Does a clause say its round was in an earlier year ("late last year", "two years ago")?"""
    return any(years_back(m.group(0)) for m in RELATIVE_YEAR.finditer(clause))


#: A sentence opening on the article's own round and the day it was held: "This CEC-only draw, held on".
_THIS_DRAW_HELD = re.compile(
    r"\s*(?:this|the\s+latest|today['’]s)\s+(?:[\w-]+\s+){0,3}?(?:draw|round)\b,?\s+(?:which\s+|that\s+)?"
    r"(?:was\s+)?(?:held|took\s+place|conducted|happened)\s+on\s+$"
    # "IRCC held its second Express Entry draw this week on January 21" (not its previous, last or prior one)
    r"|\s*(?:IRCC|Canada|the\s+department|the\s+government)\s+(?:held|conducted)\s+its\s+"
    r"(?!(?:previous|last|prior|earlier|preceding)\b)(?:[\w-]+\s+){0,4}?(?:draw|round)\s+"
    r"(?:this\s+week\s+|of\s+the\s+week\s+)?on\s+$",
    re.I,
)


#: The year Express Entry began, said as such: "In place since the inception of Express Entry in 2015".
_SYSTEM_YEAR = re.compile(
    r"\b(?:inception|launch|introduction|creation|start|beginning)\s+of\s+(?:[\w’'-]+\s+){0,4}?in\s+"
    r"(?:January\s+)?2015\b",
    re.I,
)


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
    #: Clauses that name no round but say they speak of this one ("this draw", "it was a ... draw").
    itself: set[int] = field(default_factory=set)
    #: Programs a clause about the round says it took in too ("the draw included CEC candidates as well").
    also_programs: set[str] = field(default_factory=set)
    #: The month and day a page writes for the round with no year ("December 18"), as "12-18".
    day_written: Found | None = None


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
        self.table_start = 0  # where the table being read starts (its header row)
        #: The article's round is dated with a year in doubt: what is said of it without a name is dropped.
        self.lead_doubt = False
        #: That round, while the text speaks of it (until another round is named): an undated round; on a
        #: page that writes no year, each day named so is one (``undated``, by its month and day).
        self.doubted: Mention | None = None
        self.doubted_open = False
        # ("Aug 1 2000 517": a row's count, no year)
        # (the year Express Entry began, "since the inception of Express Entry in 2015", dates no round)
        years = _SYSTEM_YEAR.sub("", text)
        self.yearless = not re.search(r"(?<![\d,])(?:19|20)\d\d(?!\d)(?![ \t]+\d{3}\b)", years)
        self.undated: dict[str, Mention] = {}
        #: The rounds the sentence being read names (not in comparisons), and whether the sentence before,
        #: in the same unit, named two or more: a sentence after it that names none speaks of either.
        self.sentence_named: list[Mention] = []
        self.two_named = False
        self.other_round = False  # the paragraph has spoken of another, undated round
        self.unit_start = 0  # where the paragraph being read starts
        #: The rest of a paragraph after a clause about a province's own draw: what it says is that draw's.
        self.provincial_rest = (0, 0)
        #: A sentence of the paragraph opened on "the previous draw" named by no date: the sentences after
        #: it that name no round may still speak of that one.
        self.previous_open = False
        self.label_run = 0  # the first clause of the current run of labelled lines
        self.item_round: Mention | None = None  # the round the list item just read names by its date
        #: A comparison clause ending "... 459 in the", cut from the round it names next ("previous round on
        #: July 24"): its figures are that round's.
        self.glued: tuple[int, int] | None = None
        #: The list being read is an example ("Another example is as follows:"): its rows name no round; or
        #: it lists a period's figures ("Lowest and Highest CRS Cutoff this year:"): its undated rows are no
        #: round's.
        self.example_list = False
        self.period_list = False
        self.this_list = False
        #: A line holding only a date ("August 1st") heads the paragraphs below it: they speak of that round
        #: (``section``); one holding a span ("July 11-12") heads paragraphs that are no single round's.
        self.section: Mention | None = None
        self.span_section = False
        #: The round the paragraph being read named last (under "July 4-7", "On July 7 ... ITAs were issued
        #: to 2,300": the sentence after it goes on about that day).
        self.unit_named: Mention | None = None
        #: The section is headed by a dated list item ending in a colon: the items under it stay in it.
        self.item_section = False
        #: Rounds first named in a comparison ("the preceding draw (#255)"): a later date never fills them.
        self.compared: set[int] = set()
        #: Inside a list captioned by a province's own draws: whether the caption is a numbered item (None:
        #: outside any).
        self.province_list: bool | None = None
        self.province_list_at = 0

    # -- finding the mention an anchor group names
    def new_mention(self, first: int, *, from_row: bool = False) -> Mention:
        mention = Mention(first=first, from_row=from_row)
        self.mentions.append(mention)
        return mention

    def _number(self, mention: Mention, anchor: Anchor) -> None:
        assert anchor.number is not None
        mention.number = Found(anchor.number, anchor.start, anchor.end, anchor.snippet)
        self.by_number.setdefault(anchor.number, mention)

    def undated_mention(self, start: int, written: str) -> Mention | None:
        """On a page that writes no year, the round of the month and day ``written`` (a table row's date
        cell): stated, only its year is not; None elsewhere, or for a cell that names no month and day."""
        said = _month_day(written) if self.yearless else None
        return None if said is None else self._undated_round(said, start, written.strip())

    def _undated_round(
        self, said: tuple[int, int] | None, start: int, written: str, mention: Mention | None = None
    ) -> Mention:
        """The one mention of a year-less month and day (``None``: a day not read) on this page: ``mention``
        (a round stated before its day was named) if that day has none yet."""
        key = f"{said[0]} {said[1]}" if said is not None else "?"
        mention = self.undated.setdefault(key, mention or Mention(first=start))
        if said is not None and mention.day_written is None:
            mention.day_written = Found(f"{said[0]:02d}-{said[1]:02d}", start, start + len(written), written)
        return mention

    def number_mention(self, mention: Mention, anchor: Anchor) -> None:
        """A table row's number cell numbers its round."""
        self._number(mention, anchor)

    def date_mention(self, mention: Mention, anchor: Anchor) -> None:
        assert anchor.date is not None
        if mention.date is None:
            mention.date = Found(anchor.date, anchor.start, anchor.end, anchor.snippet)
            self.dates.named.add(anchor.date)
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
        row: bool = False,
    ) -> Mention | None:
        lead_day = self.lead.date.value if self.lead is not None and self.lead.date is not None else None
        published = self.dates.published
        if lead_day and published and (published - lead_day).days > 6:
            # A page dated February 20 about its round of February 13: "on Wednesday" is that week's, or the
            # page's; not said.
            group = [
                Anchor(a.start, a.end, a.snippet, relative="unknown") if a.relative == "weekday" else a
                for a in group
            ]
        number = next((a for a in group if a.number), None)
        dated = next((a for a in group if a.date is not None), None)
        if not (number or dated) and self.lead is not None and self.lead.date is not None:
            # "... followed an all-program draw, held the day before, which invited 700": the lead's eve.
            eve = next((a for a in group if _DAY_BEFORE.fullmatch(a.snippet)), None)
            if eve is not None and not comparison:
                day = self.lead.date.value - dt.timedelta(days=1)
                dated = Anchor(eve.start, eve.end, eve.snippet, date=day, relative="day-before")
        if not (number or dated):
            doubt = next((a for a in group if a.doubt), None)
            if self.lead is None and not comparison and doubt is not None:
                self.lead_doubt = True
                return self._doubted(doubt)
            if doubt is not None and not comparison and self._lead_on(doubt, group):
                # "has issued 5,000 ITAs in its latest draw ... This CEC-only draw, held on July 31": the
                # article's own round, stated before it was named, is the day's, only its year unwritten.
                assert self.lead is not None
                return self.lead
            # ("Before that, IRCC invited 3,200 candidates ... on July 8": a day of its own, not a comparison)
            connective = comparison and bool(_BEFORE_THAT.match(clause))
            said = _month_day(doubt.snippet) if doubt is not None and (connective or not comparison) else None
            if doubt is not None and said is not None:
                # "IRCC also invited candidates in three draws last week. On December 8, 5,900 ...": after the
                # article's own round, a day whose year is in doubt is a round of its own, its year unsure.
                self.open = False
                return self._undated_round(said, doubt.start, doubt.snippet)
            if (
                self.dates.published is None
                and self.lead is not None
                and self.lead.date is not None
                and re.search(r"\d{4}", self.lead.date.snippet)
                and any(a.relative == "lead" and a.snippet.lower().startswith("today") for a in group)
            ):
                # "... the draw which took place on June 11, 2020 ... Today's CEC draw was the second in 24
                # hours": the article's today is its own round's day.
                self.dates.today = self.lead.date.value
            if any(a.relative == "lead" for a in group) and not any(a.relative == "unknown" for a in group):
                if prose and carry is self.lead and self._other_day_before(group[0].start):
                    # "On August 1st, IRCC resumed all-program draws, inviting 2,000 ... The minimum CRS score
                    # for this round was 517", the article being about August 3: "this round" is the day its
                    # paragraph named (read as no round of its own here), not the article's.
                    return None
                if not prose and self.item_round is not None and self.item_round is not self.lead:
                    # "• The most recent draw of this week took place yesterday by July 6 with ... 1,500
                    # candidates ... The minimum CRS score needed for this draw was at least 463": "this draw"
                    # in a list item is the round the item named by its day.
                    return self.item_round
                if (
                    carry is not None
                    and carry is not self.lead
                    and not carry.from_row
                    and (carry.date is not None or carry.number is not None or carry.day_written is not None)
                    # "Draw 248 earlier in May was a PNP draw. However today's draw was an all-program draw":
                    # "today's draw" is the article's own, whatever its paragraph named before.
                    and not any(a.snippet.lower().startswith("today") for a in group)
                ):
                    # "All-program draws resumed on August 1st ... The minimum CRS score for this round was
                    # 517": "this round" is the one its paragraph named, not the article's own.
                    return carry
                if self.lead is None and self.doubted is not None and self.doubted_open and not comparison:
                    # "... an all-program draw that took place on December 18 (no year). With a minimum score
                    # of 542 for this draw": "this draw" is the round whose date is the doubt.
                    return self.doubted
                return self.lead
            self.open = False
            return None
        if dated and dated.relative == "today" and not number and self.lead is not None:
            lead_date = self.lead.date.value if self.lead.date else None
            if lead_date != dated.date:
                unnamed = self.lead.date is None and self.lead.number is None
                if self.placeholder and unnamed and not comparison:
                    # "The department issued 1,470 ITAs ... Today's draw follows three others": the round the
                    # article stated first without naming it is today's, the article's own date.
                    self.date_mention(self.lead, dated)
                    self.placeholder = self.open = False
                    if all(m is not self.lead for m in self.mentions):
                        self.mentions.append(self.lead)
                return self.lead
        mention = None
        self.doubted_open = False
        if number and number.number is not None:
            mention = self.by_number.get(number.number)
            if mention is None and not comparison:
                if block and carry is not None and carry.number is None:
                    mention = carry
                elif (
                    (THIS_ROUND.search(clause) or self.this_list)
                    and self.lead is not None
                    and self.lead.number is None
                ):
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
            mention = self.new_mention(group[0].start)
        if number and mention.number is None:
            self._number(mention, number)
        if dated:
            self.date_mention(mention, dated)
        if comparison and created:
            self.compared.add(id(mention))
        if comparison or mention.from_row or row or _ENUMERATION.match(clause):
            # A table row or a dated list row is one round among several, never the article's own.
            self.open = False  # only the first round named after the unnamed one can be it
            return mention
        if self.lead is None and self.lead_doubt:
            pass  # the article's own round was dated in doubt: a later round named is not it
        elif self.lead is None and self.pending and (_past_year(clause) or _SINCE_STARTED.search(clause)):
            # "IRCC invited 1,510 candidates. Late last year, on December 14, ...": a round of another year is
            # not the one the article stated first without naming it; nor is the day a stretch of rounds
            # started ("... the eighth all-program draw since it resumed on July 6, 2022").
            self.lead, self.placeholder, self.open = Mention(first=group[0].start), True, False
        elif self.lead is None:
            self.lead = mention
            self._date_the_article(mention, dated)
        elif (
            self.placeholder
            and self.open
            and created
            and prose
            and self._recent(dated)
            and not facts_of.SUPERLATIVE.search(clause)
            and not re.search(r"\b(?:lowest|highest)\b", clause, re.I)
            and not self._contradicts(clause)
            and not _past_year(clause)
        ):
            # "In its second draw of 2022, Canada sent 1,036 invitations. ... the January 19 draw ..." (not
            # "Late last year, on December 14, ...": a round of another year)
            self.lead, self.placeholder = mention, False
        self.open = False
        return mention

    def _in_province_list(self, unit: Unit) -> bool:
        """Is ``unit`` under a caption about a province's own draws ("4. Ontario made several draws at the
        end of September:" over "b. September 23, 2022, French Speaking Skilled stream ... score of 326")?
        The list runs to the caption's next sibling (the next numbered item, for a numbered caption, at most
        3,000 characters on; else the next unit that is no list item, or a title)."""
        text = self.text
        body = text[unit.start : unit.end]
        if self.province_list is not None:
            numbered = self.province_list
            ends = (
                unit.start - self.province_list_at > 3000
                or (numbered and unit.kind == "item" and _NUMBERED.match(body))
                or (
                    not numbered
                    and (unit.kind != "item" or _TITLE_LINE.fullmatch(text, unit.start, unit.end))
                )
            )
            if not ends:
                return True
            self.province_list = None
        if body.rstrip().endswith(":") and facts_of.province_draw(text, unit.start, unit.end):
            self.province_list = bool(_NUMBERED.match(body))
            self.province_list_at = unit.end
            self.dates.doubts.append(
                f"{body.strip()[:80]!r} heads a province's own draws; the lines under it are not taken"
            )
        return False

    def _named_just_before(self, carry: Mention | None, sentence_start: int) -> bool:
        """Did the sentence just before ``sentence_start`` name ``carry`` by its date, and no other day?"""
        if carry is None or carry.date is None or carry.date.start >= sentence_start:
            return False
        between = self.text[carry.date.end : sentence_start]
        before = self.text[max(0, carry.date.start - 200) : carry.date.start]
        opened = max(before.rfind(". "), before.rfind("\n"))
        return (
            len(re.findall(r"[.!?](?:\s|$)", between)) == 1
            and "\n" not in between
            and not DATE.search(between)
            and not DATE.search(before[opened + 1 :] if opened >= 0 else before)
        )

    def _others_from_here(self, start: int, end: int, why: str) -> None:
        """From ``text[start:end]`` on, the paragraph's undated figures and kinds are no round's."""
        if not self.other_round:
            self.dates.doubts.append(
                f"{self.text[start:end].strip()[:80]!r} {why}; the paragraph's undated figures and kinds from"
                " here are not taken"
            )
        self.other_round = True
        self.give(None, start, end, anchored=0)

    def _other_day_before(self, pos: int) -> bool:
        """Does a sentence of the paragraph open, before ``pos``, on a day other than the article's own
        round's ("On August 1st, IRCC resumed ...")?"""
        lead = self.lead.date.value if self.lead is not None and self.lead.date is not None else None
        if lead is None:
            return False
        for match in DATE.finditer(self.text, self.unit_start, pos):
            opening = self.text[max(self.unit_start, match.start() - 12) : match.start()]
            if (
                not re.search(r"(?:^|[.!?]\s+)(?:On\s+(?:the\s+)?)?$", opening)
                or match.start() == self.unit_start
            ):
                continue  # only a sentence opening on its day names a round of its own
            said = _month_day(match.group("date"))
            if said is not None and said != (lead.month, lead.day):
                return True
        return False

    def _lead_on(self, doubt: Anchor, group: list[Anchor]) -> bool:
        """Does ``group`` ("this draw, held on July 31") give the article's own round, stated but not yet
        named, the year-less day ``doubt``? Then that day is the lead's (and the lead its day's round)."""
        lead = self.lead
        if lead is None or lead.date is not None or lead.number is not None or lead.day_written is not None:
            return False
        said = _month_day(doubt.snippet)
        sentence_start = max(self.text.rfind(c, 0, doubt.start) for c in ".!?\n") + 1
        this_held = _THIS_DRAW_HELD.match(self.text, sentence_start, doubt.start)
        if said is None or not (this_held or any(a.relative == "lead" for a in group)):
            return False
        return self._undated_round(said, doubt.start, doubt.snippet, lead) is lead

    def _doubted(self, anchor: Anchor) -> Mention | None:
        """The round a date in doubt names: the first one (the article's own), or on a page that writes no
        year, the one of that month and day."""
        said = _month_day(anchor.snippet)
        written = self.doubted.day_written if self.doubted is not None else None
        if written is not None and said is not None and written.value == f"{said[0]:02d}-{said[1]:02d}":
            # "... considered in the May 15th draw ... The cut-off of 332 on May 15th": the same day again
            self.doubted_open = True
            return self.doubted
        if self.doubted is not None and not self.yearless:
            self.doubted_open = False
            return None
        self.doubted = self._undated_round(_month_day(anchor.snippet), anchor.start, anchor.snippet)
        self.doubted_open = True
        return self.doubted

    def _date_the_article(self, lead: Mention, dated: Anchor | None) -> None:
        """An article without a date of its own whose round is named with its year ("Today, March 15, Canada
        held the seventh draw of 2023") is of that round's time: later year-less dates are on or before it."""
        if self.dates.published is not None or dated is None or dated.date is None or dated.relative:
            return
        if re.search(r"\d{4}", dated.snippet) or any("named in its clause" in w for w in dated.warnings):
            self.dates.lead_date = dated.date

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
        if id(carry) in self.compared:
            return False  # "The preceding draws were held on July 6th (draw #255) and ...": named in passing
        if facts_of.SUPERLATIVE.search(clause) or dated.date is None:
            return False
        published = self.dates.published
        return published is None or 0 <= (published - dated.date).days <= 7

    # -- attributing a piece of text
    def give_none_saying(self, text: str, start: int, end: int, why: str) -> None:
        """Give the clause to no round; where it states a count or a cut-off, a doubt says ``why``."""
        if facts_of.invitations(text, start, end)[0] or facts_of.crs(text, start, end)[0]:
            self.dates.doubts.append(f"{text[start:end].strip()[:80]!r} {why}; not taken")
        self.give(None, start, end, anchored=0)

    def give(
        self,
        mention: Mention | None,
        start: int,
        end: int,
        *,
        anchored: int,
        itself: bool = False,
        field: bool = False,
    ) -> None:
        self.clause_id += 1
        if mention is None:
            return
        text = self.text
        clause = text[start:end]
        low = clause.lower()
        if may_hold(low, PROVINCIAL_WORDS) and facts_of.PROVINCIAL.search(clause):
            return
        if not anchored and facts_of.province_draw(clause):
            # "The latest OINP Express Entry draw focused on health occupations, with 344 invitations": a
            # province's own draw; its figures and kind are no federal round's.
            mention.warnings.append(f"{clause.strip()[:80]!r} speaks of a province's own draw; not taken")
            line_end = text.find("\n", end)
            self.provincial_rest = (end, len(text) if line_end < 0 else line_end)
            return
        if not anchored and self.provincial_rest[0] <= start < self.provincial_rest[1]:
            # "Quebec announced the results of a January 27 draw ... Cut off mark of 647 points was used":
            # what the paragraph says after a province's draw, naming no round, is that draw's.
            mention.warnings.append(f"{clause.strip()[:80]!r} follows a province's own draw; not taken")
            return
        if not anchored:
            period = other_period(clause, mention.date.value if mention.date else self.dates.published)
            if period is not None:
                # "The most candidates invited in a single month was in February 2021, when IRCC invited
                # 27,332 ... Canadian Experience Class candidates": another time's figures and kind.
                mention.warnings.append(f"{clause.strip()[:80]!r} speaks of {period.strip()!r}; not taken")
                return
        sentence_start = max(text.rfind(c, 0, start + 1) for c in ".!?\n") + 1
        if not anchored and _RECORD_SENTENCE.match(text, sentence_start, end):
            # "The most applicants selected in a round were 1637 and the lowest ... had 450 points": a record
            # over all rounds, not this round's figures.
            mention.warnings.append(f"{text[sentence_start:end].strip()[:80]!r} is a record; not taken")
            return
        count, notes = facts_of.invitations(text, start, end)
        cut, more = facts_of.crs(text, start, end)
        mention.warnings.extend(notes + more)
        taken = 0
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
            if itself or (not anchored and _ROUND_ITSELF.search(clause)):
                mention.itself.add(self.clause_id)
            taken += 1
        if _HABIT.search(clause):
            # "IRCC has been holding CEC draws every two weeks, except ... a surprise draw on May 20": what
            # the department does as a rule, not the kind of the round the clause names.
            if facts_of.kinds(text, start, end):
                mention.warnings.append(f"kind: {clause.strip()[:80]!r} says what is usual; not taken")
        elif anchored or field or (not PLURAL.search(clause) and (taken or _ROUND_ITSELF.search(clause))):
            # A clause that names no round says what kind the round is only while it speaks of the round
            # (states its figures, or says "the draw"): "Since January, only PNP and CEC candidates were
            # invited" explains the year, not this round.
            lead_in = _OTHER_ROUND_LEAD.match(text, start, end)
            # "Before the current draw for STEM profiles, IRCC held the healthcare draw on June 28": the
            # leading phrase speaks of the other round, its kind is not this clause's round's.
            kinds_from = lead_in.end() if lead_in and anchored else start
            # "The huge round held on 13th February aided in reaching this year's goal of 141,000 CEC
            # applications": the programs of a goal are not the round's kind.
            goal = _GOAL.search(text, kinds_from, end)
            named_kinds = facts_of.kinds(text, kinds_from, goal.start() if goal else end)
            if named_kinds and _A_ROUND_TO_COME.search(text, kinds_from, end):
                # "On June 28, 2023, the Minister ... announced that the first STEM round ... will open the
                # week of July 5", "The draw will prioritize ... STEM": the kind of a round to come.
                mention.warnings.append(f"kind: {clause.strip()[:80]!r} speaks of a round to come; not taken")
                named_kinds = []
            mention.kinds.extend((*k, anchored) for k in named_kinds)
            if not anchored and _ALSO.search(clause) and _ROUND_ITSELF.search(clause):
                # "The draw included candidates from the Canadian Experience Class as well": more programs.
                mention.also_programs.update(str(k[1]) for k in named_kinds if k[0] == "program")
        elif facts_of.kinds(text, start, end):
            mention.warnings.append(f"kind: {clause.strip()[:80]!r} does not speak of this round; not taken")
        for match in DATE.finditer(text, start, end) if ":" in clause else ():
            if match.group("time").strip(" ,") and tie_break(text, start, end, match):
                reference = mention.date.value if mention.date else self.dates.reference(match.start())[0]
                parsed = parse_datetime(plain_date(match.group(0)), "tie-break", reference=reference)
                if isinstance(parsed.value, dt.datetime):
                    mention.tie_breaks.append(Found(parsed.value, match.start(), match.end(), match.group(0)))

    def read(self) -> list[Mention]:
        text = self.text
        header: dict[str, int] | None = None
        caption: list[tuple[str, str | None, Fact]] = []
        carry: Mention | None = None
        block = False
        previous_kind = ""
        for index, unit in enumerate(units(text)):
            if unit.kind == "label" and previous_kind != "label":
                self.label_run = self.clause_id + 1
            previous_kind = unit.kind
            if unit.kind == "row":
                header, caption = table_row(self, unit, header, caption)
                continue
            if unit.kind == "link":
                continue  # "Read More: British Columbia Issued 437 Invitations": another article's title
            header = None
            if self._in_province_list(unit):
                continue
            if unit.kind != "item":
                captioning = text[unit.start : unit.end].rstrip().endswith(":")
                self.example_list = captioning and bool(_EXAMPLE.search(text, unit.start, unit.end))
                self.period_list = captioning and bool(_PERIOD_CAPTION.match(text, unit.start, unit.end))
                # "Moreover, the current draw is:" over "254th draw conducted under Express Entry": the list
                # describes the article's own round.
                self.this_list = captioning and bool(THIS_ROUND.search(text, unit.start, unit.end))
            elif self.example_list and not _CITED_ITEM.search(text, unit.start, unit.end):
                # a row of a worked example: "Joe entered his profile on January 1st, 2018 with 444" (not a
                # real round cited under "For example:", by its number or its full date: "- Draw #335
                # (February 5, 2025): CEC, 4,000 invitations, CRS score: 521")
                continue
            if unit.kind == "prose" and self._date_heading(unit):
                carry, block = self.lead, False
                continue
            in_item_section = self.item_section and unit.kind in ("item", "label")
            if (
                unit.kind != "prose" or _TITLE_LINE.fullmatch(text, unit.start, unit.end)
            ) and not in_item_section:
                self.section, self.span_section = None, False  # a title or a list ends the dated section
                self.doubted_open = False  # ... and what is said of the undated round
                self.item_section = False
            if not _RELEVANT.search(text[unit.start : unit.end].lower()):
                # No digit, no date word, no round word, no kind: nothing here names a round or states a fact.
                carry, block, caption = (self.lead if unit.kind == "prose" else carry), False, []
                continue
            if unit.kind in ("prose", "heading"):
                carry = self.section if self.section is not None else self.lead
                block = unit.kind == "heading"
            elif in_item_section and self.section is not None:
                carry = self.section  # "- A smaller draw of 400 ITAs ..." under its dated caption item
            elif unit.kind == "foot":
                for a, b in sentences(text, unit.start, unit.end):
                    for clause in clauses(self.text, self.dates, a, b, unit):
                        self._clause(clause, unit, None, detached=True)
                continue
            kept = carry
            bulleted = unit.kind == "label" and bool(_BULLET_LABEL.match(text[unit.start : unit.end]))
            under_item = self.item_round if bulleted else None
            if not bulleted:
                self.item_round = None
            if under_item is not None:
                # "2. February 16 – Agriculture occupations" over "• Invitations: 150" and "• Minimum CRS
                # Score: 437": the bulleted fields under a dated list item are that item's round's.
                carry = under_item
            others: list[Mention] = []
            waiting = len(self.pending)
            self.two_named = self.other_round = self.previous_open = False
            self.unit_start = unit.start
            self.unit_named = None
            for a, b in sentences(text, unit.start, unit.end):
                self.sentence_named = []
                unnamed = self.lead if self.placeholder else None
                for clause in clauses(self.text, self.dates, a, b, unit):
                    before = carry
                    carry = self._clause(
                        clause, unit, carry, block=block or unit.kind == "label", others=others
                    )
                    if carry is not before and clause[3]:
                        self.unit_named = carry  # the round this paragraph named last
                if self.sentence_named:
                    self.two_named = len({id(m) for m in self.sentence_named}) > 1
                if (
                    self.two_named
                    and unnamed is not None
                    and self.lead is not unnamed
                    and _CONTRAST.search(text, a, b)
                ):
                    # "It was the fifth draw this year (699 at 791). On February 1 the draw was for PNP
                    # candidates, while the February 2 draw was for FSW": two rounds set side by side are
                    # other rounds, neither the one the article stated first without naming it.
                    self.lead, self.placeholder = unnamed, True
                    self.dates.doubts.append(
                        f"{text[a:b].strip()[:80]!r} sets two rounds side by side; neither is taken for"
                        " the round the article stated first without naming it"
                    )
            self.two_named = False
            captioned = self.item_round or self.unit_named
            if unit.kind == "item" and captioned and _DATED_CAPTION.fullmatch(text, unit.start, unit.end):
                # "- November 13, 2024 – Canadian Experience Class (CEC):" over the lines and items that state
                # that round's figures: the item heads a section, as a date line does.
                self.section, self.span_section, self.item_section = captioned, False, True
            if under_item is not None:
                carry = kept
            sentence = re.search(r"[.!?]\s*$", text[unit.start : unit.end]) and unit.end - unit.start > 60
            if (
                self.lead is None
                and (index > 0 or unit.end - unit.start > 150)
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

    def _called_previous(self, mention: Mention) -> bool:
        """Was ``mention`` named as the previous round ("the previous draw on July 6", "the last draw,
        held on")? Only then does "the previous round" later speak of it."""
        named = [f for f in (mention.date, mention.number) if f is not None]
        return any(
            _CALLED_PREVIOUS.search(self.text, max(0, f.start - 60), f.start) is not None for f in named
        )

    def _cited(self, group: list[Anchor], sentence_start: int, end: int) -> bool:
        """Does an example sentence cite a real round, by its number or its full date ("For example, draw
        no. 133 was held on 19th December 2019"), rather than work a hypothetical case ("if your score")?"""
        sentence = self.text[sentence_start:end]
        if _HYPOTHETICAL.search(sentence):
            return False
        if any(a.number or (a.date is not None and re.search(r"\d{4}", a.snippet)) for a in group):
            # "For example, in the last selection for professionals with Canadian experience, which was
            # September 14, 2021, the minimum score was 462"
            return _ROUND_WORD.search(sentence) is not None or "selection" in sentence.lower()
        # "For example, on November 24, Canada invited 613 Express Entry hopefuls": a day and what was done
        dated = any(a.date is not None and a.relative is None for a in group)
        return dated and _PAST_INVITING.search(sentence) is not None

    def _box_date(self, heading: Mention, dated: Mention, unit: Unit) -> None:
        """A box of labelled lines ("Total Number of Invitations:667 / Minimum CRS score required:748 /
        Date of Draw:1st March 2023") under a round named for another day: the box's figures are the
        round its own date label names, not the heading's."""
        if heading.date is None or dated.date is None or heading.date.value == dated.date.value:
            return
        if not _FIELD_LABEL.match(self.text[unit.start : unit.end]):
            return
        moved = [f for f in heading.facts if f[1] >= self.label_run]
        if not moved:
            return
        heading.facts = [f for f in heading.facts if f[1] < self.label_run]
        dated.facts.extend(moved)
        heading.warnings.append(
            f"{', '.join(repr(f.snippet) for f, _, _ in moved)}: the box's date line names"
            f" {dated.date.snippet!r}; given to that round, not this one"
        )

    def _date_heading(self, unit: Unit) -> bool:
        """Is this line only a date ("August 2nd") or a span of days ("July 11-12")? It heads a section."""
        match = _DATE_LINE.fullmatch(self.text, unit.start, unit.end)
        if match is None or re.search(r"\d{4}", match.group(0)):
            return False  # a full date alone on its line is a byline (the article's date), not a section's
        self.section, self.span_section = None, bool(match.group("span"))
        if self.span_section:
            return True
        day, warnings = self.dates.parse(match.group("date"), match.start("date"))
        if day is None:
            self.span_section = True  # a day whose year is in doubt: what follows is no round's we can tell
            return True
        same = self.by_date.get(day, [])
        mention = same[0] if len(same) == 1 else None
        if mention is None:
            mention = self.new_mention(unit.start)
            anchor = Anchor(
                match.start("date"), match.end("date"), match.group("date"), date=day, warnings=warnings
            )
            self.date_mention(mention, anchor)
        self.section = mention
        return True

    def _states_facts(self, since: int) -> bool:
        for start, end, _ in self.pending[since:]:
            found = facts_of.invitations(self.text, start, end)[0] + facts_of.crs(self.text, start, end)[0]
            # "The two draws combined resulted in 2,521 invitations": several rounds' figures are no round's.
            if any(not facts_of.after_plural(self.text, start, f.start) for f in found):
                return True
        return False

    def _caption(self, unit: Unit) -> list[tuple[str, str | None, Fact]]:
        line = self.text[unit.start : unit.end].rstrip()
        if line.endswith(":") or len(line) < 70:
            return [k for k in facts_of.kinds(self.text, unit.start, unit.end) if k[0] == "category"]
        return []

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
        glued, self.glued = self.glued, None
        if (
            len(group) == 1
            and _DAY_AFTER.fullmatch(group[0].snippet)
            and group[0].start == sentence_start == start
            and not comparison
            and unit.kind == "prose"
            and carry is not None
            and carry.date is not None
            and carry.number is None
            and _HOLDS_A_ROUND.search(text, start, end)
        ):
            # "On October 24, IRCC issued 1,548 ITAs ... The following day, the Government invited 300
            # Francophone candidates": the day after the round the sentence before dated.
            after = group[0]
            day = carry.date.value + dt.timedelta(days=1)
            group = [Anchor(after.start, after.end, after.snippet, date=day, relative="day-after")]
            clause = (start, end, comparison, group, sentence_start)
        if (
            not comparison
            and not group
            and _FROM_THE_END.search(text, start, end)
            and _NAMED_BEFORE.match(text, end)
        ):
            # "... issued 27,332 invitations from the | earlier draw on Saturday, February 13": the figure is
            # the round named next, cut apart from it by the comparison; never the paragraph's round.
            self.give(None, start, end, anchored=0)
            self.glued = (start, end)
            return carry
        if _EXAMPLE.match(text, sentence_start) and not self._cited(group, sentence_start, end):
            # "For example, if your score is 448 and they select anyone with 444 or above, ...": a worked
            # example names no round and states no round's figures.
            self.give(None, start, end, anchored=0)
            return carry
        if not group and unit.kind == "item" and self.period_list:
            self.give(None, start, end, anchored=0)  # "- Where no program was specified: Lowest – 481"
            return carry
        if (
            unit.kind == "prose"
            and not group
            and not comparison
            and _OTHER_ROUNDS_DATED.search(text, start, end)
            # their days in the clause, or just after it ("... a PNP draw on | December 2 and ...")
            and DATE.search(text, start, min(len(text), end + 30))
        ):
            # "The December draw follows two other rounds earlier in the month: a PNP draw on December 2 and
            # a French-language draw on December 3. The French language draw invited 800": once the
            # paragraph names other rounds together, what follows without a date may be any of them.
            self._others_from_here(start, end, "names other rounds together")
            return carry
        leads = bool(group) and all(a.relative == "lead" for a in group)
        # "this draw", "earlier that week"; on a page that writes no year, "On December 8" still names its day
        undated = all(a.relative in ("lead", "unknown") and not a.doubt for a in group)
        other = (
            self.other_round
            or bool(_UNDATED_OTHER_ROUND.search(text, start, end))
            or (
                may_hold(text[start:end].lower(), _SEPARATE_WORDS)
                and bool(_SEPARATE_ROUND.search(text, start, end))
            )
            or (start == sentence_start and bool(_OTHER_DAY_OPENS.match(text, start, end)))
        )
        if (
            unit.kind == "prose"
            and leads
            and not comparison
            and other
            and self._named_just_before(carry, sentence_start)
        ):
            # "Last week, IRCC held two Express Entry draws. On February 28, 2024, Canada ... issued 1,470
            # ITAs. The minimum score for this round was 534 points.": "this round" is the one round the
            # sentence before it named by its date, though the paragraph names others.
            group = []
            other = False
        if unit.kind == "prose" and undated and not comparison and other:
            # "Earlier in the week, IRCC conducted another draw for transport occupations. In this
            # category-based draw, 975 were invited": once the paragraph speaks of another round it
            # names by no date, what follows without a date may be that round's; no round's.
            self._others_from_here(start, end, "speaks of another round it does not date")
            return carry
        if unit.kind == "prose" and self.previous_open and not group and not comparison:
            # "In the previous PNP draw, Canada invited 627 candidates. The score requirement was 760.":
            # the sentence after one about an undated earlier round, naming none, may still be about it.
            why = "follows a sentence about an earlier round it does not date and names no round"
            self.give_none_saying(text, start, end, why)
            return carry
        if group and not comparison:
            self.previous_open = False
        today = any(a.snippet.lower().startswith("today") for a in group)  # "today's draw" is the article's
        if (
            leads
            and not today
            and unit.kind == "prose"
            and others
            and carry is self.lead
            and self.lead is not None
        ):
            # "Prior to this week's draw, on February 1, Canada held another draw. In this draw, 7000 were
            # invited": once the paragraph names another round, "this draw" may be either; no round's.
            self.give(None, start, end, anchored=0)
            return carry
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
                row=unit.kind == "item" and bool(ROW_DATE.match(text[unit.start : unit.end])),
            )
            relative = all(a.relative is not None for a in group)
            itself = all(a.relative == "lead" for a in group)  # "this draw", "today's round"
            tail = None if mention is None else other_round_tail(text, group[-1].end, end, mention.date)
            if mention is not None and tail is not None:
                # "The last CEC draw was on September 14th, and the latest all-program draw was held in
                # December 2020": the clause goes on about another round, of another period.
                mention.warnings.append(
                    f"{text[tail:end].strip()[:80]!r} speaks of another period's round; not taken"
                )
                self.give(mention, start, tail, anchored=1 if relative else 2, itself=itself)
                self.give(None, tail, end, anchored=0)
            else:
                self.give(mention, start, end, anchored=1 if relative else 2, itself=itself)
            if (
                glued is not None
                and glued[1] == start
                and comparison
                and mention is not None
                and mention is not self.lead
                and _NAMED_BEFORE.match(text, start, end)
            ):
                # "... above the minimum score of 459 in the | previous invitation round on July 24": the
                # figure and the round it is "in" were cut apart; the figure is that round's.
                self.give(mention, glued[0], glued[1], anchored=0)
            if mention is None:
                return carry
            if unit.kind == "label" and carry is not None and mention is not carry:
                self._box_date(carry, mention, unit)
            if not comparison:
                self.sentence_named.append(mention)
            undated = mention in self.undated.values()
            if others is not None and mention is not self.lead and not undated and mention not in others:
                others.append(mention)
            dated_row = ROW_DATE.match(text[unit.start : unit.end]) and group[0].start - unit.start < 40
            if dated_row and not comparison:
                # "February 15th, 2023 – The draw was for ... The total ... was 699": a list row that starts
                # with its round's date speaks of that round to its end; its figures never leave it.
                return mention
            if unit.kind == "item" and not block and mention is not self.lead and carry is not None:
                heads = mention.number is not None and text[unit.start : unit.end].rstrip().endswith(":")
                if (mention.date is not None or heads) and not comparison:
                    # ... or "• Draw #311:" over "• Date: August 26, 2024", "• ITAs Issued: 1,121"
                    self.item_round = mention
                return carry
            named = carry is not None and (carry.date is not None or carry.number is not None)
            if (
                comparison
                and mention is not self.lead
                and (named or unit.kind == "item" or id(mention) in self.compared)
            ):
                # "... compared to the previous draw on July 24. The CRS score of the lowest-ranked candidate
                # was 466": what follows a comparison is still the paragraph's round, not the one compared;
                # and the list items after one comparing with another round are never that round's; nor is
                # what follows a round named only in a comparison ("a decrease of 7 points from the January
                # 7th, 2021 CEC Draw. 4626 candidates were invited to apply in this draw").
                return carry
            return mention
        if detached:
            return carry
        if _THAT_ROUND.search(text, start, end):
            if (
                unit.kind == "prose"
                and carry is not None
                and carry.date is not None
                and self._named_just_before(carry, sentence_start)
                and HELD_A_ROUND.search(text, text.rfind("\n", 0, carry.date.start) + 1, sentence_start)
            ):
                # "On February 13, 2021, IRCC held the largest Express Entry draw ever. In that draw, 27,332
                # CEC candidates received ITAs": the round the sentence before held on its day
                self.give(carry, start, end, anchored=1, itself=True)
                return carry
            # "... since the draws resumed on July 6. The score for that draw was 557": "that draw" is one
            # named before, in passing, not the round the paragraph speaks of.
            self.give(None, start, end, anchored=0)
            return carry
        if comparison:
            if unit.kind == "prose" and _PREVIOUS_OPENS.match(text, sentence_start, end):
                self.previous_open = True
            lead_in = text[max(sentence_start, start - 12) : start]
            previous = re.match(r"(?:previous|preceding)\b", text[start:end], re.I)
            only = others[-1] if others and len(others) == 1 else None
            if only is not None and not self._called_previous(only):
                # "the largest since ... 1,047 PNP candidates on March 2. In the previous Express Entry draw,
                # IRCC invited 589": a round named as a bound is not thereby the previous one.
                only = None
            if only is not None and previous and re.search(r"(?:^|\s)(?:[Ii]n\s+)?[Tt]he\s+$", lead_in):
                # "... the previous draw on July 6 ... The previous round had sent 1,500 invitations."
                self.give(only, start, end, anchored=0)
            else:
                self.give(None, start, end, anchored=0)
                if re.search(r"\b(?:in|of)\s+the\s*$", text[start:end], re.I):
                    self.glued = (start, end)
            return carry
        if self.lead is None and self.lead_doubt:
            # The round this speaks of has a date in doubt: its facts are that undated round's (to a heading).
            self.give(self.doubted if self.doubted_open else None, start, end, anchored=0)
            return carry
        if self.span_section and unit.kind == "prose" and (carry is None or carry is not self.unit_named):
            self.give(None, start, end, anchored=0)  # under "July 11-12": which of the days is not said
            return carry
        if self.two_named:
            # "#240 ... focused on the FSW program, and the #239th draw was for PNP candidates. The
            # candidate should have a minimum CRS score of 489": after a sentence naming two rounds, which
            # one a sentence naming none speaks of is not said.
            self.give_none_saying(text, start, end, "follows a sentence naming two rounds and names neither")
            return carry
        if (carry is None and self.lead is None) or (self.placeholder and carry is self.lead):
            self.pending.append((start, end, self.clause_id))
            self.clause_id += 1
            return carry
        # "Program Specified: Provincial Nominee Program" in a round's box of fields: the kind is its round's.
        field = unit.kind == "label" and bool(_KIND_FIELD.match(text[unit.start : unit.end]))
        self.give(carry if carry is not None else self.lead, start, end, anchored=0, field=field)
        return carry
