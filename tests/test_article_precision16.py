"""Doubt rules of the seventeenth pass (after the eighteenth set was scored): a day after the year's first
round; a year's running total opening with "In 2018,"; a post's number and a rank in the pool; a kind of
draw that did not take place (docs/articles.md, the doubt table). Fixtures in our own words, after real
pages; each case fails without its rule."""

from __future__ import annotations

from tests.support import articles


def test_a_day_after_the_years_first_round_is_later_that_year() -> None:
    text = (
        "Canada held another Express Entry draw on April 3rd. In this draw, it selected candidates with "
        "scores of 451. Eight draws have been held in 2019 so far.\n\n"
        "In the {first} draw which happened on January 10th, 2019, 449 was the qualifying score. On January "
        "23rd, this score was 443. The score was 438 on January 30th, 2019.\n"
    )
    for first in ("first", "opening", "earliest"):
        dates = articles.dates(text.format(first=first))
        assert "2019-01-23" in dates and "2018-01-23" not in dates, first
    # After a round that is not the year's first, the day would be on or before it: a year earlier
    # (2018-01-23) is over half a year before it, and the text may have moved on, so the year is a doubt
    # (session 17).
    latest = articles.dates(text.format(first="latest"))
    assert "2018-01-23" not in latest and "2019-01-23" not in latest


def test_a_count_after_in_a_year_and_a_comma_is_that_years_running_total() -> None:
    text = (
        "Canada held its latest draw on April 3rd, 2019, selecting candidates with scores of 451.\n\n"
        "With this draw, Canada has selected 24,500 candidates this year. {lead} only 17,500 candidates had "
        "been invited until this time.\n"
    )
    for lead in ("In 2018,", "In 2017,"):
        (round_,) = articles.rounds(text.format(lead=lead))
        assert round_.get("invitations") is None, lead


def test_a_post_number_or_a_rank_in_the_pool_is_no_round_number() -> None:
    text = (
        "IRCC held a PNP-only draw on July 22, 2020. The drop in scores has many causes, as covered in "
        "{what}. With my score I am somewhere around {rank} in the pool.\n"
    )
    for what, rank in (("post # 15", "#6500"), ("episode #3", "#12000"), ("part 2", "#4750")):
        numbers = {r.get("round_id") for r in articles.rounds(text.format(what=what, rank=rank))}
        assert numbers == {None}, what


def test_a_kind_of_draw_that_did_not_take_place_is_no_rounds() -> None:
    from scraper.parsing.article_facts import kinds

    for said in ("did not take place", "has not been held", "didn't happen"):
        clause = f"The express entry draw for all programs {said} this month."
        assert [k for k in kinds(clause, 0, len(clause)) if k[0] == "general"] == [], said
    held = "The express entry draw for all programs took place this month."
    assert [k[0] for k in kinds(held, 0, len(held))] == ["general"]
