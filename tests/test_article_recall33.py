"""Session 15, after its fresh set's one score (sets 53 to 67), recall: counts paired with their days after
"giving" ("giving 775 ITAs on November 10, and another 613 on November 24"); "In that draw" after a
sentence saying the round of its day was held ("On February 13, 2021, IRCC held the largest Express Entry
draw ever. In that draw, 27,332 ... received ITAs"); "CRS scores in the 200s" is no cut-off to clash with
the round's; "foreigners received" counts; and "On February 13 this year, 27,332 ..." is a day in doubt
with its count, not a year's tally; "invitation rounds conducted on September 20, 2017" with one day is one
round; and "Before that, IRCC invited 3,200 ... on July 8" is a day of its own (year in doubt), not a
comparison. Our words, after real pages; each test fails without its rule. Facts from the feed: #209
(November 10, 2021, 775 PNP), #210 (November 24, 2021, 613 PNP), #176 (February 13, 2021, 27,332 CEC at
75), #72 (September 20, 2017, 2,871 at 433), #302 (July 8, 2024, 3,200 French), #279 (January 10, 2024,
1,510 at 546, general), #282 (February 1, 2024, 7,000 French), #173 (January 20, 2021, 374 PNP at 741),
#174 (January 21, 2021, 4,626 CEC at 454)."""

from __future__ import annotations

from tests.support import articles


def test_counts_given_with_their_days() -> None:
    text = (
        "Highlights of the PNP-focused Express Entry in November 2021\n\n"
        "In November, IRCC held two Express Entry draws for PNP candidates, giving 775 ITAs on November 10, "
        "and another 613 on November 24.\n"
    )
    rows = articles.rows(text)
    assert (None, "2021-11-10", 775, None, None, None) in rows
    assert (None, "2021-11-24", 613, None, None, None) in rows


def test_that_draw_after_the_sentence_that_held_it() -> None:
    text = (
        "Lessons from the biggest draw\n\n"
        "On February 13, 2021, IRCC held the largest Express Entry draw ever. In that draw, 27,332 Canadian "
        "Experience Class (CEC) candidates received ITAs. The CRS cut-off score was only 75 points.\n\n"
        "Many candidates with CRS scores in the 200s or 300s assume they have no chance.\n"
    )
    assert articles.rows(text) == [(None, "2021-02-13", 27332, 75, "program", None)]


def test_a_day_this_year_with_foreigners_invited() -> None:
    text = (
        "A record number of invitations\n\n"
        "On February 13 this year, 27,332 foreigners received the so-called Invitation to Apply (ITA).\n"
    )
    assert articles.undated(text) == [("02-13", 27332, None, None, None)]


def test_rounds_conducted_on_one_day_are_one_round() -> None:
    text = (
        "The Express Entry pool as of now\n\n"
        "The recent invitation rounds conducted on September 20, 2017, issued 2,871 ITAs. There are 59,917 "
        "profiles in the pool.\n"
    )
    assert articles.rows(text) == [(None, "2017-09-20", 2871, None, None, None)]


def test_a_day_before_that_is_a_round_of_its_own() -> None:
    text = (
        "The week's draws\n\n"
        "Earlier this week, IRCC invited 1,391 candidates in a PNP-only draw with a minimum CRS score of "
        "670. Before that, IRCC invited 3,200 candidates in a category-based draw for French proficiency on "
        "July 8.\n"
    )
    assert articles.undated(text) == [("07-08", 3200, None, "category", "french")]


def test_a_general_selection_process_and_the_largest_draw_thus_far() -> None:
    text = (
        "Draws of 2024\n\n"
        "In 2024, IRCC has conducted five draws to date. The initial draw occurred on January 10, inviting "
        "1,510 candidates with a minimum CRS score of 546 through a general selection process.\n\n"
        "The largest draw of the year thus far occurred on February 1, inviting 7,000 candidates through a "
        "category-based selection process tailored for applicants proficient in French.\n"
    )
    rows = articles.rows(text)
    assert (None, "2024-01-10", 1510, 546, "general", None) in rows
    assert (None, "2024-02-01", 7000, None, "category", "french") in rows


def test_the_first_and_second_draw_after_two_days_named() -> None:
    text = (
        "News on Express Entry\n\n"
        "On January 20th and January 21st, 2021, IRCC issued two new rounds of invitations to apply for "
        "permanent residence.\n\n"
        "The first draw invited candidates who qualify under the Provincial Nominee Class. The minimum score "
        "selected was 741, and 374 candidates were invited to apply.\n\n"
        "The second draw invited candidates who qualify under the Canadian Experience Class. The minimum "
        "score selected was 454, a decrease of 7 points from the January 7th, 2021 Canadian Experience "
        "Class Draw. 4626 candidates were invited to apply in this draw.\n"
    )
    rows = articles.rows(text)
    assert (None, "2021-01-20", 374, 741, None, None) in rows
    assert (None, "2021-01-21", 4626, 454, None, None) in rows
