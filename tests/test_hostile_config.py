"""A hostile config: every mistake is one line naming the file and the key, and exit 2.

``scrape --once`` and ``eewatch status`` run as real processes (a few at a time,
from a module fixture); ``scrape`` must fail before it fetches anything.
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest

from eewatch.app import exitcodes
from tests.support.cli import cli_process
from tests.support.forkserver import ForkServer
from tests.support.http import FixtureServer

# One worker runs this module: its module fixture runs every CLI case at once (--dist loadgroup).
pytestmark = [pytest.mark.hostile, pytest.mark.xdist_group("test_hostile_config")]

SECRET = "hunter2-s3cr3t"


@dataclass(frozen=True)
class Case:
    id: str
    toml: str | None  # None: the file does not exist
    says: str  # the error line names this (the key, or the reason)


CASES = [
    Case("missing-file", None, "config file not found"),
    Case("not-toml", "[feed\nurl = ", "not valid TOML"),
    Case("wrong-type", '[feed]\ntimeout = "fast"\n', "[feed] timeout: expected float"),
    Case("wrong-type-database", "[database]\nurl = 5\n", "[database] url: expected str"),
    Case("unknown-key", "[feed]\ncolour = 1\n", "[feed] colour: unknown key"),
    Case("unknown-section", "[feeds]\nurl = 'x'\n", "unknown section or key [feeds]"),
    Case("negative-timeout", "[feed]\ntimeout = -1\n", "[feed] timeout"),
    Case(
        "invalid-cron",
        '[schedule]\ncron = "61 * * * *"\n',
        "[schedule] cron: '61 * * * *' is not a valid cron",
    ),
    Case("invalid-cron-fields", '[schedule]\ncron = ["*/5 * * *"]\n', "[schedule] cron"),
    Case(
        "invalid-duration",
        '[schedule]\nevery = "5 parsecs"\n',
        "[schedule] every: '5 parsecs' is not a duration",
    ),
    Case("invalid-duration-health", '[health]\nunhealthy_after = "soon"\n', "[health] unhealthy_after"),
    Case(
        "invalid-apprise-url",
        f'[[alerts]]\nname = "me"\nnotify = ["nosuchscheme://user:{SECRET}@example.test/"]\n',
        "notify #1: not an Apprise URL",
    ),
    Case(
        "eligible-without-profile",
        '[[alerts]]\nname = "me"\nnotify = ["json://127.0.0.1:9/"]\neligible = true\n',
        "[[alerts]] me eligible: needs a [profile] section",
    ),
    Case("unknown-key-suggested", "[feed]\ntimeuot = 5\n", "timeuot: unknown key (did you mean 'timeout'?)"),
]
#: The daemon refuses at start, with exit 2 and one line, any config scrape --once refuses.
COMMANDS = ("scrape", "status", "run")


def _run(
    case: Case, command: str, folder: Path, feed_url: str, forks: ForkServer
) -> subprocess.CompletedProcess[str]:
    """The command in a real process, forked from ``forks`` (the imports done once)."""
    folder.mkdir(parents=True)
    config = folder / "config.toml"
    if case.toml is not None:
        config.write_text(case.toml)
    env = {"EEWATCH_DATABASE_URL": f"sqlite:///{folder / 'eewatch.sqlite'}"}
    args = {"scrape": ["scrape", "--once", "--feed", feed_url], "status": ["status"], "run": ["run"]}[command]
    return cli_process(*args, "--config", str(config), env=env, timeout=60, via=forks)


@pytest.fixture(scope="module")
def feed_server() -> Iterator[FixtureServer]:
    server = FixtureServer().start()
    server.serve("/feed.json", b'{"rounds": []}')
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="module")
def results(
    feed_server: FixtureServer, tmp_path_factory: pytest.TempPathFactory, fork_server: ForkServer
) -> dict[tuple[str, str], subprocess.CompletedProcess[str]]:
    root = tmp_path_factory.mktemp("config")
    with ThreadPoolExecutor(4) as pool:
        futures = {
            (case.id, command): pool.submit(
                _run, case, command, root / case.id / command, feed_server.url("/feed.json"), fork_server
            )
            for case in CASES
            for command in COMMANDS
        }
    return {key: future.result() for key, future in futures.items()}


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_a_bad_config_is_one_line_and_exit_2(
    case: Case, command: str, results: dict[tuple[str, str], subprocess.CompletedProcess[str]]
) -> None:
    result = results[(case.id, command)]
    assert result.returncode == exitcodes.CONFIG, result.stderr
    assert "Traceback" not in result.stderr, result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith(f"eewatch {command}: error: ")]
    assert len(errors) == 1, result.stderr
    assert "config.toml" in errors[0] and case.says in errors[0], errors[0]
    assert SECRET not in result.stderr + result.stdout, "the config error echoed a secret"


def test_scrape_fetches_nothing_with_a_bad_config(
    feed_server: FixtureServer, results: dict[tuple[str, str], subprocess.CompletedProcess[str]]
) -> None:
    assert len(results) == len(CASES) * len(COMMANDS)
    assert feed_server.hits == [], "a scrape with a bad config fetched the feed"


def test_a_good_config_is_not_an_error(
    feed_server: FixtureServer, tmp_path: Path, fork_server: ForkServer
) -> None:
    """The control: the same harness with a valid config gets past the config."""
    good = Case("good", '[feed]\ntimeout = 5\n[schedule]\ncron = "*/5 9-18 * * mon-fri"\n', "")
    result = _run(good, "status", tmp_path / "good", feed_server.url("/feed.json"), fork_server)
    assert result.returncode != exitcodes.CONFIG, result.stderr
