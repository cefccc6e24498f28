"""The twenty-sixth pass (on the twenty-fifth set, after it was scored once): a score said for a program's
candidates, the year of a change or of the system's start, a tally since the start of a year, a table's
"07-Jul", draws resumed on a day, the first round of all, a figure before its day in doubt (docs/articles.md,
the doubt table). Our words, after real pages; each test fails without its rule. Facts from the feed: #1
(January 31, 2015, 779 at 886), #65 (May 31, 2017, 413), #226 (July 6, 2022, 1,500 at 557), #245 (March 29,
2023, 481), #256 and #258 (July 7 and 12, 2023, French, 2,300 at 439 and 3,800 at 375), #135 (January 22,
2020, 3,400 at 471)."""

from __future__ import annotations

from tests.support import articles


def test_a_score_said_for_a_programs_candidates_is_not_the_rounds_kind() -> None:
    text = (
        "Records of Express Entry\n\n"
        "- The lowest CRS score ever invited for Federal Skilled Worker Program candidates was 413 on "
        "May 31, 2017\n"
    )
    assert [r[1:] for r in articles.rows(text)] == [("2017-05-31", None, None, None, None)]
    # A draw named by its program is still that round's kind.
    draw = text.replace("ever invited for Federal Skilled Worker Program candidates", "in the FSWP draw")
    assert [r[4] for r in articles.rows(draw)] == ["program"]


def test_the_year_of_a_plan_unveiled_does_not_date_a_later_day() -> None:
    text = (
        "IRCC invites 3,500 in the first draw of April\n\n"
        "IRCC has just held an all-program draw for April, inviting 3,500 candidates with a cut-off of "
        "486.\n\n"
        "In 2022, the IRCC unveiled its levels plan for the next three years.\n\n"
        "In March, IRCC held three draws back to back. The lowest CRS score was 481, recorded in the draw "
        "that was held on March 29. The number of ITAs issued in 2023 already tops that of 2022.\n"
    )
    assert articles.undated(text) == [("03-29", None, 481, None, None)]


def test_a_tally_since_the_start_of_a_year_dates_the_days_before_it() -> None:
    text = (
        "Canada invited 3,400 Express Entry candidates. The draw was organized on 22nd January, with a "
        "minimum CRS score of 471. IRCC has issued 6,800 ITAs since the beginning of 2020.\n\n"
        "The system was inaugurated in 2015 and manages three federal programs.\n"
    )
    assert [r[1:4] for r in articles.rows(text)] == [("2020-01-22", 3400, 471)]
    # Without the tally, the system's start names no round's year: the day stays a doubt.
    bare = text.replace(" IRCC has issued 6,800 ITAs since the beginning of 2020.", "")
    assert articles.undated(bare) == [("01-22", 3400, 471, None, None)]


def test_a_table_date_written_day_dash_month_is_a_rounds_day() -> None:
    text = (
        "French-language draws of 2023\n\n"
        "Date | Number of ITAs | CRS Score | Draw Type |\n"
        "07-Jul | 2,300 | 439 | Category-based draw for French proficiency |\n"
        "12-Jul | 3,800 | 375 | Category-based draw for French proficiency |\n"
    )
    assert [r[1:] for r in articles.rows(text)] == [
        ("2023-07-07", 2300, 439, "category", "french"),
        ("2023-07-12", 3800, 375, "category", "french"),
    ]


def test_the_day_draws_resumed_is_a_round() -> None:
    text = (
        "Express Entry in 2022\n\n"
        "IRCC resumed Express Entry draws on July 6th, inviting 1,500 candidates with a CRS score of at "
        "least 557.\n"
    )
    assert [r[1:4] for r in articles.rows(text)] == [("2022-07-06", 1500, 557)]
    several = text.replace("resumed Express Entry draws", "held two Express Entry draws")
    assert articles.rows(several) == []


def test_the_first_round_after_the_systems_start_is_round_one() -> None:
    text = (
        "Since the launch of Canada's Express Entry system in January, 2015 there have been many draws.\n\n"
        "The first selection draw saw 779 invites with the lowest selected score being 886 points.\n"
    )
    assert [r[:4] for r in articles.rows(text)] == [("1", None, 779, 886)]
    other = (
        "When Express Entry was initially implemented, the first invitations went to candidates who scored "
        "886 or higher.\n"
    )
    assert [r[:4] for r in articles.rows(other)] == [("1", None, None, 886)]
    # The first draw of a year, or since something, is not the first of all.
    of_year = text.replace("The first selection draw saw", "The first draw of 2019 saw")
    assert all(r[0] != "1" for r in articles.rows(of_year))


def test_a_figure_said_before_a_day_in_doubt_and_points_under_are_kept_apart() -> None:
    text = (
        "Candidates with trade experience were considered in the May 15th draw.\n\n"
        "The cut-off of 332 on May 15th was 106 points under the lowest all-program cut-off this year.\n"
    )
    assert articles.undated(text) == [("05-15", None, 332, None, None)]


def test_under_a_heading_of_several_days_a_paragraph_goes_on_about_the_day_it_names() -> None:
    text = (
        "Canada holds another Express Entry draw on July 12\n\n"
        "Published: July 11, 2023\n\n"
        "July 4-7\n\n"
        "IRCC held draws on four days in a row last week, from July 4 to 7.\n\n"
        "The fourth draw of the week took place on July 7. ITAs went to 2,300 candidates with strong French "
        "skills and a minimum CRS of 439.\n\n"
        "A CRS score of 475 was needed by some.\n"
    )
    by_date = {r[1]: r for r in articles.rows(text)}
    assert by_date["2023-07-07"][2:4] == (2300, 439)
    # A paragraph naming no day under that heading is still no day's.
    assert all(r[3] != 475 for r in by_date.values())


def test_a_day_said_with_last_week_is_one_round_with_what_is_between() -> None:
    text = (
        "Published: July 11, 2023\n\n"
        "In the third draw of last week, IRCC invited 1,500 candidates on July 6 in a healthcare draw with a "
        "cut-off CRS score of 463. The July 4 draw was an all-program one in which the 700 invited "
        "candidates needed a minimum CRS score of 511.\n"
    )
    assert {r[1]: r[2:4] for r in articles.rows(text)} == {
        "2023-07-06": (1500, 463),
        "2023-07-04": (700, 511),
    }


def test_an_example_citing_a_round_by_its_number_and_full_date_is_that_round() -> None:
    text = (
        "How cut-offs move\n\n"
        "For example, draw no.133 was held on 19th December 2019. The minimum cut off score was declared to "
        "be 469, and 3200 ITAs were issued.\n"
    )
    assert [r[:4] for r in articles.rows(text)] == [("133", "2019-12-19", 3200, 469)]
    # A worked case with a full date is still no round.
    worked = (
        "How cut-offs move\n\n"
        "For example, if you entered the pool on January 1, 2018 with 444 points and the draw cut-off was "
        "444, you were invited.\n"
    )
    assert articles.rows(worked) == []


def test_a_clause_whose_subject_is_another_days_draw_gives_this_round_no_kind() -> None:
    text = (
        "Canada invited 521 Express Entry candidates on September 15, 2021. All of them had a provincial "
        "nomination, and they needed at least 732 points. However, the CEC draw expected on September 2 did "
        "not come. The most recent CEC draw happened yesterday.\n"
    )
    (only,) = articles.rounds(text)
    assert (only.get("round_type"), only.get("programs")) == ("program", ["PNP"])


def test_a_score_the_candidate_would_have_is_no_cut_off() -> None:
    text = (
        "Canada invited 627 Express Entry candidates to apply on July 7, 2021. The round was only for "
        "provincial nominees. These candidates needed a score of at least 760. Without the 600 points, the "
        "lowest-scoring candidate would have 160 points.\n"
    )
    assert [r[1:4] for r in articles.rows(text)] == [("2021-07-07", 627, 760)]


def test_a_day_in_doubt_is_joined_to_the_round_the_text_dates_on_that_day() -> None:
    text = (
        "IRCC surprises with 700 invitations\n\n"
        "In the most recent draw, IRCC invited 700 candidates across all programs.\n\n"
        "Last week, on June 28, IRCC held the first-ever category-based draw, for healthcare workers. A "
        "total of 500 candidates with a minimum CRS score of 476 were invited.\n\n"
        "Comparing the recent draws, the current cut-off is the highest among the all-program draws in 2023. "
        "It is 35 points higher than the category-based draw on June 28.\n"
    )
    rows = articles.rows(text)
    assert [r for r in rows if r[1] == "2023-06-28"] == [
        (None, "2023-06-28", 500, 476, "category", "healthcare")
    ]


def test_a_count_of_issued_invitations_is_a_count() -> None:
    text = (
        "Express Entry draws of 2024\n\n"
        "August 15: Level 7 in French – 2,000 issued invitations, with CRS cutoff at 394\n"
    )
    assert [r[1:4] for r in articles.rows(text)] == [("2024-08-15", 2000, 394)]
