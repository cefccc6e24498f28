"""Announcement parsers with a bound on their work: what the spiders and the CLI call (pure).

A page or an article comes from a host the feed or the config named, but its
content is still untrusted: one hostile document must not hold ``scrape --once``
for hours. Three bounds, each a clean :class:`AnnouncementError` naming it:

* **bytes**: :data:`MAX_DOCUMENT_BYTES` (2 MiB), far below the feed's 16 MiB; a
  Ministerial Instructions page is ~60 KB of HTML, a news article ~200 KB. The
  spiders also pass it to Scrapy (``download_maxsize``), so a larger body is not
  even downloaded.
* **text**: :data:`MAX_TEXT_CHARS` characters of visible text (a round's page
  has ~10,000); the text extraction is linear (``mi_page.html_text``), and this
  caps what the per-line and per-sentence rules downstream may cost, whatever
  their complexity. The bound is on work, not on a clock, so the parsers stay
  pure and a test of it cannot be flaky.
* **numbers**: a value that cannot be read (``int()`` past 4,300 digits, a
  recursion limit) is a rejection of this document with its reason, not a traceback.
"""

from __future__ import annotations

import datetime as dt

from eewatch.domain.announcement import Announcement, AnnouncementError
from scraper.parsing.article import article_text, parse_article_text
from scraper.parsing.mi_page import html_text, parse_page_text

MAX_DOCUMENT_BYTES = 2 * 1024 * 1024
MAX_TEXT_CHARS = 200_000


class DocumentTooLarge(AnnouncementError):
    """A document past one of the bounds: not parsed."""


def check_size(body: bytes | str, what: str) -> None:
    size = len(body.encode("utf-8", "surrogatepass")) if isinstance(body, str) else len(body)
    if size > MAX_DOCUMENT_BYTES:
        raise DocumentTooLarge(
            f"the {what} is {size:,} bytes, more than the {MAX_DOCUMENT_BYTES:,} a round's {what} "
            "may be; not parsed"
        )


def _check_text(text: str, what: str) -> None:
    if len(text) > MAX_TEXT_CHARS:
        raise DocumentTooLarge(
            f"the {what}'s text is {len(text):,} characters, more than the {MAX_TEXT_CHARS:,} "
            f"a round's {what} may hold; not parsed"
        )


def _unreadable(what: str, exc: BaseException) -> AnnouncementError:
    return AnnouncementError(f"the {what} cannot be read: {type(exc).__name__}: {str(exc)[:200]}")


def parse_page(body: bytes | str, url: str = "") -> Announcement:
    """:func:`scraper.parsing.mi_page.parse_page`, bounded."""
    check_size(body, "page")
    try:
        text = html_text(body)
        _check_text(text, "page")
        return parse_page_text(text, url)
    except AnnouncementError:
        raise
    except (ValueError, RecursionError) as exc:
        raise _unreadable("page", exc) from None


def parse_article(body: bytes | str, url: str = "", *, published: dt.date | None = None) -> Announcement:
    """:func:`scraper.parsing.article.parse_article`, bounded."""
    check_size(body, "article")
    try:
        text = article_text(body)
        _check_text(text, "article")
        return parse_article_text(text, published=published)
    except AnnouncementError:
        raise
    except (ValueError, RecursionError) as exc:
        raise _unreadable("article", exc) from None
