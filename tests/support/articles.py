"""What the article reader gives for a text, in the shapes the article tests compare (no assertion here)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from scraper.parsing.article import parse_article

#: A round's fields as :func:`rows` lists them.
ROW_FIELDS = ("round_id", "date", "invitations", "crs_min", "round_type", "category")


def rounds(text: str, published: dt.date | None = None) -> list[dict[str, Any]]:
    """Each round the reader gives, as its values (only the fields it states)."""
    return [r.values() for r in parse_article(text, published=published).rounds]


def rows(text: str) -> list[tuple[object, ...]]:
    """Each round the reader gives, as a tuple of :data:`ROW_FIELDS` (None where not stated)."""
    return [tuple(r.get(k) for k in ROW_FIELDS) for r in rounds(text)]


def dates(text: str, published: dt.date | None = None) -> set[object]:
    """The dates of the rounds the reader gives (None for a round it leaves undated)."""
    return {r.get("date") for r in rounds(text, published)}


def undated(text: str) -> list[tuple[object, ...]]:
    """Each round the reader gives without a date (and without a number): the day it was written with
    ("MM-DD", or None), its count, cut-off, round type and category (None where not stated)."""
    out = []
    for r in parse_article(text).rounds:
        if r.date is not None or r.round_id is not None:
            continue
        values = r.values()
        day = r.day_written.value if r.day_written is not None else None
        out.append((day, *(values.get(k) for k in ("invitations", "crs_min", "round_type", "category"))))
    return out
