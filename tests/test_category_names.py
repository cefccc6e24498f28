"""Names are checked: an unknown category or program, in the config or on the command line, is exit 2
with the nearest known names; known = the shipped catalog + the taxonomy + the categories in the database."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from eewatch.config import ConfigError, check_category_names, parse_config
from eewatch.domain.clock import FrozenClock
from eewatch.domain.eligibility import shipped_category_names
from eewatch.store.store import Store
from tests.support.cli import cli, cli_process
from tests.support.fetches import copy_fetch

FIXTURE = Path(__file__).parent / "fixtures" / "views" / "rounds.json"
#: A category IRCC created later, as a copy of the feed brings it (not shipped).
NEW_NAME = "Aerospace engineering occupations (2027-1)"
NEW_SLUG = "aerospace-engineering"


def _db(tmp_path: Path) -> str:
    """A SQLite database holding the fixture rounds, one of them renamed to a new category."""
    url = f"sqlite:///{tmp_path / 'eewatch.sqlite'}"
    document = json.loads(FIXTURE.read_text())
    document["rounds"][0]["drawName"] = NEW_NAME
    store = Store.open(url, FrozenClock(dt.datetime(2025, 3, 1, tzinfo=dt.UTC)))
    store.record_feed_fetch(copy_fetch(json.dumps(document).encode(), url="file:rounds.json"))
    assert NEW_SLUG in store.categories()
    store.close()
    return url


def _config(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(text)
    return path


def test_shipped_names_hold_the_catalog_and_the_taxonomy() -> None:
    names = shipped_category_names()
    assert {"stem", "french", "healthcare", "education", "physicians", "senior-managers"} <= names


@pytest.mark.parametrize(
    ("profile", "rules", "message"),
    [
        (["software"], [], "[profile] categories: unknown category 'software'"),
        (
            ["stem"],
            [["software-engineering"]],
            "[[alerts]] r1 categories: unknown category 'software-engineering'",
        ),
        ([], [["stme"]], "(did you mean 'stem'?)"),
    ],
)
def test_check_category_names(profile: list[str], rules: list[list[str]], message: str) -> None:
    config = parse_config(
        {
            "profile": {"crs": 489, "categories": profile},
            "alerts": [
                {"name": f"r{i}", "categories": c, "notify": ["json://127.0.0.1/"]}
                for i, c in enumerate(rules, start=1)
            ],
        }
    )
    with pytest.raises(ConfigError) as caught:
        check_category_names(config, shipped_category_names())
    assert message in str(caught.value)


def test_names_are_case_insensitive_and_a_database_category_is_known() -> None:
    config = parse_config({"profile": {"categories": ["STEM", NEW_SLUG]}})
    assert config.profile is not None and config.profile.categories == ("stem", NEW_SLUG)
    with pytest.raises(ConfigError):
        check_category_names(config, shipped_category_names())
    check_category_names(config, shipped_category_names() | {NEW_SLUG})  # no error


@pytest.mark.slow
def test_rounds_category_any_case_and_unknown_is_exit_2(tmp_path: Path) -> None:
    env = {"EEWATCH_DATABASE_URL": _db(tmp_path)}
    config = str(_config(tmp_path, ""))
    upper = cli("rounds", "--category", "STEM", "--format", "json", "--config", config, env=env)
    assert upper.returncode == 0, upper.stderr
    assert [r["id"] for r in json.loads(upper.stdout)] == ["398", "397", "396"]
    new = cli("rounds", "--category", NEW_SLUG.upper(), "--format", "json", "--config", config, env=env)
    assert new.returncode == 0, new.stderr
    assert [r["id"] for r in json.loads(new.stdout)] == ["401"]
    wrong = cli("rounds", "--category", "stme", "--config", config, env=env)
    assert wrong.returncode == 2
    assert "did you mean 'stem'?" in wrong.stderr and "no rounds match" not in wrong.stdout
    stats = cli("stats", "--category", "Stem", "--config", config, env=env)
    assert stats.returncode == 0, stats.stderr
    assert cli("stats", "--category", "helthcare", "--config", config, env=env).returncode == 2


@pytest.mark.slow
def test_config_names_are_checked_after_opening_the_store(tmp_path: Path) -> None:
    env = {"EEWATCH_DATABASE_URL": _db(tmp_path)}
    bad = _config(tmp_path, '[profile]\ncrs = 489\ncategories = ["software"]\n')
    for argv in (("chances",), ("scrape", "--once", "--feed", str(FIXTURE), "--no-notify")):
        result = cli_process(*argv, "--config", str(bad), env=env)
        assert result.returncode == 2, (argv, result.stderr)
        assert "unknown category 'software'" in result.stderr
    good = _config(tmp_path, f'[profile]\ncrs = 489\ncategories = ["{NEW_SLUG}"]\n')
    assert cli("chances", "--config", str(good), env=env).returncode == 0


@pytest.mark.slow
def test_chances_unknown_program_or_category_on_the_command_line_is_exit_2(tmp_path: Path) -> None:
    env = {"EEWATCH_DATABASE_URL": _db(tmp_path)}
    config = str(_config(tmp_path, ""))
    program = cli("chances", "--crs", "489", "--programs", "cecc", "--config", config, env=env)
    assert program.returncode == 2 and "did you mean 'CEC'?" in program.stderr
    category = cli("chances", "--crs", "489", "--categories", "STEMM", "--config", config, env=env)
    assert category.returncode == 2 and "did you mean 'stem'?" in category.stderr
    ok = cli("chances", "--crs", "489", "--categories", "STEM", "--config", config, env=env)
    assert ok.returncode == 0, ok.stderr


@pytest.mark.slow
def test_the_daemon_refuses_an_unknown_category_at_start(tmp_path: Path) -> None:
    env = {"EEWATCH_DATABASE_URL": _db(tmp_path)}
    bad = _config(
        tmp_path,
        '[[alerts]]\nname = "mine"\ncategories = ["software-engineering"]\nnotify = ["json://127.0.0.1/"]\n',
    )
    result = cli_process("run", "--config", str(bad), env=env, timeout=60)
    assert result.returncode == 2, result.stderr
    assert "unknown category 'software-engineering'" in result.stderr
