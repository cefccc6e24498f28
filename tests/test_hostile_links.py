"""Hostile world II: links in the feed's content are not followed off canada.ca's round pages.

With ``[[sources]] kind = "stored-pages"``, eewatch fetches the Ministerial
Instructions page of each stored round, whose URL came from the feed's
``drawNumberURL``. A hostile copy could point it anywhere (an admin page on
loopback, a cloud metadata address): only ``https://www.canada.ca`` round pages
(``scraper.links.allowed_round_page``) may be fetched from content.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from scraper.links import allowed_round_page
from tests.support.cli import cli_process
from tests.support.http import FixtureServer
from tests.support.paths import FIXTURES

pytestmark = pytest.mark.hostile

MI = (
    "https://www.canada.ca/en/immigration-refugees-citizenship/corporate/mandate/"
    "policies-operational-instructions-agreements/ministerial-instructions/express-entry-rounds"
)


@pytest.mark.parametrize(
    "url",
    [
        f"{MI}/invitations-205.html",
        f"{MI}/invitations-91b.html",
        f"https://canada.ca{MI[len('https://www.canada.ca') :]}/invitations-1.htm",
        f"https://www.canada.ca:443{MI[len('https://www.canada.ca') :]}/invitations-437.html",
    ],
)
def test_canada_ca_round_pages_are_allowed(url: str) -> None:
    assert allowed_round_page(url)


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:8765/internal/admin/invitations-437.html",
        f"http://www.canada.ca{MI[len('https://www.canada.ca') :]}/invitations-205.html",  # not https
        f"https://www.canada.ca:8443{MI[len('https://www.canada.ca') :]}/invitations-205.html",
        f"https://user@www.canada.ca{MI[len('https://www.canada.ca') :]}/invitations-205.html",
        f"https://www.canada.ca@127.0.0.1{MI[len('https://www.canada.ca') :]}/invitations-205.html",
        f"https://www.canada.ca.evil.example{MI[len('https://www.canada.ca') :]}/invitations-205.html",
        "https://evil.canada.ca.example/en/immigration-x/y/invitations-205.html",
        "https://169.254.169.254/latest/meta-data/invitations-1.html",
        "https://www.canada.ca/en/immigration-refugees-citizenship/../../internal/invitations-205.html",
        "https://www.canada.ca/en/immigration-refugees-citizenship/%2e%2e/invitations-205.html",
        "https://www.canada.ca/en/immigration-refugees-citizenship/x/invitations-205.html?redirect=http://x",
        "https://www.canada.ca/en/search/invitations-205.html",
        "https://www.canada.ca/en/immigration-refugees-citizenship/x/admin.html",
        f"{MI}/invitations-205.html\r\nHost: 127.0.0.1",
        f" {MI}/invitations-205.html",
        f"{MI}\\invitations-205.html",
        "file:///etc/passwd#/invitations-1.html",
        "",
    ],
)
def test_anything_else_is_refused(url: str) -> None:
    assert not allowed_round_page(url)


def test_stored_pages_never_fetch_a_feed_link_to_an_internal_host(tmp_path: Path) -> None:
    server = FixtureServer().start()
    try:
        internal = "/internal/admin/invitations-437.html"
        server.serve(internal, b"<p>secret admin page</p>", **{"Content-Type": "text/html"})
        feed = json.loads((FIXTURES / "feed" / "small.json").read_bytes())
        newest = feed["rounds"][0]
        newest["drawNumberURL"] = f"<a href='{server.url(internal)}'>{newest['drawNumber']}</a>"
        feed_url = server.serve("/ee_rounds_123_en.json", json.dumps(feed).encode())
        config = tmp_path / "config.toml"
        config.write_text(
            f'[feed]\nurl = "{feed_url}"\nretries = 0\ntimeout = 5\n\n'
            '[[sources]]\nkind = "stored-pages"\nlimit = 3\n'
        )
        env = {"EEWATCH_DATABASE_URL": f"sqlite:///{tmp_path / 'eewatch.sqlite'}"}
        for _ in range(2):  # the first run stores the rounds; a run fetches the stored rounds' pages
            done = cli_process("scrape", "--once", "--config", str(config), env=env)
            assert "Traceback" not in done.stderr, done.stderr
        fetched = [hit.path for hit in server.hits]
        assert not any(path.startswith("/internal/") for path in fetched), fetched
        assert "/ee_rounds_123_en.json" in fetched
    finally:
        server.stop()
