"""The cron check's conditional GET (``scraper.conditional``) against a real loopback server."""

from __future__ import annotations

import http.server

import pytest

from scraper.conditional import conditional_get, proxy_in_environment
from tests.support.http import FixtureServer

BODY = b'{"rounds": []}'


@pytest.fixture(autouse=True)
def no_proxy_from_the_machine(monkeypatch: pytest.MonkeyPatch) -> None:
    """A proxy set where the tests run would route these requests: each test sets its own."""
    import os

    for name in list(os.environ):
        if name.lower().endswith("_proxy"):
            monkeypatch.delenv(name)


def test_a_matching_etag_is_answered_304_with_the_validators(http_server: FixtureServer) -> None:
    url = http_server.serve("/feed.json", BODY)
    first = conditional_get(url, etag=None, last_modified=None, user_agent="eewatch (test)", timeout=5)
    assert first is not None and first.status == 200 and first.etag
    assert first.content_type == "application/json"
    again = conditional_get(url, etag=first.etag, last_modified=None, user_agent="eewatch (test)", timeout=5)
    assert again is not None and again.status == 304 and again.etag == first.etag
    hit = http_server.hits[-1]
    assert hit.method == "GET" and hit.path == "/feed.json"
    assert hit.headers["If-None-Match"] == first.etag
    assert hit.headers["User-Agent"] == "eewatch (test)"
    assert hit.headers["Accept"] == "application/json"
    assert "If-Modified-Since" not in hit.headers


def test_the_query_goes_with_the_path_and_last_modified_is_sent(http_server: FixtureServer) -> None:
    url = http_server.serve("/feed.json", BODY)
    answer = conditional_get(
        url + "?lang=en",
        etag=None,
        last_modified="Sat, 05 Dec 2026 10:00:00 GMT",
        user_agent="eewatch (test)",
        timeout=5,
    )
    assert answer is not None and answer.status == 200
    assert http_server.hits[-1].path == "/feed.json?lang=en"
    assert http_server.hits[-1].headers["If-Modified-Since"] == "Sat, 05 Dec 2026 10:00:00 GMT"


def test_a_redirect_is_not_followed(http_server: FixtureServer) -> None:
    url = http_server.serve("/moved.json", b"", status=301, Location=http_server.url("/feed.json"))
    http_server.serve("/feed.json", BODY)
    answer = conditional_get(url, etag=None, last_modified=None, user_agent="eewatch (test)", timeout=5)
    assert answer is not None and answer.status == 301
    assert [hit.path for hit in http_server.hits] == ["/moved.json"]


def test_no_response_is_none_never_an_exception(http_server: FixtureServer) -> None:
    def garbage(handler: http.server.BaseHTTPRequestHandler) -> None:
        handler.wfile.write(b"this is not HTTP\r\n\r\n")
        handler.close_connection = True

    http_server.handler = garbage
    assert (
        conditional_get(http_server.url("/x"), etag=None, last_modified=None, user_agent="t", timeout=5)
        is None
    )
    http_server.stop()  # nothing listens there now
    for url in (http_server.url("/x"), "http://127.0.0.1:notaport/x", "ftp://127.0.0.1/x", "http:///x"):
        assert conditional_get(url, etag=None, last_modified=None, user_agent="t", timeout=5) is None, url


def test_a_proxy_in_the_environment_carries_the_request(
    http_server: FixtureServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As Scrapy's proxy middleware does for the full crawl: the host need not resolve here."""
    # A proxy receives the whole URL as the request's target: the test server answers it.
    http_server.serve("http://feed.example.invalid/feed.json", BODY)
    monkeypatch.setenv("http_proxy", http_server.url())
    assert proxy_in_environment()
    answer = conditional_get(
        "http://feed.example.invalid/feed.json",
        etag=None,
        last_modified=None,
        user_agent="eewatch (test)",
        timeout=5,
    )
    assert answer is not None and answer.status == 200
    assert http_server.hits[-1].path == "http://feed.example.invalid/feed.json"


def test_no_proxy_sends_the_request_straight(
    http_server: FixtureServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = http_server.serve("/feed.json", BODY)
    monkeypatch.setenv("HTTP_PROXY", "http://127.0.0.1:9")  # nothing listens there
    monkeypatch.setenv("no_proxy", "127.0.0.1")
    answer = conditional_get(url, etag=None, last_modified=None, user_agent="eewatch (test)", timeout=5)
    assert answer is not None and answer.status == 200
    assert http_server.hits[-1].path == "/feed.json"


def test_only_a_proxy_variable_counts(monkeypatch: pytest.MonkeyPatch) -> None:
    assert not proxy_in_environment()
    monkeypatch.setenv("no_proxy", "example.org")
    monkeypatch.setenv("PROXY_NOTES", "x")
    assert not proxy_in_environment()
    monkeypatch.setenv("HTTPS_PROXY", "")
    assert not proxy_in_environment()
    monkeypatch.setenv("HTTPS_PROXY", "http://proxy.example:3128")
    assert proxy_in_environment()
