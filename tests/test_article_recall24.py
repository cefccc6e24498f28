"""The thirty-eighth and thirty-ninth passes (recall): "This was the 236th round" numbers an article's one
dated round, "the draw saw the score drop to 491", "the cut-off of the year 2022 was 491", a hard-wrapped
paragraph that opens with its date, a headline over a paragraph on one line each. Our words, after real
pages; each test fails without its rule. Facts from the feed: #236 (November 23, 2022, 4,750 at 491), #213
(January 5, 2022, 808), #48 (November 30, 2016, 559 provincial nominees at 786), #56 (April 19, 2017, 3,665
at 415)."""

from __future__ import annotations

from tests.support import articles


def test_this_was_the_nth_round_numbers_the_articles_one_dated_round() -> None:
    text = (
        "Canada held a new Express Entry draw.\n\n"
        "The November 23, 2022 draw saw the minimum Comprehensive Ranking System score drop to 491.\n\n"
        "This was the 24th round of invitations in 2022 and the 236th overall.\n"
    )
    assert [r[:4] for r in articles.rows(text)] == [("236", "2022-11-23", None, 491)]


def test_the_cut_off_of_the_year_is_the_dated_rounds() -> None:
    text = (
        "Recap of 2022:\n\n"
        "  • The last cut-off of the year 2022 was 491 on November 23, 2022.\n"
        "  • The highest CRS cut-off of the year was 808 on January 5, 2022, the first draw of 2022.\n"
    )
    assert {r[1]: r[3] for r in articles.rows(text)} == {"2022-11-23": 491, "2022-01-05": 808}


def test_a_hard_wrapped_paragraph_opening_with_its_date_is_read_whole() -> None:
    text = (
        "December 1, 2016 - Federal immigration officials held the 25th round of\n"
        "invitations under Express Entry in 2016 and 48th overall, inviting only 559\n"
        "provincial nominees. The lowest CRS score was 786, a short-lived jump.\n"
    )
    rows = articles.rows(text)
    assert [r[0] for r in rows] == ["48"] and rows[0][3] == 786


def test_a_headline_over_a_one_line_paragraph_is_not_joined_to_it() -> None:
    text = (
        "Express Entry cut-off keeps falling: 415 in the April 19 draw\n"
        "More invitations sent so far in 2017 than in the entire year of 2016\n"
        "More and more Express Entry candidates are being invited, and the number of CRS points needed has "
        "fallen to a record low of 415 in the April 19 draw. A total of 3,665 candidates received an ITA in "
        "this draw.\n"
    )
    assert [r[1:3] for r in articles.rows(text)] == [("2017-04-19", 3665)]
