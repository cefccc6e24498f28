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
