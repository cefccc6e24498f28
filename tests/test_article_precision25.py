"""The fifty-second pass (session 13, on the thirty-sixth and thirty-seventh sets, after their one score): a
clause whose count is not the round's own speaks of another round, cut-off and all; a sentence opening on a
province that announces, holds or runs a draw is that province's; and what its paragraph says next, naming
no round, is that draw's too; then a round number too large for a day is not its number (five days a round
at the fastest), "On February 13, 2021:" opens its sentence, a goal's programs are no kind, a document's
day no round, "There was also one draw for ..." another round, "Starting June 6, 2017" no round, a cut-off
"which dropped to" another is not the round's, "Alberta (AINP) invited", "In Ontario,", "Quebec's Arrima
draw" are a province's, a day something else happened on (an update, a deadline, a tweet) is no round, and
"updated for 2025" is not its rounds' year. Our words, after real pages; each test fails without its rule.
Facts from the feed: #275 to #278 (December 18 to 21, 2023: 1,325 at 542; 1,000 trades at 425; 670
transport at 435; 400 agriculture at 386), #215 (February 2, 2022, 1,070 provincial nominees at 674), #59,
#64, #148, #175, #176, #240, #242, #252, #286."""

from __future__ import annotations

from tests.support import articles


def test_a_clause_whose_count_is_another_rounds_gives_no_cut_off() -> None:
    text = (
        "Weekly review: December 18 – 24, 2023\n\n"
        "IRCC held four draws last week. The first invited 1,325 candidates from all programs with a minimum "
        "score of 542. On December 19, IRCC held a trades draw and invited 1,000 candidates. The December 20 "
        "draw for transport occupations saw 670 invitations to apply. Lastly, IRCC issued 400 invitations to "
        "agriculture and agri-food candidates with a minimum score of 386.\n"
    )
    assert ("2023-12-20", 670, None) in [r[1:4] for r in articles.rows(text)]


def test_a_province_opening_a_sentence_holds_its_own_draw_and_keeps_what_follows() -> None:
    text = (
        "February 2, 2022: the federal government issued 1,070 invitations to PNP candidates.\n\n"
        "• Quebec announced the results of a January 27, 2022 draw which invited 322 candidates. A cut-off "
        "of 647 points was used.\n"
        "• Alberta announced the results of a January 18, 2022 draw that invited 350 Express Entry "
        "candidates with a CRS cut-off of 346.\n"
    )
    assert [r[1:4] for r in articles.rows(text)] == [("2022-02-02", 1070, None)]


def test_a_round_number_too_large_for_a_records_day_is_not_its_number() -> None:
    # Feed: #175, February 10, 2021, 654 provincial nominees; the record of 199 was #64, May 26, 2017.
    text = (
        "The lowest CRS requirement ever, before this year, was 199 points for the May 26, 2017 Express "
        "Entry draw.\n\nIt was the 175th Express Entry draw. A total of 654 invitations were sent.\n"
    )
    assert ("175", None) in [(r[0], r[1]) for r in articles.rows(text)]


def test_a_day_and_a_colon_open_their_sentence() -> None:
    # Feed: #176, February 13, 2021, 27,332 Canadian Experience Class candidates at 75.
    text = (
        "On February 13, 2021: the latest Express Entry draw was held. Canada invited 27,332 applicants from "
        "the Canadian Experience Class (CEC).\n"
    )
    assert [r[1:3] for r in articles.rows(text)] == [("2021-02-13", 27332)]


def test_a_goals_programs_are_no_kind() -> None:
    # Feed: #176, February 13, 2021, 27,332 Canadian Experience Class candidates at 75 (the kind not said).
    text = (
        "Focus on candidates in Canada in 2021\n\n"
        "The huge round held on 13th February 2021 helped towards this year's goal of 141,000 CEC "
        "admissions.\n"
    )
    assert articles.rows(text) == [(None, "2021-02-13", None, None, None, None)]


def test_a_documents_day_is_no_round() -> None:
    text = "IRCC invited 6,000 CEC candidates in each round, as a document released on 8th June 2021 shows.\n"
    assert articles.rows(text) == []


def test_there_was_also_one_draw_names_another_round() -> None:
    # Feed: #252, June 28, 2023, 500 healthcare at 476; #240, February 2, 2023, 3,300 FSW at 489.
    text = (
        "The year 2023 in review\n\n"
        "The first category-based draw took place on June 28, 2023 and invited 500 healthcare workers. "
        "There was also one draw for Federal Skilled Workers with a minimum CRS of 489.\n"
    )
    assert [r[1:4] for r in articles.rows(text)] == [("2023-06-28", 500, None)]


def test_the_first_day_of_a_change_is_no_round() -> None:
    # Feed: #59, April 12, 2017, 3,923 at 423 (the new points began on June 6, 2017: no round that day).
    text = (
        "On April 12, 2017, IRCC invited 3,923 candidates with at least 423 points. Starting June 6, 2017, "
        "more CRS points go to candidates with strong French and to those with a sibling in Canada.\n"
    )
    assert articles.dates(text) == {"2017-04-12"}


def test_a_cut_off_before_its_change_is_not_the_rounds() -> None:
    # Feed: #148, May 14, 2020, 3,371 at 447.
    text = "Express Entry in May 2020\n\nThe May score was 452, which dropped to 447 on the May 14th draw.\n"
    assert all(r[3] != 452 for r in articles.rows(text))


def test_a_province_with_its_acronym_holds_its_own_draw() -> None:
    text = "Alberta (AINP) invited 191 Express Entry candidates (CRS 300) on 13th May 2020.\n"
    assert articles.rows(text) == []


def test_provinces_own_draws_in_other_words() -> None:
    # Feed: #242, March 1, 2023, 667 provincial nominees at 748 (the province's draws the next day are not).
    base = "On March 1, 2023, IRCC invited 667 PNP candidates at 748.\n\n"
    for other in (
        "In Ontario, 1,000 invitations were issued on March 2, 2023 under the French-Speaking Skilled Worker "
        "stream.\n",
        "Saskatchewan's Express Entry category draw on March 2, 2023 invited 500 candidates, score 70.\n",
        "Quebec's Arrima draw on March 2, 2023 invited 1,000 candidates with a score of 600.\n",
        "On March 2, 2023, PEI invited 150 candidates in its Labour and Express Entry draw.\n",
    ):
        assert articles.dates(base + other) == {"2023-03-01"}, other


def test_a_day_when_something_else_happened_is_no_round() -> None:
    # Feed: #242, March 1, 2023, 667 provincial nominees at 748.
    base = "On March 1, 2023, IRCC invited 667 PNP candidates at 748.\n\n"
    for other in (
        "On March 2, 2023, IRCC updated the CRS score distribution of the pool.\n",
        "IRCC extended the deadline for invited candidates on March 6, 2023.\n",
        "Minister Sean Fraser tweeted about the draw on March 2, 2023.\n",
        "IRCC confirmed the draw on March 2, 2023 in an email to a news site.\n",
    ):
        assert articles.dates(base + other) == {"2023-03-01"}, other


def test_a_pages_edition_year_is_not_its_rounds_year() -> None:
    # Feed: #286, February 28, 2024, 1,470 at 534 (not 2025).
    text = "Express Entry guide (updated for 2025)\n\nOn February 28, IRCC invited 1,470 candidates at 534.\n"
    assert articles.dates(text) == {None}
