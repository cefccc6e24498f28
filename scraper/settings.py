"""Scrapy settings for eewatch's spiders (``SCRAPY_SETTINGS_MODULE=scraper.settings``).

The runner overrides the per-deployment values (timeouts, size cap, user agent,
database URL) from ``config.toml``; these are the defaults.
"""

from scrapy.settings import default_settings as scrapy_defaults

BOT_NAME = "eewatch"
# eewatch hands its spider classes to the crawler itself, so Scrapy's spider loader has
# nothing to find: listing scraper.spiders here made every start import every spider
# (and BeautifulSoup with the announcement parsers), a crawl of the feed included.
SPIDER_MODULES: list[str] = []

# A JSON feed published to be read; we fetch one URL per poll, conditionally.
ROBOTSTXT_OBEY = False
USER_AGENT = "eewatch (Express Entry round watcher)"
COOKIES_ENABLED = False
TELNETCONSOLE_ENABLED = False
REMOTE_CONTROL_ENABLED = False  # no listening ports in a watcher
CONCURRENT_REQUESTS = 4
# Items of one response are stored one after the other anyway (the pipeline is synchronous),
# and a response brings one: Scrapy's default (100) starts 100 asyncio tasks per response.
CONCURRENT_ITEMS = 1
DOWNLOAD_TIMEOUT = 30
DOWNLOAD_MAXSIZE = 16 * 1024 * 1024
DOWNLOAD_WARNSIZE = 4 * 1024 * 1024
RETRY_ENABLED = True
RETRY_TIMES = 2
RETRY_HTTP_CODES = [500, 502, 503, 504, 522, 524, 408, 429]
REDIRECT_MAX_TIMES = 5
# Honour Retry-After (bounded) instead of Scrapy's immediate retry; refuse other hosts
# even for dont_filter requests (see scraper/middlewares.py).
RETRY_AFTER_MAX = 120
# Seconds one poll may take, every try and wait included; 0 = DOWNLOAD_TIMEOUT * (RETRY_TIMES + 1).
EEWATCH_POLL_BUDGET = 0

# Scrapy's components that eewatch turns off are left out of its base lists, not set to
# None in DOWNLOADER_MIDDLEWARES / EXTENSIONS: Scrapy imports every module named there,
# even to turn it off, and these cost a third of a second at every start on a slow
# machine (RemoteControl imports aiohttp, CookiesMiddleware tldextract).
turned_off = {
    "scrapy.downloadermiddlewares.cookies.CookiesMiddleware",
    "scrapy.downloadermiddlewares.retry.RetryMiddleware",  # replaced by RetryAfterMiddleware
    "scrapy.extensions.telnet.TelnetConsole",
    "scrapy.extensions.logstats.LogStats",
    "scrapy.extensions.memusage.MemoryUsage",
    "scrapy.extensions.remote_control.RemoteControl",
}


def without_turned_off(base: dict[str, int]) -> dict[str, int]:
    """One of Scrapy's base component lists, less what eewatch turns off."""
    return {path: order for path, order in base.items() if path not in turned_off}


DOWNLOADER_MIDDLEWARES_BASE = without_turned_off(scrapy_defaults.DOWNLOADER_MIDDLEWARES_BASE)
EXTENSIONS_BASE = without_turned_off(scrapy_defaults.EXTENSIONS_BASE)
DOWNLOADER_MIDDLEWARES = {
    "scraper.middlewares.RetryAfterMiddleware": 550,
    "scraper.middlewares.SameHostMiddleware": 60,
}
HTTPCACHE_ENABLED = False

ITEM_PIPELINES = {
    "scraper.pipelines.StorePipeline": 500,
}

LOG_LEVEL = "WARNING"
