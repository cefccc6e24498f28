"""The recipes of docs/alerts.md, replayed over IRCC's real copies through ``scrape --once`` and a
loopback JSON webhook: exactly the alerts a person would expect, once each.

The person: a software developer (NOC 21231), CRS 489, Canadian Experience Class. The first copy
(2022-08-30) is the baseline (nothing sent); every later copy's new rounds go through the rules.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.cli import cli_process
from tests.support.forkserver import ForkServer
from tests.support.http import FixtureServer
from tests.support.paths import shared_copies

# One worker runs this module: its module fixture runs every CLI case at once (--dist loadgroup).
pytestmark = pytest.mark.xdist_group("test_recipes_replay")

PROFILE = """\
[profile]
crs = 489
programs = ["CEC"]
noc = ["21231"]
"""

#: The recipes, as docs/alerts.md gives them (the webhook path names the recipe).
RECIPES = {
    "stem-or-general": """\
round_types = ["general", "category"]
categories = ["stem"]
crs_max = 489
""",
    "could-be-invited": """\
eligible = true
crs_max = 489
""",
    "cec-or-healthcare": """\
round_types = ["program", "category"]
programs = ["CEC"]
categories = ["healthcare"]
""",
}

#: What a person expects, round by round (the rounds these copies bring after the baseline).
EXPECTED = {
    # General rounds at or below 489 (#238 and #243 were 490), and the STEM rounds at or below 489
    # (#254 486, #274 481; #293's 491 is above): 9 alerts, not the 2 STEM ones only.
    "stem-or-general": [
        "#244", "#245", "#246", "#247", "#249", "#250", "#251", "#254", "#274",
    ],
    # Every round this profile could be invited in: general rounds and STEM rounds (2023 list, which
    # holds NOC 21231) at or below 489. Not #240 (an FSW round at 489: the profile is CEC), not the
    # French rounds (no [profile] french_nclc: eligibility unknown, so no match), not healthcare,
    # trades, transport or agriculture (21231 is on none of their lists).
    "could-be-invited": [
        "#244", "#245", "#246", "#247", "#249", "#250", "#251", "#254", "#274",
    ],
    # Every CEC round and every healthcare round, whatever the cut-off; the amendment of #335 (CEC).
    "cec-or-healthcare": [
        "#252", "#255", "#271", "#284", "#297", "#301", "#304", "#307", "#309", "#312", "#315",
        "#317", "#320", "#323", "#326", "#327", "#332", "#333", "#335", "#335 amended",
    ],
}  # fmt: skip


def _config(folder: Path, port: int) -> Path:
    rules = "".join(
        f'\n[[alerts]]\nname = "{name}"\n{body}notify = ["json://127.0.0.1:{port}/{name}"]\n'
        for name, body in RECIPES.items()
    )
    path = folder / "config.toml"
    path.write_text(PROFILE + rules)
    return path


def _alert(title: str) -> str:
    match = re.match(r"Express Entry round (#\w+)( amended)?", title)
    assert match, title
    return match.group(1) + (match.group(2) or "")


@pytest.fixture(scope="module")
def received(
    tmp_path_factory: pytest.TempPathFactory, fork_server: ForkServer
) -> Iterator[dict[str, list[str]]]:
    """Replay every copy, oldest first, through ``scrape --once``; the alerts each recipe's webhook got."""
    copies = shared_copies()
    if not copies:
        pytest.skip("shared IRCC feed copies not found (../shared/fixtures/ircc-feed)")
    folder = tmp_path_factory.mktemp("recipes")
    server = FixtureServer().start()
    try:
        config = _config(folder, server.port)
        env = {"EEWATCH_DATABASE_URL": f"sqlite:///{folder / 'eewatch.sqlite'}"}
        for path in copies:
            result = cli_process(
                "scrape",
                "--once",
                "--feed",
                str(path),
                "--feed-only",
                "--config",
                str(config),
                env=env,
                via=fork_server,
            )
            assert result.returncode in (0, 3), result.stderr  # 3: the malformed copy
        got: dict[str, list[str]] = {name: [] for name in RECIPES}
        for hit in server.hits:
            if hit.method == "POST":
                got[hit.path.strip("/")].append(_alert(json.loads(hit.body)["title"]))
        yield got
    finally:
        server.stop()


def _sort_key(alert: str) -> tuple[int, str]:
    return int(re.sub(r"\D", "", alert.split()[0])), alert


@pytest.mark.slow
@pytest.mark.parametrize("recipe", list(RECIPES))
def test_each_recipe_sends_exactly_the_alerts_a_person_expects(
    received: dict[str, list[str]], recipe: str
) -> None:
    got = received[recipe]
    assert all(n == 1 for n in Counter(got).values()), Counter(got).most_common(3)  # once each
    assert sorted(got, key=_sort_key) == EXPECTED[recipe]
