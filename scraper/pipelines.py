"""Item pipelines: validate each fetch, then store it in one transaction."""

from __future__ import annotations

import logging
import sys
from typing import Any, Self

from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem

from scraper.domain.items import CHANGED, ERROR, FeedFetch

log = logging.getLogger("eewatch.pipeline")


class StoreBackedPipeline:
    """A pipeline that writes through one :class:`eewatch.foundation.db.store.Store` for the crawl's life.

    The database URL comes from the ``EEWATCH_DATABASE_URL`` setting; what
    storing an item did is attached to it (``item.summary``) for the runner.
    """

    def __init__(self, database_url: str, progress: bool = False) -> None:
        self.database_url = database_url
        self.progress = progress
        self.store: Any = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        url = crawler.settings.get("EEWATCH_DATABASE_URL")
        if not url:
            raise ValueError("the EEWATCH_DATABASE_URL setting is required")
        return cls(url, crawler.settings.getbool("EEWATCH_PROGRESS"))

    def open_spider(self, spider: Any = None) -> None:
        from eewatch.foundation.db.store import Store

        # The runner (scrape --once, the daemon) opened, and so migrated, the database first.
        self.store = Store.open(self.database_url, migrate=False)

    def close_spider(self, spider: Any = None) -> None:
        if self.store is not None:
            self.store.close()


class StorePipeline(StoreBackedPipeline):
    """Store each :class:`FeedFetch` (one transaction per fetch)."""

    def process_item(self, item: Any, spider: Any = None) -> Any:
        if not isinstance(item, FeedFetch):
            raise DropItem(f"unexpected item {type(item).__name__}")
        if item.outcome == CHANGED and item.parsed is None:
            raise DropItem("a changed fetch without its parse")
        if item.outcome == ERROR and not item.error:
            raise DropItem("an error fetch without its reason")
        item.summary = self.store.record_feed_fetch(item, progress=_progress_bar if self.progress else None)
        return item


def _progress_bar(done: int, total: int) -> None:
    """A one-line progress bar on stderr for long backfills."""
    width = 30
    filled = width * done // max(total, 1)
    sys.stderr.write(f"\rstoring rounds [{'#' * filled}{'.' * (width - filled)}] {done}/{total}")
    if done >= total:
        sys.stderr.write("\n")
    sys.stderr.flush()
