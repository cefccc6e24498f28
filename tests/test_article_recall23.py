"""The thirty-seventh pass (session 12, before its fresh sets were scored): a cut-off said as a move from
the round before ("dropped from 454 to 452", "descended to as low as 452"), and a count of provincial
nominees. Our words, after real pages; each test fails without its rule. Facts from the feed: #113 (March
20, 2019, 3,350 at 452; #112 before it, 454) and #217 (March 2, 2022, 1,047 provincial nominees at 761)."""

from __future__ import annotations

from tests.support import articles


def test_a_cut_off_said_as_a_move_from_the_round_before_is_the_value_it_moved_to() -> None:
    text = (
        "On March 20, 2019, IRCC sent 3,350 invitations to Express Entry candidates. The cut-off dropped "
        "from 454 to 452 compared with the draw two weeks ago.\n"
    )
    assert [r[1:4] for r in articles.rows(text)] == [("2019-03-20", 3350, 452)]


def test_a_move_that_only_names_the_round_before_gives_no_cut_off() -> None:
    text = (
        "On March 20, 2019, IRCC sent 3,350 invitations to Express Entry candidates. The cut-off dropped "
        "from 454 compared with the draw two weeks ago.\n"
    )
    assert [r[1:4] for r in articles.rows(text)] == [("2019-03-20", 3350, None)]


def test_a_count_of_provincial_nominees_is_the_rounds_count() -> None:
    text = "Today, March 2, 2022, IRCC invited 1,047 provincial nominees to apply, with a cut-off of 761.\n"
    assert [r[1:5] for r in articles.rows(text)] == [("2022-03-02", 1047, 761, "program")]


def test_how_low_the_threshold_descended_is_the_rounds_cut_off() -> None:
    text = (
        "On March 20, 2019, IRCC sent 3,350 invitations to apply. The threshold descended to as low as 452, "
        "lower than in any round this year.\n"
    )
    assert [r[1:4] for r in articles.rows(text)] == [("2019-03-20", 3350, 452)]
