"""An article's HTML made into text in one linear pass (pure).

The same text as :func:`scraper.parsing.mi_page.html_text` (one line per block,
a tab after each table cell, scripts, styles and the head dropped, spaces
folded outside ``<pre>``), read with the standard library's streaming parser:
an article page of a megabyte, mostly navigation, scripts and comments, is read
in a fraction of a second, where a tree that is edited node by node takes
tens of seconds.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from scraper.parsing.mi_page import _BLOCK_TAGS, _CELL_TAGS, _DROP_TAGS, tidy_lines

_BLOCKS = frozenset(_BLOCK_TAGS)
_CELLS = frozenset(_CELL_TAGS)
_DROPS = frozenset(_DROP_TAGS)
_SPACES = re.compile(r"\s+")
_CHARSET = re.compile(rb"""<meta[^>]+charset=["']?([\w-]+)""", re.I)


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.dropped = 0  # depth inside script, style, head ...
        self.pre = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _DROPS:
            self.dropped += 1
        elif tag == "pre":
            self.pre += 1
        if tag in _BLOCKS:
            self.parts.append("\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _DROPS:
            self.dropped = max(0, self.dropped - 1)
        elif tag == "pre":
            self.pre = max(0, self.pre - 1)
        if tag in _BLOCKS:
            self.parts.append("\n")
        elif tag in _CELLS:
            self.parts.append("\t")

    def handle_data(self, data: str) -> None:
        if not self.dropped:
            self.parts.append(data if self.pre else _SPACES.sub(" ", data))


def html_text(body: bytes | str) -> str:
    """The visible text of an HTML article: one line per block, tabs between table cells."""
    text = body if isinstance(body, str) else _decode(body)
    reader = _Text()
    reader.feed(text)
    reader.close()
    return tidy_lines("".join(reader.parts))


def _decode(body: bytes) -> str:
    """The page's declared charset, else UTF-8, else cp1252; latin-1 never fails."""
    declared = _CHARSET.search(body[:4096])
    encodings = [declared.group(1).decode("ascii", "replace")] if declared else []
    for encoding in [*encodings, "utf-8-sig", "cp1252"]:
        try:
            return body.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
    return body.decode("latin-1")
