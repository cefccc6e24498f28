"""The README's quick start, run as a newcomer would: its sample output is what the commands print.

A fresh folder with the documented ``config.toml``, a loopback server in place of
canada.ca serving the newest real copy of the feed; each ``$ command`` of the
README's sample is run and its whole output (stderr, then stdout) compared, line
by line, with the sample: nothing more, nothing less. Timestamps, durations and
day counts differ from run to run and are masked on both sides.
"""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

from tests.support.cli import cli_process
from tests.support.http import FixtureServer
from tests.support.paths import shared_copies

ROOT = Path(__file__).resolve().parent.parent
NEWEST = "ee_rounds_123_en.2025-03-02T1334Z.raw.json"

_MASKS = (
    (re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3} "), "TIME "),
    (re.compile(r"duration=\d+\.\d+s"), "duration=Ds"),
    (re.compile(r"'days': \d+"), "'days': N"),
)


def mask(line: str) -> str:
    for pattern, replacement in _MASKS:
        line = pattern.sub(replacement, line)
    return line.rstrip()


def sample() -> list[tuple[str, list[str]]]:
    """The README's quick-start block as (command, expected lines) pairs."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    block = text.split("<!-- quickstart -->", 1)[1].split("<!-- /quickstart -->", 1)[0]
    lines = block.strip().splitlines()[1:-1]  # inside the ```console fence
    steps: list[tuple[str, list[str]]] = []
    for line in lines:
        if line.startswith("$ "):
            steps.append((line[2:], []))
        else:
            steps[-1][1].append(line)
    return steps


def test_the_readme_sample_is_what_the_commands_print(tmp_path: Path) -> None:
    copies = {p.name: p for p in shared_copies()}
    if NEWEST not in copies:
        pytest.skip(f"the shared feed copy {NEWEST} is not here (../shared/fixtures/ircc-feed)")
    server = FixtureServer().start()
    try:
        url = server.serve(
            "/content/dam/ircc/documents/json/ee_rounds_123_en.json", copies[NEWEST].read_bytes()
        )
        config = (ROOT / "config.toml").read_text(encoding="utf-8")
        assert 'url = "sqlite:///eewatch.sqlite"' in config, "the documented config changed: update this test"
        canada = 'url = "https://www.canada.ca/content/dam/ircc/documents/json/ee_rounds_123_en.json"'
        assert canada in config, "the documented config changed: update this test"
        (tmp_path / "config.toml").write_text(config.replace(canada, f'url = "{url}"'))
        steps = sample()
        assert [command for command, _ in steps] == ["scrape --once", "eewatch rounds --limit 3"]
        for command, expected in steps:
            argv = shlex.split(command)
            args = ["scrape", *argv[1:]] if argv[0] == "scrape" else argv[1:]
            result = cli_process(*args, cwd=tmp_path, env={"EEWATCH_CONFIG": "", "EEWATCH_DATABASE_URL": ""})
            assert result.returncode == 0, result.stderr
            printed = [mask(line) for line in (result.stderr + result.stdout).splitlines() if line.strip()]
            assert printed == [mask(line) for line in expected], command
    finally:
        server.stop()
