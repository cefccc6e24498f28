"""Plain-text tables for the terminal, with colour only where it is wanted."""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TextIO

RESET = "\033[0m"
STYLES = {
    "bold": "\033[1m",
    "dim": "\033[2m",
    "red": "\033[31m",
    "green": "\033[32m",
    "yellow": "\033[33m",
    "blue": "\033[34m",
    "magenta": "\033[35m",
    "cyan": "\033[36m",
}
#: What a missing value looks like in a table.
MISSING = "-"


def wants_colour(stream: TextIO, env: Mapping[str, str] | None = None) -> bool:
    """Colour only on a terminal, never with ``NO_COLOR`` set (https://no-color.org) or ``TERM=dumb``."""
    env = os.environ if env is None else env
    if env.get("NO_COLOR"):
        return False
    if env.get("TERM") == "dumb":
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


@dataclass(frozen=True)
class Cell:
    """One table cell: its text, a style name (or None), and right alignment for numbers."""

    text: str
    style: str | None = None
    right: bool = False


def cell(value: object, style: str | None = None, *, right: bool = False) -> Cell:
    """A cell; ``None`` becomes a dim ``-`` (missing, never zero)."""
    if value is None:
        return Cell(MISSING, "dim", right)
    return Cell(str(value), style, right)


def render_table(
    header: Sequence[str],
    rows: Sequence[Sequence[Cell]],
    *,
    colour: bool = False,
    fit: int | None = None,
    shrink: int | None = None,
) -> str:
    """An aligned table; the header is bold when coloured.

    ``fit``: at most this many columns wide, the ``shrink`` column's long values cut short with "…".
    """
    head = [Cell(h, "bold") for h in header]
    widths = [max(len(c.text) for c in col) for col in zip(head, *rows, strict=True)] if rows else []
    if not rows:
        widths = [len(h) for h in header]
    if fit is not None and shrink is not None and rows:
        over = sum(widths) + 2 * (len(widths) - 1) - fit
        narrow = max(len(header[shrink]), widths[shrink] - over)
        if over > 0 and narrow < widths[shrink]:
            widths[shrink] = narrow
            rows = [[*row[:shrink], _cut(row[shrink], narrow), *row[shrink + 1 :]] for row in rows]
    lines = []
    for row in (head, *rows):
        parts = []
        for i, (c, width) in enumerate(zip(row, widths, strict=True)):
            right = c.right or (row is head and any(r[i].right for r in rows))
            text = c.text.rjust(width) if right else c.text.ljust(width)
            if colour and c.style:
                text = f"{STYLES[c.style]}{text}{RESET}"
            parts.append(text)
        lines.append("  ".join(parts).rstrip())
    return "\n".join(lines) + "\n"


def _cut(c: Cell, width: int) -> Cell:
    """The cell's text in ``width`` characters, ending in "…" where cut."""
    if len(c.text) <= width:
        return c
    return Cell(c.text[: width - 1] + "…", c.style, c.right)
