"""Every documented command (README, Commands) with a typical mistake: one line on stderr saying what
is wrong and how to put it right, no traceback, and the documented exit code (2 usage or config,
3 source, 4 storage).

Argparse's own errors print the command's usage first; the usage is not counted: the error is the one
line after it. Commands that start no reactor run in this process (``cli``); ``scrape`` and ``run``
run as real processes, forked from the fork server (the imports paid once per worker).
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.support.cli import REACTOR_COMMANDS, cli, cli_process
from tests.support.forkserver import ForkServer
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
    database: str = "good"  # good | under-a-file
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
        "check [database] url",
        database="under-a-file",
    ),
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
    # scrape (being rewritten)
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
    # status, run (being rewritten)
    Case("status-bad-format", ("status", "--format", "xml"), USAGE, "invalid choice: 'xml'"),
    Case("status-missing-config", ("status", "--config", "{tmp}/nope.toml"), USAGE, "config file not found"),
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
        "good": database,
        "under-a-file": f"sqlite:///{tmp / 'a-file' / 'db.sqlite'}",
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
    env = {"EEWATCH_DATABASE_URL": world[case.database]}
    if args[0] in REACTOR_COMMANDS:
        result = cli_process(*args, env=env, timeout=60, via=fork_server)
    else:
        result = cli(*args, env=env)
    said = f"exit {result.returncode}, stderr:\n{result.stderr}"
    assert "Traceback" not in result.stderr, said
    assert result.returncode == case.code, said
    lines = error_lines(result.stderr)
    assert len(lines) == 1, said
    assert case.says in lines[0], said


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
