"""Alert rules as pure functions: one table, readable ids."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from eewatch.config import Profile, Rule
from eewatch.domain.record import Round
from notifier.events import Event
from notifier.rules import eligible, matches, would_be_invited

NOW = dt.datetime(2026, 11, 25, 12, tzinfo=dt.UTC)
PROFILE = Profile(crs=478, programs=("CEC", "FSW"), categories=("stem",))

STEM = Round(
    id="254",
    number=254,
    date=dt.date(2023, 7, 5),
    round_type="category",
    programs=("CEC", "FSW", "FST"),
    category="stem",
    category_version="1",
    name="STEM occupations (Version 1)",
    invitations=500,
    crs_min=486,
)
PNP = replace(
    STEM,
    id="300",
    number=300,
    round_type="program",
    programs=("PNP",),
    category=None,
    category_version=None,
    name="Provincial Nominee Program",
    invitations=1500,
    crs_min=700,
)
GENERAL = replace(
    STEM,
    id="230",
    number=230,
    round_type="general",
    programs=("CEC", "FSW", "FST", "PNP"),
    category=None,
    name="No Program Specified",
    invitations=5500,
    crs_min=470,
)
CEC = replace(
    PNP,
    id="335",
    number=335,
    programs=("CEC",),
    name="Canadian Experience Class",
    crs_min=521,
    invitations=4000,
)
FRENCH = replace(
    STEM,
    id="329",
    number=329,
    category="french",
    name="French language proficiency (Version 1)",
    crs_min=466,
    invitations=800,
)
NO_CRS = replace(STEM, id="400", number=400, crs_min=None, invitations=None)


def rule(**kw: object) -> Rule:
    return Rule(name="r", notify=("json://127.0.0.1/",), **kw)  # type: ignore[arg-type]


def event(round_: Round | None, kind: str = "new_round", **payload: object) -> Event:
    body = {"round": round_.to_dict()} if round_ else {}
    return Event(
        id=1, kind=kind, created_at=NOW, payload={**body, **payload}, round_id=round_.id if round_ else None
    )


SOURCE_ERROR = Event(
    id=2,
    kind="source_error",
    created_at=NOW,
    payload={"source": "feed", "url": "u", "http_status": 500, "error": "HTTP 500"},
)

CASES = [
    # (id, rule, event, profile, expected)
    ("no-conditions-new-round", rule(), event(STEM), None, True),
    ("default-events-skip-source-error", rule(), SOURCE_ERROR, None, False),
    ("source-error-rule", rule(events=("source_error",)), SOURCE_ERROR, None, True),
    (
        "source-error-ignores-round-conditions",
        rule(events=("source_error",), categories=("stem",)),
        SOURCE_ERROR,
        None,
        True,
    ),
    ("health-event-kind", rule(events=("poll_failing",)), Event(3, "poll_failing", NOW), None, True),
    (
        "amended-default-events",
        rule(),
        event(STEM, "round_amended", changes={"invitations": [1000, 1100]}),
        None,
        True,
    ),
    # Only eewatch's own rename of a category slug: IRCC changed nothing.
    ("amended-nothing-published", rule(), event(STEM, "round_amended", changes={}), None, False),
    ("amended-not-listed", rule(events=("new_round",)), event(STEM, "round_amended"), None, False),
    ("category-stem-matches", rule(categories=("stem",)), event(STEM), None, True),
    ("category-stem-not-french", rule(categories=("stem",)), event(FRENCH), None, False),
    ("category-not-program-round", rule(categories=("stem",)), event(PNP), None, False),
    ("round-type-category", rule(round_types=("category",)), event(STEM), None, True),
    ("round-type-program-not-general", rule(round_types=("program",)), event(GENERAL), None, False),
    ("programs-pnp-program-round", rule(programs=("PNP",)), event(PNP), None, True),
    ("programs-pnp-open-general-round", rule(programs=("PNP",)), event(GENERAL), None, True),
    ("programs-pnp-not-stem", rule(programs=("PNP",)), event(STEM), None, False),
    ("crs-max-inclusive", rule(crs_max=486), event(STEM), None, True),
    ("crs-max-below", rule(crs_max=485), event(STEM), None, False),
    ("crs-min-inclusive", rule(crs_min=486), event(STEM), None, True),
    ("crs-min-above", rule(crs_min=487), event(STEM), None, False),
    ("crs-unknown-fails-crs-condition", rule(crs_max=900), event(NO_CRS), None, False),
    ("crs-unknown-no-condition", rule(), event(NO_CRS), None, True),
    ("invitations-min-met", rule(invitations_min=500), event(STEM), None, True),
    ("invitations-min-not-met", rule(invitations_min=501), event(STEM), None, False),
    ("eligible-category-in-profile", rule(eligible=True), event(STEM), PROFILE, True),
    ("eligible-category-not-in-profile", rule(eligible=True), event(FRENCH), PROFILE, False),
    ("eligible-program-overlap", rule(eligible=True), event(CEC), PROFILE, True),
    ("eligible-program-no-overlap", rule(eligible=True), event(PNP), PROFILE, False),
    ("eligible-general-always", rule(eligible=True), event(GENERAL), PROFILE, True),
    ("eligible-false-wants-ineligible", rule(eligible=False), event(PNP), PROFILE, True),
    ("eligible-without-profile-never", rule(eligible=True), event(GENERAL), None, False),
    ("crs-500-and-eligible-stem", rule(crs_max=500, eligible=True), event(STEM), PROFILE, True),
    ("crs-500-and-eligible-cec-521", rule(crs_max=500, eligible=True), event(CEC), PROFILE, False),
    (
        "all-conditions-hold",
        rule(
            round_types=("category",),
            categories=("stem",),
            crs_min=400,
            crs_max=490,
            invitations_min=100,
            eligible=True,
        ),
        event(STEM),
        PROFILE,
        True,
    ),
    (
        "one-condition-fails",
        rule(round_types=("category",), categories=("stem",), crs_max=480),
        event(STEM),
        PROFILE,
        False,
    ),
    ("provisional-skipped-by-default", rule(), event(STEM, provisional=True), None, False),
    ("provisional-included", rule(include_provisional=True), event(STEM, provisional=True), None, True),
]


@pytest.mark.parametrize(
    ("rule_", "event_", "profile", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_rule_matches(rule_: Rule, event_: Event, profile: Profile | None, expected: bool) -> None:
    assert matches(rule_, event_, profile) is expected


@pytest.mark.parametrize(
    ("round_", "profile", "expected"),
    [
        (STEM, PROFILE, False),  # 478 < 486
        (FRENCH, PROFILE, None),  # not eligible: nothing to say
        (GENERAL, PROFILE, True),  # 478 >= 470
        (replace(GENERAL, crs_min=478), PROFILE, True),  # at the cut-off is invited
        (NO_CRS, PROFILE, None),
        (STEM, Profile(crs=None, categories=("stem",)), None),
        (STEM, None, None),
    ],
    ids=["below-cutoff", "not-eligible", "above-cutoff", "at-cutoff", "no-cutoff", "no-score", "no-profile"],
)
def test_would_be_invited(round_: Round, profile: Profile | None, expected: bool | None) -> None:
    assert would_be_invited(round_, profile) is expected


def test_unknown_round_type_is_undecided_not_eligible() -> None:
    # The data cannot say: None, which an ``eligible = true`` rule alerts on unless it skips unknowns.
    assert eligible(replace(STEM, round_type=None), PROFILE) is None
    assert matches(rule(eligible=True), event(replace(STEM, round_type=None)), PROFILE)
    assert not matches(rule(eligible=True, unknown="skip"), event(replace(STEM, round_type=None)), PROFILE)
    assert not matches(rule(eligible=False), event(replace(STEM, round_type=None)), PROFILE)
