"""Recall rules of the article reader: rounds a page states that it must find (docs/articles.md)."""

from __future__ import annotations

import datetime as dt

from scraper.parsing.article import parse_article
from scraper.parsing.article_dates import publication_date
from tests.support import articles


def test_a_run_together_table_with_day_first_dates_and_a_draw_date_header() -> None:
    # Feed: April 10, 2024 (general, 1,280 at 549) and April 11, 2024 (STEM, 4,500 at 491).
    text = (
        "What happened in the pool in April 2024\n\n"
        "IRCC ran four Express Entry draws in April 2024, two of them general.\n\n"
        "Draw DateDraw TypeTotal Invitations IssuedMinimum CRS Score Requirement\n"
        "10 AprilGeneral1,280549\n"
        "11 AprilSTEM occupations4,500491\n"
    )
    assert articles.rows(text) == [
        (None, "2024-04-10", 1280, 549, "general", None),
        (None, "2024-04-11", 4500, 491, "category", "stem"),
    ]
    # Without the header the run-together lines are not read as rows.
    assert (
        articles.rows(
            text.replace("Draw DateDraw TypeTotal Invitations IssuedMinimum CRS Score Requirement\n", "")
        )
        == []
    )


def test_a_spaced_table_whose_number_column_comes_first() -> None:
    # Feed: #135 on January 22, 2020 (3,400 at 471) and #134 on January 8, 2020 (3,400 at 473).
    text = (
        "The first month of 2020 went well for candidates.\n\n"
        "Express Entry draws held in 2020 so far\n"
        "Draw Number Date Number of ITAs issued Minimum CRS score\n"
        "135 January 22 3400 471\n"
        "134 January 8 3400 473\n"
    )
    assert articles.rows(text) == [
        ("135", "2020-01-22", 3400, 471, None, None),
        ("134", "2020-01-08", 3400, 473, None, None),
    ]


def test_a_row_with_a_four_digit_count_after_its_date_is_no_byline() -> None:
    # "January 22 3400" is a date and a count: 3400 is no year, and the row is not the article's date.
    row = "135 January 22 3400 471\n"
    assert publication_date("Draw Number Date Number of ITAs issued Minimum CRS score\n" + row) is None
    assert publication_date("Written by the team\nJanuary 22, 2020\n") == dt.date(2020, 1, 22)


def test_a_caption_naming_the_years_draws_dates_the_prose_above_it() -> None:
    # Feed: July 5, 2024, a healthcare round of 3,750; the page writes its year only in the caption below.
    text = (
        "IRCC sent 3,750 ITAs to healthcare workers on July 5.\n\n"
        "Overview of Express Entry Draws in 2024\n"
        "date Draw Type Number of ITAs Minimum CRS\n"
        "18th July French Language Proficiency 1,800 400\n"
        "17th July Canadian Experience Class 6,300 515\n"
    )
    dates = [r.values().get("date") for r in parse_article(text).rounds]
    assert dates == ["2024-07-05", "2024-07-18", "2024-07-17"]
    # A sentence comparing the draws of a year names no year for the prose.
    compared = text.replace(
        "Overview of Express Entry Draws in 2024", "Draws were larger than the draws of 2024."
    )
    assert "2024-07-05" not in [r.values().get("date") for r in parse_article(compared).rounds]


def test_a_tally_in_the_present_perfect_names_the_articles_year() -> None:
    # Feed: September 6, 2017, 2,772 invitations at 435.
    text = (
        "On September 6, IRCC invited 2,772 candidates with scores of 435 or more.\n\n"
        "Close to half of all ITAs sent since Express Entry was launched in January, 2015 have been issued "
        "in 2017.\n"
    )
    assert [r.values().get("date") for r in parse_article(text).rounds] == ["2017-09-06"]
    opening = (
        "On March 29, the department invited 7,000 candidates with at least 481 points.\n\n"
        "In 2023, more ITAs have been issued than in the whole of 2022.\n"
    )
    assert [r.values().get("date") for r in parse_article(opening).rounds] == ["2023-03-29"]
    # The launch year alone still dates nothing.
    launch = (
        "On September 6, IRCC invited 2,772 candidates.\n\nExpress Entry was launched in January, 2015.\n"
    )
    assert [r.values().get("date") for r in parse_article(launch).rounds] == [None]  # given undated


def test_a_year_a_draw_opened_and_in_year_name_the_articles_year() -> None:
    # Feed: January 5, 2022, 392 PNP candidates at 808; February 27, 2015, 1,187 at 735.
    opened = (
        "Canada has started 2022 with its first draw, inviting 392 nominees. The January 5 draw was for "
        "the Provincial Nominee Program only, at 808.\n"
    )
    assert [r.values().get("date") for r in parse_article(opened).rounds] == ["2022-01-05"]
    plain = opened.replace("started 2022 with its first draw", "held its first draw")
    assert [r.values().get("date") for r in parse_article(plain).rounds] == [None]  # given undated
    in_year = (
        "On February 27, CIC sent 1,187 invitations to candidates with 735 or more CRS points.\n\n"
        "The plan is to admit up to 185,200 new immigrants in year 2015.\n"
    )
    assert [r.values().get("date") for r in parse_article(in_year).rounds] == ["2015-02-27"]


def test_a_tabbed_table_with_rows_that_run_together_or_lose_their_date() -> None:
    # Feed: 2024-08-27 CEC 3,300 at 507; 2024-08-13 PNP 763 at 690; 2024-07-31 CEC 5,000 at 510.
    text = (
        "Express Entry draw results in 2024\n"
        "Date\tDraw Type\tNumber of ITAs\tMinimum CRS\n"
        "August 27\tCanadian Experience Class\t3,300\t507\n"
        "Canadian Experience Class3,200509\n"
        "August 13 – Provincial Nominee Program763690\n"
        "July 31 Canadian Experience Class5,000510\n"
    )
    assert articles.rows(text) == [
        (None, "2024-08-27", 3300, 507, "program", None),
        (None, "2024-08-13", 763, 690, "program", None),
        (None, "2024-07-31", 5000, 510, "program", None),
    ]


def test_a_tables_caption_year_beats_the_articles_earlier_date() -> None:
    # Feed: July 17, 2024, a CEC round of 6,300 at 515, in a summary table updated after the page was dated.
    text = (
        "Published: July 8, 2024\n\n"
        "IRCC invited 3,200 French-speaking candidates today.\n\n"
        "Summary of Express Entry draw results in 2024\n"
        "Date\tDraw Type\tNumber of ITAs\tMinimum CRS\n"
        "July 17\tCanadian Experience Class\t6,300\t515\n"
        "July 2\tProvincial Nominee Program\t920\t739\n"
    )
    dates = [r.values().get("date") for r in parse_article(text).rounds]
    assert dates == ["2024-07-08", "2024-07-17", "2024-07-02"]  # not 2023-07-17, the year before the page's
    # Without the caption's year, the page's own date decides (a later day falls in the year before).
    plain = text.replace("Summary of Express Entry draw results in 2024", "Summary of the draws")
    assert [r.values().get("date") for r in parse_article(plain).rounds] == [
        "2024-07-08",
        "2023-07-17",
        "2024-07-02",
    ]


def test_the_lines_after_a_spaced_table_are_read() -> None:
    # A table of four cells a line used to swallow four lines per row: the paragraph after it was lost.
    text = (
        "Draws held in 2024\n"
        "Date\tDraw Type\tNumber of ITAs\tMinimum CRS\n"
        "April 23\tGeneral\t2,095\t529\n"
        "April 11\tSTEM occupations\t4,500\t491\n"
        "The table ends here.\n"
        "Another line.\n"
        "On April 10, 2024, IRCC invited 1,280 candidates with a minimum CRS score of 549.\n"
    )
    assert ("2024-04-10", 1280, 549) in [(d, n, c) for _, d, n, c, _, _ in articles.rows(text)]


def test_a_spaced_header_naming_the_type_of_draw_and_the_cut_off_score() -> None:
    # Feed: January 10, 2024, general, 1,510 at 546; January 23, 2024, general, 1,040 at 543.
    text = (
        "The 2024 Express Entry draws so far\n\n"
        "Draw Date Type Of Draw Total ITAs Issued Cut-Off Score\n"
        "January 10 General 1,510 546\n"
        "January 23 General 1,040 543\n"
    )
    assert articles.rows(text) == [
        (None, "2024-01-10", 1510, 546, "general", None),
        (None, "2024-01-23", 1040, 543, "general", None),
    ]


def test_a_cut_off_column_naming_the_lowest_ranked_candidate() -> None:
    # "Candidate" holds the letters "date": the column is the cut-off's, not a second date column.
    # Feed: November 13, 2024, a CEC round of 400 at 547.
    text = (
        "# | Date | Round Type | Invitations Issued | CRS Score of Lowest-Ranked Candidate |\n"
        "---|---|---|---|---|\n"
        "323 | November 13, 2024 | Canadian Experience Class | 400 | 547 |\n"
        "320 | October 22, 2024 | Canadian Experience Class | 400 | 539 |\n"
    )
    assert [(d, n, c) for _, d, n, c, _, _ in articles.rows(text)] == [
        ("2024-11-13", 400, 547),
        ("2024-10-22", 400, 539),
    ]


def test_a_pair_list_one_cell_per_line_under_a_caption_naming_the_figure() -> None:
    # Feed: May 4, 2017 at 423; April 19, 2017 at 415 (a two-column table that lost its header row).
    text = (
        "The most recent round had a cut-off of 415. The earlier cutoffs of 2017 were:\n"
        "May 4, 2017 |\n"
        "423 |\n"
        "April 19, 2017 |\n"
        "415 |\n"
        "Scores have fallen since the first round.\n"
    )
    assert [(d, n, c) for _, d, n, c, _, _ in articles.rows(text)] == [
        ("2017-05-04", None, 423),
        ("2017-04-19", None, 415),
    ]
    # Without a caption naming the figure the numbers are nobody's.
    bare = text.replace("The earlier cutoffs of 2017 were:", "Here they are:")
    assert all(c is None for _, _, _, c, _, _ in articles.rows(bare))


def test_the_next_draw_that_took_place_is_a_round_not_a_plan() -> None:
    # Feed: March 23, 2023, 7,000 invitations at 484 (the round after March 15).
    text = (
        "On March 15, 2023, IRCC invited 7,000 candidates at 490. IRCC usually holds one every second "
        "Wednesday. This time, however, the next draw was held only eight days later, on March 23, 2023, and "
        "IRCC invited another 7,000 candidates with a CRS score of 484.\n"
    )
    assert ("2023-03-23", 7000, 484) in [(d, n, c) for _, d, n, c, _, _ in articles.rows(text)]
    planned = text.replace("the next draw was held only eight days later", "the next draw is expected")
    assert "2023-03-23" not in [d for _, d, _, _, _, _ in articles.rows(planned)]


def test_the_year_of_a_change_made_by_ircc_dates_no_round() -> None:
    # Feed: February 28, 2024, a general round at 534; the page names 2023 only as the year categories began.
    text = (
        "IRCC keeps category-based selection for 2024\n"
        "In May 2023, IRCC initiated category-based selection. Before this round there was a general draw on "
        "February 28, where candidates needed a CRS score of at least 534.\n"
    )
    # Before, 2023 dated February 28 as the year "named before it in its paragraph".
    assert [r.values().get("date") for r in parse_article(text).rounds] == ["2024-02-28"]


def test_a_date_in_a_sentence_about_applicants_names_a_round() -> None:
    # Feed: February 2, 2022, a PNP round at 674.
    text = (
        "On February 2, 2022, Canada welcomed 1,070 Express Entry applicants to apply for residence. The "
        "minimum Comprehensive Ranking System (CRS) score was 674.\n"
    )
    assert [(d, c) for _, d, _, c, _, _ in articles.rows(text)] == [("2022-02-02", 674)]
    other = text.replace("Express Entry applicants to apply for residence", "visitors to its national parks")
    assert [d for _, d, _, _, _, _ in articles.rows(other)] == []
