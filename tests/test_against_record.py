"""An article read against IRCC's record: a day the record has no round on is no round's (issue 23)."""

from __future__ import annotations

import datetime as dt

from eewatch.domain.against_record import against_record
from eewatch.domain.announcement import ARTICLE, Announcement, Found, RoundFacts
from eewatch.domain.record import Round

#: Three rounds of the record: #253 and #254 (July 4 and 5, 2023) and #255 (July 6).
RECORD = [
    Round(id="253", number=253, date=dt.date(2023, 7, 4), invitations=700, crs_min=511),
    Round(id="254", number=254, date=dt.date(2023, 7, 5), invitations=500, crs_min=486),
    Round(id="255", number=255, date=dt.date(2023, 7, 6), invitations=1500, crs_min=463),
    Round(id="260", number=260, date=dt.date(2023, 8, 1), invitations=2000, crs_min=517),
]


def mention(day: dt.date, *, number: str | None = None, invitations: int | None = None) -> RoundFacts:
    snippet = f"{day:%B} {day.day}"
    return RoundFacts(
        round_id=Found(number, 0, 3, f"#{number}") if number else None,
        date=Found(day, 10, 10 + len(snippet), snippet),
        invitations=Found(invitations, 30, 35, f"{invitations}") if invitations is not None else None,
    )


def read(*mentions: RoundFacts, record: list[Round] = RECORD) -> Announcement:
    return against_record(Announcement(ARTICLE, tuple(mentions)), record)


def test_a_round_on_a_day_of_the_record_or_the_day_after_is_kept_as_it_is() -> None:
    on_the_day = mention(dt.date(2023, 7, 5), invitations=500)
    day_after = mention(dt.date(2023, 8, 2))
    result = read(on_the_day, day_after)
    assert result.rounds == (on_the_day, day_after)
    assert result.warnings == ()


def test_a_day_with_no_round_within_a_day_is_no_round_and_the_warning_says_so() -> None:
    provincial = mention(dt.date(2023, 7, 20), invitations=350)
    kept = mention(dt.date(2023, 7, 4))
    result = read(provincial, kept)
    assert result.rounds == (kept,)
    assert result.warnings == (
        "date: 'July 20' dates a round on 2023-07-20, but IRCC's record has no round within a day of it; "
        "not printed as a round",
    )
    # Two days off (July 30, before the round of August 1) is already too far.
    assert read(mention(dt.date(2023, 7, 30))).rounds == ()


def test_days_after_the_newest_round_of_the_record_are_left_alone() -> None:
    new = mention(dt.date(2023, 9, 20), invitations=1000)
    assert read(new).rounds == (new,)


def test_days_before_the_record_are_left_alone_unless_it_holds_round_one() -> None:
    launch = mention(dt.date(2014, 12, 1))
    assert read(launch).rounds == (launch,)
    first = Round(id="1", number=1, date=dt.date(2015, 1, 31), invitations=779, crs_min=886)
    assert read(launch, record=[first, *RECORD]).rounds == ()


def test_a_number_naming_another_day_than_a_round_day_given_is_left_empty() -> None:
    # "October 24th (draw #271)": the day is a round's, the number another's.
    misnumbered = mention(dt.date(2023, 7, 4), number="260")
    (result,) = read(misnumbered).rounds
    assert result.round_id is None and result.date == misnumbered.date
    assert result.warnings == (
        "round_id: IRCC's round 260 was held on 2023-08-01, not on 2023-07-04 as 'July 4' says; left empty",
    )


def test_a_numbered_round_dated_on_a_day_with_no_round_keeps_its_number_not_the_date() -> None:
    wrong_year = mention(dt.date(2023, 7, 12), number="254", invitations=500)
    (result,) = read(wrong_year).rounds
    assert result.date is None and result.round_id == wrong_year.round_id
    assert result.invitations == wrong_year.invitations
    assert "a day IRCC's record has no round on, and round 254 was held on 2023-07-05" in result.warnings[0]


def test_the_record_never_changes_a_value_the_article_states() -> None:
    # The article says 5,000 for the round of July 5; the record says 500: the article's figure stays.
    claim = mention(dt.date(2023, 7, 5), number="254", invitations=5000)
    (result,) = read(claim).rounds
    assert result is claim


def test_without_a_record_nothing_changes() -> None:
    provincial = mention(dt.date(2023, 7, 20))
    assert read(provincial, record=[]).rounds == (provincial,)


def test_a_number_the_record_lacks_is_left_alone_whatever_its_day() -> None:
    # The feed may leave a round out: an article numbering it is then the one source of it.
    missing = mention(dt.date(2023, 7, 20), number="258", invitations=1800)
    assert read(missing).rounds == (missing,)
