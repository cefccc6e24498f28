"""Run eewatch's spiders once, in this process: the feed and every configured announcement source.

One reactor run for all of them (Twisted's reactor cannot be restarted in a
process). What each fetch stored comes back as :class:`~scraper.pipelines.Stored`.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any

from scrapy import signals
from scrapy.crawler import Crawler, CrawlerProcess, CrawlerRunner
from scrapy.settings import Settings
from twisted.internet.defer import Deferred

from eewatch.config import STORED_PAGES, Config
from eewatch.domain.announcement import ARTICLE, PAGE
from eewatch.domain.fetches import FeedFetch, SourceDocument, SourceTarget
from eewatch.store.store import Store
from scraper.links import allowed_round_page, feed_location
from scraper.pipelines import Stored
from scraper.spiders.feed import FeedSpider

log = logging.getLogger(__name__)


class StorageFailed(RuntimeError):
    """The pipeline could not store what a spider fetched."""


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
    """What one crawl stored, fetch by fetch (filled in as the spiders run)."""

    stored: list[Stored] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    @property
    def feed_fetches(self) -> list[Stored]:
        return [s for s in self.stored if isinstance(s.fetch, FeedFetch)]

    @property
    def documents(self) -> list[Stored]:
        return [s for s in self.stored if isinstance(s.fetch, SourceDocument)]

    def collect(self, crawler: Crawler) -> None:
        """Gather what ``crawler``'s pipeline stored, and the items it could not store."""

        def on_item(item: Any, **_: Any) -> None:
            self.stored.append(item)

        def on_error(item: Any, failure: Any, **_: Any) -> None:
            self.errors.append(f"{type(failure.value).__name__}: {failure.value}")

        crawler.signals.connect(on_item, signal=signals.item_scraped, weak=False)
        crawler.signals.connect(on_error, signal=signals.item_error, weak=False)


def crawl_once(
    config: Config,
    store: Store,
    url: str,
    *,
    sources: bool = True,
    progress: bool = False,
    log_level: str = "WARNING",
) -> CrawlResult:
    """Fetch the feed once (conditionally) and, with ``sources``, every ``[[sources]]`` entry; store them.

    Raises :class:`StorageFailed` when a fetch could not be stored.
    """
    validators = store.validators(url)
    process = CrawlerProcess(scrapy_settings(config, progress=progress, log_level=log_level))
    result = CrawlResult()
    crawler = process.create_crawler(FeedSpider)
    result.collect(crawler)
    process.crawl(
        crawler,
        url=url,
        etag=validators.etag,
        last_modified=validators.last_modified,
        previous_sha256=validators.body_sha256,
    )
    if sources and config.sources:
        add_source_crawls(process, config, store, result)
    process.start()
    if result.errors:
        raise StorageFailed("; ".join(result.errors))
    return result


def add_source_crawls(
    process: CrawlerRunner, config: Config, store: Store, result: CrawlResult
) -> list[Deferred[Any]]:
    """Schedule a crawler per announcement kind on ``process``; its deferreds fire when each is done.

    ``scrape --once`` schedules them before starting its process; the daemon, on its running reactor.
    """
    # Imported only when there is something to crawl: the announcement spiders and
    # their parsers are a tenth of a cron run's start-up.
    from scraper.spiders.articles import ArticlesSpider
    from scraper.spiders.pages import PagesSpider

    spiders = {PAGE: PagesSpider, ARTICLE: ArticlesSpider}
    done = []
    for kind, targets in source_targets(config, store).items():
        crawler = process.create_crawler(spiders[kind])
        result.collect(crawler)
        done.append(process.crawl(crawler, targets=targets))
        log.debug("scheduled %d %s document(s)", len(targets), kind)
    return done


def source_targets(config: Config, store: Store) -> dict[str, list[SourceTarget]]:
    """Documents to fetch, by kind: the configured ones and the static pages of stored rounds."""
    urls: dict[str, list[str]] = {PAGE: [], ARTICLE: []}
    for source in config.sources:
        if source.kind == STORED_PAGES:
            # The stored URLs came from the feed's content: only canada.ca's round pages are fetched.
            for url in store.static_page_urls(source.limit):
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
