"""Secrets in target URLs never reach logs, exceptions, the database or CLI output."""

from __future__ import annotations

import datetime as dt
import logging
import re
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote

import pytest
from sqlalchemy import select

from eewatch.config import Config, ConfigError, NotificationSettings, Rule, parse_config
from eewatch.domain.clock import FrozenClock
from eewatch.domain.fetches import CHANGED, FeedFetch, FeedParse
from eewatch.domain.record import Round
from eewatch.store.schema import alert_events_handled, alert_outbox
from eewatch.store.store import Store
from notifier.deliver import send_message
from notifier.render import probe_message
from notifier.run import run_alerts
from notifier.secrets import expand, human_label, redact, secret_values, target_label
from tests.support.cli import cli
from tests.support.http import FixtureServer
from tests.support.smtp import SMTPServer

SMTP_PASSWORD = "smtp-Pa55word!"
SLACK_TOKEN = "T0SECRET1/B0SECRET2/slacksecrettoken0123456789"
JSON_PASSWORD = "json-Pa55-secret"
LITERAL = "literalSecret99"
ENV = {"SMTP_PASSWORD": SMTP_PASSWORD, "SLACK_TOKEN": SLACK_TOKEN, "JSON_PASSWORD": JSON_PASSWORD}
SECRETS = [SMTP_PASSWORD, SLACK_TOKEN, JSON_PASSWORD, LITERAL, *SLACK_TOKEN.split("/")]


def assert_clean(text: str, where: str) -> None:
    for secret in SECRETS:
        for form in (secret, quote(secret, safe="")):
            assert form not in text, f"secret {secret[:4]}... found in {where}"


def targets(smtp: SMTPServer, http: FixtureServer, refused_port: int) -> list[str]:
    return [
        # works: SMTP with AUTH, the password from the environment
        f"mailto://alerts:${{SMTP_PASSWORD}}@127.0.0.1:{smtp.port}?mode=insecure&to=me@example.com&from=e@example.com",
        # fails: Slack (pointed at loopback) answers 500
        "slack://${SLACK_TOKEN}/#ee",
        # fails: the JSON server answers 500, with a password in the URL
        f"json://bob:${{JSON_PASSWORD}}@127.0.0.1:{http.port}/hook",
        # fails: nothing listens; a literal password (not recommended, still never shown)
        f"json://bob:{LITERAL}@127.0.0.1:{refused_port}/hook",
    ]


def test_secrets_never_leak_through_any_path(
    db_url: str, http_server: FixtureServer, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    from apprise.plugins.slack import NotifySlack

    monkeypatch.setattr(NotifySlack, "webhook_url", http_server.url("/services"))

    def refuse(handler: Any) -> None:
        handler.send_response(500)
        handler.send_header("Content-Length", "0")
        handler.end_headers()

    http_server.handler = refuse
    caplog.set_level(logging.DEBUG)
    clock = FrozenClock(dt.datetime(2026, 11, 25, tzinfo=dt.UTC))
    with SMTPServer(user="alerts", password=SMTP_PASSWORD) as smtp:
        closed = SMTPServer()  # a free port nobody listens on
        rule = Rule(name="all", notify=tuple(targets(smtp, http_server, closed.port)))
        settings = Config(alerts=(rule,), notifications=NotificationSettings(max_attempts=2))
        store = Store.open(db_url, clock)
        base = Round(id="1", number=1, date=dt.date(2025, 1, 1), round_type="general", crs_min=500)
        new = Round(id="2", number=2, date=dt.date(2025, 1, 8), round_type="general", crs_min=490)
        for copy in ((base,), (base, new)):
            store.record_feed_fetch(
                FeedFetch("f", CHANGED, parsed=FeedParse(rounds=copy), body_sha256=str(len(copy)))
            )
        first = run_alerts(store, settings, clock=clock, env=ENV)
        clock.advance(hours=1)
        second = run_alerts(store, settings, clock=clock, env=ENV)
        smtp.wait_for(1)
        with store.engine.connect() as conn:
            rows = [dict(r._mapping) for r in conn.execute(select(alert_outbox))]
            rows += [dict(r._mapping) for r in conn.execute(select(alert_events_handled))]
        store.close()

    assert first.sent == 1 and second.failed == 3, (first, second)
    assert len(rows) == 4 + 2
    assert all(r["last_error"] for r in rows[:4] if r["status"] == "failed")
    assert_clean(repr(rows), "the outbox")
    assert_clean(repr(first) + repr(second), "the report")
    # The test's own SMTP server logs the AUTH exchange (base64) under mail.log: not ours.
    ours = [r for r in caplog.records if not r.name.startswith("mail.log")]
    assert any(r.name == "apprise" for r in ours) and any(r.levelno == logging.DEBUG for r in ours)
    assert_clean("\n".join(r.getMessage() for r in ours), "the logs")
    assert_clean(caplog.text, "the formatted logs")


def test_missing_variable_and_bad_url_errors_name_no_secret() -> None:
    outcome = send_message(
        "json://u:${NOT_SET_ANYWHERE}@127.0.0.1/",
        probe_message("r", dt.datetime.now(dt.UTC)),
        NotificationSettings(),
        env={},
    )
    assert outcome.error == "environment variable NOT_SET_ANYWHERE is not set"
    with pytest.raises(ConfigError) as caught:
        parse_config({"alerts": [{"name": "x", "notify": [f"nope://bob:{LITERAL}@host"]}]})
    assert_clean(str(caught.value), "a config error")
    assert "unknown scheme 'nope'" in str(caught.value)


LABELS = [
    # (id, target as configured, the label people see)
    ("slack-var", "slack://${SLACK_TOKEN}/#ee", "slack (#ee)"),
    ("slack-literal", f"slack://{SLACK_TOKEN}/#ee/@ops", "slack (#ee, @ops)"),
    ("slack-webhook", f"https://hooks.slack.com/services/{SLACK_TOKEN}", "slack"),
    (
        "mail-var",
        "mailtos://user:${SMTP_PASSWORD}@smtp.example.com?to=me@example.com",
        "mailtos://smtp.example.com (to me@example.com)",
    ),
    (
        "mail-literal",
        f"mailto://alerts:{SMTP_PASSWORD}@127.0.0.1:8025?mode=insecure&to=me@example.com,you@example.com",
        "mailto://127.0.0.1:8025 (to me@example.com, you@example.com)",
    ),
    ("mail-no-auth", "mailto://127.0.0.1:8025?to=me@example.com&from=e@example.com", None),
    ("json-literal", f"json://bob:{LITERAL}@127.0.0.1:8080/hook", "json://127.0.0.1:8080/hook"),
    ("json-var", "json://bob:${JSON_PASSWORD}@127.0.0.1:8080/hook", "json://127.0.0.1:8080/hook"),
    ("query-token", "json://host/?token=abc${X}", "json://host"),
    ("discord-var", "discord://${HOOK_ID}/${HOOK_TOKEN}", "discord://${HOOK_ID}/${HOOK_TOKEN}"),
    ("tag", "tag:family", "tag:family"),
]


@pytest.mark.parametrize(("target", "label"), [x[1:] for x in LABELS], ids=[x[0] for x in LABELS])
def test_labels_are_for_people_and_never_hold_a_secret(target: str, label: str | None) -> None:
    """``mailto://host:port (to ...)``, ``slack (#channel)``, ``json://host:port/path``: no user,
    no password, no Apprise settings (``?overflow=upstream&retry=0...``), no token."""
    shown = target_label(target)
    assert shown == (label or "mailto://127.0.0.1:8025 (to me@example.com)")
    assert_clean(shown, f"the label of {target}")
    assert "?" not in shown and "overflow" not in shown and "alerts" not in shown and "bob" not in shown


@pytest.mark.parametrize("target", [x[1] for x in LABELS], ids=[x[0] for x in LABELS])
def test_a_label_shows_no_more_than_the_masked_url_it_is_made_from(target: str) -> None:
    """Masking stays at least as strict: every word of the label was in the masked URL before."""
    from notifier.secrets import _masked_url

    masked = unquote(_masked_url(target)) if not target.startswith("tag:") else target
    shown = target_label(target)
    words = [w for w in re.split(r"[\s(),/:]+", shown) if w and w not in ("to", "slack")]
    assert all(w in masked for w in words), (shown, masked)


def test_labels_stored_by_an_earlier_version_are_shown_for_people() -> None:
    stored = (
        "mailto://127.0.0.1:54509/me%40example.com?overflow=upstream&retry=0&wait=0.5&optional=no"
        "&cto=15.0&from=eewatch%40example.com"
    )
    assert human_label(stored) == "mailto://127.0.0.1:54509 (to me@example.com)"
    assert human_label("json://bob:****@127.0.0.1:80/hook?method=POST") == "json://127.0.0.1:80/hook"
    assert human_label("slack://T...0/B...0/X...X/%23ee/?image=yes") == "slack (#ee)"
    for shown in ("slack (#ee)", "tag:family", "mailto://127.0.0.1:8025 (to me@example.com)"):
        assert human_label(shown) == shown


def test_expand_and_redact() -> None:
    target = "json://u:${JSON_PASSWORD}@h/?key=${SMTP_PASSWORD}"
    assert expand(target, ENV) == f"json://u:{JSON_PASSWORD}@h/?key={SMTP_PASSWORD}"
    assert secret_values(target, ENV) == {JSON_PASSWORD, SMTP_PASSWORD}
    assert (
        redact(f"a {quote(SMTP_PASSWORD, safe='')} b {JSON_PASSWORD}", {SMTP_PASSWORD, JSON_PASSWORD})
        == "a **** b ****"
    )


@pytest.mark.slow
def test_cli_output_has_no_secret(tmp_path: Path) -> None:
    with SMTPServer(user="alerts", password=SMTP_PASSWORD) as smtp:
        closed = SMTPServer()
        config = tmp_path / "config.toml"
        mail = f"mailto://alerts:${{SMTP_PASSWORD}}@127.0.0.1:{smtp.port}?mode=insecure&to=me@example.com&from=e@example.com"
        config.write_text(
            "[[alerts]]\n"
            'name = "all"\n'
            f'notify = ["{mail}", "json://bob:{LITERAL}@127.0.0.1:{closed.port}/x", '
            f'"json://bob:${{JSON_PASSWORD}}@127.0.0.1:{closed.port}/y"]\n'
        )
        env = {**ENV, "EEWATCH_DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite'}"}
        test = cli("notify", "--test", "-vv", "--config", str(config), env=env)
        smtp.wait_for(1)
    assert test.returncode == 5, test.stderr
    lines = test.stdout.splitlines()
    assert [line.split("\t")[2] for line in lines] == ["ok", "FAILED", "FAILED"]
    assert lines[0].split("\t")[:2] == ["all", f"mailto://127.0.0.1:{smtp.port} (to me@example.com)"]
    for line in lines[1:]:  # the error says what went wrong; the target is in its own column
        _rule, label, _verdict, detail = line.split("\t")
        assert label == f"json://127.0.0.1:{closed.port}/{'x' if line is lines[1] else 'y'}"
        assert "json://" not in detail and "?" not in label, line
    assert_clean(test.stdout + test.stderr, "notify --test output")
    listing = cli("outbox", "-vv", "--config", str(config), env=env)
    assert listing.returncode == 0, listing.stderr
    assert_clean(listing.stdout + listing.stderr, "outbox output")


#: (a custom webhook's URL, its label): names stay readable, token-shaped segments are masked.
PATHS = [
    ("json://127.0.0.1:8080/could-be-invited", "json://127.0.0.1:8080/could-be-invited"),
    ("json://127.0.0.1:8080/stem-or-general", "json://127.0.0.1:8080/stem-or-general"),
    ("json://127.0.0.1:8080/hooks/9f2c1a7b3d", "json://127.0.0.1:8080/hooks/****"),
    ("json://hooks.example.com/T0K3N12", "json://hooks.example.com/****"),
    ("json://hooks.example.com/api/v1/alerts2026", "json://hooks.example.com/api/v1/alerts2026"),
    ("json://hooks.example.com/123e4567-e89b-12d3-a456-426614174000/go", "json://hooks.example.com/****/go"),
    ("xml://hooks.example.com/Hooks/ABCDEFGHIJKL", "xml://hooks.example.com/Hooks/****"),
    ("form://hooks.example.com/hook/abcdefghijklmnopqrstuvwxyzabcd", "form://hooks.example.com/hook/****"),
]


@pytest.mark.parametrize(("target", "label"), PATHS, ids=[p[1].split("/", 3)[-1] for p in PATHS])
def test_one_rule_decides_what_of_a_webhook_path_is_secret(target: str, label: str) -> None:
    """`/could-be-invited` was masked and `/stem-or-general` shown: the rule is the token's shape,
    not its length; the label and what logs and errors redact agree."""
    from notifier.secrets import secret_values, target_label, token_like

    assert target_label(target) == label
    path = target.split("://", 1)[1].split("/")[1:]
    assert {s for s in path if token_like(s)} == {s for s in path if s in secret_values(target, {})}
