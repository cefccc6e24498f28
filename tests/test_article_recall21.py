"""The twenty-ninth pass (on the twenty-seventh set, after it was scored once): a tie-break said at length
dates no round, a table's count that looks like a year, a table whose cells are parted by single spaces
(docs/articles.md, the doubt table). Our words, after real pages; each test fails without its rule. Facts
from the feed: #343-#348 (May 2025; after the feed copy, their shape only), #250-#252 (June 8, 27 and 28,
2023: 4,800 at 486, 4,300 at 486, healthcare 500 at 476), #259 (August 1, 2023, 2,000 at 517)."""

from __future__ import annotations

from scraper.parsing.article_flattened import spaced_rows
from tests.support import articles


def test_the_year_of_a_tie_break_said_at_length_dates_no_round() -> None:
    text = (
        "On May 13, IRCC held its first CEC draw since February, inviting 500 candidates. They needed a CRS "
        "score of at least 547 and to have submitted their Express Entry profile before 5:26 p.m. UTC on May "
        "21, 2024.\n\n"
        "So far in 2025, the draws have been varied.\n\n"
        "Date | Draw Type | ITAs Issued | CRS Cut-off |\n"
        "May 12 | Provincial Nominee Program | 511 | 706 |\n"
    )
    assert {r[1] for r in articles.rows(text)} == {"2025-05-13", "2025-05-12"}


def test_a_count_after_a_day_is_no_year() -> None:
    text = (
        "Express Entry draw results summary\n\n"
        "Date ITAs CRS Draw Type\n"
        "July 12 3800 375 French language proficiency\n\n"
        "Aug 1 2000 517 All-program\n"
        "Aug 2 800 435 French language proficiency\n\n"
        "On May 31, IRCC presented six new categories.\n"
    )
    assert [r for r in articles.rows(text) if r[1] is not None] == []  # no "2000-05-31", no "2000-08-01"
    assert ("08-01", 2000, 517, "general", None) in articles.undated(text)


def test_a_table_whose_cells_are_parted_by_single_spaces_is_read_a_row_a_round() -> None:
    text = (
        "Express Entry draw results summary\n\n"
        "Date ITAs CRS Draw Type\n"
        "June 8 4800 486 All-program\n"
        "June 27 4300 486 All-program\n\n\n"
        "June 28 500 476 Healthcare occupations\n"
    )
    assert articles.undated(text) == [
        ("06-08", 4800, 486, "general", None),
        ("06-27", 4300, 486, "general", None),
        ("06-28", 500, 476, "category", "healthcare"),
    ]
    # One row is no table; a header naming no count is none either.
    assert spaced_rows("Date ITAs CRS Draw Type\nJune 8 4800 486 All-program\n").count("\t") == 0
    bare = text.replace("Date ITAs CRS Draw Type", "Date Draw Type")
    assert spaced_rows(bare) == bare


def test_a_rows_round_number_after_a_cut_off_header_is_no_cut_off() -> None:
    text = (
        "January 2025: the pool\n\n"
        "January saw the issuance of 5,821 Invitations to Apply, more than twice December's.\n\n"
        "The following table sums up January's draws:\n\n"
        "Draw number Date of draw Draw type ITAs issued CRS cut-off score\n"
        "331 January 7, 2025 Provincial Nominee Program 471 793\n"
        "332 January 8, 2025 Canadian Experience"
    )
    rows = articles.rows(text)
    assert all(r[3] != 331 and r[2] != 5821 for r in rows)
    # The day "saw" a count of its own draw is still its count.
    own = "The most recent draw on 19th April 2017 saw 3,665 invitations issued and a cut-off of 415.\n"
    assert [r[1:4] for r in articles.rows(own)] == [("2017-04-19", 3665, 415)]


def test_a_provinces_own_program_and_a_laws_day_name_no_round() -> None:
    text = (
        "On September 21, 2016, 1,288 ITAs were issued to candidates with 483 or more CRS points.\n\n"
        "British Columbia issued 647 candidates an Invitation to Apply to the British Columbia Provincial "
        "Nominee Program (BC PNP) in a draw that took place on September 27, 2016.\n\n"
        "On January 31, 2016, the OINP (Ontario Immigrant Nominee Program) issued 611 invitations.\n\n"
        "On June 23, 2016, the bill was passed and received royal assent, changing how IRCC invites "
        "candidates.\n"
    )
    assert [r[1:4] for r in articles.rows(text)] == [("2016-09-21", 1288, 483)]


def test_a_milestones_day_a_memos_date_and_a_tally_as_of_a_draw_are_no_rounds() -> None:
    text = (
        "Published: October 8, 2021\n\n"
        "Even so, on September 14 the number of ITAs issued in 2021 surpassed the amount for the whole of "
        "2020. Last year, IRCC issued a total of 107,350 ITAs. As of the last Express Entry draw on "
        "September 29, IRCC has issued 109,696 invitations with three months left in the year.\n\n"
        "The memo, dated June 8, says the department planned record CEC draws of 6,000 for June and July.\n"
    )
    rows = articles.rows(text)
    assert all(r[1] not in ("2021-09-14", "2021-06-08") and r[2] != 109696 for r in rows)
    # "the number of invitations rose to" after a round's day is still that round's count.
    held = "In the latest draw, held on September 7, 2016, the number of invitations rose to 1,000.\n"
    assert [r[1:3] for r in articles.rows(held)] == [("2016-09-07", 1000)]
