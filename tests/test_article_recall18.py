"""The twenty-fifth pass (on the twenty-fourth set, used for development since it was scored): a year named
in a comparison after a day, a group "considered" in a round, a statement's weekday, the round "this draw"
goes on about after a day in doubt, and an aside after a round's day (docs/articles.md, the doubt table).
Our words, after real pages; each test fails without its rule. Facts from the feed: #337 (February 19,
2025, French, 6,500 at 428), #329 (December 2024, French), #164 (September 30, 2020, 4,200), #253 (July 4,
2023, all programs, 700 at 511), #254 (July 5, 2023, STEM, 500 at 486)."""

from __future__ import annotations

import datetime as dt

from scraper.parsing.article import parse_article
from tests.support import articles


def _undated(text: str) -> list[tuple[object, ...]]:
    """(day written, count, cut-off, round type, category) of each round given without a date."""
    return articles.undated(text)


def test_a_year_named_after_a_day_in_a_comparison_is_the_compared_rounds() -> None:
    text = (
        "Canada invites French speakers\n\n"
        "IRCC's latest Express Entry draw sent 6,500 invitations to French-speaking candidates, its "
        "337th round.\n\n"
        "Held on February 19, the round's cut-off fell to 428, 38 points lower than the French-language "
        "draw of December 2024, which invited 800.\n"
    )
    rows = articles.rows(text)
    assert [r[:2] for r in rows] == [("337", None)]
    # Without the comparison, the year named after the day in its paragraph still dates it.
    plain = text.replace(
        "38 points lower than the French-language draw of December 2024, which invited 800", "in 2025"
    )
    assert [r[:2] for r in articles.rows(plain)] == [("337", "2025-02-19")]


def test_a_program_whose_candidates_a_round_considered_is_not_its_program() -> None:
    text = (
        "IRCC held its 164th Express Entry draw, inviting 4,200 candidates. The draw broke with recent "
        "practice because it considered candidates belonging to the FSWP category as well.\n"
    )
    assert articles.rows(text) == [("164", None, 4200, None, None, None)]
    only = text.replace("it considered candidates belonging to the FSWP category as well", "it was FSWP-only")
    assert articles.rows(only) == [("164", None, 4200, None, "program", None)]


def test_a_statement_made_on_a_weekday_names_no_round() -> None:
    text = (
        "Trades workers get their own path\n\n"
        "In a statement on Tuesday, IRCC announced that people working in trades such as welding will be "
        "invited to apply in a new category, after the French-speaking candidates invited earlier.\n"
    )
    assert parse_article(text, published=dt.date(2023, 8, 1)).rounds == ()
    held = text.replace("In a statement on Tuesday, IRCC announced that", "On Tuesday, IRCC held a draw:")
    assert articles.dates(held, dt.date(2023, 8, 1)) == {"2023-08-01"}


def test_this_draw_after_a_day_in_doubt_is_that_days_round() -> None:
    text = (
        "IRCC issued 1,500 invitations to healthcare workers, the third round this week. Its cut-off of 463 "
        "was the lowest compared to all rounds of 2023. This draw followed the one held on June 28 for "
        "healthcare.\n\n"
        "Also, on July 5, IRCC held the first-ever STEM draw. In this draw, 500 STEM candidates were "
        "invited with a minimum CRS score of 486.\n"
    )
    assert _undated(text) == [("07-05", 500, 486, "category", "stem")]


def test_a_comparison_set_off_by_commas_after_a_day_leaves_the_day_its_round() -> None:
    text = (
        "Healthcare round this week\n\n"
        "On July 4, prior to the draw for STEM professionals, IRCC held an all-program draw, inviting 700 "
        "candidates. Candidates for this all-program draw needed a minimum CRS score of 511.\n"
    )
    assert _undated(text) == [("07-04", 700, 511, "general", None)]
    # An aside that names another round's day or figures is no aside: what follows it may be that round's.
    dated = text.replace("prior to the draw for STEM professionals", "prior to the draw of June 28")
    assert _undated(dated) == []


def test_a_cut_off_said_of_the_round_by_its_kind_is_its_cut_off() -> None:
    text = (
        "IRCC held an all-program draw on July 4, 2023, inviting 700 candidates. The minimum CRS score for "
        "this all-program draw was 511.\n"
    )
    assert articles.rows(text) == [(None, "2023-07-04", 700, 511, "general", None)]
    # A round named as another ("the previous draw") is still no word of this round's.
    previous = text.replace("this all-program draw was 511", "the previous draw was 450")
    assert articles.rows(previous) == [(None, "2023-07-04", 700, None, "general", None)]
