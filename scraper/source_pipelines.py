"""The pipeline of the announcement spiders: store each document in one transaction."""

from __future__ import annotations

import logging
from typing import Any

from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem

from scraper.announcement_items import SourceDocument
from scraper.items import CHANGED, ERROR

log = logging.getLogger("eewatch.pipeline.sources")


class SourceStorePipeline:
    """Store each :class:`SourceDocument` through :mod:`eewatch.db.sources_store`.

    The database URL comes from the ``EEWATCH_DATABASE_URL`` setting; what
    storing did is attached to the item (``item.summary``) for the runner.
    """

    def __init__(self, database_url: str) -> None:
        self.database_url = database_url
        self.store: Any = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> SourceStorePipeline:
        url = crawler.settings.get("EEWATCH_DATABASE_URL")
        if not url:
            raise ValueError("the EEWATCH_DATABASE_URL setting is required")
        return cls(url)

    def open_spider(self, spider: Any = None) -> None:
        from eewatch.db.store import Store

        self.store = Store.open(self.database_url)

    def close_spider(self, spider: Any = None) -> None:
        if self.store is not None:
            self.store.close()

    def process_item(self, item: Any, spider: Any = None) -> Any:
        from eewatch.db.sources_store import record_source_document

        if not isinstance(item, SourceDocument):
            raise DropItem(f"unexpected item {type(item).__name__}")
        if item.outcome == CHANGED and item.announcement is None:
            raise DropItem("a parsed document without its announcement")
        if item.outcome == ERROR and not item.error:
            raise DropItem("an error document without its reason")
        if item.outcome == ERROR:
            log.error("%s %s: %s", item.kind, item.url, item.error)
        item.summary = record_source_document(self.store, item)
        return item
