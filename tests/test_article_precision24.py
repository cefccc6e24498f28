"""The forty-eighth pass (session 13, on the thirty-fifth set, after its one score): a pool update's day is
no round's, two cut-offs for one round put the other figure of either clause in doubt, "500 invitations
have been reduced" is a difference, a province that invites holds its own draw (and so does "OINP"), the
pool's count on a day names no round, and a year-less day half a year before an undated article's own
round is a doubt. Our words, after real pages; each test fails without its rule. Facts from the feed: #262
(August 15, 2023, 4,300 at 496), #263 (September 19, 2023, 3,200 at 531), #261 (August 3, 2023, 1,500
trades at 388), #276 (December 19, 2023, 1,000 trades at 425), #65 (May 31, 2017, 3,877 at 413), #242
(March 1, 2023, 667 at 748), #243 (March 15, 2023, 7,000 at 490)."""

from __future__ import annotations

from scraper.parsing.article import _round_facts
from scraper.parsing.article_facts import Fact
from scraper.parsing.article_mentions import Mention
from tests.support import articles


def test_the_day_of_a_pool_update_is_no_round() -> None:
    text = (
        "What the pool looks like now\n\n"
        "There were 215,735 profiles in the pool on July 17, 2024, about 7,000 fewer than the count "
        "published on July 2.\n\n"
        "Since the update on July 2, IRCC has issued 19,161 invitations across seven draws.\n\n"
        "IRCC's most recent figures on the pool were July 17th, 2024, just before two Express Entry draws.\n"
    )
    assert articles.rows(text) == []


def _facts(*given: tuple[str, int, int, int]) -> tuple[object, object]:
    """The count and cut-off decided for one round given (field, value, clause, strength) facts."""
    mention = Mention(first=0)
    for name, value, clause, strength in given:
        mention.facts.append((Fact(name, value, 0, 1, str(value)), clause, strength))
    facts = _round_facts(mention)
    return (
        facts.invitations.value if facts.invitations else None,
        facts.crs_min.value if facts.crs_min else None,
    )


def test_a_figure_from_a_clause_that_gives_the_round_another_cut_off_is_in_doubt() -> None:
    # "The last draw took place on August 15 (no year) ... it was an all-program draw ... minimum score of
    # 496 ... The latest draw invited 3,200 ... minimum of 531": clause 1 gives 496; clause 2, 3,200 and 531.
    assert _facts(("crs_min", 496, 1, 1), ("invitations", 3200, 2, 1), ("crs_min", 531, 2, 1)) == (None, None)
    # A count that a third clause, naming the round by its day, gives too is no doubt.
    assert _facts(
        ("crs_min", 496, 1, 1),
        ("invitations", 3200, 2, 1),
        ("crs_min", 531, 2, 1),
        ("invitations", 3200, 3, 2),
    ) == (3200, None)


def test_invitations_that_have_been_reduced_are_a_difference() -> None:
    text = (
        "Express Entry draw #276: 1,000 invitations for trades\n\n"
        "Date of draw: December 19, 2023\nInvitations: 1,000\nLowest CRS: 425\n\n"
        "The previous trades draw took place on August 3, 2023. Express Entry draw #261 gave out 1,500 "
        "invitations and the lowest score invited was 388. The new draw needed 37 more points, and 500 "
        "invitations have been reduced.\n"
    )
    rows = {r[0]: r for r in articles.rows(text)}
    assert rows["261"][2:4] == (1500, 388)


def test_a_province_that_invites_holds_its_own_draw() -> None:
    # Feed: #65, May 31, 2017, 3,877 invitations at 413 (Ontario's own draw the next day is no federal round).
    text = (
        "On 31st May 2017 IRCC invited 3,877 people. Points required: 413. On 1 June 2017, Ontario "
        "invited 500 candidates through its Human Capital Priorities stream.\n"
    )
    assert articles.dates(text) == {"2017-05-31"}


def test_a_provincial_programs_acronym_and_the_pools_count_name_no_federal_round() -> None:
    # Feed: #242, March 1, 2023, 667 provincial nominees at 748.
    text = (
        "On March 1, 2023, IRCC invited 667 PNP candidates at 748. On February 28, 2023, Ontario's OINP "
        "invited 1,000 candidates. The pool had 250,000 candidates on February 27, 2023.\n"
    )
    assert articles.dates(text) == {"2023-03-01"}


def test_a_day_far_before_the_articles_own_round_is_a_doubt_when_the_article_is_undated() -> None:
    # Feed: #242, March 1, 2023, 667 at 748; #243, March 15, 2023, 7,000 at 490 (a later article's link).
    text = (
        "On March 1, 2023, IRCC invited 667 PNP candidates at 748. "
        "Also read: Canada invites 7,000 candidates on March 15\n"
    )
    assert articles.dates(text) == {"2023-03-01", None}
    assert ("03-15", 7000, None, None, None) in articles.undated(text)
