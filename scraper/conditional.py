"""The cron check's conditional GET, with the standard library (no Scrapy, no Twisted).

One request, the headers the feed spider sends, no redirect followed, no body
read: a 304 is all this request can settle. Whatever else comes back (a 200, a
redirect, an error, a timeout) is handed back for the full crawl to fetch and
judge (``scraper.fetch``), the one place responses are judged and stored.
"""

from __future__ import annotations

import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Answer:
    """The status line and validators of one response (its body is never read)."""

    status: int
    etag: str | None
    last_modified: str | None
    content_type: str | None
    duration_ms: int


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """A redirect is the full crawl's to follow (it checks where it leads)."""

    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


_OPENER = urllib.request.build_opener(_NoRedirect())


def conditional_get(
    url: str, *, etag: str | None, last_modified: str | None, user_agent: str, timeout: float
) -> Answer | None:
    """GET ``url`` with ``If-None-Match``/``If-Modified-Since``; None when no response came (any error)."""
    headers = {"User-Agent": user_agent, "Accept": "application/json"}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    request = urllib.request.Request(url, headers=headers, method="GET")
    started = time.monotonic()
    try:
        response = _OPENER.open(request, timeout=timeout)
    except urllib.error.HTTPError as exc:  # 304, 3xx, 4xx, 5xx: a status line came
        response = exc
    except (OSError, ValueError):  # refused, DNS, TLS, timeout, a URL urllib cannot read
        return None
    with response:
        got = response.headers
        return Answer(
            status=int(response.status if response.status is not None else 0),
            etag=got.get("ETag"),
            last_modified=got.get("Last-Modified"),
            content_type=got.get("Content-Type"),
            duration_ms=round((time.monotonic() - started) * 1000),
        )
