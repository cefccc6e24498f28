"""The twenty-seventh pass (on the twenty-sixth set, after it was scored once): a round tied with another,
"the previous draw" after a round named as a bound, "last Wednesday" in the week it is said, a change
introduced by someone on a day, draws as the way a round was held, a day someone spoke on, a dateline at the
top (docs/articles.md, the doubt table). Our words, after real pages; each test fails without its rule. Facts
from the feed: #243 (March 15, 2023, 7,000 at 490), #244 (March 23, 2023, 7,000 at 484), #217 (March 2,
2022, PNP, 1,047), #224 (June 8, 2022, PNP, 932 at 796), #247 (April 26, 2023, 3,500), #252 (June 28, 2023,
healthcare, 500 at 476)."""

from __future__ import annotations

import datetime as dt

from scraper.parsing.article import parse_article
from tests.support import articles


def test_what_follows_a_round_tied_with_another_is_not_that_others() -> None:
    text = (
        "IRCC on Thursday invited 7,000 candidates in the eighth Express Entry draw of the year. The draw "
        "came as a surprise as IRCC held another draw only last week.\n\n"
        "This draw was significant as it tied with the largest all-program draw, held on March 15, 2023, in "
        "which 7,000 candidates were also invited. Also, the minimum CRS score dropped to 484, a drop of 6 "
        "points.\n\n"
        "This was an all-program draw, open to the FSWP, the CEC and the FSTP. The minimum CRS score "
        "required for this draw was 484.\n"
    )
    by_date = {r[1]: r for r in articles.rows(text)}
    assert by_date["2023-03-15"][2:4] == (7000, None)


def test_the_previous_draw_is_not_a_round_named_only_as_a_bound() -> None:
    text = (
        "Canada invited 932 Express Entry candidates on June 8, 2022, all of them provincial nominees, with "
        "a minimum score of 796.\n\n"
        "This is the largest round since Canada invited 1,047 PNP candidates on March 2, 2022. In the "
        "previous Express Entry draw, IRCC invited 589 PNP candidates with scores of at least 741.\n"
    )
    by_date = {r[1]: r for r in articles.rows(text)}
    assert by_date["2022-03-02"][2:4] == (1047, None)


def test_last_wednesday_said_later_in_the_same_week_names_no_day() -> None:
    text = "Despite the strike, IRCC held its Express Entry draw last Wednesday, inviting 3,500 candidates.\n"
    friday = dt.date(2023, 5, 5)
    assert all(r.date is None for r in parse_article(text, published=friday).rounds)
    monday = dt.date(2023, 5, 1)  # the Wednesday before a Monday is the one of the week before
    assert articles.dates(text, monday) == {"2023-04-26"}


def test_a_change_introduced_by_someone_on_a_day_names_no_round() -> None:
    # The page's second paragraph runs into the next line (no full stop), as a copied page does.
    text = (
        "On June 28, 2023, IRCC invited 500 healthcare workers with a cut-off of 476.\n\n"
        "In addition, a draw for candidates from science and technology occupations is expected in the same "
        "week\nThe category-based selection introduced by Immigration, Refugees and Citizenship Canada "
        "(IRCC) on May 31 has put healthcare first.\n"
    )
    assert articles.dates(text) == {"2023-06-28"}


def test_draws_named_as_the_way_a_round_was_held_are_not_several_rounds() -> None:
    text = (
        "On June 28th, IRCC extended invitations to 500 healthcare workers through the newly introduced "
        "Express Entry category-based selection draws. They needed a minimum CRS score of 476.\n"
    )
    assert articles.undated(text) == [("06-28", 500, 476, "category", "healthcare")]


def test_the_day_someone_spoke_is_no_rounds_day() -> None:
    text = (
        '"This will help our science sector," said the Minister of Innovation, Science and Industry on '
        "Thursday. STEM candidates will be invited on July 5, 2023.\n"
    )
    assert parse_article(text, published=dt.date(2023, 6, 30)).rounds == ()
    held = "Published June 30, 2023\n\nIRCC said it held a STEM draw on Thursday, inviting 500 candidates.\n"
    assert articles.dates(held) == {"2023-06-29"}


def test_a_place_and_a_day_on_a_line_at_the_top_are_the_stories_dateline() -> None:
    text = (
        "World\n"
        "Canada invites 500 healthcare workers in its first category-based draw\n"
        "Toronto, June 29\n"
        "Canada has invited 500 healthcare workers under its new category-based draws, with a minimum score "
        "of 476.\n"
    )
    assert all(r.day_written is None or r.day_written.value != "06-29" for r in parse_article(text).rounds)
