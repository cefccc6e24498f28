"""Hostile world II: secrets written literally into Apprise URLs never show, in any service.

What is private is what Apprise's plugin declares private (``template_tokens`` /
``template_args`` with ``private: True``: Slack's three webhook tokens, Discord's
webhook id and token, Telegram's bot token, Pushover's keys...), plus what no
plugin can know: custom headers (``+X-Api-Key=``), payload fields (``:token=``),
query arguments (``-sig=``) and token-like segments of a custom webhook's path.
Each is checked where it could leak: the label (stored in ``alert_outbox`` and
printed by ``eewatch outbox`` and ``notify --test``), every log record at DEBUG
(Apprise logs ``Slack POST URL: https://hooks.slack.com/services/...``), the
errors, and the database file's bytes.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from eewatch.app import exitcodes
from eewatch.config import Config, NotificationSettings, Rule
from eewatch.domain.clock import FrozenClock
from eewatch.domain.fetches import CHANGED, FeedFetch, FeedParse
from eewatch.domain.record import Round
from eewatch.store.store import Store
from notifier import outbox
from notifier.deliver import send_message
from notifier.render import probe_message
from notifier.run import run_alerts
from notifier.secrets import target_label
from tests.support.cli import cli, cli_process
from tests.support.http import FixtureServer
from tests.support.smtp import SMTPServer
from tests.support.wire import Sent

pytestmark = pytest.mark.hostile

T0 = dt.datetime(2026, 11, 25, 12, tzinfo=dt.UTC)
SMTP_PASSWORD = "smtpPa55wordX"

#: Service -> (a URL with literal secrets, the secrets). ``{port}`` and ``{smtp}``: loopback servers.
SERVICES: dict[str, tuple[str, tuple[str, ...]]] = {
    "mailto": (
        f"mailto://alerts:{SMTP_PASSWORD}@127.0.0.1:{{smtp}}?mode=insecure&to=me@example.com&from=ee@example.com",
        (SMTP_PASSWORD,),
    ),
    "mailtos": (
        f"mailtos://alerts:{SMTP_PASSWORD}@127.0.0.1:{{smtp}}?to=me@example.com&from=ee@example.com",
        (SMTP_PASSWORD,),
    ),
    "slack": (
        "slack://T0SLACKAAA/B0SLACKBBB/slackTokenCccccccccccccc1/#ee",
        ("T0SLACKAAA", "B0SLACKBBB", "slackTokenCccccccccccccc1"),
    ),
    "slack-bot": ("slack://xoxb-1234-5678-slackBotToken9999/#ee", ("xoxb-1234-5678-slackBotToken9999",)),
    "discord": (
        "discord://98765432101/discordWebhookToken_secret1",
        ("98765432101", "discordWebhookToken_secret1"),
    ),
    "json": (
        "json://hookuser:jsonPassw0rd@127.0.0.1:{port}/hooks/jsonPathSecret77"
        "?+X-Api-Key=headerSecret111&:apikey=payloadSecret222&-sig=querySecret333",
        ("jsonPassw0rd", "jsonPathSecret77", "headerSecret111", "payloadSecret222", "querySecret333"),
    ),
    "xml": (
        "xml://127.0.0.1:{port}/xml/xmlPathSecret88?+Authorization=Bearer%20xmlHeaderSecret4&:token=xmlField5ecret",
        ("xmlPathSecret88", "xmlHeaderSecret4", "xmlField5ecret"),
    ),
    "form": (
        "form://127.0.0.1:{port}/form/formPathSecret99?+X-Token=formHeaderSecret6&:key=formField5ecret",
        ("formPathSecret99", "formHeaderSecret6", "formField5ecret"),
    ),
    # Microsoft Teams: msteams:// (Office 365 connectors) is retired and no longer loads in
    # Apprise 2.x; Teams is reached through a Power Automate workflow.
    "teams-workflow": (
        "workflow://prod-01.westus.logic.azure.com:443/teamsWorkflow123/teamsSignatureSecret7",
        ("teamsWorkflow123", "teamsSignatureSecret7"),
    ),
    "telegram": (
        "tgram://123456789:telegramBotTokenSecret_abcdefghi/-1001234567890/",
        ("123456789:telegramBotTokenSecret_abcdefghi",),
    ),
    "ntfy": (
        "ntfys://ntfyuser:ntfyPassw0rd@ntfy.example.com/topic1?token=tk_ntfyTokenSecret8",
        ("ntfyPassw0rd", "tk_ntfyTokenSecret8"),
    ),
    "gotify": ("gotifys://gotify.example.com/gotifyAppTokenSecret9", ("gotifyAppTokenSecret9",)),
    "pushover": (
        "pover://uPushoverUserKeySecret0000000@aPushoverAppTokenSecret000000/",
        ("uPushoverUserKeySecret0000000", "aPushoverAppTokenSecret000000"),
    ),
    "matrix": ("matrixs://mxuser:matrixPassw0rd@matrix.example.com/#room", ("matrixPassw0rd",)),
    "matrix-webhook": (
        "matrix://mxuser:matrixHookToken1@127.0.0.1:{port}?mode=slack",
        ("matrixHookToken1",),
    ),
    "mattermost": ("mmosts://mm.example.com/mattermostTokenSecret2", ("mattermostTokenSecret2",)),
}


@pytest.fixture
def smtp() -> Iterator[SMTPServer]:
    with SMTPServer(user="alerts", password=SMTP_PASSWORD) as server:
        yield server


class Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.lines: list[str] = []
        self.setFormatter(logging.Formatter("%(name)s %(levelname)s %(message)s"))

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(self.format(record))


@pytest.fixture
def debug_logs() -> Iterator[list[str]]:
    """Every log record at DEBUG, formatted as a handler would write it."""
    root = logging.getLogger()
    handler, level = Collect(), root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    loggers = [logging.getLogger(n) for n in ("apprise", "urllib3", "requests", "smtplib")]
    levels = [lg.level for lg in loggers]
    for lg in loggers:
        lg.setLevel(logging.DEBUG)
    try:
        yield handler.lines
    finally:
        root.removeHandler(handler)
        root.setLevel(level)
        for lg, old in zip(loggers, levels, strict=True):
            lg.setLevel(old)


def url_of(service: str, port: int, smtp_port: int) -> str:
    return SERVICES[service][0].replace("{port}", str(port)).replace("{smtp}", str(smtp_port))


@pytest.mark.parametrize("service", sorted(SERVICES))
def test_no_literal_secret_in_the_label_the_logs_or_the_errors(
    service: str, wire: list[Sent], debug_logs: list[str], smtp: SMTPServer
) -> None:
    url = url_of(service, 8080, smtp.port)
    secrets = SERVICES[service][1]
    label = target_label(url)
    outcome = send_message(url, probe_message("all", T0), NotificationSettings(timeout=3), env={})
    shown = [label, outcome.error or "", *(f"{s.label} {s.detail}" for s in outcome.services), *debug_logs]
    for secret in secrets:
        for text in shown:
            assert secret not in text, f"{secret!r} shown: {text[:500]}"
    # The label is for people: it names the service (and never a secret, above).
    assert label.split(" ", 1)[0].split("://", 1)[0] == url.split("://", 1)[0], label
    # The secrets did go where they belong (so the paths above were really exercised).
    if service.startswith("mailto"):
        return
    on_wire = " ".join(f"{s.url} {s.headers} {s.body!r}" for s in wire)
    assert any(secret in on_wire for secret in secrets), (service, on_wire[:500])


def test_the_labels_mask_exactly_the_private_parts() -> None:
    """Labels for people: the user, password and query (headers, payload fields) are dropped, a
    token-like path segment masked, ``${VAR}`` names kept."""
    assert target_label(url_of("json", 8080, 25)) == "json://127.0.0.1:8080/hooks/****"
    assert target_label("json://127.0.0.1/hooks/${HOOK}?+X-Api-Key=literalHeader1&:token=${TOKEN}") == (
        "json://127.0.0.1/hooks/${HOOK}"
    )
    assert target_label("json://127.0.0.1/${HOOK}?:field=literalField9") == "json://127.0.0.1/${HOOK}"


def new_round_alert(store: Store) -> None:
    base = Round(id="1", number=1, date=dt.date(2025, 6, 1), round_type="general", invitations=5, crs_min=500)
    for copy in ((base,), (base, replace(base, id="2", number=2, date=dt.date(2025, 6, 15)))):
        store.record_feed_fetch(
            FeedFetch(url="f", outcome=CHANGED, parsed=FeedParse(rounds=copy), body_sha256=str(len(copy)))
        )


def test_outbox_rows_the_database_and_eewatch_outbox_hold_no_literal_secret(
    tmp_path: Path, http_server: FixtureServer
) -> None:
    """json://, xml://, form:// with header, payload, query and path secrets (to loopback: sent), and
    Slack, Discord, Telegram (unreachable here: failed, with their errors stored and shown)."""
    names = ("json", "xml", "form", "slack", "discord", "telegram")
    targets = tuple(url_of(n, http_server.port, 25) for n in names)
    secrets = [s for n in names for s in SERVICES[n][1]]
    db = tmp_path / "eewatch.sqlite"
    store = Store.open(f"sqlite:///{db}", FrozenClock(T0))
    try:
        new_round_alert(store)
        settings = Config(
            alerts=(Rule(name="all", notify=targets),),
            notifications=NotificationSettings(max_attempts=1, timeout=3),
        )
        report = run_alerts(store, settings, clock=FrozenClock(T0), env={})
        assert report.enqueued == len(targets), report
        assert (report.sent, report.failed) == (3, 3), report.results
        rows = outbox.rows(store)
    finally:
        store.close()
    assert len(rows) == len(targets)
    for row in rows:
        for secret in secrets:
            assert secret not in row.target_label and secret not in (row.last_error or ""), row
    stored = b"".join(p.read_bytes() for p in tmp_path.iterdir() if p.name.startswith("eewatch.sqlite"))
    for secret in secrets:
        assert secret.encode() not in stored, f"{secret} is in the database file"
    config = tmp_path / "config.toml"
    config.write_text("")
    env = {"EEWATCH_DATABASE_URL": f"sqlite:///{db}"}
    for args in (("outbox",), ("outbox", "--format", "json")):
        result = cli_process(*args, "-vv", "--config", str(config), env=env)
        assert "Traceback" not in result.stderr, result.stderr
        assert "slack (#ee)" in result.stdout, result.stdout  # the failed targets were shown
        for secret in secrets:
            assert secret not in result.stdout + result.stderr, f"{secret} shown by eewatch {args}"


def test_notify_test_at_debug_shows_no_literal_slack_or_discord_token(tmp_path: Path) -> None:
    """Slack's and Discord's servers are not reachable: the send fails after Apprise logged its URL."""
    names = ("slack", "discord", "telegram", "json")
    targets = [url_of(n, 9, 25) for n in names]  # json:// to port 9: refused
    config = tmp_path / "config.toml"
    config.write_text(
        '[notifications]\ntimeout = 3\n[[alerts]]\nname = "all"\nnotify = ['
        + ", ".join(f'"{t}"' for t in targets)
        + "]\n"
    )
    env = {"EEWATCH_DATABASE_URL": f"sqlite:///{tmp_path / 'eewatch.sqlite'}"}
    result = cli("notify", "--test", "-v", "-v", "--config", str(config), env=env)
    output = result.stdout + result.stderr
    assert result.returncode == exitcodes.DELIVERY, output
    assert re.search(r"Slack POST URL|hooks\.slack\.com", output), "Apprise's debug log was not on"
    for name in names:
        for secret in SERVICES[name][1]:
            assert secret not in output, f"{secret} shown by notify --test:\n{output[-3000:]}"
