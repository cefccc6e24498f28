"""Recall of the eighteenth pass: a list of cut-offs, each line a score, a dash and its round's full date,
under a line naming cut-offs (docs/articles.md, the doubt table). Our words, after a real page; fails
without its rule."""

from __future__ import annotations

from tests.support import articles


def test_a_dashed_list_of_cut_offs_and_full_dates_is_a_round_per_line() -> None:
    text = (
        "Published May 9, 2017\n\n"
        "This year the CRS cut-off kept falling, round after round:\n"
        "468 – January 4, 2017\n"
        "459 – January 11, 2017\n"
        "453 – January 25, 2017\n"
        "Job offers now earn fewer points.\n"
    )
    assert articles.rows(text) == [
        (None, "2017-01-04", None, 468, None, None),
        (None, "2017-01-11", None, 459, None, None),
        (None, "2017-01-25", None, 453, None, None),
    ]
    # Without a line naming cut-offs above it, the numbers could be anything: no rounds from them.
    assert (
        articles.rows(text.replace("the CRS cut-off kept falling, round after round", "we kept a diary"))
        == []
    )


def test_a_table_row_on_a_page_that_writes_no_year_is_its_round_without_a_date() -> None:
    text = (
        "IRCC sent invitations again this week.\n\n"
        "Date | Draw Type | Number of ITAs | Minimum CRS |\n"
        "---|---|---|---|\n"
        "March 13 | Transport occupations | 975 | 430 |\n"
        "March 12 | General | 2,850 | 525 |\n"
    )
    assert articles.rows(text) == [
        (None, None, 975, 430, "category", "transport"),
        (None, None, 2850, 525, "general", None),
    ]
    # A page that writes a year elsewhere is no such page: its rows' year is in doubt, and no round is given.
    assert articles.rows(text.replace("this week", "this week, as it has done since 2015")) == []
