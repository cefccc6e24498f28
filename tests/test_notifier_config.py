"""The [profile], [[alerts]] and [notifications] sections: a contract, checked line by line."""

from __future__ import annotations

from pathlib import Path

import pytest

from eewatch.config import ConfigError, Profile, Rule, load_config, parse_config

GOOD = """
[profile]
crs = 478
programs = ["CEC", "FSW"]
categories = ["stem"]

[notifications]
apprise_config = "apprise.yml"
max_attempts = 5

[[alerts]]
name = "stem"
events = ["new_round", "round_amended"]
round_types = ["category"]
categories = ["stem"]
programs = ["PNP"]
crs_max = 490
crs_min = 400
invitations_min = 1000
eligible = true
include_provisional = false
notify = [
  "mailtos://user:${SMTP_PASSWORD}@smtp.example.com?to=me@example.com",
  "slack://${SLACK_TOKEN}/#ee",
  "tag:family",
]
title = "Round {number}: {label}"
body = "{verdict}"

[[alerts]]
name = "health"
events = ["source_error", "poll_failing", "feed_stale"]
notify = ["json://127.0.0.1:9/"]
"""


def test_the_documented_keys_parse(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text(GOOD)
    settings = load_config(path, env={})
    assert settings.profile == Profile(crs=478, programs=("CEC", "FSW"), categories=("stem",))
    stem, health = settings.alerts
    assert stem == Rule(
        name="stem",
        notify=(
            "mailtos://user:${SMTP_PASSWORD}@smtp.example.com?to=me@example.com",
            "slack://${SLACK_TOKEN}/#ee",
            "tag:family",
        ),
        events=("new_round", "round_amended"),
        round_types=("category",),
        categories=("stem",),
        programs=("PNP",),
        crs_max=490,
        crs_min=400,
        invitations_min=1000,
        eligible=True,
        include_provisional=False,
        title="Round {number}: {label}",
        body="{verdict}",
    )
    assert health.events == ("source_error", "poll_failing", "feed_stale")
    assert settings.notifications.apprise_config == tmp_path / "apprise.yml"
    assert settings.notifications.max_attempts == 5


def test_no_sections_means_no_rules() -> None:
    settings = parse_config({})
    assert settings.alerts == () and settings.profile is None


BAD = [
    (
        "unknown-rule-key",
        {"alerts": [{"name": "a", "notify": ["json://h/"], "crs": 1}]},
        "[[alerts]] #1 crs: unknown key",
    ),
    ("missing-notify", {"alerts": [{"name": "a"}]}, "[[alerts]] a notify: missing"),
    ("missing-name", {"alerts": [{"notify": ["json://h/"]}]}, "[[alerts]] #1 name: missing"),
    ("duplicate-name", {"alerts": [{"name": "a", "notify": ["json://h/"]}] * 2}, "'a' is used twice"),
    (
        "bad-event",
        {"alerts": [{"name": "a", "notify": ["json://h/"], "events": ["new"]}]},
        "events: unknown value 'new'",
    ),
    (
        "bad-program",
        {"alerts": [{"name": "a", "notify": ["json://h/"], "programs": ["XYZ"]}]},
        "programs: unknown value",
    ),
    (
        "bad-round-type",
        {"alerts": [{"name": "a", "notify": ["json://h/"], "round_types": ["x"]}]},
        "round_types",
    ),
    (
        "crs-as-string",
        {"alerts": [{"name": "a", "notify": ["json://h/"], "crs_max": "490"}]},
        "crs_max: expected an integer",
    ),
    (
        "crs-min-above-max",
        {"alerts": [{"name": "a", "notify": ["json://h/"], "crs_min": 500, "crs_max": 400}]},
        "above crs_max",
    ),
    (
        "eligible-not-bool",
        {"alerts": [{"name": "a", "notify": ["json://h/"], "eligible": "yes"}]},
        "expected true or false",
    ),
    ("unknown-scheme", {"alerts": [{"name": "a", "notify": ["nope://h/"]}]}, "unknown scheme 'nope'"),
    ("empty-notify", {"alerts": [{"name": "a", "notify": []}]}, "at least one target"),
    ("bad-variable", {"alerts": [{"name": "a", "notify": ["json://${1X}@h/"]}]}, "bad variable"),
    (
        "bad-template",
        {"alerts": [{"name": "a", "notify": ["json://h/"], "title": "{round.__class__}"}]},
        "unknown placeholder",
    ),
    ("profile-unknown-key", {"profile": {"score": 1}}, "[profile] score: unknown key"),
    ("profile-bad-crs", {"profile": {"crs": 2000}}, "[profile] crs: 2000 is out of range"),
    ("notifications-unknown", {"notifications": {"retries": 3}}, "[notifications] retries: unknown key"),
    ("alerts-not-array", {"alerts": {"name": "a"}}, "array of tables"),
]


@pytest.mark.parametrize(("data", "message"), [b[1:] for b in BAD], ids=[b[0] for b in BAD])
def test_bad_config_is_one_clear_line(data: dict[str, object], message: str) -> None:
    with pytest.raises(ConfigError) as caught:
        parse_config(data, where="config.toml")
    text = str(caught.value)
    assert text.startswith("config.toml: ") and message in text and "\n" not in text


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            {"alerts": [{"name": "a", "notify": ["json://h/"], "eligible": True}]},
            "eligible: needs a [profile]",
        ),
        ({"alerts": [{"name": "a", "notify": ["tag:family"]}]}, "needs [notifications] apprise_config"),
    ],
    ids=["eligible-needs-profile", "tag-needs-apprise-config"],
)
def test_cross_section_checks(data: dict[str, object], message: str) -> None:
    with pytest.raises(ConfigError, match=message.replace("[", r"\[")):
        parse_config(data)
