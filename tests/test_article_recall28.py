"""The forty-ninth pass (session 13, on the thirty-fifth set): a spaced table under "Draw's date  Category
CRS Cut-Off Score  Number of ITAs issued", and a table of numeric dates whose order of day and month the
column tells ("10-04-24" beside "23-04-24"). Our words, after real pages; each test fails without its rule
but the last, a guard (a column that does not tell names no day).
Facts from the feed: #254 to #256 (June 28, 2023, 500 healthcare at 476; July 5, 500 STEM at 486; July 6,
1,500 healthcare at 463), #293 to #296 (April 10, 2024, 1,280 at 549; April 11, 4,500 STEM at 491; April
23, 2,095 at 529; April 24, 1,400 French at 410)."""

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
