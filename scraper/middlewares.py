"""Downloader middlewares: honour ``Retry-After`` within the poll's budget; fetch only the configured host.

Both are thin: the decisions are pure functions in :mod:`scraper.fetch`.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from typing import Any

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response
from scrapy.utils.defer import maybe_deferred_to_future
from twisted.internet.task import deferLater

from scraper.fetch import host_allowed, parse_retry_after, retry_wait

log = logging.getLogger("eewatch.fetch")

#: Request meta: monotonic time of the first try (kept across retries and redirects).
STARTED = "eewatch_started"
#: Request meta: the hosts this request (and every redirect of it) may go to.
HOSTS = "eewatch_hosts"


class RetryAfterMiddleware(RetryMiddleware):
    """Scrapy's retries, but a ``Retry-After`` is waited out (bounded), never overrun.

    A poll's budget is ``EEWATCH_POLL_BUDGET`` seconds, by default what its tries
    may take anyway (``DOWNLOAD_TIMEOUT * (RETRY_TIMES + 1)``). A retry that would
    end past it is not made; nor is one asked for later than ``RETRY_AFTER_MAX``.
    """

    def __init__(self, settings: Any) -> None:
        super().__init__(settings)
        self.timeout = settings.getfloat("DOWNLOAD_TIMEOUT")
        self.cap = settings.getfloat("RETRY_AFTER_MAX", 120.0)
        self.budget = settings.getfloat("EEWATCH_POLL_BUDGET") or self.timeout * (self.max_retry_times + 1)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RetryAfterMiddleware:
        middleware = cls(crawler.settings)
        middleware.crawler = crawler
        return middleware

    def process_request(self, request: Request, spider: Any = None) -> None:
        request.meta.setdefault(STARTED, time.monotonic())

    # Scrapy (2.13+) takes a coroutine here; its stubs still declare the synchronous form.
    async def process_response(  # type: ignore[override]
        self, request: Request, response: Response, spider: Any = None
    ) -> Any:
        if request.meta.get("dont_retry", False) or response.status not in self.retry_http_codes:
            return response
        header = response.headers.get(b"Retry-After")
        retries_left = request.meta.get("retry_times", 0) < request.meta.get(
            "max_retry_times", self.max_retry_times
        )
        if header is None or not retries_left:
            # No Retry-After: Scrapy's immediate retry. No retry left: Scrapy logs that it gave up.
            return self._retry(request, f"HTTP {response.status}") or response
        now = _server_now(response)
        asked = parse_retry_after(header.decode("latin-1"), now)
        elapsed = time.monotonic() - request.meta.get(STARTED, time.monotonic())
        timeout = float(request.meta.get("download_timeout", self.timeout))
        wait = retry_wait(asked, elapsed=elapsed, timeout=timeout, budget=self.budget, cap=self.cap)
        if wait is None:
            log.warning(
                "HTTP %d with Retry-After %r: beyond this poll's budget of %.0fs; not retried",
                response.status,
                header.decode("latin-1")[:40],
                self.budget,
            )
            return response
        retry = self._retry(request, f"HTTP {response.status} (Retry-After {wait:g}s)")
        if retry is None:
            return response
        if wait > 0:
            from twisted.internet import reactor

            log.info("HTTP %d: waiting %.1fs as Retry-After asks", response.status, wait)
            await maybe_deferred_to_future(deferLater(reactor, wait, lambda: None))
        return retry


def _server_now(response: Response) -> dt.datetime:
    """The server's clock (its ``Date`` header) for an HTTP-date Retry-After; ours if absent."""
    import email.utils

    date = response.headers.get(b"Date")
    if date:
        try:
            parsed = email.utils.parsedate_to_datetime(date.decode("latin-1"))
            if parsed is not None:
                return parsed if parsed.tzinfo else parsed.replace(tzinfo=dt.UTC)
        except (TypeError, ValueError, IndexError, OverflowError):
            pass
    return dt.datetime.now(dt.UTC)


class SameHostMiddleware:
    """Refuse any request (a redirect, above all) to a host the request was not configured for.

    Scrapy's own offsite filter lets ``dont_filter`` requests through, and the
    feed's requests need ``dont_filter`` (the daemon asks for the same URL every
    poll), so the feed spider puts its hosts in ``request.meta["eewatch_hosts"]``.
    """

    def process_request(self, request: Request, spider: Any = None) -> None:
        hosts = request.meta.get(HOSTS)
        if hosts and not host_allowed(request.url, hosts):
            raise IgnoreRequest(
                f"refused a redirect to another host: {request.url} (only {', '.join(hosts)} is fetched)"
            )
