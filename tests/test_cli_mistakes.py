"""Every documented command (README, Commands) with a typical mistake: one line on stderr saying what
is wrong and how to put it right, no traceback, and the documented exit code (2 usage or config,
3 source, 4 storage).

Argparse's own errors print the command's usage first; the usage is not counted: the error is the one
line after it. Every error line has one style, argparse's: ``eewatch COMMAND: error: ...``.
Commands that start no reactor run in this process (``cli``); ``scrape`` and ``run``
run as real processes, forked from the fork server (the imports paid once per worker).
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.support.cli import REACTOR_COMMANDS, cli, cli_process
from tests.support.forkserver import ForkServer
from tests.support.http import FixtureServer
from tests.support.paths import FIXTURES

USAGE, SOURCE, STORAGE = 2, 3, 4
# One worker runs this module: its module fixture runs every CLI case at once (--dist loadgroup).
pytestmark = pytest.mark.xdist_group("test_cli_mistakes")

UNWRITABLE = Path("/proc/version")  # a file nobody may replace, root included


@dataclass(frozen=True)
class Case:
    id: str
    args: tuple[str, ...]
    code: int
    says: str  # a piece of the one error line
    database: str = "good"  # good | under-a-file | missing-folder
    marks: tuple[pytest.MarkDecorator, ...] = ()


CASES = [
    # eligibility
    Case("eligibility-bad-noc", ("eligibility", "--noc", "2123"), USAGE, "not a NOC 2021 code"),
    # rounds
    Case("rounds-missing-config", ("rounds", "--config", "{tmp}/nope.toml"), USAGE, "config file not found"),
    Case(
        "rounds-bad-date", ("rounds", "--since", "2025-13-01"), USAGE, "is not a date: write it as YYYY-MM-DD"
    ),
    Case("rounds-bad-limit", ("rounds", "--limit", "-3"), USAGE, "--limit: must be at least 1, got -3"),
    Case("rounds-unknown-category", ("rounds", "--category", "stme"), USAGE, "did you mean 'stem'?"),
    Case("rounds-mistyped-flag", ("rounds", "--limt", "5"), USAGE, "(did you mean --limit?)"),
    Case("rounds-bad-format", ("rounds", "--format", "xml"), USAGE, "invalid choice: 'xml'"),
    Case(
        "rounds-database-under-a-file",
        ("rounds",),
        STORAGE,
        "a-file is not a directory",
        database="under-a-file",
    ),
    # a typo'd folder is an error naming it, never a new, empty history
    Case(
        "scrape-database-folder-missing",
        ("scrape", "--once", "--feed", str(FIXTURES / "feed" / "small.json")),
        STORAGE,
        "no-such-folder does not exist",
        database="missing-folder",
    ),
    Case("run-database-folder-missing", ("run",), STORAGE, "does not exist", database="missing-folder"),
    Case("status-database-under-a-file", ("status",), STORAGE, "is not a directory", database="under-a-file"),
    # stats
    Case("stats-unknown-category", ("stats", "--category", "frenc"), USAGE, "did you mean 'french'?"),
    Case("stats-bad-format", ("stats", "--format", "html"), USAGE, "invalid choice: 'html'"),
    # chances
    Case("chances-no-crs", ("chances",), USAGE, "give --crs N"),
    Case("chances-crs-not-a-number", ("chances", "--crs", "abc"), USAGE, "invalid int value: 'abc'"),
    Case("chances-crs-out-of-range", ("chances", "--crs", "5000"), USAGE, "between 0 and 1200"),
    Case("chances-unknown-category", ("chances", "--crs", "470", "--categories", "nope"), USAGE, "'nope'"),
    Case("chances-bad-last", ("chances", "--crs", "470", "--last", "0"), USAGE, "must be at least 1"),
    Case("chances-unknown-program", ("chances", "--crs", "470", "--programs", "XYZ"), USAGE, "'XYZ'"),
    # export
    Case("export-no-format", ("export",), USAGE, "required: --format"),
    Case(
        "export-out-missing-dir",
        ("export", "--format", "csv", "--out", "{tmp}/no/x.csv"),
        USAGE,
        "does not exist",
    ),
    Case("export-out-is-a-dir", ("export", "--format", "csv", "--out", "{tmp}"), USAGE, "is a directory"),
    Case(
        "export-out-unwritable",
        ("export", "--format", "csv", "--out", str(UNWRITABLE)),
        USAGE,
        "cannot write",
    ),
    Case("export-unknown-category", ("export", "--format", "csv", "--category", "nope"), USAGE, "'nope'"),
    # report
    Case("report-no-out", ("report",), USAGE, "give --out DIR"),
    Case("report-out-unwritable", ("report", "--out", str(UNWRITABLE)), USAGE, "cannot write"),
    # announcement
    Case("announcement-missing-file", ("announcement", "{tmp}/nope.html"), SOURCE, "No such file"),
    Case("announcement-bad-kind", ("announcement", "{tmp}/nope.html", "--kind", "pdf"), USAGE, "'pdf'"),
    # notify, outbox
    Case("notify-no-rules", ("notify", "--test"), USAGE, "no [[alerts]] rules"),
    Case(
        "notify-unknown-rule",
        ("notify", "--test", "--rule", "nope", "--config", "{rules}"),
        USAGE,
        "no rule named",
    ),
    Case("outbox-bad-format", ("outbox", "--format", "xml"), USAGE, "invalid choice: 'xml'"),
    # db
    Case("db-unknown-action", ("db", "downgrade"), USAGE, "invalid choice: 'downgrade'"),
    Case(
        "db-database-under-a-file",
        ("db", "upgrade"),
        STORAGE,
        "cannot open the database",
        database="under-a-file",
    ),
    # scrape
    Case(
        "scrape-missing-feed-file",
        ("scrape", "--once", "--feed", "{tmp}/nope.json"),
        SOURCE,
        "No such file",
    ),
    Case(
        "scrape-negative-backfill",
        ("scrape", "--once", "--notify-backfill", "-2", "--feed", str(FIXTURES / "feed" / "small.json")),
        USAGE,
        "--notify-backfill",
    ),
    Case("scrape-without-once", ("scrape",), USAGE, "--once"),
    Case("scrape-missing-config", ("scrape", "--once", "--config", "{tmp}/nope.toml"), USAGE, "not found"),
    # status, run
    Case("status-bad-format", ("status", "--format", "xml"), USAGE, "invalid choice: 'xml'"),
    Case("status-missing-config", ("status", "--config", "{tmp}/nope.toml"), USAGE, "config file not found"),
    # a config that scrape refuses, status refuses too (it said nothing of it)
    Case(
        "status-unknown-category-in-config",
        ("status", "--config", "{badname}"),
        USAGE,
        "did you mean 'stem'?",
    ),
    # the common options go before the command as well as after it
    Case("config-before-the-command", ("--config", "{badname}", "status"), USAGE, "did you mean 'stem'?"),
    Case("quiet-before-the-command", ("-q", "rounds", "--limit", "0"), USAGE, "must be at least 1"),
    Case("run-bad-schedule", ("run", "--config", "{schedule}"), USAGE, "is not a duration like"),
    # the umbrella
    Case("unknown-command", ("roudns",), USAGE, "invalid choice: 'roudns'"),
]


def error_lines(stderr: str) -> list[str]:
    """stderr less argparse's usage block (``usage: ...`` and its indented continuation lines)."""
    lines = stderr.splitlines()
    if lines and lines[0].startswith("usage: "):
        lines = lines[1:]
        while lines and lines[0].startswith(" "):
            lines = lines[1:]
    return lines


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    """A database holding the small feed, an empty config, one with a rule, one with a bad schedule."""
    tmp = tmp_path_factory.mktemp("mistakes")
    (tmp / "empty.toml").write_text("")
    (tmp / "rules.toml").write_text('[[alerts]]\nname = "mine"\nnotify = ["json://127.0.0.1:9/x"]\n')
    (tmp / "schedule.toml").write_text('[schedule]\nevery = "5 minutes"\n')
    (tmp / "badname.toml").write_text(
        '[[alerts]]\nname = "a"\ncategories = ["stme"]\nnotify = ["json://127.0.0.1:9/x"]\n'
    )
    database = f"sqlite:///{tmp / 'db.sqlite'}"
    stored = cli_process(
        "scrape",
        "--once",
        "--no-notify",
        "-q",
        "--feed",
        str(FIXTURES / "feed" / "small.json"),
        "--config",
        str(tmp / "empty.toml"),
        env={"EEWATCH_DATABASE_URL": database},
    )
    assert stored.returncode == 0, stored.stderr
    (tmp / "a-file").write_text("not a folder")
    yield {
        "tmp": str(tmp),
        "empty": str(tmp / "empty.toml"),
        "rules": str(tmp / "rules.toml"),
        "schedule": str(tmp / "schedule.toml"),
        "badname": str(tmp / "badname.toml"),
        "good": database,
        "under-a-file": f"sqlite:///{tmp / 'a-file' / 'db.sqlite'}",
        "missing-folder": f"sqlite:///{tmp / 'no-such-folder' / 'deeper' / 'db.sqlite'}",
    }


@pytest.mark.parametrize("case", [pytest.param(c, id=c.id, marks=c.marks) for c in CASES])
def test_a_mistake_gets_one_line_and_the_right_exit_code(
    case: Case, world: dict[str, str], fork_server: ForkServer
) -> None:
    if str(UNWRITABLE) in case.args and (sys.platform != "linux" or not UNWRITABLE.exists()):
        pytest.skip(f"{UNWRITABLE} is Linux's")
    args = [a.format(**world) for a in case.args]
    if "--config" not in args and case.id != "unknown-command":
        args += ["--config", world["empty"]]
    command = next(a for a in case.args if not a.startswith("-") and not a.startswith("{"))
    env = {"EEWATCH_DATABASE_URL": world[case.database]}
    if command in REACTOR_COMMANDS:
        result = cli_process(*args, env=env, timeout=60, via=fork_server)
    else:
        result = cli(*args, env=env)
    said = f"exit {result.returncode}, stderr:\n{result.stderr}"
    assert "Traceback" not in result.stderr, said
    assert result.returncode == case.code, said
    lines = error_lines(result.stderr)
    assert len(lines) == 1, said
    assert case.says in lines[0], said
    # One style for every user error: argparse's, naming the command.
    prefix = "eewatch: error: " if case.id == "unknown-command" else f"eewatch {command}: error: "
    assert lines[0].startswith(prefix), said
    assert not (Path(world["tmp"]) / "no-such-folder").exists(), "a typo'd database folder was made"


def test_every_documented_command_has_a_case() -> None:
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    table = readme.split("## Commands", 1)[1].split("###", 1)[0]
    documented = {
        row.split("`")[1].removeprefix("eewatch ").split()[0]
        for row in table.splitlines()
        if row.startswith("| `")
    }
    documented.discard("--help")
    covered = {c.args[0] for c in CASES}
    assert documented <= covered, documented - covered
    assert {"scrape", "rounds", "stats", "chances", "export", "report"} <= documented


def test_alerts_left_pending_exit_5_and_outbox_retry_makes_them_due_now(
    tmp_path: Path, http_server: FixtureServer
) -> None:
    """After the webhook came back, `notify` says what still waits (exit 5), `outbox --retry` makes
    pending ones due as well as failed ones, and `notify` then sends them."""
    status = {"code": 503}

    def webhook(handler: Any) -> None:
        handler.send_response(status["code"])
        handler.send_header("Content-Length", "0")
        handler.end_headers()

    http_server.handler = webhook
    config = tmp_path / "config.toml"
    config.write_text(f'[[alerts]]\nname = "all"\nnotify = ["json://127.0.0.1:{http_server.port}/hook"]\n')
    env = {"EEWATCH_DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite'}"}
    common = ("--config", str(config))
    feed = str(FIXTURES / "feed" / "small.json")
    first = cli_process("scrape", "--once", "--feed", feed, "--notify-backfill", "3", *common, env=env)
    assert first.returncode == 5, first.stderr  # three alerts wait for their retry
    assert "no alerts sent" not in first.stderr, first.stderr  # it said so, then sent
    assert "alerting the newest 3 (--notify-backfill 3)" in first.stderr, first.stderr
    status["code"] = 200
    waiting = cli("notify", *common, env=env)
    assert waiting.returncode == 5, waiting.stdout + waiting.stderr
    assert "sent 0" in waiting.stdout and "3 still pending" in waiting.stdout, waiting.stdout
    assert "outbox --retry" in waiting.stdout
    again = cli_process("scrape", "--once", "--feed", feed, *common, env=env)
    assert again.returncode == 5, again.stderr  # nothing new, but three alerts still undelivered
    retry = cli("outbox", "--retry", *common, env=env)
    assert retry.returncode == 0, retry.stderr
    assert retry.stdout.startswith("due now: 0 failed (with fresh attempts) and 3 pending deliveries"), (
        retry.stdout
    )
    posts_before = len([h for h in http_server.hits if h.method == "POST"])
    sent = cli("notify", *common, env=env)
    assert (sent.returncode, sent.stdout) == (0, "sent 3, will retry 0, failed 0\n"), sent.stderr
    assert len([h for h in http_server.hits if h.method == "POST"]) == posts_before + 3


def test_only_the_default_data_folder_is_made(tmp_path: Path) -> None:
    """No [database] url: the default SQLite file's folder (the user's data folder) is made."""
    empty = tmp_path / "empty.toml"
    empty.write_text("")
    env = {"XDG_DATA_HOME": str(tmp_path / "data-home"), "EEWATCH_DATABASE_URL": ""}
    result = cli("db", "upgrade", "--config", str(empty), env=env)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "data-home" / "eewatch" / "eewatch.sqlite").is_file()
    typo = cli(
        "db",
        "upgrade",
        "--config",
        str(empty),
        env={**env, "EEWATCH_DATABASE_URL": f"sqlite:///{tmp_path / 'data-hom' / 'e.sqlite'}"},
    )
    assert typo.returncode == STORAGE and "data-hom does not exist" in typo.stderr, typo.stderr
    assert not (tmp_path / "data-hom").exists()
