"""Doubt rules of the article reader that the corpus score cannot show (docs/articles.md)."""

from __future__ import annotations

import datetime as dt

from eewatch.domain.announcement import RoundFacts
from scraper.parsing.article import parse_article


def test_two_cut_offs_for_the_same_round_leave_it_empty() -> None:
    text = (
        "On Wednesday, 23rd January 2019, Canada held its second Express Entry draw of the year, inviting "
        "3,900 applicants with a minimum ranking score of 438 points.\n\n"
        "Using 443 points as the minimum has set a record for this draw, the January draw with the lowest "
        "minimum score.\n"
    )
    (round_,) = parse_article(text).rounds
    assert round_.date is not None and str(round_.date.value) == "2019-01-23"
    assert round_.crs_min is None
    assert any("crs_min" in w and "left empty" in w for w in round_.warnings)


def test_the_same_text_with_one_cut_off_keeps_it() -> None:
    text = (
        "On Wednesday, 23rd January 2019, Canada held its second Express Entry draw of the year, inviting "
        "3,900 applicants with a minimum ranking score of 443 points.\n\n"
        "Using 443 points as the minimum has set a record for this draw.\n"
    )
    (round_,) = parse_article(text).rounds
    assert round_.crs_min is not None and round_.crs_min.value == 443


def test_a_change_to_the_system_on_a_date_is_no_round() -> None:
    text = (
        "On November 16, 2022, IRCC switched every program to the new NOC codes, and candidates reported "
        "glitches soon after.\n\nThe system was launched on the 1st of January 2015.\n"
    )
    assert parse_article(text).rounds == ()


def test_another_months_figures_are_not_the_rounds() -> None:
    text = (
        "Published on: April 13, 2023\n\n"
        "On April 12, 2023, IRCC invited 3,500 candidates with a CRS score of at least 486.\n\n"
        "The most candidates invited in one month was in February 2021, when 27,332 Canadian Experience "
        "Class candidates were invited.\n"
    )
    (round_,) = parse_article(text).rounds
    assert round_.invitations is not None and round_.invitations.value == 3500
    assert round_.round_type is None
    assert any("in February 2021" in w for w in round_.warnings)


def test_a_numeric_date_read_two_ways_names_no_round() -> None:
    one_way = "In the latest draw, held on 23-07-2020, IRCC invited 3,343 CEC candidates."
    (round_,) = parse_article(one_way).rounds
    assert round_.date is not None and str(round_.date.value) == "2020-07-23"
    two_ways = "In the latest draw, held on 03-07-2020, IRCC invited 3,343 CEC candidates."
    assert parse_article(two_ways).rounds == ()


def test_a_figure_after_a_sentence_naming_two_rounds_is_neithers() -> None:
    text = (
        "Draw #240 invited 3,300 Federal Skilled Worker candidates on February 2, 2023, and the #239th "
        "draw was for provincial nominees. A candidate needed at least 489 points.\n"
    )
    rounds = parse_article(text).rounds
    assert [r.round_id.value for r in rounds if r.round_id] == ["240", "239"]
    assert all(r.crs_min is None for r in rounds)
    assert any("follows a sentence naming two rounds" in w for w in parse_article(text).warnings)


def test_ties_broken_at_a_moment_is_the_tie_break_not_a_round() -> None:
    # Round #106 (feed): December 12, 2018, 3,900 invited at 445; ties broken at November 28, 2018, 09:51:43
    # UTC. "Ties ... were broken at" is the tie-break, never a second round nor the round's own moment.
    text = (
        "IRCC ran another round of invitations on December 12, 2018, sending 3,900 invitations to apply; "
        "the lowest score invited was 445.\n\n"
        "Ties among the candidates on 445 points were broken at November 28, 2018, at 09:51:43 UTC.\n"
    )
    (round_,) = parse_article(text).rounds
    values = round_.values()
    assert values["date"] == "2018-12-12"
    assert values["tie_break_at"] == "2018-11-28T09:51:43Z"
    assert "held_at" not in values
    # The same line on the round's own day: still the tie-break, not the time the round was held.
    same_day = text.replace("December 12, 2018", "November 28, 2018")
    (round_,) = parse_article(same_day).rounds
    assert "held_at" not in round_.values()
    assert round_.values()["tie_break_at"] == "2018-11-28T09:51:43Z"


def test_the_year_of_a_change_to_the_system_dates_no_round() -> None:
    # Rounds #331 and #332 (feed): January 7, 2025 (PNP, 471 at 793) and January 8, 2025 (CEC, 1,350 at 542).
    # A page with no date of its own names 2023 only as the year something was introduced, and 2024 only in a
    # comparison: which year the January rounds are in is a doubt.
    text = (
        "The Canadian Experience Class round on January 8 invited 1,350 candidates with at least 542 points. "
        "It follows a provincial nominee round on January 7 that invited 471 at a cut-off of 793.\n\n"
        "In 2023, category-based selection was introduced so that IRCC could pick particular skills.\n\n"
        "December 2024 saw fewer invitations than the months before it.\n"
    )
    article = parse_article(text)
    # January 8's round is stated with its count and cut-off: given with no date, and the day as written.
    (round_,) = article.rounds
    assert round_.date is None and round_.day_written is not None and round_.day_written.value == "01-08"
    assert (round_.values()["invitations"], round_.values()["crs_min"]) == (1350, 542)
    assert any("'January 8' has no year" in w for w in article.warnings)
    # With the year said once as the rounds' own, they are dated.
    dated = text.replace("round on January 8", "round on January 8, 2025")
    assert [str(r.date.value) for r in parse_article(dated).rounds if r.date] == ["2025-01-08", "2025-01-07"]


def test_announced_today_on_a_date_is_the_articles_date_not_a_round() -> None:
    # Rounds #171 and #172 (feed): January 6, 2021 (PNP, 250 at 813) and January 7, 2021 (CEC, 4,750 at 461).
    text = (
        "On January 7, Canada held one more Express Entry round, the second in two days.\n\n"
        "The results of the round were announced today on, 8 January 2021.\n\n"
        "In the January 6 round, 250 provincial nominees were invited, with a minimum score of 813.\n"
    )
    rounds = parse_article(text).rounds
    assert [str(r.date.value) for r in rounds if r.date] == ["2021-01-07", "2021-01-06"]


def test_a_count_split_by_a_space_is_a_doubt() -> None:
    # Round #119 (feed): June 12, 2019, 3,350 invited at 465. "3, 350" is not 350.
    text = "On June 12, 2019 the round sent 3, 350 invitations to apply to the top candidates.\n"
    (round_,) = parse_article(text).rounds
    assert round_.invitations is None
    assert any("split by a space" in w for w in round_.warnings + parse_article(text).warnings)
    # A day and a count are two numbers: "On June 12, 350 candidates" keeps its 350.
    day = "On June 12, 350 candidates were invited in an Express Entry round of 2019.\n"
    (round_,) = parse_article(day).rounds
    assert round_.invitations is not None and round_.invitations.value == 350


def test_the_month_named_with_its_year_dates_the_day_after_it() -> None:
    # Round #119 (feed): June 12, 2019. The page's byline is a later update (January 2021).
    text = (
        "Express Entry news\n\nJanuary 21, 2021\n\n"
        "The opening Express Entry round of June 2019 has arrived! Held on June 12, it invited candidates to "
        "apply for permanent residence with a minimum score of 465.\n"
    )
    (round_,) = parse_article(text).rounds
    assert round_.date is not None and str(round_.date.value) == "2019-06-12"


def test_a_years_total_and_a_launch_are_not_the_rounds() -> None:
    # Round #254 (feed): July 5, 2023, the first STEM round, 500 invited at 486.
    text = (
        "On July 5, 2023, IRCC held its first Express Entry round for STEM occupations and issued 500 "
        "Invitations to Apply (ITA) to eligible candidates.\n\n"
        "In round #254, the cut-off was 486 points.\n\n"
        "This year, Canada has issued 60,748 ITAs through its Express Entry draws.\n\n"
        "On May 31, 2023, the Government of Canada launched category-based selection for Express Entry.\n"
    )
    article = parse_article(text)
    (round_,) = article.rounds
    values = round_.values()
    assert (values["round_id"], values["date"], values["invitations"], values["crs_min"]) == (
        "254",
        "2023-07-05",
        500,
        486,
    )
    assert any("60,748" in w and "total" in w for w in round_.warnings)


def test_a_bulleted_byline_a_stop_and_a_difference_are_no_rounds() -> None:
    # Feed: July 20, 2022, 1,750 invited at 542 (all programs); July 6, 2022, 1,500 at 557.
    text = (
        "  • Thu, Jul 21 2022\n  • 254\n\n"
        "Express Entry: more invitations, a lower cut-off\n\n"
        "On July 20, Canada invited 1,750 Express Entry candidates to apply for permanent residence. "
        "Candidates needed a CRS score of at least 542.\n\n"
        "Canada sent 250 more invitations in this round than in the round of July 6, which invited 1,500.\n\n"
        "After September 21, 2021, IRCC stopped inviting Canadian Experience Class candidates.\n"
    )
    rounds = parse_article(text).rounds
    assert [str(r.date.value) for r in rounds if r.date] == ["2022-07-20", "2022-07-06"]
    assert len(rounds) == 2
    assert rounds[0].invitations is not None and rounds[0].invitations.value == 1750
    # Alone, a difference is still no count.
    alone = "On July 20, 2022, Canada sent 250 more invitations than in the round before.\n"
    (round_,) = parse_article(alone).rounds
    assert round_.invitations is None
    assert any("difference" in w for w in round_.warnings)


def test_a_year_before_draw_hash_counts_that_years_draws() -> None:
    # Round #16 (feed) was held in 2015; a 2017 review's heading "Draw #16" is that year's sixteenth.
    text = "2017 Express Entry Draw #16: the cut-off climbs again\n\nThe system opened in 2015.\n"
    assert parse_article(text).rounds == ()
    # A full date before it does not count the year's draws: "July 5, 2023 Express Entry Draw #254".
    dated = "July 5, 2023 Express Entry Draw #254: 500 STEM invitations\n"
    assert [r.round_id.value for r in parse_article(dated).rounds if r.round_id] == ["254"]


def test_a_spaced_table_without_a_type_column_is_read() -> None:
    # Feed: January 6, 2016, 1,463 invited at 461; January 13, 2016, 1,518 at 453; May 18, 2016, 763 at 484.
    text = (
        "The department held another round, its eleventh of 2016, with 763 invitations.\n\n"
        "Express Entry rounds in 2016:\n\n"
        "Date Invitations Minimum Score\n"
        "Jan. 6 1,463 461\n"
        "Jan. 13 1,518 453\n"
        "May 18 763 484\n"
    )
    got = [
        (str(r.date.value), r.values().get("invitations"), r.values().get("crs_min"))
        for r in parse_article(text).rounds
        if r.date
    ]
    assert got == [("2016-01-06", 1463, 461), ("2016-01-13", 1518, 453), ("2016-05-18", 763, 484)]


def test_so_far_in_a_year_dates_the_article_and_more_compared_is_a_difference() -> None:
    # Round #172 (feed): January 7, 2021, 4,750 Canadian Experience Class candidates invited.
    text = (
        "Canada held one more Express Entry draw on January 7, inviting 4,750 Canadian Experience Class "
        "candidates.\n\n"
        "It is the second draw of the year, which brings the total number of invitations issued so far in "
        "2021 to 5,000. That is 1,250 ITAs more compared with the same weeks of 2020.\n"
    )
    (round_,) = parse_article(text).rounds
    assert round_.date is not None and str(round_.date.value) == "2021-01-07"
    assert round_.invitations is not None and round_.invitations.value == 4750
    (alone,) = parse_article("On May 1, 2019 IRCC sent 6,750 ITAs more compared to 2018.\n").rounds
    assert alone.invitations is None


def test_a_spaced_table_with_a_number_column_is_read_row_by_row() -> None:
    # Feed: #329, December 3, 2024, French proficiency, 800 at 466; #324, November 15, 2024, 800 at 478.
    text = (
        "French-speaking rounds of 2024\n\n"
        "Date Draw # Program Size CRS\n"
        "2024-12-03 329 French language proficiency (Version 1) 800 466\n"
        "2024-11-15 324 French language proficiency (Version 1) 800 478\n"
    )
    got = [
        tuple(r.values().get(k) for k in ("round_id", "date", "category", "invitations", "crs_min"))
        for r in parse_article(text).rounds
    ]
    assert got == [
        ("329", "2024-12-03", "french", 800, 466),
        ("324", "2024-11-15", "french", 800, 478),
    ]


def test_a_year_run_into_a_figure_never_lets_another_year_date_the_row() -> None:
    # Feed: #214, January 19, 2022, provincial nominees, 1,036 at 745. The cells of the row run together
    # ("214745 ... January 19, 20221,036"); the one year the page names in prose (a look ahead at 2023) must
    # never date it 2023-01-19. Under the numbered header the cells split: the row's own year is read.
    text = (
        "Our review of the year, and a look at how the draws may change in 2023.\n\n"
        "Draw # Minimum CRS Date of Draw # of ITAs\n"
        "214745 (*Provincial nominees only)January 19, 20221,036\n"
    )
    (row,) = parse_article(text).rounds
    assert row.values() == {
        "round_id": "214",
        "date": "2022-01-19",
        "round_type": "program",
        "programs": ["PNP"],
        "invitations": 1036,
        "crs_min": 745,
    }
    # A row that does not split so ("214 745 ...", a space inside) keeps its year run into the count: not
    # read as the row's, and the year guessed instead (2023) disagrees with it, a doubt.
    unsplit = parse_article(text.replace("214745", "214 745"))
    assert unsplit.rounds == ()
    assert any("'2022' run into a figure" in w for w in unsplit.warnings)


def test_a_date_after_a_clock_time_and_its_zone_is_a_deadline_not_a_round() -> None:
    # Feed: #337, February 19, 2025, French language proficiency, 6,500 at 428. The lead's date is the
    # profiles' deadline, written after a long time of day ("by 7:47 AM ... (UTC) on"): no round of
    # February 11, and its year does not make the table's year-less rows fall before it (2024).
    text = (
        "IRCC sent 4,500 invitations to French-speaking candidates with a CRS cut-off of 410. Only those "
        "whose profiles were in the pool before 7:47 AM Coordinated Universal Time (UTC) on February 11, "
        "2025 could be picked.\n\n"
        "The draws held so far in 2025:\n"
        "Date | Draw Type | ITAs Issued | CRS Cut-off |\n"
        "---|---|---|---|\n"
        "February 19 | French language proficiency | 6,500 | 428 |\n"
    )
    got = [(r.values().get("date"), r.values().get("invitations")) for r in parse_article(text).rounds]
    assert got == [("2025-02-19", 6500)]


def test_a_date_whose_clause_says_the_system_changed_is_no_round() -> None:
    # Express Entry began on January 1, 2015; its first round was #1, January 31, 2015 (779 at 886).
    text = (
        "On January 1, 2015 Canada's way of choosing skilled immigrants was overhauled with the introduction "
        "of Express Entry, where only candidates invited to apply may seek permanent residence.\n"
    )
    assert parse_article(text).rounds == ()
    # A round's sentence with no such words keeps its date.
    (kept,) = parse_article("On January 31, 2015 IRCC invited 779 candidates with a CRS of 886.\n").rounds
    assert kept.values().get("date") == "2015-01-31"


def test_the_date_of_an_earlier_post_names_no_round() -> None:
    text = (
        "In our blog post of March 3, 2017, we went through the cut-offs of 2015 and 2016. No candidate was "
        "invited below 450 points in either year, and 450 points stood as the barrier.\n"
    )
    assert parse_article(text).rounds == ()


def test_a_count_broken_down_into_shares_is_a_total() -> None:
    # Feed: #226, July 6, 2022, all programs, 1,500 at 557. The 85,300 is several years' invitations.
    text = (
        "The 226th Express Entry draw, held on 6th July, 2022, was an all-program draw.\n\n"
        "Up to 2019 most invitations went to skilled workers: IRCC had issued 85300 invitations out of which "
        "45% went to the Federal Skilled Worker Program.\n"
    )
    (round_,) = parse_article(text).rounds
    assert round_.values().get("round_id") == "226" and round_.invitations is None
    assert any("'85300 invitations' is a total" in w for w in round_.warnings)


def test_the_figures_after_following_the_draw_on_a_date_are_not_that_draws() -> None:
    # Feed: May 24, 2023 was a PNP round (589 at 691); the 4,800 at 486 are of the undated June 8 round.
    text = (
        "A new round of invitations in 2023.\n\n"
        "The first draw of June, following the last draw on May 24, saw 4,800 candidates invited with a "
        "minimum CRS score of 486 in an all-program draw.\n"
    )
    rounds = parse_article(text).rounds
    assert rounds == () or all(r.invitations is None for r in rounds)
    for round_ in rounds:
        assert round_.invitations is None and round_.crs_min is None and round_.round_type is None
    # A relative clause after the date speaks of that round: its figures stay with it.
    (named,) = parse_article(
        "A new round in 2024.\n\nIt comes following the draw on January 10 which invited 1,510 candidates.\n"
    ).rounds
    assert named.invitations is not None and named.invitations.value == 1510
    # Without "following", the date is the round's and the figures are its own.
    (own,) = parse_article(
        "On May 24, 2023, 589 candidates were invited with a minimum CRS score of 691.\n"
    ).rounds
    assert own.invitations is not None and own.invitations.value == 589


def test_programs_a_candidate_may_be_eligible_under_are_not_the_rounds() -> None:
    # Feed: #63, May 31, 2017, no program specified, 3,877 at 413.
    text = (
        "Draws of spring 2017.\n\n"
        "On May 31, 2017, candidates eligible under the Federal Skilled Worker Class or the Canadian "
        "Experience Class saw a cut-off of 413.\n"
    )
    (round_,) = parse_article(text).rounds
    assert round_.crs_min is not None and round_.crs_min.value == 413
    assert round_.round_type is None and round_.programs is None
    # A round held for two programs named with "and" is still a program round.
    (both,) = parse_article(
        "On May 31, 2017, IRCC held a draw for the Federal Skilled Worker Class and the Canadian Experience "
        "Class with a cut-off of 413.\n"
    ).rounds
    assert both.round_type is not None and both.round_type.value == "program"


def test_two_rounds_set_side_by_side_are_not_the_articles_unnamed_round() -> None:
    # Feed: February 1, 2023 was #239 (893 PNP candidates at 733), February 2 #240 (3,300 FSW at 489);
    # the lead's 699 at 791 are another round's, which the page never dates.
    text = (
        "IRCC has held its fifth Express Entry draw this year, sending invitations to 699 candidates with a "
        "minimum CRS score of 791. Only Provincial Nominee Program candidates could be picked; it was the "
        "third program-specific draw of 2023.\n\n"
        "On the 1st of February, the draw was only for candidates holding a provincial nomination, while the "
        "draw on the 2nd of February was only for the Federal Skilled Worker Program.\n"
    )
    announcement = parse_article(text)
    assert [r.values().get("date") for r in announcement.rounds] == ["2023-02-01", "2023-02-02"]
    assert all(r.invitations is None and r.crs_min is None for r in announcement.rounds)
    assert any("sets two rounds side by side" in w for w in announcement.warnings)


def test_an_ordinal_counting_this_years_draws_is_no_round_number() -> None:
    # Feed: #255, July 6, 2023, 1,500 healthcare candidates at 463; it was that year's 19th round.
    text = (
        "IRCC held the 255th Express Entry draw on July 6, 2023, inviting 1,500 health workers with a CRS "
        "score of 463. This was the 19th round of Express Entry draws this year.\n"
    )
    (round_,) = parse_article(text).rounds
    assert round_.round_id is not None and round_.round_id.value == "255"
    assert round_.category is not None and round_.category.value == "healthcare"
    # The ordinal alone, with no year after it, still numbers the round.
    (alone,) = parse_article("On July 6, 2023, IRCC held the 255th round of invitations.\n").rounds
    assert alone.round_id is not None and alone.round_id.value == "255"


def test_a_count_after_draw_and_a_colon_is_no_round_number() -> None:
    text = "New Express Entry draw: 529 PNP candidates invited\n\nIRCC invited them on May 13, 2020.\n"
    assert all(r.round_id is None for r in parse_article(text).rounds)
    numbered_text = "Express Entry draw: 147\n\nIRCC invited 529 candidates on May 13, 2020.\n"
    (numbered,) = parse_article(numbered_text).rounds
    assert numbered.round_id is not None and numbered.round_id.value == "147"


def test_a_draw_that_did_not_specify_a_program_is_general() -> None:
    # Feed: August 3, 2022, no program specified, 2,000 at 533.
    text = (
        "On August 3, 2022, Canada invited 2,000 candidates with a CRS score of at least 533. Since this "
        "draw didn't specify program, applicants from both the FSWP and the CEC could be invited.\n"
    )
    (round_,) = parse_article(text).rounds
    assert round_.round_type is not None and round_.round_type.value == "general"
    assert round_.programs is None


def test_a_tally_since_a_date_is_not_that_rounds_count() -> None:
    text = (
        "On August 3, 2022, Canada invited 2,000 candidates with a CRS score of at least 533. In all, 5,250 "
        "ITAs have been issued to candidates since the draws started again on July 6th.\n"
    )
    rounds = {r.values()["date"]: r for r in parse_article(text).rounds}
    assert rounds["2022-08-03"].invitations is not None and rounds["2022-08-03"].invitations.value == 2000
    assert all(r.invitations is None or r.invitations.value != 5250 for r in rounds.values())
    assert any("5,250" in w and "total" in w for r in rounds.values() for w in r.warnings)


def test_this_round_is_the_one_its_paragraph_named() -> None:
    # Feed: August 3, 2023 trades, 1,500 at 388; August 1, 2023 general, 2,000 at 517.
    text = (
        "On August 3, 2023, IRCC invited 1,500 candidates in its first trades occupations draw, with a "
        "minimum CRS score of 388.\n\n"
        "The all-program draw of August 1, 2023 came back after three weeks and invited 2,000 candidates. "
        "The minimum CRS score for this round was 517.\n"
    )
    rounds = {r.values()["date"]: r for r in parse_article(text).rounds}
    assert rounds["2023-08-03"].crs_min is not None and rounds["2023-08-03"].crs_min.value == 388
    assert rounds["2023-08-01"].crs_min is not None and rounds["2023-08-01"].crs_min.value == 517


def test_a_worked_example_names_no_round() -> None:
    text = (
        "On February 7th, 2018, IRCC handed out 3,000 invitations to candidates with a score of 442 or "
        "more.\n\n"
        "For example, if your score is 448 and IRCC selects everyone with 444 or above, the rule does not "
        "touch you.\n\n"
        "Another example is as follows:\n\n"
        "- Ann put her profile into the pool on January 3rd, 2018 with a score of 444.\n"
        "- Bo put his profile into the pool on January 25th, 2018 with a score of 444.\n"
    )
    (round_,) = parse_article(text).rounds
    assert round_.values()["date"] == "2018-02-07"
    assert round_.crs_min is not None and round_.crs_min.value == 442
    # The same rows under a caption that is no example are rounds of their own.
    rows = "Draws of January:\n\n- On January 3rd, 2018, IRCC invited 2,750 candidates with a score of 444.\n"
    assert [r.values()["date"] for r in parse_article(rows).rounds] == ["2018-01-03"]


def test_undated_rows_of_a_years_figures_are_no_rounds() -> None:
    text = (
        "On July 6, 2023, IRCC held a category-based round for health workers, inviting 1,500 candidates "
        "with a CRS score of 463.\n\n"
        "Lowest and highest cut-offs this year:\n\n"
        "- Where no program was specified: lowest 481, highest 511\n"
        "- For the Provincial Nominee Program: lowest 691, highest 791\n"
    )
    (round_,) = parse_article(text).rounds
    assert round_.round_type is not None and round_.round_type.value == "category"


def test_a_count_that_is_the_sum_of_two_others_is_left_empty() -> None:
    # Feed: May 30, 2018: 500 trades candidates at 288 and, in another round, 200 nominees at 902.
    text = (
        "On May 30, 2018, the Government of Canada issued 700 invitations through a program-specific "
        "draw.\n\n"
        "Of these, 500 invitations went to Federal Skilled Trades Class candidates. Another 200 invitations "
        "went to candidates nominated by a province.\n"
    )
    (round_,) = parse_article(text).rounds
    assert round_.invitations is None
    assert any("sum" in w for w in round_.warnings)
    (single,) = parse_article("On May 30, 2018, Canada issued 700 invitations in a new draw.\n").rounds
    assert single.invitations is not None and single.invitations.value == 700


def test_a_line_holding_only_a_date_heads_its_paragraph() -> None:
    # Feed: August 3, 2023 trades 1,500 at 388; August 1 general 2,000 at 517; July 11-12, 2023 two rounds.
    text = (
        "On August 3, 2023, IRCC invited 1,500 candidates in its first draw for trades occupations.\n\n"
        "August 1st\n\n"
        "All-program draws came back, as IRCC invited 2,000 candidates. The minimum CRS score for this round "
        "was 517.\n\n"
        "July 11-12\n\n"
        "IRCC invited 3,800 French-speaking candidates in a category-based draw, with a minimum score of "
        "375.\n"
    )
    rounds = {r.values()["date"]: r for r in parse_article(text).rounds}
    lead = rounds["2023-08-03"]
    assert lead.crs_min is None and lead.category is not None and lead.category.value == "trades"
    assert rounds["2023-08-01"].crs_min is not None and rounds["2023-08-01"].crs_min.value == 517
    assert set(rounds) == {"2023-08-03", "2023-08-01"}


def test_a_full_date_closing_the_headline_is_the_articles_date() -> None:
    # Feed: May 13, 2020, PNP, 529 at 718; the page was published on May 14.
    text = (
        "Latest Express Entry draw invited 529 candidates – 14th May 2020\n\n"
        "Canada invited 529 Express Entry candidates on May 13, 2020. Only provincial nominees were invited "
        "in the latest draw, which is why the CRS cut off was 718.\n"
    )
    (round_,) = parse_article(text).rounds
    assert round_.values()["date"] == "2020-05-13"
    assert round_.crs_min is not None and round_.crs_min.value == 718


def test_a_moment_labelled_a_tie_break_after_it_is_no_round() -> None:
    text = (
        "On April 15, 2020, IRCC invited 118 candidates with a provincial nomination; the lowest score was "
        "808. In this draw, 18th March, 2020 at 10:30:55 UTC was noted to be the tie-breaking rule.\n"
    )
    (round_,) = parse_article(text).rounds
    assert round_.values()["date"] == "2020-04-15"
    # Without the label after it, a date with a time of day is the round's.
    (held,) = parse_article("The round was held on 18th March, 2020 at 10:30:55 UTC, inviting 668.\n").rounds
    assert held.values()["date"] == "2020-03-18"


def test_the_rows_of_one_rounds_details_under_a_year_are_its_own() -> None:
    text = (
        "Express Entry draw #281\n\n"
        "Details of the third draw of 2024:\n\n"
        "- Number of invitations issued: 730\n"
        "- CRS score of lowest-ranked candidate invited: 541\n"
    )
    (round_,) = parse_article(text).rounds
    assert round_.invitations is not None and round_.invitations.value == 730
    assert round_.crs_min is not None and round_.crs_min.value == 541


def test_todays_draw_names_the_round_stated_first_without_a_name() -> None:
    # Feed: February 28, 2024, general, 1,470 at 534; February 13, general, 1,490 at 535.
    text = (
        "February 28, 2024\n\n"
        "IRCC has invited more candidates to apply for permanent residence.\n\n"
        "The department issued 1,470 invitations in a general draw. Candidates needed a minimum CRS score of "
        "534.\n\n"
        "Today's draw follows three others. On February 13th IRCC invited 1,490 candidates with a minimum "
        "CRS of 535.\n"
    )
    rounds = {r.values()["date"]: r for r in parse_article(text).rounds}
    assert rounds["2024-02-28"].invitations is not None and rounds["2024-02-28"].invitations.value == 1470
    assert rounds["2024-02-28"].crs_min is not None and rounds["2024-02-28"].crs_min.value == 534
    assert rounds["2024-02-13"].invitations is not None and rounds["2024-02-13"].invitations.value == 1490


def test_a_table_whose_cells_run_together_is_read_row_by_row() -> None:
    # Feed: January 31, 2024 general 730 at 541; January 23, 2024 general 1,040 at 543.
    text = (
        "Draws held so far in 2024\n\n"
        "DateRound TypeNumber of ITAsMinimum CRS\n"
        "January 31General730541\n"
        "January 23General1,040543\n"
    )
    rounds = {r.values()["date"]: r for r in parse_article(text).rounds}
    assert rounds["2024-01-31"].invitations is not None and rounds["2024-01-31"].invitations.value == 730
    assert rounds["2024-01-31"].crs_min is not None and rounds["2024-01-31"].crs_min.value == 541
    assert rounds["2024-01-23"].invitations is not None and rounds["2024-01-23"].invitations.value == 1040
    # Without the header that names the columns, the run-together figures are not read.
    assert parse_article("Draws held so far in 2024\n\nJanuary 31General730541\n").rounds == ()


def test_a_run_together_table_with_full_dates_follows_its_header_order() -> None:
    # Feed: April 3, 2019, 3,350 at 451; April 17, 2019, 3,350 at 451.
    text = (
        "Cut-offs of the draws this year:\n\n"
        "Date Minimum CRS scoreNumber of ITAs issued\n"
        "April 3, 20194513350\n"
        "April 17, 20194513350\n"
    )
    rounds = {r.values()["date"]: r for r in parse_article(text).rounds}
    assert set(rounds) == {"2019-04-03", "2019-04-17"}
    assert all(r.crs_min is not None and r.crs_min.value == 451 for r in rounds.values())
    assert all(r.invitations is not None and r.invitations.value == 3350 for r in rounds.values())


def test_a_bare_year_in_a_sentence_about_other_news_is_not_the_rounds_year() -> None:
    # Feed: September 26, 2023, general, 3,000 at 504 (the year 2023 is not in this text).
    text = (
        "In 2022, the country's fishing industry sold abroad nearly $9 billion of seafood.\n\n"
        "On September 26, a draw for all programs saw 3,000 candidates invited with a minimum CRS of 504.\n"
    )
    announcement = parse_article(text)
    # Its year in doubt, the round is given undated (the day as written), and is not stored without a date.
    assert [(r.date, _day(r)) for r in announcement.rounds] == [(None, "09-26")]
    assert any("'September 26' has no year" in w for w in announcement.warnings)
    # The same year in a sentence about rounds still dates it.
    dated = text.replace("the country's fishing industry sold abroad", "IRCC held draws worth")
    (kept,) = parse_article(dated).rounds
    assert kept.date is not None and str(kept.date.value) == "2022-09-26"


def test_the_same_period_of_another_year_and_a_tally_now_issued_date_the_article() -> None:
    # Feed: March 31, 2021, PNP, 284 at 778.
    text = (
        "In the March 31 draw, IRCC invited 284 candidates with a provincial nomination and a minimum "
        "score of 778.\n\n"
        "IRCC has now issued 44,124 ITAs through 10 draws in 2021. The figure was 22,600 at this period "
        "in 2020.\n"
    )
    (round_,) = parse_article(text).rounds
    assert round_.date is not None and str(round_.date.value) == "2021-03-31"
    # Without the tally, the other year's period does not date the round.
    alone = parse_article(text.replace("IRCC has now issued 44,124 ITAs through 10 draws in 2021. ", ""))
    assert [(r.date, _day(r)) for r in alone.rounds] == [(None, "03-31")]
    assert any("'March 31' has no year" in w for w in alone.warnings)


def test_a_round_number_that_cannot_fit_its_date_is_left_empty() -> None:
    # Feed: #44, October 12, 2016, 1,518 at 484; #20 was held in 2015. A page may misstate either.
    text = (
        "On 20th September 2016, in the 20th round of invitations, Canada invited 1,518 candidates with a "
        "minimum of 484 points.\n"
    )
    (round_,) = parse_article(text).rounds
    assert round_.round_id is None
    assert round_.invitations is not None and round_.invitations.value == 1518
    assert any("cannot be the number of a round held on 2016-09-20" in w for w in round_.warnings)
    # A number that fits its date is kept.
    (fits,) = parse_article(text.replace("20th round", "43rd round")).rounds
    assert fits.round_id is not None and fits.round_id.value == "43"


def test_a_list_under_the_current_draw_is_the_articles_round_not_a_twin() -> None:
    # Feed: #254, July 5, 2023, STEM occupations, 500 at 486; the healthcare round on June 28, 2023.
    text = (
        "First category-based draw for STEM occupations held\n\n"
        "July 05, 2023: First category-based draw for STEM occupations held\n\n"
        "500 invitations with a 486 CRS cut-off in the first category-based draw for STEM occupations. "
        "Canada said it would hold such draws and now it does, as the start of these draws shows.\n\n"
        "Before this draw, IRCC held the category-based draw for healthcare workers on June 28, 2023.\n\n"
        "The details of the July 05, 2023 draw for STEM occupations are:\n\n"
        "  - 500 candidates from science, technology, engineering and math occupations got an invitation.\n"
        "  - The CRS cut-off for the current draw is 486.\n\n"
        "Moreover, the current draw is:\n\n"
        "  - 254th draw conducted under the Express Entry System.\n"
        "  - 2nd category-based draw.\n"
    )
    rounds = parse_article(text).rounds
    # "the current draw" is the article's own round: its number never makes a round of its own beside it.
    assert [r.values().get("round_id") for r in rounds if r.date is None] == []
    assert any(r.values().get("date") == "2023-07-05" for r in rounds)
    # A caption that names no round leaves the number to a round of its own.
    plain = parse_article(text.replace("Moreover, the current draw is:", "Moreover, we note:")).rounds
    assert any(r.values().get("round_id") == "254" and r.date is None for r in plain)


def test_a_predicted_next_draw_is_no_round() -> None:
    # Feed: November 23, 2022, no program specified, 4,750 at 491; nothing was held on December 7, 2022.
    text = (
        "On November 23, 2022, IRCC invited 4,750 candidates with a minimum score of 491.\n\n"
        "IRCC holds a draw every other week. "
        "Our forecast for the next Express Entry draw is December 07, 2022.\n"
    )
    assert [r.values()["date"] for r in parse_article(text).rounds] == ["2022-11-23"]
    held = text.replace("Our forecast for the next Express Entry draw is", "A draw was held on")
    assert [r.values()["date"] for r in parse_article(held).rounds] == ["2022-11-23", "2022-12-07"]


def test_a_title_naming_the_years_draws_dates_the_rounds_below_it() -> None:
    # Feed: February 14, 2024, healthcare, 3,500 at 422; February 13, 2024, general, 1,490 at 535.
    text = (
        "A look back at the week\n\n"
        "The 2024 Express Entry Draws So Far\n\n"
        "On February 14, IRCC invited 3,500 healthcare candidates with a minimum CRS of 422.\n\n"
        "The February 13 draw was a general one: 1,490 invitations went out and the cut-off was 535.\n"
    )
    got = [(r.values()["date"], r.values().get("invitations")) for r in parse_article(text).rounds]
    assert got == [("2024-02-14", 3500), ("2024-02-13", 1490)]
    # A year before "draws" in a sentence comparing years names no round's year.
    compared = text.replace("The 2024 Express Entry Draws So Far", "The 2023 draws were larger than these.")
    assert [(r.date, _day(r)) for r in parse_article(compared).rounds] == [(None, "02-14")]


def test_this_draw_after_the_paragraph_names_another_round_is_no_rounds() -> None:
    # Feed: February 16, 2024, agriculture, 150 at 437; February 1, 2024, French, 7,000 at 365.
    text = (
        "Yesterday, on February 16, 2024, IRCC invited 150 candidates in agriculture occupations with a "
        "minimum CRS score of 437.\n\n"
        "Before this week's draw, on February 1, Canada held another category-based draw. In this draw, 7000 "
        "French-speaking candidates were invited.\n"
    )
    lead = parse_article(text).rounds[0]
    assert lead.values()["date"] == "2024-02-16"
    assert lead.invitations is not None and lead.invitations.value == 150
    assert lead.values().get("category") == "agriculture"


def test_a_run_together_row_with_a_full_date_and_a_type_is_read() -> None:
    # Feed: October 26, 2022, no program specified, 4,750 at 496; October 12, 2022, 4,250 at 500.
    text = (
        "Every draw of 2022\n\n"
        "DateImmigration programInvitations issuedCRS Score Cut-Off\n"
        "October 26, 2022No Program Specified4,750496\n"
        "October 12, 2022No Program Specified4,250500\n"
    )
    got = [
        tuple(r.values().get(k) for k in ("date", "round_type", "invitations", "crs_min"))
        for r in parse_article(text).rounds
    ]
    assert got == [("2022-10-26", "general", 4750, 496), ("2022-10-12", "general", 4250, 500)]
    # Without the header naming the columns, the run-together figures are not read.
    assert all(r.invitations is None for r in parse_article(text.split("\n", 3)[3]).rounds)


def test_a_year_less_date_weeks_after_the_tie_break_takes_its_year() -> None:
    # Feed: July 11, 2018, 3,750 at 442 (tie-break June 26, 2018 at 13:18:55 UTC); June 25, 2018 before it.
    text = (
        "Canada invited 3,750 candidates in a draw held on July 11. The lowest score invited was 442.\n\n"
        "The score is the same as in the previous round on June 25.\n\n"
        "The tie-break date and time used in this draw was June 26, 2018, at 13:18:55 UTC.\n"
    )
    announcement = parse_article(text)
    assert [r.values()["date"] for r in announcement.rounds] == ["2018-07-11"]
    # A date before the tie-break is another round's: its year stays a doubt.
    assert any("'June 25' has no year" in w for w in announcement.warnings)
    # A tie-break after the date (a misprint) dates nothing.
    later = parse_article(text.replace("June 26, 2018", "February 6, 2019"))
    assert [(r.date, _day(r)) for r in later.rounds] == [(None, "07-11")]


def test_hopeful_new_immigrants_invited_is_a_count() -> None:
    # Feed: March 31, 2021, provincial nominees, 284 at 778.
    text = "A new Express Entry draw on March 31, 2021 invited 284 hopeful new immigrants to apply.\n"
    (round_,) = parse_article(text).rounds
    assert round_.invitations is not None and round_.invitations.value == 284
    # Immigrants welcomed are no round's count, even beside an invitation.
    aims = parse_article(
        "On March 31, 2021, IRCC sent invitations to apply, and Canada welcomed 4,850 immigrants.\n"
    )
    assert [r.invitations for r in aims.rounds] == [None]
    welcomed = parse_article("On March 31, 2021, Canada said it welcomed 284 new immigrants in one week.\n")
    assert all(r.invitations is None for r in welcomed.rounds)


def test_run_together_rows_whose_type_cell_wraps_stay_one_table() -> None:
    # Feed: July 7, 2023, French proficiency; July 6, 2023, healthcare; July 4, 2023, general, 700 at 511.
    text = (
        "Four draws in one week\n\n"
        "DateRound typeInvitationsCRS Cutoff\n"
        "July 7, 2023Targeted at candidates with\n"
        "level 7 in French\n"
        "July 6, 2023Targeted for 35\n"
        "Healthcare occupations\n"
        "July 4, 2023No Program Specified700511\n"
    )
    got = [
        tuple(r.values().get(k) for k in ("date", "round_type", "category", "invitations", "crs_min"))
        for r in parse_article(text).rounds
    ]
    assert got == [
        ("2023-07-07", "category", "french", None, None),
        ("2023-07-06", "category", "healthcare", None, None),
        ("2023-07-04", "general", None, 700, 511),
    ]


def test_candidates_in_the_pool_who_received_itas_are_a_count() -> None:
    # Feed: September 18, 2015, 1,545 at 450.
    text = (
        "The draw of September 18, 2015 set the lowest cut-off yet, 450 points. A total of 1,545 candidates "
        "in the pool received ITAs, the most in one draw for two months.\n"
    )
    (round_,) = parse_article(text).rounds
    assert round_.invitations is not None and round_.invitations.value == 1545
    # Candidates in the pool that nothing says were invited are the pool, not the round's count.
    pool = parse_article(text.replace("received ITAs", "were waiting"))
    assert all(r.invitations is None for r in pool.rounds)


def test_a_draw_involving_all_three_classes_is_general() -> None:
    # Feed: September 5, 2018, no program specified, 3,900 at 441.
    text = "On September 5, 2018, IRCC issued 3,900 ITAs in a draw involving all three economic classes.\n"
    (round_,) = parse_article(text).rounds
    assert round_.values().get("round_type") == "general"
    # Naming the three programs Express Entry manages says nothing of the round's kind.
    plain = "On September 5, 2018, IRCC issued 3,900 ITAs. Express Entry runs all three economic classes.\n"
    (other,) = parse_article(plain).rounds
    assert other.values().get("round_type") is None


def test_a_total_number_of_invitations_field_line_is_the_rounds_count() -> None:
    # Feed: #254, July 5, 2023, STEM occupations, 500 at 486.
    text = (
        "Express Entry draw #254\n"
        "Date of the draw: July 5, 2023\n"
        "Total Number of Invitations: 500\n"
        "Lowest CRS score: 486\n"
    )
    (round_,) = parse_article(text).rounds
    assert round_.invitations is not None and round_.invitations.value == 500
    # In a sentence, a total number is still a tally.
    tally = text.replace("Total Number of Invitations: 500", "The total number of invitations is now 8,500.")
    (other,) = parse_article(tally).rounds
    assert other.invitations is None


def test_a_numbered_run_together_table_reads_its_rows_and_doubts_a_misprinted_year() -> None:
    # Feed: #222, May 11, 2022, 545 at 753; #221, April 27, 2022 (printed 2021), 829 at 772; #220, April 13,
    # 2022, 787 at 782; #219, March 30, 2022, 919 at 785 (all provincial nominees).
    text = (
        "Summary of 2022 Express Entry Draws\n\n"
        "Draw # Minimum CRS Score RequiredDate of Draw       # of ITAs Issued\n"
        "222753 (*Provincial nominees only)May 11, 2022545\n"
        "221772 (*Provincial nominees only)April 27, 2021829\n"
        "220782 (*Provincial nominees only)April 13, 2022787\n"
        "219785 (*Provincial nominees only)March 30, 2022919\n"
    )
    got = [
        tuple(r.values().get(k) for k in ("round_id", "date", "invitations", "crs_min", "round_type"))
        for r in parse_article(text).rounds
    ]
    # #221's printed year puts it before #219: its date is a doubt, and the row gives nothing.
    assert got == [
        ("222", "2022-05-11", 545, 753, "program"),
        ("220", "2022-04-13", 787, 782, "program"),
        ("219", "2022-03-30", 919, 785, "program"),
    ]


def test_a_spaced_table_with_day_first_ordinal_dates_is_read_row_by_row() -> None:
    # Feed: July 30, 2024, PNP, 964 at 686; July 18, 2024, French proficiency, 1,800 at 400.
    text = (
        "Results of the Express Entry draws in 2024\n\n"
        "date Draw Type Number of ITAs Minimum CRS\n"
        "30th July Provincial Nominee Program 964 686\n"
        "18th July French Language Proficiency 1,800 400\n"
    )
    got = [
        tuple(r.values().get(k) for k in ("date", "round_type", "invitations", "crs_min"))
        for r in parse_article(text).rounds
    ]
    assert got == [("2024-07-30", "program", 964, 686), ("2024-07-18", "category", 1800, 400)]


def test_a_run_together_row_with_a_full_stop_for_its_comma_stays_in_the_table() -> None:
    # Feed: March 6, 2019, 3,350 at 454; March 20, 2019, 3,350 at 452.
    text = (
        "The draws held this year:\n\n"
        "Date Minimum CRS scoreNumber of ITAs issued\n"
        "March 6. 20194543350\n"
        "March 20, 20194523350\n"
    )
    got = [(r.values()["date"], r.values().get("crs_min")) for r in parse_article(text).rounds]
    assert got == [("2019-03-06", 454), ("2019-03-20", 452)]


def test_that_draw_is_a_round_named_before_not_the_articles() -> None:
    # Feed: October 12, 2022, 4,250 at 500; July 6, 2022, 1,500 at 557.
    text = (
        "The latest all-program draw was held on October 12, 2022. IRCC invited 4,250 candidates with a "
        "minimum score of 500.\n\n"
        "Cut-offs have fallen since the draws resumed on July 6. The score for that draw was 557.\n"
    )
    lead = parse_article(text).rounds[0]
    assert lead.crs_min is not None and lead.crs_min.value == 500
    # Said of no round, the second cut-off is the paragraph's round's too: two cut-offs, a doubt.
    both = parse_article(text.replace("The score for that draw was", "The score was")).rounds[0]
    assert both.crs_min is None


def test_a_long_numbered_run_together_table_sets_aside_rows_out_of_order_with_a_neighbour() -> None:
    # Seventy rows, #301 to #370, a week apart from January 2, 2024 (made up); #330's year is misprinted.
    start = dt.date(2024, 1, 2)
    rows = []
    for n in range(370, 300, -1):
        day = start + dt.timedelta(days=7 * (n - 301))
        year = 2014 if n == 330 else day.year
        rows.append(f"{n}491{day:%B} {day.day}, {year}1,500\n")
    text = (
        "Draws of the period\n\nDraw # Minimum CRS Score RequiredDate of Draw # of ITAs Issued\n"
        + "".join(rows)
    )
    numbers = {r.values()["round_id"] for r in parse_article(text).rounds}
    assert "330" not in numbers and "301" in numbers and "370" in numbers
    assert len(numbers) >= 66


def test_a_since_date_followed_by_inviting_leaves_the_count_to_the_round() -> None:
    # Feed: August 6, 2020, Federal Skilled Trades, 250 at 415.
    text = (
        "On August 6, 2020, Canada held its first trades draw since October 16, 2019, inviting 250 "
        "candidates from the Federal Skilled Trades Program. The minimum CRS score was 415.\n"
    )
    (round_,) = parse_article(text).rounds
    assert round_.values()["date"] == "2020-08-06"
    assert round_.invitations is not None and round_.invitations.value == 250
    # "since October 16, 2019, when ..." still speaks of the bound's round: the count is not this round's.
    when = parse_article(text.replace("2019, inviting 250", "2019, when IRCC invited 250")).rounds
    assert [r.values().get("invitations") for r in when if r.values()["date"] == "2020-08-06"] == [None]


def test_a_date_naming_a_draw_in_the_tie_break_sentence_is_that_rounds() -> None:
    # Feed: December 12, 2018, 3,900 at 445 (tie-break November 28, 2018 at 09:51:43 UTC).
    text = (
        "The 3,900 ITAs just issued bring the year close to a record. Today's minimum score was 445.\n\n"
        "IRCC used its tie-break rule during the December 12 draw. The time stamp was November 28, 2018, "
        "at 09:51:43 UTC.\n"
    )
    (round_,) = parse_article(text).rounds
    assert round_.values()["date"] == "2018-12-12"
    assert round_.invitations is not None and round_.invitations.value == 3900
    # The tie-break's own moment is never a round.
    assert all(r.values()["date"] != "2018-11-28" for r in parse_article(text).rounds)


def test_a_leading_phrase_about_the_current_draw_gives_its_kind_to_no_other_round() -> None:
    # Feed: June 28, 2023, healthcare occupations (the first category-based round).
    text = (
        "On July 5, 2023, IRCC invited 500 candidates in STEM occupations with a cut-off of 486.\n\n"
        "Before the current draw for the STEM profiles, IRCC held the category-based draw for the "
        "healthcare profiles on June 28, 2023.\n"
    )
    rounds = {r.values()["date"]: r.values() for r in parse_article(text).rounds}
    assert rounds["2023-06-28"].get("category") == "healthcare"
    assert rounds["2023-07-05"].get("category") == "stem"


def test_a_record_over_all_rounds_gives_this_round_nothing() -> None:
    # Feed: June 1, 2016, 762 at 483.
    text = (
        "IRCC held a round of invitations on June 1, 2016: 762 candidates were invited and the lowest-ranked "
        "candidate had 483 points.\n\n"
        "The most candidates selected in a round were 1,637 and the lowest-ranked candidate had 450 points.\n"
    )
    (round_,) = parse_article(text).rounds
    assert round_.crs_min is not None and round_.crs_min.value == 483
    assert round_.invitations is not None and round_.invitations.value == 762


def test_a_paragraph_speaking_of_another_undated_round_gives_this_round_nothing_more() -> None:
    # Feed: March 12, 2024, 2,850 at 525 (all programs); the transport round of that week is another.
    text = (
        "In the newest draw, held on March 12, 2024, Canada sent 2,850 invitations. The CRS score needed "
        "for this draw was 525.\n\n"
        "Also, earlier that week, IRCC ran another draw aimed at transport occupations. In this "
        "category-based draw, 975 invitations went out. The lowest score for this draw was 430.\n"
    )
    (round_,) = parse_article(text).rounds
    values = round_.values()
    assert values.get("crs_min") == 525 and values.get("invitations") == 2850
    assert values.get("category") is None
    # Without the paragraph about the other round, the figures stay the round's.
    (alone,) = parse_article(text.split("\n\n")[0]).rounds
    assert alone.values().get("crs_min") == 525


def test_a_draw_held_earlier_this_month_gives_its_kind_to_no_other_round() -> None:
    # Feed: July 22, 2020, 557 at 687, provincial nominees only.
    text = (
        "Canada invited 557 Express Entry candidates on July 22, 2020; the cut-off was 687.\n\n"
        "The first all-program draw since the borders closed was held earlier this month.\n"
    )
    (round_,) = parse_article(text).rounds
    assert round_.values().get("round_type") != "general"
    general = parse_article(text.replace(" was held earlier this month", " is this draw")).rounds
    assert [r.values().get("round_type") for r in general] == ["general"]


def test_a_count_of_several_draws_combined_does_not_stand_for_an_unnamed_round() -> None:
    # Feed: September 14, 2021, 2,000 CEC candidates at 462 (and 521 nominees the next day).
    text = (
        "Early in the month IRCC held only a PNP draw, but now it has gone back to its habit of holding PNP "
        "and CEC draws one after the other. The two draws combined led to IRCC sending 2,521 invitations to "
        "candidates.\n\n"
        "On September 14, 2021, IRCC held an Express Entry draw and invited 2,000 immigration candidates.\n\n"
        "Candidates with scores of 462 or higher were picked from the Canadian Experience Class.\n"
    )
    (round_,) = parse_article(text).rounds
    values = round_.values()
    assert values.get("invitations") == 2000
    assert values.get("crs_min") == 462
    # A single unnamed round's count in the opening paragraph is that round's, not the dated one's.
    single = parse_article(text.replace("The two draws combined led", "The draw led")).rounds
    assert all(r.values().get("crs_min") != 462 for r in single)


def test_immigration_candidates_invited_are_a_count() -> None:
    # Feed: September 14, 2021, 2,000 invitations.
    text = "On September 14, 2021, IRCC held a draw and invited 2,000 immigration candidates.\n"
    (round_,) = parse_article(text).rounds
    assert round_.values().get("invitations") == 2000
    # Immigration candidates not invited are no count.
    (quiet,) = parse_article(text.replace("invited 2,000", "said 2,000")).rounds
    assert quiet.values().get("invitations") is None


def test_two_tables_side_by_side_under_a_doubled_header_are_read_half_by_half() -> None:
    # Feed: 2016 rounds (January 6: 1,463 at 461; June 29: 773 at 482; June 15: 752 at 488).
    text = (
        "Every Express Entry round held in 2016:\n\n"
        "Date Invitations Score Date Invitations Score\n"
        "Jan. 6 1,463 461 June 29 773 482\n"
        "Jan. 13 1,518 453 July 13 747 482\n"
        "June 1 762 483 Nov. 30 559 (nominees only) 786\n"
        "June 15 752 488\n\n"
        "Under the new rules, a job offer no longer brings 600 points.\n"
    )
    rounds = {r.values()["date"]: r.values() for r in parse_article(text).rounds}
    assert rounds["2016-01-06"].get("invitations") == 1463 and rounds["2016-01-06"].get("crs_min") == 461
    assert rounds["2016-06-29"].get("invitations") == 773 and rounds["2016-06-29"].get("crs_min") == 482
    assert rounds["2016-06-15"].get("crs_min") == 488
    assert rounds["2016-06-01"].get("crs_min") == 483
    # A note in brackets after the count is passed over (tenth pass): the half's figures are its round's.
    assert rounds["2016-11-30"].get("invitations") == 559 and rounds["2016-11-30"].get("crs_min") == 786
    # A single header is no doubled one: the right-hand halves are not rows of it.
    single = parse_article(text.replace("Score Date Invitations Score", "Score")).rounds
    assert "2016-06-29" not in {r.values()["date"] for r in single}


def test_a_box_whose_date_line_names_another_day_gives_its_figures_to_that_round() -> None:
    # Feed: #242 on March 1, 2023 (667 provincial nominees at 748); #243 on March 15, 2023.
    text = (
        "Express Entry Draw: 15th March 2023 (the seventh of the year)\n\n"
        "Express Entry Draw: #243\n"
        "Total Number of Invitations:667\n"
        "Minimum CRS score required:748\n"
        "Date of Draw:1st March 2023\n"
        "Program Specified:Provincial Nominee Program\n"
    )
    rounds = {r.values()["date"]: r.values() for r in parse_article(text).rounds}
    assert rounds["2023-03-15"].get("crs_min") is None and rounds["2023-03-15"].get("invitations") is None
    assert rounds["2023-03-01"].get("crs_min") == 748 and rounds["2023-03-01"].get("invitations") == 667
    # When the box's date line is the heading's day, the box is the heading round's.
    same = {
        r.values()["date"]: r.values() for r in parse_article(text.replace("1st March", "15th March")).rounds
    }
    assert same["2023-03-15"].get("crs_min") == 748


def test_a_provinces_own_draw_gives_no_federal_round_its_figures() -> None:
    # Feed: March 15, 2023, #243 (7,000 invitations); Ontario's own draw is no federal round.
    text = (
        "IRCC held Express Entry draw #243 on March 15, 2023.\n\n"
        "The newest OINP Express Entry draw aimed at health and finance jobs, with 344 invitations.\n"
    )
    (round_,) = parse_article(text).rounds
    assert round_.values().get("invitations") is None
    federal = parse_article(text.replace("OINP Express Entry draw", "Express Entry draw")).rounds
    assert [r.values().get("invitations") for r in federal] == [344]


def test_a_day_after_its_month_is_no_count_and_the_last_draw_is_another_round() -> None:
    # Feed: May 27, 2020, 385 provincial nominees at 757.
    text = (
        "Canada invited 385 candidates with a provincial nomination in a new Express Entry draw on "
        "May 27, 2020.\n\n"
        "In all, 385 Invitations to Apply went out in the May 27 invitation round.\n\n"
        "That is why the lowest CRS score was 757 for this draw. The last CEC-only draw invited people "
        "with CRS scores of at least 447.\n"
    )
    (round_,) = parse_article(text).rounds
    values = round_.values()
    assert values.get("invitations") == 385
    assert values.get("crs_min") == 757
    # When the clause speaks of "the newest" draw, it may be this one: its cut-off is a doubt.
    (doubt,) = parse_article(text.replace("The last CEC-only draw", "The newest CEC-only draw")).rounds
    assert doubt.values().get("crs_min") is None


def test_a_score_needed_without_the_provincial_nomination_explains_the_cut_off() -> None:
    # Feed: July 22, 2020, 557 provincial nominees at 687.
    text = (
        "Canada invited 557 Express Entry candidates on July 22, 2020.\n\n"
        "Only provincial nominees were invited in the latest draw, so the CRS cut-off was 687. Those invited "
        "in this round would have needed a CRS score of at least 87 without the provincial nomination.\n"
    )
    (round_,) = parse_article(text).rounds
    assert round_.values().get("crs_min") == 687
    plain = text.replace("would have needed", "needed").replace(" without the provincial nomination", "")
    (doubt,) = parse_article(plain).rounds
    assert doubt.values().get("crs_min") is None  # two cut-offs for this round: a doubt


def test_a_core_score_explains_the_cut_off_and_is_none() -> None:
    # Feed: November 30, 2016, #48, 559 provincial nominees at 786.
    text = (
        "In round #48 on November 30, 2016, the minimum CRS score required was 786.\n\n"
        "So candidates with core CRS scores as low as 186 were issued an ITA in this latest draw.\n"
    )
    (round_,) = parse_article(text).rounds
    assert round_.values().get("crs_min") == 786
    (doubt,) = parse_article(text.replace("core CRS scores", "CRS scores")).rounds
    assert doubt.values().get("crs_min") is None


def test_a_read_more_link_is_another_articles_title() -> None:
    # Feed: #160 on August 19, 2020, 600 provincial nominees at 771.
    text = (
        "Express Entry draw #160 on August 19, 2020 sent 600 invitations to candidates with 771 points.\n\n"
        "Read More: Canada Issued 437 Invitations In New PNP Draw\n"
    )
    (round_,) = parse_article(text).rounds
    assert round_.values().get("invitations") == 600
    (doubt,) = parse_article(text.replace("Read More: ", "")).rounds
    assert doubt.values().get("invitations") is None


def test_a_years_mark_stands_for_no_unnamed_round() -> None:
    # Feed: December 9, 2020, 5,000 invitations at 469.
    text = (
        "Express Entry Draw\n\n"
        "The immigration department has now passed the mark of 100,000 ITAs for the year 2020.\n\n"
        "In the draw held on 9 December 2020, Canada invited 5000 new immigrants to apply.\n\n"
        "As in this draw, the CRS score was 469 or more.\n"
    )
    (round_,) = parse_article(text).rounds
    assert round_.values().get("crs_min") == 469 and round_.values().get("invitations") == 5000
    (lead,) = parse_article(
        text.replace(
            "passed the mark of 100,000 ITAs for the year 2020",
            "sent 4,000 ITAs to workers who hope to settle",
        )
    ).rounds
    assert lead.values().get("crs_min") is None  # the opening count is an unnamed round's: 469 may be its


def test_employees_given_itas_are_a_count() -> None:
    # Feed: June 28, 2023, 500 healthcare invitations at 476.
    text = "In the first category-based draw on June 28, 2023, ITAs went to 500 healthcare employees.\n"
    (round_,) = parse_article(text).rounds
    assert round_.values().get("invitations") == 500
    (none,) = parse_article(text.replace("ITAs went to", "the sector counted")).rounds
    assert none.values().get("invitations") is None  # employees not invited are no count


def test_a_list_day_run_into_its_category_is_read() -> None:
    # Feed: February 16, 2024, agriculture and agri-food occupations (150 at 437).
    text = (
        "Category-based draws held in 2024 so far:\n\n  2. February 16Agriculture and Agri-food Occupations\n"
    )
    rounds = {r.values()["date"]: r.values() for r in parse_article(text).rounds}
    assert rounds["2024-02-16"].get("category") == "agriculture"
    # A day followed by its ordinal ending is not split ("August 1st").
    assert [
        r.values()["date"] for r in parse_article("The draw of August 1st, 2023 sent 2,000 ITAs.\n").rounds
    ] == ["2023-08-01"]


def test_bulleted_fields_under_a_dated_list_item_are_its_rounds() -> None:
    # Feed: March 12, 2024, 2,850 at 525; February 16, 2024, agriculture, 150 at 437.
    text = (
        "In the newest draw, held on March 12, 2024, Canada sent 2,850 invitations; the cut-off was 525.\n\n"
        "Category-based draws this year:\n"
        "  2. February 16 – Agriculture and Agri-food Occupations\n"
        "    • Invitations: 150\n"
        "    • Minimum CRS Score: 437\n"
    )
    rounds = {r.values()["date"]: r.values() for r in parse_article(text).rounds}
    assert rounds["2024-02-16"].get("invitations") == 150 and rounds["2024-02-16"].get("crs_min") == 437
    assert rounds["2024-03-12"].get("invitations") == 2850 and rounds["2024-03-12"].get("crs_min") == 525
    # Without their bullets the fields are not the item's.
    plain = {r.values()["date"]: r.values() for r in parse_article(text.replace("• ", "")).rounds}
    assert plain["2024-02-16"].get("invitations") is None


def test_a_program_field_in_a_rounds_box_gives_its_kind() -> None:
    # Feed: #242 on March 1, 2023, provincial nominees only (667 at 748).
    text = (
        "Express Entry Draw: #242\n"
        "Total Number of Invitations:667\n"
        "Date of Draw:1st March 2023\n"
        "Program Specified:Provincial Nominee Program\n"
    )
    (round_,) = parse_article(text).rounds
    assert round_.values().get("round_type") == "program" and round_.values().get("programs") == ["PNP"]
    (other,) = parse_article(text.replace("Program Specified:", "Read about:")).rounds
    assert other.values().get("round_type") is None


def test_a_count_that_is_a_record_high_number_is_a_total() -> None:
    # Feed: December 23, 2020, 5,000 invitations.
    text = (
        "The newest draw, on December 23, 2020, invited over 5,000 applicants. It is the fourth draw in a "
        "row where 5,000 Invitations to Apply were issued. And the 27,350 ITAs issued is a record-high "
        "number of invitations.\n"
    )
    (round_,) = parse_article(text).rounds
    assert round_.values().get("invitations") == 5000
    (doubt,) = parse_article(text.replace(" is a record-high number of invitations", " went out")).rounds
    assert doubt.values().get("invitations") is None


def test_todays_draw_on_an_undated_page_is_the_articles_round() -> None:
    # Feed: November 28, 2018, 3,900 invitations at 445.
    text = (
        "A new Express Entry draw held November 28, 2018 moves Canada closer to its target.\n\n"
        "Today's draw issued 3,900 invitations to apply, bringing the year's total to 82,000.\n"
    )
    (round_,) = parse_article(text).rounds
    assert round_.values().get("invitations") == 3900
    (other,) = parse_article(text.replace("Today's draw", "Today the department")).rounds
    assert other.values().get("invitations") is None  # "today" alone names no round on an undated page


def test_a_score_needed_to_get_an_invitation_is_the_cut_off() -> None:
    # Feed: December 9, 2020, 5,000 invitations at 469.
    text = "In the draw of 9 December 2020, the minimum CRS score needed to get an invitation was 469.\n"
    (round_,) = parse_article(text).rounds
    assert round_.values().get("crs_min") == 469
    (none,) = parse_article(text.replace("needed to get an invitation", "needed to get a visa")).rounds
    assert none.values().get("crs_min") is None


def test_a_figure_in_the_previous_round_named_by_date_is_that_rounds() -> None:
    # Feed: August 12, 2019, 3,600 at 466; July 24, 2019, 3,600 at 459.
    text = (
        "An Express Entry draw took place on August 12, 2019, inviting 3,600 candidates.\n\n"
        "The cut-off of 466 in today's draw is seven points above the minimum score of 459 in the previous "
        "invitation round on July 24.\n"
    )
    rounds = {r.values()["date"]: r.values() for r in parse_article(text).rounds}
    assert rounds["2019-07-24"].get("crs_min") == 459
    assert rounds["2019-08-12"].get("crs_min") != 459
    # "459, unlike the previous round on July 24" does not put 459 in that round.
    other = text.replace("459 in the previous", "459, unlike the previous")
    assert all(r.values().get("crs_min") != 459 for r in parse_article(other).rounds)


def test_a_date_followed_by_a_time_of_day_is_a_moment_not_a_round() -> None:
    # Feed: June 30, 2021, 3,000 invitations at 369 (an invented tie-break moment).
    text = (
        "IRCC held a draw on June 30, 2021, inviting 3,000 candidates with at least 369 points.\n\n"
        "Candidates tied at the lowest score were invited only if their profiles came in before the "
        "timestamp. For this draw, it was June 22, 2021, at 04:12:09 UTC.\n"
    )
    dates = {r.values().get("date") for r in parse_article(text).rounds}
    assert dates == {"2021-06-30"}
    held = text.replace("For this draw, it was", "The draw itself took place on")
    assert "2021-06-22" in {r.values().get("date") for r in parse_article(held).rounds}


def test_rows_of_profile_moments_in_a_worked_example_are_no_rounds() -> None:
    # Feed: May 13, 2020, 529 invitations at 718 (the rows are invented profile times).
    text = (
        "In the May draw only profiles at exactly 718 points were ranked by their entry time, as below.\n"
        "Rank | CRS score | Date and time of profile entry | Status |\n"
        "528 | 718 | May 2, 2020, at 08:15:31 | Invited |\n"
        "529 | 718 | May 3, 2020, at 11:40:02 | Invited |\n"
        "530 | 718 | May 4, 2020, at 19:05:44 | Not invited |\n"
    )
    assert not {r.values().get("date") for r in parse_article(text).rounds} & {"2020-05-02", "2020-05-03"}


def test_a_deadline_written_time_first_with_a_comma_is_no_round() -> None:
    # Feed: March 3, 2025, 725 invitations (an invented profile deadline).
    text = (
        "IRCC held a draw on March 3, 2025 and invited 725 candidates.\n\n"
        "To qualify, profiles had to exist before 9:20 am, Coordinated Universal Time (UTC), on "
        "February 20, 2025, and the draw was held on that basis.\n"
    )
    dates = {r.values().get("date") for r in parse_article(text).rounds}
    assert dates == {"2025-03-03"}


def test_the_end_of_a_period_and_a_date_after_which_names_no_round() -> None:
    # Feed: January 7, 2026, 2,500 invitations at 511 (invented period and stop).
    text = (
        "IRCC held a draw on January 7, 2026 and invited 2,500 candidates with at least 511 points.\n\n"
        "The instruction for this round covers the period beginning on January 7, 2026 and ending on "
        "January 8, 2026. The department stopped inviting "
        "trades candidates after December 3, 2025.\n"
    )
    dates = {r.values().get("date") for r in parse_article(text).rounds}
    assert dates == {"2026-01-07"}


def test_a_heading_day_takes_the_year_of_the_same_day_named_just_after() -> None:
    # Feed: April 17, 2019, 3,350 invitations at 451 (the page is dated years later).
    text = (
        "Published March 4, 2023\n\n"
        "Most Recent Draw - April 17\n\n"
        "The most recent draw was held on 17 April 2019, when 3,350 candidates were invited at 451.\n"
    )
    dates = {r.values().get("date") for r in parse_article(text).rounds}
    assert dates == {"2019-04-17"}


def test_an_ordinal_before_express_entry_and_its_abbreviation_is_the_rounds_number() -> None:
    # Feed: round #203 on August 19, 2021, 463 invitations at 751 (the sentences are ours).
    text = (
        "#203 Express Entry Draw | PNP invites 463 nominees\n\n"
        "On August 19, 2021, IRCC held its 203rd Express Entry (EE) draw, also its 15th Provincial Nominee "
        "Program (PNP) draw of 2021. In all, 463 nominees were sent Invitations to Apply, with a minimum "
        "score of 751.\n\n"
        "The details of the 203rd EE PNP draw follow:\n\n"
        "Express Entry System #203 Draw\n"
        "Class PNP Provincial Nominee Program\n"
        "Date and Time of Draw August 19, 2021 at 14:20:11 UTC\n"
        "Minimum CRS Score 751\n"
        "Number of Invitations Issued 463\n"
        "Tie-breaking Rule May 2, 2021 at 08:10:05 UTC\n"
    )
    rounds = [r.values() for r in parse_article(text).rounds]
    assert [(r.get("round_id"), r.get("date")) for r in rounds] == [("203", "2021-08-19")]


def test_a_figure_after_a_sentence_on_the_previous_undated_draw_is_not_this_rounds() -> None:
    # Feed: August 4, 2021, 635 invitations at 760; the previous PNP round invited 462 at 734.
    text = (
        "IRCC held a draw on August 4, 2021 and invited 635 provincial nominees.\n\n"
        "In the previous PNP draw, Canada invited 462 candidates. The score requirement was 734. The new "
        "draw brought more invitations.\n"
    )
    (round_,) = parse_article(text).rounds
    assert round_.values().get("crs_min") is None
    named = text.replace("In the previous PNP draw, Canada invited 462 candidates. ", "")
    (this,) = parse_article(named).rounds
    assert this.values().get("crs_min") == 734  # without the earlier round, the paragraph is this one's


def test_a_program_set_aside_is_not_the_rounds_program() -> None:
    # Feed: March 1, 2017, 3,884 invitations at 434 (a round open to all programs).
    text = (
        "Leaving out candidates eligible under the Federal Skilled Trades Class, the lowest cut-off so far "
        "is 434, in a draw that took place on March 1, 2017.\n"
    )
    (round_,) = parse_article(text.replace("Leaving out", "Apart from")).rounds
    assert round_.values().get("round_type") is None
    (other,) = parse_article(text.replace("Leaving out candidates eligible under", "Only")).rounds
    assert other.values().get("round_type") == "program"  # the program named alone is the round's


def _day(facts: RoundFacts) -> str | None:
    """The month and day a round left undated was written with ("MM-DD")."""
    return facts.day_written.value if facts.day_written is not None else None
