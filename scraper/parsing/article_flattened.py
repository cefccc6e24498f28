"""Tables flattened into a line of prose, split into rows: a pure step before the text is cut into units.

A page copied from a rendered table sometimes keeps its cells but loses its line breaks: "The following
table details the draws: Draw Number Date Round Type ITAs Issued CRS Cut-off Scores 316 October 7, 2024
Provincial Nominee Program (PNP) 1,613 743 317 October 9, 2024 Canadian Experience Class (CEC) 500 539 ...".
Under a header naming a date, a count and a cut-off column, two or more rows in a row (an optional round
number, a full date or a month and day, an optional type, the count and the three-digit cut-off, in the
header's order) are put on lines of their own, with a tab between their cells, under a tabbed header the
table reader knows (scraper/parsing/article_tables.py); the sentence just before the header, its caption, on
a line of its own. `spaced_rows` does the same for a table whose rows keep their lines but part their cells
by single spaces. Anything else is left as it is.
"""

from __future__ import annotations

import re

from scraper.parsing.article_dates import MONTH

_FULL_DATE = r"(?:" + MONTH + r"\.?\s+\d{1,2},\s*(?:19|20)\d\d|\d{1,2}\s+" + MONTH + r",?\s+(?:19|20)\d\d)"
#: A row's date: a full date, or a month and day ("Aug 15 All-program 4,300 496" under a caption "since June
#: 2023"; the table reader gives it the caption's year, or leaves it in doubt).
_ROW_DATE = r"(?:" + _FULL_DATE + r"|" + MONTH + r"\.?\s+\d{1,2}(?![\d,]))"
#: A type cell: words (and a bracketed note such as "(PNP)" or "(2023-1)"), no figure outside brackets.
_TYPE = r"[A-Z](?:[^\d\n(\t]|\([^()\n]{0,20}\))*?"
_COUNT = r"\d{1,3}(?:,\d{3})+|\d{2,5}"
_FIGURE = {"count": r"(?P<count>" + _COUNT + r")", "cut": r"(?P<cut>[1-9]\d\d)"}
#: The tabbed header's name of each figure's column, as the table reader knows it.
_COLUMNS = {"cut": "CRS Cut-off", "count": "ITAs Issued"}


def _row(*order: str) -> re.Pattern[str]:
    """A flattened row: an optional round number, a full date, an optional type, then the figures in
    ``order`` ("count", "cut")."""
    figures = r"\s+".join(_FIGURE[name] for name in order)
    return re.compile(
        r"(?:(?P<number>[1-9]\d{0,2})\s+)?(?P<date>"
        + _ROW_DATE
        + r")\s+(?:(?P<type>"
        + _TYPE
        + r")\s+)?"
        + figures
        + r"(?=\s|$)",
        re.I,
    )


_ORDERS = {order: _row(*order) for order in (("count", "cut"), ("cut", "count"))}
#: The header just before the rows: "Draw Number Date Round Type ITAs Issued CRS Cut-off Scores".
_HEADER = re.compile(
    r"(?:(?:Draw|Round)\s+(?:Number|No\.?|#)\s+|#\s+)?(?:(?:Draw|Round)\s+)?Date\b[^\d\n:.;]{0,90}$", re.I
)
_ITAS = re.compile(r"\bITAs?\b|\binvit|\bdraw\s+size\b", re.I)
_CRS = re.compile(r"\bCRS\b|\bscores?\b|\bcut-?off\b|\bpoints\b", re.I)


def flattened(body: str) -> str:
    """Each table flattened into a line gets a line per row: the header's and each row's cells tabbed."""
    if "Date" not in body and "date" not in body:
        return body
    return "\n".join(_line(line) for line in body.split("\n"))


def _line(line: str) -> str:
    for word in _DATE_WORD.finditer(line):
        # the first row opens within the header's reach after its "Date" column
        opening = _ROW_START.search(line, word.end(), word.end() + 100)
        if opening is None:
            continue
        header = _HEADER.search(line, max(0, opening.start() - 120), opening.start())
        if header is not None and header.group(0).strip():
            split = _split(line, header)
            if split is not None:
                return split
    return line


def _split(line: str, header: re.Match[str]) -> str | None:
    """The line with the table under ``header`` put a row per line, or None where it holds no such table."""
    said = header.group(0)
    itas, cut = _ITAS.search(said), _CRS.search(said)
    if itas is None or cut is None:
        return None
    order = ("cut", "count") if cut.start() < itas.start() else ("count", "cut")
    pattern = _ORDERS[order]
    rows: list[re.Match[str]] = []
    at = header.end()
    while (row := pattern.match(line, at + len(line[at:]) - len(line[at:].lstrip()))) is not None:
        rows.append(row)
        at = row.end()
    if len(rows) < 2:
        return None
    cells = ["Draw Number"] if any(r.group("number") for r in rows) else []
    cells.append("Date")
    if any(r.group("type") for r in rows):
        cells.append("Round Type")
    before = line[: header.start()].rstrip()
    # "... this week. Summary of Express Entry draw results since June 2023": the caption, on its own line
    caption = re.search(r"(?<=[.!?])\s+([A-Z][^.!?\n]{0,100})$", before)
    lead = [before[: caption.start()].rstrip(), caption.group(1)] if caption else [before]
    out = [*lead, "\t".join(cells + [_COLUMNS[name] for name in order])]
    for r in rows:
        row_cells = [r.group("number") or ""] if cells[0] == "Draw Number" else []
        row_cells.append(r.group("date"))
        if "Round Type" in cells:
            row_cells.append((r.group("type") or "").strip())
        out.append("\t".join(row_cells + [r.group(name) for name in order]))
    return "\n".join(part for part in [*out, line[at:].strip()] if part)


_DATE_WORD = re.compile(r"\bdate\b", re.I)
#: Where a row may start: a round number and a full date, or a full date.
_ROW_START = re.compile(r"(?<![\d,])(?:[1-9]\d{0,2}\s+)?" + _ROW_DATE, re.I)


#: A header over rows whose cells are parted by single spaces: "Date ITAs CRS Draw Type", "Draw number Date
#: of draw Draw type ITAs issued CRS cut-off score" (no figure).
_SPACED_HEADER = re.compile(
    r"\s*(?:(?:(?:Draw|Round)\s+)?(?:Number|No\.?|#)\s+)?(?:(?:Draw|Round)\s+)?Date\s+[^\d\t|]*$", re.I
)
#: Such a row: a month and day (with or without its year), the two figures, an optional type.
_SPACED_ROW = re.compile(
    r"\s*(?P<date>"
    + MONTH
    + r"\.?\s+\d{1,2}(?:st|nd|rd|th)?(?:,\s*(?:19|20)\d\d)?)\s+(?P<first>"
    + _COUNT
    + r")\s+(?P<second>"
    + _COUNT
    + r")(?:\s+(?P<type>[A-Z][^\d\t|]*?))?\s*$",
    re.I,
)


def spaced_rows(body: str) -> str:
    """A table whose header and rows part their cells by single spaces, each row on a line of its own (blank
    lines between them dropped): "Date ITAs CRS Draw Type" over "June 8 4800 486 All-program", or "Draw
    number Date of draw Draw type ITAs issued CRS cut-off score" over "331 January 7, 2025 Provincial Nominee
    Program 471 793". Its header and rows are tabbed, the figures in the header's order; two rows at least,
    every line read whole; anything else is left as it is."""
    if "Date" not in body and "date" not in body:
        return body
    lines = body.split("\n")
    out: list[str] = []
    k = 0
    while k < len(lines):
        header = lines[k]
        said = _SPACED_HEADER.fullmatch(header)
        itas, cut = (_ITAS.search(header), _CRS.search(header)) if said else (None, None)
        if itas is None or cut is None:
            out.append(header)
            k += 1
            continue
        order = ("cut", "count") if cut.start() < itas.start() else ("count", "cut")
        rows: list[dict[str, str]] = []
        j = k + 1
        while j < len(lines):
            if not lines[j].strip():
                j += 1
                continue
            row = _spaced_row(lines[j], order)
            if row is None:
                break
            rows.append(row)
            j += 1
        if len(rows) < 2:
            out.append(header)
            k += 1
            continue
        numbered, typed = any(r["number"] for r in rows), any(r["type"] for r in rows)
        columns = [_COLUMNS[n] for n in order]
        cells = ["Draw Number"] * numbered + ["Date"] + ["Round Type"] * typed + columns
        out.append("\t".join(cells))
        for r in rows:
            out.append(
                "\t".join(
                    [r["number"]] * numbered + [r["date"]] + [r["type"]] * typed + [r[n] for n in order]
                )
            )
        k = j
    return "\n".join(out)


def _spaced_row(line: str, order: tuple[str, str]) -> dict[str, str] | None:
    """One row of a table parted by single spaces, its cells by name; None where the line is no such row."""
    row = _SPACED_ROW.fullmatch(line)
    if row is not None:
        figures = dict(zip(order, (row.group("first"), row.group("second")), strict=True))
        return {"number": "", "date": row.group("date"), "type": (row.group("type") or "").strip(), **figures}
    full = _ORDERS[order].fullmatch(line.strip())  # "331 January 7, 2025 Provincial Nominee Program 471 793"
    if full is None:
        return None
    named = {name: full.group(name) for name in order}
    return {
        "number": full.group("number") or "",
        "date": full.group("date"),
        "type": (full.group("type") or "").strip(),
        **named,
    }
