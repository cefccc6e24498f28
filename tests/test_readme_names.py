"""Every command, option and config key the README names exists, and its sample lines are what
eewatch prints (the quick start's whole output: tests/test_readme_quickstart.py)."""

from __future__ import annotations

import argparse
import datetime as dt
import re
import tomllib
from pathlib import Path

import pytest

from eewatch.app.cli import _subcommand_parser, build_parser, command_names
from eewatch.config import ConfigError, parse_config

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def _commands_table() -> list[tuple[str, str]]:
    """(command, the row's first cell) for each row of the Commands table."""
    table = README.split("## Commands", 1)[1].split("###", 1)[0]
    rows = []
    for row in table.splitlines():
        if not row.startswith("| `"):
            continue
        first = row.split(" | ", 1)[0]
        command = first.split("`")[1].removeprefix("eewatch ").split()[0]
        if command != "--help":
            rows.append((command, first))
    return rows


def _options(command: str) -> set[str]:
    parser = build_parser(command)
    sub = _subcommand_parser(parser, command)
    assert isinstance(sub, argparse.ArgumentParser), command
    return {o for action in sub._actions for o in action.option_strings}


@pytest.mark.parametrize(("command", "cell"), _commands_table(), ids=[c for c, _ in _commands_table()])
def test_every_command_and_option_in_the_readme_exists(command: str, cell: str) -> None:
    assert command in command_names(), f"the README names `{command}`, which is no command"
    named = set(re.findall(r"(?<![\w-])(--[a-z][a-z-]*|-[qv])\b", cell))
    assert named <= _options(command), f"{command}: {sorted(named - _options(command))} not options of it"


def test_the_common_options_exist_before_and_after_the_command() -> None:
    said = README.split("Common options:", 1)[1].split("\n\n", 1)[0]
    for option in re.findall(r"`(-[-\w]+)", said):
        assert option in _options("status"), option
        assert option in {o for a in build_parser("status")._actions for o in a.option_strings}, option


def _toml_blocks() -> list[str]:
    return re.findall(r"```toml\n(.*?)```", README, flags=re.S)


def _keys(block: dict[str, object]) -> list[tuple[str, str, object]]:
    """(section, key, value) of every key of a parsed TOML block (``[[alerts]]`` items each)."""
    found = []
    for section, part in block.items():
        for item in part if isinstance(part, list) else [part]:
            assert isinstance(item, dict), section
            found += [(section, key, value) for key, value in item.items()]
    return found


def _config_with(section: str, key: str, value: object) -> dict[str, object]:
    required = {"alerts": {"name": "x", "notify": ["json://127.0.0.1/x"]}, "sources": {"kind": "page"}}
    item = {**required.get(section, {}), key: value}
    return {section: [item] if section in ("alerts", "sources") else item}


def test_every_config_key_in_the_readme_exists() -> None:
    """Each key of the README's TOML examples, alone in a config: never an "unknown key" error."""
    keys = [k for block in _toml_blocks() for k in _keys(tomllib.loads(block))]
    table = re.findall(r"^\| `\[(\w+)\] (\w+)` \|", README, flags=re.M)
    assert len(keys) > 20 and len(table) >= 6  # the examples were found
    defaults = parse_config({})
    for section, key in table:  # the key table: each is a field of its section
        assert hasattr(getattr(defaults, section), key), f"[{section}] {key}"
    for section, key, value in keys:
        try:
            parse_config(_config_with(section, key, value))
        except ConfigError as exc:
            assert "unknown" not in str(exc), f"[{section}] {key}: {exc}"


def test_the_readmes_sample_reason_and_hourly_summary_are_what_eewatch_says() -> None:
    from eewatch.domain.eligibility import Profile, assess
    from eewatch.domain.record import Round

    stem_2023 = Round(
        id="254",
        number=254,
        date=dt.date(2023, 7, 5),
        round_type="category",
        category="stem",
        programs=("CEC", "FSW", "FST", "PNP"),
    )
    said = assess(stem_2023, Profile(crs=489, programs=("CEC",), noc=("21231",))).reason
    assert f'("{said}")' in README
    summary = re.search(r"`(last 60 min: \d+ polls\s+\(\d+ not_modified\))`", README)
    assert summary is not None
    assert _hourly_summary(12) == " ".join(summary.group(1).split())


def _hourly_summary(polls: int) -> str:
    import logging

    from eewatch.app.daemon.service import PollTally
    from eewatch.app.poll import PollResult
    from eewatch.domain.fetches import NOT_MODIFIED, FeedFetch
    from eewatch.store.store import FetchSummary
    from scraper.pipelines import Stored

    lines: list[str] = []

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            lines.append(record.getMessage())

    logger = logging.getLogger("eewatch.app.daemon")
    handler, level = Keep(), logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    try:
        now = [0.0]
        tally = PollTally(every=3600, clock=lambda: now[0])
        for i in range(polls):
            now[0] = (i + 1) * 300.0
            fetch = FeedFetch(url="u", outcome=NOT_MODIFIED, http_status=304)
            summary = FetchSummary(fetch_id=i, outcome=NOT_MODIFIED)
            tally.add(PollResult(mode="daemon", stored=[Stored(fetch, summary)]))
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)
    return lines[-1]
