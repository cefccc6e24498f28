"""Run the announcement spiders (MI pages, articles) in this process, alone or beside the feed crawl.

The Twisted reactor cannot restart, so a process runs one
:class:`~scrapy.crawler.CrawlerProcess`: :func:`add_source_crawls` schedules
the source crawlers on a process the caller owns (before ``start()``), next
to the feed's; :func:`crawl_sources_once` is the stand-alone run.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any

from scrapy import signals
from scrapy.crawler import CrawlerProcess, CrawlerRunner
from twisted.internet.defer import Deferred

from eewatch.foundation.config import Config
from eewatch.foundation.db.sources_store import static_page_urls
from eewatch.foundation.db.store import Store
from scraper.crawl import feed_location, scrapy_settings
from scraper.domain.links import allowed_round_page
from scraper.domain.parsing.announcement import ARTICLE, PAGE, SourceDocument, SourceTarget
from scraper.sources import STORED_PAGES, configured_sources
from scraper.spiders.articles import ArticlesSpider
from scraper.spiders.pages import AnnouncementSpider, PagesSpider

log = logging.getLogger(__name__)

SPIDERS: dict[str, type[AnnouncementSpider]] = {PAGE: PagesSpider, ARTICLE: ArticlesSpider}


@dataclass
class SourceCrawl:
    """What the source crawlers stored (filled in as they run)."""

    documents: list[SourceDocument] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    deferreds: list[Deferred[Any]] = field(default_factory=list)


def source_targets(config: Config, store: Store) -> dict[str, list[SourceTarget]]:
    """Documents to fetch, by kind: the configured ones and the static pages of stored rounds."""
    urls: dict[str, list[str]] = {PAGE: [], ARTICLE: []}
    for source in configured_sources(config):
        if source.kind == STORED_PAGES:
            # The stored URLs came from the feed's content: only canada.ca's round pages are fetched.
            for url in static_page_urls(store, source.limit):
                if allowed_round_page(url):
                    urls[PAGE].append(url)
                else:
                    log.warning("not fetching a stored round's page outside canada.ca's round pages: %r", url)
        elif source.url:
            urls[source.kind].append(feed_location(source.url))
    targets: dict[str, list[SourceTarget]] = {}
    for kind, found in urls.items():
        unique = list(dict.fromkeys(found))
        if unique:
            targets[kind] = [SourceTarget(url, store.validators(url).body_sha256) for url in unique]
    return targets


def add_source_crawls(process: CrawlerRunner, config: Config, store: Store) -> SourceCrawl:
    """Schedule a crawler per source kind on ``process`` (not yet started); returns their results.

    ``store`` is read for what to fetch; the crawlers' pipeline writes through
    its own connection (the ``EEWATCH_DATABASE_URL`` setting of ``process``).
    """
    crawl = SourceCrawl()
    for kind, targets in source_targets(config, store).items():
        crawler = process.create_crawler(SPIDERS[kind])

        def on_item(item: Any, **_: Any) -> None:
            crawl.documents.append(item)

        def on_error(item: Any, failure: Any, **_: Any) -> None:
            crawl.errors.append(f"{type(failure.value).__name__}: {failure.value}")

        crawler.signals.connect(on_item, signal=signals.item_scraped, weak=False)
        crawler.signals.connect(on_error, signal=signals.item_error, weak=False)
        crawl.deferreds.append(process.crawl(crawler, targets=targets))
        log.debug("scheduled %d %s document(s)", len(targets), kind)
    return crawl


def crawl_sources_once(config: Config, store: Store, *, log_level: str = "WARNING") -> list[SourceDocument]:
    """Fetch every configured announcement source once, store what they say, return the documents.

    Runs the reactor: call it at most once per process (see :func:`add_source_crawls`).
    """
    process = CrawlerProcess(scrapy_settings(config, log_level=log_level))
    crawl = add_source_crawls(process, config, store)
    if not crawl.deferreds:
        return []
    process.start()
    if crawl.errors:
        from scraper.crawl import StorageFailed

        raise StorageFailed("; ".join(crawl.errors))
    return crawl.documents
