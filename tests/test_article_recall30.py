"""The fifty-third pass (session 13, on the thirty-sixth and thirty-seventh sets): a spaced table whose first
row writes "Jan.10, 2018" (no space after the point), a pipe table whose header's last cell wrapped onto
its own line ("Category |"), a run-together table under "Date of Draw", and (after the forty-first set's
score) one whose number column is a bare "#" run into "Date". Our words, after real pages;
each test fails without its rule. Facts from the feed: #81 and #82 (January 10 and 24, 2018, 2,750 at 446
and 444), #334 and #335 (February 4 and 5, 2025, 455 provincial nominees at 802 as the feed has them;
4,000 CEC at 521), #332 and #333."""

from __future__ import annotations

from tests.support import articles


def test_a_spaced_table_whose_first_day_follows_a_point() -> None:
    text = (
        "The draws of 2018 so far\n\n"
        "Date Invitations Minimum Score\n"
        "Jan.10, 2018 2,750 446\n"
        "Jan. 24, 2018 2,750 444\n"
    )
    assert [r[1:4] for r in articles.rows(text)] == [("2018-01-10", 2750, 446), ("2018-01-24", 2750, 444)]


def test_a_pipe_tables_header_cell_wrapped_onto_its_own_line() -> None:
    text = (
        "The draws of 2025 so far\n\n"
        "Draw Date | Number of ITAs | Minimum CRS Score |\n"
        "Category |\n"
        "February 5, 2025 | 4,000 | 521 | Canadian Experience Class (CEC) |\n"
        "February 4, 2025 | 455 | 802 | Provincial Nominee Program (PNP) |\n"
    )
    assert [r[1:5] for r in articles.rows(text)] == [
        ("2025-02-05", 4000, 521, "program"),
        ("2025-02-04", 455, 802, "program"),
    ]


def test_a_run_together_table_under_date_of_draw() -> None:
    # Feed: #332 and #333, January 8 and 23, 2025, 1,350 and 4,000 CEC at 542 and 527.
    text = (
        "January's draws\n\n"
        "Draw NumberDate of DrawDraw TypeITAs IssuedCRS Cut-Off Score\n"
        "332January 8, 2025Canadian Experience Class1,350542\n"
        "333January 23, 2025Canadian Experience Class4,000527\n"
    )
    assert [r[:4] for r in articles.rows(text)] == [
        ("332", "2025-01-08", 1350, 542),
        ("333", "2025-01-23", 4000, 527),
    ]


def test_a_run_together_table_whose_number_column_is_a_bare_hash() -> None:
    # Feed: #248 and #249, May 10 and 24, 2023, 589 provincial nominees at 691 and 4,800 at 488.
    text = (
        "A summary of this year's draws\n\n"
        "#DateImmigration ProgramInvitations IssuedCRS Cut Off\n"
        "249May 24, 2023No Program Specified4,800488\n"
        "248May 10, 2023Provincial Nominee Program589691\n"
    )
    assert [r[:4] for r in articles.rows(text)] == [
        ("249", "2023-05-24", 4800, 488),
        ("248", "2023-05-10", 589, 691),
    ]
