"""Would a profile have been invited? Eligibility and outcome per round."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from eewatch.app.views.chances import Profile, compute_chances
from eewatch.app.views.chances_text import render_chances, summary_line
from notifier.rules import eligible as is_eligible
from scraper.domain.parsing.feed import parse_feed
from scraper.domain.record import Round

FIXTURE = Path(__file__).parent / "fixtures" / "views" / "rounds.json"


@pytest.fixture(scope="module")
def rounds() -> list[Round]:
    return list(parse_feed(FIXTURE.read_bytes()).rounds)


def _round(round_type: str | None, programs: tuple[str, ...] = (), category: str | None = None) -> Round:
    return Round(
        id="1",
        number=1,
        date=dt.date(2025, 1, 1),
        round_type=round_type,
        programs=programs,
        category=category,
    )


ELIGIBILITY = [
    ("general-no-programs", _round("general", ("CEC", "FSW")), Profile(450), True),
    ("program-match", _round("program", ("CEC",)), Profile(450, ("CEC",)), True),
    ("program-other", _round("program", ("PNP",)), Profile(450, ("CEC",)), False),
    ("program-none", _round("program", ("CEC",)), Profile(450), False),
    (
        "category-match",
        _round("category", category="stem"),
        Profile(450, categories=("stem",)),
        True,
    ),
    (
        "category-other",
        _round("category", category="french"),
        Profile(450, categories=("stem",)),
        False,
    ),
    # The data cannot say: None (never counted as eligible), not a silent "no".
    ("category-without-slug", _round("category"), Profile(450, categories=("stem",)), None),
    ("unknown-type", _round(None), Profile(450, ("CEC",), ("stem",)), None),
]


@pytest.mark.parametrize(
    ("item", "profile", "eligible"), [c[1:] for c in ELIGIBILITY], ids=[c[0] for c in ELIGIBILITY]
)
def test_is_eligible(item: Round, profile: Profile, eligible: bool | None) -> None:
    assert is_eligible(item, profile) is eligible


def test_chances_of_a_cec_stem_profile(rounds: list[Round]) -> None:
    result = compute_chances(rounds, Profile(500, ("CEC",), ("stem",)))
    outcomes = [(c.round.id, c.invited, c.margin) for c in result.rounds]
    assert outcomes == [
        ("400", False, -20),  # CEC 520
        ("398", None, None),  # stem, no cut-off published: unknown, not "no"
        ("397", True, 20),  # stem 480
        ("396", True, 0),  # stem 500: equal to the cut-off is invited
        ("395", False, -30),  # general 530
        ("394", False, -40),  # general 540
    ]
    assert (result.invited, result.not_invited, result.unknown) == (2, 3, 1)
    assert result.rate == pytest.approx(2 / 5)


def test_last_limits_to_the_newest_eligible(rounds: list[Round]) -> None:
    result = compute_chances(rounds, Profile(800, ("PNP",)), last=2)
    assert [c.round.id for c in result.rounds] == ["399", "395"]
    assert result.rate == 1.0


def test_no_eligible_round_has_no_rate(rounds: list[Round]) -> None:
    result = compute_chances(rounds, Profile(500, categories=("education",)), last=1)
    assert [c.round.id for c in result.rounds] == ["395"]  # a general round is open to everyone
    nothing = compute_chances([r for r in rounds if r.round_type != "general"], Profile(500))
    assert nothing.rounds == () and nothing.rate is None
    assert "no eligible round" in summary_line(nothing)


def test_last_must_be_positive_and_crs_known(rounds: list[Round]) -> None:
    with pytest.raises(ValueError, match="at least 1"):
        compute_chances(rounds, Profile(500), last=0)
    with pytest.raises(ValueError, match="no CRS"):
        compute_chances(rounds, Profile(None, ("CEC",)))


def test_render_says_unknown_outcomes(rounds: list[Round]) -> None:
    text = render_chances(compute_chances(rounds, Profile(500, ("CEC",), ("stem",))))
    assert "invited in 2 of the last 5 eligible rounds with a published cut-off" in text
    assert "1 eligible round(s) published no cut-off" in text
    assert "unknown (no cut-off)" in text
    assert "\033[" not in text
