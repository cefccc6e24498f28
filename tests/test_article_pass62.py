"""Session 16, after its fresh set's one score (sets 76 to 90): a table copied with its cells run together and
two-digit years ("4-Mar-203,900471" under "Date Invitation issuedNumber of InvitationsCRS score of lowest-
ranked candidate invited") reads day, count and cut-off, the heading naming "invited" after "CRS score"
being the cut-off's (a four-digit year run into a count is not read so: a guard, which passes without the
rule too); "on 30th January in 2019" carries its year; "a score requirement in the 470 regions" is no cut-
off; "About 90% of the candidates ... were CEC candidates" is a share, no program; "on 13 February invited"
is a day, no count of 13; "In the year 2022, this was the 14th round ..., and it was the 226th overall"
numbers the round dated just before it in its paragraph; "the introduction of category-based selection" and
"the default selection method" are the system, no round ("the selection"); a record ("the highest ... on
December 6") of a year named as a period of rounds above it ("In 2023, ... in 42 draws") is in that year,
and "a nomination ... through the Provincial Nominee Program" is a CRS factor, no program; and what a page
says of "today's" round is not the round it dates first when that one "had just" been held; "If you saw the
CEC draw on February 13, 2021" sets no condition on a round; and "Draw #DateCRSInvitations" over "Draw
#293April 11, 20244914,500" reads number, date, cut-off and count. Our words, after real pages; each test
fails without its rule. Facts from the feed: #138 (March 4, 2020, 3,900 at 471), #137 (February 19, 2020,
4,500 at 470), #136 (February 5, 2020, 3,500 at 472), #110 (January 30, 2019, 3,350 at 438), #176 (February
13, 2021, 27,332 CEC at 75), #226 (July 6, 2022, 1,500 at 557), #170 (December 23, 2020, 5,000 at 468), #271
(October 26, 2023), #245 (March 29, 2023, 7,000 at 481), #272 (December 6, 2023, 4,750 at 561), #237
(January 11, 2023, 5,500 at 507), #293 (April 11, 2024, 4,500 STEM at 491), #254 (July 5, 2023, 500 STEM at
486)."""

from __future__ import annotations

from tests.support import articles


def test_a_run_together_table_with_two_digit_years() -> None:
    text = (
        "Federal invitations of the past year\n\n"
        "These are the invitations sent through Express Entry over the last twelve months.\n\n"
        "Date Invitation issuedNumber of InvitationsCRS score of lowest-ranked candidate invited\n"
        "4-Mar-203,900471\n"
        "19-Feb-204,500470\n"
        "5-Feb-203,500472\n\n"
        "Your own score decides where you stand.\n"
    )
    assert articles.rows(text) == [
        (None, "2020-03-04", 3900, 471, None, None),
        (None, "2020-02-19", 4500, 470, None, None),
        (None, "2020-02-05", 3500, 472, None, None),
    ]


def test_a_four_digit_year_run_into_a_count_is_not_read_as_two_digits() -> None:
    # "4-Mar-20203,900471": the year 2020 then 3,900 and 471, not the year 20 and a count of 203,900.
    text = (
        "Date Invitation issuedNumber of InvitationsCRS score of lowest-ranked candidate invited\n"
        "4-Mar-20203,900471\n"
    )
    assert all(row[2] != 203900 for row in articles.rows(text))


def test_a_year_after_in_is_the_days_own() -> None:
    # "on 30th January in 2019" on a page dated 2021: the day's year is written, not the page's.
    text = (
        "Why a visa is refused\n"
        "February 19, 2021\n\n"
        "A low score is the first reason. The lowest score ever invited was 438 points in a draw that took "
        "place on 30th January in 2019.\n"
    )
    assert articles.rows(text) == [(None, "2019-01-30", None, 438, None, None)]


def test_a_score_in_the_region_of_is_no_cut_off() -> None:
    # "a score requirement in the 470 regions" describes the usual level before a round, not its cut-off.
    text = (
        "Immigration news, February 15, 2021\n\n"
        "Before the pandemic Canada invited about 3,500 people per draw with a score requirement in the 470 "
        "regions. The February 13 draw invited 27,332 candidates from the Canadian Experience Class.\n"
    )
    assert articles.rows(text) == [(None, "2021-02-13", 27332, None, "program", None)]


def test_a_share_of_the_invited_names_no_program() -> None:
    # "About 90% of those invited ... were CEC candidates": most of the round, not its program.
    text = (
        "Immigration by numbers, February 20, 2021\n\n"
        "On February 13, 2021, Canada invited 27,332 candidates in an Express Entry draw. The lowest score "
        "was 75. Around 90% of the candidates who got an invitation in this draw were CEC candidates already "
        "living in Canada.\n"
    )
    assert articles.rows(text) == [(None, "2021-02-13", 27332, 75, None, None)]


def test_a_day_written_before_its_month_is_no_count() -> None:
    # "IRCC on 13 February invited candidates": 13 is the day, not 13 invitations.
    text = (
        "A historic Saturday draw\n\n"
        "IRCC on 13 February invited candidates from the Canadian Experience Class (CEC). The round needed "
        "a CRS score of just 75.\n"
    )
    assert [row[1] for row in articles.undated(text)] == [None]


def test_it_was_the_nth_overall_numbers_the_round_dated_before_it() -> None:
    # "... on July 6 ... 557 points. In the year 2022, this was the 14th round ..., and it was the 226th
    # overall." on a page that also names an earlier round: 226 is the July 6 round's number (14 a rank).
    text = (
        "Express Entry in July 2022\n\n"
        "In the round held on July 6, the lowest CRS score invited was 557 points. In the year 2022, this "
        "was the 14th round of invitations, and it was the 226th overall.\n\n"
        "The previous all-program round, on December 23, 2020, had 5,000 ITAs and a cut-off of 468.\n"
    )
    assert articles.rows(text) == [
        ("226", "2022-07-06", None, 557, None, None),
        (None, "2020-12-23", 5000, 468, "general", None),
    ]


def test_category_based_selection_as_a_system_types_no_round() -> None:
    # A column on waiting for a draw: the last one was held on October 26, 2023; later sentences explain
    # "category-based selection" and "the default selection method", which say nothing of that round's kind.
    text = (
        "Waiting for the next draw\n\n"
        "People ask why no Express Entry draw has happened lately, since the last one was held on October "
        "26, 2023. Since the introduction of category-based selection, invitations go to some occupations "
        "and to French language skills, yet the default selection method still invites the highest scores "
        "first.\n"
    )
    assert articles.rows(text) == [(None, "2023-10-26", None, None, None, None)]


def test_a_record_of_the_year_named_above_is_in_that_year() -> None:
    # "In 2023 ... in 42 draws. The lowest ... March 29, 2023 ... The highest was 561 on December 6": the
    # year's records; December 6 is in 2023, not the December before March 29. The CRS factors explained
    # below ("a nomination ... through the Provincial Nominee Program") are no round's program.
    text = (
        "Express Entry and the CRS in 2023\n"
        "In 2023, Canada sent over 110,000 invitations in 42 draws.\n"
        "The lowest threshold was 481 for the March 29, 2023 draw, where 7,000 candidates were invited. The "
        "highest was 561 on December 6, where 4,750 candidates received invitations.\n"
        "How the CRS works\n"
        "Extra points come from a Canadian degree, a valid job offer or a nomination from a province through "
        "the Provincial Nominee Program.\n"
    )
    assert [row[1:3] for row in articles.rows(text)] == [("2023-03-29", 7000), ("2023-12-06", 4750)]
    assert [row[4] for row in articles.rows(text)] == [None, None]


def test_todays_figures_are_not_the_earlier_round_named_first() -> None:
    # The page's own round is "today" (no date known); the first round it dates "had just completed" before
    # it: today's 490 is not January 11's, which states its own 5,500.
    text = (
        "A second surprise draw\n\n"
        "The second Express Entry draw of the year was held today.\n"
        "A minimum CRS score of 490 was needed, and 5,500 candidates were invited.\n"
        "On January 11, 2023, IRCC had just completed a draw in which it also invited 5,500 applicants.\n"
    )
    assert articles.rows(text) == [(None, "2023-01-11", 5500, None, None, None)]


def test_if_you_saw_a_draw_it_was_held() -> None:
    # "If you saw the CEC draw on February 13, 2021 then you know ... 75": the reader saw a real round; "if"
    # here sets no condition on it.
    text = (
        "Language scores and your CRS\n\n"
        "If you saw the Canadian Experience Class (CEC) draw on February 13, 2021 then you know that the "
        "lowest CRS score was 75, a first.\n"
    )
    assert articles.rows(text) == [(None, "2021-02-13", None, 75, "program", None)]


def test_a_numbered_run_together_table_with_the_cut_off_first() -> None:
    # "Draw #DateCRSInvitations" over "Draw #293April 11, 20244914,500": number, date, cut-off, count (the
    # caption's STEM types the rows).
    text = (
        "STEM draws so far\n\n"
        "Draw #DateCRSInvitations\n"
        "Draw #293April 11, 20244914,500\n"
        "Draw #254July 5, 2023486500\n\n"
        "More STEM rounds are planned.\n"
    )
    assert articles.rows(text) == [
        ("293", "2024-04-11", 4500, 491, "category", "stem"),
        ("254", "2023-07-05", 500, 486, "category", "stem"),
    ]


def test_respectively_with_each_count_said_with_its_noun() -> None:
    # "two more draws on April 23 and 24, inviting 2,095 candidates in a general draw and 1,400 candidates in
    # a French ... draw, respectively": the n-th count to the n-th day.
    text = (
        "Draws resume, May 31, 2024\n\n"
        "April had four draws. It ended with two more draws on April 23 and 24, inviting 2,095 candidates in "
        "a general draw and 1,400 candidates in a French-language draw, respectively.\n"
    )
    assert [row[1:3] for row in articles.rows(text)] == [("2024-04-23", 2095), ("2024-04-24", 1400)]


def test_respectively_with_a_figure_of_no_kind_gives_nothing() -> None:
    # A guard (it passes without the rule too): a third figure in the sentence ("30 days apart") leaves which
    # count is whose a doubt, and nothing is given.
    text = (
        "Draws resume, May 31, 2024\n\n"
        "It ended with two more draws on April 23 and 24, inviting 2,095 candidates and 1,400 candidates, "
        "respectively, 30 days apart.\n"
    )
    assert all(row[2] is None for row in articles.rows(text))
