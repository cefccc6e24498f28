"""An article's text as units: paragraphs, headings, labelled lines, list items, table rows, footnotes."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from scraper.parsing.article_dates import MONTH

_BULLET = re.compile(r"^\s*(?:[-•–—]|\d{1,2}[.)])\s+")
_LABEL = re.compile(r"^\s*(?:[^\w\s]{1,3}\s+)?(?:[^\W\d][^:.!?\d|\t]{0,45}):\s*\S")
_BARE_LABEL = re.compile(r"^[^\W\d][^:.!?\d|\t]{0,40}$")
_BARE_VALUE = re.compile(r"^\s*(?:\d{1,3}(?:,\d{3})+|\d+)\*?\s*$")
_ABBREVIATIONS = {"no", "nov", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "dec"}
_ABBREVIATIONS |= {"vs", "approx", "e.g", "i.e", "mr", "mrs", "ms", "dr", "st", "inc", "ltd", "u.s", "c.r.s"}
_SENTENCE_END = re.compile(r"[.!?]+[\"”’)]*\s+")
ROW_DATE = re.compile(r"^\s*" + MONTH + r"\s+\d{1,2}(?:st|nd|rd|th)?(?:,?\s*\d{4})?\s*[:–—-]\s", re.I)
NUMBER_REF_LINE = re.compile(r"#\s?\d{1,4}\b|\b(?:draw|round)\s*(?:no\.?|number)?\s*[:#]?\s*\d{1,4}\b", re.I)


@dataclass(frozen=True)
class Unit:
    start: int
    end: int
    kind: str  # prose, heading, label, item, row, header, foot, link
    cells: tuple[tuple[int, int], ...] = ()
    #: What each cell holds, for a row that has no header row above it (a pair list under its caption).
    columns: tuple[str, ...] = ()


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
    links = False  # under a "Read More" heading: the lines are other articles' titles
    while i < len(lines):
        a, b = lines[i]
        line = text[a:b]
        if _LINK_LIST.match(line):
            links = True
            out.append(Unit(a, b, "link"))
            i += 1
            continue
        titles = links and not re.search(r"[.!?:](?:\s|$)", line)
        if titles and (len(line.strip()) < 140 or _LINK_LIST.match(text[lines[i - 1][0] : lines[i - 1][1]])):
            # "Canada Invites 3,350 With Minimum Score of 450 In New Express Entry Draw" under "Read More"
            # (the first line may be several titles run together; none ends a sentence)
            out.append(Unit(a, b, "link"))
            i += 1
            continue
        links = False
        stacked = _stacked_table(text, lines, i)
        if stacked:
            out.extend(stacked)
            i += sum(len(u.cells) for u in stacked)  # one line per cell
            continue
        spaced = _spaced_table(text, lines, i)
        if spaced:
            out.extend(spaced)
            i += len(spaced)  # one line per row, whatever its cells
            continue
        dashed = _dashed_list(text, lines, i)
        if dashed:
            out.extend(dashed)
            i += len(dashed)  # one line per row
            continue
        pairs = _pair_list(text, lines, i)
        if pairs:
            out.extend(pairs)
            i += 2 * len(pairs)  # two lines per row
            continue
        double = _double_table(text, lines, i)
        if double:
            out.extend(double)
            i += 1 + len({text.rfind("\n", 0, u.start) for u in double[1:]})  # the header and its lines
            continue
        if _LINK_LINE.match(line):
            out.append(Unit(a, b, "link"))
        elif "\t" in line or line.count(" | ") >= 2 or (line.count("|") >= 3 and "|" in line.strip()[-1:]):
            out.append(Unit(a, b, "row", _cells(text, a, b)))
        elif (
            line.rstrip().endswith("|")
            and out
            and out[-1].kind == "row"
            and not re.search(r"\d", text[out[-1].start : b])
        ):
            # "Draw Date | Number of ITAs | Minimum CRS Score |" over "Category |": a header cell, wrapped
            out[-1] = Unit(out[-1].start, b, "row", out[-1].cells + _cells(text, a, b))
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
        elif _BULLET.match(line) or ROW_DATE.match(line):
            out.append(Unit(a, b, "item"))
        elif len(line) < 70 and NUMBER_REF_LINE.search(line) and not re.search(r"[.!?]\s", line):
            out.append(Unit(a, b, "heading"))
        else:
            out.append(Unit(a, b, "prose"))
        i += 1
    return out


#: A link to another article: "Read More: British Columbia Issued 437 Invitations In New PNP Draw".
_LINK_LINE = re.compile(
    r"^\W*(?:read\s+more|also\s+read|read\s+also|see\s+also|must\s+read|related(?:\s+(?:post|article|news|story))?)"
    r"\s*[:–—-]",
    re.I,
)
#: A heading over a list of links to other articles: "Read More", "Related posts", "You may also like".
_LINK_LIST = re.compile(
    r"^\W*(?:read\s+more|related\s+(?:posts?|articles?|news|stories)|you\s+may\s+also\s+like|more\s+news"
    r"|recent\s+posts?|latest\s+news|also\s+read)\W*$",
    re.I,
)
_HEADING_CELL = re.compile(r"^[^\d]{2,40}$")
_DATE_CELL = re.compile(r"\bdate\b", re.I)
_FIGURE_CELL = re.compile(r"\bITAs?\b|invitation|\bCRS\b|score|cut-?off", re.I)
_NUMBER_CELL = re.compile(r"\s*(?:(?:draw|round)\s*)?(?:#|no\.?|number)\s*", re.I)
_DATED_CELL = re.compile(MONTH + r"\s*\d|\d\s*" + MONTH, re.I)


def _stacked_table(text: str, lines: list[tuple[int, int]], i: int) -> list[Unit]:
    """A table laid out one cell per line: a header of 3 to 6 short lines (one a date, one a figure),
    then rows of as many lines, each starting with a date. Each becomes a row unit; [] when not one."""
    width = 0
    while i + width < len(lines) and width < 6 and _HEADING_CELL.match(text[slice(*lines[i + width])]):
        width += 1
    heading = [text[slice(*lines[i + k])] for k in range(width)]
    # The date column is the first or, after a number column ("Draw #"), the second.
    dated = 0 if width and _DATE_CELL.search(heading[0]) else 1
    if (
        width < 3
        or not _DATE_CELL.search(heading[dated])
        or (dated and not _NUMBER_CELL.fullmatch(heading[0]))
        or not any(_FIGURE_CELL.search(h) for h in heading)
    ):
        return []
    found = [Unit(lines[i][0], lines[i + width - 1][1], "row", tuple(lines[i : i + width]))]
    j = i + width
    while (
        j + width <= len(lines)
        and _DATED_CELL.search(text[slice(*lines[j + dated])])
        and (not dated or re.fullmatch(r"\s*#?\d{1,4}\s*", text[slice(*lines[j])]))
    ):
        cells = lines[j : j + width]
        if any(text[slice(*c)].count(" ") > 6 for c in cells):
            break  # a sentence, not a cell
        found.append(Unit(cells[0][0], cells[-1][1], "row", tuple(cells)))
        j += width
    return found if len(found) > 1 else []


_HEAD_START = (
    r"^\W*(?:(?P<lead>draw\s*#|draw\s+(?:no\.?|number))\s+)?(?P<date>(?:(?:draw|round)(?:['’]s)?\s+)?date(?:\s+of\s+(?:the\s+)?(?:draw|round))?)\s+"
    r"(?:(?P<number>draw\s*#|draw\s+(?:no\.?|number))\s+)?"
    r"(?:(?P<type>(?:draw\s+|round\s+)?type(?:\s+of\s+(?:draw|round))?|program|category)\s+)?"
)
_HEAD_COUNT = (
    r"(?P<count>(?:number\s+of\s+|no\.?\s+of\s+|total\s+)?(?:ITAs|invitations)(?:\s+issued)?"
    r"|(?:draw\s+)?size)"
)
_HEAD_CRS = (
    r"(?P<crs>(?:minimum\s+|lowest\s+|cut-?off\s+)?CRS(?:\s+score)?(?:\s+(?:cut-?off|requirement|required))?"
    r"(?:\s+score)?"  # "CRS Cut-Off Score"
    r"|(?:(?:minimum|lowest|cut-?off)\s+)?(?:score|points)|cut-?off)"
)
_SPACED_HEADER = re.compile(_HEAD_START + _HEAD_COUNT + r"\s+" + _HEAD_CRS + r"\W*$", re.I)
#: The same header with the cut-off column before the count: "Date Draw type Minimum CRS Invitations".
_SPACED_HEADER_CRS_FIRST = re.compile(_HEAD_START + _HEAD_CRS + r"\s+" + _HEAD_COUNT + r"\W*$", re.I)
#: A note in brackets after a row's count: "Nov. 30 559 (PNP nominees only) 786" (the figures are the row's).
_NOTE = r"(?:\s+\([^()\n]{1,40}\))?"
#: A row of a table with a number column: "2024-12-03 329 French language proficiency (Version 1) 800 466".
_SPACED_ROW_NUMBERED = re.compile(
    r"^\s*(?P<date>\d{4}-\d{2}-\d{2}|" + MONTH + r"\s+\d{1,2}(?:st|nd|rd|th)?(?:,\s*\d{4})?)\s+"
    r"(?P<number>\d{1,4})\s+(?P<type>\S.*?)\s+(?P<count>\d{1,3}(?:,\d{3})+|\d{1,5})\s+(?P<crs>\d{2,4})\s*$",
    re.I,
)
#: A row of a table whose number comes first: "135 January 22 3400 471" (number, date, count, cut-off).
_SPACED_ROW_NUMBER_FIRST = re.compile(
    r"^\s*(?P<number>\d{1,4})\s+(?P<date>" + MONTH + r"\s+\d{1,2}(?:st|nd|rd|th)?(?:,\s*\d{4})?)\s+"
    r"(?P<count>\d{1,3}(?:,\d{3})+|\d{1,5})\s+(?P<crs>\d{2,4})\s*$",
    re.I,
)
#: A row of a table without a type column: "Jan. 6 1,463 461" (date, count, cut-off).
_SPACED_ROW_PLAIN = re.compile(
    r"^\s*(?P<date>"
    + MONTH
    + r"(?:\s+|(?<=\.))\d{1,2}(?:st|nd|rd|th)?(?:,\s*\d{4})?|\d{1,2}(?:st|nd|rd|th)?\s+"
    + MONTH
    + r")\s+"
    r"(?P<count>\d{1,3}(?:,\d{3})+|\d{1,5})" + _NOTE + r"\s+(?P<crs>\d{2,4})\s*$",
    re.I,
)
_SPACED_ROW = re.compile(
    r"^\s*(?P<date>"
    + MONTH
    + r"(?:\s+|(?<=\.))\d{1,2}(?:st|nd|rd|th)?(?:,\s*\d{4})?|\d{1,2}(?:st|nd|rd|th)?\s+"
    + MONTH
    + r")\s+"
    r"(?P<type>\S.*?)\s+(?P<count>\d{1,3}(?:,\d{3})+|\d{1,5})" + _NOTE + r"\s+(?P<crs>\d{2,4})\s*$",
    re.I,
)
_ROW_DATE = (
    r"^\s*(?P<date>" + MONTH + r"\s+\d{1,2}(?:st|nd|rd|th)?(?:,\s*\d{4})?"
    r"|\d{1,2}(?:st|nd|rd|th)?\s+" + MONTH + r")\s+"
)
#: Rows under a header whose cut-off comes before the count: "April 10 General 549 1,280".
_SPACED_ROW_CRS_FIRST = re.compile(
    _ROW_DATE + r"(?P<type>\S.*?)\s+(?P<crs>\d{3})\s+(?P<count>\d{1,3}(?:,\d{3})+|\d{1,5})\s*$", re.I
)
_SPACED_ROW_PLAIN_CRS_FIRST = re.compile(
    _ROW_DATE + r"(?P<crs>\d{3})\s+(?P<count>\d{1,3}(?:,\d{3})+|\d{1,5})\s*$", re.I
)


def _spaced_table(text: str, lines: list[tuple[int, int]], i: int) -> list[Unit]:
    """A table whose cells are separated by single spaces: a header "Date Draw Type Number of ITAs
    Minimum CRS", then rows "April 23 General 2,095 529". Each becomes a row unit; [] when not one."""
    header = _SPACED_HEADER.match(text[slice(*lines[i])])
    crs_first = header is None
    header = header or _SPACED_HEADER_CRS_FIRST.match(text[slice(*lines[i])])
    if header is None:
        return []
    a = lines[i][0]
    typed = header.group("type") is not None
    numbered = header.group("number") is not None
    lead = header.group("lead") is not None
    if (numbered and not typed) or (lead and (numbered or typed)) or (crs_first and (numbered or lead)):
        return []
    names: tuple[str, ...] = ("date", "type", "count", "crs") if typed else ("date", "count", "crs")
    pattern = _SPACED_ROW if typed else _SPACED_ROW_PLAIN
    if crs_first:
        names = ("date", "type", "crs", "count") if typed else ("date", "crs", "count")
        pattern = _SPACED_ROW_CRS_FIRST if typed else _SPACED_ROW_PLAIN_CRS_FIRST
    if numbered:
        names, pattern = ("date", "number", "type", "count", "crs"), _SPACED_ROW_NUMBERED
    heads = names
    if lead:
        # "Draw Number Date Number of ITAs issued Minimum CRS score" over "135 January 22 3400 471"
        names, heads, pattern = ("number", "date", "count", "crs"), ("lead", *names), _SPACED_ROW_NUMBER_FIRST
    found = [Unit(a, lines[i][1], "row", tuple((a + header.start(n), a + header.end(n)) for n in heads))]
    j = i + 1
    while j < len(lines):
        row = pattern.match(text[slice(*lines[j])])
        if row is None:
            break
        b = lines[j][0]
        found.append(Unit(b, lines[j][1], "row", tuple((b + row.start(n), b + row.end(n)) for n in names)))
        j += 1
    return found if len(found) > 1 else []


#: A caption naming the figure of a list of date / figure pairs: "Previous 2017 cutoffs were:".
_PAIR_CAPTION = re.compile(
    r"(?:(?P<crs>\bcut-?offs?|\bCRS\b|\bscores?|\bpoints)|(?P<count>\bITAs\b|\binvitations))[^:.!?\n]{0,30}:\s*$",
    re.I,
)
_PAIR_DATE = re.compile(
    r"^\s*(?P<cell>(?:" + MONTH + r"\s+\d{1,2}(?:st|nd|rd|th)?|\d{1,2}(?:st|nd|rd|th)?\s+" + MONTH + r")"
    r"(?:,?\s*(?:19|20)\d\d)?)\s*\|?\s*$",
    re.I,
)
_PAIR_VALUE = re.compile(r"^\s*(?P<cell>\d{1,3}(?:,\d{3})+|\d{2,5})\s*\|?\s*$")


def _pair_list(text: str, lines: list[tuple[int, int]], i: int) -> list[Unit]:
    """A two-column table laid out one cell per line without its header: under a caption naming the figure
    ("Previous 2017 cutoffs were:"), lines alternating a date ("May 4, 2017 |") and a number ("423 |").
    Each pair becomes a row unit whose ``columns`` say what it holds; [] when not one (two pairs at least)."""
    if i == 0:
        return []
    caption = _PAIR_CAPTION.search(text[max(lines[i - 1][0], lines[i - 1][1] - 80) : lines[i - 1][1]])
    if caption is None:
        return []
    columns = ("date", "crs" if caption.group("crs") else "invitations")
    found = []
    j = i
    while j + 1 < len(lines):
        day = _PAIR_DATE.match(text[slice(*lines[j])])
        value = _PAIR_VALUE.match(text[slice(*lines[j + 1])])
        if day is None or value is None:
            break
        a, b = lines[j][0], lines[j + 1][0]
        cells = (
            (a + day.start("cell"), a + day.end("cell")),
            (b + value.start("cell"), b + value.end("cell")),
        )
        found.append(Unit(a, lines[j + 1][1], "row", cells, columns))
        j += 2
    return found if len(found) > 1 else []


#: A line of a figure and a full date joined by a dash: "468 – January 4, 2017".
_DASHED_ROW = re.compile(
    r"^\s*(?P<value>\d{3})\s*[–—-]\s*(?P<date>"
    + MONTH
    + r"\s+\d{1,2}(?:st|nd|rd|th)?,?\s*(?:19|20)\d\d)\s*$",
    re.I,
)
#: ... under a line that says the figures are cut-offs.
_DASHED_CAPTION = re.compile(r"\bcut-?offs?\b|\bCRS\b|\bminimum\s+scores?\b|\bthreshold\b", re.I)


def _dashed_list(text: str, lines: list[tuple[int, int]], i: int) -> list[Unit]:
    """A list of cut-offs, each line a score and its round's full date ("468 – January 4, 2017"), under a
    line naming cut-offs: each line becomes a row unit of a date and a cut-off; [] when not three at least."""
    if (
        i == 0
        or not _DASHED_ROW.match(text[slice(*lines[i])])
        or not _DASHED_CAPTION.search(text[slice(*lines[i - 1])])
    ):
        return []
    found = []
    for a, b in lines[i:]:
        row = _DASHED_ROW.match(text[a:b])
        if row is None:
            break
        cells = ((a + row.start("date"), a + row.end("date")), (a + row.start("value"), a + row.end("value")))
        found.append(Unit(a, b, "row", cells, ("date", "crs")))
    return found if len(found) > 2 else []


_HALF_HEADER = r"date\s+(?:ITAs|invitations)\s+(?:CRS(?:\s+score)?|score|cut-?off)"
#: A spaced table printed as two tables side by side: "Date Invitations Score Date Invitations Score".
_DOUBLE_HEADER = re.compile(r"^\W*(?P<left>" + _HALF_HEADER + r")\s+" + _HALF_HEADER + r"\W*$", re.I)
#: One half of a row of it: "Jan. 6 1,463 461" (date, count, cut-off), between spaces or the line's ends.
_HALF_ROW = re.compile(
    r"(?<!\S)(?P<date>"
    + MONTH
    + r"\s+\d{1,2}(?:st|nd|rd|th)?)\s+(?P<count>\d{1,3}(?:,\d{3})+|\d{1,5})"
    + _NOTE
    + r"\s+(?P<crs>\d{2,4})(?!\S)",
    re.I,
)


def _double_table(text: str, lines: list[tuple[int, int]], i: int) -> list[Unit]:
    """Two date / count / cut-off tables printed side by side under one doubled header. Each half of a
    line becomes a row unit of three cells (a note in brackets after the count, "Nov. 30 559 (PNP nominees
    only) 786", is passed over); [] when not such a table."""
    header = _DOUBLE_HEADER.match(text[slice(*lines[i])])
    if header is None:
        return []
    a = lines[i][0]
    left = header.group("left")
    cells = [
        (a + header.start("left") + m.start(), a + header.start("left") + m.end())
        for m in re.finditer(r"\S+", left)
    ]
    if len(cells) != 3:
        return []
    found = [Unit(a, a + header.end("left"), "row", tuple(cells))]
    j = i + 1
    while j < len(lines):
        b, line = lines[j][0], text[slice(*lines[j])]
        halves = list(_HALF_ROW.finditer(line))
        if not halves or halves[0].start() != len(line) - len(line.lstrip()):
            break  # a line that does not open with a row ends the table
        for row in halves:
            spans = tuple((b + row.start(n), b + row.end(n)) for n in ("date", "count", "crs"))
            found.append(Unit(spans[0][0], spans[-1][1], "row", spans))
        j += 1
    return found if len(found) > 1 else []


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


def _number_opens(text: str, word: re.Match[str] | None, pos: int) -> bool:
    """Does a sentence open on a count at ``pos``, after a word ("... Class Draw. 4626 candidates were
    invited")? Not after a number or a short token ("Step 1. 2 ...", "p. 5")."""
    return bool(
        word is not None
        and re.fullmatch(r"[A-Za-z]{3,}", word.group(1))
        and re.match(r"\d[\d,]*\s+[A-Za-z]{3,}", text[pos : pos + 40])
    )


def sentences(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    a = start
    for match in _SENTENCE_END.finditer(text, start, end):
        word = re.search(r"([\w.]+)[.!?]+[\"”’)]*$", text[a : match.start() + 1])
        after = text[match.end() : match.end() + 1]
        if (
            (word and word.group(1).lower().rstrip(".") in _ABBREVIATIONS)
            or after.islower()
            or (after.isdigit() and not _number_opens(text, word, match.end()))
        ):
            continue
        yield a, match.end()
        a = match.end()
    if a < end:
        yield a, end
