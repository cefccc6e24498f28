"""The daemon's idle feed spider: its poll requests."""

from __future__ import annotations

import gc

from scrapy.utils.misc import _generator_callbacks_cache, is_generator_with_return_value

from scraper.parsing.feed import parse_feed
from scraper.parsing.feed_memo import FeedParser
from scraper.spiders.feed import FeedSpider
from scraper.spiders.watch import WatchFeedSpider


def test_poll_request_carries_the_validators() -> None:
    spider = WatchFeedSpider(url="http://127.0.0.1:1/ee.json")
    request = spider.poll_request('"abc"', "Tue, 25 Nov 2026 10:00:00 GMT", "f" * 64)
    assert request.headers[b"If-None-Match"] == b'"abc"'
    assert request.headers[b"If-Modified-Since"] == b"Tue, 25 Nov 2026 10:00:00 GMT"
    assert spider.previous_sha256 == "f" * 64
    assert request.dont_filter


def test_scrapys_callback_check_is_paid_once_per_spider_not_per_poll() -> None:
    """Scrapy caches its source-parsing check weakly by callable: the callable must outlive a request."""
    spider = WatchFeedSpider(url="http://127.0.0.1:1/ee.json")
    first = spider.poll_request(None, None, None)
    assert not is_generator_with_return_value(first.callback)
    assert first.callback in _generator_callbacks_cache
    del first
    gc.collect()
    second = spider.poll_request(None, None, None)
    assert second.callback in _generator_callbacks_cache  # still cached: no second parse of the source
    assert second.errback is spider.poll_request(None, None, None).errback


def test_only_the_daemons_spider_remembers_parses_between_copies() -> None:
    assert isinstance(WatchFeedSpider(url="http://127.0.0.1:1/ee.json").feed_parser, FeedParser)
    assert FeedSpider(url="http://127.0.0.1:1/ee.json").feed_parser is parse_feed  # one copy per run
