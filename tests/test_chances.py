"""Would a profile have been invited? Eligibility and outcome per round."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from eewatch.app.views.chances import Chance, Chances, Profile, compute_chances
from eewatch.app.views.chances_text import render_chances, summary_line
from eewatch.domain.record import Round
from notifier.rules import eligible as is_eligible
from scraper.parsing.feed import parse_feed

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
    line = summary_line(nothing)
    assert line.startswith("A CRS score of 500: no round it was eligible for is stored.\n")
    # No noc: the category rounds cannot be decided, and say so (never silently "not eligible").
    stem = "not counted: 3 rounds, 396, 397, 398 (2024-10-01 to 2025-01-20, category:stem)"
    assert f"{stem}: your [profile] gives no noc" in line


def test_last_must_be_positive_and_crs_known(rounds: list[Round]) -> None:
    with pytest.raises(ValueError, match="at least 1"):
        compute_chances(rounds, Profile(500), last=0)
    with pytest.raises(ValueError, match="no CRS"):
        compute_chances(rounds, Profile(None, ("CEC",)))


def test_render_says_unknown_outcomes(rounds: list[Round]) -> None:
    text = render_chances(compute_chances(rounds, Profile(500, ("CEC",), ("stem",))))
    assert (
        "A CRS score of 500 (CEC; the stem category) would have been invited in 2 of the 5 rounds "
        "with a published cut-off among the last 6 rounds it was eligible for." in text
    )
    assert "unknown (no cut-off)" in text
    assert "\033[" not in text


CEC_STEM = Profile(489, ("CEC",), ("stem",))


def _tally(*outcomes: bool | None, profile: Profile = CEC_STEM) -> str:
    item = Round(id="1", number=1, date=dt.date(2025, 1, 1), round_type="general")
    return summary_line(Chances(profile, tuple(Chance(item, o, None) for o in outcomes)))


@pytest.mark.parametrize(
    ("outcomes", "sentence"),
    [
        ((False,) * 10, "would not have been invited in any of the last 10 rounds it was eligible for."),
        ((True,), "would have been invited in the last round it was eligible for."),
        ((False,), "would not have been invited in the last round it was eligible for."),
        ((True, True), "would have been invited in both of the last 2 rounds it was eligible for."),
        ((True,) * 3, "would have been invited in all of the last 3 rounds it was eligible for."),
        ((True, False, False), "would have been invited in 1 of the last 3 rounds it was eligible for."),
        (
            (True, None),
            "would have been invited in the only round with a published cut-off among the last 2 rounds "
            "it was eligible for.",
        ),
        ((None,), "was eligible for the last round, but it published no cut-off: the outcome is unknown."),
    ],
    ids=["none-of-10", "one-yes", "one-no", "both", "all", "some", "one-known", "none-known"],
)
def test_the_verdict_reads_as_a_sentence(outcomes: tuple[bool | None, ...], sentence: str) -> None:
    assert _tally(*outcomes) == f"A CRS score of 489 (CEC; the stem category) {sentence}\n"


def test_the_profile_is_named_plainly() -> None:
    several = Profile(489, ("FSW", "CEC"), ("trades", "stem", "french"))
    assert _tally(True, profile=several).startswith(
        "A CRS score of 489 (CEC, FSW; the french, stem and trades categories) would"
    )
    assert _tally(True, profile=Profile(489)).startswith("A CRS score of 489 would")


def test_rounds_that_share_an_unknown_reason_are_one_line() -> None:
    """`chances` printed the same French reason 30 times; rounds sharing a reason are one line."""
    import datetime as dt

    from eewatch.app.views.chances import Chances, Profile
    from eewatch.app.views.chances_text import render_chances
    from eewatch.domain.record import Round

    def french(number: int, day: int) -> Round:
        return Round(
            id=str(number),
            number=number,
            date=dt.date(2026, 1, day),
            round_type="category",
            category="french",
            crs_min=400,
        )

    reason = (
        "French-language proficiency: the profile states no French level (french_nclc): the data cannot say"
    )
    undecided = tuple((french(n, n - 371), reason) for n in range(400, 380, -1))
    other = (french(370, 2), "another reason")
    result = Chances(Profile(crs=489, programs=("CEC",)), (), (*undecided, other))
    lines = [line for line in render_chances(result).splitlines() if line.startswith("eligibility unknown")]
    assert lines == [
        "eligibility unknown, not counted: 20 rounds, 381 to 400 "
        f"(2026-01-10 to 2026-01-29, category:french): {reason}",
        "eligibility unknown, not counted: round 370 (2026-01-02, category:french): another reason",
    ]
