"""Scrapy settings for eewatch's spiders (``SCRAPY_SETTINGS_MODULE=scraper.settings``).

The runner overrides the per-deployment values (timeouts, size cap, user agent,
database URL) from ``config.toml``; these are the defaults.
"""

BOT_NAME = "eewatch"
SPIDER_MODULES = ["scraper.spiders"]
NEWSPIDER_MODULE = "scraper.spiders"

# A JSON feed published to be read; we fetch one URL per poll, conditionally.
ROBOTSTXT_OBEY = False
USER_AGENT = "eewatch (Express Entry round watcher)"
COOKIES_ENABLED = False
TELNETCONSOLE_ENABLED = False
CONCURRENT_REQUESTS = 4
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
DOWNLOADER_MIDDLEWARES = {
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "scraper.middlewares.RetryAfterMiddleware": 550,
    "scraper.middlewares.SameHostMiddleware": 60,
}
HTTPCACHE_ENABLED = False

ITEM_PIPELINES = {
    "scraper.pipelines.StorePipeline": 500,
}
EXTENSIONS = {
    "scrapy.extensions.telnet.TelnetConsole": None,
    "scrapy.extensions.logstats.LogStats": None,
    "scrapy.extensions.memusage.MemoryUsage": None,
    # No listening ports in a watcher.
    "scrapy.extensions.remote_control.RemoteControl": None,
}

LOG_LEVEL = "WARNING"
