"""Hostile world III, secrets outside the alert targets: a password in the feed URL.

Failed on the code before the fix (docs/hostile.md, "Hostile world III: operations").
"""

from __future__ import annotations

import base64
from pathlib import Path

import pytest

from tests.support.cli import cli, cli_process
from tests.support.http import FixtureServer
from tests.support.paths import FIXTURES

pytestmark = pytest.mark.hostile

PASSWORD = "Mirr0rS3cretPW"


def test_a_password_in_the_feed_url_is_never_shown_or_stored(
    http_server: FixtureServer, tmp_path: Path
) -> None:
    receiver = FixtureServer().start()
    db = tmp_path / "eewatch.sqlite"
    url = http_server.serve("/feed.json", b"<html>down</html>", status=500)
    secret_url = url.replace("http://", f"http://mirror:{PASSWORD}@")
    config = tmp_path / "config.toml"
    config.write_text(
        f'[feed]\nurl = "{secret_url}"\nretries = 0\ntimeout = 5\n'
        f'[database]\nurl = "sqlite:///{db}"\n'
        "[health]\nfailures_before_alert = 1\n"
        '[[alerts]]\nname = "ops"\nevents = ["source_error", "poll_failing", "poll_recovered"]\n'
        f'notify = ["json://127.0.0.1:{receiver.port}/ops"]\n'
    )
    config.chmod(0o600)
    seen: list[str] = []
    try:
        failed = cli_process("scrape", "--once", "-v", "-v", "--config", str(config))
        assert failed.returncode == 3, failed.stderr
        seen += [failed.stdout, failed.stderr]
        http_server.serve("/feed.json", (FIXTURES / "feed" / "small.json").read_bytes())
        for _ in range(2):  # a good copy, then the same again (the conditional GET still works)
            good = cli_process("scrape", "--once", "-v", "-v", "--config", str(config))
            assert good.returncode == 0, good.stderr
            seen += [good.stdout, good.stderr]
        assert "unchanged" in good.stderr or "not_modified" in good.stderr, good.stderr
        http_server.serve("/feed.json", b"", status=503)
        failed = cli_process("scrape", "--once", "--config", str(config))
        assert failed.returncode == 3
        seen += [failed.stdout, failed.stderr]
        for fmt in ("text", "json"):
            status = cli("status", "--format", fmt, "--config", str(config))
            seen += [status.stdout, status.stderr]
        bodies = [hit.body.decode() for hit in receiver.hits if hit.method == "POST"]
    finally:
        receiver.stop()
    assert len(bodies) >= 2, "the source_error and poll_failing alerts were not sent"
    assert any("mirror" in body or "127.0.0.1" in body for body in bodies), bodies
    # The mirror still gets its credentials: as HTTP Basic authentication, not in the request line.
    expected = "Basic " + base64.b64encode(f"mirror:{PASSWORD}".encode()).decode()
    feed_hits = [hit for hit in http_server.hits if hit.path == "/feed.json"]
    assert feed_hits and all(hit.headers.get("Authorization") == expected for hit in feed_hits)
    for text in [*seen, *bodies]:
        assert PASSWORD not in text, text
    for path in tmp_path.glob("eewatch.sqlite*"):
        assert PASSWORD.encode() not in path.read_bytes(), f"the password is in {path.name}"


# -- the config file: who may write it, and where ${VAR} is read ---------------------------

TARGET = 'notify = ["json://127.0.0.1:9/hook/${HOOK_TOKEN}"]'


@pytest.mark.parametrize("mode", [0o666, 0o664, 0o646])
def test_a_config_others_may_write_is_warned_about_like_ssh(tmp_path: Path, mode: int) -> None:
    config = tmp_path / "config.toml"
    config.write_text(f'[[alerts]]\nname = "me"\n{TARGET}\n')
    config.chmod(mode)
    db = f"sqlite:///{tmp_path / 'eewatch.sqlite'}"
    result = cli("status", "--config", str(config), env={"EEWATCH_DATABASE_URL": db})
    warnings = [line for line in result.stderr.splitlines() if "writable by others" in line]
    assert len(warnings) == 1, result.stderr
    assert f"{mode:04o}" in warnings[0] and "chmod go-w" in warnings[0], warnings[0]
    config.chmod(0o644)  # readable, not writable: a ${VAR} is no secret, nothing to say
    result = cli("status", "--config", str(config), env={"EEWATCH_DATABASE_URL": db})
    assert "writable by others" not in result.stderr and "readable by others" not in result.stderr


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ('[feed]\nurl = "https://evil.example/${AWS_SECRET_ACCESS_KEY}.json"\n', "[feed] url"),
        ('[feed]\nuser_agent = "eewatch ${AWS_SECRET_ACCESS_KEY}"\n', "[feed] user_agent"),
        ('[database]\nurl = "postgresql+psycopg://u:${PGPASSWORD}@127.0.0.1/db"\n', "[database] url"),
        ('[report]\nsite_url = "https://x.example/${HOME}/"\n', "[report] site_url"),
        (
            f'[[alerts]]\nname = "me"\n{TARGET}\ntitle = "round {{number}} ${{AWS_KEY}}"\n',
            "[[alerts]] me title",
        ),
        ('[[sources]]\nkind = "page"\nurl = "https://www.canada.ca/${TOKEN}.html"\n', "[[sources]] url"),
    ],
)
def test_a_variable_outside_the_notify_targets_is_a_config_error_naming_the_key(
    tmp_path: Path, text: str, key: str
) -> None:
    config = tmp_path / "config.toml"
    config.write_text(text)
    config.chmod(0o600)
    db = f"sqlite:///{tmp_path / 'eewatch.sqlite'}"
    result = cli("status", "--config", str(config), env={"EEWATCH_DATABASE_URL": db})
    assert result.returncode == 2, result.stdout + result.stderr
    [line] = [line for line in result.stderr.splitlines() if line.strip()]
    assert key in line and "[[alerts]] notify" in line, line


def test_variables_stay_welcome_in_notify_and_a_dollar_before_a_placeholder_is_text(tmp_path: Path) -> None:
    from eewatch.config import load_config

    config = tmp_path / "config.toml"
    config.write_text(f'[[alerts]]\nname = "me"\n{TARGET}\ntitle = "cut-off ${{crs}}"\n')
    config.chmod(0o600)
    [rule] = load_config(config, env={}).alerts
    assert rule.notify == ("json://127.0.0.1:9/hook/${HOOK_TOKEN}",) and rule.title == "cut-off ${crs}"
