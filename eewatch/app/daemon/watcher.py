"""Poll the feed through one long-lived Scrapy crawler (in the reactor thread)."""

from __future__ import annotations

import logging
from typing import Any

from scrapy import signals
from scrapy.crawler import Crawler, CrawlerRunner
from twisted.internet import defer
from twisted.internet.interfaces import IReactorTime

from eewatch.store.store import Store
from scraper.pipelines import Stored
from scraper.spiders.watch import WatchFeedSpider

log = logging.getLogger(__name__)


class PollFailed(RuntimeError):
    """A poll gave no stored result (the pipeline or the spider failed)."""


class FeedWatcher:
    """Owns the idle crawler; :meth:`poll` fetches once and fires with the stored fetch.

    Every method here runs in the reactor thread.
    """

    def __init__(
        self, runner: CrawlerRunner, store: Store, url: str, reactor: IReactorTime, poll_timeout: float
    ) -> None:
        self.runner = runner
        self.store = store
        self.url = url
        self.reactor = reactor
        self.poll_timeout = poll_timeout
        self.crawler: Crawler | None = None
        self.finished: defer.Deferred[Any] | None = None
        self._pending: defer.Deferred[Stored] | None = None

    def start(self) -> defer.Deferred[None]:
        """Create the crawler and open its spider; fires once it can take requests."""
        self.crawler = self.runner.create_crawler(WatchFeedSpider)
        self.crawler.signals.connect(self._scraped, signal=signals.item_scraped)
        self.crawler.signals.connect(self._item_error, signal=signals.item_error)
        self.crawler.signals.connect(self._spider_error, signal=signals.spider_error)
        opened: defer.Deferred[None] = defer.Deferred()
        self.crawler.signals.connect(
            lambda spider: opened.callback(None), signal=signals.spider_opened, weak=False
        )
        self.finished = self.runner.crawl(self.crawler, url=self.url)
        self.finished.addErrback(self._crawl_failed, opened)
        return opened

    def poll(self) -> defer.Deferred[Stored]:
        """One conditional GET of the feed; fires with what was stored (:class:`Stored`)."""
        if self.crawler is None or self.crawler.engine is None or self.crawler.spider is None:
            return defer.fail(PollFailed("the crawler is not running"))
        if self._pending is not None:
            return defer.fail(PollFailed("a poll is already running"))
        validators = self.store.validators(self.url)
        spider = self.crawler.spider
        assert isinstance(spider, WatchFeedSpider)
        request = spider.poll_request(validators.etag, validators.last_modified, validators.body_sha256)
        self._pending = defer.Deferred()
        self._pending.addTimeout(self.poll_timeout, self.reactor)
        self._pending.addBoth(self._clear)
        self.crawler.engine.crawl(request)
        return self._pending

    def abandon(self) -> None:
        """Fail a pending poll now (the daemon is stopping); nothing it stored is lost."""
        if self._pending is not None and not self._pending.called:
            self._pending.errback(PollFailed("the daemon is stopping"))

    def stop(self) -> defer.Deferred[Any]:
        """Close the spider (and its store pipeline)."""
        return self.runner.stop()

    def _clear(self, result: Any) -> Any:
        self._pending = None
        return result

    def _resolve(self, ok: bool, value: Any) -> None:
        pending = self._pending
        if pending is None or pending.called:
            log.warning("a poll result arrived with no poll waiting for it: %s", value)
            return
        if ok:
            pending.callback(value)
        else:
            pending.errback(PollFailed(str(value)))

    def _scraped(self, item: Any, **_: Any) -> None:
        self._resolve(True, item)

    def _item_error(self, item: Any, failure: Any, **_: Any) -> None:
        self._resolve(False, f"storing the fetch failed: {type(failure.value).__name__}: {failure.value}")

    def _spider_error(self, failure: Any, **_: Any) -> None:
        self._resolve(False, f"the spider failed: {type(failure.value).__name__}: {failure.value}")

    def _crawl_failed(self, failure: Any, opened: defer.Deferred[None]) -> None:
        log.error("the crawler stopped: %s", failure.value)
        if not opened.called:
            opened.errback(failure)
