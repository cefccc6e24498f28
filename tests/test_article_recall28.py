"""The forty-ninth and fiftieth passes (session 13, on the thirty-fifth set): a spaced table under "Draw's
date  Category  CRS Cut-Off Score  Number of ITAs issued", a table of numeric dates whose order of day and
month the column tells ("10-04-24" beside "23-04-24"), and a weekly review headed "October 23 – 29 2023"
(its days take its year; its first day is no round). Our words, after real pages; each test fails without
its rule but the third, a guard (a column that does not tell names no day). Facts from the feed: #252,
#254 and #255 (June 28, 2023, 500 healthcare at 476; July 5, 500 STEM at 486; July 6, 1,500 healthcare at
463), #292 to #295 (April 10, 2024, 1,280 at 549; April 11, 4,500 STEM at 491; April 23, 2,095 at 529;
April 24, 1,400 French at 410), #269 and #271 (October 24, 2023, 1,548 PNP; October 26, 3,600 healthcare)."""

from __future__ import annotations

from tests.support import articles


def test_a_spaced_table_under_a_draws_date_and_a_cut_off_score_header() -> None:
    text = (
        "The first category rounds at a glance\n\n"
        " Draw’s date  Category  CRS Cut-Off Score   Number of ITAs issued\n"
        "June 28, 2023  Healthcare  476  500 \n"
        "July 5, 2023  STEM  486  500 \n"
        "July 6, 2023  Healthcare  463  1,500 \n"
    )
    assert articles.rows(text) == [
        (None, "2023-06-28", 500, 476, "category", "healthcare"),
        (None, "2023-07-05", 500, 486, "category", "stem"),
        (None, "2023-07-06", 1500, 463, "category", "healthcare"),
    ]


TABLE = (
    "Draws held in April\n\n"
    "Draw Date | Round Type | Invitations Issued | CRS Score Cut-Off |\n"
    "---|---|---|---|\n"
    "10-04-24 | General | 1,280 | 549 |\n"
    "11-04-24 | STEM occupations | 4,500 | 491 |\n"
    "{last} | General | 2,095 | 529 |\n"
)


def test_numeric_dates_are_read_in_the_order_their_column_tells() -> None:
    rows = articles.rows(TABLE.format(last="23-04-24"))
    assert [r[1:4] for r in rows] == [
        ("2024-04-10", 1280, 549),
        ("2024-04-11", 4500, 491),
        ("2024-04-23", 2095, 529),
    ]


def test_numeric_dates_whose_column_does_not_tell_the_order_name_no_day() -> None:
    # "10-04-24", "11-04-24", "12-04-24": April 10 or October 4, and nothing in the column says which.
    assert articles.rows(TABLE.format(last="12-04-24")) == []


def test_a_weekly_reviews_headline_dates_the_days_of_its_week() -> None:
    text = (
        "Immigration news of the week: October 23 – 29 2023\n\n"
        "IRCC held three Express Entry draws this past week. On October 24, IRCC issued 1,548 invitations to "
        "Provincial Nominee Program candidates. Then, on October 26, it issued 3,600 invitations in a draw "
        "for candidates in healthcare occupations.\n"
    )
    assert articles.dates(text) == {"2023-10-24", "2023-10-26"}
