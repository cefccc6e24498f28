"""An article read against IRCC's record: a day the record has no round on is no round's (issue 23)."""

from __future__ import annotations

import dataclasses
import datetime as dt

from eewatch.domain.against_record import against_record
from eewatch.domain.announcement import ARTICLE, Announcement, Found, RoundFacts
from eewatch.domain.record import Round
from scraper.parsing.article import parse_article_text

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


# What the text gives a round only by context, read against the record (our words, after real pages: a PNP
# round's "600 points are added upon nomination" read as its cut-off; "May 13th" paired with May 20's count).


def _read_text(text: str, record: list[Round] = RECORD) -> Announcement:
    return read(*parse_article_text(text).rounds, record=record)


def test_the_reader_marks_what_a_sentence_not_naming_the_round_gives_it() -> None:
    (facts,) = parse_article_text(
        "Published July 6, 2023\n\nOn July 5, 2023, IRCC invited 500 candidates in a STEM draw. "
        "The lowest score invited was 486.\n"
    ).rounds
    assert facts.invitations is not None and facts.crs_min is not None
    assert facts.by_context == frozenset({"crs_min"})  # the date's sentence gives the count, not the cut-off


def test_a_figure_by_context_the_record_contradicts_is_left_empty_and_the_warning_gives_both() -> None:
    result = _read_text(
        "Published July 6, 2023\n\nOn July 5, 2023, IRCC invited 500 candidates in a STEM draw.\n\n"
        "The minimum score was 520.\n"
    )
    (facts,) = result.rounds
    assert facts.invitations is not None and facts.invitations.value == 500
    assert facts.crs_min is None
    assert (
        "crs_min: 'minimum score was 520' comes from a sentence that does not name this round, and IRCC's "
        "record gives 511 (round 253) or 486 (round 254) or 463 (round 255); it may be another round's; "
        "left empty"
    ) in facts.warnings


def test_a_figure_named_with_the_round_is_never_cleared_by_the_record() -> None:
    # The same wrong cut-off, said of the round itself: the article's claim, compared, never hidden.
    (facts,) = _read_text(
        "Published July 6, 2023\n\n"
        "On July 5, 2023, IRCC invited 500 candidates with a minimum score of 511.\n"
    ).rounds
    assert facts.crs_min is not None and facts.crs_min.value == 511


def test_a_slip_of_the_pen_by_context_stays_the_articles_claim() -> None:
    # "3,664" for 3,644, "511" for 510: the article's own slip for this round, shown as a disagreement.
    record = [
        *RECORD[:1],
        Round(id="254", number=254, date=dt.date(2023, 7, 5), invitations=3644, crs_min=510),
    ]
    (facts,) = _read_text(
        "Published July 6, 2023\n\nIRCC held a draw on July 5, 2023.\n\n"
        "It invited 3,664 candidates. The cut-off was 511.\n",
        record,
    ).rounds
    assert facts.by_context >= {"invitations", "crs_min"}
    assert (facts.invitations.value, facts.crs_min.value) == (3664, 511)  # type: ignore[union-attr]


def test_another_rounds_figures_by_context_mean_the_article_misdated_its_round() -> None:
    # "The twelfth draw ... on June 26" with #12's figures (1,516 at 463): the article's date is wrong, its
    # figures are its own; they stay, and the record's round of that day (#11: 1,575 at 469) does not clear
    # them.
    record = [
        Round(id="11", number=11, date=dt.date(2015, 6, 26), invitations=1575, crs_min=469),
        Round(id="12", number=12, date=dt.date(2015, 7, 10), invitations=1516, crs_min=463),
    ]
    (facts,) = _read_text(
        "A draw took place on June 26, 2015.\n\nA total of 1,516 invitations were issued to candidates "
        "with 463 or more points.\n",
        record,
    ).rounds
    assert (facts.invitations.value, facts.crs_min.value) == (1516, 463)  # type: ignore[union-attr]


def test_a_day_without_its_year_whose_figures_the_record_contradicts_is_no_round() -> None:
    # "May 13th" read in 2023 (the article's year), but the record's round of May 13, 2023 is not this one.
    record = [Round(id="250", number=250, date=dt.date(2023, 5, 13), invitations=700, crs_min=791)]
    result = _read_text(
        "Published May 21, 2023\n\nAfter a quiet spell, IRCC held a draw on May 13th, inviting 1,842 "
        "candidates with scores of 357 or more.\n",
        record,
    )
    assert result.rounds == ()
    assert any("writes no year" in w and "the year is in doubt" in w for w in result.warnings)
    # With its year written, the same figures are the article's claim about that round: compared, kept.
    written = _read_text(
        "Published May 21, 2023\n\nAfter a quiet spell, IRCC held a draw on May 13th, 2023, inviting "
        "1,842 candidates with scores of 357 or more.\n",
        record,
    )
    assert [f.date.value for f in written.rounds if f.date] == [dt.date(2023, 5, 13)]


def test_an_ordinal_whose_round_of_the_record_has_other_figures_counts_the_years_draws() -> None:
    # "its 13th Express Entry draw ... 4800 ... 488" (of 2023): IRCC's round 13 (2015) invited 1,581 at 451.
    record = [Round(id="13", number=13, date=dt.date(2015, 7, 17), invitations=1581, crs_min=451)]
    text = (
        "IRCC recently held its 13th Express Entry draw. This draw invited 4800 candidates, with a cut-off "
        "of 488 for this draw.\n"
    )
    assert [f.round_id.value for f in parse_article_text(text).rounds if f.round_id] == ["13"]
    result = _read_text(text, record)
    assert result.rounds == ()
    assert any("'13th Express Entry draw' may count the year's draws" in w for w in result.warnings)
    # Written as a number ("draw #13"), it is the article's claim about round 13: kept, compared.
    assert [
        f.round_id.value
        for f in _read_text(text.replace("its 13th", "draw #13, its"), record).rounds
        if f.round_id
    ] == ["13"]


# The twenty-second pass: a round whose year the article leaves in doubt, told by the record.

#: Rounds of the record held on an August 3 (#228 of 2022, #261 of 2023) and on March 16, 2022 (#218).
DAYS = [
    Round(id="218", number=218, date=dt.date(2022, 3, 16), invitations=924, crs_min=754),
    Round(id="228", number=228, date=dt.date(2022, 8, 3), invitations=2000, crs_min=533),
    Round(id="261", number=261, date=dt.date(2023, 8, 3), invitations=1500, crs_min=388),
]


def undated(day: str, *, invitations: int | None = None, crs_min: int | None = None) -> RoundFacts:
    written = {"03-16": "March 16", "08-03": "August 3", "03-12": "March 12"}[day]
    return RoundFacts(
        day_written=Found(day, 10, 10 + len(written), written),
        invitations=Found(invitations, 30, 34, str(invitations)) if invitations is not None else None,
        crs_min=Found(crs_min, 40, 43, str(crs_min)) if crs_min is not None else None,
    )


def test_a_day_without_a_year_is_dated_by_the_one_round_of_that_day_with_its_figures() -> None:
    result = read(undated("03-16", invitations=924, crs_min=754), record=DAYS)
    (round_,) = result.rounds
    assert round_.date is not None and round_.date.value == dt.date(2022, 3, 16)
    assert round_.date.snippet == "March 16" and round_.day_written is None
    assert any("round 218 of 2022-03-16: read as its day" in w for w in round_.warnings)
    # One figure is enough where one round of that day has it: August 3 at 533 is 2022's, at 388 2023's.
    assert read(undated("08-03", crs_min=388), record=DAYS).rounds[0].date.value == dt.date(2023, 8, 3)


def test_a_day_without_a_year_whose_figures_no_round_of_that_day_has_is_not_printed() -> None:
    # "held on March 12 and 13 ... a minimum score of 511": no round of a March 12 had 511.
    lone = undated("03-12", crs_min=511)
    result = read(lone, record=[*DAYS, Round(id="288", number=288, date=dt.date(2024, 3, 12), crs_min=525)])
    assert result.rounds == ()
    assert result.warnings == (
        "date: 'March 12' writes no year, and no round of IRCC's record held on that day (give or take one) "
        "has crs_min 511; not printed as a round",
    )
    # Two rounds of that day with the figure: which year is still the doubt; the round stays undated.
    twins = [*DAYS, Round(id="300", number=300, date=dt.date(2024, 8, 3), invitations=2000, crs_min=520)]
    (kept,) = read(undated("08-03", invitations=2000), record=twins).rounds
    assert kept.date is None and kept.day_written is not None


def test_a_number_without_a_date_and_a_day_the_record_gives_it_are_one_round() -> None:
    # "... the latest draw held on August 3 ... CRS 533 ... this is the 228th draw": two mentions, one round.
    numbered = RoundFacts(round_id=Found("228", 60, 65, "228th"))
    result = read(undated("08-03", crs_min=533), numbered, record=DAYS)
    (one,) = result.rounds
    assert (one.round_id.value, one.date.value, one.crs_min.value) == ("228", dt.date(2022, 8, 3), 533)
    assert any("name one round in IRCC's record (round 228, 2022-08-03)" in w for w in one.warnings)


def test_a_year_guessed_for_a_day_the_record_contradicts_is_the_one_round_of_that_day_with_its_figures() -> (
    None
):
    # "on December 22, Canada invited 746 ..." read as 2020-12-22 (a year named later in the page): IRCC's
    # round beside it (December 23, 2020) has other figures; its December 22 with 746 is 2021's.
    record = [
        Round(id="170", number=170, date=dt.date(2020, 12, 23), invitations=5000, crs_min=468),
        Round(id="213", number=213, date=dt.date(2021, 12, 22), invitations=746, crs_min=720),
    ]
    guessed = RoundFacts(
        date=Found(dt.date(2020, 12, 22), 10, 21, "December 22"),
        invitations=Found(746, 30, 33, "746"),
        by_context=frozenset({"date"}),
    )
    (round_,) = read(guessed, record=record).rounds
    assert round_.date is not None and round_.date.value == dt.date(2021, 12, 22)
    assert any("round 213 of 2021-12-22: read as its day" in w for w in round_.warnings)
    # A year the text writes is never changed so.
    written = dataclasses.replace(guessed, by_context=frozenset())
    assert read(written, record=record).rounds[0].date.value == dt.date(2020, 12, 22)


def test_a_numbered_round_whose_guessed_year_is_wrong_takes_the_year_of_its_number() -> None:
    # "Held on February 19 ... the 337th overall", read as 2024-02-19 (a year compared in its paragraph).
    record = [
        Round(id="251", number=251, date=dt.date(2023, 6, 27), invitations=4300, crs_min=486),
        Round(id="337", number=337, date=dt.date(2025, 2, 19), invitations=6500, crs_min=428),
    ]
    guessed = RoundFacts(
        round_id=Found("337", 0, 5, "337th"),
        date=Found(dt.date(2024, 2, 19), 10, 21, "February 19"),
        by_context=frozenset({"date"}),
    )
    (round_,) = read(guessed, record=record).rounds
    assert round_.date is not None and round_.date.value == dt.date(2025, 2, 19)
    assert any("round 337 was held on that day of 2025: read as its day" in w for w in round_.warnings)
    # Another day, or a year the text writes, is not changed: the date is left empty as before.
    for other in (
        dataclasses.replace(guessed, date=Found(dt.date(2024, 2, 21), 10, 21, "February 21")),
        dataclasses.replace(guessed, by_context=frozenset()),
    ):
        assert read(other, record=record).rounds[0].date is None


def test_an_ordinal_with_one_figure_its_round_of_the_record_lacks_names_no_round() -> None:
    # "The 15th draw of the country's flagship system, which invited 4,300 candidates" (the 15th of 2023):
    # IRCC's round 15 (2015) invited 1,506.
    record = [Round(id="15", number=15, date=dt.date(2015, 8, 21), invitations=1506, crs_min=471)]
    text = (
        "The 15th draw of the country's flagship immigration system, which invited 4,300 candidates in "
        "total, came after a quiet month.\n"
    )
    assert [f.round_id.value for f in parse_article_text(text).rounds if f.round_id] == ["15"]
    result = _read_text(text, record)
    assert result.rounds == ()
    assert any("'15th draw' may count the year's draws" in w for w in result.warnings)
