"""Many profiles: likely_invited at each person's own target, the consultant's digest, one message
per target when two rules choose the same round. Real 2026 rounds (tests/fixtures/feed/2026.json),
a real store, a real webhook on loopback."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from eewatch.config import Config, Profile, Rule
from eewatch.domain.clock import FrozenClock
from eewatch.domain.fetches import CHANGED, FeedFetch
from eewatch.store.store import Store
from notifier.run import run_alerts
from scraper.parsing.feed import parse_feed
from tests.support.http import FixtureServer

FEED_2026 = Path(__file__).parent / "fixtures" / "feed" / "2026.json"
UTC = dt.UTC
T0 = dt.datetime(2026, 6, 26, 12, tzinfo=UTC)


def rule(**kw: Any) -> Rule:
    return Rule(**{"notify": (), **kw})


def people(port: int) -> tuple[Profile, ...]:
    """Five people; each has a webhook path of their own."""

    def me(name: str, **kw: Any) -> Profile:
        return Profile(name=name, notify=(f"json://127.0.0.1:{port}/{name}",), **kw)

    nurse = {"programs": ("FSW",), "noc": ("31301",)}
    return (
        # Round #422 (healthcare, cut-off 475) broke the tie at 2026-05-21 12:14:09 UTC.
        me("nurse-early", crs=475, submitted_at=dt.datetime(2026, 5, 1, 9, tzinfo=UTC), **nurse),
        me("nurse-late", crs=475, submitted_at=dt.datetime(2026, 6, 1, 10, tzinfo=UTC), **nurse),
        me("nurse-high", crs=490, submitted_at=dt.datetime(2026, 6, 10, tzinfo=UTC), **nurse),
        # Round #420: Canadian Experience Class, cut-off 516.
        me("cec-dev", crs=520, programs=("CEC",), noc=("21231",), canadian_experience_months=24),
        # Round #401: French-language proficiency, cut-off 397 (NCLC 7 needed).
        me("franco", crs=410, programs=("FSW",), french_nclc=8),
    )


def copy_of(numbers: set[str]) -> bytes:
    data = json.loads(FEED_2026.read_bytes())
    data["rounds"] = [r for r in data["rounds"] if r["drawNumber"] in numbers]
    return json.dumps(data).encode()


BASELINE = {"389", "395", "396", "397", "398"}
SPRING = BASELINE | {"401", "402", "408"}
JUNE = SPRING | {"419", "420", "421", "422"}


@pytest.fixture
def server() -> Iterator[FixtureServer]:
    server = FixtureServer().start()
    yield server
    server.stop()


def replay(store: Store, config: Config) -> None:
    clock = FrozenClock(T0)
    for copy in (BASELINE, SPRING, JUNE):
        parsed = parse_feed(copy_of(copy))
        store.record_feed_fetch(
            FeedFetch(
                url="https://example/feed.json", outcome=CHANGED, parsed=parsed, body_sha256=str(len(copy))
            )
        )
        run_alerts(store, config, clock=clock)


def posts(server: FixtureServer) -> dict[str, list[dict[str, Any]]]:
    got: dict[str, list[dict[str, Any]]] = {}
    for hit in server.hits:
        if hit.method == "POST":
            got.setdefault(hit.path.strip("/"), []).append(json.loads(hit.body))
    return got


def test_each_person_gets_exactly_their_likely_invited_and_the_consultant_one_digest_per_round(
    tmp_path: Path, server: FixtureServer
) -> None:
    consultant = f"json://127.0.0.1:{server.port}/consultant"
    config = Config(
        profiles=people(server.port),
        alerts=(
            rule(name="clients", events=("likely_invited",), profiles=("*",), to_profiles=True),
            rule(
                name="digest", events=("likely_invited",), profiles=("*",), digest=True, notify=(consultant,)
            ),
            # A narrower rule to the same target: the same digest, naming both rules, not a second one.
            rule(
                name="nurses",
                events=("likely_invited",),
                profiles=("nurse-early", "nurse-late", "nurse-high"),
                digest=True,
                notify=(consultant,),
            ),
        ),
    )
    with Store.open(f"sqlite:///{tmp_path / 'db.sqlite'}") as store:
        replay(store, config)
        replay(store, config)  # the same copies again: nothing new, nothing sent twice
    got = posts(server)
    titles = {who: [m["title"] for m in messages] for who, messages in got.items()}
    assert sorted(titles.pop("consultant")) == [
        "Round #401: 1 profile likely invited",
        "Round #420: 1 profile likely invited",
        "Round #422: 2 profiles likely invited",
    ]
    assert titles == {
        "franco": ["You were likely invited in round #401: log in to your IRCC account"],
        "cec-dev": ["You were likely invited in round #420: log in to your IRCC account"],
        "nurse-early": ["You were likely invited in round #422: log in to your IRCC account"],
        "nurse-high": ["You were likely invited in round #422: log in to your IRCC account"],
    }
    early = got["nurse-early"][0]["message"]
    assert (
        "invited on the tie-break: same score 475, profile submitted 2026-05-01 09:00 UTC, "
        "before the tie-break 2026-05-21 12:14 UTC" in early
    )
    # A person's own message never names anyone, themself included.
    for name, messages in got.items():
        if name != "consultant":
            assert not any(
                other in m["message"] for m in messages for other in ("nurse-", "cec-dev", "franco")
            )
    by_round = {m["title"].split(":")[0]: m["message"] for m in got["consultant"]}
    digest_422 = by_round["Round #422"]
    assert "nurse-early" in digest_422 and "nurse-high" in digest_422
    assert "nurse-late" not in digest_422 and "franco" not in digest_422
    assert "Rules: digest, nurses" in digest_422
    assert "Rules: digest, nurses" not in by_round["Round #401"]  # only one rule chose #401's


def test_the_one_person_profile_gets_likely_invited_without_profiles(
    tmp_path: Path, server: FixtureServer
) -> None:
    me = Profile(
        crs=475, programs=("FSW",), noc=("31301",), submitted_at=dt.datetime(2026, 5, 1, 9, tzinfo=UTC)
    )
    target = f"json://127.0.0.1:{server.port}/me"
    config = Config(
        profile=me,
        alerts=(
            Rule(name="invited", events=("likely_invited",), notify=(target,)),
            Rule(name="healthcare", categories=("healthcare",), notify=(target,)),
        ),
    )
    with Store.open(f"sqlite:///{tmp_path / 'db.sqlite'}") as store:
        replay(store, config)
    titles = sorted(m["title"] for m in posts(server)["me"])
    assert len(titles) == 2 and titles[0].startswith("Express Entry round #422: Healthcare")
    assert titles[1] == "You were likely invited in round #422: log in to your IRCC account"


def test_a_consultant_rule_without_digest_names_each_profile(tmp_path: Path, server: FixtureServer) -> None:
    consultant = f"json://127.0.0.1:{server.port}/consultant"
    config = Config(
        profiles=people(server.port),
        alerts=(rule(name="each", events=("likely_invited",), profiles=("*",), notify=(consultant,)),),
    )
    with Store.open(f"sqlite:///{tmp_path / 'db.sqlite'}") as store:
        replay(store, config)
    titles = sorted(m["title"] for m in posts(server)["consultant"])
    assert titles == [
        "Profile cec-dev was likely invited in round #420: log in to your IRCC account",
        "Profile franco was likely invited in round #401: log in to your IRCC account",
        "Profile nurse-early was likely invited in round #422: log in to your IRCC account",
        "Profile nurse-high was likely invited in round #422: log in to your IRCC account",
    ]
    assert set(posts(server)) == {"consultant"}  # nobody's own target without to_profiles


def test_a_rule_with_profiles_judges_eligible_for_each(tmp_path: Path, server: FixtureServer) -> None:
    consultant = f"json://127.0.0.1:{server.port}/consultant"
    config = Config(
        profiles=people(server.port),
        alerts=(
            rule(
                name="eligible-rounds",
                profiles=("nurse-late", "franco"),
                eligible=True,
                unknown="skip",  # not the rounds whose eligibility the data cannot decide
                round_types=("category",),
                notify=(consultant,),
            ),
        ),
    )
    with Store.open(f"sqlite:///{tmp_path / 'db.sqlite'}") as store:
        replay(store, config)
    titles = sorted(m["title"] for m in posts(server)["consultant"])
    # nurse-late is eligible for healthcare #422 (not invited: the alert still comes, it is a round
    # alert); franco for French #401; neither for #421 (physicians) nor #408 (trades).
    assert [t.split(":")[0] for t in titles] == ["franco", "nurse-late"]
    assert titles[0].startswith("franco: Express Entry round #401") and "#422" in titles[1]
    message = next(m["message"] for m in posts(server)["consultant"] if "#422" in m["title"])
    assert "Profile: nurse-late" in message and "not invited on the tie-break" in message
