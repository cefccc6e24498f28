"""The personal verdict (eewatch/domain/verdicts.py) and the CSV roster (eewatch/domain/roster.py)."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from eewatch.domain.eligibility import Profile
from eewatch.domain.occupations import load_catalog
from eewatch.domain.record import Round
from eewatch.domain.roster import RosterError, parse_roster
from eewatch.domain.verdicts import judge

CATALOG = load_catalog()
UTC = dt.UTC
#: Round #422 as IRCC published it: healthcare, 2026-06-25, cut-off 475, tie-break 2026-05-21 12:14:09 UTC.
R422 = Round(
    id="422",
    number=422,
    date=dt.date(2026, 6, 25),
    round_type="category",
    category="healthcare",
    programs=("FSW", "CEC", "FST"),
    crs_min=475,
    tie_break_at=dt.datetime(2026, 5, 21, 12, 14, 9, tzinfo=UTC),
)
#: Round #420: Canadian Experience Class, cut-off 516.
R420 = Round(
    id="420", number=420, date=dt.date(2026, 6, 23), round_type="program", programs=("CEC",), crs_min=516
)
GENERAL = Round(id="300", number=300, date=dt.date(2024, 6, 1), round_type="general", crs_min=475)
NURSE = Profile(name="nurse", crs=475, programs=("FSW",), noc=("31301",))


def test_above_the_cut_off_is_invited_with_its_margin() -> None:
    said = judge(GENERAL, replace(NURSE, crs=490), CATALOG)
    assert (said.eligible, said.invited, said.margin) == (True, True, 15)
    assert said.reason == "invited: CRS 490 is 15 above the cut-off 475"
    assert said.as_dict() == {
        "profile": "nurse",
        "round": "300",
        "eligible": True,
        "invited": True,
        "margin": 15,
        "reason": "invited: CRS 490 is 15 above the cut-off 475",
    }


def test_below_the_cut_off_is_not_invited() -> None:
    said = judge(R420, Profile(name="cec", crs=510, programs=("CEC",)), CATALOG)
    assert (said.eligible, said.invited, said.margin) == (True, False, -6)
    assert said.reason == "not invited: CRS 510 is 6 below the cut-off 516"


def test_a_tie_is_decided_by_the_submission_time() -> None:
    tie = replace(GENERAL, tie_break_at=dt.datetime(2026, 5, 21, 12, 14, 9, tzinfo=UTC))
    before = judge(tie, replace(NURSE, submitted_at=dt.datetime(2026, 5, 1, 9, 0, tzinfo=UTC)), CATALOG)
    assert (before.invited, before.margin) == (True, 0)
    assert before.reason == (
        "invited on the tie-break: same score 475, profile submitted 2026-05-01 09:00 UTC, "
        "before the tie-break 2026-05-21 12:14 UTC"
    )
    after = judge(tie, replace(NURSE, submitted_at=dt.datetime(2026, 6, 1, 10, 0, tzinfo=UTC)), CATALOG)
    assert (after.invited, after.margin) == (False, 0)
    assert after.reason.startswith(
        "not invited on the tie-break: same score 475, profile submitted 2026-06-01"
    )
    # At the tie-break itself: invited ("at or before").
    at = judge(tie, replace(NURSE, submitted_at=tie.tie_break_at), CATALOG)
    assert at.invited is True and "at the tie-break 2026-05-21 12:14 UTC" in at.reason
    # The same minute: the seconds decide, and are shown.
    close = replace(NURSE, submitted_at=dt.datetime(2026, 5, 21, 12, 14, 30, tzinfo=UTC))
    said = judge(tie, close, CATALOG)
    assert (
        said.invited is False and "12:14:30 UTC, after the tie-break 2026-05-21 12:14:09 UTC" in said.reason
    )


def test_an_undecidable_tie_is_unknown_never_no() -> None:
    no_time = judge(replace(GENERAL, tie_break_at=dt.datetime(2026, 5, 21, tzinfo=UTC)), NURSE, CATALOG)
    assert (no_time.invited, no_time.margin) == (None, 0)
    assert "give submitted_at" in no_time.reason
    submitted = replace(NURSE, submitted_at=dt.datetime(2026, 5, 1, tzinfo=UTC))
    no_tie_break = judge(GENERAL, submitted, CATALOG)
    assert no_tie_break.invited is None and "no tie-break time" in no_tie_break.reason


def test_unknown_eligibility_is_unknown_and_not_eligible_is_no() -> None:
    # No physicians list was in force before 2025-12-08: the data cannot say.
    early = Round(
        id="9", number=9, date=dt.date(2025, 6, 1), round_type="category", category="physicians", crs_min=400
    )
    said = judge(early, Profile(name="doc", crs=500, noc=("31102",), canadian_experience_months=24), CATALOG)
    assert (said.eligible, said.invited, said.margin) == (None, None, 100)
    assert said.reason.startswith("eligibility unknown: no physicians list known for 2025-06-01")
    said = judge(R420, replace(NURSE, crs=600), CATALOG)
    assert (said.eligible, said.invited, said.margin) == (False, False, 84)
    assert said.reason.startswith("not eligible: a CEC round")


def test_no_score_or_no_cut_off_is_unknown() -> None:
    assert judge(GENERAL, replace(NURSE, crs=None), CATALOG).invited is None
    said = judge(replace(GENERAL, crs_min=None), NURSE, CATALOG)
    assert (said.invited, said.margin) == (None, None)


def test_the_one_person_profile_is_named_so() -> None:
    assert judge(GENERAL, Profile(crs=480), CATALOG).profile == "[profile]"


def test_a_profile_shows_no_personal_value() -> None:
    text = repr(replace(NURSE, submitted_at=dt.datetime(2026, 5, 1, tzinfo=UTC)))
    assert "nurse" not in text and "475" not in text and "31301" not in text
    assert "crs" in text  # which facts it holds, not their values


ROSTER = """name,crs,programs,noc,french_nclc,canadian_experience_months,submitted_at,notify
ana-lima,475,FSW CEC,31301 31302,,,2026-05-01T09:00:00Z,json://127.0.0.1:9/ana
bo,516,cec,,7,14,2026-01-02T03:04:05+01:00,
"""


def test_a_roster_loads_every_column() -> None:
    ana, bo = parse_roster(ROSTER, "clients.csv")
    assert ana.name == "ana-lima" and ana.crs == 475 and ana.programs == ("FSW", "CEC")
    assert ana.noc == ("31301", "31302") and ana.notify == ("json://127.0.0.1:9/ana",)
    assert ana.submitted_at == dt.datetime(2026, 5, 1, 9, tzinfo=UTC)
    assert bo.programs == ("CEC",) and bo.french_nclc == 7 and bo.canadian_experience_months == 14
    assert bo.submitted_at == dt.datetime(2026, 1, 2, 2, 4, 5, tzinfo=UTC)
    assert bo.noc == () and bo.notify == ()


def test_every_bad_row_is_reported_with_its_line_and_no_value() -> None:
    text = ROSTER + "Bad Name,abc,FSW,313,,,2026-05-01T09:00:00,\n\nana-lima,480,,,,,,\nok,13000,,,,,,\n"
    with pytest.raises(RosterError) as caught:
        parse_roster(text, "clients.csv", taken=())
    problems = caught.value.problems
    assert problems == [
        "line 4: name: use 1-64 lowercase letters, digits and dashes (not at either end), "
        "crs: not a whole number from 0 to 1200, submitted_at: a time without its zone: write Z for UTC "
        "(2026-05-01T09:00:00Z), noc: NOC 2021 codes are five digits each, separated by spaces",
        "line 6: name: the same as line 2",
        "line 7: crs: out of range 0..1200",
    ]
    message = str(caught.value)
    assert message.startswith("clients.csv: 3 bad rows, nothing loaded: line 4: ")
    for personal in ("Bad Name", "abc", "313", "13000", "ana-lima"):
        assert personal not in message


def test_a_roster_name_may_not_repeat_a_profiles_entry_and_targets_are_checked() -> None:
    with pytest.raises(RosterError, match=r"line 3: name: also a \[\[profiles\]\] entry"):
        parse_roster(ROSTER, "c.csv", taken=["bo"])
    with pytest.raises(RosterError, match="line 2: notify: target #1: unknown scheme"):
        parse_roster(
            ROSTER, "c.csv", check_target=lambda t: "unknown scheme" if t.startswith("json") else None
        )


def test_a_roster_header_must_be_known() -> None:
    with pytest.raises(RosterError, match="line 1: unknown column 'score'"):
        parse_roster("name,score\na,1\n", "c.csv")
    with pytest.raises(RosterError, match="line 1: no name column"):
        parse_roster("crs\n1\n", "c.csv")
    assert parse_roster("", "c.csv") == ()
