"""The cron check's conditional GET, with the standard library (no Scrapy, no Twisted).

One request, the headers the feed spider sends, no redirect followed, no body
read: a 304 is all this request can settle. Whatever else comes back (a 200, a
redirect, an error, a timeout) is handed back for the full crawl to fetch and
judge (``scraper.fetch``), the one place responses are judged and stored.

The request goes through ``http.client``: ``urllib.request`` would add nothing a
single GET with no redirect needs, and importing it (its opener, ``tempfile``,
``shutil``, ``hashlib``) cost about 7 ms of CPU per cron run. A proxy named in the
environment (``https_proxy``, ``http_proxy``, ``all_proxy``; ``no_proxy`` honoured)
is the one exception: urllib reads those as Scrapy's proxy middleware does, so the
request goes through urllib then.
"""

from __future__ import annotations

import http.client
import os
import time
from typing import Any, NamedTuple
from urllib.parse import urlsplit


class Answer(NamedTuple):
    """The status line and validators of one response (its body is never read)."""

    status: int
    etag: str | None
    last_modified: str | None
    content_type: str | None
    duration_ms: int


def conditional_get(
    url: str, *, etag: str | None, last_modified: str | None, user_agent: str, timeout: float
) -> Answer | None:
    """GET ``url`` with ``If-None-Match``/``If-Modified-Since``; None when no response came (any error)."""
    headers = {"User-Agent": user_agent, "Accept": "application/json", "Connection": "close"}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    if proxy_in_environment():
        return _through_urllib(url, headers, timeout)
    started = time.monotonic()
    try:
        parts = urlsplit(url)
        host, port = parts.hostname, parts.port  # a port that is not a number: ValueError
        if parts.scheme not in ("http", "https") or not host:
            return None
        kind = http.client.HTTPSConnection if parts.scheme == "https" else http.client.HTTPConnection
        conn = kind(host, port, timeout=timeout)
        try:
            target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
            conn.request("GET", target, headers=headers)
            response = conn.getresponse()
            return _answer(response.status, response.headers, started)
        finally:
            conn.close()
    except (OSError, ValueError, http.client.HTTPException):  # refused, DNS, TLS, timeout, a bad URL or reply
        return None


def proxy_in_environment() -> bool:
    """A ``*_proxy`` variable other than ``no_proxy`` is set (any case): urllib decides whether it applies."""
    return any(
        value and name.lower().endswith("_proxy") and name.lower() != "no_proxy"
        for name, value in os.environ.items()
    )


def _through_urllib(url: str, headers: dict[str, str], timeout: float) -> Answer | None:
    """The same request through urllib: through the environment's proxy, or not (``no_proxy``)."""
    import urllib.error
    import urllib.request

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        """A redirect is the full crawl's to follow (it checks where it leads)."""

        def redirect_request(self, *args: Any, **kwargs: Any) -> None:
            return None

    request = urllib.request.Request(url, headers=headers, method="GET")
    started = time.monotonic()
    try:
        response = urllib.request.build_opener(NoRedirect()).open(request, timeout=timeout)
    except urllib.error.HTTPError as exc:  # 304, 3xx, 4xx, 5xx: a status line came
        response = exc
    except (OSError, ValueError, http.client.HTTPException):
        return None
    with response:
        return _answer(int(response.status if response.status is not None else 0), response.headers, started)


def _answer(status: int, got: Any, started: float) -> Answer:
    return Answer(
        status=status,
        etag=got.get("ETag"),
        last_modified=got.get("Last-Modified"),
        content_type=got.get("Content-Type"),
        duration_ms=round((time.monotonic() - started) * 1000),
    )
