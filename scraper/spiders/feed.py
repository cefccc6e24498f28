"""The rounds feed spider: one conditional GET, bytes handed to the pure parser."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Iterator
from typing import Any
from urllib.parse import urlparse

import scrapy
from scrapy.http import Response
from twisted.python.failure import Failure
from w3lib.http import basic_auth_header

from eewatch.domain.fetches import FeedFetch
from eewatch.domain.userinfo import mask_userinfo, split_userinfo
from scraper.fetch import describe_error, feed_fetch_from_failure, feed_fetch_from_response
from scraper.middlewares import HOSTS
from scraper.parsing.feed import FeedParse, parse_feed

#: Responses the spider wants to see itself rather than have filtered.
HANDLED_STATUSES = [304, *range(400, 600)]


class FeedSpider(scrapy.Spider):
    """Fetch IRCC's rounds feed (an http(s) URL or a file:// copy)."""

    name = "feed"

    def __init__(
        self,
        url: str,
        etag: str | None = None,
        last_modified: str | None = None,
        previous_sha256: str | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        # A user and password in the URL (a mirror's) go as HTTP Basic authentication; the URL
        # recorded and shown is the masked one (eewatch/domain/userinfo.py).
        bare, user, password = split_userinfo(url)
        self.url = mask_userinfo(url)
        self.request_url = bare
        self.authorization = basic_auth_header(user, password or "") if user is not None else None
        self.etag = etag
        self.last_modified = last_modified
        self.previous_sha256 = previous_sha256
        # Reads a changed copy. One fetch per run needs no memo; the daemon's spider,
        # kept open between copies, remembers each record's parse (WatchFeedSpider).
        self.feed_parser: Callable[[bytes], FeedParse] = parse_feed
        host = urlparse(bare).hostname
        # Only the configured host is fetched: a redirect elsewhere is refused
        # (by scraper.middlewares.SameHostMiddleware, which sees dont_filter requests too).
        self.allowed_domains = [host] if host else []

    async def start(self) -> AsyncIterator[scrapy.Request]:
        yield self.feed_request()

    def feed_request(self) -> scrapy.Request:
        """The conditional GET for the feed."""
        headers = {"Accept": "application/json"}
        if self.etag:
            headers["If-None-Match"] = self.etag
        if self.last_modified:
            headers["If-Modified-Since"] = self.last_modified
        if self.authorization is not None:
            headers["Authorization"] = self.authorization.decode("latin-1")
        return scrapy.Request(
            self.request_url,
            headers=headers,
            callback=self.parse,
            errback=self.failed,
            dont_filter=True,
            meta={
                "handle_httpstatus_list": HANDLED_STATUSES,
                HOSTS: list(self.allowed_domains),
                # A local file that is missing stays missing: no retries.
                "dont_retry": urlparse(self.url).scheme == "file",
            },
        )

    def parse(self, response: Response, **kwargs: Any) -> Iterator[FeedFetch]:
        latency = response.meta.get("download_latency")
        yield feed_fetch_from_response(
            url=self.url,
            status=response.status,
            body=response.body,
            etag=_header(response, b"ETag"),
            last_modified=_header(response, b"Last-Modified"),
            previous_sha256=self.previous_sha256,
            duration_ms=round(latency * 1000) if latency is not None else None,
            content_type=_header(response, b"Content-Type"),
            retry_after=_header(response, b"Retry-After"),
            parse=self.feed_parser,
        )

    def failed(self, failure: Failure) -> Iterator[FeedFetch]:
        max_bytes = self.settings.getint("DOWNLOAD_MAXSIZE") if hasattr(self, "crawler") else None
        yield feed_fetch_from_failure(self.url, describe_failure(failure, max_bytes=max_bytes))


def _header(response: Response, name: bytes) -> str | None:
    value = response.headers.get(name)
    return value.decode("latin-1") if value else None


def describe_failure(failure: Failure, *, max_bytes: int | None = None) -> str:
    """One line saying why a request produced no response (:func:`scraper.fetch.describe_error`)."""
    error = failure.value
    return describe_error(type(error).__name__, str(error), max_bytes=max_bytes)
