"""Small HTML helpers: escaping, the page shell, tables. Every piece of data goes through :func:`esc`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from html import escape

#: How a missing value reads in the report (never 0).
MISSING = "–"


def esc(value: object) -> str:
    """Escaped text; ``None`` becomes the missing mark."""
    return MISSING if value is None else escape(str(value), quote=True)


def num(value: int | float | None, digits: int = 0) -> str:
    """``1,500``; None as the missing mark."""
    if value is None:
        return MISSING
    return f"{value:,.{digits}f}"


def page(*, title: str, heading: str, body: str, now: dt.datetime, site_title: str, home: bool) -> str:
    """A whole page: head (CSS, JS, feed link), header with navigation, main, footer."""
    nav = "" if home else '<a href="index.html">← all rounds</a> · '
    return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{esc(title)}</title>
<link rel="icon" href="favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="report.css">
<link rel="alternate" type="application/atom+xml" title="{esc(site_title)}" href="feed.xml">
<script src="report.js" defer></script>
</head>
<body>
<header>
<p class="site">{esc(site_title)}</p>
<h1>{esc(heading)}</h1>
<nav>{nav}<a href="feed.xml">Atom feed</a> · <a href="rounds.json">rounds.json</a> · \
<a href="rounds.csv">rounds.csv</a></nav>
</header>
<main>
{body}
</main>
<footer>
<p>Generated {esc(now.strftime("%Y-%m-%d %H:%M"))} UTC by eewatch from IRCC's
<a href="https://www.canada.ca/en/immigration-refugees-citizenship/corporate/mandate/policies-operational-instructions-agreements/ministerial-instructions/express-entry-rounds.html">Express
Entry rounds of invitations</a>. {MISSING} means IRCC published no value. Past rounds only: not advice.</p>
</footer>
</body>
</html>
"""


def table(
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    *,
    numeric: Sequence[int] = (),
    wide: Sequence[int] = (),
    row_attrs: Sequence[str] | None = None,
    caption: str | None = None,
    css_class: str = "",
    table_id: str | None = None,
    sortable: dict[int, str] | None = None,
) -> str:
    """A table of escaped cells; ``numeric`` columns align right, ``wide`` ones hide on phones.

    ``sortable`` maps a column to the ``data-*`` key report.js sorts it by (``data-sort`` on its header).
    """

    def cls(index: int) -> str:
        names = [n for n, cols in (("num", numeric), ("wide", wide)) if index in cols]
        return f' class="{" ".join(names)}"' if names else ""

    sorts = sortable or {}

    def sort_attr(index: int) -> str:
        return f' data-sort="{esc(sorts[index])}"' if index in sorts else ""

    head = "".join(f'<th scope="col"{cls(i)}{sort_attr(i)}>{esc(h)}</th>' for i, h in enumerate(header))
    body = []
    for index, row in enumerate(rows):
        attrs = f" {row_attrs[index]}" if row_attrs else ""
        cells = "".join(f"<td{cls(i)}>{c}</td>" for i, c in enumerate(row))
        body.append(f"<tr{attrs}>{cells}</tr>")
    cap = f"<caption>{esc(caption)}</caption>" if caption else ""
    ident = f' id="{esc(table_id)}"' if table_id else ""
    return (
        f'<div class="table-wrap"><table{ident} class="{esc(css_class)}">{cap}<thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(body)}</tbody></table></div>"
    )


def details(summary: str, inner: str) -> str:
    """A collapsed section (a chart's data table)."""
    return f"<details><summary>{esc(summary)}</summary>{inner}</details>"
