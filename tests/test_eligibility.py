"""Eligibility as pure domain code: round + profile + the versioned catalog -> Verdict(eligible, reason)."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from eewatch.config import Profile as ConfigProfile
from eewatch.config import Rule, parse_config
from eewatch.domain.eligibility import Profile, Verdict, assess
from eewatch.domain.occupations import load_catalog
from eewatch.domain.record import Round
from notifier.events import Event
from notifier.render import render_event
from notifier.rules import round_matches, would_be_invited

CATALOG = load_catalog()
DEV = Profile(crs=489, programs=("CEC",), noc=("21231",))  # software engineer
MECH = Profile(crs=489, programs=("CEC",), noc=("21301",))  # mechanical engineer


def _round(day: dt.date, round_type: str | None, *, category: str | None = None, programs=("CEC",)) -> Round:
    return Round(
        id="1", number=1, date=day, round_type=round_type, programs=programs, category=category, crs_min=480
    )


STEM_2023 = _round(dt.date(2023, 7, 5), "category", category="stem", programs=("CEC", "FSW", "FST", "PNP"))
STEM_2025 = replace(STEM_2023, date=dt.date(2025, 3, 20))
STEM_2026 = replace(STEM_2023, date=dt.date(2023, 5, 20))  # before any STEM list: unknown
UNKNOWN = "eligibility unknown: "
CHECK = f"; check {CATALOG.check_url}"
FRENCH = _round(dt.date(2024, 2, 1), "category", category="french")
PHYSICIANS = _round(dt.date(2026, 1, 10), "category", category="physicians")


def test_profile_lives_in_the_domain_and_config_re_exports_it() -> None:
    assert ConfigProfile is Profile


@pytest.mark.parametrize(
    ("round_", "profile", "eligible", "reason"),
    [
        (_round(dt.date(2024, 1, 1), "general"), DEV, True, "general round: open to every profile"),
        (_round(dt.date(2024, 1, 1), "program", programs=("CEC",)), DEV, True, "eligible: a Canadian"),
        (_round(dt.date(2024, 1, 1), "program", programs=("PNP",)), DEV, False, "not eligible: a PNP round"),
        (STEM_2023, DEV, True, "eligible: NOC 21231 is in STEM (2023 list)"),
        (STEM_2025, DEV, False, "not eligible: NOC 21231 is not in STEM (2025 list)"),
        (STEM_2023, MECH, False, "not eligible: NOC 21301 is not in STEM (2023 list)"),
        (STEM_2025, MECH, True, "eligible: NOC 21301 is in STEM (2025 list)"),
        (STEM_2026, DEV, None, f"{UNKNOWN}no STEM list known for 2023-05-20{CHECK}"),
        (replace(STEM_2023, category="aerospace"), DEV, None, f"{UNKNOWN}aerospace is a category eewatch"),
        (replace(STEM_2023, category=None), DEV, None, UNKNOWN),
        (_round(dt.date(2024, 1, 1), None), DEV, None, UNKNOWN),
        # No occupation given: a round that needs one cannot be decided.
        (STEM_2023, Profile(crs=480), None, f"{UNKNOWN}your [profile] gives no noc to check against STEM"),
        # The explicit override says yes, whatever the lists.
        (
            STEM_2026,
            replace(DEV, categories=("stem",)),
            True,
            "eligible: STEM is in your [profile] categories",
        ),
        # French: NCLC 7 in all four abilities.
        # No french_nclc: no French result, so not eligible (never "unknown" for every French round).
        (FRENCH, DEV, False, "needs French NCLC 7; your [profile] gives no french_nclc (no French result)"),
        (FRENCH, replace(DEV, french_nclc=7), True, "eligible: French NCLC 7 meets"),
        (FRENCH, replace(DEV, french_nclc=6), False, "not eligible"),
        # Canadian work experience, where the category states it.
        (PHYSICIANS, Profile(noc=("31102",)), False, "yours: none given in [profile] canadian_experience"),
        (PHYSICIANS, Profile(noc=("31102",), canadian_experience_months=12), True, "eligible: NOC 31102"),
        (PHYSICIANS, Profile(noc=("31102",), canadian_experience_months=5), False, "needs 12 months"),
        # A profile that states no occupation facts: its categories are all it claims.
        (STEM_2023, Profile(categories=("french",)), False, "not in your [profile] categories"),
    ],
)
def test_assess(round_: Round, profile: Profile, eligible: bool | None, reason: str) -> None:
    verdict = assess(round_, profile, CATALOG)
    assert isinstance(verdict, Verdict)
    assert verdict.eligible is eligible
    assert reason in verdict.reason


def test_would_be_invited_only_for_a_certainly_eligible_round() -> None:
    assert would_be_invited(STEM_2023, DEV) is True  # 489 >= 480
    assert would_be_invited(STEM_2025, DEV) is None  # not eligible
    assert would_be_invited(STEM_2026, DEV) is None  # unknown


# -- rules mean what users write ---------------------------------------------------

GENERAL = _round(dt.date(2024, 1, 1), "general", programs=("CEC", "FSW", "FST", "PNP"))
CEC = _round(dt.date(2024, 1, 1), "program", programs=("CEC",))
HEALTH = replace(STEM_2023, category="healthcare")


def _rule(**kw: object) -> Rule:
    table = {"name": "r", "notify": ["json://127.0.0.1/"], **kw}
    return parse_config({"profile": {"crs": 489}, "alerts": [table]}).alerts[0]


@pytest.mark.parametrize(
    ("rule_kw", "round_", "expected"),
    [
        # "STEM draws or general draws": categories narrows category rounds only.
        ({"round_types": ["general", "category"], "categories": ["stem"]}, GENERAL, True),
        ({"round_types": ["general", "category"], "categories": ["stem"]}, STEM_2023, True),
        ({"round_types": ["general", "category"], "categories": ["stem"]}, HEALTH, False),
        ({"round_types": ["general", "category"], "categories": ["stem"]}, CEC, False),
        # categories alone: rounds of those categories only.
        ({"categories": ["stem"]}, STEM_2023, True),
        ({"categories": ["stem"]}, GENERAL, False),
        ({"categories": ["stem"]}, CEC, False),
        # programs: rounds that can invite a candidate of these programs.
        ({"programs": ["CEC"]}, GENERAL, True),
        ({"programs": ["CEC"]}, CEC, True),
        ({"programs": ["PNP"]}, CEC, False),
        # "CEC or healthcare"
        (
            {"round_types": ["program", "category"], "programs": ["CEC"], "categories": ["healthcare"]},
            CEC,
            True,
        ),
        (
            {"round_types": ["program", "category"], "programs": ["CEC"], "categories": ["healthcare"]},
            HEALTH,
            True,
        ),
        (
            {"round_types": ["program", "category"], "programs": ["CEC"], "categories": ["healthcare"]},
            STEM_2023,
            False,
        ),
        (
            {"round_types": ["program", "category"], "programs": ["CEC"], "categories": ["healthcare"]},
            GENERAL,
            False,
        ),
    ],
)
def test_round_matches_means_what_users_write(
    rule_kw: dict[str, object], round_: Round, expected: bool
) -> None:
    assert round_matches(_rule(**rule_kw), round_, None) is expected


def test_categories_with_round_types_lacking_category_is_a_config_error() -> None:
    from eewatch.config import ConfigError

    with pytest.raises(ConfigError, match=r"round_types .* has no 'category'"):
        _rule(round_types=["general"], categories=["stem"])


def test_eligible_rule_matches_verdict_true_and_unknown_unless_it_skips_unknown() -> None:
    wanted = _rule(eligible=True)
    assert round_matches(wanted, STEM_2023, DEV)
    assert not round_matches(wanted, STEM_2025, DEV)  # False
    assert round_matches(wanted, STEM_2026, DEV)  # None: alerted, never silent
    assert not round_matches(_rule(eligible=True, unknown="skip"), STEM_2026, DEV)  # opted out
    assert round_matches(_rule(eligible=True, unknown="skip"), STEM_2023, DEV)
    unwanted = _rule(eligible=False)
    assert round_matches(unwanted, STEM_2025, DEV)
    assert not round_matches(unwanted, STEM_2026, DEV)  # None matches neither


# -- the alert says why ------------------------------------------------------------


def _event(round_: Round) -> Event:
    return Event(
        id=1,
        kind="new_round",
        created_at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC),
        payload={"round": round_.to_dict()},
        round_id=round_.id,
    )


def test_the_alert_says_why_the_round_concerns_the_profile() -> None:
    message = render_event(_event(STEM_2023), _rule(eligible=True), DEV)
    assert "Eligibility: eligible: NOC 21231 is in STEM (2023 list)" in message.text
    assert "eligible: NOC 21231 is in STEM (2023 list)" in message.html
    # A profile with noc: said even without ``eligible`` in the rule.
    assert "NOC 21231 is in STEM (2023 list)" in render_event(_event(STEM_2023), _rule(), DEV).markdown
    # Neither: not said.
    plain = Profile(crs=489, programs=("CEC",), categories=("stem",))
    assert "Eligibility" not in render_event(_event(STEM_2023), _rule(), plain).text


def test_an_undecided_round_says_unknown_in_the_alert() -> None:
    message = render_event(_event(STEM_2026), _rule(eligible=True), DEV)
    assert "Eligibility: eligibility unknown: no STEM list known for 2023-05-20\n" in message.text
    assert f"Check the lists: IRCC's category-based selection page: {CATALOG.check_url}" in message.text
    assert f'<a href="{CATALOG.check_url}">' in message.html


def test_chances_uses_the_same_verdict_and_says_unknown() -> None:
    from eewatch.app.views.chances import compute_chances
    from eewatch.app.views.chances_text import render_chances

    rounds = [STEM_2026, STEM_2025, replace(STEM_2023, id="2"), replace(GENERAL, id="3", crs_min=500)]
    result = compute_chances(rounds, DEV, catalog=CATALOG)
    assert [c.round.id for c in result.rounds] == ["3", "2"]  # general, and STEM under the 2023 list
    assert [(r.date.isoformat(), reason) for r, reason in result.undecided] == [
        ("2023-05-20", f"{UNKNOWN}no STEM list known for 2023-05-20{CHECK}")
    ]
    text = render_chances(result)
    assert "eligibility unknown, not counted: round 1 (2023-05-20" in text
    assert "NOC 21231" in text


def test_a_2026_french_round_is_not_explained_with_a_bare_2023() -> None:
    """The French rules of 2023 still apply in 2026: said so, not "French-language proficiency (2023)"."""
    french_2026 = replace(FRENCH, date=dt.date(2026, 2, 19))
    said = assess(french_2026, replace(DEV, french_nclc=None)).reason
    assert "(2023)" not in said, said
    assert "French-language proficiency (2023 rules, in force since 2023-05-31) needs French NCLC 7" in said
    same_year = assess(replace(FRENCH, date=dt.date(2023, 7, 6)), replace(DEV, french_nclc=8)).reason
    assert same_year == "eligible: French NCLC 8 meets French-language proficiency (2023 rules) (NCLC 7)"
