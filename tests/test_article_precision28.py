"""The fifty-seventh pass (session 14, on the forty-third to forty-sixth sets, after their one score): a
season is a period ("6,000 ... during the summer" is no February round's); the nomination's 600 points
said as "an automatic 600 points", "the 600 points available through an LMIA", "automatically adding 600
points" are no cut-off; "27,332 ... in a single draw ... of this year" is the round's count, no tally; a
profile's day ("registered no earlier than", "had until 10:15 a.m. UTC on") is the tie-break, no round's;
"the #1 country" is a rank; a number cut by a letter ("3و900") is no count; and "For example, on November
24, Canada invited 613" cites a real round. Our words, after real pages; each test fails without its rule.
Facts from the feed: #176 (February 13, 2021, 27,332 CEC at 75, tie-break September 12, 2020), #194 (June
24, 2021, 6,000 CEC at 357, tie-break February 17, 2021 10:15:50 UTC), #210 (November 24, 2021, 613 PNP at
737), #226 (July 6, 2022, 1,500 at 557, tie-break November 13, 2021), #155 (July 8, 2020, 3,900 at 478),
#47 (November 16, 2016)."""

from __future__ import annotations

from tests.support import articles


def test_a_season_is_another_period_than_a_february_round() -> None:
    text = (
        "Canada invites 613 candidates\n\n"
        "Published 25 Nov, 2021\n\n"
        "Canada invited 27,332 CEC applicants in a single draw on February 13 of this year. On top of that, "
        "IRCC sent 6,000 CEC invitations at a time during the summer.\n"
    )
    assert [r[1:4] for r in articles.rows(text)] == [("2021-02-13", 27332, None)]


def test_the_nominations_points_are_no_cut_off() -> None:
    lead = "Express Entry draw of June 24, 2021\n\nOn June 24, 2021, IRCC invited 6,000 candidates. "
    for said in (
        "PNP applicants earn an automatic 600 points as they compete through other programs.",
        "Those who relied on the 600 points available through an LMIA lose the most.",
        "They had 501 to 550 without provincial nominations automatically adding 600 points.",
    ):
        assert [r[1:4] for r in articles.rows(lead + said + "\n")] == [("2021-06-24", 6000, None)], said


def test_a_profiles_day_is_the_tie_break_not_a_round() -> None:
    text = (
        "Express Entry draws resume\n\n"
        "On July 6, 2022, the first all-program draw of the year took place. There were 1,500 people invited "
        "who registered in Express Entry no earlier than November 13, 2021, and the lowest score was 557.\n\n"
        "In the CEC round of June 24, 2021, candidates had until 10:15 a.m. UTC on February 17 to submit "
        "their profile.\n"
    )
    assert articles.dates(text) == {"2022-07-06", "2021-06-24"}


def test_a_rank_is_no_round_number_and_a_cut_number_is_no_count() -> None:
    text = (
        "Why newcomers choose Canada\n\n"
        "Canada is the #1 country in the world for quality of life.\n\n"
        "On July 8, 2020, IRCC held a draw for all programs and invited 3\u0648900 applicants with a "
        "cut-off of 478.\n"
    )
    assert articles.rows(text) == [(None, "2020-07-08", None, 478, "general", None)]


def test_an_example_that_cites_a_dated_round() -> None:
    text = (
        "Canada welcomed 613 candidates\n\n"
        "Published 25 Nov, 2021\n\n"
        "PNP draws have been frequent this year. For example, on November 24, Canada invited 613 Express "
        "Entry candidates to apply for permanent residence.\n"
    )
    assert [r[1:3] for r in articles.rows(text)] == [("2021-11-24", 613)]


def test_the_second_program_of_a_denied_list_is_denied_too() -> None:
    # Feed: #64, May 26, 2017, Federal Skilled Trades, at 199.
    text = (
        "Express Entry draw of May 26, 2017\n\n"
        "The draw of May 26, 2017 was for the Federal Skilled Trades Class and not the Canadian Experience "
        "Class or the Federal Skilled Worker Class.\n"
    )
    (round_,) = articles.rounds(text)
    assert round_["programs"] == ["FST"]


def test_rows_of_a_dated_list_keep_their_own_lines() -> None:
    # Found by probing: day-first dated rows over 50 characters were joined as wrapped prose, and the second
    # row's day took the first row's figures. Feed: #288 (March 12, 2024, 2,850 at 525), #289 (March 13,
    # 2024, transport, 975 at 430).
    text = (
        "Latest News\n\n"
        "12 Mar 2024 - Express Entry Draw #288: 2,850 ITAs issued, CRS 525\n"
        "13 Mar 2024 - Transport category draw: 975 invitations at 430\n"
    )
    assert articles.rows(text) == [
        ("288", "2024-03-12", 2850, 525, None, None),
        (None, "2024-03-13", 975, 430, "category", "transport"),
    ]
