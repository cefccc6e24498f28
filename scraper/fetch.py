"""Turn what the downloader returned into a :class:`~scraper.items.FeedFetch` (pure)."""

from __future__ import annotations

import hashlib

from scraper.items import CHANGED, ERROR, NOT_MODIFIED, UNCHANGED, FeedFetch
from scraper.parsing.feed import FeedFormatError, parse_feed


def feed_fetch_from_response(
    *,
    url: str,
    status: int,
    body: bytes,
    etag: str | None,
    last_modified: str | None,
    previous_sha256: str | None,
    duration_ms: int | None,
    content_type: str | None = None,
) -> FeedFetch:
    """Decide what one response means: a new copy, the same bytes, 304, or an error."""
    common = {
        "url": url,
        "http_status": status,
        "etag": etag,
        "last_modified": last_modified,
        "bytes": len(body),
        "duration_ms": duration_ms,
    }
    if status == 304:
        return FeedFetch(outcome=NOT_MODIFIED, **common)
    if not 200 <= status < 300:
        return FeedFetch(outcome=ERROR, error=f"HTTP {status} from the feed", **common)
    digest = hashlib.sha256(body).hexdigest()
    if previous_sha256 is not None and digest == previous_sha256:
        return FeedFetch(outcome=UNCHANGED, body_sha256=digest, **common)
    try:
        parsed = parse_feed(body)
    except FeedFormatError as exc:
        hint = f" (Content-Type {content_type})" if content_type and "json" not in content_type else ""
        return FeedFetch(outcome=ERROR, error=f"{exc}{hint}", body_sha256=digest, **common)
    return FeedFetch(outcome=CHANGED, parsed=parsed, body_sha256=digest, **common)


def feed_fetch_from_failure(url: str, message: str, status: int | None = None) -> FeedFetch:
    """A fetch that produced no usable response (connection error, timeout, size cap)."""
    return FeedFetch(url=url, outcome=ERROR, http_status=status, error=message)
