"""Ministerial Instructions pages: one GET per page, bytes handed to the pure parser.

:class:`AnnouncementSpider` is shared with the articles spider; each
subclass only names its kind and its parser.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator, Sequence
from typing import Any, ClassVar
from urllib.parse import urlparse

import scrapy
from scrapy.http import Response
from twisted.python.failure import Failure

from eewatch.domain.announcement import PAGE, Announcement
from eewatch.domain.fetches import ERROR, SourceDocument, SourceTarget
from scraper.fetch import document_from_response
from scraper.middlewares import HOSTS
from scraper.parsing.bounded import MAX_DOCUMENT_BYTES, parse_page
from scraper.spiders.feed import HANDLED_STATUSES, describe_failure


class AnnouncementSpider(scrapy.Spider):
    """Fetch announcement documents (http(s) or file:// URLs); one item per document."""

    kind: ClassVar[str]

    def __init__(self, targets: Sequence[SourceTarget] = (), **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.targets = list(targets)
        hosts = [urlparse(t.url).hostname for t in self.targets]
        # Only the configured hosts are fetched (when every target has one).
        self.allowed_domains = sorted({h for h in hosts if h}) if all(hosts) else []

    @staticmethod
    def parse_document(body: bytes, url: str) -> Announcement:
        raise NotImplementedError

    async def start(self) -> AsyncIterator[scrapy.Request]:
        for target in self.targets:
            yield scrapy.Request(
                target.url,
                callback=self.parse,
                errback=self.failed,
                dont_filter=True,
                meta={
                    "handle_httpstatus_list": HANDLED_STATUSES,
                    "target": target,
                    # A redirect to a host no target names is refused (SameHostMiddleware).
                    HOSTS: list(self.allowed_domains),
                    # A page or article is far smaller than the feed: a larger body is not downloaded.
                    "download_maxsize": MAX_DOCUMENT_BYTES,
                },
            )

    def parse(self, response: Response, **kwargs: Any) -> Iterator[SourceDocument]:
        target: SourceTarget = response.meta["target"]
        latency = response.meta.get("download_latency")
        yield document_from_response(
            url=target.url,
            kind=self.kind,
            status=response.status,
            body=response.body,
            parse=self.parse_document,
            previous_sha256=target.previous_sha256,
            duration_ms=round(latency * 1000) if latency is not None else None,
        )

    def failed(self, failure: Failure) -> Iterator[SourceDocument]:
        request = getattr(failure, "request", None)
        target = request.meta.get("target") if request is not None else None
        url = target.url if target is not None else (request.url if request is not None else "?")
        yield SourceDocument(url=url, kind=self.kind, outcome=ERROR, error=describe_failure(failure))


class PagesSpider(AnnouncementSpider):
    """Rounds' Ministerial Instructions pages."""

    name = "pages"
    kind = PAGE

    @staticmethod
    def parse_document(body: bytes, url: str) -> Announcement:
        return parse_page(body, url)
