"""The forty-second pass (recall, on the thirty-second set): "this round" after a sentence naming one round
by its day, though the paragraph opened on two draws; "an astounding 75"; francophone candidates counted;
"the fifth all-program immigration draw", "under all immigration programs"; and the forty-third (on the
thirty-first set): a cut-off "not less than", "selected in today’s draw", "a new low at". Our words, after
real pages; each test fails without its rule. Facts from the feed: #286 and #287 (February 28 and 29, 2024:
1,470 at 534, all programs; 2,500 French-speaking at 336), #176 (February 13, 2021, 27,332 CEC at 75), #265
(September 26, 2023, 3,000 at 504, all programs), #138 (March 4, 2020, 471), #130 (November 13, 2019, 472),
#88 (April 25, 2018, 441)."""

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


def test_a_cut_off_not_less_than_selected_today_or_a_new_low_is_the_rounds() -> None:
    texts = {
        "2020-03-04": "On March 4, 2020, IRCC held a draw. The draw required a Comprehensive Ranking System "
        "(CRS) score not less than 471.\n",
        "2019-11-13": "On November 13th 2019, IRCC invited 3,600 candidates. The minimum score selected in "
        "today’s draw was 472.\n",
        "2018-04-25": "The CRS draw held on the 25th of April, 2018 reached a new low at 441.\n",
    }
    assert {day: [r[3] for r in articles.rows(text)] for day, text in texts.items()} == {
        "2020-03-04": [471],
        "2019-11-13": [472],
        "2018-04-25": [441],
    }
