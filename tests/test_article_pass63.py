"""Session 17, after its fresh set's one score (sets 95 to 107, 42 pages): "On June 28, 2023 ... On July 6,
1,500 were also invited" leaves July 6 undated rather than a year earlier; "under its Express Entry (EE)
healthcare category-based selection draws" names the kind of one round; a minister's "Today, 500 ... will
be invited" is a plan; "the very first Express Entry draw of the year" is no round #1; a candidate's
timeline ("January 8, 2024: Submitted documents") and backlog figures ("October 27, 2021: 1,792,404
persons") are no rounds, nor is a byline made of them, nor do their years date a round; "its first
all-program draw since December 2020" does not date a year-less day; "2023 began ..." names the year of
the rounds after it; "The last time FSWP candidates were drawn ..." and "a pause on draws for FSWP
candidates" give the round no program; a list item naming "the 13th draw of 2021" keeps its figures from
the article's round; the programs of a running total are not the round's; and "the first round of the
Express Entry system" is round #1. Our words, after real pages;
each test fails without its rule. Facts from the feed: #252 (June 28, 2023, 500 healthcare), #255 (July 6,
2023, 1,500 healthcare), #170 (December 23, 2020, 5,000 at 468, no program specified), #226 (July 6, 2022,
1,500 at 557), #237 (January 11, 2023, 5,500 at 507), #274 (December 8, 2023, STEM), #186 (May 13, 2021,
4,147 CEC at 401), #185 (May 12, 2021, 557 PNP at 752)."""

from __future__ import annotations

from tests.support import articles


def test_a_day_after_a_full_date_is_not_moved_a_year_back() -> None:
    text = (
        "Health workers\n\n"
        "Within one week, Canada has invited 2,000 health workers from abroad.\n\n"
        "On June 28, 2023, the minister posted the list of categories. On July 6, 1,500 workers were also "
        "invited.\n"
    )
    # (2023-07-06 would be after June 28, 2023; 2022-07-06 is almost a year before it: the year is a doubt)
    assert articles.rows(text) == [(None, None, 1500, None, None, None)]
    assert articles.undated(text) == [("07-06", 1500, None, None, None)]


def test_an_acronym_in_brackets_does_not_make_the_mechanism_several_rounds() -> None:
    text = (
        "On June 28, 2023, the country invited 500 workers to apply for permanent residence under its "
        "Express Entry (EE) healthcare category-based selection draws.\n"
    )
    assert articles.rows(text) == [(None, "2023-06-28", 500, None, "category", "healthcare")]


def test_what_a_minister_says_will_happen_today_is_a_plan() -> None:
    text = (
        "\u2022 Sunday, June 02, 2024\nnewsdesk logo\n\n"
        "In the space of one week, Canada has invited 2,000 healthcare workers from abroad to settle.\n\n"
        "\u201cToday, 500 skilled healthcare workers will be invited to immigrate, and, we will invite 1,500 "
        "more,\u201d he said.\n"
    )
    assert "2024-06-02" not in articles.dates(text)


def test_the_very_first_draw_of_the_year_is_no_round_number() -> None:
    text = (
        "The pool on January 4, 2022\n\n"
        "These figures were taken the day before the very first Express Entry draw of the year, when IRCC "
        "invited provincial nominees only.\n"
    )
    assert all(r["round_id"] != "1" for r in articles.rounds(text))


def test_the_steps_of_a_candidates_timeline_are_no_rounds() -> None:
    text = (
        "Our road to permanent residence\n\n"
        "In December 2023 we were finally selected in the STEM draw.\n\n"
        "## Timeline\n"
        "- December 8, 2023: Selected\n"
        "- January 8, 2024: Submitted documents\n"
        "- May 7: Medical request\n"
        "- May 17: Biometrics request\n"
        "- July 15, 2024: eCoPR received\n"
    )
    assert articles.dates(text) == {"2023-12-08"}


def test_backlog_figures_by_date_are_no_rounds_and_no_byline() -> None:
    text = (
        "The backlog keeps growing\n\n"
        "It has grown as follows:\n"
        "June 1-6, 2022: 2,387,884 persons\n"
        "April 30-May 2, 2022: 2,130,385 persons\n"
        "October 27, 2021: 1,792,404 persons\n"
        "July 6, 2021: 1,447,474 persons\n\n"
        "The citizenship inventory stood at 444,792 candidates on July 15, compared with 394,664 on "
        "June 1.\n\n"
        "Draws are back\n"
        "On July 6, IRCC held its first all-program draw since December 2020, inviting 1,500 candidates.\n"
    )
    found = articles.dates(text)
    # neither a backlog figure's day nor a year guessed from one (by the list, as a byline, or as the same
    # day with its year)
    assert not found & {"2021-10-27", "2021-07-06", "2021-06-01", "2022-06-01", "2020-07-06"}


def test_a_year_compared_with_by_first_since_dates_nothing() -> None:
    # (as a spun copy writes it: "its all-program that is first draw December 2020")
    text = (
        "Draws resume\n\n"
        "On July 6, IRCC held its all-program that is first draw December 2020, with 1,500 ITAs.\n"
    )
    assert "2020-07-06" not in articles.dates(text)


def test_a_year_that_began_dates_the_rounds_after_it() -> None:
    text = (
        "A look back at the first half\n\n"
        "In July 2022, all programs were back, with draws every two weeks.\n\n"
        "However, 2023 began after a pause of six weeks. On January 11, the first draw took place, and 5,500 "
        "candidates received ITAs.\n"
    )
    assert articles.rows(text) == [(None, "2023-01-11", 5500, None, None, None)]


def test_the_last_time_a_programs_candidates_were_invited_is_no_program_round() -> None:
    for sentence in (
        "The last time Federal Skilled Worker Program (FSWP) candidates were drawn from the pool was on "
        "December 23, 2020.",
        "Candidates for the Federal Skilled Worker Program (FSWP) were chosen from the pool for the final "
        "time on December 23, 2020.",
        "The last Express Entry draw for Federal Skilled Worker Program (FSWP) candidates was held on "
        "December 23, 2020.",
    ):
        (row,) = articles.rows("One year without FSWP invitations\n\n" + sentence + "\n")
        assert row[1] == "2020-12-23" and row[4] is None, sentence


def test_a_pause_on_draws_for_a_program_is_no_program_round() -> None:
    text = (
        "A year later\n\n"
        "A draw was held on December 23, 2020, with 5,000 invitations. Few knew that this draw "
        "would mark the start of a pause on Express Entry draws for FSWP candidates.\n"
    )
    assert articles.rows(text) == [(None, "2020-12-23", 5000, None, None, None)]


def test_a_list_item_naming_a_rank_in_the_year_keeps_its_figures() -> None:
    text = (
        "Express Entry in 2021\n\n"
        "The latest draw took place on May 13, 2021.\n\n"
        "Highlights of the year:\n"
        "- The second big draw, with invitations to 6,000 candidates (CEC), in the 13th draw of 2021\n"
    )
    assert articles.rows(text) == [(None, "2021-05-13", None, None, None, None)]


def test_the_programs_of_a_running_total_are_not_the_rounds() -> None:
    text = (
        "Progress in 2021\n\n"
        "Including the latest draw of May 13, 2021, Canada has so far invited 66,475 total candidates from "
        "PNP and CEC streams.\n"
    )
    assert articles.rows(text) == [(None, "2021-05-13", None, None, None, None)]


def test_a_program_round_said_with_so_far_keeps_its_program() -> None:
    # Guard (passes without the rule too): "the largest PNP draw so far" is a record, not a running total.
    text = (
        "The largest PNP draw so far\n\n"
        "On May 12, 2021, IRCC invited 557 provincial nominees with 752 points.\n"
    )
    assert articles.rows(text) == [(None, "2021-05-12", 557, 752, "program", None)]


def test_the_first_round_of_the_express_entry_system_is_round_one() -> None:
    # Feed: #1, January 31, 2015, 779 invitations at 886.
    text = (
        "Job offers under the new system\n\n"
        "In the first round of the Express Entry system, a total of 779 candidates were selected at the "
        "end of January; all of them held a job offer or a provincial nomination.\n"
    )
    assert articles.rows(text) == [("1", None, 779, None, None, None)]
    # (the first round of a year is not: "the first round of 2016")
    assert articles.rows(text.replace("of the Express Entry system", "of 2016")) != [
        ("1", None, 779, None, None, None)
    ]
