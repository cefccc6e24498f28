"""The item pipeline: validate each fetch, store it in one transaction, hand on what storing did."""

from __future__ import annotations

import logging
import sys
from dataclasses import dataclass
from typing import Any, Self

from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem
from sqlalchemy.exc import SQLAlchemyError

from eewatch.domain.fetches import CHANGED, ERROR, FeedFetch, SourceDocument
from eewatch.store import integrity
from eewatch.store.announcements import SourceSummary
from eewatch.store.errors import StorageError, describe_storage_error
from eewatch.store.store import FetchSummary, Store

log = logging.getLogger("eewatch.pipeline")


@dataclass(frozen=True)
class Stored:
    """A fetch and what storing it did: what the pipeline hands on (the item itself is never changed)."""

    fetch: FeedFetch | SourceDocument
    summary: FetchSummary | SourceSummary


def problem(item: Any) -> str | None:
    """Why an item cannot be stored, or None (one validation for every kind of fetch)."""
    if not isinstance(item, FeedFetch | SourceDocument):
        return f"unexpected item {type(item).__name__}"
    parsed = item.parsed if isinstance(item, FeedFetch) else item.announcement
    if item.outcome == CHANGED and parsed is None:
        return "a changed fetch without its parse"
    if item.outcome == ERROR and not item.error:
        return "an error fetch without its reason"
    return None


class StorePipeline:
    """Writes through one :class:`Store` for the crawl's life (the ``EEWATCH_DATABASE_URL`` setting)."""

    def __init__(self, database_url: str, progress: bool = False) -> None:
        self.database_url = database_url
        self.progress = progress
        self.store: Store | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        url = crawler.settings.get("EEWATCH_DATABASE_URL")
        if not url:
            raise ValueError("the EEWATCH_DATABASE_URL setting is required")
        return cls(url, crawler.settings.getbool("EEWATCH_PROGRESS"))

    def open_spider(self, spider: Any = None) -> None:
        # The runner (scrape --once, the daemon) opened, and so migrated, the database first.
        self.store = Store.open(self.database_url, migrate=False)

    def close_spider(self, spider: Any = None) -> None:
        if self.store is not None:
            self.store.close()

    def process_item(self, item: Any, spider: Any = None) -> Stored:
        reason = problem(item)
        if reason is not None:
            raise DropItem(reason)
        assert self.store is not None, "the pipeline stores only between open_spider and close_spider"
        try:
            return self._store(self.store, item)
        except SQLAlchemyError as exc:
            # One line (no SQL, no parameters: they hold data); the runner says it once.
            said = integrity.noted(self.store.engine) or describe_storage_error(None, exc)
            raise StorageError(said) from None

    def _store(self, store: Store, item: FeedFetch | SourceDocument) -> Stored:
        if isinstance(item, FeedFetch):
            progress = _progress_bar if self.progress else None
            return Stored(item, store.record_feed_fetch(item, progress=progress))
        if item.outcome == ERROR:
            log.error("%s %s: %s", item.kind, item.url, item.error)
        return Stored(item, store.record_source_document(item))


def _progress_bar(done: int, total: int) -> None:
    """A one-line progress bar on stderr for long backfills."""
    width = 30
    filled = width * done // max(total, 1)
    sys.stderr.write(f"\rstoring rounds [{'#' * filled}{'.' * (width - filled)}] {done}/{total}")
    if done >= total:
        sys.stderr.write("\n")
    sys.stderr.flush()
