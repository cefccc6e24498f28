"""The fifty-fifth pass (session 14, before its fresh sets were scored): figures listed together ("invited
1,470 and 2,500 candidates", "cut-offs of 534 and 336, respectively") are several rounds' values, none of
them given to the one round the clause names; a count beside a cut-off ("a minimum score of 534 and 1,470
invitations") is no list; a count that "were expected" is a plan. Our words; each test fails without its
rule. Facts from the feed: #286 (February 28, 2024, 1,470 at 534, general), #287 (February 29, 2024, 2,500
at 336, French) and #333 (January 23, 2025, 4,000 CEC at 527)."""

from __future__ import annotations

from tests.support import articles


def test_two_counts_listed_together_are_not_the_first_days() -> None:
    text = (
        "Express Entry: two draws this week\n\n"
        "On February 28 and 29, 2024, IRCC invited 1,470 and 2,500 candidates, with minimum scores of 534 "
        "and 336.\n"
    )
    for row in articles.rows(text):
        assert row[2] is None and row[3] is None, row


def test_cut_offs_listed_with_respectively_are_no_one_rounds() -> None:
    text = (
        "Express Entry draws #286 and #287\n\n"
        "Draws #286 and #287 invited 1,470 and 2,500 candidates with cut-offs of 534 and 336 respectively.\n"
    )
    for row in articles.rows(text):
        assert row[2] is None and row[3] is None, row


def test_a_count_beside_a_cut_off_is_no_list() -> None:
    text = (
        "Express Entry draw on February 28, 2024\n\n"
        "On February 28, 2024, IRCC set the minimum score at 534 and 1,470 invitations were issued in a "
        "general round.\n"
    )
    assert articles.rows(text) == [(None, "2024-02-28", 1470, 534, "general", None)]


def test_a_count_said_to_be_planned_is_no_rounds() -> None:
    # Feed: #333, January 23, 2025, 4,000 CEC candidates at 527.
    text = (
        "Express Entry draw of January 23, 2025\n\n"
        "On January 23, 2025, 5,000 invitations were expected for Canadian Experience Class candidates, but "
        "IRCC issued 4,000 ITAs with a cut-off of 527.\n"
    )
    assert articles.rows(text) == [(None, "2025-01-23", 4000, 527, "program", None)]
