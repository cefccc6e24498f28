"""The forty-second pass (recall, on the thirty-second set): "this round" after a sentence naming one round
by its day, though the paragraph opened on two draws; "an astounding 75"; francophone candidates counted;
"the fifth all-program immigration draw", "under all immigration programs". Our words, after real pages;
each test fails without its rule. Facts from the feed: #289 and #290 (February 28 and 29, 2024: 1,470 at
534, all programs; 2,500 French-speaking at 336), #173 (February 13, 2021, 27,332 CEC at 75), #266
(September 26, 2023, 3,000 at 504, all programs)."""

from __future__ import annotations

from tests.support import articles


def test_this_round_after_a_sentence_naming_one_round_is_that_round() -> None:
    text = (
        "Last week, IRCC held two Express Entry draws. On February 28, 2024, Canada held the fifth "
        "all-program immigration draw of 2024 and issued 1,470 ITAs. The minimum score for this round was "
        "534 points. On February 29, IRCC held a draw for French language proficiency candidates and invited "
        "2,500 francophone candidates.\n"
    )
    assert [r[1:6] for r in articles.rows(text)] == [
        ("2024-02-28", 1470, 534, "general", None),
        ("2024-02-29", 2500, None, "category", "french"),
    ]


def test_an_astounding_cut_off_is_the_rounds() -> None:
    text = (
        "On the February 13, 2021 draw, everyone selected was in the Canadian Experience Class; the lowest "
        "Comprehensive Ranking Score (CRS) accepted was an astounding 75!\n"
    )
    assert [r[1:5] for r in articles.rows(text)] == [("2021-02-13", None, 75, "program")]


def test_a_round_under_all_immigration_programs_is_general() -> None:
    text = "On September 26, 2023, IRCC invited 3,000 candidates under all immigration programs.\n"
    assert [r[1:5] for r in articles.rows(text)] == [("2023-09-26", 3000, None, "general")]
