"""Recall rules of the thirteenth and fourteenth passes (after the fourteenth and fifteenth sets were
scored): a table captioned with the month its rounds start from; "this draw" after a round whose year is the
doubt; one of several draws; a round "launched" (docs/articles.md, the doubt table). Fixtures in our own
words, after real pages; each test fails without its rule, except the second, which shows where the first
rule stops."""

from __future__ import annotations

from tests.support import articles

_SINCE = (
    "IRCC holds a healthcare draw, its third draw this week\n\n"
    "The department issued 3,600 invitations in a healthcare draw.\n\n"
    "{caption}\n\n"
    "Date Draw Type Number of ITAs Minimum CRS\n"
    "Jan 10 All-program 1,510 546\n"
    "Dec 8 STEM occupations 5,900 481\n"
    "Oct 26 Healthcare occupations 3,600 431\n"
    "July 12 French language proficiency 3,800 375\n"
)


def test_a_table_of_the_rounds_since_a_month_dates_its_rows_on_or_after_it() -> None:
    for caption in (
        "Summary of Express Entry draws since June 2023",
        "Express Entry rounds since July 2023",
        "Results of the draws held since Jul. 2023",
    ):
        rows = {r[1]: r for r in articles.rows(_SINCE.format(caption=caption))}
        assert set(rows) >= {"2024-01-10", "2023-12-08", "2023-10-26", "2023-07-12"}, caption
        assert rows["2024-01-10"][2:] == (1510, 546, "general", None)
        assert rows["2023-12-08"][2:] == (5900, 481, "category", "stem")


def test_a_caption_naming_a_year_after_the_month_is_no_start() -> None:
    # "since June 2023, updated in 2024": two years on the line; which one the rows are in is not said.
    rows = articles.rows(_SINCE.format(caption="Express Entry draws since June 2023 (updated in 2024)"))
    assert "2024-01-10" not in {r[1] for r in rows}


def test_this_draw_after_a_round_whose_year_is_the_doubt_is_that_round() -> None:
    # A page that writes no year: its round comes out with its count and cut-off and no date.
    text = (
        "Canada sent out 1,325 invitations in an all-program event of the Express Entry system that took "
        "place on December 18. {said}, it was 19 points lower than the previous general draw.\n"
    )
    for said in (
        "With a minimum score of 542 points for this draw",
        "The cut-off of this draw was 542",
        "This round needed a CRS score of 542",
    ):
        rounds = articles.rounds(text.format(said=said))
        found = [(r.get("invitations"), r.get("crs_min"), r.get("date")) for r in rounds]
        assert found == [(1325, 542, None)], said


def test_one_of_several_draws_named_with_its_day_is_one_round() -> None:
    text = (
        "{one}, on January 24, had about 2,750 invitations for Express Entry candidates. The CRS cut-off "
        "was 444, two points lower than in the draw held on January 10, 2018.\n"
    )
    for one in ("One of 2018's first draws", "One of the first draws of 2018", "One of 2018's draws"):
        dates = articles.dates(text.format(one=one))
        assert "2018-01-24" in dates, one
    # Several draws named together still name none.
    assert "2018-01-24" not in articles.dates(text.format(one="Two of 2018's first draws"))


def test_a_round_launched_is_a_round_not_a_change() -> None:
    text = (
        "On December 2, 2024, the Government of Canada launched its first Express Entry {what} with 676 "
        "Invitations to Apply, for Provincial Nominee Program candidates.\n"
    )
    for what in ("lottery", "draw of the month", "round"):
        (round_,) = articles.rounds(text.format(what=what))
        assert (round_.get("date"), round_.get("invitations")) == ("2024-12-02", 676), what
    # A selection system launched is a change, no round.
    launch = (
        "On May 31, 2023, the Government of Canada launched category-based selection for Express Entry.\n"
    )
    assert articles.rounds(launch) == []


def test_a_title_naming_the_years_draw_results_dates_its_list() -> None:
    text = (
        "IRCC invites 6,300 CEC candidates with a minimum CRS score of 515.\n\n"
        "{title}\n\n"
        "  • July 17: Canadian Experience Class, 6,300 ITAs, minimum CRS 515\n"
        "  • July 16: Provincial Nominee Program, 1,391 ITAs, minimum CRS 670\n"
        "  • April 10: General, 1,280 ITAs, minimum CRS 549\n"
    )
    for title in ("2024 Express Entry Draw Results at a Glance", "The 2024 Express Entry round results"):
        dates = articles.dates(text.format(title=title))
        assert {"2024-07-17", "2024-07-16", "2024-04-10"} <= dates, title
