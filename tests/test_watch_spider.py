"""The daemon's idle feed spider: its poll requests."""

from __future__ import annotations

import gc

from scrapy.utils.misc import is_generator_with_return_value

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


def test_a_polls_callbacks_are_the_same_callables_for_the_spiders_life() -> None:
    """Scrapy checks each callback's source once per callable (a weak cache keyed by it): the
    callables must be the same objects on every poll, so the check is paid once per spider."""
    spider = WatchFeedSpider(url="http://127.0.0.1:1/ee.json")
    first = spider.poll_request(None, None, None)
    assert not is_generator_with_return_value(first.callback)
    callback, errback = first.callback, first.errback
    del first
    gc.collect()
    second = spider.poll_request(None, None, None)
    assert second.callback is callback and second.errback is errback
    assert spider.poll_request(None, None, None).callback is callback


def test_only_the_daemons_spider_remembers_parses_between_copies() -> None:
    assert isinstance(WatchFeedSpider(url="http://127.0.0.1:1/ee.json").feed_parser, FeedParser)
    assert FeedSpider(url="http://127.0.0.1:1/ee.json").feed_parser is parse_feed  # one copy per run
