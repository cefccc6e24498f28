"""The thirty-eighth and thirty-ninth passes (on the thirty-second and thirty-first sets, after their one
score): days that are no round's (a change of system, an announcement, a plan said after the day, a policy's
"today", a list item of prose, a record "so far (June 2, 2016)"), figures that are no round's (a range's
bound, a total over several draws), "June. 15" and a table's column of days read as no date. Our words,
after real pages; each test fails without its rule. Facts from the feed: #236 (November 23, 2022, 4,750 at
491), #213 (January 5, 2022, 392 at 808), #247 (April 26, 2023, 3,500 at 483), #252 (June 28, 2023,
healthcare, 500 at 476), #250 (June 8, 2023, 4,800 at 486), #75 and #76 (November 1, 2017), #33 (May 6,
2016, 534), #54 (February 8, 2017, 3,644 at 447)."""

from __future__ import annotations

from tests.support import articles


def test_a_move_to_a_new_system_and_an_announcement_name_no_round() -> None:
    text = (
        "IRCC held an Express Entry draw on November 23, 2022, with a cut-off of 491. Canada moved to NOC "
        "2021 on November 16, 2022, so candidates had to update their profiles.\n\n"
        "In a recent announcement on May 31, 2023, IRCC revealed plans to add new categories.\n"
    )
    assert articles.dates(text) == {"2022-11-23"}


def test_a_day_made_a_change_names_no_round() -> None:
    text = "On November 19, 2016, IRCC made major changes to the way points are awarded in Express Entry.\n"
    assert articles.rows(text) == []


def test_a_plan_said_of_a_week_or_after_its_day_names_no_round() -> None:
    text = (
        "IRCC invited 500 healthcare workers on June 28, 2023, with a lowest score of 476. It is expected "
        "that in the same week as 5 July, 2023, another draw will take place for STEM candidates.\n\n"
        "There was no draw in December 2022. The 28th of December, 2022 was expected to be the next draw "
        "date for Express Entry, but it did not happen.\n"
    )
    assert articles.dates(text) == {"2023-06-28"}


def test_a_list_item_of_prose_without_a_rounds_words_names_no_round() -> None:
    text = (
        "Recent changes employers should know:\n\n"
        "  1. On May 7, 2023, Employment and Social Development Canada stopped taking LMIA files by email.\n"
        "  2. On April 26, 2023, the minimum Express Entry CRS score for an invitation was 483 points.\n"
    )
    assert [r[1:4] for r in articles.rows(text)] == [("2023-04-26", None, 483)]


def test_today_in_a_sentence_that_speaks_of_no_round_is_no_rounds_day() -> None:
    text = (
        "April 23, 2022\n\n"
        "Today, the minister gave an update on the new work permit extension policy.\n\n"
        "There has been no CEC draw since September 14, 2021.\n"
    )
    assert articles.rows(text) == []


def test_a_record_so_far_dated_in_brackets_is_no_round() -> None:
    text = "Lowest cut-off score so far (June 2, 2016): 450\n\nCandidates above that score: 2,510\n"
    assert articles.rows(text) == []


def test_a_ranges_bound_is_no_cut_off() -> None:
    text = (
        "On February 8, 2017, IRCC held an Express Entry draw. After the changes, most candidates holding "
        "job offers lost between 300 – 550 points.\n"
    )
    assert [r[1:4] for r in articles.rows(text)] == [("2017-02-08", None, None)]


def test_a_total_over_several_recent_draws_is_no_rounds_count() -> None:
    text = (
        "The cut-off was 447 in the February 8, 2017 draw. In total, 9,000 ITAs have been issued over "
        "these three most recent draws.\n"
    )
    assert [r[1:4] for r in articles.rows(text)] == [("2017-02-08", None, 447)]


def test_a_full_month_name_ending_a_sentence_is_no_date() -> None:
    text = (
        "IRCC invited 3,644 candidates on February 8, 2017. The points changed this past June. 15 points are "
        "now given for a sibling in Canada.\n"
    )
    assert articles.dates(text) == {"2017-02-08"}


def test_a_column_of_days_is_no_byline() -> None:
    text = (
        "Newsletter of November 2017\n\n"
        "The latest draw saw trades candidates invited with scores as low as 241.\n\n"
        "CRS Points\n\nITAs issued\n\nNovember 1\n\nOctober 18\n\nOctober 4, 2017\n\nSeptember 20, 2017\n"
    )
    assert "2016-11-01" not in articles.dates(text)
