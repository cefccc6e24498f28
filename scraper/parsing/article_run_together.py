"""Tables whose cells run together, split into cells: a pure step before the text is cut into units.

Pages copied from a rendered table often lose the space between cells: "February 28General1,470534" under
"DateDraw TypeNumber of ITAsMinimum CRS", "236491November 23, 20224,750" under "Draw # Minimum CRS Score
RequiredDate of Draw # of ITAs Issued". Under such a header, a row that splits one way only (a cut-off is
three digits, the count the rest, in the header's order) gets a tab between its cells; any other row is
left as it is. The tabbed rows are then read as any table (scraper/parsing/article_tables.py).
"""

from __future__ import annotations

import datetime as dt
import re

from scraper.parsing.article_dates import MONTH, plain_date
from scraper.parsing.dates import parse_datetime

#: A table header whose cells run together: "DateDraw TypeNumber of ITAsMinimum CRS", "Date Minimum CRS
#: scoreNumber of ITAs issued" (a date, a count and a cut-off column, at least two cells joined).
_JAMMED_HEADER = re.compile(
    r"\s*(?:(?:Draw|Round)\s+)?Date\b[^\d\n]*(?:ITAs|[Ii]nvit[a-z]*|Draw\s+[Ss]ize)[^\d\n]*$"
    # "DayDateRound typeInvitations issuedCRS cut-off"
    r"|\s*(?:Date\s+gaps?\s*)?(?:Day\s*)?Date(?=[A-Z])[^\d\n]*(?:ITAs|[Ii]nvit[a-z]*|Draw\s+[Ss]ize)[^\d\n]*$"
    # "Draw numberDateDraw typeInvitations issuedCRS score"
    # ("Draw NumberDate of DrawDraw TypeITAs IssuedCRS Cut-Off Score")
    r"|\s*(?:(?:(?:Draw|Round)\s*)?(?:[Nn]umber|No\.?|#)\s*)?(?:(?:Draw|Round)\s+)?Date(?:\s+of\s+(?:the\s+)?(?:Draw|Round))?"
    r"(?=[A-Z])[^\d\n]*"
    r"(?:ITAs|[Ii]nvit[a-z]*|Draw\s+[Ss]ize)[^\d\n]*$"
)
_HEADER_ITAS = re.compile(r"ITAs|[Ii]nvit[a-z]*|Draw\s+[Ss]ize")
#: The cut-off column's words: "Minimum CRS", "Lowest score", "Cut-off", "Minimum points".
_HEADER_CRS = re.compile(r"CRS|[Ss]core|[Cc]ut-?[Oo]ff|[Pp]oints")
#: A row's type cell: words, and a note in brackets that may hold figures ("French language proficiency
#: (2023-1)", "(Version 1)") where the cell may end.
_TYPE_CELL = r"[A-Z](?:[^\d\n(]|\([^()\n]{0,20}\))*?(?:[A-Za-z)]|\([^()\n]{0,20}\))"
#: Its rows: "February 28General1,470534" (a month and day, a type, then the figures) or "January 10,
#: 20194493900" (a full date, then the figures) or "October 26, 2022No Program Specified4,750496" (both).
_JAMMED_ROW = re.compile(
    r"\s*(?P<date>" + MONTH + r"\.?\s+\d{1,2}(?-i:st|nd|rd|th)?|\d{1,2}\s+" + MONTH + r")(?: *[–—-] *| +)?"
    r"(?P<type>" + _TYPE_CELL + r") *(?P<figures>[\d,]+)\s*$"
    # ("Draw #293April 11, 20244914,500": the round's number before its date)
    r"|\s*(?:(?:Draw|Round)\s*#\s*(?P<number2>[1-9]\d{0,2}))?"
    r"(?P<full>" + MONTH + r"\.?\s+\d{1,2}[,.]\s*(?:19|20)\d\d)(?P<figures2>\d[\d,]*)\s*$"
    # ("-1Thursday29-Feb-2024...": a column of the days since the round before, and the weekday, dropped)
    r"|\s*(?:[-+]?\d{1,2}(?=[A-Z]))?(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day)?(?P<number3>[1-9]\d{0,2}(?=[A-Za-z]))?(?P<full3>(?:"
    + MONTH
    + r"\.?\s+\d{1,2},\s*|\d{1,2}\s+"
    + MONTH
    + r",?\s+|\d{1,2}-"  # "8-Jul-2024French language proficiency3,700420"
    + MONTH
    + r"-)(?:19|20)\d\d)(?P<type3>"
    + _TYPE_CELL
    + r") *(?P<figures3>[\d,]+)\s*$"
    # "4-Mar-203,900471": a day, a month and a two-digit year, then the count (with its comma) and the cut-off
    # (a four-digit year would leave three digits before the comma: not read so)
    r"|\s*(?P<day4>\d{1,2}-" + MONTH + r"-)(?P<yy>\d\d)(?P<figures4>[1-9]\d?,\d{3}[1-9]\d\d)\s*$",
    re.I,
)
#: A run-together row without figures: "July 7, 2023Targeted for profiles having" (a full date, a type).
_BARE_ROW = re.compile(
    r"\s*(?P<full>"
    + MONTH
    + r"\.?\s+\d{1,2},\s*(?:19|20)\d\d)(?P<type>[A-Z][^\d\n]*?(?:\s\d{1,2})?[^\d\n]*)",
    re.I,
)
#: A date cell's second half: "Date" "Invitation issued" (the day the invitations were issued, not a count).
_ISSUED_ON = re.compile(r"\s*(?:Invitations?|ITAs?)\s+(?:issued|sent)\s*", re.I)
_COUNT_THEN_CUT = re.compile(r"(\d{1,3}(?:,\d{3})+|\d+?)([1-9]\d\d)")
_CUT_THEN_COUNT = re.compile(r"([1-9]\d\d)(\d{1,3}(?:,\d{3})+|\d+)")


#: A numbered table's header whose cells run together: "Draw # Minimum CRS Score RequiredDate of Draw  # of
#: ITAs Issued" (the number, the cut-off, the date, the count).
_NUMBERED_HEADER = re.compile(
    r"\s*(Draw\s*(?:#|No\.?))\s*(Minimum\s+CRS(?:\s+Score)?(?:\s+Required)?)\s*(Date\s+of\s+(?:the\s+)?Draw)"
    r"\s*(#\s*of\s+ITAs(?:\s+Issued)?)\s*",
    re.I,
)
#: Its rows: "236491November 23, 20224,750", "225752 (*Provincial nominees only)June 22, 2022636": a
#: three-digit number and a three-digit cut-off, a note, the date, its year run into the count.
_NUMBERED_ROW = re.compile(
    r"\s*(?P<number>[1-9]\d\d)(?P<cut>[1-9]\d\d)\s*(?P<note>\([^)\n]{0,60}\))?\s*"
    r"(?P<day>" + MONTH + r"\.?\s+\d{1,2},\s*)(?P<year>(?:19|20)\d\d)(?P<count>\d{1,3}(?:,\d{3})*)\s*",
    re.I,
)


def _numbered_unjammed(lines: list[str]) -> None:
    """Split the rows of a numbered table whose cells run together (in place): "236491November 23, 20224,750"
    under "Draw # Minimum CRS Score RequiredDate of Draw # of ITAs Issued" reads 236, 491, November 23, 2022,
    4,750. A row whose date is out of order with its number against the other rows (a misprinted year) keeps
    its number and figures but no date: which of them is wrong is a doubt."""
    k = 0
    while k < len(lines):
        header = _NUMBERED_HEADER.fullmatch(lines[k])
        if header is None:
            k += 1
            continue
        lines[k] = "\t".join(header.groups())
        rows: list[tuple[int, int, dt.date | None, re.Match[str]]] = []
        k += 1
        while k < len(lines) and (row := _NUMBERED_ROW.fullmatch(lines[k])) is not None:
            day = parse_datetime(
                plain_date(row.group("day") + row.group("year")), "date", reference=None, want_time=False
            ).value
            rows.append((k, int(row.group("number")), day if isinstance(day, dt.date) else None, row))
            k += 1
        doubtful = _out_of_order([(number, day) for _, number, day, _ in rows])
        for at, number, day, row in rows:
            ordered = day is not None and number not in doubtful
            date = row.group("day") + row.group("year") if ordered else ""
            cells = [row.group("number"), row.group("cut"), date, row.group("count")]
            lines[at] = "\t".join(cells + ([row.group("note").strip("()* ")] if row.group("note") else []))


#: Up to how many rows a numbered table's order is checked row against row.
_ORDER_CHECKED = 60


def _out_of_order(rows: list[tuple[int, dt.date | None]]) -> set[int]:
    """The numbers whose dates break the order of the others (round numbers and dates rise together): the
    row in conflict with the most others is set aside, then the next, until the rest agree."""
    left = {n: d for n, d in rows if d is not None}
    out = {n for n, d in rows if d is None}
    if len(left) > _ORDER_CHECKED:
        # A long table: a row out of order with a neighbour is set aside (linear, for pages of any size).
        ranked = sorted(left.items())
        for k, (n, d) in enumerate(ranked):
            before = ranked[k - 1][1] if k else None
            after = ranked[k + 1][1] if k + 1 < len(ranked) else None
            if (before is not None and before > d) or (after is not None and after < d):
                out.add(n)
        return out
    while True:
        clashes = {
            n: sum(1 for m, e in left.items() if m != n and (m < n) != (e < d) and e != d)
            for n, d in left.items()
        }
        worst = max(clashes, key=lambda n: clashes[n], default=None)
        if worst is None or clashes[worst] == 0:
            return out
        out.add(worst)
        del left[worst]


#: A field of a round's box whose label runs into its value: "DateSeptember 28, 2023", "CRS Cutoff354", "No
#: of Invitations to apply (ITA)600" (a short label ending in a small letter or an abbreviation in brackets,
#: then a capital or a digit).
_JAMMED_LABEL = re.compile(
    r"(?P<label>[A-Z][A-Za-z&/\- ]{0,40}?(?:[a-z]|\([A-Z]{2,5}s?\)))(?P<value>[A-Z0-9][^\t]*)"
)
_SPLIT_LABEL = re.compile(r"[A-Z][^:\d\t\n]{0,45}:\s*\S[^\t]*")
_LABEL_DATE = re.compile(r"\bdate\b", re.I)
_LABEL_FIGURE = re.compile(r"invit|\bITAs?\b|\bCRS\b|score|cut-?off", re.I)


def _unjammed_labels(lines: list[str]) -> None:
    """Split the fields of a round's box whose labels run into their values (in place): "DateSeptember 28,
    2023" / "No of Invitations to apply (ITA)600" / "CRS Cutoff354" read "Date: September 28, 2023" ... A
    box is three lines or more (blank lines between them allowed; lines already labelled count), one label
    naming a date and one a figure; a lone line of that shape is left as it is."""
    k = 0
    while k < len(lines):
        box: list[tuple[int, re.Match[str] | None]] = []
        j = k
        while j < len(lines):
            line = lines[j].strip()
            jammed = _JAMMED_LABEL.fullmatch(line)
            if jammed and len(jammed.group("label").split()) <= 6:
                box.append((j, jammed))
            elif _SPLIT_LABEL.fullmatch(line):
                box.append((j, None))
            elif line:
                break
            j += 1
        labels = [m.group("label") if m else lines[at].split(":")[0] for at, m in box]
        if (
            sum(m is not None for _, m in box) >= 2
            and len(box) >= 3
            and any(_LABEL_DATE.search(label) for label in labels)
            and any(_LABEL_FIGURE.search(label) for label in labels)
        ):
            for at, m in box:
                if m is not None:
                    lines[at] = f"{m.group('label')}: {m.group('value')}"
        k = max(j, k + 1)


def unjammed(body: str) -> str:
    """A table whose cells run together gets a tab between its cells: "February 28General1,470534" under
    "DateDraw TypeNumber of ITAsMinimum CRS" reads "February 28, General, 1,470, 534"; "January 10,
    20194493900" under "Date Minimum CRS scoreNumber of ITAs issued" reads "January 10, 2019, 449, 3900".
    The cut-off is three digits (no cut-off starts with 0; none below 1,000 has four digits), the count
    the rest, in the header's order; a row that does not split so is left as it is."""
    if "Date" not in body:
        return body
    lines = body.split("\n")
    _numbered_unjammed(lines)
    _unjammed_labels(lines)
    crs_first: bool | None = None
    open_row: int | None = None  # a row without figures whose type cell may wrap onto the next lines
    joined: set[int] = set()  # the lines joined to it
    for k, line in enumerate(lines):
        header = _JAMMED_HEADER.fullmatch(line)
        # A header whose cells run together, or a tabbed header over rows of which some run together
        # ("July 31 – Canadian Experience Class5,000510" among tabbed rows "July 17  CEC  6,300  515")
        run_together = re.search(r"[a-z][A-Z]", line) or "\t" in line
        if header and _HEADER_CRS.search(line) and run_together:
            cells = re.sub(
                # "DateCRSInvitations", "Draw #Date": a word, an acronym or a "#" run into the next heading
                r"(?<=[a-z])(?=[A-Z])|(?<=[A-Z]{3})(?=[A-Z][a-z])|(?<=#)(?=[A-Z])",
                "\t",
                # (a weekday column, "DayDate...", is dropped with the weekdays of the rows)
                re.sub(
                    r"^\s*((?:(?:Draw|Round)\s+)?Date)\s+(?=[A-Z])",
                    r"\1\t",
                    re.sub(r"^\s*(?:Date\s+gaps?\s*)?Day\s*(?=Date)", "", line.strip()),
                ),
            )
            parts = cells.split("\t")
            if (
                len(parts) > 3
                and _ISSUED_ON.fullmatch(parts[1])
                and _HEADER_ITAS.search("\t".join(parts[2:]))
            ):
                # "Date Invitation issuedNumber of InvitationsCRS score": the date the invitations were issued
                # is one cell, the count another
                cells = "\t".join([f"{parts[0]} {parts[1]}", *parts[2:]])
            itas, crs = _HEADER_ITAS.search(cells), _HEADER_CRS.search(cells)
            crs_first = bool(itas and crs and crs.start() < itas.start())
            lines[k] = cells
            continue
        row = _JAMMED_ROW.fullmatch(line) if crs_first is not None else None
        figures = row and (
            row.group("figures") or row.group("figures2") or row.group("figures3") or row.group("figures4")
        )
        split = (_CUT_THEN_COUNT if crs_first else _COUNT_THEN_CUT).fullmatch(figures) if figures else None
        if row is None or split is None:
            wrapped = (
                0 < len(line.strip()) <= 40
                and not re.search(r"\d{2}", line)
                and not _JAMMED_HEADER.match(line)
            )
            bare = _BARE_ROW.fullmatch(line) if crs_first is not None else None
            if bare is not None:
                # "July 7, 2023Targeted for profiles having": a row without figures (its date and type
                # only); its type cell may wrap onto the next short lines ("level 7 in French").
                lines[k], open_row = f"{bare.group('full')}\t{bare.group('type').strip()}", k
                continue
            if wrapped and open_row is not None:
                lines[open_row] += " " + line.strip()
                joined.add(k)
                continue
            open_row = None
            dateless = re.fullmatch(r"\s*([A-Za-z][^\d\n]*[A-Za-z)]) *(\d[\d,]{3,})\s*", line)
            pair = dateless and (_CUT_THEN_COUNT if crs_first else _COUNT_THEN_CUT).fullmatch(
                dateless.group(2)
            )
            if dateless and pair and crs_first is not None and not re.match(r"\s*" + MONTH, line, re.I):
                # "Canadian Experience Class3,200509": a row whose date cell is lost; an empty date cell keeps
                # the table going (the row names no round)
                lines[k] = "\t".join(["", dateless.group(1), pair.group(1), pair.group(2)])
            elif not re.match(r"\s*(?:\d{1,2}\s+)?" + MONTH, line, re.I):
                crs_first = None  # the rows follow the header line by line; a row read otherwise is skipped
            continue
        open_row = None
        cut, count = (split.group(1), split.group(2)) if crs_first else (split.group(2), split.group(1))
        if int(count.replace(",", "")) < 10:
            crs_first = None
            continue
        if row.group("date"):
            first = [row.group("date"), row.group("type")]
        elif row.group("day4"):
            first = [f"{row.group('day4')}20{row.group('yy')}"]  # "4-Mar-20" reads "4-Mar-2020"
        else:
            # "March 6. 2019": a full stop for the comma between the day and the year, read as the comma
            full = re.sub(r"(\d)\.\s*((?:19|20)\d\d)$", r"\1, \2", row.group("full") or "")
            first = [row.group("full3"), row.group("type3")] if row.group("full3") else [full]
            if row.group("number3"):
                first.insert(0, row.group("number3"))  # "327November 20, 2024Healthcare ...": its number
            elif row.group("number2"):
                first.insert(0, row.group("number2"))  # "Draw #293April 11, 2024...": its number
        lines[k] = "\t".join([*first, *((cut, count) if crs_first else (count, cut))])
    return "\n".join(line for k, line in enumerate(lines) if k not in joined)
