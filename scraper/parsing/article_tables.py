"""Table rows: a header row names the columns, each data row is a round of its own (pure)."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any, Protocol

from scraper.parsing import article_facts as facts_of
from scraper.parsing.article_anchors import Anchor, anchors
from scraper.parsing.article_dates import Dates
from scraper.parsing.article_facts import Fact
from scraper.parsing.article_units import Unit

Caption = list[tuple[str, str | None, Fact]]


class Reader(Protocol):
    """What reading a table row needs from the article's reader (``article_mentions.Reader``)."""

    text: str
    dates: Dates
    clause_id: int
    table_start: int

    @property
    def by_date(self) -> dict[dt.date, list[Any]]: ...

    @property
    def by_number(self) -> dict[str, Any]: ...

    def new_mention(self, first: int, *, from_row: bool = False) -> Any: ...

    def undated_mention(self, start: int, written: str) -> Any | None: ...

    def number_mention(self, mention: Any, anchor: Anchor) -> None: ...

    def date_mention(self, mention: Any, anchor: Anchor) -> None: ...


#: A header cell naming the rounds of a year, over their days: "Draw in 2025", "Draws of 2024", "2023 rounds".
_YEAR_DRAWS = re.compile(
    r"\s*(?:(?:draws?|rounds?)\s+(?:in|of|held\s+in)\s+(?:19|20)\d\d|(?:19|20)\d\d\s+(?:draws?|rounds?))\s*",
    re.I,
)


#: A numeric date in a table's date cell: "10-04-24", "23/04/2024" (its column tells the order).
_NUMERIC_CELL = re.compile(r"\s*(\d{1,2})([-/.])(\d{1,2})\2(\d{2}|\d{4})\s*")
#: The same, anywhere in a line of the table.
_NUMERIC_IN_LINE = re.compile(r"(?<![\d/.-])(\d{1,2})([-/.])(\d{1,2})\2(\d{2}|\d{4})(?![\d/.-])")


def _numeric_cell_date(text: str, where: tuple[int, int], table_start: int) -> Anchor | str | None:
    """A numeric date cell, read by its column: day first when some row's first part can only be a day
    ("23-04-24") and none's second part, month first the other way round; otherwise a doubt (a warning
    string). Two-digit years are of this century. None when the cell is no numeric date."""
    cell = _NUMERIC_CELL.fullmatch(text, where[0], where[1])
    if cell is None:
        return None
    end = text.find("\n\n", where[1])
    block = text[table_start : len(text) if end < 0 else end]
    pairs = [(int(m.group(1)), int(m.group(3))) for m in _NUMERIC_IN_LINE.finditer(block)]
    day_first = any(a > 12 for a, _ in pairs)
    month_first = any(b > 12 for _, b in pairs)
    first, second, year = int(cell.group(1)), int(cell.group(3)), int(cell.group(4))
    year += 2000 if year < 100 else 0
    raw = cell.group(0).strip()
    if day_first == month_first and first != second:
        return f"date: {raw!r} may be day first or month first, and the table does not tell; not taken"
    day, month = (second, first) if month_first else (first, second)
    try:
        value = dt.date(year, month, day)
    except ValueError:
        return f"date: {raw!r} is no date; not taken"
    start = where[0] + len(cell.group(0)) - len(cell.group(0).lstrip())
    return Anchor(start, start + len(raw), raw, date=value)


def table_row(
    reader: Reader, unit: Unit, header: dict[str, int] | None, caption: Caption
) -> tuple[dict[str, int] | None, Caption]:
    """One table row: a header row names the columns; a data row is a round of its own."""
    text = reader.text
    cells = [text[a:b] for a, b in unit.cells]
    if all(not re.search(r"\d", c) or _YEAR_DRAWS.fullmatch(c) for c in cells) and any(
        re.search(r"date", c, re.I) or _YEAR_DRAWS.fullmatch(c) for c in cells
    ):
        columns: dict[str, int] = {}
        if cells and re.match(r"\s*#\s*[A-Za-z]", cells[0]):
            # "#Date | Immigration Program | ..." over "249 | May 24, 2023 | ...": the number's "#" ran into
            # the next heading; its rows keep the number in a cell of its own.
            cells = ["#", cells[0].lstrip().lstrip("#"), *cells[1:]]
        for i, heading in enumerate(cells):
            low = heading.lower()
            if "tie" in low:
                columns.setdefault("tie", i)
            elif re.search(r"\bdates?\b", low) or _YEAR_DRAWS.fullmatch(heading):
                # not "candidate" ("CRS Score of Lowest-Ranked Candidate"); "Draw in 2025" over the days
                columns.setdefault("date", i)
            elif re.fullmatch(r"\s*(?:(?:draw|round)\s*)?(?:#|no\.?)\s*|\s*(?:draw|round)\s*number\s*", low):
                # "Draw #", "Round number", or "#" alone over the rounds' numbers
                columns.setdefault("number", i)
            elif re.match(r"\s*(?:crs|cut-?off)\b", low):
                # "CRS score of lowest-ranked candidate invited": a cut-off's heading that names the invited
                columns.setdefault("crs", i)
            elif re.search(r"ita|invit|^\s*(?:draw\s+)?size\s*$", low):
                columns.setdefault("invitations", i)
            elif re.search(r"crs|score|cut-?off|minimum|^\s*points\s*$", low):
                columns.setdefault("crs", i)
            elif re.search(r"type|category|program", low) or re.fullmatch(r"\s*draw\s*", low):
                # "Draw" alone beside a date column names the round's kind ("DateDrawNo of Invitations")
                columns.setdefault("type", i)
        reader.table_start = unit.start
        return columns, caption
    named = header
    if header is None and unit.columns:
        # A pair list under its caption ("Previous 2017 cutoffs were:" over "May 4, 2017 |" / "423 |"): the
        # row says what its cells hold, and its year is named above it.
        named = {name: k for k, name in enumerate(unit.columns)}
        reader.table_start = unit.start
    if named is None:
        return None, caption
    reader.clause_id += 1

    def cell(name: str) -> tuple[int, int] | None:
        i = named.get(name)
        return unit.cells[i] if i is not None and i < len(unit.cells) else None

    where = cell("date")
    if where is None:
        return header, caption
    reader.dates.context = reader.table_start  # a row's year is named in its caption, above the table
    try:
        found = [a for a in anchors(text, where[0], where[1], reader.dates, unit) if a.date is not None]
    finally:
        reader.dates.context = None
    if not found:
        numeric = _numeric_cell_date(text, where, reader.table_start)
        if isinstance(numeric, str):
            reader.dates.doubts.append(numeric)
            return header, caption
        found = [numeric] if numeric is not None else []
    if found:
        same = reader.by_date.get(found[0].date, []) if found[0].date else []
        mention = same[0] if len(same) == 1 else None
        if mention is None:
            mention = reader.new_mention(unit.start, from_row=True)
            reader.date_mention(mention, found[0])
    else:
        # "March 13 | Transport occupations | 975 | 430" on a page that writes no year: the row states its
        # round, only the year is not stated (given with no date, when it states its count and cut-off).
        mention = reader.undated_mention(where[0], text[where[0] : where[1]])
        if mention is None:
            return header, caption
    place = cell("number")
    if place is not None and mention.number is None:
        number = text[place[0] : place[1]].strip()
        if number.isdigit() and not reader.by_number.get(number):
            reader.number_mention(mention, Anchor(place[0], place[1], number, number=number))
    for name in ("invitations", "crs"):
        place = cell(name)
        if place is None:
            continue
        # "1,280", or with the column's unit: "1,280 ITAs", "549 points"
        unit_word = r"ITAs?|invitations|candidates" if name == "invitations" else r"points|pts"
        match = re.match(
            r"\s*(\d{1,3}(?:,\d{3})+|\d+)\*?\s*(?:(?:" + unit_word + r")\s*)?$",
            text[place[0] : place[1]],
            re.I,
        )
        if not match:
            continue
        value = facts_of.number_at(match)
        fact_name = "invitations" if name == "invitations" else "crs_min"
        if fact_name == "crs_min" and not 60 <= value <= 1200:
            continue
        mention.facts.append(
            (Fact(fact_name, value, place[0], place[1], text[place[0] : place[1]]), reader.clause_id, 2)
        )
    place = cell("type")
    if place is None and header and len(unit.cells) > max(header.values()) + 1:
        # A note after the header's columns: "225  752  June 22, 2022  636  (*Provincial nominees only)".
        place = unit.cells[max(header.values()) + 1]
    if place is not None:
        mention.kinds.extend((*k, 2) for k in facts_of.cell_kind(text[place[0] : place[1]], place[0]))
    elif caption:
        mention.kinds.extend((*k, 2) for k in caption[:1])
    return header, caption
