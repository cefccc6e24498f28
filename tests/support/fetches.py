"""A fetch of a feed copy, as the feed spider would hand it to the store (200, no validators)."""

from __future__ import annotations

from collections.abc import Callable

from eewatch.domain.fetches import FeedFetch
from scraper.fetch import feed_fetch_from_response
from scraper.parsing.feed import FeedParse, parse_feed

URL = "https://example.test/feed.json"


def copy_fetch(
    body: bytes,
    *,
    url: str = URL,
    previous: str | None = None,
    duration_ms: int = 1,
    parse: Callable[[bytes], FeedParse] = parse_feed,
) -> FeedFetch:
    """``body`` served with a 200; ``previous`` is the last good copy's sha256, if any."""
    return feed_fetch_from_response(
        url=url,
        status=200,
        body=body,
        etag=None,
        last_modified=None,
        previous_sha256=previous,
        duration_ms=duration_ms,
        parse=parse,
    )
