"""The fifty-first pass (session 13, on the thirty-fifth set): "The following day" opening a sentence that
invites dates the day after the round the sentence before dated; then, from probes in real pages' phrasing:
a bare count after "invited" ("invited 3,350 with a score of 438"), a cut-off after "at" ("3,900
invitations at 445", "4,500 candidates with STEM experience at 491", "invited 3,000 at 522"), a "Type:"
label in a round's box, and a day written with slashes ("13/03/2024"). Our words; each test fails without
its rule, but the second and third, guards (a day with no round, a comparison) and the time after "at".
Facts from the feed: #269 to #271 (October 24 to 26, 2023), and those named in each test."""

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


def test_a_bare_count_after_invited_and_a_cut_off_after_at() -> None:
    # Feed: #110, January 30, 2019, 3,350 at 438; #105, November 28, 2018, 3,900 at 445; #104, November 14,
    # 2018, 3,900 at 449.
    text = (
        "Draws to remember\n\n"
        "The round of January 30, 2019 invited 3,350 with a score of 438.\n\n"
        "On November 28, 2018, IRCC issued 3,900 invitations at 445. On November 14, 2018, 3,900 candidates "
        "were invited at 449.\n"
    )
    assert [r[1:4] for r in articles.rows(text)] == [
        ("2019-01-30", 3350, 438),
        ("2018-11-28", 3900, 445),
        ("2018-11-14", 3900, 449),
    ]


def test_a_time_after_at_is_no_cut_off() -> None:
    text = "On November 28, 2018, IRCC issued 3,900 invitations at 11 am. The tie-break was at 445 UTC.\n"
    assert [r[3] for r in articles.rows(text)] == [None]


def test_a_cut_off_after_at_following_the_people_invited() -> None:
    # Feed: #293, April 11, 2024, 4,500 STEM at 491; #296, May 30, 2024, 2,985 provincial nominees at 676.
    text = (
        "On April 11, 2024, IRCC invited 4,500 candidates with STEM experience at 491. On May 30, 2024, it "
        "invited 2,985 provincial nominees at 676.\n"
    )
    assert [r[1:4] for r in articles.rows(text)] == [("2024-04-11", 4500, 491), ("2024-05-30", 2985, 676)]


def test_a_type_label_in_a_rounds_box_is_its_kind() -> None:
    # Feed: #289, March 12, 2024, 2,850 at 525, no program specified.
    text = "Express Entry draw #289\nDate: March 12, 2024\nType: General\nInvitations: 2,850\nCRS: 525\n"
    assert articles.rows(text) == [("289", "2024-03-12", 2850, 525, "general", None)]


def test_a_cut_off_after_at_following_a_bare_count_or_the_occupations() -> None:
    # Feed: #252, June 28, 2023, 500 healthcare at 476; #297, May 31, 2024, 3,000 CEC at 522.
    text = (
        "On June 28, 2023, IRCC invited 500 candidates in healthcare occupations at 476. On May 31, 2024, a "
        "CEC draw invited 3,000 at 522.\n"
    )
    assert [r[1:4] for r in articles.rows(text)] == [("2023-06-28", 500, 476), ("2024-05-31", 3000, 522)]


def test_a_day_with_slashes_and_transport_workers_invited() -> None:
    # Feed: #289, March 13, 2024, 975 transport at 430 (13 is no month: day first).
    text = "Draw 289 took place on 13/03/2024: IRCC invited 975 transport workers with a cut-off of 430.\n"
    assert [r[:4] for r in articles.rows(text)] == [("289", "2024-03-13", 975, 430)]
