"""The daemon: one long-lived Twisted reactor, one idle Scrapy crawler, APScheduler jobs."""
