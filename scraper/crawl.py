"""Run eewatch's spiders once, in this process, and report what was stored."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from scrapy import signals
from scrapy.crawler import CrawlerProcess
from scrapy.settings import Settings

from eewatch.foundation.config import Config
from eewatch.foundation.db.store import Store
from scraper.domain.items import FeedFetch
from scraper.spiders.feed import FeedSpider

log = logging.getLogger(__name__)


def feed_location(value: str) -> str:
    """An http(s)/file URL as given, or a local path made into a file:// URL."""
    if "://" in value:
        return value
    return Path(value).expanduser().resolve().as_uri()


def scrapy_settings(config: Config, *, progress: bool = False, log_level: str = "WARNING") -> Settings:
    """Scrapy settings from the project defaults and ``config.toml``."""
    settings = Settings()
    settings.setmodule("scraper.settings", priority="project")
    settings.setdict(
        {
            "USER_AGENT": config.feed.user_agent,
            "DOWNLOAD_TIMEOUT": config.feed.timeout,
            "DOWNLOAD_MAXSIZE": config.feed.max_bytes,
            "RETRY_TIMES": config.feed.retries,
            "EEWATCH_DATABASE_URL": config.database.url,
            "EEWATCH_PROGRESS": progress,
            "LOG_LEVEL": log_level,
            "LOG_INSTALL_ROOT_HANDLER": False,
        },
        priority="cmdline",
    )
    return settings


@dataclass
class CrawlResult:
    """What one crawl stored: the feed's fetches and the announcement documents."""

    fetches: list[FeedFetch] = field(default_factory=list)
    documents: list[Any] = field(default_factory=list)


def crawl_once(
    config: Config,
    store: Store,
    url: str,
    *,
    sources: bool = True,
    progress: bool = False,
    log_level: str = "WARNING",
) -> CrawlResult:
    """Fetch the feed once (conditionally) and every configured announcement source; store them.

    One reactor run for all of them: Twisted's reactor cannot be restarted in a process.
    """
    validators = store.validators(url)
    process = CrawlerProcess(scrapy_settings(config, progress=progress, log_level=log_level))
    crawler = process.create_crawler(FeedSpider)
    result = CrawlResult()
    errors: list[str] = []

    def on_item(item: Any, **_: Any) -> None:
        result.fetches.append(item)

    def on_error(item: Any, failure: Any, **_: Any) -> None:
        errors.append(f"{type(failure.value).__name__}: {failure.value}")

    crawler.signals.connect(on_item, signal=signals.item_scraped)
    crawler.signals.connect(on_error, signal=signals.item_error)
    process.crawl(
        crawler,
        url=url,
        etag=validators.etag,
        last_modified=validators.last_modified,
        previous_sha256=validators.body_sha256,
    )
    announcements = None
    if sources and config.sources:
        # Imported only when there is something to crawl: the announcement spiders and
        # their parsers are a tenth of a cron run's start-up.
        from scraper.crawl_sources import add_source_crawls

        announcements = add_source_crawls(process, config, store)
    process.start()
    if announcements is not None:
        result.documents = announcements.documents
        errors += announcements.errors
    if errors:
        raise StorageFailed("; ".join(errors))
    return result


class StorageFailed(RuntimeError):
    """The pipeline could not store what the spider fetched."""
