"""The first hour of a user and an operator: messages that say what happened and what to do, no noise."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest

from eewatch.app import exitcodes
from eewatch.app.poll import log_poll
from eewatch.config import parse_config
from eewatch.domain.fetches import CHANGED, NOT_MODIFIED, FeedFetch
from eewatch.store.store import FetchSummary
from scraper.fetch import describe_error, feed_fetch_from_response
from tests.support.cli import cli, cli_process
from tests.support.http import FixtureServer
from tests.support.paths import FIXTURES


def test_a_daemon_poll_that_found_nothing_is_debug_not_info(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG, logger="eewatch.app.poll")
    fetch = FeedFetch(url="https://x/feed.json", outcome=NOT_MODIFIED, http_status=304)
    log_poll(fetch, FetchSummary(fetch_id=1, outcome=NOT_MODIFIED), 0.01, quiet_if_unchanged=True)
    log_poll(fetch, FetchSummary(fetch_id=2, outcome=NOT_MODIFIED), 0.01)  # scrape --once: one line, info
    assert [r.levelno for r in caplog.records] == [logging.DEBUG, logging.INFO]
    changed = FeedFetch(url="https://x/feed.json", outcome=CHANGED, http_status=200)
    log_poll(changed, FetchSummary(fetch_id=3, outcome=CHANGED, new=["305"]), 0.01, quiet_if_unchanged=True)
    assert caplog.records[-1].levelno == logging.INFO


def test_jitter_is_a_fraction_of_a_short_interval() -> None:
    assert parse_config({"schedule": {"every": "2s"}}).schedule.jitter == pytest.approx(0.2)
    assert parse_config({"schedule": {"every": "5m"}}).schedule.jitter == 20.0
    assert parse_config({"schedule": {"every": "2s", "jitter": 1}}).schedule.jitter == 1.0


def test_a_dns_failure_says_what_to_do() -> None:
    line = describe_error(
        "DNSLookupError", "DNS lookup failed: no results for hostname lookup: www.canada.ca."
    )
    assert "check the network" in line and "--feed FILE" in line
    assert line.startswith("DNS lookup failed for www.canada.ca: "), line  # not "for DNS lookup failed: ..."
    other = describe_error(
        "DNSLookupError", "DNS lookup failed: address 'www.canada.ca' not found: [Errno -3] Temporary failure"
    )
    assert other.startswith("DNS lookup failed for www.canada.ca: check the network"), other
    vague = describe_error("DNSLookupError", "DNS lookup failed: something else")
    assert vague.count("DNS lookup failed") == 1, vague


def test_an_http_error_names_the_url() -> None:
    fetch = feed_fetch_from_response(
        url="https://example.test/feed.json",
        status=404,
        body=b"",
        etag=None,
        last_modified=None,
        previous_sha256=None,
        duration_ms=1,
    )
    assert fetch.error == "HTTP 404 from the feed at https://example.test/feed.json"


@pytest.mark.slow
def test_first_run_says_it_is_the_baseline_and_a_missing_file_is_not_retried(
    tmp_path: Path, empty_config: Path, http_server: FixtureServer
) -> None:
    env = {"EEWATCH_DATABASE_URL": f"sqlite:///{tmp_path / 'e.sqlite'}"}
    feed = http_server.serve("/feed.json", (FIXTURES / "feed" / "small.json").read_bytes())
    first = cli_process("scrape", "--once", "--feed", feed, "--config", str(empty_config), env=env)
    assert first.returncode == exitcodes.OK, first.stderr
    assert "first run: 8 rounds stored, no alerts sent (the baseline" in first.stderr
    missing = cli_process(
        "scrape", "--once", "--feed", str(tmp_path / "nope.json"), "--config", str(empty_config), env=env
    )
    assert missing.returncode == exitcodes.SOURCE, missing.stderr
    assert "no such file" in missing.stderr.lower() and "Retrying" not in missing.stderr
    status = cli("status", "--format", "json", "--config", str(empty_config), env=env)
    data = json.loads(status.stdout)
    assert data["days_since_last_round"] is not None and data["feed_stale"] is True  # the fixture is old
    text = cli("status", "--config", str(empty_config), env=env)
    assert "feed:                 STALE" in text.stdout and "health:" in text.stdout


def test_the_daemon_says_once_an_hour_how_its_polls_went(caplog: pytest.LogCaptureFixture) -> None:
    from eewatch.app.daemon.service import PollTally
    from eewatch.app.poll import PollResult
    from scraper.pipelines import Stored

    now = [0.0]
    tally = PollTally(every=3600, clock=lambda: now[0])
    unchanged = FeedFetch(url="u", outcome=NOT_MODIFIED, http_status=304)
    caplog.set_level(logging.INFO, logger="eewatch.app.daemon")
    for minute in range(0, 61, 5):
        now[0] = minute * 60.0
        tally.add(
            PollResult(
                mode="daemon", stored=[Stored(unchanged, FetchSummary(fetch_id=minute, outcome=NOT_MODIFIED))]
            )
        )
    lines = [r.getMessage() for r in caplog.records]
    assert lines == ["last 60 min: 13 polls (13 not_modified)"], lines


@pytest.mark.slow
def test_quiet_means_quiet_for_a_stale_feed(
    tmp_path: Path, empty_config: Path, http_server: FixtureServer
) -> None:
    env = {"EEWATCH_DATABASE_URL": f"sqlite:///{tmp_path / 'e.sqlite'}"}
    feed = http_server.serve("/feed.json", (FIXTURES / "feed" / "small.json").read_bytes())
    result = cli_process("scrape", "--once", "-q", "--feed", feed, "--config", str(empty_config), env=env)
    assert result.returncode == exitcodes.OK, result.stderr
    assert result.stderr == "", result.stderr  # the fixture's newest round is old: feed_stale, said at info
