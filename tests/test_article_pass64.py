"""Session 18, after its fresh pages' one score (sets 112 and 113, 5 pages): a year-less day named before with
its year ("after draws resumed on July 6, 2022 ... the first draw for the year on July 6") is that day, not
the one in the page's own year; "Since the return of all-program draws on July 6, 5,250 candidates have
received ITAs" is a running total since a bound, no round; "no program was indicated for this draw" makes
the round a general one, whatever programs it then lists as eligible; "issued 4,626 permanent residence
invitations" is a count; "IRCC held its second Express Entry draw this week on January 21" names the
article's own round, stated before its day was. Our words, after real pages; each test fails without its
rule. Facts from the feed: #226 (July 6, 2022, 1,500 at 557), #233 (October 12, 2022, 4,250 at 500), #228
(August 3, 2022, 2,000 at 533, no program specified), #227 (July 20, 2022, 1,750 at 542), #174 (January 21,
2021, 4,626 CEC at 454)."""

from __future__ import annotations

from tests.support import articles


def test_a_day_named_before_with_its_year_is_that_day_not_one_in_the_pages_year() -> None:
    text = (
        "Monday, March 4, 2024\n\n"
        "Canada invites 4,250 more skilled workers\n\n"
        "This makes the eighth round after the department restarted its draws on July 6, 2022, following a "
        "long pause.\n\n"
        "The October 12, 2022 draw invited 4,250 candidates with a cut-off of 500.\n\n"
        "Readers may recall that the score for the year's first draw on July 6 was 557, well above 500.\n"
    )
    # (the page's only date, its date bar, would put July 6 in 2023; the text named July 6, 2022 before)
    assert "2023-07-06" not in articles.dates(text)
    assert "2022-07-06" in articles.dates(text)


def test_a_total_since_a_named_event_is_no_round() -> None:
    text = (
        "The newest draw, held on August 3, 2022, invited 2,000 people with at least 533 points. Its cut-off "
        "was nine points below the draw before, on July 20.\n\n"
        "Since the restart of all-program drawings on July 6, 5,250 Express Entry hopefuls have obtained "
        "ITAs.\n"
    )
    assert articles.rows(text) == [
        (None, "2022-08-03", 2000, 533, None, None),
        (None, "2022-07-20", None, None, None, None),
    ]


def test_no_program_indicated_makes_a_general_round() -> None:
    text = (
        "The newest draw, held on August 3, 2022, invited 2,000 people with at least 533 points. Because no "
        "program was indicated for this draw, candidates of the CEC and the FSWP could both be invited.\n"
    )
    assert articles.rows(text) == [(None, "2022-08-03", 2000, 533, "general", None)]


def test_permanent_residence_invitations_are_a_count() -> None:
    text = "On January 21, 2021, IRCC issued 4,626 permanent residence invitations, with a cut-off of 454.\n"
    assert articles.rows(text) == [(None, "2021-01-21", 4626, 454, None, None)]


def test_the_department_holding_its_draw_on_a_day_names_the_round_stated_above() -> None:
    text = (
        "Canada sends out 4,626 invitations in this week's second draw\n\n"
        "Candidates of the Canadian Experience Class were invited, and the cut-off was set at 454.\n\n"
        "IRCC held its second Express Entry draw this week on January 21.\n\n"
        "The department sent 4,626 invitations to Canadian Experience Class candidates. The cut-off was "
        "454.\n\n"
        "Its plan for 2021-2023 seeks about 110,000 Express Entry immigrants a year, and last year it came "
        "close, with 107,350 invitations in all.\n"
    )
    # (no year is written for the round: it is given undated, with its day as written)
    assert articles.undated(text) == [("01-21", 4626, 454, "program", None)]


def test_the_department_holding_its_previous_draw_on_a_day_does_not_name_the_round_above() -> None:
    text = (
        "Canada sends out 4,626 invitations\n\n"
        "Candidates of the Canadian Experience Class were invited, and the cut-off was set at 454.\n\n"
        "IRCC held its previous draw on January 7.\n\n"
        "Its plan for 2021-2023 seeks about 110,000 Express Entry immigrants a year.\n"
    )
    # (guard: the day is the earlier round's, so the figures above are not given to it)
    assert articles.undated(text) == []
