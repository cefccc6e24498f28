"""Session 15, before its fresh set: a writer telling of their own invitation ("I received my ITA in the
draw of 23 May 2018 with 452 points") gives their own score, not the round's cut-off, unless they call it
the cut-off; and a press release's dateline ("TORONTO, Nov. 20, 2024 /PRNewswire/ --", "(Newsfile Corp. -
March 3, 2023)", "VANCOUVER, British Columbia, Jan. 12, 2024 (GLOBE NEWSWIRE)") is the release's day, no
round's; a figure's label after a sentence ("... invited 3,900 candidates. Minimum CRS: 471.") keeps its
figure (a colon cut them apart); a candidate's timeline ("Profile: CEC, CRS 478, ITA on 4 March 2020, PPR
2 Aug 2020") gives the writer's program and score and days that are no rounds' ("PPR", "AOR"); the count of
a round's Ministerial Instructions ("the number of invitations that may be issued for the period ... is
2,878") is the round's; a weekday written with a year-less day that the year taken makes another weekday
("on Wednesday, March 4" on a page of 2021) leaves the year in doubt. Our words,
in the shape of forum posts, journey blogs and wire releases; each test fails without its rule but a
guard's. Facts from the feed: #176 (February 13, 2021, 27,332 CEC at 75), #138 (March 4, 2020, 3,900 at
471), #90 (May 23, 2018, 3,500 at 440), #326 (November 19, 2024, 400 CEC at 539), #242 (March 1, 2023, 667
PNP at 748), #279 (January 10, 2024, 1,510 at 546), #50 (December 22, 2016, 2,878 at 475)."""

from __future__ import annotations

from tests.support import articles


def test_the_writers_own_score_is_not_the_cut_off() -> None:
    text = (
        "My Express Entry timeline\n\n"
        "I received my ITA in the draw of 23 May 2018 with 452 points. AOR came in June.\n"
    )
    assert all(r[3] is None for r in articles.rows(text))


def test_a_score_the_writer_calls_the_cut_off_is_taken() -> None:
    text = (
        "Finally invited!\n\n"
        "We got our ITA on May 23, 2018. The cut-off was 440 and 3,500 people were invited.\n"
    )
    assert (None, "2018-05-23", 3500, 440, None, None) in articles.rows(text)


def test_a_press_wire_dateline_is_no_round() -> None:
    text = (
        "TORONTO, Nov. 20, 2024 /PRNewswire/ -- A Toronto immigration firm welcomes the latest Express Entry "
        "draw. On November 19, IRCC issued 400 invitations to Canadian Experience Class candidates with a "
        "minimum CRS of 539.\n"
    )
    assert articles.rows(text) == [(None, "2024-11-19", 400, 539, "program", None)]


def test_a_newsfile_dateline_is_no_round_and_the_days_round_is_read() -> None:
    text = (
        "Calgary, Alberta--(Newsfile Corp. - March 3, 2023) - A consultancy comments on the March 1 draw, in "
        "which 667 provincial nominees were invited with scores of 748 or higher.\n"
    )
    assert articles.rows(text) == [(None, "2023-03-01", 667, 748, "program", None)]


def test_a_dateline_with_a_province_is_no_round() -> None:
    text = (
        "VANCOUVER, British Columbia, Jan. 12, 2024 (GLOBE NEWSWIRE) -- A firm said the January 10 draw "
        "invited 1,510 candidates with a minimum score of 546.\n"
    )
    assert articles.rows(text) == [(None, "2024-01-10", 1510, 546, None, None)]


def test_a_label_and_its_figure_after_a_sentence_stay_together() -> None:
    text = "Express Entry update\n\nThe March 4, 2020 round invited 3,900 candidates. Minimum CRS: 471.\n"
    assert articles.rows(text) == [(None, "2020-03-04", 3900, 471, None, None)]


def test_a_candidates_timeline_gives_no_cut_off_kind_or_round_of_its_own() -> None:
    text = (
        "Re: CEC applicants, share your timelines\n\n"
        "Profile: CEC, CRS 478, ITA on 4 March 2020, PPR 2 Aug 2020.\n\n"
        "My timeline:\nCRS: 478\nITA: March 4, 2020\nAOR: March 20, 2020\n"
    )
    rows = articles.rows(text)
    assert {r[1] for r in rows} == {"2020-03-04"}
    assert all(r[3] is None and r[4] is None for r in rows)


def test_a_program_the_writer_names_with_a_draw_is_the_rounds() -> None:
    # a guard: it passes without the rule too
    text = "Finally!\n\nI got my ITA in the CEC draw of February 13, 2021, with a cut-off of 75.\n"
    assert articles.rows(text) == [(None, "2021-02-13", None, 75, "program", None)]


def test_the_count_of_a_rounds_ministerial_instructions_is_read() -> None:
    text = (
        "Instructions for the 50th round\n\n"
        "The Minister gave the annexed Ministerial Instructions Respecting Invitations to Apply for "
        "Permanent Residence under the Express Entry System on December 22, 2016.\n"
        "1. (1) For the purposes of paragraph 10.2(1)(b), the number of invitations that may be issued for "
        "the period beginning on December 22, 2016 and ending on December 23, 2016 is 2,878.\n"
        "(2) Foreign nationals who, on December 22, 2016 at 13:39:04 UTC, have been assigned a total of 475 "
        "points or more hold the rank required to be invited.\n"
    )
    assert ("50", "2016-12-22", 2878, 475, None, None) in articles.rows(text)


def test_a_weekday_that_the_years_day_is_not_leaves_the_year_in_doubt() -> None:
    text = (
        "Posted on March 20, 2021\n\n"
        "Looking back: on Wednesday, March 4, IRCC invited 3,900 candidates with a minimum score of 471.\n"
    )
    assert "2021-03-04" not in articles.dates(text)
    assert articles.undated(text) == [("03-04", 3900, 471, None, None)]


def test_a_weekday_that_agrees_keeps_the_year() -> None:
    # a guard: it passes without the rule too
    text = (
        "Posted on March 20, 2020\n\n"
        "Looking back: on Wednesday, March 4, IRCC invited 3,900 candidates with a minimum score of 471.\n"
    )
    assert articles.dates(text) == {"2020-03-04"}
