"""``[[profiles]]``, ``[roster] csv`` and the rule keys ``profiles``, ``to_profiles``, ``digest``."""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path

import pytest

from eewatch.config import ConfigError, load_config, parse_config

PROFILES = """
[[profiles]]
name = "ana-lima"
crs = 475
programs = ["FSW"]
noc = ["31301"]
submitted_at = 2026-05-01T09:00:00Z
notify = ["json://127.0.0.1:9/a"]

[[profiles]]
name = "bo"
crs = 516
programs = ["CEC"]
submitted_at = 2026-01-02T03:04:05+01:00
"""


def parse(text: str):  # type: ignore[no-untyped-def]
    return parse_config(tomllib.loads(text), where="c.toml")


def test_profiles_load_with_their_submission_time_in_utc() -> None:
    config = parse(PROFILES + '[[alerts]]\nname = "all"\nprofiles = "*"\nto_profiles = true\n')
    ana, bo = config.profiles
    assert (ana.name, ana.crs, ana.noc, ana.notify) == (
        "ana-lima",
        475,
        ("31301",),
        ("json://127.0.0.1:9/a",),
    )
    assert ana.submitted_at == dt.datetime(2026, 5, 1, 9, tzinfo=dt.UTC)
    assert bo.submitted_at == dt.datetime(2026, 1, 2, 2, 4, 5, tzinfo=dt.UTC)
    [rule] = config.alerts
    assert (rule.profiles, rule.to_profiles, rule.digest, rule.notify) == (("*",), True, False, ())
    assert config.named_profile("bo") is bo


@pytest.mark.parametrize(
    ("text", "error"),
    [
        # Errors name the entry by number, never a name or a value.
        ('[[profiles]]\nname = "Ana Lima"\n', "c.toml: [[profiles]] #1 name: use 1-64 lowercase letters"),
        ('[[profiles]]\nname = "ana"\ncrs = 4750\n', "[[profiles]] #1 crs: expected a whole number"),
        ('[[profiles]]\nname = "ana"\nnoc = ["313"]\n', "[[profiles]] #1 noc: expected NOC 2021 codes"),
        ('[[profiles]]\nname = "ana"\nsubmitted_at = 2026-05-01T09:00:00\n', "submitted_at: a time without"),
        ('[[profiles]]\ncrs = 400\n', "c.toml: [[profiles]] #1 name: missing"),
        ('[[profiles]]\nname = "ana"\n[[profiles]]\nname = "ana"\n', "#2 name: the same as [[profiles]] #1"),
        ('[profile]\nname = "ana"\n', "[profile] name: unknown key"),
        ('[[alerts]]\nname = "x"\n', "[[alerts]] x notify: missing"),
        ('[[alerts]]\nname = "x"\nprofiles = "*"\ndigest = true\nto_profiles = true\n', "needs notify"),
        ('[[alerts]]\nname = "x"\nto_profiles = true\n', 'x to_profiles: needs profiles = "*"'),
        (PROFILES + '[[alerts]]\nname = "x"\nprofiles = ["bo", "zed"]\nnotify = ["json://h/x"]\n',
         "[[alerts]] x profiles #2: no profile of that name"),
    ],
)  # fmt: skip
def test_mistakes_are_one_line_without_personal_values(text: str, error: str) -> None:
    with pytest.raises(ConfigError) as caught:
        parse(text)
    message = str(caught.value)
    assert error in message
    for personal in ("Ana Lima", "4750", "'313'", "zed"):
        assert personal not in message


def test_the_one_person_profile_may_give_its_submission_time() -> None:
    config = parse('[profile]\ncrs = 475\nsubmitted_at = "2026-05-01T09:00:00Z"\n')
    assert config.profile is not None
    assert config.profile.submitted_at == dt.datetime(2026, 5, 1, 9, tzinfo=dt.UTC)


def test_the_roster_is_read_beside_the_config_after_the_profiles(tmp_path: Path) -> None:
    (tmp_path / "clients.csv").write_text("name,crs,programs,noc,submitted_at\ncy,480,FSW CEC,31301 31302,\n")
    (tmp_path / "config.toml").write_text('[roster]\ncsv = "clients.csv"\n' + PROFILES)
    config = load_config(tmp_path / "config.toml", env={})
    assert [p.name for p in config.profiles] == ["ana-lima", "bo", "cy"]
    assert config.profiles[2].programs == ("FSW", "CEC") and config.profiles[2].submitted_at is None


def test_a_roster_reusing_a_profile_name_or_missing_is_refused(tmp_path: Path) -> None:
    (tmp_path / "clients.csv").write_text("name,crs\nx,1\nbo,500\n")
    (tmp_path / "config.toml").write_text('[roster]\ncsv = "clients.csv"\n' + PROFILES)
    with pytest.raises(ConfigError, match=r"line 3: name: also a \[\[profiles\]\] entry"):
        load_config(tmp_path / "config.toml", env={})
    (tmp_path / "config.toml").write_text('[roster]\ncsv = "absent.csv"\n')
    with pytest.raises(ConfigError, match=r"\[roster\] csv: .*absent.csv: no such file"):
        load_config(tmp_path / "config.toml", env={})


def test_a_variable_in_a_profiles_target_names_the_entry_by_number_never_by_name(tmp_path: Path) -> None:
    # ${VAR} is expanded in [[alerts]] notify only; the refusal names the profile's entry, not the person.
    (tmp_path / "config.toml").write_text(PROFILES.replace("json://127.0.0.1:9/a", "json://${HOOK}/b"))
    with pytest.raises(ConfigError) as caught:
        load_config(tmp_path / "config.toml", env={"HOOK": "h"})
    message = str(caught.value)
    assert ": [[profiles]] #1 notify: ${...} is read from the environment only in [[alerts]]" in message
    assert "ana-lima" not in message
