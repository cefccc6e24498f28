"""The fifty-first pass (session 13, on the thirty-fifth set): "The following day" opening a sentence that
invites dates the day after the round the sentence before dated. Our words, after a real page; the first
test fails without the rule, the others are guards (a number of its own, a day with no round, a
comparison). Facts from the feed: #269 to #271 (October 24, 2023, 1,548 PNP; October 25, 300 French at
486; October 26, 3,600 healthcare at 431)."""

from __future__ import annotations

from tests.support import articles


def test_the_following_day_is_the_day_after_the_round_just_dated() -> None:
    text = (
        "Three draws this week\n\n"
        "IRCC held three Express Entry draws this week. On October 24, 2023, IRCC issued 1,548 invitations "
        "to Provincial Nominee Program candidates. The following day, the department invited 300 "
        "French-speaking candidates in a French language proficiency draw. Then, on October 26, 2023, IRCC "
        "issued 3,600 invitations in a healthcare draw.\n"
    )
    rows = articles.rows(text)
    assert (None, "2023-10-25", 300, None, "category", "french") in rows


def test_the_following_day_without_a_round_names_none() -> None:
    text = (
        "On October 24, 2023, IRCC issued 1,548 invitations to Provincial Nominee Program candidates. "
        "The following day, the minister spoke about housing.\n"
    )
    assert articles.dates(text) == {"2023-10-24"}


def test_the_following_days_round_compared_is_not_dated_by_it() -> None:
    text = (
        "On October 24, 2023, IRCC issued 1,548 invitations to Provincial Nominee Program candidates, "
        "fewer than the 3,600 invited in the draw held the following day.\n"
    )
    assert articles.dates(text) == {"2023-10-24"}
