"""Issue 22, done when: five people and a consultant, configured in TOML and a CSV roster, replayed
through ``scrape --once`` over copies of the 2026 feed (real rounds: tests/fixtures/feed/2026.json)
and a loopback webhook; ``eewatch verdict``; a roster with a bad row refused by its line number."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.support.cli import cli, cli_process
from tests.support.http import FixtureServer

#: One worker runs the module: its fixture replays four ``scrape --once`` children (about 4 s).
pytestmark = pytest.mark.xdist_group("test_verdict_cli")

FEED_2026 = Path(__file__).parent / "fixtures" / "feed" / "2026.json"
BASELINE = {"389", "395", "396", "397", "398"}
SPRING = BASELINE | {"401", "402", "408"}
JUNE = SPRING | {"419", "420", "421", "422"}

# Two nurses at round #422's cut-off (475), one submitted before its tie-break (2026-05-21 12:14:09
# UTC) and one after, a nurse above it; in the roster: a CEC candidate and a French speaker.
CONFIG = """\
[roster]
csv = "clients.csv"

[[profiles]]
name = "nurse-early"
crs = 475
programs = ["FSW"]
noc = ["31301"]
submitted_at = 2026-05-01T09:00:00Z
notify = ["json://127.0.0.1:{port}/p1"]

[[profiles]]
name = "nurse-late"
crs = 475
programs = ["FSW"]
noc = ["31301"]
submitted_at = 2026-06-01T10:00:00Z
notify = ["json://127.0.0.1:{port}/p2"]

[[profiles]]
name = "nurse-high"
crs = 490
programs = ["FSW"]
noc = ["31301"]
submitted_at = 2026-06-10T00:00:00Z
notify = ["json://127.0.0.1:{port}/p3"]

[[alerts]]
name = "clients"
events = ["likely_invited"]
profiles = "*"
to_profiles = true

[[alerts]]
name = "consultant"
events = ["likely_invited"]
profiles = "*"
digest = true
notify = ["json://127.0.0.1:{port}/consultant"]
"""

ROSTER = """\
name,crs,programs,noc,french_nclc,canadian_experience_months,submitted_at,notify
cec-dev,520,CEC,21231,,24,2025-11-02T08:00:00Z,json://127.0.0.1:{port}/p4
franco,410,FSW,,8,,2026-01-15T16:30:00Z,json://127.0.0.1:{port}/p5
"""


def copy_of(numbers: set[str]) -> bytes:
    data = json.loads(FEED_2026.read_bytes())
    data["rounds"] = [r for r in data["rounds"] if r["drawNumber"] in numbers]
    return json.dumps(data).encode()


@pytest.fixture(scope="module")
def replayed(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[tuple[Path, dict[str, list[dict[str, Any]]]]]:
    folder = tmp_path_factory.mktemp("verdicts")
    server = FixtureServer().start()
    try:
        (folder / "config.toml").write_text(CONFIG.replace("{port}", str(server.port)))
        (folder / "clients.csv").write_text(ROSTER.replace("{port}", str(server.port)))
        for step, numbers in enumerate((BASELINE, SPRING, JUNE, JUNE)):  # the last copy again: no news
            copy = folder / f"copy{step}.json"
            copy.write_bytes(copy_of(numbers))
            result = cli_process(
                "scrape",
                "--once",
                "--feed",
                str(copy),
                "--feed-only",
                "--config",
                str(folder / "config.toml"),
                env={"EEWATCH_DATABASE_URL": f"sqlite:///{folder / 'db.sqlite'}"},
            )
            assert result.returncode == 0, result.stderr
            # Personal data never in the log at info: no name, no score, no occupation. The log
            # lines' own timestamps (``23:20:14,490``) are left out: their digits are not a score, nor
            # are digits inside a longer hex word (a target's hash such as ``f6c75520``).
            said = re.sub(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3} ", "", result.stderr, flags=re.M)
            for personal in ("nurse-", "cec-dev", "franco"):
                assert personal not in said
            for number in ("31301", "21231", "490", "520"):
                assert not re.search(rf"(?<![0-9a-f]){number}(?![0-9a-f])", said), number
        paths = {
            "/p1": "nurse-early",
            "/p2": "nurse-late",
            "/p3": "nurse-high",
            "/p4": "cec-dev",
            "/p5": "franco",
        }
        got: dict[str, list[dict[str, Any]]] = {}
        for hit in server.hits:
            if hit.method == "POST":
                got.setdefault(paths.get(hit.path, hit.path.strip("/")), []).append(json.loads(hit.body))
        yield folder, got
    finally:
        server.stop()


def test_each_person_gets_exactly_their_likely_invited_once(
    replayed: tuple[Path, dict[str, list[dict[str, Any]]]],
) -> None:
    _, got = replayed
    own = {who: [m["title"] for m in messages] for who, messages in got.items() if who != "consultant"}
    assert own == {
        "franco": ["You were likely invited in round #401: log in to your IRCC account"],
        "cec-dev": ["You were likely invited in round #420: log in to your IRCC account"],
        "nurse-early": ["You were likely invited in round #422: log in to your IRCC account"],
        "nurse-high": ["You were likely invited in round #422: log in to your IRCC account"],
    }
    assert (
        "invited on the tie-break: same score 475, profile submitted 2026-05-01 09:00 UTC, "
        "before the tie-break 2026-05-21 12:14 UTC" in got["nurse-early"][0]["message"]
    )


def test_the_consultant_gets_one_digest_per_round_naming_exactly_the_invited(
    replayed: tuple[Path, dict[str, list[dict[str, Any]]]],
) -> None:
    _, got = replayed
    digests = {m["title"]: m["message"] for m in got["consultant"]}
    assert sorted(digests) == [
        "Round #401: 1 profile likely invited",
        "Round #420: 1 profile likely invited",
        "Round #422: 2 profiles likely invited",
    ]
    names = ("nurse-early", "nurse-late", "nurse-high", "cec-dev", "franco")
    named = {title.split(":")[0]: [n for n in names if f"- {n}:" in text] for title, text in digests.items()}
    assert named == {
        "Round #401": ["franco"],
        "Round #420": ["cec-dev"],
        "Round #422": ["nurse-early", "nurse-high"],
    }


def test_verdict_json_gives_the_five_verdicts(replayed: tuple[Path, dict[str, list[dict[str, Any]]]]) -> None:
    folder, _ = replayed
    result = cli(
        "verdict",
        "--round",
        "422",
        "--format",
        "json",
        "--config",
        str(folder / "config.toml"),
        env={"EEWATCH_DATABASE_URL": f"sqlite:///{folder / 'db.sqlite'}"},
    )
    assert result.returncode == 0, result.stderr
    verdicts = json.loads(result.stdout)
    short = [(v["profile"], v["round"], v["eligible"], v["invited"], v["margin"]) for v in verdicts]
    assert short == [
        ("nurse-early", "422", True, True, 0),
        ("nurse-late", "422", True, False, 0),
        ("nurse-high", "422", True, True, 15),
        ("cec-dev", "422", False, False, 45),
        ("franco", "422", None, None, -65),
    ]
    assert verdicts[1]["reason"] == (
        "not invited on the tie-break: same score 475, profile submitted 2026-06-01 10:00 UTC, "
        "after the tie-break 2026-05-21 12:14 UTC"
    )
    assert verdicts[4]["reason"].startswith("eligibility unknown: ")


def test_verdict_without_round_is_the_newest_first(
    replayed: tuple[Path, dict[str, list[dict[str, Any]]]],
) -> None:
    folder, _ = replayed
    env = {"EEWATCH_DATABASE_URL": f"sqlite:///{folder / 'db.sqlite'}"}
    config = str(folder / "config.toml")
    result = cli(
        "verdict", "--last", "3", "--profile", "cec-dev", "--format", "json", "--config", config, env=env
    )
    assert result.returncode == 0, result.stderr
    assert [(v["round"], v["invited"]) for v in json.loads(result.stdout)] == [
        ("422", False),
        ("421", False),
        ("420", True),
    ]
    table = cli("verdict", "--config", config, env=env)
    assert table.returncode == 0 and table.stdout.splitlines()[0].split() == [
        "round",
        "profile",
        "eligible",
        "invited",
        "margin",
        "reason",
    ]
    assert "nurse-early" in table.stdout and "invited on the tie-break" in table.stdout
    missing = cli("verdict", "--round", "999", "--config", config, env=env)
    assert missing.returncode == 2 and "--round 999: no such round is stored" in missing.stderr


def test_a_roster_with_a_bad_row_is_refused_by_its_line_number(tmp_path: Path) -> None:
    (tmp_path / "config.toml").write_text('[roster]\ncsv = "clients.csv"\n')
    bad = ROSTER.replace("{port}", "9") + "ana-lima,4755,FSW,31301,,,2026-05-01T09:00:00Z,\n"
    (tmp_path / "clients.csv").write_text(bad)
    result = cli(
        "verdict",
        "--config",
        str(tmp_path / "config.toml"),
        env={"EEWATCH_DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite'}"},
    )
    assert result.returncode == 2
    assert "[roster] csv: " in result.stderr
    assert "clients.csv: 1 bad row, nothing loaded: line 4: crs: out of range 0..1200" in result.stderr
    assert "4755" not in result.stderr and "ana-lima" not in result.stderr
    assert not (tmp_path / "db.sqlite").exists()  # refused before anything was opened
