"""The twenty-eighth pass (on the twenty-sixth set, used since its one score): Latin text written with Greek
and Cyrillic look-alike letters, a candidate's own score, the count of "the ITAs issued in this draw", and a
record "so far" that is still the round's count (docs/articles.md, the doubt table). Our words, after real
pages; each test fails without its rule. Facts from the feed: #236 (November 23, 2022, 4,750 at 491), #56
(March 1, 2017, 3,884 at 434)."""

from __future__ import annotations

from scraper.parsing.article_lookalikes import latin_lookalikes
from tests.support import articles


def test_latin_words_written_with_look_alike_letters_are_read_as_latin() -> None:
    # A Greek omicron and a Cyrillic ie in Latin words, as a copied page writes them.
    text = (
        "\u039fn N\u03bfv\u0435mb\u0435r 23, Canada h\u0435ld an all-pr\u03bfgram draw. IRCC invit\u0435d "
        "4,750 applicants with a minimum CRS sc\u03bfr\u0435 \u03bff 491.\n"
    )
    assert articles.undated(text) == [("11-23", 4750, 491, "general", None)]
    # Each letter is one letter: positions stay; a word in Greek or Cyrillic script is its own.
    assert len(latin_lookalikes(text)) == len(text)
    assert latin_lookalikes(
        "\u0394\u03b5\u03bb\u03c6\u03bf\u03af and \u041c\u043e\u0441\u043a\u0432\u0430"
    ) == ("\u0394\u03b5\u03bb\u03c6\u03bf\u03af and \u041c\u043e\u0441\u043a\u0432\u0430")


def test_a_candidates_own_score_is_no_cut_off() -> None:
    text = (
        "The sixth draw of IRCC, held on March 1, 2017, brought the cut-off down: the CRS points were as "
        "low as 434.\n\n"
        "Abdul, 29, has three years of experience. The latest draw would give him an ITA, as his score is "
        "435 CRS points.\n"
    )
    assert [r[1:4] for r in articles.rows(text)] == [("2017-03-01", None, 434)]


def test_the_itas_issued_in_this_draw_were_a_count_even_as_a_record() -> None:
    text = (
        "The sixth draw of IRCC was held on March 1, 2017. The total ITAs issued in this draw were 3,884, "
        "which are the highest so far.\n"
    )
    assert [r[1:3] for r in articles.rows(text)] == [("2017-03-01", 3884)]
    # A tally "so far" is still no round's count.
    tally = text.replace(
        "The total ITAs issued in this draw were 3,884, which are the highest so far",
        "IRCC has issued 30,000 ITAs so far",
    )
    assert [r[1:3] for r in articles.rows(tally)] == [("2017-03-01", None)]


def test_a_cut_off_said_of_the_round_named_by_its_day_is_its_cut_off() -> None:
    text = (
        "CRS cut-off trends for 2022\n\n"
        "Since the draws resumed, the cut-off has dropped in ten draws. The CRS cut-off score for the first "
        "EE draw held on July 6 was 557.\n"
    )
    assert [r[1:4] for r in articles.rows(text)] == [("2022-07-06", None, 557)]


def test_yesterday_is_the_day_before_the_round_the_text_calls_todays() -> None:
    text = (
        "A total of 3,559 candidates were invited in the Express Entry draw which took place on June 11, "
        "2020. The cut-off in this draw was 437.\n\n"
        "The cut-off of 437 is 3 points below the previous CEC draw held on May 28, 2020, which had a "
        "minimum score of 440. Today's CEC draw was the second invitation round in 24 hours. Yesterday, "
        "IRCC issued 341 ITAs to candidates nominated through the Provincial Nominee Program.\n"
    )
    by_date = {r[1]: r for r in articles.rows(text)}
    assert by_date["2020-06-10"][2] == 341
    assert by_date["2020-06-11"][2:4] == (3559, 437)


def test_another_draw_on_a_day_in_doubt_is_that_days_round() -> None:
    # The page names a year (the system's start) but none for the day.
    text = (
        "Today marks the first round of STEM draws: 500 ITAs to candidates with a minimum CRS of 486.\n\n"
        "IRCC also held an all-program draw yesterday (700 ITAs, at least 511) for the second week in a "
        "row. On June 27th the department held another all-program Express Entry draw, issuing 4,300 ITAs "
        "to candidates with a minimum CRS score of 486.\n\n"
        "Express Entry manages three programs. Since its introduction in 2015 it has grown.\n"
    )
    assert ("06-27", 4300, 486, "general", None) in articles.undated(text)
