"""The fifty-fourth pass (session 13, on the thirty-eighth and thirty-ninth sets, after their one score): an
anniversary's day is no round, and the year of a full date in a record or a comparison ("The last time the
score was this low was on December 23, 2020") is not the year of the article's other days; then an
anticipated draw's day is a plan, the day a draw was delayed or postponed until is its round's, a bare day
and the article's one numbered round are one round, the pool's days, "statistics on" a day and a range's
upper bound ("601-1200") are no round's, "its 191st draw on June 9" (no year) is one round, and "on
Wednesday" on a page dated a week after its round is a doubt; a cut-off said of the next draw is a
prediction; after the fortieth set: a draw that did not happen, a memo's day, a day compared "as with", and
more invitations than any round issued are no round's, nor is "IRCC's 3rd draw" on a page of 2024 round #3.
Our words, after real pages; each test fails without its rule. Facts from the feed: #1 (January 31, 2015,
779 at 886), #57 (March 24, 2017, 3,749 at 441), #170 (December 23, 2020, 5,000 at 468), #234 (October 26,
2022, 4,750 at 496), #238 (January 18, 2023, 5,500 at 490), #191 (June 9, 2021, 940 at 711), #175, #176,
and those named in each test."""

from __future__ import annotations

from tests.support import articles


def test_an_anniversarys_day_is_no_round() -> None:
    text = (
        "January 31, 2025 is the tenth anniversary of the first Express Entry draw. On January 31, 2015, "
        "779 candidates were invited with at least 886 points.\n"
    )
    assert articles.dates(text) == {"2015-01-31"}


def test_a_records_year_does_not_date_the_articles_other_days() -> None:
    text = (
        "Express Entry cut-off falls to 496\n\n"
        "On October 26 Canada held its latest all-program Express Entry draw, inviting 4,750 candidates with "
        "a minimum score of 496.\n\n"
        "Starting in December 2020, all-program draws were paused for more than a year and a half.\n\n"
        "The last time the score was this low was on December 23, 2020, with a score of 468.\n"
    )
    assert ("10-26", 4750, 496, "general", None) in articles.undated(text)
    assert "2020-10-26" not in articles.dates(text)


def test_an_anticipated_draws_day_is_a_plan_and_the_day_it_was_delayed_until_is_the_round() -> None:
    # Feed: #57, March 24, 2017, 3,749 at 441.
    text = (
        "The Express Entry draw anticipated on March 15, 2017 did not come: it was postponed until March 24, "
        "2017, when 3,749 people were invited and the minimum score was 441.\n"
    )
    assert articles.rows(text) == [(None, "2017-03-24", 3749, 441, None, None)]


def test_a_bare_day_and_the_articles_one_numbered_round_are_one_round() -> None:
    # Feed: #238, January 18, 2023, 5,500 at 490.
    text = (
        "Express Entry Draw #238\n\n"
        "In a surprise, Canada held its second Express Entry draw of 2023 on January 18, 2023.\n\n"
        "In draw #238, the government issued 5,500 invitations to apply, with a minimum CRS score of 490.\n"
    )
    assert articles.rows(text) == [("238", "2023-01-18", 5500, 490, None, None)]


def test_the_pools_days_statistics_and_a_ranges_upper_bound_are_no_rounds_figures() -> None:
    text = (
        "The pool grew from 209,892 candidates on October 7, 2024 to 218,167 by November 19, 2024.\n\n"
        "IRCC statistics on May 25, 2021 show that the number of people in the 601-1200 score range grew "
        "from 203 to 477.\n"
    )
    assert articles.rows(text) == []


def test_a_numbered_round_and_its_day_whose_year_is_in_doubt_are_one_round() -> None:
    # Feed: #191, June 9, 2021, 940 provincial nominees at 711.
    text = (
        "Express Entry #191: the largest PNP draw so far\n\n"
        "Canada held its 191st Express Entry draw on June 9. In all, 940 ITAs were issued. The minimum CRS "
        "score in this round was 711.\n"
    )
    assert articles.rows(text) == [("191", None, 940, 711, "program", None)]


def test_a_weekday_on_a_page_dated_a_week_after_its_round_is_a_doubt() -> None:
    # Feed: #176, February 13, 2021, 27,332 CEC at 75; #175, Wednesday February 10, 2021, 654 provincial
    # nominees (the page, dated February 20, would make "on Wednesday" February 17).
    text = (
        "Express Entry: the largest draw ever\n\nPublished: February 20, 2021\n\n"
        "Canada invited 27,332 candidates in a single Express Entry draw held on 13 February 2021.\n\n"
        "Canada also held an Express Entry draw on Wednesday to invite 654 applicants from the Provincial "
        "Nominee Program.\n"
    )
    assert "2021-02-17" not in articles.dates(text)


def test_a_cut_off_said_of_the_next_draw_is_a_prediction() -> None:
    # Feed: #292, April 10, 2024, 1,280 at 549.
    for said in ("The next draw may need 540 points.", "The cut-off is expected to fall to 540 points."):
        text = f"On April 10, 2024, IRCC invited 1,280 candidates. {said}\n"
        assert articles.rows(text) == [(None, "2024-04-10", 1280, None, None, None)], said


def test_a_draw_that_did_not_happen_and_a_memos_day_are_no_rounds() -> None:
    # Feed: #245, March 29, 2023, 7,000 at 481.
    head = "On March 29, 2023, IRCC invited 7,000 candidates at 481. "
    for other in (
        "The draw on June 21, 2023 did not happen as planned.\n",
        "November 24, 2021 IRCC memo already showed that no draw was needed.\n",
    ):
        assert articles.dates(head + other) == {"2023-03-29"}, other


def test_a_day_compared_with_as_with_takes_nothing_of_the_articles_round() -> None:
    # Feed: #61, May 4, 2017, 3,796 at 423; #60, April 19, 2017, 3,665 at 415.
    text = (
        "3,796 invitations were issued in yesterday's Express Entry draw, at 423 points. As with the April "
        "19th draw, this is among the lowest scores needed so far.\n"
    )
    assert all(r[0] != "04-19" for r in articles.undated(text))


def test_more_invitations_than_any_round_issued_are_a_total() -> None:
    # Feed: #294, April 23, 2024, the last general round of 2024 (the page says April 24); the largest round
    # ever, #176, invited 27,332.
    text = "The last all-program draw was held on April 24, 2024.\n\n- Total ITAs issued: 33,404\n"
    assert articles.rows(text) == [(None, "2024-04-24", None, None, "general", None)]


def test_a_small_ordinal_no_day_of_the_article_can_bear_is_no_round_number() -> None:
    # Feed: #318, October 10, 2024, 1,000 French at 444; #316, October 7, 2024, 1,613 provincial nominees;
    # #3 was held in February 2015.
    text = (
        "IRCC's 3rd Express Entry draw invites 1,000 French-speaking candidates\n\n"
        "It has been a big week for Express Entry. Before this, on October 7, 2024, IRCC invited 1,613 "
        "provincial nominees.\n"
    )
    assert all(r[0] != "3" for r in articles.rows(text))
