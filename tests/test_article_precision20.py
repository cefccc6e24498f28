"""The thirty-third pass (on the twenty-ninth set, after it was scored once): a year compared by
"quadruple of what they were in", "drawings", a round that "was supposed to take place", an embedded post's
date (docs/articles.md, the doubt table). Our words, after real pages; each test fails without its rule.
Facts from the feed: #204 (September 14, 2021, CEC, 2,000 at 462), #247 (April 26, 2023)."""

from __future__ import annotations

from tests.support import articles


def test_a_year_compared_as_a_multiple_and_drawings_name_the_rounds_year() -> None:
    text = (
        "The first CEC draw in September\n\n"
        '"Since the beginning of 2021, Canada has had 17 CEC drawings"\n\n'
        "On September 14, Canada invited Canadian Experience Class candidates with a score of at least "
        "462.\n\n"
        "Invitations are nearly quadruple of what they were in 2020.\n"
    )
    assert [r[1] for r in articles.rows(text)] == ["2021-09-14"]


def test_a_round_that_was_supposed_to_take_place_is_no_round() -> None:
    text = (
        "On September 14, 2021, Canada invited CEC candidates with a score of at least 462. The CEC draw, "
        "which was supposed to take place on September 2, 2021, did not happen.\n"
    )
    assert articles.dates(text) == {"2021-09-14"}


def test_an_embedded_posts_date_is_no_round() -> None:
    text = (
        "IRCC is back to full capacity and will answer messages as of May 1.\n"
        "— IRCC (@CitImmCanada) May 1, 2023\n"
        "IRCC held its regular Express Entry draw despite the strike.\n"
    )
    assert articles.rows(text) == []


def test_a_dated_caption_item_heads_the_lines_and_items_under_it() -> None:
    text = (
        "Breakdown of the November draws\n"
        "- November 15, 2024 – Focus on French Proficiency:\n"
        "The IRCC issued 800 Invitations to Apply (ITAs) to candidates with strong French language skills.\n"
        "- CRS Score Cutoff: Candidates needed a CRS score of 478 or higher to qualify.\n"
        "- November 13, 2024 – Canadian Experience Class (CEC):\n"
        "- A smaller draw of 400 ITAs targeted candidates under the Canadian Experience Class.\n"
        "- CRS Score Cutoff: Candidates needed a score of 547 or higher, which reflects an 8-point increase "
        "from the last CEC draw held on October 22.\n"
    )
    by_date = {r[1]: r[2:4] for r in articles.rows(text)}
    assert by_date["2024-11-15"] == (800, 478)
    assert by_date["2024-11-13"] == (400, 547)
    assert by_date.get("2024-10-22", (None, None))[1] is None
