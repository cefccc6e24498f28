"""The prose of an article that reports rounds: text -> each round's facts (pure).

"IRCC issued Ministerial Instructions for the 254th round ... 500 applicants
were invited ... STEM ... with a CRS score of 486." The parser finds the
rounds an article names (``#254``, ``draw no. 254``, ``the 254th round``)
and attributes each fact to the round whose sentence or clause states it.
Clauses that compare with another round ("down from", "than", "the previous
draw") belong to the round they name, or to none: their numbers never leak
into the round the article is about. Every fact carries its span and the
matched text; a fact not stated stays ``None``. Approximations ("more than
500 candidates") are not counts and are not taken.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from scraper.domain.parsing.announcement import ARTICLE, Announcement, Found, NotAnnouncement, RoundFacts
from scraper.domain.parsing.dates import parse_datetime
from scraper.domain.parsing.mi_page import html_text, tidy_lines
from scraper.domain.parsing.taxonomy import KNOWN_CATEGORIES, PROGRAM_NAMES

# -- round references ----------------------------------------------------------

_ROUND_REFS = (
    re.compile(r"#\s?(?P<id>\d{1,4}[a-z]?)\b", re.I),
    re.compile(r"\b(?:draw|round)\s+(?:no\.?|number|num\.?)\s*#?\s*(?P<id>\d{1,4}[a-z]?)\b", re.I),
    re.compile(
        r"\b(?P<id>\d{1,4})(?:st|nd|rd|th)\s+(?:(?:Express\s+Entry|EE|[a-z]+-(?:based|specific)|general)\s+){0,2}"
        r"(?:round|draw)\b(?!\s+(?:this|of\s+the\s+year|of\s+20\d\d|in\s+a\s+row|since))",
        re.I,
    ),
)

# -- clauses -------------------------------------------------------------------

_ABBREVIATIONS = {"no", "nov", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "dec"}
_ABBREVIATIONS |= {"vs", "approx", "e.g", "i.e", "mr", "mrs", "ms", "dr", "st", "inc", "ltd", "u.s", "no"}
_SENTENCE_END = re.compile(r"[.!?]+[\"”’)]*\s+|\n+")
#: Words that start a clause about another round than the one being described.
_COMPARISON = re.compile(
    r"\b(?:compared\s+(?:with|to)|(?:down|up)\s+from|versus|vs\.|whereas|previous|preceding|prior"
    r"|last\s+(?:draw|round|week's|month's)|earlier\s+(?:draw|round)"
    r"|(?:lower|higher|fewer|greater|more|less|larger|smaller|bigger)\s+than(?!\s+\d))",
    re.I,
)

# -- facts ---------------------------------------------------------------------

_NUM = r"(?P<n>\d{1,3}(?:,\d{3})+|\d+)"
_MODIFIER = r"(?:(?:new|more|additional|eligible|Express\s+Entry|[A-Z][\w-]*|[a-z]+-[a-z]+)\s+)"
_INVITATIONS = (
    re.compile(
        _NUM + r"\s+" + _MODIFIER + r"{0,3}(?P<noun>invitations?(?:\s+to\s+apply)?|ITAs?\b|candidates|"
        r"applicants|people|profiles|individuals|foreign\s+nationals)\b",
    ),
    re.compile(r"\b(?:invitations?|ITAs)(?:\s+(?:issued|sent))?\s*[:–—-]\s*" + _NUM + r"\b(?!,\d)", re.I),
)
_PEOPLE = re.compile(r"candidates|applicants|people|profiles|individuals|foreign", re.I)
_INVITING = re.compile(r"invit|\bITAs?\b|\bissued\b|\bselected\b", re.I)
_APPROXIMATE = re.compile(
    r"(?:about|around|approximately|nearly|almost|roughly|over|more\s+than|fewer\s+than|less\s+than"
    r"|up\s+to|some|at\s+least|close\s+to|under|~)\s*$",
    re.I,
)
_POOL = re.compile(r"\bpool\b", re.I)

_CRS = (
    re.compile(
        r"\bCRS\b(?:[\s:–—-]+(?:score|scores|cut-?off|threshold|minimum|requirement|required|needed|of|was"
        r"|is|at|stood|set|a|the|points?)\b){0,5}[\s:–—-]*(?P<n>\d{2,4})\b(?!,\d)(?!\s*(?:candidates|"
        r"applicants|invitations|ITAs|profiles))",
        re.I,
    ),
    re.compile(
        r"\b(?:cut-?off|minimum|lowest(?:-ranked)?|threshold)\b(?:[\s:–—-]+(?:CRS|score|candidate|invited"
        r"|required|needed|was|is|of|at|stood|set|had|a|the|rank|ranked|points?)\b){0,6}[\s:–—-]*"
        r"(?P<n>\d{3,4})\b(?!,\d)(?!\s*(?:candidates|applicants|invitations|ITAs|profiles))",
        re.I,
    ),
)
_CRS_CONTEXT = re.compile(r"\bCRS\b|cut-?off|minimum|lowest|threshold", re.I)
_SCORE = re.compile(r"\bscore\s+of\s+(?P<n>\d{3,4})\b(?!,\d)|\b(?P<m>\d{3,4})\s+(?:CRS\s+)?points\b", re.I)

_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?"
    r"|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_TIME = r"(?:\s*,?\s*(?:at\s*)?\d{1,2}:\d{2}(?::\d{2})?(?:\s*[ap]\.?m\.?)?(?:\s*(?:UTC|GMT|EST|EDT|ET)\b)?)?"
_DATE = re.compile(
    r"\b(?P<date>" + _MONTH + r"\s+\d{1,2}(?:st|nd|rd|th)?\b(?:,?\s*\d{4}\b)?"
    r"|\d{1,2}(?:st|nd|rd|th)?\s+" + _MONTH + r"\s*,?\s*\d{4}\b"
    r"|\d{4}-\d{2}-\d{2}\b)(?P<time>" + _TIME + r")",
    re.I,
)
_TIE_BREAK = re.compile(
    r"(?:tie-?break\w*|cut-?off\s+(?:date|time)|submitted\s+(?:before|by|on)|profiles?\s+created)\W*"
    r"(?:\w+\W+){0,6}$",
    re.I,
)
_PUBLISHED = re.compile(r"(?:published|posted|updated|modified)\b[\s:]*(?:on\s+)?$", re.I)

_ACRONYMS = {"CEC": "CEC", "FSW": "FSW", "FSWP": "FSW", "FST": "FST", "FSTP": "FST", "PNP": "PNP"}
_ACRONYM = re.compile(r"\b(CEC|FSWP?|FSTP?|PNP)\b")
_GENERAL = re.compile(r"\b(?:general|all-program|no\s+program\s+specified)\s+(?:draw|round)s?\b", re.I)
_CATEGORY_CONTEXT = re.compile(
    r"\b(?:occupations?|categor(?:y|ies)|draw|round|candidates|professionals|workers|proficiency"
    r"|invitations|ITAs|applicants)\b",
    re.I,
)


@dataclass(frozen=True)
class _Ref:
    round_id: str
    start: int
    end: int
    snippet: str


@dataclass(frozen=True)
class _Clause:
    start: int
    end: int
    comparison: bool


@dataclass
class _Facts:
    """Facts gathered for one round while reading."""

    round_id: Found | None = None
    found: dict[str, Found] = field(default_factory=dict)
    #: (round type, category slug or program code, where) in reading order.
    kinds: list[tuple[str, str | None, Found]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def add(self, name: str, value: Found) -> None:
        kept = self.found.get(name)
        if kept is None:
            self.found[name] = value
        elif kept.value != value.value:
            self.warnings.append(
                f"{name}: the article also says {value.snippet!r} (at {value.start}); "
                f"kept {kept.snippet!r} (at {kept.start})"
            )


def parse_article(body: bytes | str, url: str = "", *, published: dt.date | None = None) -> Announcement:
    """Parse an article (HTML or plain text). ``published`` dates year-less dates."""
    return parse_article_text(article_text(body), published=published)


def article_text(body: bytes | str) -> str:
    """The article's text: HTML made into lines, plain text as it is."""
    head = body[:2048].decode("latin-1") if isinstance(body, bytes) else body[:2048]
    if re.search(r"<(?:!doctype|html|body|p|div|article|h[1-6]|br)\b", head, re.I):
        return html_text(body)
    if isinstance(body, bytes):
        try:
            body = body.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise NotAnnouncement(f"the article is not UTF-8 text (byte {exc.start})") from None
    # Plain text wraps its lines: a paragraph (up to a blank line) is one line.
    paragraphs = re.split(r"\n[ \t]*\n", body.replace("\r\n", "\n"))
    return tidy_lines("\n".join(" ".join(p.split("\n")) for p in paragraphs))


def parse_article_text(text: str, *, published: dt.date | None = None) -> Announcement:
    """Parse an article's text into the rounds it reports, in the order it names them."""
    if not text.strip():
        raise NotAnnouncement("the article is empty")
    warnings: list[str] = []
    published = published or _publication_date(text)
    refs = _round_refs(text)
    rounds: dict[str | None, _Facts] = {}
    for start, end, owner in _attribute(text, refs):
        if owner is _OTHER:
            continue
        facts = rounds.setdefault(owner, _Facts())
        _extract(text, start, end, published, facts)
    for ref in refs:
        facts = rounds.setdefault(ref.round_id, _Facts())
        if facts.round_id is None:
            facts.round_id = Found(ref.round_id, ref.start, ref.end, ref.snippet)
    result = []
    for key, facts in rounds.items():
        if key is None and not facts.found:
            continue
        if key is None:
            warnings.append("the article states facts about a round it does not number; they are not stored")
        result.append(_round_facts(facts))
    result.sort(key=lambda r: r.round_id.start if r.round_id else -1)
    return Announcement(ARTICLE, tuple(result), tuple(warnings))


def _round_refs(text: str) -> list[_Ref]:
    refs: dict[int, _Ref] = {}
    for pattern in _ROUND_REFS:
        for match in pattern.finditer(text):
            if any(r.start <= match.start() < r.end for r in refs.values()):
                continue
            refs[match.start()] = _Ref(match.group("id").lower(), match.start(), match.end(), match.group(0))
    return [refs[k] for k in sorted(refs)]


def _clauses(text: str) -> Iterator[_Clause]:
    """Sentences, cut again where a clause about another round begins."""
    start = 0
    for match in _SENTENCE_END.finditer(text):
        if "\n" not in match.group(0):
            word = re.search(r"([\w.]+)[.!?]+[\"”’)]*$", text[start : match.start() + 1])
            after = text[match.end() : match.end() + 1]
            if (word and word.group(1).lower().rstrip(".") in _ABBREVIATIONS) or after.islower():
                continue
        yield from _split_comparisons(text, start, match.end())
        start = match.end()
    if start < len(text):
        yield from _split_comparisons(text, start, len(text))


def _split_comparisons(text: str, start: int, end: int) -> Iterator[_Clause]:
    cuts = [m.start() for m in _COMPARISON.finditer(text, start, end)]
    bounds = [start, *cuts, end]
    for i in range(len(bounds) - 1):
        if bounds[i] < bounds[i + 1]:
            yield _Clause(bounds[i], bounds[i + 1], comparison=i > 0 or bool(cuts and cuts[0] == start))


_OTHER = object()  # a clause about a round the article does not number


def _attribute(text: str, refs: list[_Ref]) -> Iterator[tuple[int, int, object]]:
    """Text ranges and the round each belongs to (an id, None before any is named, or _OTHER)."""
    subject: str | None = None
    pending: list[tuple[int, int]] = []
    for clause in _clauses(text):
        inside = [r for r in refs if clause.start <= r.start < clause.end]
        if not inside:
            if clause.comparison:
                yield clause.start, clause.end, _OTHER
            elif subject is None:
                pending.append((clause.start, clause.end))
            else:
                yield clause.start, clause.end, subject
            continue
        bounds = [clause.start, *(r.start for r in inside[1:]), clause.end]
        for ref, a, b in zip(inside, bounds, bounds[1:], strict=False):
            yield a, b, ref.round_id
        if not clause.comparison:
            if subject is None:
                for a, b in pending:
                    yield a, b, inside[0].round_id
                pending = []
            subject = inside[-1].round_id
    for a, b in pending:
        yield a, b, None


def _publication_date(text: str) -> dt.date | None:
    for match in _DATE.finditer(text):
        if _PUBLISHED.search(text[max(0, match.start() - 30) : match.start()]):
            parsed = parse_datetime(match.group("date"), "publication date", reference=None, want_time=False)
            if isinstance(parsed.value, dt.date):
                return parsed.value
    return None


def _extract(text: str, start: int, end: int, published: dt.date | None, facts: _Facts) -> None:
    """Every fact stated in ``text[start:end]``, added to ``facts``."""
    chunk = text[start:end]
    _invitations(text, start, end, chunk, facts)
    _crs(text, start, end, chunk, facts)
    _dates(text, start, end, published, facts)
    _kind(text, start, end, facts)


def _found(text: str, match: re.Match[str], value: object, group: str = "n") -> Found:
    return Found(value, match.start(group), match.end(group), text[match.start() : match.end()])


def _invitations(text: str, start: int, end: int, chunk: str, facts: _Facts) -> None:
    for pattern in _INVITATIONS:
        for match in pattern.finditer(text, start, end):
            before = text[max(start, match.start() - 40) : match.start()]
            if _APPROXIMATE.search(before) or _POOL.search(before):
                continue
            noun = match.groupdict().get("noun")
            if noun and _PEOPLE.match(noun) and not _INVITING.search(chunk):
                continue
            facts.add("invitations", _found(text, match, int(match.group("n").replace(",", ""))))


def _crs(text: str, start: int, end: int, chunk: str, facts: _Facts) -> None:
    matches = [m for pattern in _CRS for m in pattern.finditer(text, start, end)]
    if not matches and _CRS_CONTEXT.search(chunk):
        matches = list(_SCORE.finditer(text, start, end))
    for match in sorted(matches, key=lambda m: m.start()):
        group = "n" if match.group("n") else "m"
        value = int(match.group(group))
        before = text[max(start, match.start(group) - 20) : match.start(group)]
        if 0 < value <= 1200 and not _APPROXIMATE.search(before):
            facts.add("crs_min", _found(text, match, value, group))


def _dates(text: str, start: int, end: int, published: dt.date | None, facts: _Facts) -> None:
    for match in _DATE.finditer(text, start, end):
        before = text[max(0, match.start() - 60) : match.start()]
        if _PUBLISHED.search(before[-30:]):
            continue
        reference = published
        if "date" in facts.found:
            reference = facts.found["date"].value
        raw_time = match.group("time").strip(" ,")
        if _TIE_BREAK.search(before):
            if raw_time:
                parsed = parse_datetime(match.group(0), "tie-break", reference=reference)
                facts.warnings.extend(parsed.warnings)
                if isinstance(parsed.value, dt.datetime):
                    facts.add("tie_break_at", Found(parsed.value, match.start(), match.end(), match.group(0)))
            continue
        day = parse_datetime(match.group("date"), "date", reference=reference, want_time=False)
        facts.warnings.extend(day.warnings)
        if not isinstance(day.value, dt.date):
            continue
        facts.add("date", Found(day.value, match.start(), match.end("date"), match.group("date")))
        if raw_time:
            held = parse_datetime(match.group(0), "date and time", reference=day.value)
            facts.warnings.extend(held.warnings)
            if isinstance(held.value, dt.datetime):
                facts.add("held_at", Found(held.value, match.start(), match.end(), match.group(0)))


def _kind(text: str, start: int, end: int, facts: _Facts) -> None:
    """Programs, a category or a general round named in ``text[start:end]``."""
    masked = text
    programs: list[tuple[str, re.Match[str]]] = []
    for pattern, code in PROGRAM_NAMES:
        for match in pattern.finditer(text, start, end):
            programs.append((code, match))
            masked = masked[: match.start()] + " " * (match.end() - match.start()) + masked[match.end() :]
    programs += [(_ACRONYMS[m.group(1)], m) for m in _ACRONYM.finditer(text, start, end)]
    for slug, pattern in KNOWN_CATEGORIES:
        for match in pattern.finditer(masked, start, end):
            window = masked[max(start, match.start() - 30) : min(end, match.end() + 40)]
            if _CATEGORY_CONTEXT.search(window):
                facts.kinds.append(("category", slug, _match_found(text, match)))
                break
    for match in _GENERAL.finditer(text, start, end):
        facts.kinds.append(("general", None, _match_found(text, match)))
    for code, match in sorted(programs, key=lambda p: p[1].start()):
        facts.kinds.append(("program", code, _match_found(text, match)))


def _match_found(text: str, match: re.Match[str]) -> Found:
    return Found(match.group(0), match.start(), match.end(), match.group(0))


def _round_facts(facts: _Facts) -> RoundFacts:
    """Decide the round's kind (a category beats a general round beats programs) and freeze."""
    found = dict(facts.found)
    warnings = list(facts.warnings)
    categories = [(slug, where) for kind, slug, where in facts.kinds if kind == "category"]
    programs = [(code, where) for kind, code, where in facts.kinds if kind == "program"]
    general = [where for kind, _, where in facts.kinds if kind == "general"]
    if categories:
        slug, where = categories[0]
        found["round_type"] = _relabel(where, "category")
        found["category"] = _relabel(where, slug)
        others = sorted({s for s, _ in categories} - {slug})
        if others:
            warnings.append(f"category: the article also names {', '.join(others)}; kept {slug}")
    elif general:
        found["round_type"] = _relabel(general[0], "general")
    elif programs:
        found["round_type"] = _relabel(programs[0][1], "program")
    if programs:
        codes = {code for code, _ in programs}
        ordered = tuple(c for c in ("CEC", "FSW", "FST", "PNP") if c in codes)
        first = programs[0][1]  # where the first program is named
        found["programs"] = Found(ordered, first.start, first.end, first.snippet)
    return RoundFacts(round_id=facts.round_id, warnings=tuple(dict.fromkeys(warnings)), **found)


def _relabel(where: Found, value: object) -> Found:
    return Found(value, where.start, where.end, where.snippet)
