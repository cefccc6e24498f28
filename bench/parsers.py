"""Hostile documents through the announcement parsers: ``python -m bench.parsers``.

Prints the median wall time of each case (in this process, no I/O). Before the
linear text extraction (libxml2's events through lxml's target parser, replacing
a BeautifulSoup tree over the standard library's ``html.parser``), nested
``<div>`` took 3.1 s at 8k levels and more than 300 s at 100k; 20k labelled
lines in ``<p>`` 26-270 s; a 25 MB article more than 300 s; ``"<a " * 400_000``
more than 10 minutes. The page and article parsers are now bounded
(``scraper/parsing/bounded.py``): 2 MiB of bytes, 200,000 characters of
text, so the worst case is the 2 MiB document.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable

from eewatch.domain.announcement import AnnouncementError
from scraper.parsing.bounded import MAX_TEXT_CHARS, parse_article, parse_page
from scraper.parsing.mi_page import html_text

SENTENCE = "Express Entry draw #300 invited 1,500 candidates with a CRS of 500 on June 1, 2025. "


def nested_divs(levels: int) -> bytes:
    return ("<div>" * levels + "Number of invitations issued: 5" + "</div>" * levels).encode()


def label_lines(count: int) -> bytes:
    return ("<p>Number of invitations issued: 5</p>\n" * count).encode()


def article(size: int) -> bytes:
    paragraph = f"<p>{SENTENCE}</p>\n".encode()
    return b"<html><body>" + paragraph * (size // len(paragraph)) + b"</body></html>"


def article_at_text_cap() -> bytes:
    """The largest article the text bound lets through: what article.py's own rules may cost."""
    paragraph = f"<p>{SENTENCE}</p>\n"
    return (
        "<html><body>" + paragraph * (MAX_TEXT_CHARS // (len(SENTENCE) + 1) - 1) + "</body></html>"
    ).encode()


def _run(parse: Callable[[bytes], object], body: bytes) -> str:
    try:
        parse(body)
    except AnnouncementError as exc:
        return f"rejected: {str(exc)[:70]}"
    return "parsed"


CASES: list[tuple[str, Callable[[], bytes], Callable[[bytes], object]]] = [
    ("nested divs 8k: html_text", lambda: nested_divs(8_000), html_text),
    ("nested divs 100k: html_text", lambda: nested_divs(100_000), html_text),
    ("nested divs 100k: page", lambda: nested_divs(100_000), parse_page),
    ("20k label lines: page", lambda: label_lines(20_000), parse_page),
    ("2 MB article: article", lambda: article(2 * 1000 * 1000), parse_article),
    ("article at the text cap: article", article_at_text_cap, parse_article),
    ("unclosed tags 1.2 MB: html_text", lambda: b"<a " * 400_000, html_text),
    ("3 MB page: page", lambda: label_lines(80_000), parse_page),
]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.parsers", description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs per case (the median is printed)")
    args = parser.parse_args(argv)
    print(f"{'case':<36} {'bytes':>11} {'median s':>9}  outcome")
    for name, make, parse in CASES:
        body = make()
        times, outcome = [], ""
        for _ in range(args.repeat):
            start = time.perf_counter()
            outcome = _run(parse, body)
            times.append(time.perf_counter() - start)
        print(f"{name:<36} {len(body):>11,} {statistics.median(times):>9.3f}  {outcome}")
        sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
