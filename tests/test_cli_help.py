"""The command line for people: a mistyped option shows the command's own usage and the option
meant; help texts are plain (no reStructuredText from docstrings)."""

from __future__ import annotations

from pathlib import Path

import pytest

from eewatch.app.cli import build_parser, command_names, main
from tests.support.cli import cli


def test_a_mistyped_option_shows_the_commands_usage_and_the_option_meant(
    tmp_path: Path, empty_config: Path
) -> None:
    env = {"EEWATCH_DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite'}"}
    result = cli("rounds", "--limt", "5", "--config", str(empty_config), env=env)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.startswith("usage: eewatch rounds ")
    assert "--limit N" in result.stderr  # the command's options, not the umbrella's COMMAND ...
    last = result.stderr.splitlines()[-1]
    assert last == "eewatch rounds: error: unrecognized arguments: --limt 5 (did you mean --limit?)"


def test_an_option_nothing_resembles_gets_no_suggestion(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stop:
        main(["stats", "--frobnicate"])
    assert stop.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("usage: eewatch stats ")
    assert err.splitlines()[-1] == "eewatch stats: error: unrecognized arguments: --frobnicate"


@pytest.mark.parametrize("command", [None, *command_names()])
def test_help_has_no_restructuredtext(command: str | None, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stop:
        main([command, "--help"] if command else ["--help"])
    assert stop.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith("usage: eewatch")
    assert "``" not in out, out


def test_the_command_list_reads_plainly() -> None:
    listing = build_parser().format_help()
    assert "or --test a rule's targets" in listing
    assert "(the same as python scheduler.py)" in listing
