"""Doubt rules of the eighteenth pass (after the nineteenth set was scored): a month and day with a stray
dash is a date, not a round number; a nomination certificate is no program round; points "are added" on a
nomination are no cut-off (docs/articles.md, the doubt table). Fixtures in our own words, after real pages;
each case fails without its rule."""

from __future__ import annotations

from tests.support import articles


def test_a_month_a_stray_dash_and_an_ordinal_day_is_a_date_not_a_round_number() -> None:
    text = "Published May 2, 2018\n\nIn the Apr- 11th draw, IRCC invited 3,500 candidates with 444 points.\n"
    (only,) = articles.rounds(text)
    assert only.get("round_id") is None
    assert only["date"] == "2018-04-11" and only["invitations"] == 3500


def test_a_nomination_certificate_held_by_candidates_is_no_program_round() -> None:
    text = (
        "June 5, 2015 - CIC issued its 10th round of invitations: 1,501 candidates with 482 points or more. "
        "Every candidate invited in this round held a job offer backed by an LMIA or a Provincial Nominee "
        "Program (PNP) certificate.\n"
    )
    (only,) = articles.rounds(text)
    assert only["round_id"] == "10" and "round_type" not in only and "programs" not in only
    # A round said to be for the program is still a program round.
    said = text.replace(
        "Every candidate invited in this round held a job offer backed by an LMIA or a Provincial Nominee "
        "Program (PNP) certificate.",
        "This round was for Provincial Nominee Program (PNP) candidates only.",
    )
    assert articles.rounds(said)[0]["round_type"] == "program"


def test_points_that_are_added_on_a_nomination_are_no_cut_off() -> None:
    text = (
        "Published February 11, 2021\n\nOn February 10, 2021, IRCC invited 654 candidates in a PNP draw.\n\n"
        "Only nominees were invited. Upon a nomination, 600 points are added to a candidate's profile.\n"
    )
    (only,) = articles.rounds(text)
    assert only["invitations"] == 654 and "crs_min" not in only


# The nineteenth pass (after the twentieth set was scored).


def test_a_planned_round_on_a_day_is_no_round() -> None:
    text = (
        "Published July 5, 2023\n\n"
        "IRCC invited 700 candidates in a surprise all-program draw on July 4, 2023, with a cut-off of 511."
        "\n\nThe draw comes ahead of a planned category-based selection to invite 1,500 healthcare workers "
        "on July 6.\n"
    )
    assert articles.dates(text) == {"2023-07-04"}


def test_the_day_an_announcement_was_made_is_no_round() -> None:
    text = (
        "On September 20, 2023, IRCC held its first round for transport occupations, inviting 1,000 "
        "candidates. It came after an announcement was made by IRCC on September 18, 2023, that such a round "
        "would follow that week.\n"
    )
    assert articles.dates(text) == {"2023-09-20"}


def test_the_points_available_on_the_scale_are_no_cut_off() -> None:
    text = (
        "IRCC held an invitation round on Feb 02, 2023, its fourth of the year.\n\n"
        "A total of 1200 CRS points are available: 600 for core factors and 600 for a job offer or a PNP "
        "nomination.\n"
    )
    (only,) = articles.rounds(text)
    assert only == {"date": "2023-02-02"}


# The twentieth pass (after the twenty-first set was scored).


def test_the_years_of_a_levels_target_date_no_round() -> None:
    text = (
        "IRCC invited 3,300 CEC candidates this week.\n\n"
        "The department aims to welcome 110,770 new residents through Express Entry in 2024 and to ramp up "
        "that number to 117,500 in 2025.\n\n"
        "A notable draw on August 14 invited 3,200 CEC candidates with a cut-off of 509.\n"
    )
    assert articles.dates(text) == {None}  # which year is not said: 2025 is only the target's


def test_a_year_after_from_in_the_clause_dates_its_day() -> None:
    text = (
        "Published March 21, 2019\n\n"
        "Yesterday, 20th March 2019, IRCC invited candidates with a cut-off of 452.\n\n"
        "It brings back memories from 2017 and its draw of 413 on 31st May.\n"
    )
    assert "2017-05-31" in articles.dates(text) and "2018-05-31" not in articles.dates(text)
    # "from 2017 to 2019" is a period, no year of its day.
    assert "2017-05-31" not in articles.dates(text.replace("from 2017 and", "from 2017 to 2019 and"))


def test_a_province_holding_a_draw_names_no_round() -> None:
    text = (
        "Published August 21, 2019\n\n"
        "On August 20, 2019, IRCC invited 3,600 candidates with a cut-off of 457.\n\n"
        "Prince Edward Island held a draw on 15th August, handing out 143 ITAs. Saskatchewan also held a "
        "lottery on 16th August.\n"
    )
    assert articles.dates(text) == {"2019-08-20"}


def test_one_group_included_is_not_the_rounds_program() -> None:
    text = (
        "Published December 2, 2022\n\n"
        "Some ITAs were sent in error during the round of November 23, 2022, including some PNP applicants.\n"
    )
    (only,) = articles.rounds(text)
    assert only["date"] == "2022-11-23" and "round_type" not in only


def test_a_range_of_days_is_a_week_not_a_round() -> None:
    text = (
        "The First Express Entry Draw of 2023 – Weekly News Review January 9 – 15, 2023\n\n"
        "On January 11, 2023, IRCC invited 5,500 candidates with a cut-off of 507.\n"
    )
    assert articles.dates(text) == {"2023-01-11"}


# The twenty-first pass (after the twenty-second set was scored).


def test_a_period_that_begins_on_one_day_and_ends_on_another_names_no_round() -> None:
    text = (
        "The number of invitations that may be issued for the period that begins on December 22nd 2016 and "
        "ends on December 23rd 2016 is 2,878.\n\n"
        "Candidates who, on 22nd December, 2016 at 13:39:04 UTC, had a score of 475 points or more were "
        "invited.\n"
    )
    assert "2016-12-23" not in articles.dates(text)


def test_the_year_counted_so_far_above_dates_a_day_before_a_year_compared() -> None:
    text = (
        "In 2018, IRCC has issued a total of 39,700 ITAs so far. In 2017, the total number of ITAs sent was "
        "86,023.\n\nIn the last draw held on June 25, the minimum required CRS score was 442.\n"
    )
    assert articles.dates(text) == {"2018-06-25"}
