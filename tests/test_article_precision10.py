"""Doubt rules of the tenth pass (precision): a year that is a bound, a stop's or a compared round's; a
period; a span of time; a turn back from a comparison; a score before the nomination; a year's total; a
trend; "last July 5" (docs/articles.md, the doubt table). Fixtures in our own words, after real pages."""

from __future__ import annotations

import datetime as dt

from scraper.parsing.article_dates import Dates
from tests.support import articles


def test_a_year_that_bounds_the_rounds_dates_none_of_them() -> None:
    # Feed: June 19, 2024 (1,499 PNP at 663), May 30, 2024 (2,985 PNP); the page never writes 2024.
    text = (
        "Earlier rounds\n\n"
        "On June 19, IRCC invited 1,499 provincial nominees with a minimum CRS score of 663. On May 30, "
        "2,985 nominees were invited in a PNP-only draw.\n\n"
        "Since the first targeted category-based selection invitations in May 2023, such PNP invitations "
        "had become rare.\n"
    )
    assert articles.dates(text) == {None}  # 2023 bounds the rounds; it is not their year: both undated
    named = text.replace("Since the first targeted category-based selection invitations in", "In")
    assert articles.dates(named) == {"2023-06-19", "2023-05-30"}  # a year said of the invitations dates them
    until = text.replace("Since the first", "Until the first")
    assert articles.dates(until) == {None}
    for bound in (
        "It was the first PNP draw following the long break of May 2023.",
        "It was the last PNP draw before the freeze that started in May 2023.",
    ):
        said = "On June 19, IRCC invited 1,499 nominees with a cut-off of 663. " + bound
        assert articles.dates(said) == {None}, bound  # given undated: its year is not said
    held = "On June 19, IRCC invited 1,499 nominees with a cut-off of 663. It was one of several in May 2023."
    assert articles.dates(held) == {"2023-06-19"}  # a year said of the rounds, read as before


def test_the_year_of_a_stop_dates_no_round_below_it() -> None:
    # After a page whose July 6 (2022, all programs, 557) took 2021 from "banned CEC draws in September 2021".
    for stop in ("paused", "banned", "halted", "suspended", "stopped"):
        text = (
            "All-program invitations were missing for a year and a half.\n\n"
            f"IRCC also {stop} CEC invitations in September 2021.\n\n"
            "Scores have fallen since the draw held on July 6, when the cut-off was 557.\n"
        )
        dates = Dates(text, None)
        assert dates.year_near(text.index("July 6"))[0] == [], stop
    sent = text.replace("IRCC also stopped", "IRCC also sent")
    assert Dates(sent, None).year_near(sent.index("July 6"))[0] == [dt.date(2021, 12, 31)]


def test_a_year_said_of_the_round_compared_does_not_date_another() -> None:
    # Feed: February 14, 2024, 3,500 healthcare at 422 (the October 2023 healthcare draw was before it).
    text = (
        "Healthcare draw returns\n\n"
        "The previous healthcare draw, held on February 14, had a cut-off of 422. There were four months "
        "between that draw and the previous healthcare draw, which took place in October 2023.\n"
    )
    assert articles.dates(text) == set()  # 2023 is the earlier round's year, not February 14's
    plain = text.replace("the previous healthcare draw, which took place in October 2023", "the end of 2023")
    assert articles.dates(plain) == {"2023-02-14"}  # without the comparison the year is read as before


def test_a_period_between_two_dates_is_no_round() -> None:
    text = (
        "IRCC invited 3,750 healthcare workers on July 5, 2024 with a cut-off of 445.\n\n"
        "January 1st, 2024 to June 30th, 2024 saw a total of 43,454 invitations.\n"
    )
    assert articles.dates(text) == {"2024-07-05"}
    other = text.replace(
        "January 1st, 2024 to June 30th, 2024 saw a total of 43,454 invitations.",
        "The stretch from 2 March 2024 through 28 June 2024 brought 40,000 invitations in all.",
    )
    assert articles.dates(other) == {"2024-07-05"}
    dash = text.replace("January 1st, 2024 to June 30th, 2024", "March 3, 2024 – June 2, 2024:")
    assert articles.dates(dash) == {"2024-07-05"}
    one = text.replace("January 1st, 2024 to June 30th, 2024 saw a total of", "June 30th, 2024 saw")
    assert "2024-06-30" in articles.dates(one)  # a single day is still a round


def test_more_than_a_month_ago_is_no_comparison() -> None:
    # Feed: April 30, 2020 (3,311 at 452, CEC); March 4, 2020 (all programs).
    text = (
        "IRCC held its latest draw, issuing 3,311 invitations with a minimum score of 452 on 30th April "
        "2020.\n\n"
        "The most recent all-program draw was more than a month ago on March 4.\n"
    )
    rounds = {r["date"]: r for r in articles.rounds(text, dt.date(2020, 5, 3))}
    assert "round_type" not in rounds["2020-04-30"]  # "all-program" is March 4's, not the article's round
    assert rounds["2020-03-04"]["round_type"] == "general"
    weeks = text.replace("more than a month ago", "less than three weeks ago")
    assert {r["date"] for r in articles.rounds(weeks, dt.date(2020, 5, 3))} == {"2020-04-30", "2020-03-04"}


def test_a_comparison_ends_where_the_sentence_turns_back_to_this_draw() -> None:
    # Feed: March 18, 2020, 668 provincial nominees at 720 (the round before it: 471).
    text = (
        "Invitations went out on March 18, 2020 to 668 candidates.\n\n"
        "The minimum CRS score requirement was 720.\n\n"
        "The score may seem high compared to the last draw that required a score of 471, however, this draw "
        "only included provincial nominees.\n"
    )
    assert [r.get("crs_min") for r in articles.rounds(text)] == [720]
    but = text.replace(", however, this draw", ", but this draw")
    assert [r.get("crs_min") for r in articles.rounds(but)] == [720]


def test_a_score_before_the_nomination_is_no_cut_off() -> None:
    # Feed: #218, March 16, 2022, 924 at 754 (a nomination adds 600 points).
    label = "\nMinimum CRS: 754\n"
    for said in (
        "The lowest-ranked candidate had a CRS score of just 154 before being nominated.",
        "Without being provincially nominated, the lowest candidate would sit at a CRS score of 154.",
        "The lowest candidate's CRS score prior to getting a nomination was 154.",
    ):
        text = f"Draw #218 on March 16, 2022 invited 924 provincial nominees.\n\n{said}\n{label}"
        assert [r.get("crs_min") for r in articles.rounds(text)] == [754], said
    plain = "Draw #218 on March 16, 2022 invited 924 provincial nominees with a CRS score of just 154.\n"
    assert [r.get("crs_min") for r in articles.rounds(plain)] == [154]


def test_a_count_over_a_whole_year_is_a_total() -> None:
    # Feed: #311, August 26, 2024 (1,121 PNP at 694); the page gives its count before naming it.
    head = "Draw #311 on August 26, 2024 had a cut-off of 694.\n\n"
    for said in (
        "The department issued 110,266 ITAs in 2023, after inviting 25,115 candidates in the whole of 2022.",
        "IRCC sent 25,115 invitations throughout 2022.",
        "IRCC gave 25,115 candidates ITAs during the year 2022.",
        "It invited 25,115 candidates over the entire year.",
        "It invited 25,115 candidates over the course of 2022.",
        "It invited 25,115 candidates in calendar year 2022.",
        "It invited 25,115 candidates across 2022.",
    ):
        assert "invitations" not in articles.rounds(head + said)[0], said
    draw = head + "It invited 25,115 candidates."
    assert articles.rounds(draw)[0]["invitations"] == 25115  # without the period it is the round's


def test_a_trend_the_draw_continues_gives_it_no_kind() -> None:
    # Feed: April 30, 2020, 3,311 at 452 (a CEC round; the page names no program for it).
    text = (
        "IRCC held its latest draw on April 30, 2020, issuing 3,311 invitations with a cut-off of 452. This "
        "draw continues the trend of inviting only PNP and CEC candidates.\n"
    )
    assert "round_type" not in articles.rounds(text)[0]
    said = text.replace("continues the trend of inviting only", "invited only")
    assert articles.rounds(said)[0].get("round_type") == "program"


def test_last_and_a_date_is_a_day_not_the_last_of_a_list() -> None:
    # Feed: #254, July 5, 2023, 500 STEM candidates at 486; its number is in a heading lines below.
    text = (
        "STEM draw news\n\n"
        "Last July 5, 2023, IRCC held its first STEM category draw, sending 500 invitations!\n\n"
        "Express Entry Draw #254: Who Are Invited?\n\n"
        "Who got invitations on July 5, 2023? Many applicants waited for the results.\n\n"
        "CRS score of lowest-ranked candidate invited: 486\n"
    )
    rounds = articles.rounds(text)
    assert [(r.get("round_id"), r.get("date"), r.get("crs_min")) for r in rounds] == [
        ("254", "2023-07-05", 486)
    ]
