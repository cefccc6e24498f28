"""Delivery to real services on loopback: SMTP (aiosmtpd), JSON webhooks, and Slack's exact request."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from dataclasses import replace
from typing import Any

import pytest

from eewatch.config import Config, NotificationSettings, Profile, Rule
from eewatch.domain.clock import FrozenClock
from eewatch.domain.fetches import CHANGED, FeedFetch, FeedParse
from eewatch.domain.record import Round
from eewatch.store.store import Store
from notifier import outbox
from notifier.deliver import deliver_due
from notifier.run import run_alerts
from tests.support.http import FixtureServer
from tests.support.smtp import SMTPServer

T0 = dt.datetime(2026, 11, 25, 12, tzinfo=dt.UTC)
MI = "https://www.canada.ca/en/immigration-refugees-citizenship/corporate/mandate/policies-operational-instructions-agreements/ministerial-instructions/express-entry-rounds/invitations.html?q=2"
EVIL = "STEM <script>alert('x')</script> <!channel> @here <https://evil.example|click>"
BASE = Round(
    id="1",
    number=1,
    date=dt.date(2025, 6, 1),
    held_at=dt.datetime(2025, 6, 1, 14, 0, tzinfo=dt.UTC),
    round_type="category",
    programs=("CEC", "FSW", "FST"),
    category="stem",
    name="STEM occupations (Version 1)",
    invitations=500,
    crs_min=490,
)
NEW = replace(BASE, id="2", number=2, date=dt.date(2025, 6, 15), crs_min=486, url=MI)


@pytest.fixture
def clock() -> FrozenClock:
    return FrozenClock(T0)


@pytest.fixture
def store(db_url: str, clock: FrozenClock) -> Iterator[Store]:
    store = Store.open(db_url, clock)
    yield store
    store.close()


@pytest.fixture
def smtp() -> Iterator[SMTPServer]:
    with SMTPServer(user="alerts", password="smtp-Pa55word!") as server:
        yield server


def new_round_alert(store: Store, new: Round = NEW) -> None:
    """A baseline copy, then a copy with one new round (the alert)."""
    for copy in ((BASE,), (BASE, new)):
        store.record_feed_fetch(
            FeedFetch(url="f", outcome=CHANGED, parsed=FeedParse(rounds=copy), body_sha256=str(len(copy)))
        )


def alerts(*targets: str, **notifications: Any) -> Config:
    return Config(
        alerts=(Rule(name="stem", notify=targets, categories=("stem",)),),
        profile=Profile(crs=478, programs=("CEC",), categories=("stem",)),
        notifications=NotificationSettings(**notifications),
    )


def test_email_reaches_a_real_smtp_server(store: Store, clock: FrozenClock, smtp: SMTPServer) -> None:
    url = f"mailto://alerts:${{SMTP_PASSWORD}}@127.0.0.1:{smtp.port}?mode=insecure&to=me@example.com&from=ee@example.com"
    new_round_alert(store, replace(NEW, name=EVIL))
    report = run_alerts(store, alerts(url), clock=clock, env={"SMTP_PASSWORD": "smtp-Pa55word!"})
    assert (report.sent, report.failed) == (1, 0), report.results
    [mail] = smtp.wait_for(1)
    assert smtp.logins == ["alerts"]
    assert mail.rcpt_tos == ["me@example.com"]
    assert mail.message["Subject"] == (
        "Express Entry round #2: STEM <script>alert('x')</script> <\u200b!channel> @\u200bhere "
        "<https:\u200b//evil.example|click>, 500 invitations, CRS 486"
    )
    html = mail.part("text/html") or ""
    plain = mail.part("text/plain") or ""
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert f'<a href="{MI}">' in html
    assert "Lowest CRS invited: 486" in plain
    assert "your CRS 478 would not have been invited (cut-off 486)" in plain
    assert "Change: against round #1 of 2025-06-01: CRS down 4 (490 -> 486)" in plain


def test_the_emails_text_part_is_ours_complete_with_the_mi_link(
    store: Store, clock: FrozenClock, smtp: SMTPServer
) -> None:
    """Both parts are written by eewatch: the text part is the message's text (Apprise would
    derive it from the HTML, losing the link's target and indenting lines), the HTML part its HTML."""
    url = f"mailto://alerts:${{SMTP_PASSWORD}}@127.0.0.1:{smtp.port}?mode=insecure&to=me@example.com&from=ee@example.com"
    new_round_alert(store)
    report = run_alerts(store, alerts(url), clock=clock, env={"SMTP_PASSWORD": "smtp-Pa55word!"})
    assert (report.sent, report.failed) == (1, 0), report.results
    [mail] = smtp.wait_for(1)
    assert mail.message.get_content_type() == "multipart/alternative"
    plain = mail.part("text/plain") or ""
    html = mail.part("text/html") or ""
    assert f"Ministerial Instructions: full text: {MI}" in plain.splitlines()
    assert [line for line in plain.splitlines() if line.startswith((" ", "\t"))] == []
    [row] = outbox.rows(store, ["sent"])
    assert plain.splitlines() == row.message.text.splitlines()
    assert html.splitlines() == row.message.html.splitlines() and f'<a href="{MI}">full text</a>' in html


def test_target_down_then_back_gets_the_alert_exactly_once(
    store: Store, clock: FrozenClock, smtp: SMTPServer
) -> None:
    settings = alerts(smtp.mailto_url(), backoff_seconds=60, timeout=5)
    new_round_alert(store)
    smtp.stop()
    first = run_alerts(store, settings, clock=clock)
    assert (first.sent, first.failed, first.pending) == (0, 0, 1)
    [row] = outbox.rows(store)
    assert row.status == "pending" and row.last_error
    assert "smtp-Pa55word!" not in row.last_error

    smtp.start()
    assert deliver_due(store, settings, clock).results == []  # backoff: not due yet
    clock.advance(seconds=60)
    assert deliver_due(store, settings, clock).sent == 1
    clock.advance(hours=6)
    assert deliver_due(store, settings, clock).results == []
    assert len(smtp.wait_for(1)) == 1
    [row] = outbox.rows(store)
    assert (row.status, row.attempts) == ("sent", 2)


def test_json_webhook_gets_the_alert(store: Store, clock: FrozenClock, http_server: FixtureServer) -> None:
    new_round_alert(store)
    report = run_alerts(store, alerts(f"json://127.0.0.1:{http_server.port}/hook"), clock=clock)
    assert report.sent == 1
    [hit] = http_server.hits
    assert (hit.method, hit.path) == ("POST", "/hook")
    data = json.loads(hit.body)
    assert data["title"] == "Express Entry round #2: STEM occupations, 500 invitations, CRS 486"
    assert data["type"] == "info"
    assert data["message"].splitlines()[0] == "Express Entry round #2: STEM occupations (Version 1)"
    assert data["message"].endswith(f"Ministerial Instructions: full text: {MI}")


def test_json_webhook_error_status_is_a_failure(
    store: Store, clock: FrozenClock, http_server: FixtureServer
) -> None:
    def refuse(handler: Any) -> None:
        handler.send_response(500)
        handler.send_header("Content-Length", "0")
        handler.end_headers()

    http_server.handler = refuse
    new_round_alert(store)
    report = run_alerts(
        store, alerts(f"json://127.0.0.1:{http_server.port}/hook", max_attempts=1), clock=clock
    )
    assert (report.sent, report.failed) == (0, 1)
    assert outbox.rows(store, ["failed"])[0].last_error


def test_slack_request_is_exact_and_neutralised(
    store: Store, clock: FrozenClock, http_server: FixtureServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    from apprise.plugins.slack import NotifySlack

    # Slack's servers are unreachable: point the plugin's webhook base at loopback.
    monkeypatch.setattr(NotifySlack, "webhook_url", http_server.url("/services"))

    def slack_ok(handler: Any) -> None:  # what hooks.slack.com answers
        handler.send_response(200)
        handler.send_header("Content-Type", "text/plain")
        handler.send_header("Content-Length", "2")
        handler.end_headers()
        handler.wfile.write(b"ok")

    http_server.handler = slack_ok
    new_round_alert(store, replace(NEW, name=EVIL))
    token = "T1234ABCD/B5678EFGH/abcdefghijklmnopqrstuvwx"
    report = run_alerts(store, alerts("slack://${SLACK_TOKEN}/#ee"), clock=clock, env={"SLACK_TOKEN": token})
    assert report.sent == 1, report.results
    [hit] = http_server.hits
    assert (hit.method, hit.path) == ("POST", f"/services/{token}")
    assert hit.headers["Content-Type"].startswith("application/json")
    payload = json.loads(hit.body)
    assert payload["channel"] == "#ee"
    assert payload["mrkdwn"] is True
    [attachment] = payload["attachments"]
    text = attachment["text"]
    everything = json.dumps(payload, ensure_ascii=False)
    for forbidden in ("<!channel>", "@here", "<script>", "<https://evil.example|click>", "https://evil"):
        assert forbidden not in everything, forbidden
    assert text.splitlines()[0] == (
        "Express Entry round #2: STEM &lt;script&gt;alert('x')&lt;/script&gt; &lt;\u200b!channel&gt; "
        "@\u200bhere &lt;https:\u200b//evil.example|click&gt;"
    )
    assert f"*Ministerial Instructions:* {MI}" in text
