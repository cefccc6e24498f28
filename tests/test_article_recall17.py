"""The twenty-third pass (after the twenty-third set was scored): tables flattened into a line, days whose
year is in doubt after the article's own round, and dates that name no round (docs/articles.md, the doubt
table). Our words, after real pages; each test fails without its rule. Facts from the feed: #316-#318
(October 7, 9 and 10, 2024), #162 (September 2, 2020), #271 (October 26, 2023, healthcare, 3,600 at 431),
#148 (November 5, 2020, 4,500 at 478), #213 (December 22, 2021, PNP, 746 at 720)."""

from __future__ import annotations

from scraper.parsing.article import parse_article
from scraper.parsing.article_flattened import flattened
from tests.support import articles


def _undated(text: str) -> list[tuple[object, ...]]:
    """(day written, count, cut-off) of each round given without a date."""
    return [row[:3] for row in articles.undated(text)]


def test_a_table_flattened_into_one_line_is_read_a_row_a_round() -> None:
    text = (
        "October was busy. The table below lists the month's draws: Draw Number Date Round Type ITAs Issued "
        "CRS Cut-off Scores 316 October 7, 2024 Provincial Nominee Program (PNP) 1,613 743 317 October 9, "
        "2024 Canadian Experience Class (CEC) 500 539 318 October 10, 2024 French Language Proficiency "
        "1,000 444 The pool kept growing.\n"
    )
    assert articles.rows(text) == [
        ("316", "2024-10-07", 1613, 743, "program", None),
        ("317", "2024-10-09", 500, 539, "program", None),
        ("318", "2024-10-10", 1000, 444, "category", "french"),
    ]
    # Without a header naming a count and a cut-off, the numbers could be anything: the line is left alone.
    bare = text.replace("Draw Number Date Round Type ITAs Issued CRS Cut-off Scores", "Here they are")
    assert flattened(bare) == bare
    # One row is no table.
    one = text.split(" 317 October 9")[0] + "\n"
    assert flattened(one) == one


def test_a_year_said_with_and_beyond_is_no_rounds_year() -> None:
    text = (
        "This draw matches the 4,200 ITAs issued in an Express Entry round on September 2.\n\n"
        "Canada remains committed to welcoming many immigrants in 2021 and beyond.\n"
    )
    assert _undated(text) == [("09-02", 4200, None)]
    assert articles.dates(text.replace(" and beyond", "")) == {"2021-09-02"}  # a plain year still dates it


def test_a_draw_expected_on_a_day_and_a_release_sent_on_a_day_name_no_round() -> None:
    text = (
        "Transport occupations draw expected the week of September 18th, 2023\n\n"
        "In a release sent on September 18, IRCC confirmed that later this week it will invite candidates "
        "with experience in transport occupations.\n"
    )
    assert parse_article(text).rounds == ()
    held = "Transport occupations draw held on September 18th, 2023\n\nIRCC invited transport workers.\n"
    assert articles.dates(held) == {"2023-09-18"}


def test_a_day_marked_today_whose_year_is_not_written_is_still_a_doubt() -> None:
    text = (
        "Canada finally held its latest Express Entry draw on November 5th (today) with 4,500 invitations "
        "and a minimum score of 478.\n"
    )
    assert _undated(text) == [("11-05", 4500, 478)]


def test_a_later_day_in_doubt_after_the_articles_own_round_is_a_round_of_its_own() -> None:
    # The page names years (2025, 2030) but none for these days.
    text = (
        "The latest all-program draw issued 4,750 invitations with a minimum CRS score of 561. This draw is "
        "the first in weeks, after a pause for technical issues.\n\n"
        "Earlier, on October 26, IRCC focused on healthcare occupations, issuing 3,600 invitations with a "
        "CRS score requirement of 431.\n\n"
        "The plan aims to admit 114,000 such immigrants a year by 2025; retirements will peak by 2030.\n"
    )
    assert _undated(text) == [("10-26", 3600, 431)]


def test_a_count_additional_over_another_draw_is_no_count() -> None:
    text = (
        "On November 23, 750 additional invitations were issued over the September draw, with a minimum "
        "CRS of 491.\n"
    )
    assert _undated(text) == [("11-23", None, 491)]


def test_a_participle_about_draws_closing_the_clause_leaves_its_day_a_round() -> None:
    text = (
        "On December 22, Canada invited 746 candidates from the pool, continuing its focus on PNP-only "
        "draws. The minimum score for this round was 720.\n\n"
        "Travel rules changed in 2021 and 2022.\n"
    )
    assert _undated(text) == [("12-22", 746, 720)]
    # Draws named in the clause itself, not in a closing participle, still make it speak of several: its
    # count is no round's.
    plural = text.replace(", continuing its focus on PNP-only draws", " in one of its draws")
    assert [count for _, count, _ in _undated(plural)] == [None]
