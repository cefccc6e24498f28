"""Session 15, after its fresh set's one score (sets 53 to 67): a "Weekly Roundup" title's date is the page's,
not a round's ("roundup" is no round); "IRCC re-opened all Express Entry programs" on a day is an all-
program round (the FSWP and CEC it names are its members), and "invited 1,500 Express Entry applications"
counts invitations; a spun page's "because May 20" is "since May 20", a bound; "the draw launched on May
31, 2017" was held that day, no launch; and "In the year 2015, IRCC invited 12,928 people" is another
year's tally, not the figure of the round the page names later; a sentence ending "in the previous round of
invites" speaks of that round throughout, and "Canada welcomed 924 Express Entry applicants to apply"
counts invitations; "the first draw to include Federal Skilled Worker candidates" is no FSW round; a
sentence may open on a count ("... Class Draw. 4626 candidates were invited"), and what follows a round
named only in a comparison is not that round's; "the range of 3000-7000 invitations" gives no count; and
"today" on a page dated only "Updated: Feb 14, 2021" is no known day; the year of "the implementation of
category-based selection in May 2023" dates no round; the items under "4. Ontario made several draws at the
end of September:" are the province's draws, up to the next numbered item; and "Today" under a listed
post's own date line ("Oct 14, 2020") is that day, not the page's. Our words, after real pages; each test
fails without its rule. Facts from the feed: #239 (February 1, 2023, 893 PNP at 733), #226 (July 6, 2022,
1,500 at 557, no program specified), #196 (July 8, 2021, 4,500 CEC at 369), #65 (May 31, 2017, 3,877 at
413), #218 (March 16, 2022, 924 PNP at 754), #217 (March 2, 2022, 1,047 PNP), #155 (July 8, 2020, 3,900 at
478, no program specified), #174 (January 21, 2021, 4,626 CEC at 454), #172 (January 7, 2021, 4,750 CEC at
461), #294 (April 23, 2024, 2,095 at 529)."""

from __future__ import annotations

from scraper.parsing.article import parse_article
from tests.support import articles


def test_a_roundups_title_date_is_no_round() -> None:
    text = (
        "Newsletter\n\n"
        "Settlement Weekly Roundup February 7, 2023\n\n"
        "Stories of the week for the settlement sector.\n\n"
        "On February 1st a Provincial Nominee Program draw invited 893 candidates with a minimum CRS score "
        "of 733.\n"
    )
    assert articles.rows(text) == [(None, "2023-02-01", 893, 733, "program", None)]


def test_reopening_all_programs_on_a_day_is_an_all_program_round() -> None:
    text = (
        "Settlement Weekly Roundup July 12, 2022\n\n"
        "On July 6th IRCC re-opened all Express Entry programs including the Federal Skilled Worker Program "
        "and the Canadian Experience Class. For the first time since December 2020 IRCC invited 1,500 "
        "Express Entry applications, with a cut-off score of 557.\n"
    )
    assert articles.rows(text) == [(None, "2022-07-06", 1500, 557, "general", None)]


def test_because_before_a_day_is_a_spun_since() -> None:
    text = (
        "Express Entry: Canada invitations 4,500 CEC candidates\n\n"
        "On July 8, 2021, Canada invited 4,500 Canadian Experience Class candidates with a minimum rating "
        "of 369. This was once additionally the smallest CEC draw because May 20.\n"
    )
    assert "2021-05-20" not in articles.dates(text)


def test_a_draw_launched_on_a_day_was_held_that_day() -> None:
    text = (
        "First half of 2017\n\n"
        "In fact, in the 15th express entry draw launched on May 31, 2017, the CRS requirement went down to "
        "as low as 413 points.\n"
    )
    assert articles.rows(text) == [(None, "2017-05-31", None, 413, None, None)]


def test_another_years_tally_before_the_round_is_not_its_count() -> None:
    text = (
        "Invitations in the first half of 2017\n\n"
        "In the year 2015, IRCC invited 12,928 people to apply for permanent residence.\n\n"
        "In the draw launched on May 31, 2017, the CRS requirement went down to as low as 413 points.\n"
    )
    assert articles.rows(text) == [(None, "2017-05-31", None, 413, None, None)]


def test_a_count_said_in_the_previous_round_is_not_this_rounds() -> None:
    text = (
        "Canada welcomes 924 PNP candidates\n\n"
        "On March 16, 2022, Canada welcomed 924 Express Entry applicants to apply for permanent residency. "
        "Candidates needed a CRS of at least 754.\n\n"
        "Invited candidates now have 60 days to apply. IRCC invited 1,047 PNP candidates to apply for "
        "Canadian immigration in the previous round of invites.\n"
    )
    assert articles.rows(text) == [(None, "2022-03-16", 924, 754, None, None)]


def test_a_draw_to_include_a_programs_candidates_is_not_that_programs() -> None:
    text = (
        "Express Entry update\n\n"
        "On July 8th 2020, we saw the first draw to include Federal Skilled Worker candidates again since "
        "March; it invited 3,900 candidates.\n"
    )
    assert articles.rows(text) == [(None, "2020-07-08", 3900, None, None, None)]


def test_a_count_after_a_compared_round_is_not_the_compared_rounds() -> None:
    text = (
        "News on Express Entry\n\n"
        "On January 20th and January 21st, 2021, IRCC issued two new rounds of invitations.\n\n"
        "The second draw invited candidates who qualify under the Canadian Experience Class. The minimum "
        "score selected was 454, a decrease of 7 points from the January 7th, 2021 Canadian Experience Class "
        "Draw. 4626 candidates were invited to apply in this draw.\n"
    )
    assert all(r[2] != 4626 for r in articles.rows(text))


def test_a_ranges_bound_is_no_count() -> None:
    text = (
        "Why is the cut-off so high?\n\n"
        "On December 6, 2023, the department finally held a new invitation round. The cut-off score of this "
        "round was 561 points.\n\n"
        "Number of invitations in the round\n\n"
        "In most cases, the number of invitations in a single round is stable. On average, it is always "
        "within the range of 3000-7000 invitations to apply every two-week cycle.\n"
    )
    assert articles.rows(text) == [(None, "2023-12-06", None, 561, None, None)]


def test_today_on_a_page_dated_only_by_its_update_is_no_known_day() -> None:
    text = (
        "Immigration News\n\n"
        "Largest Express Entry Draw of all time\n\n"
        "Updated: Feb 14, 2021\n\n"
        "In a very surprising event today, IRCC has selected 27,332 people in the Express Entry Draw, all of "
        "them Canadian Experience Class candidates, with a CRS score as low as 75.\n"
    )
    assert "2021-02-14" not in articles.dates(text)


def test_the_year_of_an_implementation_is_not_the_rounds() -> None:
    text = (
        "The three draws of the final week of April 2024 show that IRCC is recruiting.\n\n"
        "The implementation of category-based selection in May 2023 is a significant change. This is a "
        "marked decrease from the April 23rd general draw, whose minimum CRS score was 529.\n"
    )
    assert "2023-04-23" not in articles.dates(text)


def test_the_items_under_a_provinces_draws_are_the_provinces() -> None:
    text = (
        "Immigration news September 2022\n\n"
        "3. Express entry draws are heading towards pre-covid points. The latest draw made on September 28, "
        "2022, was for 504 points and more.\n"
        "4. Ontario made several draws at the end of September:\n"
        "a. September 27, 2022\n"
        "Human Capital Priorities stream - Tech draw (for candidates in the Express Entry pool with a score "
        "of 496)\n"
        "b. September 23, 2022, French Speaking Skilled stream (CLB 7 and up) for candidates in the Express "
        "Entry pool with a score of 326\n"
        "5. Study permits are processed faster.\n"
    )
    assert articles.rows(text) == [(None, "2022-09-28", None, 504, None, None)]
    # what is left out is said, not dropped
    assert any("heads a province's own draws" in w for w in parse_article(text).warnings)


def test_today_under_a_listed_posts_date_line_is_that_day() -> None:
    text = (
        "A Law Firm\n"
        "Apr 28, 2016\n\n"
        "Electronic Travel Authorizations will be required starting November 10th, 2016.\n\n"
        "More Recent News\n\n"
        "Oct 14, 2020\n\n"
        "Today, the Department of Immigration, Refugees and Citizenship Canada announced an all program "
        "Express Entry draw inviting 4,500 candidates.\n"
    )
    assert articles.dates(text) == {"2020-10-14"}
