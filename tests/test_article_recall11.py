"""Recall rules of the article reader's eleventh pass: rounds a page states that it must find
(docs/articles.md)."""

from __future__ import annotations

from scraper.parsing.article import article_text, parse_article
from tests.support import articles


def test_a_page_that_writes_no_year_gives_its_own_round_undated() -> None:
    # Shape of a real page (feed: April 15, 2020, 118 at 808): the day is named, the year never is.
    text = (
        "Ottawa sent out 245 invitations to Express Entry candidates on March 3, in a new round.\n\n"
        "The lowest-ranked candidate picked that day had a score of 721.\n\n"
        "What is the CRS?\n\n"
        "It ranks candidates by age and languages; one reader told us she had a 391 score.\n"
    )
    # The round, its count and its cut-off are stated; only its year is not: it comes out undated and
    # unnumbered (never stored), and the score under the heading is no round's.
    assert articles.rows(text) == [(None, None, 245, 721, None, None)]
    parsed = parse_article(text)
    assert any("'March 3' has no year" in w for w in parsed.warnings)
    # A page that writes a year somewhere leaves the year a doubt as well: the same undated round.
    assert articles.rows(text.replace("a new round", "its 9th round since 2019")) == [
        (None, None, 245, 721, None, None)
    ]
    # Only its count: given too, undated, with the day as written (IRCC's record can tell it by that).
    assert articles.rows(text.replace("score of 721", "high score")) == [(None, None, 245, None, None, None)]


def test_the_undated_round_takes_nothing_from_a_round_it_is_compared_with() -> None:
    text = (
        "Ottawa sent out 245 invitations to Express Entry candidates on March 3. Everyone invited held a "
        "nomination from a province. In the previous draw, the department invited 310 candidates with "
        "scores of at least 690.\n"
    )
    # The earlier round's figures are not this one's: it is given with its own count only.
    assert articles.rows(text) == [(None, None, 245, None, None, None)]


def test_a_spaced_table_whose_rows_open_with_a_full_date_keeps_one_line_per_row() -> None:
    # Feed: September 20, 2023 (transport, 1,000 at 435) and September 19, 2023 (general, 3,200 at 531).
    text = (
        "Here is how the month went:\n\n"
        "Date     Round type                       Invitations issued  CRS score cutoff\n"
        "September 20th, 2023 Transport occupations 1,000 435\n"
        "September 19th, 2023 No Program Specified 3,200 531\n\n"
        "More rounds are expected.\n"
    )
    # Each row keeps its own line (hard-wrapped prose would join them to the header): a round each.
    assert articles.rows(text) == [
        (None, "2023-09-20", 1000, 435, "category", "transport"),
        (None, "2023-09-19", 3200, 531, "general", None),
    ]
    # A wrapped line that opens with a date but ends in words still goes on from the line before.
    wrapped = (
        "The department has held one more round for transport workers this month, on\n"
        "September 20th, 2023 at noon, and another for all programs the day before it.\n"
    )
    assert article_text(wrapped).count("\n") == 0


def test_a_title_naming_the_start_to_a_year_dates_the_rounds_below_it() -> None:
    # Feed: January 10, 2024 (general, 1,510 at 546).
    text = (
        "A Busy Start to 2024\n\n"
        "The department has been active this month. Here is what happened:\n\n"
        "- On January 10th, a general draw invited 1,510 candidates with a minimum CRS score of 546.\n"
    )
    assert [(d, c) for _, d, _, c, _, _ in articles.rows(text)] == [("2024-01-10", 546)]
    # "The start of 2024" may be a forecast, and a start to a year inside a sentence is not a title.
    for other in ("A Busy Start of 2024", "IRCC has made a busy start to 2024, the minister said."):
        # no year for January 10th: the round comes out undated
        assert articles.rows(text.replace("A Busy Start to 2024", other)) == [
            (None, None, 1510, 546, "general", None)
        ]


def test_a_page_that_writes_no_year_gives_each_dated_round_undated_once() -> None:
    # Shape of a real page listing a month's rounds, none with its year (feed: February 2024).
    text = (
        "Transport workers get their own round\n\n"
        "On February 28, the department invited 1,470 candidates in an all-program round; the lowest score "
        "was 534.\n\n"
        "- On February 13, IRCC invited 1,490 candidates with a cut-off of 535.\n"
        "- On Feb. 28, the same round was the month's largest general draw.\n"
    )
    rows = articles.rows(text)
    assert sorted((c, s) for _, d, c, s, _, _ in rows if d is None) == [(1470, 534), (1490, 535)]
    # With a year anywhere on the page, the year stays the doubt it was: no undated round.
    assert all(
        d is not None for _, d, _, _, _, _ in articles.rows(text.replace("own round", "own round in 2019"))
    )
