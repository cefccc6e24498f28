"""Scrapy's components that eewatch turns off are neither enabled nor imported, nor are unused spiders."""

from __future__ import annotations

from pathlib import Path

from scrapy.utils.conf import build_component_list

from eewatch.config import load_config
from scraper.crawl import scrapy_settings
from scraper.settings import turned_off
from tests.support.cli import run_python
from tests.support.http import FixtureServer
from tests.support.paths import FIXTURES

#: What the turned-off components would pull in (RemoteControl: aiohttp; cookies: tldextract),
#: and the announcement spiders with their parser (BeautifulSoup), unused without [[sources]].
HEAVY = (
    "aiohttp",
    "tldextract",
    "scrapy.extensions.remote_control",
    "scrapy.downloadermiddlewares.cookies",
    "scraper.spiders.pages",
    "scraper.spiders.articles",
    "bs4",
)

CHILD = """
import sys
from eewatch.app.cli import scrape_main
sys.argv = ["scrape", "--once", "--feed", sys.argv[1], "--config", sys.argv[2]]
try:
    scrape_main()
finally:
    print("MODULES", " ".join(sorted(sys.modules)))
"""


def test_the_turned_off_components_are_not_enabled(empty_config: Path) -> None:
    settings = scrapy_settings(load_config(empty_config))
    enabled = [
        *build_component_list(settings.getwithbase("DOWNLOADER_MIDDLEWARES")),
        *build_component_list(settings.getwithbase("EXTENSIONS")),
    ]
    assert not set(enabled) & turned_off
    for kept in (
        "scraper.middlewares.RetryAfterMiddleware",
        "scraper.middlewares.SameHostMiddleware",
        "scrapy.downloadermiddlewares.httpcompression.HttpCompressionMiddleware",
        "scrapy.downloadermiddlewares.redirect.RedirectMiddleware",
        "scrapy.downloadermiddlewares.downloadtimeout.DownloadTimeoutMiddleware",
        "scrapy.extensions.corestats.CoreStats",
    ):
        assert kept in enabled


def test_a_cron_run_never_imports_them(
    http_server: FixtureServer, tmp_path: Path, empty_config: Path
) -> None:
    url = http_server.serve("/feed.json", (FIXTURES / "feed" / "small.json").read_bytes())
    env = {"EEWATCH_DATABASE_URL": f"sqlite:///{tmp_path / 'cron.sqlite'}"}
    done = run_python("-c", CHILD, url, str(empty_config), env=env)
    assert "new=8" in done.stderr, done.stderr  # the run did fetch and store the copy
    [modules] = [line.split()[1:] for line in done.stdout.splitlines() if line.startswith("MODULES")]
    assert "scrapy.core.engine" in modules  # a real crawl ran in the child
    assert not set(modules) & set(HEAVY)
