"""One problem, one wording: the same mistake in different sections reads the same."""

from __future__ import annotations

from pathlib import Path

import pytest

from eewatch.config import ConfigError, parse_config
from eewatch.config.secrets import config_file_warnings


@pytest.mark.parametrize("section", ["alerts", "profiles", "sources"])
def test_an_array_of_tables_given_as_a_table(section: str) -> None:
    with pytest.raises(ConfigError) as caught:
        parse_config({section: {"name": "x"}}, where="c.toml")
    assert str(caught.value) == f"c.toml: [[{section}]] must be an array of tables"


@pytest.mark.parametrize(("value", "got"), [("3", "str"), (True, "bool"), (2.5, "float")])
@pytest.mark.parametrize("key", ["retries", "max_bytes"])
def test_feed_integers_are_checked_as_every_integer_is(key: str, value: object, got: str) -> None:
    with pytest.raises(ConfigError) as caught:
        parse_config({"feed": {key: value}}, where="c.toml")
    assert str(caught.value) == f"c.toml: [feed] {key}: expected an integer, got {got}"


def test_a_literal_secret_is_named_as_the_loader_names_its_key(tmp_path: Path) -> None:
    config = tmp_path / "c.toml"
    config.write_text(
        '[[alerts]]\nname = "me"\nnotify = ["json://bob:hunter22@127.0.0.1:9/x"]\n'
        '[[profiles]]\nname = "zq-client"\nnotify = ["json://zq:pw12345@127.0.0.1:9/y"]\n',
        encoding="utf-8",
    )
    config.chmod(0o644)
    [warning] = config_file_warnings(config)
    assert "a secret ([[alerts]] me notify, [[profiles]] #1 notify)" in warning
    assert "zq-client" not in warning and "hunter22" not in warning and "pw12345" not in warning
