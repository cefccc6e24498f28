"""Hostile world II: one hostile page or article cannot hold ``scrape --once`` for long.

Each case runs in a child process with a wall-time budget (far above what it
takes now, far below what it took: 100k nested ``<div>`` took more than 300 s,
20k labelled lines in ``<p>`` about 270 s, a 2 MB article about 100 s), so the
test fails in seconds on the old code instead of hanging. ``python -m
bench.parsers`` prints the medians.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from eewatch.domain.announcement import AnnouncementError
from eewatch.domain.fetches import SourceTarget
from scraper.parsing.bounded import MAX_DOCUMENT_BYTES, DocumentTooLarge, parse_article, parse_page
from scraper.parsing.mi_page import html_text
from scraper.spiders.pages import PagesSpider
from tests.support.paths import ROOT

pytestmark = pytest.mark.hostile

BUDGET = 20.0  # seconds, for the child process, imports included


def within_budget(code: str) -> str:
    """Run ``code`` in a child Python (this worktree first on the path); its stdout, or fail on time."""
    try:
        done = subprocess.run(
            [sys.executable, "-c", textwrap.dedent(code)],
            capture_output=True,
            text=True,
            timeout=BUDGET,
            cwd=ROOT,
            env={"PYTHONPATH": str(ROOT)},
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"took more than {BUDGET} s")
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def test_100k_nested_divs_are_read_in_linear_time() -> None:
    out = within_budget(
        """
        from scraper.parsing.mi_page import html_text
        n = 100_000
        print(repr(html_text(("<div>" * n + "Number of invitations issued: 5" + "</div>" * n).encode())))
        """
    )
    assert out.strip() == repr("Number of invitations issued: 5")


@pytest.mark.parametrize(
    "shape",
    ['"<a " * 400_000', '"<" * 2_000_000', '"<br>" * 400_000', '"<td>x" * 200_000', '"<a b=\'" * 200_000'],
)
def test_unclosed_tags_and_tiny_nodes_are_read_in_linear_time(shape: str) -> None:
    """The standard library's html.parser (under BeautifulSoup) rescans unclosed tags: quadratic."""
    out = within_budget(
        f"""
        from scraper.parsing.mi_page import html_text
        print(len(html_text({shape})))
        """
    )
    assert out.strip().isdigit()


def test_20k_label_lines_in_paragraphs_are_read_in_linear_time() -> None:
    out = within_budget(
        """
        from scraper.parsing.mi_page import html_text
        print(html_text(("<p>Number of invitations issued: 5</p>\\n" * 20_000).encode()).count("\\n"))
        """
    )
    assert out.strip() == "19999"


def test_a_2_mb_article_is_refused_or_read_within_the_budget() -> None:
    out = within_budget(
        """
        from eewatch.domain.announcement import AnnouncementError
        from scraper.parsing.bounded import parse_article
        sentence = "Express Entry draw #300 invited 1,500 candidates with a CRS of 500 on June 1, 2025."
        body = ("<html><body>" + f"<p>{sentence}</p>\\n" * 20_000 + "</body></html>").encode()
        try:
            parse_article(body)
            print("parsed")
        except AnnouncementError as exc:
            print(exc)
        """
    )
    assert "more than the 200,000" in out


def test_the_text_extraction_is_unchanged_on_real_shapes() -> None:
    body = (
        "<html><head><title>T</title><style>p{}</style></head><body><h1>Heading\n  one</h1>"
        "<p>a <b>b</b><br>c</p><table><tr><td>x</td><td>y</td></tr></table>"
        "<pre>keep\n  this</pre><script>no()</script><!-- no --><div>unclosed"
    )
    assert html_text(body) == "Heading one\na b\nc\nx\ty\nkeep\nthis\nunclosed"


def test_a_page_over_2_mb_is_refused_before_parsing() -> None:
    body = b"<p>" + b"x" * MAX_DOCUMENT_BYTES + b"</p>"
    with pytest.raises(DocumentTooLarge, match="more than the 2,097,152"):
        parse_page(body)
    with pytest.raises(DocumentTooLarge):
        parse_article(body)
    assert isinstance(DocumentTooLarge("x"), AnnouncementError)  # a clean source error, not a crash


def test_the_page_spiders_ask_scrapy_not_to_download_more_than_2_mb() -> None:
    import asyncio

    spider = PagesSpider(targets=[SourceTarget("https://www.canada.ca/en/x/invitations-1.html")])

    async def first() -> object:
        async for request in spider.start():
            return request
        return None

    request = asyncio.run(first())
    assert request.meta["download_maxsize"] == MAX_DOCUMENT_BYTES
