"""The pipeline of the announcement spiders: store each document in one transaction."""

from __future__ import annotations

import logging
from typing import Any

from scrapy.exceptions import DropItem

from scraper.domain.items import CHANGED, ERROR
from scraper.domain.parsing.announcement import SourceDocument
from scraper.pipelines import StoreBackedPipeline

log = logging.getLogger("eewatch.pipeline.sources")


class SourceStorePipeline(StoreBackedPipeline):
    """Store each :class:`SourceDocument` through :mod:`eewatch.foundation.db.sources_store`."""

    def process_item(self, item: Any, spider: Any = None) -> Any:
        from eewatch.foundation.db.sources_store import record_source_document

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
