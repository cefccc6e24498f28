"""Anchors: where a clause names a round: by number, by date, relatively or as "this draw" (pure)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from scraper.parsing import article_facts as facts_of
from scraper.parsing.article_dates import (
    DATE,
    DRAW_WORDS,
    MONTH,
    RELATIVE_YEAR,
    STOCK_FIGURE_AFTER,
    YEAR_IN_CLAUSE,
    Dates,
    box_date,
    is_publication,
    plain_date,
    tie_break,
    years_back,
)
from scraper.parsing.article_units import Unit
from scraper.parsing.dates import parse_datetime

PLURAL = re.compile(r"\b(?:draws|rounds|ones|selections)\b", re.I)
#: "In a statement on Tuesday sent in a government news release, IRCC announced ...": the statement's day.
_STATEMENT = (
    r"\b(?:statement|(?:news|press|media)\s+release|press\s+conference|speech|interview|tweet)"
    r"(?:\s+(?:was\s+)?(?:made|issued|sent|published|released|given))?(?:\s+on)?"
)
_STATEMENT_BEFORE = re.compile(
    _STATEMENT + r"\s*$"
    # "..., said François-Philippe Champagne, Minister of Innovation, Science and Industry on Thursday", "Sean
    # Fraser ... tweeted on Wednesday": the day of the words, not of a round
    r"|\b(?:said|says|told|tweeted|wrote|posted|announced|added|noted|stated)\b"
    r"(?:(?!\b(?:draws?|rounds?|invit\w*|ITAs?|held|issued)\b)[^.;:\d]){0,80}?\s$",
    re.I,
)
NOT_A_ROUND = re.compile(
    # ("because May 20": a spun page's "since May 20")
    r"(?:\bsince(?:\s+the)?|\bbecause|\bbetween|(?<!delayed\s)(?<!postponed\s)\buntil|\bexpected\s+(?:on|for)|\b(?<!draw\s)(?<!round\s)announced(?:\s+on)?"
    r"|\bsaid(?:\s+on)?|\beffect(?:ive)?(?:\s+on|\s+from)?|\blaunch\w*(?:\s+on)?|\bopened(?:\s+on)?"
    r"|\bbegan(?:\s+on)?|\bstarted(?:\s+on)?|\bending(?:\s+on)?|\bafter|\bbefore|(?<!yesterday\s)(?<!today\s)\bby|\bfrom|\bto|\band|\bpaused(?:\s+on)?"
    r"|\bintroduced(?:\s+on)?|\bimplemented(?:\s+on)?|\bin(?:to)?\s+force(?:\s+on)?|\bas\s+of|\bdate:"
    r"|\b(?:launch\w*|introduc\w*|implemented|began|started|opened|created|establish\w*)(?:\s+on)?\s+the"
    r"|\b(?:post|article|blog|newsletter|piece)\s+(?:of|dated|from)|\bdated"
    # "— IRCC (@CitImmCanada) May 1, 2023": an embedded post's date
    r"|\(@\w+\)"
    # "According to the newest data per May 17th": the day of the pool's figures
    r"|\b(?:data|figures|statistics|numbers|stats)\s+(?:per|as\s+at|dated|on|from)"
    # "as evident from a document released on 8th June this year": the document's day
    r"|\b(?:document|memo|memorandum|report|letter|notice|briefing)\s+(?:was\s+)?(?:released|published|issued"
    r"|sent|obtained|prepared|dated)(?:\s+on)?"
    # "profiles published on July 2", "Since the update on July 2", "the number of profiles in the pool was
    # July 17th": the day of a pool update, no round's
    r"|\b(?:updated?|published)(?:\s+on)?|\bpool\s+(?:was|were|is|are|stood|on)"
    # "The pool had 250,000 candidates on February 27": the pool's count that day
    r"|\bpool\s+(?:had|held|contained|counted)\b[^.;!?]{0,40}?\b(?:on|at)"
    # "whose FRA expires on June 30, 2021", "the deadline of May 1": a deadline, not a round
    r"|\bexpir(?:es|ed|e|y|ing)(?:\s+on)?|\bdeadline(?:\s+(?:of|is|was))?"
    # "the duration that begins on December 22nd 2016 and ends on December 23rd 2016": a period's bounds
    r"|\b(?:begins|ends|ended|commences)(?:\s+on)?"
    # "Starting June 6, 2017, additional CRS points will be awarded": a change's first day
    r"|\b(?:starting|beginning|commencing)(?:\s+(?:on|from))?"
    # "The first STEM round ... opens the week of July 5": a week, not a round's day
    r"|\bweek\s+of"
    # "Lowest Cut-off Score so far (June 2, 2016): 450": the day a record stood, no round's
    r"|\b(?:so\s+far|to\s+date|as\s+of|thus\s+far)\s*\("
    # "Results of the draw were released today, January 8, 2021": the day of the news, not of a round
    r"|\b(?:released|published|posted|made\s+public|announced)\s+today(?:\s+on)?\s*,?"
    # "an announcement was made by IRCC on September 18, 2023, that a ... draw ... will be made": its day
    r"|\bannouncement\s+(?:was\s+)?(?:made|issued|published)(?:\s+by\s+(?:the\s+)?[\w.]+(?:\s+[\w.]+){0,3}?)?"
    r"(?:\s+on)?"
    # "In a release sent on September 18, IRCC confirmed that later this week it will ...": the release's day
    r"|\brelease\s+(?:was\s+)?(?:sent|issued|published|put\s+out)(?:\s+out)?(?:\s+on)?"
    # a candidate's timeline, "AOR: March 20, 2020", "PPR 2 Aug 2020", "Medicals done on May 2": no round
    r"|\b(?:AOR|PPR|e?COPR|BIL|BGC|GCMS|PCC|ECA|PR\s+card|landed|landing|medicals?|biometrics"
    r"|passport\s+request|(?:application|profile|e-?APR)\s+(?:submitted|created|filed))"
    r"(?:\s+(?:done|received|given|requested|on))?\s*[:-]?|" + _STATEMENT + r")\s*$",
    re.I,
)
_PLANNED = re.compile(
    # "a planned category-based selection ... to invite 1,500 healthcare workers on July 5"
    # "Draw for Transport Occupations expected the week of September 18th, 2023" (not "as expected")
    r"\b(?:will|would|shall|planned|is\s+(?:expected|set|scheduled|planned)\s+to|are\s+(?:expected|set|scheduled)\s+to"
    # "The CEC draw, which was supposed to take place on September 2, did not happen"
    r"|(?:was|were)\s+(?:supposed|meant|due|scheduled|expected)\s+to"
    # "The anticipated Express Entry draw on March 15, 2017 was delayed until March 24, 2017"
    r"|anticipated\s+(?:[\w-]+\s+){0,3}?(?:draw|round)\s+(?:on|for|of)(?=\s*$)"
    r"|(?:draw|round)\s+(?:was\s+)?anticipated\s+(?:on|for)(?=\s*$)"
    r"|(?<!as\s)expected\s+(?:the\s+week\s+of|on|by|later|this|next|in\s+the\s+week|that|date)"
    # "Another draw is organized for July 5th, inviting an additional 1,500": a draw set for a day to come
    r"|(?:organi[sz]ed|planned|scheduled|slated)\s+for"
    # "it is expected that in the same week as 5 July, another draw will be conducted": a week, and a plan
    r"|(?:in\s+)?the\s+same\s+week\s+as"
    # ("If you saw the CEC draw on February 13, 2021 then you know ...": a round the reader saw, no condition)
    r"|plans?\s+to|upcoming|if(?!\s+you\s+(?:saw|followed|missed|watched|caught|remember|heard\s+(?:of|about))\b)"
    r"|predict\w*|forecast\w*|next\s+(?:[\w-]+\s+){0,3}(?:draw|round)"
    r"(?!\s+(?:took\s+place|was\s+(?:held|conducted)|came|happened|occurred)\b))\b",
    re.I,
)
#: "the announcement of the first-ever Express Entry invitations for 500 healthcare professionals on June 27":
#: the announcement's day, and its figures no round's (not "the announcement of the draw held on ...").
_ANNOUNCEMENT_OF = re.compile(
    r"\bannouncement\s+of\b(?:(?!held|conducted|took\s+place)[^.;:]){0,90}?\s(?:on|in)\s*$", re.I
)
#: "The results of this draw were released a day after the draw took place which was 8th January 2021": the
#: day the results came out.
_RELEASED_BEFORE = re.compile(
    r"\b(?:results|draw|invitations|ITAs)\b[^.;!?]{0,30}?\b(?:were|was)\s+(?:released|published|made\s+public)\b"
    r"[^.;!?\d]{0,70}$",
    re.I,
)
#: A day said to be expected: "28th of December, 2022 was expected to be the upcoming draw date".
_PLANNED_AFTER = re.compile(
    r"\W{0,3}(?:was|is|were|had\s+been)\s+(?:expected|supposed|scheduled|planned|due|predicted|forecast)\s+to\b",
    re.I,
)
#: A day that names a document: "according to the Jan. 22 report prepared by the department".
_DOCUMENT_AFTER = re.compile(
    # ("November 24, 2021 IRCC memo already revealed ...")
    r",?\s+(?:(?:IRCC|internal|government|department|ministry)(?:['’]s)?\s+){0,2}"
    r"(?:report|memo|memorandum|letter|e-?mail|press\s+release|news\s+release|briefing|notice"
    r"|document)\b",
    re.I,
)
#: A line opening on a list marker "#1" and a heading: "#1 Largest Draw Size: IRCC maintains ..." (not "#28
#: Express Entry draw").
_LIST_MARKER = re.compile(
    r"\s*#\d{1,2}\s+(?!(?:Express|EE|CRS|[Dd]raws?|[Rr]ounds?)\b)[A-Z][a-z]"
    r"|[ \t]*#\d{1,2}[ \t]*(?:\n|$)"  # "#3" alone on its line, under "Express Entry draw Chart"
)
#: A profile's day, the tie-break: "1,500 people ... who registered in Express Entry no earlier than November
#: 13, 2021", "candidates had until 10:15 a.m. UTC on February 17 to submit their profile".
_PROFILE_DAY_BEFORE = re.compile(
    r"\bno\s+(?:earlier|later)\s+than\s+$"
    r"|\b(?:registered|submitted|created|entered|made)\b[^.;!?]{0,60}?\b(?:before|by|prior\s+to|on\s+or\s+before)\s+$"
    r"|\b(?:had|have|has)\s+until\b(?:[ap]\.m\.|[^.;!?]){0,40}$",
    re.I,
)
#: Another ordinal joined to one: "the 63rd and 64th" names two rounds without saying which is which.
_ORDINAL_AFTER = re.compile(r"\s*(?:and|&|or|,)\s*(?:the\s+)?\d{1,4}(?:st|nd|rd|th)\b", re.I)
#: After a bound's date, the clause going on about its own round: ", inviting 250 candidates".
_GOES_ON = re.compile(r",?\s*(?:inviting|issuing|sending|selecting)\b", re.I)
_BOUND = re.compile(r"\b(?:since|(?<!delayed\s)(?<!postponed\s)until)\s+$", re.I)
#: A bound named by what happened that day: "Since the resume of all-program drawings on July 6, 5,250
#: candidates have obtained ITAs" (a running total since then, no round's figures); not "since the last
#: general draw on February 28", a round named.
_SINCE_EVENT = re.compile(
    r"\bsince\s+the\s+(?!(?:last|previous|latest|prior|most|preceding)\b)"
    r"(?:(?!(?:draw|round|one)s?\b)[\w'’-]+\s+){1,5}?(?:on|in)\s+$",
    re.I,
)
#: "In June's first draw, following the recent draw on May 24, 4,800 were invited": the date is another
#: round's, named in passing; what the sentence goes on to say is not that round's (unless a relative clause
#: speaks of it: "following the draw on January 10 which invited 1,510").
_FOLLOWING = re.compile(
    r"\bfollowing\s+(?:the|a|an|their|its)\s+(?:[\w-]+\s+){0,3}(?:draw|round)\s+\(?(?:held\s+)?(?:on|of)\s+$",
    re.I,
)
#: A date followed by a change to the system, not a round: "on November 16, 2022, IRCC switched every
#: program to the new NOC codes", "on May 31, 2023, the department introduced categories", "On November 19,
#: 2016, IRCC made major changes to the way points are awarded".
_CHANGE_AFTER = re.compile(
    r"\W{0,3}(?:(?:IRCC|the\s+department|the\s+government|Canada|Ottawa|the\s+minister)\s+)?(?:\w+\s+){0,2}?"
    r"(?:switched|moved|changed|transitioned|amended|replaced|implemented|unveiled|introduced|launched"
    r"|stopped|paused|halted|suspended|made\s+(?:\w+\s+){0,2}?changes)\b"
    # "today’s 17th April 2024, and still no sign of a draw": a day without a round
    r"|\W{0,3}(?:and\s+)?(?:still\s+)?no\s+(?:sign\s+of\s+(?:a|any)\s+)?(?:new\s+)?(?:draws?|rounds?)\b"
    # "On June 23, 2022, the bill was officially passed and received royal assent": a law's day
    r"|\W{0,3}(?:the\s+)?(?:bill|act|law|legislation|regulations?)\b"
    # "on September 14 the number of ITAs issued in 2021 surpassed ...": a milestone's day
    r"|\W{0,3}the\s+(?:number|total|count|tally)\s+of\b[^.;]{0,60}?\b(?:surpassed|passed|reached|exceeded"
    r"|crossed|topped|hit)\b",
    re.I,
)
#: "IRCC resumed Express Entry draws on July 6th, inviting 1,500": the day names the first round resumed.
_RESUMED = re.compile(r"\bresum(?:ed|es|ing)\s+(?:its\s+|the\s+)?(?:[\w-]+\s+){0,3}$", re.I)
#: "the first selection draw", "the first invitations" (not "the first draw since / of 2019 / in May").
_FIRST_ROUND = re.compile(
    r"\bfirst\s+(?:selection\s+|invitation\s+)?(?:draw|round|invitations)\b"
    r"(?!\s+(?:since|after|of|in|for|under|this|that|to|from|following|held\s+(?:in|after|since))\b)",
    re.I,
)
#: The start of Express Entry itself, just before: "Since the launch of ... Express Entry system in January,
#: 2015 there have been 137 selection draws.", "When Express Entry was initially implemented,".
_SYSTEM_START_BEFORE = re.compile(
    r"(?:\b(?:launch|inception|introduction|implementation|start|beginning)\s+of\s+(?:[\w'’,-]+\s+){0,6}?"
    r"Express\s+Entry(?:\s+system)?\b(?!\s+(?:draws?|rounds?|categor))"
    r"|\bExpress\s+Entry(?:\s+system)?\s+(?:was\s+)?(?:initially\s+|first\s+)?"
    r"(?:launched|implemented|introduced|began|started|opened))[^.!?]*[.!?]?[^.!?]*$",
    re.I,
)
#: "... invited 500 healthcare workers through the newly introduced category-based selection draws": the
#: kind of draw a round was held under, not several rounds.
#: ("under its Express Entry (EE) healthcare category-based selection draws": an acronym in brackets too.)
_MECHANISM = re.compile(r"\b(?:through|under|via)\s+(?:the\s+|its\s+)?(?:[\w()-]+\s+){0,6}$", re.I)
#: "One of 2018's first draws": a plural that names one round.
_HELD_ON = re.compile(r"\s+(?:conducted|held)\s+on\s+(?=\S)", re.I)
_ONE_OF = re.compile(r"\bone\s+of\s+(?:\S+\s+){0,3}$", re.I)
#: "On December 2, 2024, the Government of Canada launched its first Express Entry lottery with 676 ITAs":
#: a round launched, not a change to the system.
_LAUNCHED_A_ROUND = re.compile(
    r"[^.;]{0,60}?\blaunched\s+(?:its|the|a|another)\s+(?:[\w-]+\s+){0,4}?(?:draw|round|lottery)\b(?!s)", re.I
)
#: A number of something other than a round: "post # 15", "episode #3", "part 2".
_NOT_A_DRAW_BEFORE = re.compile(
    r"\b(?:post|article|episode|part|page|issue|video|chapter|step|tip|question|item|rank(?:ed)?|around)\s*$",
    re.I,
)
_BEFORE_TODAY = re.compile(r"\b(?:prior\s+to|before|until|till|up\s+to)\s+$", re.I)
_NEXT_DATE_FIELD = re.compile(r"drawNextDate\W{0,6}$", re.I)
#: "On February 8, IRCC announced that ...", "On September 27, in an announcement made by the minister":
#: the day of an announcement ...
_ANNOUNCED_AFTER = re.compile(
    r"\W{0,3}(?:(?:IRCC|the\s+department|the\s+government|Canada|the\s+minister)\s+)?(?:\w+\s+){0,2}?"
    r"(?:announced|confirmed|(?:in|with)\s+an\s+announcement|made\s+an\s+announcement)\b"
    # "On September 18, it confirmed it would be resuming Express Entry draws this week"
    r"|\W{0,3}it\s+(?:announced|confirmed)\b",
    re.I,
)
#: ... unless its sentence states a round's figures ("IRCC announced that it invited 500 candidates").
_FIGURES = re.compile(
    r"\d[\d,]*\s+(?:[\w()-]+\s+){0,3}(?:candidates|invitations|ITAs|applicants|people|points)\b"
    r"|\bCRS\b|\bcut-?off\b|\bscores?\s+of\b",
    re.I,
)


def _announcement_only(text: str, pos: int, end: int) -> bool:
    """Is the date ending at ``pos`` the day something was announced, with no round's figures in its
    sentence?"""
    if not _ANNOUNCED_AFTER.match(text, pos, end):
        return False
    stops = [i for i in (text.find(c, pos, end) for c in ".!?\n") if i >= 0]
    return not _FIGURES.search(text, pos, min(stops) if stops else end)


#: A date that opens a period: "January 1st, 2024 to June 30th, 2024 saw a total of ...", "1 May - 31 July".
_PERIOD_TO = re.compile(
    r"\s*(?:to|through|thru|till|until|up\s+to|[-–—])\s+(?:the\s+)?(?=" + DATE.pattern + ")", re.I
)
#: The second day of a range after a month and day: "January 9 – 15, 2023" (never "January 9 - 5,500").
#: (not "on May 3 - 5 candidates ...", but "October 23 – 29 2023")
_DAY_RANGE = re.compile(r"\s*[-–—]\s*\d{1,2}(?:st|nd|rd|th)?\b(?!,?\d)(?!\s+(?:[a-z]|(?!(?:19|20)\d\d\b)\d))")
#: A date whose clause goes on to say the system changed: "On January 1, 2015 Canada's program was
#: transformed with the introduction of Express Entry".
_CHANGE_LATER = re.compile(
    r"[^.;!?\n]{0,80}?\b(?:(?:was|were)\s+(?:transformed|overhauled|reformed|introduced|launched|created)"
    r"|with\s+the\s+(?:introduction|launch|creation|arrival)\s+of"
    # "On November 19, 2016, the points awarded for a job offer will change": a change to come, no round
    r"|will\s+(?:change|be\s+changed|take\s+effect|come\s+into\s+(?:force|effect))"
    # "On June 28th, 2023, the minister announced that healthcare occupations will be the first targeted"
    r"|announced\s+that\b[^.;!?\n]{0,80}?\bwill)\b",
    re.I,
)
#: A round named by its rank in a year: "the 13th draw of 2021", "the 6th Express Entry draw of the year".
_YEAR_RANK = re.compile(
    r"\b\d{1,2}(?:st|nd|rd|th)\s+(?:[\w-]+\s+){0,3}?(?:draw|round)\s+(?:of|in)\s+(?:(?:19|20)\d\d|the\s+year"
    r"|this\s+year)\b",
    re.I,
)
#: A step of a candidate's own timeline after its date: "January 8, 2024: Submitted documents", "May 7:
#: Medical request", "July 15, 2024: eCoPR" (the invitation's day, "December 8, 2023: Selected", is a
#: round's).
_TIMELINE_STEP_AFTER = re.compile(
    r"\s*[:–—-]\s*(?:(?:received|got|the|my|our|a|an)\s+)?(?:submitted|submission|medicals?|biometrics?|AOR"
    r"|PPR|e?COPR|P[12]\b|passport|background|eligibility|landing|landed|PR\s+card|request\s+for"
    r"|(?:application|documents|profile)\s+(?:submitted|sent|filed|created))",
    re.I,
)
#: A figure of 100,000 or more before a date is a stock or a tally (no round has invited so many): "444,792
#: candidates ..., in comparison to 394,664 on June 1" (after it: ``STOCK_FIGURE_AFTER``).
_STOCK_BEFORE = re.compile(
    r"(?<![\d,.])(?:\d{1,3},)?\d{3},\d{3}\s+(?:[a-z]+\s+){0,3}?(?:on|as\s+of|at\s+the\s+time\s+of)\s+$", re.I
)
#: A date after the introduction of a rule, not a round: "since the introduction of six new occupational
#: categories on May 31, 2023", "with the launch of category-based selection on May 31".
_EVENT_BEFORE = re.compile(
    r"\b(?:introduction|launch|creation|implementation|announcement|unveiling|arrival|rollout|adoption)"
    r"\s+of\s+(?:[\w()'’-]+\s+){0,5}?(?:categor(?:y|ies)|(?:category-based\s+)?selection|system|Express\s+Entry"
    r"|NOC(?:\s+(?:codes?|2021|system))?|rules?|criteria|changes?|reforms?|polic(?:y|ies)|instructions?)"
    r"\s+(?:on|in)\s*$"
    # "In a recent announcement on May 31, IRCC revealed plans to introduce six new categories"
    r"|\bannouncement\s+(?:made\s+|issued\s+|published\s+)?(?:on|dated)\s*$"
    # "The category-based selection for Express Entry introduced by IRCC on May 31 has prioritized ..."
    r"|\b(?:introduced|launched|unveiled|implemented|rolled\s+out)\s+by\s+[^.;:\d]{1,70}?\s(?:on|in)\s*$",
    re.I,
)
#: A list item written as prose: twelve words or more, or opening "On May 7, 2023," as a sentence does.
_PROSE_ITEM = re.compile(
    r"(?:\S+\s+){11}\S|\W*(?:\d{1,2}[.)]\s*)?On\s+[A-Z][a-z]+\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4},\s"
)
#: A change to the system a few words before the date: "Job offer points were removed on March 25, 2025",
#: "IRCC updated its draw page on June 29", "Canada moved to NOC 2021 on November 16" (not "the results of the
#: draw held on June 29").
_CHANGE_BEFORE = re.compile(
    r"\b(?:removed|changed|amended|modified|eliminated|abolished|revised|updated|scrapped|replaced|reformed"
    r"|overhauled|introduced|implemented|unveiled|launched|adopted"
    # "Canada moved to NOC 2021 on November 16": a change of system's day
    r"|(?:moved|switched|transitioned|shifted|converted|migrated)\s+(?:over\s+)?to)\b"
    r"(?:\s+(?!(?:held|conducted|took|invit\w*|issued|sent|when|where|which|and|but)\b)[\w'’-]+){0,6}?\s+on\s*$",
    re.I,
)
#: A moment labelled a tie-break after it: "18th March, 2020 at 10:30:55 UTC noted to be the tie-breaking
#: rule".
_TIE_AFTER = re.compile(r"[^.;,\n]{0,40}?\btie[-\s]?break", re.I)
#: A year just before "Express Entry Draw #16" counts that year's draws ("2017 Express Entry Draw #16").
_YEAR_THEN_DRAW = re.compile(r"\b(?:19|20)\d\d\s+(?:Express\s+Entry\s+|EE\s+)?(?:(?:draw|round)\s*)?$", re.I)
#: ... unless that year ends a full date ("July 5, 2023 Express Entry Draw #254").
_DAY_THEN = re.compile(
    MONTH + r"\s+\d{1,2}(?:st|nd|rd|th)?,?\s*$|\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?" + MONTH + r",?\s*$", re.I
)
#: Before a date followed by a time of day, words saying the round was held at that moment ("Date and time
#: of round:", "the draw took place on", "IRCC held draw no. 255 on"): without them the moment is a
#: tie-break's, a profile's or a deadline's, not a round's.
_HELD_THEN = re.compile(
    r"\b(?:of|for)\s+(?:the\s+)?(?:draw|round)\W{0,3}(?:(?:was|is)\W{0,3})?$"
    r"|\b(?:draw|round)\s+(?:date|time|date\s+and\s+time)\W{0,3}(?:(?:was|is)\W{0,3})?$"
    r"|\b(?:held|took\s+place|conducted|happened|was\s+made)\b(?:\bno\.|[^.;\n]){0,40}?(?:\bon|\bat)?\s*$"
    # "779 Invitations to Apply ... were issued for candidates holding 886 points or higher ... on January 31,
    # 2015 at 11:59:48 UTC": the moment the invitations went out (not a profile's: "submitted", "created")
    r"|\b(?:were|was)\s+(?:issued|sent)\b(?:(?!submitted|created|entered|profile)[^.;\n]){0,90}?\bon\s*$",
    re.I,
)
#: A month and its year, no day ("August 2020"), not a bound's ("since March 2020") nor a period's start.
_MONTH_YEAR = re.compile(
    r"(?<!\bsince\s)(?<!\buntil\s)(?<!\d\s)(?<!\d)\b" + MONTH + r"\s+((?:19|20)\d\d)\b(?!\s*[-–])", re.I
)
#: One round named just before or after a month and year, no figure between ("the FST-only draw held in
#: August 2020", "an FST-only round (August 2020)", "Back in August 2020, an FST-only round").
_DRAW_THEN = re.compile(r"\b(?:draw|round)\b(?!s)[^\d.;:!?\n]{0,40}$", re.I)
_THEN_DRAW = re.compile(r"[^\d.;:!?\n]{0,30}?\b(?:draw|round)\b(?!s)", re.I)


def _one_draw_near(text: str, start: int, end: int, match: re.Match[str]) -> bool:
    return bool(
        _DRAW_THEN.search(text, max(start, match.start() - 60), match.start())
        or _THEN_DRAW.match(text, match.end(), end)
    )


def _month_of(match: re.Match[str], published: dt.date | None) -> bool:
    """Is the month and year at ``match`` the article's own (a page of August 2023 naming "the August 2023
    draw")?"""
    if published is None or int(match.group(1)) != published.year:
        return False
    value = parse_datetime(match.group(0).split()[0] + " 1 " + match.group(1), "date", reference=None)
    return isinstance(value.value, dt.date) and value.value.month == published.month


#: A date naming its own round ("the February 13 draw"), here in a clause about several rounds.
_OWN_ROUND_AFTER = re.compile(r"\s+(?:[\w-]+\s+){0,2}?(?:draw|round)\b(?!s)", re.I)
_NOT_A_ROUND_LABEL = re.compile(r"launch|tie|cut-?off\s+date|publish|posted|updated|since", re.I)
#: The ordinals written out, "first" to "twentieth" (a round number, or a rank within a year).
ORDINAL_WORDS = [
    *("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"),
    *("eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth"),
    *("eighteenth", "nineteenth", "twentieth"),
]
_NUMBER_REFS = (
    # (not a rank: "Canada is the #1 country in the world")
    re.compile(
        r"#\s?(?P<id>\d{1,4})\b(?![,.]\d)(?!\s+(?:country|nation|city|spot|place|position|pick|choice|destination"
        r"|best|most|in\s+the\s+world|ranked|ranking)\b)",
        re.I,
    ),
    re.compile(
        r"\b(?:draw|round)\s*(?:no\.?|number|num\.?)?\s*[:#]?\s*(?P<id>\d{1,4})\b(?![,.]\d)"
        r"(?!\s*(?:invitations|ITAs|candidates|points|CRS)\b)"
        r"(?!\s*(?:[A-Za-z][\w-]*\s+){1,2}(?:invitations|ITAs|candidates|applicants|profiles)\b)",
        re.I,
    ),
    re.compile(r"\(\s*(?:draw\s+)?(?:no\.?|number|#)\s*(?P<id>\d{1,4})\s*\)", re.I),
    re.compile(
        r"\b(?P<id>\d{1,4})(?:st|nd|rd|th)\)?\s+(?:(?:Express\s+Entry(?:\s+\(EE\))?|EE|general|all-program)\s+){0,2}"
        r"(?:round|draw)\b(?!s)(?![^.;]{0,40}\b(?:in|of|for)\s+(?:20\d\d|the\s+year|this\s+year)\b)(?![^.;,]{0,40}\bthis\s+year\b)"
        r"(?!\s+(?:this|of\s+the\s+(?:year|week|month)|(?:\w{1,3}\s+)?20\d\d|in\s+a\s+row"
        # "the 6th draw of July", "the 5th all-program draw after the lockdown": a rank within a period
        r"|of\s+" + MONTH + r"(?![a-z])|after\b"
        r"|since(?!\s+(?:2015|its|Express|the\s+system|launch))))"
        r"|\b(?P<id2>\d{1,4})(?:st|nd|rd|th)\s+(?=overall\b|in\s+total\b|since\s+(?:Express\s+Entry|the\s+system|its)"
        # "June 28 marks the 252nd Express Entry since 2015"
        r"|Express\s+Entry\s+(?:draw\s+|round\s+)?since\s+(?:2015|its|the\s+system)\b)"
        r"|\b(?P<id3>\d{1,4})(?:st|nd|rd|th)\s+(?:draw|round)\s+(?=since\s+the\s+(?:introduction|launch|start|creation)\b)",
        re.I,
    ),
    re.compile(
        r"\bthe\s+(?P<word>" + "|".join(ORDINAL_WORDS) + r"),\s+and\s+"
        r"(?:the\s+)?latest,\s+(?:Express\s+Entry\s+)?(?:draw|round)\b",
        re.I,
    ),
    re.compile(
        # ("the very first Express Entry draw of the year": the year's first, no round number)
        r"\b(?P<first>very\s+first\s+(?:Express\s+Entry\s+)?(?:draw|round)(?!s)"
        r"(?!\s+(?:of|in|for)\s+(?:20\d\d|the\s+(?:new\s+)?year|this\s+year|the\s+month|"
        + MONTH
        + r"))|first\s+(?:draw|round)\s+from\s+the"
        r"\s+(?:Express\s+Entry\s+)?pool|first\s+Express\s+Entry\s+(?:draw|round)\s+of\s+all"
        # "In the first round of the Express Entry system, a total of 779 candidates were selected"
        r"|first\s+(?:draw|round)\s+(?:of|under)\s+the\s+(?:new\s+)?Express\s+Entry\s+system"
        # "779 candidates were selected in the inaugural round of Ottawa's revamped skilled immigration
        # program" (not "the inaugural round of 2023", "the inaugural draw for the categories")
        r"|inaugural\s+(?:Express\s+Entry\s+|EE\s+)?(?:draw|round)(?!s)(?!\s+(?:of|in|for|since|under)\s+"
        r"(?:20\d\d|the\s+year|this\s+year|(?:the\s+|a\s+)?(?:[\w-]+\s+)?categor)))\b",
        re.I,
    ),
)
_RELATIVE = re.compile(
    r"\b(?P<today>today)(?:'s)?\b|\b(?P<yesterday>yesterday)(?:'s)?\b"
    r"|\b(?:on|last|this\s+past)\s+(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
    r"|\b(?P<unknown>the\s+(?:day|week)\s+before|the\s+previous\s+day|the\s+next\s+day|the\s+following\s+day"
    r"|a\s+day\s+(?:earlier|later)|(?:one|two|three|a)\s+weeks?\s+(?:earlier|later|ago)|last\s+week|last\s+month"
    r"|earlier\s+(?:this|that)\s+week)\b",
    re.I,
)
THIS_ROUND = re.compile(
    r"\b(?:this|today's|the\s+latest|the\s+most\s+recent|the\s+new|the\s+current)\s+(?:Express\s+Entry\s+)?"
    r"(?:draw|round|invitation\s+round)\b|\bthe\s+latest\s+one\b|\bthis\s+one\b",
    re.I,
)
_ROUND_LAUNCHED = re.compile(r"\b(?:draw|round)\s+(?:was\s+|were\s+)?launched\s+(?:on\s+)?$", re.I)
#: "On July 6th IRCC re-opened all Express Entry programs": the day all-program rounds came back, a round's.
_REOPENED_ALL = re.compile(
    r"\b(?:re-?opened|resumed|restarted)\s+all\s+(?:(?:of\s+)?(?:the|its)\s+)?(?:Express\s+Entry\s+)?programs\b",
    re.I,
)
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAY_BEFORE = re.compile(r"\b(mon|tues|wednes|thurs|fri|satur|sun)day\s*,?\s*(?:the\s+)?$", re.I)
_WEEKDAY_AFTER = re.compile(r"\s*,?\s*\(?(mon|tues|wednes|thurs|fri|satur|sun)day\b", re.I)
_FULL_YEAR = re.compile(r"\d{4}")


def _stated_weekday(text: str, line_start: int, match: re.Match[str]) -> str | None:
    """The weekday written with a date ("Wednesday, March 4", "March 4 (Wednesday)"), lowercased, or None."""
    said = _WEEKDAY_BEFORE.search(text, max(line_start, match.start() - 16), match.start()) or (
        _WEEKDAY_AFTER.match(text, match.end("date"))
    )
    return f"{said.group(1).lower()}day" if said else None


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
    #: A date whose year is a doubt: the round it names cannot be told, nor can the facts said of it.
    doubt: bool = False


def anchors(
    text: str, start: int, end: int, dates: Dates, unit: Unit, *, said_until: int | None = None
) -> list[Anchor]:
    """Every round named in ``text[start:end]``, in order; adjacent names of one round merged. A clause
    that goes on after an aside ("On July 4, prior to ..., IRCC held a draw") says what it names up to
    ``said_until``."""
    found: list[Anchor] = []
    low = text[start:end].lower()
    if may_hold(low, PROVINCIAL_WORDS) and facts_of.PROVINCIAL.search(text, start, end):
        return found
    if facts_of.province_draw(text, start, end):
        return found  # "Ontario's draw took place on 19th August, 2019": a province's own draw, no round
    plural = (
        unit.kind != "row"
        and may_hold(low, ("draws", "rounds", "ones"))
        # "One of 2018's first draws, on January 24, ...": one round of several named is still one round
        and any(
            not _ONE_OF.search(text, max(start, m.start() - 40), m.start())
            and not _RESUMED.search(text, max(start, m.start() - 50), m.start())
            and not _MECHANISM.search(text, max(start, m.start() - 90), m.start())
            # "The recent invitation rounds conducted on September 20, 2017, issued 2,871 ITAs": one round
            and not (_HELD_ON.match(text, m.end(), end) and len(DATE.findall(text, start, end)) == 1)
            for m in PLURAL.finditer(text, start, end)
        )
    )
    digits = bool(_DIGIT.search(low))
    taken: list[tuple[int, int]] = []
    for pattern, words in zip(_NUMBER_REFS, _NUMBER_REF_WORDS, strict=True):
        if not may_hold(low, words):
            continue
        for match in pattern.finditer(text, start, end):
            if any(a <= match.start() < b for a, b in taken):
                continue
            groups = match.groupdict()
            if groups.get("word"):
                number = str(ORDINAL_WORDS.index(groups["word"].lower()) + 1)
            elif groups.get("first"):
                number = "1"
            else:
                number = (groups.get("id") or groups.get("id2") or groups.get("id3") or "").lower()
            if not number or len(number) == 4:
                continue  # a year, or a rank in the pool ("somewhere around #6500"): no round is numbered so
            if _NOT_A_DRAW_BEFORE.search(text, max(start, match.start() - 20), match.start()):
                continue  # "as highlighted in post # 15": another numbered thing
            if _LIST_MARKER.match(text, text.rfind("\n", 0, match.start()) + 1):
                continue  # "#1 Largest Draw Size: ...", "#2 Qualifying CRS increases": a list's markers
            before = text[max(0, match.start() - 16) : match.start()]
            if re.search(MONTH + r"\.?(?:\s+|-\s*)$", before, re.I):
                continue  # "the April 9th draw", "the Apr- 11th draw" is a date
            if re.search(r"\d(?:st|nd|rd|th)\s*(?:and|&|or|,)\s*$", before, re.I) or _ORDINAL_AFTER.match(
                text[match.end() : match.end() + 20]
            ):
                continue  # "the 63rd and 64th since Express Entry was launched": which is which is not said
            line_start = text.rfind("\n", 0, match.start()) + 1
            lead = text[max(line_start, match.start() - 40) : match.start()]
            year_first = _YEAR_THEN_DRAW.search(lead)
            if year_first and not _DAY_THEN.search(lead, 0, year_first.start()):
                continue  # "2017 Express Entry Draw #16": the year's sixteenth, not round 16
            if groups.get("id") and re.match(r"(?i)(?:draw|round)\s*:?\s*\d", match.group(0)):
                # A bare "draw 254" is a round's number only where the round is named so.
                line_start = text.rfind("\n", 0, match.start()) + 1
                lead_in = text[max(line_start, match.start() - 40) : match.start()]
                if not re.search(r"(?:Express\s+Entry\s+|EE\s+|^\W*|[.!?:]\s+)$", lead_in, re.I):
                    continue
            taken.append((match.start(), match.end()))
            found.append(Anchor(match.start(), match.end(), match.group(0), number=number))
    first = _FIRST_ROUND.search(text, start, end) if "first" in low and not taken else None
    if first and _SYSTEM_START_BEFORE.search(text, max(0, first.start() - 300), first.start()):
        # "When Express Entry was initially implemented, the first invitations were issued to candidates who
        # scored 886": the first round of all, named by the system's start.
        taken.append((first.start(), first.end()))
        found.append(Anchor(first.start(), first.end(), first.group(0), number="1"))
    # A row, item or label names its round by its layout, but an item written as a sentence of prose ("1. On
    # May 7, 2023, Employment and Social Development Canada stopped accepting LMIA applications by email.")
    # speaks of a round only in a round's words.
    sentence_words = (
        DRAW_WORDS.search(text, start, said_until or end)
        or (_REOPENED_ALL.search(text, start, said_until or end))
        or (
            unit.kind in ("row", "item", "label")
            and not (unit.kind == "item" and _PROSE_ITEM.match(text[start : said_until or end]))
        )
    )
    dates_here = digits and (may_hold(low, _MONTH_WORDS) or "-" in low or "/" in low)
    period_end = -1  # where the second date of a period ("January 1 to June 30, 2024") starts
    for match in DATE.finditer(text, start, end) if dates_here else ():
        if any(a <= match.start() < b for a, b in taken):
            continue
        to = _PERIOD_TO.match(text, match.end(), end)
        if to or match.start() == period_end:
            period_end = to.end() if to else -1
            continue  # a period's bounds, no round's day
        if _DAY_RANGE.match(text, match.end(), end):
            continue  # "Weekly News Review January 9 – 15, 2023": a week, no round's day
        before = text[max(start, match.start() - 40) : match.start()]
        line_start = text.rfind("\n", 0, match.start()) + 1
        label = text[line_start : match.start()]
        if _BOUND.search(before) and _GOES_ON.match(text, match.end(), end):
            # "held its first trades draw since October 16, 2019, inviting 250 candidates": the bound names
            # no round, and the clause goes on about the round it is said of.
            continue
        if (
            _BOUND.search(before)
            or _SINCE_EVENT.search(text, max(start, match.start() - 80), match.start())
            or _PLANNED.search(text, start, match.start())
            or _PLANNED_AFTER.match(text, match.end(), end)
            or _ANNOUNCEMENT_OF.search(text, max(start, match.start() - 120), match.start())
            or _RELEASED_BEFORE.search(text, max(start, match.start() - 100), match.start())
            or _DOCUMENT_AFTER.match(text, match.end(), end)
            or (
                _FOLLOWING.search(text, max(line_start, match.start() - 60), match.start())
                and not re.match(
                    r",?\s*(?:where|which|when|in\s+which|that)\b", text[match.end() : end], re.I
                )
            )
        ):
            # "no draw since August 15, when 4,300 were invited": what follows is that round's;
            # "it will issue 1,500 more invitations on July 5": a plan, whose figures are no round's
            found.append(Anchor(match.start(), match.end(), match.group(0), relative="unknown"))
            continue
        if (
            tie_break(text, start, end, match)
            or (match.group("time").strip(" ,") and _TIE_AFTER.match(text, match.end(), end))
            or (
                match.group("time").strip(" ,")
                and not _HELD_THEN.search(text, max(line_start, match.start() - 100), match.start())
            )
            or (
                NOT_A_ROUND.search(before)
                and not box_date(text, match.start(), match.end())
                # "the 15th express entry draw launched on May 31, 2017": a round held, not a launch
                and not _ROUND_LAUNCHED.search(before)
            )
            # (from the line's start: "until 10:15 a.m. UTC on" may be cut into two sentences at "a.m.")
            or _PROFILE_DAY_BEFORE.search(text, max(line_start, match.start() - 100), match.start())
            or _EVENT_BEFORE.search(text, max(start, match.start() - 120), match.start())
            or (
                _CHANGE_BEFORE.search(text, max(start, match.start() - 80), match.start())
                and not _ROUND_LAUNCHED.search(before)
            )
            or (
                _CHANGE_AFTER.match(text, match.end(), end)
                and not _LAUNCHED_A_ROUND.match(text, match.end(), end)
            )
            or _announcement_only(text, match.end(), end)
            # the feed's own field, '"drawNextDate": "February 1, 2015"': the next round's planned day
            or _NEXT_DATE_FIELD.search(text, max(0, match.start() - 24), match.start())
            or _CHANGE_LATER.match(text, match.end(), end)
            or _TIMELINE_STEP_AFTER.match(text, match.end(), end)
            or STOCK_FIGURE_AFTER.match(text, match.end(), end)
            or _STOCK_BEFORE.search(text, max(start, match.start() - 60), match.start())
            or (unit.kind != "row" and is_publication(text, match.start(), match.end()))
            or (unit.kind in ("label", "item") and ":" in label and _NOT_A_ROUND_LABEL.search(label))
            or not sentence_words
        ):
            continue
        if plural and not _trailing_plural(text, start, end, match.end()):
            if _OWN_ROUND_AFTER.match(text, match.end(), end):
                # "such as the February 13 draw when all 27,332 were invited, and the April rounds that issued
                # 6,000 each": a round named among several; what the clause says is no other round's.
                found.append(Anchor(match.start(), match.end(), match.group(0), relative="unknown"))
            continue
        years = [y for y in YEAR_IN_CLAUSE.finditer(text, start, end) if y.start() < match.start()]
        year = int(years[-1].group(1)) if years else None
        if year is None and dates.published is not None and "year" in low:
            # "On March 5 last year, IRCC invited 3,000" on a page of March 20, 2024: 2023, not 2024
            year = _last_year(text, start, end, dates.published)
        before_year = None
        if year is None and not re.search(r"\d{4}", match.group("date")):
            before_year = _year_said_before(text, line_start, match.start())
        if before_year is not None and not before_year[1]:
            # "The previous year ended with two draws. On December 12, IRCC invited 800": which year the
            # paragraph's day is in (the article's, or the one before) is not said.
            dates.doubts.append(
                f"date: {match.group('date')!r} has no year and its paragraph names {before_year[0]!r} before"
                " it; left empty"
            )
            found.append(Anchor(match.start(), match.end(), match.group(0), relative="unknown", doubt=True))
            continue
        if before_year is not None and dates.published is not None:
            # "Last year, on December 12, IRCC invited 800. On December 14, ..." on a page of December 2024
            year = dates.published.year - years_back(before_year[0])
        doubts = len(dates.doubts)
        day, warnings = dates.parse(match.group("date"), match.start(), year)
        if day is None:
            doubt = len(dates.doubts) > doubts
            found.append(Anchor(match.start(), match.end(), match.group(0), relative="unknown", doubt=doubt))
            continue
        weekday = _stated_weekday(text, line_start, match)
        if (
            weekday is not None
            and day.weekday() != _WEEKDAYS.index(weekday)
            and not _FULL_YEAR.search(match.group("date"))
        ):
            # "Looking back: on Wednesday, March 4, IRCC invited 3,900" on a page of March 2021: March 4, 2021
            # was a Thursday, so the year taken is not the one the text means.
            dates.doubts.append(
                f"date: {match.group('date')!r} is said to be a {weekday.title()}, but {day:%B} {day.day}, "
                f"{day.year} was a {day:%A}; its year is in doubt; left empty"
            )
            found.append(Anchor(match.start(), match.end(), match.group(0), relative="unknown", doubt=True))
            continue
        held = None
        if match.group("time").strip(" ,"):
            parsed = parse_datetime(plain_date(match.group(0)), "date and time", reference=day)
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
    month_year = (
        None
        if found or not digits or not may_hold(low, ("draw", "round"))
        else _MONTH_YEAR.search(text, start, end)
    )
    if (
        month_year
        and _one_draw_near(text, start, end, month_year)
        and not _month_of(month_year, dates.published)
    ):
        # "The nearest is the FST-only draw held in August 2020, which needed 415", "an FST-only round (August
        # 2020)": a round named by its month alone, no day; what its clause says is no round's we can name.
        found.append(Anchor(start, month_year.end(), text[start : month_year.end()], relative="unknown"))
    for match in _RELATIVE.finditer(text, start, end) if may_hold(low, ("day", "week", "month")) else ():
        if plural:
            break
        if any(a <= match.start() < b for a, b in taken):
            continue
        published = dates.today if dates.updated_only else dates.published or dates.today
        # "More Recent News" over "Oct 14, 2020" over "Today, IRCC announced an all program Express Entry
        # draw": a teaser's own date line, just above it, is its "today"
        published = _teaser_date(text, match.start()) or published
        groups = match.groupdict()
        gap = re.match(r",?\s*", text[match.end() : match.end() + 3])
        if groups["weekday"] and DATE.match(text, match.end() + (gap.end() if gap else 0)):
            continue  # "on Saturday, November 19": the explicit date decides whether it is a round's
        if groups["today"] and _BEFORE_TODAY.search(text, max(start, match.start() - 16), match.start()):
            # "Prior to today, the lowest cut-off ever was 199 points in the May 16, 2017 draw": a bound, the
            # time before the article's round; what the clause says is another round's.
            found.append(Anchor(match.start(), match.end(), match.group(0), relative="unknown"))
            continue
        if groups["today"] and published is None and _TODAYS_ROUND.match(text, match.start()):
            # "Today's draw issued 3,900 invitations" on a page whose date is unknown: the article's own
            # round, as "this draw" is, though its day is not known.
            found.append(Anchor(match.start(), match.end(), match.group(0), relative="lead"))
        elif (
            groups["unknown"]
            or published is None
            or _STATEMENT_BEFORE.search(text, max(start, match.start() - 90), match.start())
            # "Today, IRCC Minister Sean Fraser provided an update on new PGWP extension policy": a day, but
            # not a round's, where the sentence says nothing of a round
            or (groups["today"] and not DRAW_WORDS.search(text, start, said_until or end))
        ):
            found.append(Anchor(match.start(), match.end(), match.group(0), relative="unknown"))
        elif groups["today"] and (
            _PLANNED.search(text, start, match.start())
            or _TODAYS_NEWS.match(text, match.start())
            or _PLANNED_TODAY.match(text, match.end())
        ):
            # "The first draw is expected to take place later today", "IRCC will hold ... later today": a plan
            found.append(Anchor(match.start(), match.end(), match.group(0), relative="unknown"))
        elif groups["today"]:
            found.append(Anchor(match.start(), match.end(), match.group(0), date=published, relative="today"))
        elif groups["yesterday"]:
            value = published - dt.timedelta(days=1)
            found.append(Anchor(match.start(), match.end(), match.group(0), date=value, relative="yesterday"))
        else:
            back = (published.weekday() - _WEEKDAYS.index(groups["weekday"].lower())) % 7
            last = match.group(0).lower().startswith("last")
            if last and 0 < back <= published.weekday():
                # "last Wednesday" said on a Friday: two days before, or the week before? Not said.
                found.append(Anchor(match.start(), match.end(), match.group(0), relative="unknown"))
                continue
            value = published - dt.timedelta(days=back or (7 if last else 0))
            found.append(Anchor(match.start(), match.end(), match.group(0), date=value, relative="weekday"))
    rank = _YEAR_RANK.search(text, start, end) if not found and unit.kind == "item" else None
    if rank is not None:
        # "- The second big draw, with an invitation to 6,000 candidates (CEC), in the 13th draw of 2021": a
        # list item naming a round by its rank in a year speaks of that round (which the page does not date),
        # never of the article's own: the whole item is that round's (the anchor opens with it)
        found.append(Anchor(start, rank.end(), rank.group(0), relative="unknown"))
    if not found:
        this = THIS_ROUND.search(text, start, end) if may_hold(low, _THIS_WORDS) else None
        if this:
            found.append(Anchor(this.start(), this.end(), this.group(0), relative="lead"))
    found.sort(key=lambda a: a.start)
    return _merge_adjacent(text, found)


def _teaser_date(text: str, pos: int) -> dt.date | None:
    """The date of a line holding only a full date (a teaser's or a listed post's date line) among the two
    lines with text just above the line of ``pos``, or None."""
    line_start = text.rfind("\n", 0, pos) + 1
    above = [line.strip() for line in text[max(0, line_start - 300) : line_start].split("\n") if line.strip()]
    for line in above[-2:]:
        whole = DATE.fullmatch(line)
        if whole and re.search(r"\d{4}", whole.group("date")) and not whole.group("time").strip(" ,"):
            parsed = parse_datetime(plain_date(whole.group("date")), "date", reference=None, want_time=False)
            if isinstance(parsed.value, dt.date):
                return parsed.value
    return None


def _last_year(text: str, start: int, end: int, published: dt.date) -> int | None:
    """The year a clause ``text[start:end]`` names relative to the article's ("last year", "the previous
    year", "two years ago"; not "this year", and not in a comparison: "compared with the same period last
    year"), else None."""
    for match in RELATIVE_YEAR.finditer(text, start, end):
        back = years_back(match.group(0))
        if _CHANGE_AGO.search(text, max(start, match.start() - 80), match.start()):
            # "since it was introduced a little over two years ago": the change's year, no round's
            continue
        if back and not _COMPARED_BEFORE.search(text, start, match.start()):
            return published.year - back
    return None


#: A relative year said of the system's start or of a change, or only roughly ("a little over").
_CHANGE_AGO = re.compile(
    r"(?:\b(?:since|introduc\w*|launch\w*|began|begun|start\w*|creat\w*|establish\w*|implement\w*)\b[^.;]{0,60}"
    r"|\b(?:over|about|around|nearly|almost|more\s+than|less\s+than)\s+)$",
    re.I,
)


def _year_said_before(text: str, line_start: int, pos: int) -> tuple[str, bool] | None:
    """The last year named relative to the article's before ``pos`` in its paragraph ("last year", "the
    previous year"; not "this year", a comparison, nor "last year's rate"), and whether its sentence names a
    day; None when there is none."""
    found = None
    for match in RELATIVE_YEAR.finditer(text, line_start, pos):
        if not years_back(match.group(0)) or re.match(r"['’]s\b", text[match.end() : match.end() + 2]):
            continue
        sentence_start = max(text.rfind(c, line_start, match.start()) for c in ".!?") + 1
        if _COMPARED_BEFORE.search(text, max(sentence_start, line_start), match.start()):
            continue
        line_end = text.find("\n", pos)
        line_end = len(text) if line_end < 0 else line_end
        ends = [i for i in (text.find(c, match.end(), line_end) for c in ".!?") if i >= 0]
        sentence_end = min(ends) if ends else line_end
        found = (match.group(0), bool(DATE.search(text, max(sentence_start, line_start), sentence_end)))
    return found


_COMPARED_BEFORE = re.compile(
    r"\b(?:than|compared|versus|vs\.?|same\s+(?:period|time|point|stage|moment|month|week))\b", re.I
)


_GATES: dict[tuple[str, ...], re.Pattern[str]] = {}


def may_hold(low: str, words: tuple[str, ...]) -> bool:
    """A fast test before a pattern: can ``low`` (a lowercased clause) hold a match at all?"""
    gate = _GATES.get(words)
    if gate is None:
        gate = _GATES[words] = re.compile("|".join(re.escape(w) for w in words))
    return gate.search(low) is not None


_DIGIT = re.compile(r"\d")
#: "In today's announcement", "today's news release": the news's day, no round's.
_TODAYS_NEWS = re.compile(
    r"today['’]s\s+(?:announcement|news|release|statement|press|update|briefing|post|article)", re.I
)
#: "Today, 500 skilled healthcare workers will be invited to immigrate" (a minister quoted): what is to come
#: today, in the day's own clause, is a plan, not a round held.
_PLANNED_TODAY = re.compile(
    r"[^.!?;]{0,80}?\b(?:will|shall|(?:is|are)\s+(?:expected|set|scheduled|going)\s+to)\s+(?:be\s+)?"
    r"(?:invit|issu|hold|held|select|conduct|send|sent)",
    re.I,
)
#: "Today's draw", "today's Express Entry round": the article's own round.
_TODAYS_ROUND = re.compile(r"today['’]s\s+(?:[\w-]+\s+){0,2}(?:draw|round)\b(?!s)", re.I)
PROVINCIAL_WORDS = ("notification", "noi", "letter", "expression", "eoi", "nomination")
_NUMBER_REF_WORDS = (
    ("#",),
    ("draw", "round"),
    ("(",),
    ("draw", "round", "overall", "since", "total"),
    ("latest",),
    ("first", "inaugural"),
)
_MONTH_WORDS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_THIS_WORDS = ("this", "latest", "recent", "today", "new")


#: A participle closing a clause about one round: "..., continuing its focus on PNP-only draws".
_TRAILING = re.compile(r",\s*(?:continuing|extending|marking|bringing|making|following)\b", re.I)


def _trailing_plural(text: str, start: int, end: int, after: int) -> bool:
    """Are all the plural round words of the clause ``text[start:end]`` after ``after`` (a date) and in a
    participle closing it ("On December 22, Canada invited 746 ..., continuing its focus on PNP-only draws")?
    Then the date still names one round."""
    trailing = _TRAILING.search(text, after, end)
    return trailing is not None and all(
        m.start() > trailing.start() for m in PLURAL.finditer(text, start, end)
    )


def _merge_adjacent(text: str, found: list[Anchor]) -> list[Anchor]:
    """ "Yesterday, on January 31" and "today, September 29th" name one round: the explicit date wins."""
    out: list[Anchor] = []
    for anchor in found:
        if out and anchor.number is None and out[-1].number is None:
            gap = text[out[-1].end : anchor.start]
            # ("took place yesterday by July 6": the day, however it is joined)
            if re.fullmatch(r"[\s,(]*(?:(?:on|by|of)\s+)?[\s(]*", gap):
                prev = out[-1]
                # "Last week, on June 28" (its year in doubt): the day, not the week
                explicit = anchor if anchor.relative is None or (anchor.doubt and prev.date is None) else prev
                out[-1] = Anchor(
                    prev.start,
                    anchor.end,
                    text[prev.start : anchor.end],
                    date=explicit.date,
                    held_at=explicit.held_at,
                    relative=explicit.relative,
                    warnings=explicit.warnings,
                    doubt=explicit.doubt,  # "on November 5th (today)" with no year: the day is still a doubt
                )
                continue
        out.append(anchor)
    return out
