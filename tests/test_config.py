"""Config: defaults in code, a file holds only what it changes, one-line errors naming the key."""

from __future__ import annotations

from pathlib import Path

import pytest

from eewatch.config import FEED_URL, ConfigError, load_config

ROOT = Path(__file__).resolve().parent.parent


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "c.toml"
    path.write_text(text)
    return path


def test_empty_file_is_all_defaults(tmp_path: Path) -> None:
    config = load_config(write(tmp_path, ""), env={})
    assert config.feed.url == FEED_URL
    assert config.feed.timeout == 30.0
    assert config.database.url.startswith("sqlite:///") and config.database.url.endswith("eewatch.sqlite")


def test_the_repo_example_config_is_valid() -> None:
    config = load_config(ROOT / "config.toml", env={})
    assert config.feed.url == FEED_URL


def test_precedence_explicit_then_env_then_local(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    explicit = write(tmp_path, '[feed]\nurl = "http://explicit/"\n')
    from_env = tmp_path / "env.toml"
    from_env.write_text('[feed]\nurl = "http://env/"\n')
    local_dir = tmp_path / "cwd"
    local_dir.mkdir()
    (local_dir / "config.toml").write_text('[feed]\nurl = "http://local/"\n')
    monkeypatch.chdir(local_dir)
    assert load_config(explicit, env={"EEWATCH_CONFIG": str(from_env)}).feed.url == "http://explicit/"
    assert load_config(None, env={"EEWATCH_CONFIG": str(from_env)}).feed.url == "http://env/"
    assert load_config(None, env={}).feed.url == "http://local/"


def test_database_url_from_the_environment_wins(tmp_path: Path) -> None:
    path = write(tmp_path, '[database]\nurl = "sqlite:///a.sqlite"\n')
    assert (
        load_config(path, env={"EEWATCH_DATABASE_URL": "sqlite:///b.sqlite"}).database.url
        == "sqlite:///b.sqlite"
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[feed]\nurl = 5\n", r"c\.toml: \[feed\] url: expected str, got int"),
        ("[feed]\nurll = 'x'\n", r"c\.toml: \[feed\] urll: unknown key"),
        ("[feeds]\nurl = 'x'\n", r"c\.toml: unknown section or key \[feeds\]"),
        ("[feed]\ntimeout = true\n", r"\[feed\] timeout: expected float, got a boolean"),
        ("[feed]\ntimeout = -1\n", r"\[feed\] timeout, max_bytes and retries must be positive"),
        ("feed = 3\n", r"\[feed\] must be a table"),
        ("[feed\n", r"c\.toml: not valid TOML"),
    ],
    ids=[
        "wrong-type",
        "unknown-key",
        "unknown-section",
        "bool-for-float",
        "negative",
        "not-table",
        "bad-toml",
    ],
)
def test_bad_config_is_one_line_naming_file_and_key(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(ConfigError, match=message) as info:
        load_config(write(tmp_path, text), env={})
    assert "\n" not in str(info.value)


def test_missing_file_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="config file not found"):
        load_config(tmp_path / "nope.toml", env={})


def test_the_commented_examples_in_config_toml_are_valid(tmp_path: Path) -> None:
    """Uncommenting every example line of config.toml gives a valid config."""
    import re

    lines = []
    for line in (ROOT / "config.toml").read_text().splitlines():
        example = re.match(r"^# (\[\[?\w+\]\]?|\w+ = .*)$", line)
        lines.append(example.group(1) if example else line)
    path = write(tmp_path, "\n".join(lines))
    config = load_config(path, env={})
    assert config.feed.retries == 2 and config.feed.max_bytes == 16777216
    assert [rule.name for rule in config.alerts] == ["stem-draws", "my-chance", "ops"]
    assert config.schedule.cron == ("*/5 9-18 * * mon-fri", "0 * * * *")
    assert str(config.report.out).endswith("site")
