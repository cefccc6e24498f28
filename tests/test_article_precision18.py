"""The twenty-fourth pass (after the twenty-fourth set was scored): totals, ranges, announcements and
changes to come, and the years of laws (docs/articles.md, the doubt table). Our words, after real pages;
each test fails without its rule. Facts from the feed: #95 (June 25, 2018, 3,750 at 442), #252 (June 28,
2023, healthcare, 500 at 476)."""

from __future__ import annotations

from scraper.parsing.article import parse_article
from tests.support import articles


def test_a_years_total_said_before_its_figure_is_no_count() -> None:
    text = (
        "Published June 28, 2018\n\n"
        "During the entire year - 2017, IRCC issued 86,023 ITAs. The second draw held on June 25th, had a "
        "cut-off of 442.\n"
    )
    assert [r.get("invitations") for r in articles.rounds(text)] == [None]


def test_a_range_of_scores_is_no_cut_off() -> None:
    text = (
        "On June 28, 2023, IRCC invited 500 healthcare workers. Most candidates invited that year had scores "
        "in the 451–500 range.\n"
    )
    assert [r.get("crs_min") for r in articles.rounds(text)] == [None]


def test_the_year_of_a_change_to_the_law_is_no_rounds_year() -> None:
    text = (
        "In 2023, IRCC held 42 Express Entry draws.\n\n"
        "Category-based draws came in June, following changes to the Immigration and Refugee Protection Act "
        "in 2022 that let the minister pick candidates by skill.\n\n"
        "The first category-based draw took place on June 28, inviting 500 healthcare workers.\n"
    )
    assert articles.dates(text) == {"2023-06-28"}


def test_a_change_to_come_and_an_announcement_of_one_name_no_round() -> None:
    change = (
        "On November 19, 2016, the points awarded by the CRS for a job offer will change in three ways.\n"
    )
    assert parse_article(change).rounds == ()
    announced = (
        "Published on: June 28th, 2023\n\n"
        "On June 28th, 2023, Immigration Minister Sean Fraser announced that healthcare occupations will be "
        "the first industry targeted in the category-based selection draw.\n\n"
        "The department will invite 500 healthcare workers.\n"
    )
    assert parse_article(announced).rounds == ()
    held = "On June 28th, 2023, IRCC invited 500 healthcare workers.\n"
    assert articles.dates(held) == {"2023-06-28"}


def test_the_week_of_a_day_is_no_rounds_day() -> None:
    text = "The first STEM round for category-based selection opens the week of July 5, 2023.\n"
    assert parse_article(text).rounds == ()


def test_later_today_in_a_plan_and_todays_announcement_name_no_round() -> None:
    text = (
        "Published on: June 28th, 2023\n\n"
        "The first category-based draw is expected to take place later today.\n\n"
        "In today's announcement, the minister said IRCC will invite 500 healthcare workers.\n"
    )
    assert parse_article(text).rounds == ()
    held = text.replace("is expected to take place later today", "took place today")
    assert articles.dates(held) == {"2023-06-28"}
