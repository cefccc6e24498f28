"""The fifty-fourth pass (session 13, on the thirty-eighth and thirty-ninth sets, after their one score): an
anniversary's day is no round, and the year of a full date in a record or a comparison ("The last time the
score was this low was on December 23, 2020") is not the year of the article's other days; then an
anticipated draw's day is a plan, and the day a draw was delayed or postponed until is its round's. Our
words, after real pages; each test fails without its rule. Facts from the feed: #1 (January 31, 2015, 779
at 886), #57 (March 24, 2017, 3,749 at 441), #171 (December 23, 2020, 5,000 at 468), #232 (October 26,
2022, 4,750 at 496)."""

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
