"""The declarative config: every key declares its check, one loader reads them, its messages."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from eewatch.app import exitcodes
from eewatch.config import ConfigError, parse_config
from eewatch.config import model as m
from eewatch.config import values as v
from eewatch.config.sections import SECTIONS, entries, read
from tests.support.cli import cli_process
from tests.support.http import FixtureServer

SECTION_CLASSES = (
    m.FeedConfig,
    m.DatabaseConfig,
    m.Rule,
    m.NotificationSettings,
    m.ScheduleConfig,
    m.HealthConfig,
    m.ReportConfig,
    m.SourceConfig,
)


@pytest.mark.parametrize("cls", SECTION_CLASSES, ids=lambda c: c.__name__)
def test_every_key_declares_its_check(cls: type) -> None:
    for f in dataclasses.fields(cls):
        assert callable(f.metadata.get("check")), f"{cls.__name__}.{f.name} has no check"
        required = f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
        assert not required or f.metadata["missing"], f"{cls.__name__}.{f.name}: say what to write"


def test_profile_checks_cover_the_domain_profile() -> None:
    assert set(m.PROFILE_CHECKS) == {f.name for f in dataclasses.fields(m.Profile)}


def test_every_config_section_has_a_reader() -> None:
    assert list(SECTIONS) == [f.name for f in dataclasses.fields(m.Config) if f.name != "path"]


@dataclasses.dataclass(frozen=True)
class _Team:
    """A section made up here: the loader reads it with no code of its own."""

    name: str = m.key(check=v.rule_name, missing="every team needs a name")
    members: tuple[str, ...] = m.key(check=v.strings, missing="a list of names")
    size: int = m.key(3, v.whole(1, 9))


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("x", "t.toml: [[teams]] #2 must be a table"),
        (
            {"name": "a", "members": ["b"], "sise": 4},
            "t.toml: [[teams]] #2 sise: unknown key (did you mean 'size'?)",
        ),
        ({"members": ["b"]}, "t.toml: [[teams]] #2 name: missing (every team needs a name)"),
        ({"name": "a b"}, "t.toml: [[teams]] #2 name: use 1-64 letters, digits, '_', '-' or '.'"),
        ({"name": "red"}, "t.toml: [[teams]] red members: missing (a list of names)"),
        ({"name": "red", "members": "b", "size": 10}, "t.toml: [[teams]] red size: 10 is out of range 1..9"),
        (
            {"name": "red", "members": "b", "size": True},
            "t.toml: [[teams]] red size: expected an integer, got bool",
        ),
    ],
)
def test_the_loader_reads_a_new_section_from_its_fields(raw: object, message: str) -> None:
    with pytest.raises(ConfigError) as caught:
        read(_Team, raw, "[[teams]] #2", "t.toml")
    assert str(caught.value) == message


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ({"name": "red"}, "t.toml: [[teams]] must be an array of tables"),
        (
            [{"name": "red", "members": "a"}, {"name": "red", "members": "b"}],
            "t.toml: [[teams]] #2 name: 'red' is used twice",
        ),
        (
            [{"name": "red", "members": "a"}, {"name": "blue", "size": 0}],
            "t.toml: [[teams]] blue members: missing (a list of names)",
        ),
    ],
    ids=["not-an-array", "same-name", "entry-labelled-by-name"],
)
def test_an_array_of_named_tables(raw: object, message: str) -> None:
    with pytest.raises(ConfigError) as caught:
        entries(_Team, raw, "teams", "t.toml")
    assert str(caught.value) == message


def test_the_loader_keeps_defaults_for_absent_keys() -> None:
    values = read(_Team, {"name": "red", "members": ["a", "b", "a"]}, "[[teams]] #1", "t.toml")
    assert _Team(**values) == _Team(name="red", size=3, members=("a", "b"))


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            {"health": {"failures_before_alert": "3"}},
            "[health] failures_before_alert: expected an integer, got str",
        ),
        ({"health": {"failures_before_alert": 0}}, "[health] failures_before_alert: 0 is out of range 1.."),
        ({"sources": [{"kind": "stored-pages", "limit": 0}]}, "[[sources]] limit: 0 is out of range 1.."),
        (
            {"sources": [{"kind": "stored-pages", "limit": 2.5}]},
            "[[sources]] limit: expected an integer, got float",
        ),
        # whether limit may be given comes before its value
        ({"sources": [{"kind": "page", "url": "https://x/", "limit": "a"}]}, "limit: only used with kind"),
    ],
    ids=["health-str", "health-zero", "sources-zero", "sources-float", "sources-limit-on-a-page"],
)
def test_whole_numbers_are_checked_by_the_shared_check(data: dict[str, object], message: str) -> None:
    with pytest.raises(ConfigError, match=message.replace("[", r"\[").replace(".", r"\.")):
        parse_config(data, where="c.toml")


def test_retries_zero_is_allowed_and_a_negative_says_so() -> None:
    assert parse_config({"feed": {"retries": 0}}).feed.retries == 0
    with pytest.raises(ConfigError) as caught:
        parse_config({"feed": {"retries": -1}}, where="c.toml")
    assert str(caught.value) == (
        "c.toml: [feed] timeout, max_bytes and retries must be positive (retries may also be 0: no retry)"
    )


def test_retries_zero_tries_the_feed_once(http_server: FixtureServer, tmp_path: Path) -> None:
    """``retries`` counts extra tries: 0 means one try, no retry (the default 2 means 3 tries).

    A real process: ``scrape`` starts a Twisted reactor.
    """
    url = http_server.serve("/feed.json", b"oops", status=503)
    config = tmp_path / "c.toml"
    config.write_text("[feed]\nretries = 0\n")
    env = {"EEWATCH_DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite'}"}
    result = cli_process("scrape", "--once", "--feed", url, "--config", str(config), env=env)
    assert result.returncode == exitcodes.SOURCE, result.stderr
    assert "HTTP 503" in result.stderr
    assert len(http_server.hits) == 1
