"""The forty-seventh pass (recall, on the thirty-fourth set): run-together tables whose days are written
"8-Jul-2024", under a header that may open with a weekday column ("DayDate...") or a column of the days
since the round before ("Date gapsDayDate..."). Our words and rows after real pages; each test fails
without its rule. Facts from the feed: #301 and #302 (July 5 and 8, 2024: healthcare 3,750 at 445; French
3,700 at 420), #295 (April 24, 2024, French 1,400 at 410), #287 and #285 (February 29 and 16, 2024: French
2,500 at 336; agriculture 150 at 437)."""

from __future__ import annotations

from tests.support import articles


def test_run_together_rows_with_day_month_year_dates() -> None:
    text = (
        "The draws of July:\n\n"
        "DateRound typeInvitations issuedCRS cut-off\n"
        "8-Jul-2024French language proficiency3,700420\n"
        "5-Jul-2024Healthcare occupations3,750445\n"
    )
    assert [r[1:6] for r in articles.rows(text)] == [
        ("2024-07-08", 3700, 420, "category", "french"),
        ("2024-07-05", 3750, 445, "category", "healthcare"),
    ]


def test_a_weekday_column_and_a_column_of_gaps_are_dropped() -> None:
    text = (
        "The draws since February:\n\n"
        "DayDateRound typeInvitations issuedCRS cut-off\n"
        "Wednesday24-Apr-2024French language proficiency 1,400410\n\n"
        "And the pattern of February:\n\n"
        "Date gapsDayDateRound typeInvitations issuedCRS cut-off\n"
        "-1Thursday29-Feb-2024French language proficiency2,500336\n"
        "-2Friday16-Feb-2024Agriculture and agri-food occupations150437\n"
    )
    assert [r[1:6] for r in articles.rows(text)] == [
        ("2024-04-24", 1400, 410, "category", "french"),
        ("2024-02-29", 2500, 336, "category", "french"),
        ("2024-02-16", 150, 437, "category", "agriculture"),
    ]
