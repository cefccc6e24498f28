"""The facts a stretch of an article's text states: counts, cut-offs, round kinds (pure).

Each function looks at ``text[start:end]`` (one clause, list row or labelled
line) and returns what it states, with spans into ``text``. Which round a fact
belongs to is decided by :mod:`scraper.parsing.article_mentions`; this module
only reads values and says when a value is not a fact about a round at all:
an approximation ("over 500"), a total ("59,800 this year"), an explanation
("a nomination adds 600 points", "would have had 117"), a difference ("six
points more") or a superlative about some other round ("the lowest score of
2017 was 413"). Every regular expression here is linear: no nested
quantifiers over overlapping characters.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from eewatch.domain.taxonomy import KNOWN_CATEGORIES, PROGRAM_NAMES, classify
from scraper.parsing.article_dates import MONTH


@dataclass(frozen=True)
class Fact:
    """One value read from the text; ``weak`` when it only holds for a round named in the same clause."""

    name: str
    value: object
    start: int
    end: int
    snippet: str
    weak: bool = False


# -- numbers -------------------------------------------------------------------

#: (not the tail of a number cut by a letter: "invited 3و900 applicants" is no 900)
_NUMBER = re.compile(r"(?<![\d,.#])(?<!\d[^\W\d_])(\d{1,3}(?:,\d{3})+|\d+)(?![\d,]*\d)(?!%)")
#: "3, 350 candidates": a count's thousands cut off by a comma and a space.
_SPLIT_THOUSANDS = re.compile(r"(?<![\d,.])\d{1,2},[ \u00a0]$")
#: ... unless the first part is a day: "On July 5, 500 candidates".
#: A month name just after a number: "on 13 February invited" (the number is a day, not a count).
_MONTH_JUST_AFTER = re.compile(
    # ("13 may receive" is no day: May only with its capital)
    r"(?:st|nd|rd|th)?\s+(?:of\s+)?(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|(?-i:May)|june?|july?"
    r"|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b",
    re.I,
)
#: A month name just before a number: "in the May 27 invitation round" (the number is a day, not a count).
_MONTH_JUST_BEFORE = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+$", re.I
)
_DAY_BEFORE = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+"
    r"\d{1,2}(?:st|nd|rd|th)?,[ \u00a0]$",
    re.I,
)
_APPROXIMATE = re.compile(
    r"(?:about|around|approximately|nearly|almost|roughly|over|more\s+than|fewer\s+than|less\s+than"
    r"|up\s+to|some|at\s+most|close\s+to|under|just\s+over|just\s+under|~|estimated)\s*$",
    re.I,
)
#: After a score: "in the 470 regions", "in the 450 range" (a level named loosely, no cut-off).
_IN_THE_RANGE = re.compile(r"s?\s+(?:range|regions?|area|ballpark|neighbou?rhood|mark\s+or\s+so)\b", re.I)
#: Words before or after a count that make it a total over several rounds or a period.
_TOTAL_BEFORE = re.compile(
    # ("The largest draw of the year thus far occurred on February 1, inviting 7,000": a record, no tally)
    r"\b(?:brings?|bringing|now\s+totals?|(?<![Aa]\s)total\s+number|week's\s+total|reached|(?<!year\s)so\s+far"
    r"|(?<!year\s)thus\s+far"
    r"|record\s+(?:of|year|total)"
    # ("On February 13 this year, 27,332 foreigners received ITAs": the day's year, no tally)
    r"|year's|last\s+year|(?<!\d\s)(?<!\dst\s)(?<!\dnd\s)(?<!\drd\s)(?<!\dth\s)this\s+year|(?:mark|milestone)\s+of"
    r"|\bto\s+date"
    # "January saw the issuance of 5,821 ITAs": a month's (a week's, a year's) total
    r"|(?<!\d\s)(?<!\dst\s)(?<!\dnd\s)(?<!\drd\s)(?<!\dth\s)"  # (not "the draw on 19th April saw 3,665")
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December|month|week|year"
    r"|quarter)\s+saw"
    # "During the entire year - 2017, IRCC issued 86,023 ITAs": a year's total
    r"|(?:entire|whole|full)\s+year)\b[^.;]*$"
    # "In 2018, only 17,500 candidates had been invited until this time": a year's running total
    r"|\bin\s+20\d\d,[^.;]*$",
    re.I,
)
#: A sentence that opens on a year and names no day: "Back in 2018, the ministry ... issued a record-breaking
#: 89,800 ITAs" (its count is the year's).
_YEAR_OPENING = re.compile(
    r"(?:(?<![^\n])|(?<=[.!?]\s))(?:Back\s+)?[Ii]n\s+20\d\d,"
    r"(?![^.;!?\n]*\b" + MONTH + r"(?![a-z]))[^.;!?\n]*$"
)
_TOTAL_AFTER = re.compile(
    # ("3,884, which are the highest so far": a record of this round's, no tally)
    r"[^.;]{0,40}?\b(?:in\s+20\d\d|(?<!highest\s)(?<!largest\s)(?<!biggest\s)so\s+far|in\s+all\s+of\s+20\d\d"
    # "in the whole of 2022", "throughout 2022", "over the course of the year 2022", "in calendar year 2022"
    r"|(?:in|throughout|during|over|across)\s+(?:the\s+)?(?:(?:whole|entirety|entire|course|full)\s+(?:of\s+)?)?"
    r"(?:(?:the\s+)?(?:calendar\s+)?year\s+(?:of\s+)?)?20\d\d"
    r"|over\s+the\s+(?:whole|entire|full)\s+year|this\s+year|to\s+date|last\s+year|year\s+to|each\s+in|for\s+20\d\d"
    # "Canada has continued to issue 3,900 Invitations to Apply at each draw": every round's, no one round's
    r"|(?:at|in)\s+(?:each|every)\s+(?:draw|round)|per\s+(?:draw|round)"
    # "25,125 ITAs have been issued throughout July": a month's tally
    r"|throughout\s+(?:the\s+month|January|February|March|April|May|June|July|August|September|October|November"
    r"|December)"
    r"|for\s+the\s+(?:whole\s+)?year|(?:is|was)\s+a\s+record[-\s]high\s+number"
    r"|(?:in|through|across|over)\s+(?:[\w’'-]+\s+){0,4}(?:draws|rounds))\b"
    # "5,250 ITAs have been issued ... since the draws resumed on July 6": a tally since a date
    r"|\s*(?:have|has)\s+been\s+(?:issued|sent|invited|extended|given)\b[^.;]{0,60}\bsince\b"
    # "has invited 2,645 candidates since the implementation of category-based selection": a tally
    r"|[^.;]{0,30}?\bsince\s+the\s+(?:implementation|introduction|launch|start|beginning|creation|inception)\b"
    # "Canada has issued just 16,025 ITAs since the Express Entry began"
    r"|[^.;]{0,30}?\bsince\s+(?:the\s+)?Express\s+Entry\s+(?:system\s+)?(?:was\s+)?(?:began|begun|started|launched"
    r"|opened|introduced)\b",
    re.I,
)
_SINGLE_ROUND = re.compile(r"\b(?:in|at|through)\s+(?:a|one)\s+(?:single\s+)?(?:draw|round)\b", re.I)
#: A sentence that opens with "As of" and says what IRCC "has issued" tallies up to a day.
_AS_OF_OPENING = re.compile(r"\s*As\s+of\b", re.I)
_HAS_ISSUED_BEFORE = re.compile(r"\b(?:has|have)\s+(?:now\s+)?(?:issued|invited|sent)\s+$", re.I)
#: A sentence that opens with "Since" tallies what came after a day ...
_SINCE_OPENING = re.compile(r"\s*(?:And\s+)?Since\b", re.I)
#: ... when its count "has been" or "have been" given: a total, not one round's.
_TALLIED_AFTER = re.compile(r"[^.;]{0,50}?\b(?:have|has)\s+(?:been|received|got(?:ten)?)\b", re.I)
#: A comparison before a count in its sentence: "Compared to the previous draw, 250 more candidates ...".
_COMPARED_IN = re.compile(r"\b(?:compared|in\s+comparison|than)\b", re.I)
#: A line that is one field of a round's details: "Total Number of Invitations: 500" (no tally, a label).
_ROUND_FIELD = re.compile(
    r"\s*(?:[-•*]\s*)?Total\s+number\s+of\s+(?:invitations|ITAs)(?:\s+(?:issued|sent))?\s*[:–—-]\s*[\d,]+\s*",
    re.I,
)
#: A count broken down by shares is a total: "IRCC had issued 85300 invitations out of which 45% went to ...".
_SHARES_AFTER = re.compile(
    r"[^.;]{0,20}?\b(?:(?:out\s+)?of\s+(?:which|these|them|those))\s*,?\s*\d{1,3}(?:\.\d+)?\s*(?:%|per\s*cent)",
    re.I,
)
#: A count that is a plan or a target: "IRCC will allocate 110,770 invitations ... this year".
_PLAN_BEFORE = re.compile(
    r"\b(?:will|would|plans?\s+to|aims?\s+to|targets?|targeting|allocat\w*|is\s+set\s+to|expected\s+to)\b[^.;]*$",
    re.I,
)
#: A count said to be planned: "3,000 ITAs were planned but 2,985 were issued".
_PLAN_AFTER = re.compile(
    r"\s+(?:were|was|are|is|had\s+been|have\s+been)\s+(?:planned|expected|anticipated|projected|forecast|targeted)\b",
    re.I,
)
#: A bare count the next words say were invited: "2,985 were issued", "500 were invited on Tuesday".
_BARE_INVITED_AFTER = re.compile(r"\s+(?:were|had\s+been|have\s+been)\s+(?:invited|issued)\b", re.I)
#: Provincial selections are not federal rounds.
PROVINCIAL = re.compile(
    r"notifications?\s+of\s+interest|\bNOIs?\b|letters?\s+of\s+advice|expressions?\s+of\s+interest|\bEOI\b"
    r"|invitations?\s+to\s+apply\s+for\s+(?:a\s+)?(?:provincial\s+)?nomination",
    re.I,
)
#: A province or territory, and its nominee programs' acronyms.
_PROVINCE = (
    r"(?:Ontario|Alberta|Saskatchewan|Manitoba|British\s+Columbia|Nova\s+Scotia|New\s+Brunswick"
    r"|Prince\s+Edward\s+Island|PEI|Quebec|Québec|Yukon|Northwest\s+Territories|Newfoundland(?:\s+and\s+Labrador)?)"
)
_PROVINCE_PROGRAM = r"(?:OINP|SINP|AAIP|AINP|MPNP|BC\s?PNP|NSNP|NBPNP|NLPNP|PEI\s?PNP)"
#: A province's own draw, not a federal round: "The latest OINP Express Entry draw ... 344 invitations".
PROVINCE_DRAW = re.compile(
    # "Saskatchewan's Express Entry category draw", "Quebec's Arrima draw", "Ontario's next draw"
    r"\b(?:"
    + _PROVINCE_PROGRAM
    + "|"
    + _PROVINCE
    + r")(?:['’]s)?\s+(?:[\w-]+\s+){0,3}?(?:draws?|stream|lottery)\b"
    # "Prince Edward Island held a draw on 15th August", "Saskatchewan held a lottery too"
    r"|\b" + _PROVINCE + r"\s+(?:also\s+)?"
    r"(?:held|conducted|ran|hosted)\s+(?:a|its|another|an)\s+(?:[\w-]+\s+){0,2}?(?:draw|lottery|round)\b"
    # "On January 31, the OINP (Ontario Immigrant Nominee Program) issued 611", "the Ministry of Immigration,
    # Francization and Integration invited 1,006 skilled workers to apply for permanent selection in Quebec"
    r"|\b"
    + _PROVINCE_PROGRAM
    + r"\b|\bImmigrant\s+Nominee\s+Program\b|\bFrancization\b|\bpermanent\s+selection\b"
    r"|\bHuman\s+Capital\s+Priorities\b|\bQuebec\s+Skilled\s+Worker\b|\bArrima\b"
    # "On 1 June 2017, Ontario invited 500 candidates", "Alberta (AINP) invited 191", "PEI invited 150"
    r"|\b" + _PROVINCE + r"\s+(?:also\s+)?(?:\([A-Z]{2,6}\)\s+)?(?:invited|issued|selected|nominated)\b"
    # "Alberta announced the results of a January 18 draw that invited 350 Express Entry candidates"
    r"|(?:^|(?<=[\n.!?•])|(?<=[\n.!?•]\s))[^\w\n]{0,3}(?:the\s+province\s+of\s+)?"
    + _PROVINCE
    + r"\s+(?:\w+\s+){0,2}?"
    r"(?:announced|held|conducted|released|published|ran|invited|issued)\b"
    # "In Ontario, 1,000 invitations were issued on March 2 under the French-Speaking Skilled Worker stream"
    r"|\bIn\s+" + _PROVINCE + r"\s*,"
    # "The first draw took place on July 7 with the province issuing 21 invitations" under "Ontario"
    r"|\bthe\s+(?:province|territory)\s+(?:also\s+)?(?:has\s+)?(?:held|holding|issued|issuing|invited|inviting"
    r"|conducted|ran|selected|selecting)\b"
    # "... issued an ITA to the British Columbia Provincial Nominee Program (BC PNP) in a draw"
    r"|\b" + _PROVINCE + r"\s+(?:Provincial\s+Nominee|Advantage\s+Immigration)\s+Program\b",
    re.I,
)
#: Words one of which any province's draw names (a cheap gate before :data:`PROVINCE_DRAW`).
_PROVINCE_WORDS = (
    *("ontario", "alberta", "saskatchewan", "manitoba", "columbia", "nova scotia", "brunswick"),
    *("prince edward", "pei", "quebec", "québec", "yukon", "northwest", "newfoundland"),
    *("oinp", "sinp", "aaip", "ainp", "mpnp", "bc pnp", "bcpnp", "nsnp", "nbpnp", "nlpnp"),
    *("nominee program", "francization", "permanent selection", "human capital", "arrima"),
    *("the province", "the territory"),
)


def province_draw(text: str, start: int = 0, end: int | None = None) -> bool:
    """Does ``text[start:end]`` speak of a province's own draw (:data:`PROVINCE_DRAW`)?"""
    end = len(text) if end is None else end
    low = text[start:end].lower()
    return any(w in low for w in _PROVINCE_WORDS) and PROVINCE_DRAW.search(text, start, end) is not None


_POOL = re.compile(
    r"\b(?:in|into|entered|remain\w*\s+in)\s+the\s+(?:Express\s+Entry\s+)?pool\b|\bpool\s+(?:of|has)", re.I
)

# -- invitations ---------------------------------------------------------------

#: More invitations than any round has issued (the largest, #176 of February 13, 2021, issued 27,332; a
#: margin above it): a count over this is a total of several rounds.
LARGEST_ROUND = 30_000

#: Figures listed together ("invited 1,470 and 2,500 candidates", "cut-offs of 534, 336 and 410,
#: respectively"): several rounds' values in one list, none of them one round's.
#: One figure of such a list: a count with its thousands' commas, or a plain number of two to five digits.
LISTED_NUMBER = r"(\d{1,3}(?:,\d{3})+|\d{2,5})"
_LIST_JOIN = r"(?:,\s*(?:and\s+|&\s*)?|and\s+|&\s*)"
_LISTED_BEFORE = re.compile(r"(?<![\d,.#])" + LISTED_NUMBER + r"\s*" + _LIST_JOIN + "$", re.I)
_LISTED_AFTER = re.compile(r"\s*" + _LIST_JOIN + LISTED_NUMBER + r"(?![\d,]*\d)(?!%)")
RESPECTIVELY = re.compile(r"\brespectively\b", re.I)


def listed(text: str, match: re.Match[str], start: int, end: int, *, score: bool) -> str | None:
    """The list of figures ``match`` stands in, if it is one of several rounds' values listed together.

    A neighbour counts when it is of the same kind: for a cut-off, a plain number of 60 to 1200 not followed
    by a count's noun; for a count, a number not a day ("June 4 and 700 candidates") nor a cut-off.
    """
    stops = [i for c in ".;\n" if (i := text.find(c, match.end(), end)) >= 0]
    sentence_end = min(stops, default=end)
    if RESPECTIVELY.search(text, match.end(), sentence_end) and re.search(
        r"\d\s*(?:,\s*(?:and\s+)?|and\s+|&\s*)\d", text[max(start, match.start() - 40) : sentence_end]
    ):
        return text[match.start() : sentence_end].strip()
    neighbours: list[re.Match[str]] = []
    before = _LISTED_BEFORE.search(text, max(start, match.start() - 16), match.start())
    if before is not None:
        neighbours.append(before)
    after = _LISTED_AFTER.match(text, match.end(), end)
    if after is not None:
        neighbours.append(after)
    for other in neighbours:
        raw = other.group(1)
        value = int(raw.replace(",", ""))
        if score:
            if "," in raw or not 60 <= value <= 1200:
                continue
            if _INVITATION_NOUN.match(text, other.end(1), end):
                continue  # "a cut-off of 511 and 700 invitations": a count beside the cut-off
        else:
            if 1900 <= value <= 2100 and "," not in raw:
                continue
            if _MONTH_JUST_BEFORE.search(text, max(0, other.start(1) - 12), other.start(1)):
                continue  # "on July 4 and 700 candidates": a day
            if "," not in raw and (
                _CRS_CUE.search(text, max(start, other.start(1) - 30), other.start(1))
                or _CRS_RIGHT.match(text, other.end(1), end)
            ):
                continue  # "a minimum score of 471 and 2,000 invitations": a cut-off beside the count
        lo, hi = min(match.start(), other.start(1)), max(match.end(), other.end(1))
        return text[lo:hi]
    return None


_PEOPLE = (
    r"candidates|applicants|people|profiles|individuals|foreign\s+nationals|nominees|specialists|workers"
    r"|hopefuls|professionals|employees|immigrants|applications|foreigners"
)
_INVITATION_NOUN = re.compile(
    r"\s+(?:(?:new|more|additional|eligible|Express\s+Entry|[A-Z][\w&-]*|\([A-Z]+\)|[a-z]+-[a-z]+|healthcare"
    r"|skilled|immigration|trades?|STEM|hopeful|prospective|potential|would-be|invited|selected|issued|provincial|francophone|being"
    # "issued 4,626 permanent residence invitations"
    r"|transport|agriculture|agri-food|education|French-speaking|permanent\s+residen(?:ce|cy))\s+){0,5}"
    # "(1,510 invited, 546 minimum)": a count said as the people invited
    r"(?P<noun>[Ii]nvitations?(?:\s+to\s+[Aa]pply)?|ITAs?\b|invites\b|invited(?=\s*[,;:)(]|\s+(?:at|with)\b)|"
    + _PEOPLE
    + r")\b"
)
_INVITATION_LABEL = re.compile(
    r"(?:invitations?(?:\s+to\s+apply)?|ITAs|draw\s+size)(?:\s*\(ITAs?\))?(?:\s+(?:issued|sent))?\s*[:–—-]\s*$|(?:invitations?|ITAs)\s+issued\s+$"
    r"|(?:invitations|ITAs)\s+(?:issued\s+)?(?:rose|increased|grew|climbed|fell|dropped|went\s+up|went\s+down)\s+to\s+$"
    # "The total ITAs issued in this draw were 3,884"
    # "The actual number of candidates invited was 779"
    r"|\bnumber\s+of\s+(?:candidates|applicants|people|ITAs|invitations)\s+(?:invited|issued|selected)\s+(?:was|were)\s+$"
    # "the number of invitees was 3,750"
    r"|\bnumber\s+of\s+invitees\s+(?:was|were)\s+$"
    r"|(?:invitations|ITAs)\s+(?:issued|sent)\s+in\s+(?:this|the|today's)\s+(?:[\w-]+\s+)?(?:draw|round)"
    r"\s+(?:were|was|stood\s+at|totall?ed|came\s+to)\s+$",
    re.I,
)
_LABEL_WORD = re.compile(r"invitation|invited|invitees|ITA|draw\s+size", re.I)
#: A count that is the bare object of an inviting verb: "invited 3,900 with a score of 438".
_INVITED_BARE = re.compile(r"\b(?:invited|invites|inviting|issued|issuing)\s+(?:a\s+total\s+of\s+)?$", re.I)
_BARE_AFTER = re.compile(r"\s+(?:with|at)\b|\s*[,;](?!\d)|\.(?!\d)", re.I)
#: Just before a count of immigrants: "inviting 284 hopeful new immigrants", "invited 500 immigrants".
_INVITED_JUST_BEFORE = re.compile(r"\binvit\w*\s+(?:\w+\s+){0,2}$", re.I)
#: After a count of people: "1,545 candidates in the pool received ITAs" (they were invited).
_INVITED_AFTER = re.compile(r"[^.;:]{0,30}?\b(?:received|were\s+(?:invited|issued|sent|selected))\b", re.I)
_INVITING = re.compile(
    r"invit|\bITAs?\b|\bissued\b|\bselected\b|\breceived\b|\bsent\b|\bdrawn\b"
    # "The government offered permanent residency to 779 skilled workers in its first draw"
    r"|\boffered\s+permanent\s+residen"
    # "Canada welcomed 924 Express Entry applicants to apply for permanent residency"
    r"|\bwelcomed\b(?=[^.;]{0,60}?\bto\s+apply\b)",
    re.I,
)

# -- CRS -----------------------------------------------------------------------

_FILLER = (
    r"score|scores|of|was|is|were|at|stood|set|to|a|an|the|cut(?:-|\s)?off|minimum|required|needed|requirement|threshold"
    r"|in|this|that|draw|draw's|round|round's|for|lowest-ranked|lowest-ranking|lowest-scoring|lowest|ranked"
    r"|ranking|candidate|candidates|invited|system|CRS|C\.R\.S\.|comprehensive|currently|as|low|least|had|has"
    r"|with|needed|be|today['’]s|this|score's|just|only|point|points|of\s+20\d\d|in\s+20\d\d|s|still|an|invitation"
    r"|of\s+the\s+year(?:\s+20\d\d)?|for\s+20\d\d"
    # "the lowest Comprehensive Ranking Score (CRS) accepted was an astounding 75"
    r"|accepted|astounding|staggering|whopping|mere|remarkable|incredible|unprecedented|selected"
    # "the CRS cut off closed at an unthinkable high of 557"
    r"|closed|unthinkable|high"
    # "a Comprehensive Ranking System (CRS) score not less than 471"
    r"|(?:not|no)\s+(?:less|lower)\s+than"
    r"|declared|reported|announced|confirmed"
    # "The CRS cut-off score for the first EE draw held on July 6 was 557": the round named in the gap
    r"|held|on|EE|Express\s+Entry|first|latest|newest|most\s+recent|"
    + MONTH
    + r"\s+\d{1,2}(?:st|nd|rd|th)?(?:,?\s+20\d\d)?"
    r"|for\s+an\s+invitation|to\s+(?:get|receive)\s+an\s+(?:invitation(?:\s+to\s+apply)?(?:\s*\(ITA)?|ITA)"
    # "The minimum score required for getting an Invitation to Apply (ITA) was a 461 CRS ... score"
    r"|for\s+(?:getting|receiving)\s+an\s+(?:invitation(?:\s+to\s+apply)?(?:\s*\(ITA)?|ITA)"
    # "The minimum CRS score for this all-program draw was 511": one word naming the round's kind
    r"|(?!(?:previous|preceding|prior|last|next|earlier|other|upcoming|following|future|past)\b)[\w-]+"
    r"(?=\s+(?:draw|round)(?:'s)?\b)"
)
_CRS_CUE = re.compile(
    r"\bCRS\b|C\.R\.S\.|\bComprehensive\s+Ranking\s+(?:System|Score)|\bcut(?:-|\s)?off\b|\bthreshold\b|\bminimum\b"
    r"|\blowest-ranked\b|\bscores?\b|\b(?<=who\s)scored\b",
    re.I,
)
#: What may stand between a cue ("CRS", "cut-off", "minimum") and the cut-off itself.
_CRS_GAP = re.compile(r"(?:[\s:(),\"“”'’–—-]+(?:" + _FILLER + r")\b)*[\s:(),\"“”'’–—-]*", re.I)
_CRS_RIGHT = re.compile(
    r"^(?:\s+or\s+(?:more|higher|above))?\s+(?:(?:CRS|Comprehensive\s+Ranking\s+System)(?:\s+\(CRS\))?\s+)?"
    # "(1,510 invited, 546 minimum)"
    r"(?:points?\b|pts\b|score\b|cut-?off\b|minimum\b(?=\s*(?:[,;:)]|\.(?!\d)|$|(?:CRS\s+)?(?:score|points)\b)))",
    re.I,
)
#: A figure said of the round compared with: "since the December 23, 2020 draw (back then, the score was
#: 468)".
_BACK_THEN = re.compile(r"\b(?:back\s+then|at\s+that\s+time|at\s+the\s+time)\b[^.;]{0,40}$", re.I)
#: A cut-off said of a round to come: "The next draw may need 540 points", "the score is expected to fall to".
_PREDICTED_BEFORE = re.compile(
    r"(?:\bnext\s+(?:[\w-]+\s+){0,2}(?:draw|round)|\b(?:may|might|could|would|will)\s+(?:\w+\s+)?(?:need|require"
    r"|be|drop|fall|rise|go|see|stay|reach|hover|settle)|\bpredict\w*|\bforecast\w*|\bexpected\s+to|\blikely"
    r"|\bprobably|\bprojected)\b(?:(?![.;!?])[^\n]){0,50}$",
    re.I,
)
#: A cut-off followed by its change: "The May score was 452, which dropped to 447 on May 15th draw".
_CHANGED_AFTER = re.compile(
    r",?\s*(?:which|and\s+(?:it|then))\s+(?:then\s+|later\s+|has\s+|had\s+)?(?:dropped|fell|declined|decreased"
    r"|rose|climbed|increased|jumped|went\s+(?:up|down))\s+to\b",
    re.I,
)
_DIFFERENCE_RIGHT = re.compile(
    # "600 points are added to the candidate's profile" upon a nomination: an added score
    # "A total of 1200 CRS points are available": the scale, no round's cut-off
    # "the 600 points available through an LMIA"
    r"^\s+(?:CRS\s+)?points?\s+(?:(?:(?:are|is|were|was|will\s+be)\s+)?(?:added|awarded|given|granted|available|possible)\b"
    r"|higher|lower|more|less|fewer|below|above|under|over|short|up|down|added|additional|extra"
    r"|automatically|toward|to\s+their|for\s+a|from|on\s+top)",
    re.I,
)
_EXPLAINED_LEFT = re.compile(
    # "earn an automatic 600 points", "automatically adding 600 points"
    r"(?:adds?|adding|automatic|additional|extra|worth|receives?|gets?|earns?|earned|earning|possible|awarded|awards?"
    r"|allots?|allocates?|grants?|assigns?"
    r"|boost\w*|by|drop\s+of|decrease\s+of"
    r"|increase\s+of|rise\s+of|out\s+of|maximum\s+of|average\s+\w+\s+of|average|base|mean)\s+(?:of\s+)?$",
    re.I,
)
#: Points given to a candidate, a few words before the number: "nominees automatically receive a cumulative
#: score of 600 points" (not "received an invitation", "got their ITA").
_GIVEN_BEFORE = re.compile(
    r"\b(?:automatically\s+)?(?:receives?|gets?|gains?|earn(?:s|ed)?|(?:are|is)\s+(?:given|awarded|granted))\s+"
    r"(?!(?:a\s+|an\s+|their\s+|the\s+)?(?:provincial\s+)?(?:nominations?|invitations?|ITAs?)\b)"
    r"[^.;,]{0,30}$",
    re.I,
)
#: ... in a clause saying what the points are for: a nomination, or points added.
_POINTS_GIVEN_FOR = re.compile(r"\bnominat|\b(?:added|bonus|additional|extra|automatic(?:ally)?)\b", re.I)
#: A mark a cut-off went past, just before the number: "the cut-off score was finally below 500 points at
#: only 496", "scores dropped under 500" (not "as low as 481", "at least 470").
_THRESHOLD_BEFORE = re.compile(
    r"\b(?:below|under|beneath|above|over|past|exceed(?:ed|s|ing)?|surpass(?:ed|es|ing)?|crossed)\s+(?:the\s+)?"
    r"(?:(?:mark|level|threshold)\s+of\s+)?$",
    re.I,
)
#: A clause that explains scores rather than stating one.
_EXPLAINING = re.compile(
    r"\bwould\s+(?:only\s+)?(?:have|be)\b|\bbase\s+(?:points|score)"
    r"|\bwithout\s+(?:(?:the|a|their)\s+)?(?:provincial\s+)?nominations?|\bcore\s+(?:CRS\s+)?scores?\b"
    r"|\bhuman[-\s]capital\s+scores?\b"
    # "the draw would give him the ITA as his score is 435 CRS points": a candidate's own score
    r"|\b(?:his|her|their|your|my)\s+(?:CRS\s+)?(?:score|points)\b"
    r"|\b(?:before|prior\s+to)\s+(?:their|the|receiving)\s+(?:a\s+)?nomination"
    # "a score of just 154 before being nominated", "prior to getting a nomination", "excluding the 600"
    r"|\b(?:before|prior\s+to|without|excluding|not\s+counting)\s+(?:being|getting|having\s+been|having|receiving"
    r"|obtaining|they\s+were|they\s+got)\s+(?:(?:a|the|their|its)\s+)?(?:provincial(?:ly)?\s+|PNP\s+)?nominat\w+"
    r"|\b(?:excluding|not\s+counting|minus)\s+(?:the|their|a)\s+(?:\d+\s+)?(?:provincial\s+)?nomination",
    re.I,
)
#: A writer telling of their own invitation: a score they give is theirs, unless called the cut-off.
_FIRST_PERSON = re.compile(
    r"\b(?:I|[Ww]e)\s+(?:(?:have|had|just|finally|also)\s+)*(?:received|got|get|was\s+invited|were\s+invited)\b"
    r"|\b(?:[Mm]y|[Oo]ur)\s+(?:ITA|invitation|CRS)s?\b",
)
#: A candidate's timeline near a score ("CRS: 478 / ITA: March 4, 2020 / AOR: March 20"): the score is theirs.
_TIMELINE = re.compile(r"\b(?:AOR|PPR|e?COPR|ECOPR|[Mm]y\s+timeline)\b")


def _writers_own(text: str, clause: str, start: int, end: int) -> re.Match[str] | None:
    """What says that ``clause`` (at ``text[start:end]``) tells of the writer's own invitation: a first-person
    word in it, or a timeline's label within 200 characters of it; None where nothing does."""
    return _FIRST_PERSON.search(clause) or _TIMELINE.search(
        text, max(0, start - 200), min(len(text), end + 200)
    )


_CUT_OFF_WORD = re.compile(r"\b(?:cut-?\s?off|minimum|lowest|threshold)\b", re.I)
SUPERLATIVE = re.compile(
    r"\b(?:so\s+far|of\s+any|record|ever|this\s+year|of\s+20\d\d|all-time|lowest\s+all|(?:lowest|highest)\s+\w+\s+of)",
    re.I,
)
#: A day right after a number: the number opens a row ("331 January 7, 2025 Provincial Nominee Program").
_DATE_NEXT = re.compile(r"[ \t]+" + MONTH + r"\s+\d{1,2}\b", re.I)
_RANGE = re.compile(r"\b(?:between|ranging|ranged|range)\b", re.I)

# -- kinds ---------------------------------------------------------------------

_CATEGORY_PATTERNS = (
    ("stem", re.compile(r"\bSTEM\b|science,?\s+technology,?\s+engineering", re.I)),
    (
        "french",
        re.compile(
            r"\bFrench[-\s](?:language|proficiency|speaking|speakers|proficient)|\bFrancophone\s+candidates"
            r"|\bproficien\w*\s+in\s+(?:the\s+)?French\b(?!\s+or\b)|\bFrench\s+proficiency"
            # "the most recent French round", "the February 19 French draw", "a Francophone draw"
            r"|\b(?:French|Francophone)\s+(?:draws?|rounds?|category|ITAs?)\b",
            re.I,
        ),
    ),
    ("healthcare", re.compile(r"\bhealth\s?care\b|\bhealthcare\s+and\s+social|\bhealth\s+workers\b", re.I)),
    (
        "transport",
        # "Transport category draw: 975 invitations"
        re.compile(r"\btransport(?:ation)?\s+(?:occupations|category|draws?|rounds?|workers)\b", re.I),
    ),
    ("agriculture", re.compile(r"\bagri(?:culture|-food|food)", re.I)),
    (
        "trades",
        re.compile(
            r"\btrades?\s+(?:occupations?|category|draws?|workers|candidates|job)|\btrades\s+draw", re.I
        ),
    ),
    ("education", re.compile(r"\beducation\s+(?:occupations?|category|draws?)", re.I)),
)
_ACRONYMS = {"CEC": "CEC", "FSW": "FSW", "FSWP": "FSW", "FST": "FST", "FSTP": "FST", "PNP": "PNP"}
_ACRONYM = re.compile(r"\b(CEC|FSWP?|FSTP?|PNP)\b")
_NOMINATED_THROUGH = re.compile(
    r"\bnomination\b[^.;:]{0,30}?\b(?:through|under|via|from)\s+(?:the\s+|a\s+|its\s+)?$", re.I
)
_CERTIFICATE = re.compile(r"\)?\s*(?:\(\w+\)\s*)?certificates?\b", re.I)
_NOMINATION = re.compile(
    r"\b(?:with|holding|held|had|having)\s+(?:a\s+|already\s+)?(?:previously\s+received\s+a\s+)?"
    r"(?:provincial\s+)?nominations?\b|\bprovincial\s+nominees\b",
    re.I,
)
_GENERAL = re.compile(
    r"\b(?:general|all-programs?|all\s+programs?|no\s+program\s+specified)\s+(?:Express\s+Entry\s+|immigration\s+)?"
    r"(?:draw|round|invitation\s+round)\b(?!s)|\bno\s+program(?:me)?\s+(?:was\s+)?specified"
    # "there was no specific program listed for this draw"
    r"|\bno\s+(?:specific\s+|particular\s+)?program(?:me)?\s+(?:was\s+)?(?:listed|named|specified|indicated|designated)\b"
    r"|\b(?:did\s+not|didn[’']t|does\s+not|doesn[’']t)\s+specify\s+(?:a\s+|any\s+)?program(?:me)?s?\b"
    r"|\bnot\s+(?:limited\s+to\s+any\s+program|program[-\s]specific)|\bopen\s+to\s+(?:all|every)\s+programs?"
    r"|\bnot\s+targeted\s+(?:to|at|towards?)\s+(?:a|any)\s+(?:specific|particular|single)\s+"
    r"(?:group|program(?:me)?|category)"
    r"|\bdraw\s+for\s+all\s+(?:types\s+of\s+)?(?:candidates|programs)|\ball-candidate\s+draw"
    r"|\b(?:candidates|applicants)\s+from\s+all\s+programs"
    # "IRCC invited 3,000 candidates under all immigration programs"
    r"|\b(?:under|from|across|through)\s+all\s+(?:immigration\s+|Express\s+Entry\s+|economic\s+)?programs\b"
    # "inviting 1,490 candidates through a general selection process"
    r"|\bgeneral\s+selection\b"
    # "On July 6th IRCC re-opened all Express Entry programs including the FSWP and CEC"
    r"|\bre-?opened\s+all\s+(?:(?:of\s+)?(?:the|its)\s+)?(?:Express\s+Entry\s+)?programs\b"
    r"|\b(?:involving|covering|open\s+to)\s+all\s+three\s+(?:federal\s+)?(?:economic\s+)?(?:classes|programs)\b"
    # a list row's or a label's kind: "February 13: General, 1,490 ITAs", "Draw type: General"
    r"|(?:(?<=:\s)|(?<=\|\s)|(?<=\t))general(?=\s*(?:,|\||\t|\n|$))",
    re.I,
)
#: A clause names no kind of round unless one of these is in it (a fast test before the patterns).
_KIND_WORDS = (
    *("stem", "science", "french", "franco", "health", "transport", "agri", "trade", "educat", "canadian"),
    *(
        "federal",
        "provincial",
        "nomin",
        "cec",
        "pnp",
        "fsw",
        "fst",
        "general",
        "program",
        "all-",
        "all ",
        "no ",
    ),
)
_CATEGORY_WORDS = {
    "stem": ("stem", "science"),
    "french": ("french", "franco"),
    "healthcare": ("health",),
    "transport": ("transport",),
    "agriculture": ("agri",),
    "trades": ("trade",),
    "education": ("education",),
}
_GENERAL_WORDS = ("general", "all", "every", "no program", "no specific", "no particular", "not ", "specify")
_KIND_GATE = re.compile("|".join(re.escape(w) for w in _KIND_WORDS))
_PROGRAM_GATE = re.compile("canadian|federal|provincial")
_ACRONYM_GATE = re.compile("CEC|FS|PNP")
_CATEGORY_GATES = {slug: re.compile("|".join(words)) for slug, words in _CATEGORY_WORDS.items()}
_GENERAL_GATE = re.compile("|".join(re.escape(w) for w in _GENERAL_WORDS))
_FUTURE = re.compile(r"\b(?:resume|resumed|resuming|will|would|expected|plans?|aims?|aiming)\b", re.I)
_CATEGORY_NOISE = re.compile(r"English\s+or\s+French|French\s+or\s+English", re.I)


_PLURAL = re.compile(r"\b(?:draws|rounds|selections)\b", re.I)
_DIGIT = re.compile(r"\d")


def after_plural(text: str, start: int, pos: int) -> bool:
    """True when a plural "draws" comes before ``pos`` in the clause: the value speaks of several rounds."""
    return bool(_PLURAL.search(text, start, pos))


def number_at(match: re.Match[str]) -> int:
    return int(match.group(1).replace(",", ""))


#: The count in a round's Ministerial Instructions, the number the round issued: "the number of invitations
#: that may be issued for the period beginning on ... and ending on ... is 2,878".
_INSTRUCTED_COUNT = re.compile(
    r"\bnumber\s+of\s+invitations\s+that\s+(?:may|might|can|could|will)\s+be\s+issued\b[^.;:]{0,160}?\bis\s*$",
    re.I,
)


def invitations(text: str, start: int, end: int) -> tuple[list[Fact], list[str]]:
    """Counts of invitations stated in ``text[start:end]``, and why others were not taken."""
    clause = text[start:end]
    facts: list[Fact] = []
    notes: list[str] = []
    if not _DIGIT.search(clause):
        return facts, notes
    for match in _NUMBER.finditer(text, start, end):
        value = number_at(match)
        if value < 10 or (value >= 1900 and value <= 2100 and "," not in match.group(1)):
            continue
        before = text[max(start, match.start() - 40) : match.start()]
        if value <= 31 and _MONTH_JUST_BEFORE.search(before):
            continue  # "in the May 27 invitation round": a day of the month, not a count
        if value <= 31 and _MONTH_JUST_AFTER.match(text, match.end()):
            continue  # "IRCC on 13 February invited candidates": a day, the month after it
        noun = _INVITATION_NOUN.match(text, match.end(), end)
        labelled = said_after = None
        if noun is None:
            labelled = _INVITATION_LABEL.search(before) if _LABEL_WORD.search(before) else None
            if labelled is None and _BARE_AFTER.match(text, match.end(), end):
                # "The biggest, on January 30, invited 3,900 with a score of 438": the verb's bare object
                labelled = _INVITED_BARE.search(before)
            if labelled is None and "," in match.group(1):
                said_after = _BARE_INVITED_AFTER.match(text, match.end(), end)  # "2,985 were issued"
            if labelled is None and said_after is None:
                instructed = _INSTRUCTED_COUNT.search(text, max(start, match.start() - 200), match.start())
                if instructed is None:
                    continue
                # a round's Ministerial Instructions: "the number of invitations that may be issued for the
                # period beginning on December 22, 2016 and ending on December 23, 2016 is 2,878"
                facts.append(_fact(text, "invitations", value, match.start(), match.end()))
                continue
        elif re.match(_PEOPLE, noun.group("noun"), re.I) and not _INVITING.search(clause):
            continue
        elif noun.group("noun").lower() in ("immigrants", "applications") and not _INVITED_JUST_BEFORE.search(
            text, max(start, match.start() - 30), match.start()
        ):
            # "to welcome 485,000 new immigrants", "received 1,500 applications": a count only when just
            # invited ("IRCC invited 1,500 Express Entry applications")
            continue
        snippet_end = noun.end() if noun else match.end()
        if said_after is not None:
            snippet_end = said_after.end()
        snippet = text[
            (labelled.start() + max(start, match.start() - 40)) if labelled else match.start() : snippet_end
        ]
        if (
            len(match.group(1)) == 3
            and _SPLIT_THOUSANDS.search(text, max(0, match.start() - 6), match.start())
            and not _DAY_BEFORE.search(text, max(0, match.start() - 20), match.start())
        ):
            # "invited 3, 350 candidates": 3,350 with a stray space, or a day and a count; which is a doubt.
            shown = text[max(0, match.start() - 5) : snippet_end].strip()
            notes.append(f"invitations: {shown!r} may be one number split by a space; not taken")
            continue
        sentence_start = max(text.rfind(c, 0, match.start()) for c in ".!?\n") + 1
        if (
            noun is not None
            and (
                (
                    re.search(
                        r"\b(?:more|fewer|less|additional)\b", text[match.end() : noun.start("noun")], re.I
                    )
                    and (
                        # "750 additional invitations were issued over the November 28 draw"
                        re.search(r"\b(?:than|compared|over\s+the)\b", text[snippet_end:end], re.I)
                        # "Compared to the previous selection #227, 250 (ITA) more candidates were invited"
                        or _COMPARED_IN.search(text, sentence_start, match.start())
                    )
                )
                or re.match(
                    r"\s+(?:more|fewer|less)\s+(?:than|compared)\b"
                    # "and 500 invitations have been reduced": the drop from the round before
                    r"|\s+(?:(?:have|has|had)\s+been\s+|were\s+|was\s+)?(?:reduced|cut|dropped|removed|added)\b",
                    text[snippet_end : snippet_end + 30],
                    re.I,
                )
            )
        ):
            notes.append(f"invitations: {snippet!r} is a difference from another round; not taken")
            continue
        if re.search(r"\d\s*[–—-]\s*$|\bbetween\s+[\d,]+\s+and\s+$", before) or re.match(
            r"\s*[–—-]\s*\d", text[match.end() : match.end() + 4]
        ):
            # "within the range of 3000-7000 invitations to apply every two-week cycle": a range's bound
            notes.append(f"invitations: {snippet!r} is a bound of a range; not taken")
            continue
        if _BACK_THEN.search(before):
            notes.append(f"invitations: {snippet!r} is said of another time ('back then'); not taken")
            continue
        if _APPROXIMATE.search(before):
            notes.append(f"invitations: {snippet!r} is an approximation; not taken")
            continue
        if _PLAN_BEFORE.search(text, max(start, match.start() - 50), match.start()) or _PLAN_AFTER.match(
            text, snippet_end, end
        ):
            notes.append(f"invitations: {snippet!r} is a plan or a target; not taken")
            continue
        line_start = text.rfind("\n", 0, match.start()) + 1
        line_end = text.find("\n", match.end())
        field = _ROUND_FIELD.fullmatch(text, line_start, len(text) if line_end < 0 else line_end)
        total = (
            (None if field else _TOTAL_BEFORE.search(text[max(start, match.start() - 50) : match.start()]))
            or _YEAR_OPENING.search(text, max(start, match.start() - 150), match.start())
            or _TOTAL_AFTER.match(text, snippet_end, min(end, snippet_end + 60))
            or _SHARES_AFTER.match(text, snippet_end, end)
        )
        if (
            total is not None
            and total.start() >= snippet_end
            and _SINGLE_ROUND.search(text, snippet_end, total.end())
        ):
            total = None  # "27,332 CEC applicants in a single draw on February 13 of this year": one round's
        if total is None and _AS_OF_OPENING.match(text, sentence_start, match.start()):
            # "As of the last draw on September 29, IRCC has issued 109,696 invitations": a tally
            total = _HAS_ISSUED_BEFORE.search(text, sentence_start, match.start())
        if total is None and _SINCE_OPENING.match(text, sentence_start, match.start()):
            # "Since the start of all-program draws on July 6, 5,250 applicants have been issued ITAs"
            total = _TALLIED_AFTER.match(text, snippet_end, end)
        if total:
            notes.append(f"invitations: {snippet!r} is a total ({total.group(0).strip()!r}); not taken")
            continue
        people = noun is not None and re.match(_PEOPLE, noun.group("noun"), re.I)
        invited = _INVITING.search(
            text, max(start, match.start() - 80), match.start()
        ) or _INVITED_AFTER.match(text, snippet_end, end)
        if people and _POOL.search(clause) and (value >= 40_000 or not invited):
            notes.append(f"invitations: {snippet!r} counts the pool; not taken")
            continue
        if value > LARGEST_ROUND:
            # "Total ITAs issued: 33,404" under a year's figures: more than any round has invited
            notes.append(f"invitations: {snippet!r} is more than any round has invited; a total, not taken")
            continue
        together = listed(text, match, start, end, score=False)
        if together is not None:
            notes.append(f"invitations: {snippet!r} is listed with other rounds' ({together!r}); not taken")
            continue
        facts.append(Fact("invitations", value, match.start(), match.end(), snippet))
    return facts, notes


#: A cut-off said as the level a count was invited at: "3,600 invitations at 445", "were invited at 443",
#: "3,600 invitations on November 28, 2018 at 445".
_COUNTED_AT = re.compile(
    r"\b(?:invitations?|ITAs?|(?:invited|issued)(?:\s+\d{1,3}(?:,\d{3})+|\s+\d+)?|" + _PEOPLE + r")"
    r"(?:\s+(?:with|in)\s+(?:[\w-]+\s+){0,3}?(?:experience|proficiency|skills|occupations))?"
    r"(?:\s+on\s+" + MONTH + r"\s+\d{1,2}(?:st|nd|rd|th)?(?:,?\s+\d{4})?,?)?\s+at\s+$",
    re.I,
)
_NOT_A_SCORE_AFTER = re.compile(r"\s*(?:%|[ap]\.?m\b|:|h\b|UTC|GMT|E[DS]?T\b|percent)", re.I)


def crs(text: str, start: int, end: int) -> tuple[list[Fact], list[str]]:
    """CRS cut-offs stated in ``text[start:end]``."""
    clause = text[start:end]
    facts: list[Fact] = []
    notes: list[str] = []
    if not _DIGIT.search(clause):
        return facts, notes
    explaining = _EXPLAINING.search(clause)
    cues = [m.start() for m in _CRS_CUE.finditer(text, start, end)]
    moved = _moved_to(text, cues, start, end)
    for match in _NUMBER.finditer(text, start, end):
        if "," in match.group(1):
            continue
        value = number_at(match)
        if not 60 <= value <= 1200:
            continue
        before = text[max(start, match.start() - 90) : match.start()]
        after = text[match.end() : min(end, match.end() + 60)]
        left_at = _left_cue(text, cues, match.start())
        if left_at is None:
            left_at = moved.get(match.start())
        if left_at is None and (low := _NEW_LOW.search(text, max(start, match.start() - 40), match.start())):
            left_at = low.start()
        counted = _COUNTED_AT.search(text, max(start, match.start() - 60), match.start())
        if left_at is None and counted and not _NOT_A_SCORE_AFTER.match(after):
            left_at = counted.start()  # "IRCC issued 3,900 invitations at 445", "were invited at 449"
        right = None if left_at is not None else _CRS_RIGHT.match(after)
        if left_at is None and right is None:
            continue
        snippet = text[left_at if left_at is not None else match.start() : match.end()]
        if right:
            snippet = text[match.start() : match.end() + right.end()]
        if (
            _DIFFERENCE_RIGHT.match(after)
            or _EXPLAINED_LEFT.search(before[-30:])
            or (_GIVEN_BEFORE.search(before[-45:]) and _POINTS_GIVEN_FOR.search(clause))
        ):
            notes.append(f"crs_min: {snippet!r} is a difference or an added score; not taken")
            continue
        if re.match(r"['’]?s\b", after):
            continue  # "CRS scores in the 200s or 300s": a span of scores, no cut-off
        if _BACK_THEN.search(before[-50:]):
            notes.append(f"crs_min: {snippet!r} is said of another time ('back then'); not taken")
            continue
        if _PREDICTED_BEFORE.search(before[-70:]):
            notes.append(f"crs_min: {snippet!r} is a prediction; not taken")
            continue
        if _CHANGED_AFTER.match(after):
            notes.append(f"crs_min: {snippet!r} is the value before a change; not taken")
            continue
        if _OR_EXTRA.search(before[-40:]):
            notes.append(f"crs_min: {snippet!r} is a second added score; not taken")
            continue
        if _THRESHOLD_BEFORE.search(before[-30:]):
            notes.append(f"crs_min: {snippet!r} is a threshold the cut-off passed; not taken")
            continue
        if re.search(r"\baverage\b", before[-45:], re.I):
            notes.append(f"crs_min: {snippet!r} is an average; not taken")
            continue
        if explaining:
            notes.append(f"crs_min: {snippet!r} explains a score ({explaining.group(0)!r}); not taken")
            continue
        own = _writers_own(text, clause, match.start(), match.end())
        if own and not _CUT_OFF_WORD.search(before[-30:]):
            # "I received my ITA in the draw of 23 May 2018 with 452 points": the writer's score
            notes.append(f"crs_min: {snippet!r} is the writer's own score ({own.group(0)!r}); not taken")
            continue
        if (
            _APPROXIMATE.search(before[-20:])
            and not re.search(r"(?:as\s+low\s+as|(?:not|no)\s+(?:less|lower)\s+than)\s*$", before, re.I)
        ) or _IN_THE_RANGE.match(text, match.end()):
            # ("a score requirement in the 470 regions", "in the 470s range": a level, no cut-off)
            notes.append(f"crs_min: {snippet!r} is an approximation; not taken")
            continue
        if left_at is not None and _RANGE.search(text, left_at, match.start()):
            continue
        if (
            re.match(r"\s*[–—-]\s*\d{3}\b", text[match.end() : match.end() + 8])
            or re.search(r"\bbetween\s+\d{2,3}\s*(?:[–—-]|and)\s*$", before[-20:], re.I)
            or re.search(r"\d{3}\s*[–—-]\s*$", before[-8:])  # "the 601-1200 score range": its upper bound
        ):
            continue  # "scores in the 451–500 range", "lost between 300 – 550 points": a range's bound
        if _DATE_NEXT.match(text, match.end()):
            continue  # "CRS cut-off score" over "331 January 7, 2025 ...": a row's round number, no cut-off
        together = listed(text, match, start, end, score=True)
        if together is not None:
            notes.append(f"crs_min: {snippet!r} is listed with other rounds' ({together!r}); not taken")
            continue
        weak = left_at is not None and bool(SUPERLATIVE.search(text, left_at, match.start()))
        facts.append(Fact("crs_min", value, match.start(), match.end(), snippet, weak=weak))
    return facts, notes


#: A cut-off said as a move from the round before: "the cut-off dropped from 490 to 484" (484 is the round's),
#: "the threshold descended to as low as 413", "the draw saw the minimum score drop to 491".
_MOVED = re.compile(
    r"\b(?:dropped|fell|decreased|declined|dipped|slipped|slid|eased|rose|increased|climbed|jumped|went\s+(?:down|up)"
    r"|moved)\s+(?:\w+ly\s+)?(?:by\s+\d{1,3}\s+points?\s+)?from\s+(?:a\s+|an?\s+)?(?:\w+\s+){0,2}?\d{3}(?:\s+points?)?"
    r"(?:\s+in\s+the\s+(?:previous|last|prior|preceding)\s+(?:draw|round))?\s*,?\s+to\s+(?:just\s+|only\s+)?"
    r"(?=(?P<to>\d{3})\b)"
    # "the threshold descended to as low as 413": how low it went is the round's
    r"|\b(?:descended|dropped|fell|dipped|plunged|slid|sank)\s+to\s+as\s+low\s+as\s+(?=(?P<low>\d{3})\b)"
    # "The November 23 draw saw the minimum Comprehensive Ranking System score drop to 491": what a round saw
    r"|\b(?:draw|round)\s+saw\s+(?:the\s+|its\s+)?(?P<saw_cue>(?:[\w-]+\s+){0,5}?(?:score|cut-?off|threshold))"
    r"\s+(?:drop|fall|dip|decline|decrease|slide|sink|rise|climb|increase|jump|go\s+(?:down|up))\s+"
    r"(?:by\s+\d{1,3}\s+points?\s+)?to\s+(?:just\s+|only\s+)?(?=(?P<saw>\d{3})\b)",
    re.I,
)


#: The second of two added scores: "This guarantees an extra 50 points, or 200 points in the case of ...".
_OR_EXTRA = re.compile(r"\b(?:extra|additional|bonus|added)\s+\d{1,3}\s+points?,?\s+or\s+$", re.I)
#: A cut-off said as a record low, just before it: "The latest CRS draw ... reached a new low at 441".
_NEW_LOW = re.compile(r"\b(?:new|record|all-time|historic)\s+(?:record\s+)?low\s+(?:of|at)\s+$", re.I)


def _moved_to(text: str, cues: list[int], start: int, end: int) -> dict[int, int]:
    """Where each cut-off said as a move ("score fell from 490 to 484") starts, with where its cue starts."""
    found = {}
    for moved in _MOVED.finditer(text, start, end):
        if moved.group("saw"):
            found[moved.start("saw")] = moved.start("saw_cue")
            continue
        cue = _left_cue(text, cues, moved.start())
        if cue is not None:
            found[moved.start("to") if moved.group("to") else moved.start("low")] = cue
    return found


def _left_cue(text: str, cues: list[int], pos: int) -> int | None:
    """Where the cue of a cut-off at ``pos`` starts ("CRS score of 486": at "CRS"), or None."""
    for cue in cues:  # the earliest cue that reaches the number names the whole phrase
        if cue >= pos:
            break
        if pos - cue > 90:
            continue
        word = _CRS_CUE.match(text, cue)
        if word and _CRS_GAP.fullmatch(text, word.end(), pos):
            return cue
    return None


def kinds(text: str, start: int, end: int) -> list[tuple[str, str | None, Fact]]:
    """(round type, category slug or program code, where) named in ``text[start:end]``."""
    clause = text[start:end]
    out: list[tuple[str, str | None, Fact]] = []
    low = clause.lower()
    if not _KIND_GATE.search(low):
        return out
    masked = clause
    programs: list[tuple[str, int, int]] = []
    if _PROGRAM_GATE.search(low):
        for pattern, code in PROGRAM_NAMES:
            for match in pattern.finditer(clause):
                programs.append((code, start + match.start(), start + match.end()))
                masked = masked[: match.start()] + " " * (match.end() - match.start()) + masked[match.end() :]
    if _ACRONYM_GATE.search(clause):
        programs += [(_ACRONYMS[m.group(1)], m.start(), m.end()) for m in _ACRONYM.finditer(text, start, end)]
    if "nomin" in low:
        programs += [("PNP", m.start(), m.end()) for m in _NOMINATION.finditer(text, start, end)]
    noise = (
        [(start + m.start(), start + m.end()) for m in _CATEGORY_NOISE.finditer(clause)]
        if " or " in low
        else []
    )
    for slug, pattern in _CATEGORY_PATTERNS:
        if not _CATEGORY_GATES[slug].search(low):
            continue
        for match in pattern.finditer(masked):
            x, y = start + match.start(), start + match.end()
            if any(p <= x < q for p, q in noise):
                continue
            out.append(("category", slug, _fact(text, "category", slug, x, y)))
            break
    if _GENERAL_GATE.search(low) and not _FUTURE.search(clause):
        for match in _GENERAL.finditer(text, start, end):
            if _of_the_round_before(text, start, match.start(), match.end()):
                continue  # "since the last all-program draw": another round's kind (unless its day follows)
            if _DID_NOT_HAPPEN.match(text, match.end(), end):
                continue  # "The express entry draw for all programs did not take place this month"
            out.append(("general", None, _fact(text, "round_type", "general", match.start(), match.end())))
    programs.sort(key=lambda p: p[1])
    if _ELIGIBLE.search(low) and any(
        re.search(r"\bor\b", text[q:a]) for (_c, _p, q), (_d, a, _b) in itertools.pairwise(programs)
    ):
        # "candidates eligible under the FSWC or CEC": who may be invited, not the round's program.
        programs = []
    # "Apart from candidates eligible under the Federal Skilled Trades Class, the lowest ... was 413": a
    # program set aside names who was left out, not the round's program.
    programs = [p for p in programs if not _SET_ASIDE.search(text, max(start, p[1] - 60), p[1])]
    # "It was not a PNP draw", "no CEC candidates were invited": a kind denied is not the round's; "FSW
    # candidates were among those invited": one group of several, not the round's kind either.
    programs = [
        p
        for p in programs
        if not _DENIED.search(text, max(start, p[1] - 30), p[1])
        # "for the Federal Skilled Trades Category and not the Canada Experience Class or the Federal Skilled
        # Worker Class": the second of a list denied is denied too
        and not _DENIED_LIST.search(text, max(start, p[1] - 90), p[1])
    ]
    programs = [p for p in programs if not _among(text, start, end, p[1], p[2])]
    # "Minimum CRS points invited for Federal Skilled Worker Program was 413 on May 31, 2017": whose score a
    # record is, not the round's kind (unless a draw follows: "the cut-off for the CEC draw").
    programs = [
        p
        for p in programs
        if not (
            _SCORE_FOR_BEFORE.search(text, max(start, p[1] - 100), p[1])
            and not _DRAW_AFTER_PROGRAM.match(text, p[2], end)
        )
    ]
    programs = [p for p in programs if not _of_the_round_before(text, start, p[1], p[2])]
    if programs and _writers_own(text, clause, start, end):
        # "Profile: CEC, CRS 478, ITA on 4 March 2020, PPR ...": the writer's own program, not the round's
        # (unless a draw follows it: "my ITA came in the CEC draw").
        programs = [p for p in programs if _DRAW_AFTER_PROGRAM.match(text, p[2], end)]
    # "holding a positive LMIA or Provincial Nomination Program (PNP) certificate": a document candidates
    # hold, not the program a round was for.
    programs = [p for p in programs if not _CERTIFICATE.match(text, p[2], end)]
    # "points for ... a nomination from a province through the Provincial Nominee Program": how a candidate
    # earns points, not the program a round was for.
    programs = [p for p in programs if not _NOMINATED_THROUGH.search(text, max(start, p[1] - 60), p[1])]
    # "The last time FSWP candidates were drawn from the pool was on December 23, 2020", "FSWP candidates were
    # chosen for the final time on ...": when a program's candidates were last invited, not that round's kind
    # (an all-program round invites them too).
    programs = [
        p
        for p in programs
        if not _LAST_TIME_BEFORE.search(text, max(start, p[1] - 70), p[1])
        and not _LAST_TIME_AFTER.match(text, p[2], end)
        # "a temporary pause on Canada Express Entry draws for FSWP candidates": several rounds' kind
        and not _PAUSED_FOR.search(text, max(start, p[1] - 90), p[1])
    ]
    if programs and _TALLY_CLAUSE.search(clause):
        # "Including this latest draw of May 14, 2021, Canada has so far invited 66,475 total candidates from
        # PNP and CEC stream": the programs of a running total, not of the round
        programs = []
    out = [
        k
        for k in out
        if k[0] != "category"
        or not (
            _DENIED.search(text, max(start, k[2].start - 30), k[2].start)
            or _among(text, start, end, k[2].start, k[2].end)
        )
    ]
    for code, a, b in programs:
        out.append(("program", code, _fact(text, "programs", code, a, b)))
    return out


#: When a program's candidates were last invited: "the last time FSWP candidates", "the last draw for FSWP
#: candidates" (before the program) and "FSWP candidates were chosen ... for the final time" (after it).
_LAST_TIME_BEFORE = re.compile(
    r"\b(?:last|final)\s+(?:time\b|(?:[\w-]+\s+){0,3}?(?:draw|round)\s+(?:for|to\s+invite|inviting)\b)"
    r"(?:(?!\b(?:draw|round)s?\b)[^.;:!?]){0,40}$",
    re.I,
)
_LAST_TIME_AFTER = re.compile(
    r"\)?(?:\s*\([A-Z]{2,5}\))?\s+(?:candidates\s+)?(?:were|have\s+been|had\s+been)\s+(?:[\w-]+\s+){0,8}?"
    r"(?:for\s+the\s+(?:final|last)\s+time|last\b)",
    re.I,
)
#: A running total's clause: "has so far invited 66,475 total candidates", "issued ... to date".
_TALLY_CLAUSE = re.compile(
    r"\b(?:so\s+far|to\s+date|thus\s+far)\s+(?:invited|issued|selected)\b"
    r"|\b(?:invited|issued|selected)\s+(?:[\w,]+\s+){0,4}?(?:so\s+far|to\s+date|thus\s+far)\b"
    r"|\b[\d,]+\s+total\s+(?:candidates|invitations|ITAs|applicants)\b",
    re.I,
)
#: A pause of a program's rounds: "a temporary pause on Express Entry draws for FSWP candidates".
_PAUSED_FOR = re.compile(
    r"\b(?:pause|suspension|halt|freeze|break|stop)\s+(?:on|of|in|to)\s+(?:[\w-]+\s+){0,4}?"
    r"(?:draws|rounds|invitations|invites)\s+(?:for|to)\s+(?:the\s+)?$",
    re.I,
)
_SET_ASIDE = re.compile(
    r"\b(?:apart\s+from|aside\s+from|except(?:\s+for)?|excluding|other\s+than|besides|not\s+counting)\b[^,.;:]{0,50}$",
    re.I,
)
_DENIED = re.compile(
    r"\b(?:not|n['’]t|no|neither|nor)\s+(?:(?:a|an|the|for|only|just|limited\s+to|open\s+to|targeted\s+(?:at|to))\s+){0,2}$",
    re.I,
)
_DENIED_LIST = re.compile(
    r"\b(?:not|neither)\s+(?:the\s+|a\s+|an\s+)?[^.;,]{2,60}?\s+(?:or|nor)\s+(?:the\s+|a\s+|an\s+)?$", re.I
)
#: A kind of round said not to have happened: "the draw for all programs did not take place this month".
_DID_NOT_HAPPEN = re.compile(
    r"[^.;]{0,20}?\b(?:did\s+not|didn['’]t|has\s+not|hasn['’]t|have\s+not|haven['’]t|was\s+not|were\s+not)"
    r"\s+(?:yet\s+)?(?:take\s+place|taken\s+place|been\s+held|held|happen(?:ed)?|occur(?:red)?)\b",
    re.I,
)
#: A kind named as another round's, the one before: "since the last all-program draw".
_SINCE_THE_LAST = re.compile(r"\b(?:since|after|than)\s+the\s+(?:last|previous|latest|prior)\s+$", re.I)
#: ... unless that round's day follows: "since the last general draw on February 28".
_DAY_NEXT = re.compile(
    r"(?:\s+[\w-]+){0,3}?\s+(?:held\s+|conducted\s+)?(?:on|of)\s+(?:the\s+)?(?:\d{1,2}(?:st|nd|rd|th)?\s+)?"
    + MONTH,
    re.I,
)
_ELIGIBLE = re.compile(
    r"\b(?:eligible|registered|qualif(?:y|ied|ying)|profiles?)\s+(?:(?:to\s+apply\s+)?(?:under|for|through|in))\b",
    re.I,
)
#: "FSW candidates were among today's successful candidates", "among those invited were CEC candidates",
#: "many of them FSW candidates": a group named as one of several invited (a share) says nothing of the
#: round's kind.
_AMONG_AFTER = re.compile(
    r"[^.;:!?]{0,40}?\b(?:were|was|are|is|figured|featured)\s+(?:also\s+|again\s+)?among\b"
    # "Candidates in the Federal Skilled Worker Program, who had been left out, were finally included in"
    r"|[^.;:!?]{0,70}?\b(?:were|was)\s+(?:\w+\s+)?included\s+in\b",
    re.I,
)
_AMONG_BEFORE = re.compile(
    r"\b(?:among|(?:many|most|some|several|half|a\s+(?:third|quarter|majority)|the\s+majority)\s+of)"
    r"\s+(?:them|those|the|today['’]s|this|these)\b(?:(?!\b(?:draw|round)s?\b)[^.;:!?]){0,60}$"
    # "About 90% of the candidates who received invites in this draw were CEC candidates": a share
    r"|\b\d{1,3}(?:\.\d+)?\s*(?:%|per\s*cent|percent)\s+of\s+(?:the\s+|those\s+|them\b)?"
    r"(?:candidates|applicants|invitations|invitees|ITAs|people|them)?\b[^.;:!?]{0,80}$"
    # "ITAs were improperly distributed ... on November 23rd, including some PNP applicants": one group
    r"|\bincluding\s+(?:some|several|a\s+few|many)\s+$"
    # "a departure from usual as it considered candidates belonging to the FSWP category": a group let in
    r"|\b(?:considered|included|including|let\s+in)\s+(?:\w+\s+)?candidates\s+(?:belonging\s+to|from|in|of|under)"
    r"\s+(?:the\s+)?$"
    # "the first draw to include Federal Skilled Worker candidates again since March": one group let in
    r"|\b(?:draws?|rounds?)\s+(?:that\s+|which\s+)?(?:to\s+include|includ(?:ed|es|ing))\s+(?:the\s+)?$",
    re.I,
)


#: A score said "for" a program's candidates, no draw named between ("Minimum CRS points invited for Federal
#: Skilled Worker Program was 413", "the minimum score invited till now is 75 on Feb 13, 2021 for Canadian
#: Experience Class candidate"): whose score it is, not the round's kind.
_SCORE_FOR_BEFORE = re.compile(
    r"\b(?:scores?|points?|CRS|cut-?offs?)\b(?:(?!\b(?:draw|round)s?\b)[^.;]){0,80}?\bfor\s+(?:the\s+|a\s+)?$",
    re.I,
)
#: "... for the Canadian Experience Class (CEC) draw", "for CEC-only rounds": the round named by its program.
_DRAW_AFTER_PROGRAM = re.compile(r"(?:\s*\([A-Z]+\))?(?:-only)?\s*(?:-only\s+)?(?:draws?|rounds?)\b", re.I)


def _of_the_round_before(text: str, start: int, a: int, b: int) -> bool:
    """Is the kind at ``text[a:b]`` said of the round before ("since the last all-program draw"), with no
    day of its own after it?"""
    return bool(_SINCE_THE_LAST.search(text, max(start, a - 30), a)) and not _DAY_NEXT.match(text, b)


def _among(text: str, start: int, end: int, a: int, b: int) -> bool:
    """Is the kind named at ``text[a:b]`` one group among those invited (in the clause ``start:end``)?"""
    return bool(_AMONG_AFTER.match(text, b, end) or _AMONG_BEFORE.search(text, max(start, a - 100), a))


def cell_kind(cell: str, start: int) -> list[tuple[str, str | None, Fact]]:
    """The kind a table cell names ("PNP-only", "All-program", "STEM occupations")."""
    stripped = cell.strip()
    if not stripped:
        return []
    where = Fact("round_type", stripped, start, start + len(cell), cell)
    if re.search(r"\ball[-\s]program|\bgeneral\b|no\s+program", stripped, re.I):
        return [("general", None, where)]
    acronym = _ACRONYM.search(stripped)
    if acronym:
        return [("program", _ACRONYMS[acronym.group(1)], where)]
    found = classify(stripped)
    if found.round_type == "category" and not found.warnings:
        return [("category", found.category, where)]
    if found.round_type == "program":
        return [("program", code, where) for code in found.programs]
    if found.round_type == "general":
        return [("general", None, where)]
    for slug, pattern in KNOWN_CATEGORIES:
        if pattern.search(stripped):
            return [("category", slug, where)]
    return []


def _fact(text: str, name: str, value: object, start: int, end: int) -> Fact:
    return Fact(name, value, start, end, text[start:end])
