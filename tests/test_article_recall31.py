"""The fifty-sixth pass (session 14, before its fresh sets were scored): "the French round", "a Francophone
draw" name the French-language category; "(1,510 invited, 546 minimum)" states a count and a cut-off, and
"4,000 were issued" a count; later, "a Transport category draw" names its category. Our words; each test
fails without its rule. Facts from the feed: #337 (February 19, 2025, French, 6,500 at 428), #279 (January
10, 2024, 1,510 at 546), #333 (January 23, 2025, 4,000 CEC at 527), #289 (March 13, 2024, transport, 975 at
430)."""

from __future__ import annotations

from tests.support import articles


def test_the_french_round_names_the_category() -> None:
    text = (
        "What the new rules mean for your score\n\n"
        "Published February 24, 2025\n\n"
        "In the most recent French round, on February 19, 2025, 6,500 candidates were invited with a "
        "cut-off of 428.\n"
    )
    assert articles.rows(text) == [(None, "2025-02-19", 6500, 428, "category", "french")]


def test_a_count_said_as_the_people_invited() -> None:
    text = (
        "How does the tie-breaking rule work?\n\n"
        "In the round of January 10, 2024 (1,510 invited, 546 minimum), the tie-breaking time was "
        "December 29, 2023 at 13:14:08 UTC.\n"
    )
    assert [r[1:4] for r in articles.rows(text)] == [("2024-01-10", 1510, 546)]


def test_a_bare_count_the_next_words_say_were_issued() -> None:
    # Feed: #333, January 23, 2025, 4,000 CEC candidates at 527.
    text = (
        "Express Entry draw of January 23, 2025\n\n"
        "The Canadian Experience Class round took place on January 23, 2025: 4,000 were issued, and the "
        "lowest score was 527.\n"
    )
    assert articles.rows(text) == [(None, "2025-01-23", 4000, 527, "program", None)]


def test_a_transport_category_draw() -> None:
    # Feed: #289, March 13, 2024, transport occupations, 975 at 430.
    text = (
        "Latest News\n\n"
        "12 Mar 2024 - Express Entry Draw #288: 2,850 ITAs issued, CRS 525\n"
        "13 Mar 2024 - Transport category draw: 975 invitations at 430\n"
    )
    assert (None, "2024-03-13", 975, 430, "category", "transport") in articles.rows(text)
