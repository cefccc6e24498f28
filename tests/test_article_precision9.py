"""Doubt rules of the ninth pass (precision): a date of another event, a round named in passing, a kind
said of another round (docs/articles.md, the doubt table). Fixtures in our own words, after real pages."""

from __future__ import annotations

from scraper.parsing.article import parse_article
from tests.support import articles


def test_the_day_results_were_released_today_is_no_round() -> None:
    # Feed: January 7, 2021, 4,750 CEC candidates at 461 (the results came out the next day).
    text = (
        "IRCC ran another Express Entry round on January 7, 2021, its second in two days.\n\n"
        "It invited 4,750 Canadian Experience Class candidates, and a score of 461 was enough.\n\n"
        "The department released today, January 8, 2021, the results of that draw.\n"
    )
    assert articles.dates(text) == {"2021-01-07"}
    held = text.replace(
        "released today, January 8, 2021, the results of that draw", "held a draw on January 8, 2021"
    )
    assert "2021-01-08" in articles.dates(held)  # a draw held that day is a round


def test_the_day_a_rule_was_introduced_is_no_round() -> None:
    # Feed: round #252, June 28, 2023, 500 healthcare candidates at 476.
    text = (
        "IRCC held draw #252 on June 28, 2023 for healthcare occupations and invited 500 candidates with a "
        "minimum CRS score of 476.\n\n"
        "It was the first draw of its kind since the introduction of six new occupational categories on "
        "May 31, 2023.\n"
    )
    assert articles.dates(text) == {"2023-06-28"}
    other = text.replace(
        "It was the first draw of its kind since the introduction of six new occupational categories on"
        " May 31, 2023.",
        "IRCC also held a draw for all programs on May 31, 2023, inviting 300 candidates.",
    )
    assert articles.dates(other) == {"2023-06-28", "2023-05-31"}  # a draw held that day is a round


def test_a_round_named_after_the_one_this_draw_follows_takes_none_of_its_figures() -> None:
    # Feed: June 8, 2023, 4,800 at 486 (all programs); the article's own round is unnamed (4,300).
    text = (
        "IRCC issues 4,300 ITAs in a new Express Entry draw\n\n"
        "The department invited 4,300 candidates in an all-program draw, with a CRS cut-off of 486.\n\n"
        "It was the second draw of the month after the June 8, 2023 draw.\n"
    )
    rounds = [r.values() for r in parse_article(text).rounds]
    assert all(r.get("invitations") != 4300 for r in rounds)
    named = text.replace(
        "It was the second draw of the month after the June 8, 2023 draw.",
        "The draw was held on June 8, 2023.",
    )
    assert [r.values().get("invitations") for r in parse_article(named).rounds] == [4300]


def test_a_round_compared_in_a_list_does_not_take_the_next_items() -> None:
    # Feed: November 12, 2024, 733 PNP at 812; November 13, 400 CEC at 547; October 22, CEC at 539.
    text = (
        "Three Express Entry draws took place this week.\n"
        "November 13, 2024: Canadian Experience Class\n"
        "- The cut-off of 547 is eight points above the previous CEC draw on October 22, 2024.\n"
        "November 12, 2024: Provincial Nominee Program\n"
        "- This draw invited 733 candidates, and the CRS cut-off for this draw was 812.\n"
    )
    rounds = {r.values().get("date"): r.values() for r in parse_article(text).rounds}
    assert rounds.get("2024-10-22", {}).get("invitations") is None
    assert rounds.get("2024-10-22", {}).get("crs_min") is None


def test_a_clause_going_on_about_another_periods_round_gives_no_kind() -> None:
    # Feed: September 14, 2021, 2,000 CEC candidates at 462 (all-program rounds had stopped in 2020).
    text = (
        "IRCC has invited only nominees for four months. The most recent draw for Canadian Experience Class "
        "candidates was held on September 14, 2021, and the latest all-program draw was held in"
        " December 2020.\n"
    )
    (round_,) = parse_article(text).rounds
    assert round_.values().get("round_type") == "program"
    same = text.replace("in December 2020", "in September 2021")
    (other,) = parse_article(same).rounds
    assert other.values().get("round_type") == "general"  # the same month: the clause may be this round's


def test_a_program_added_by_a_clause_about_the_round_leaves_its_kind_empty() -> None:
    # Feed: July 6, 2022, 1,500 invitations at 557 (the page names two programs for it).
    text = (
        "On July 6, 2022, IRCC held an Express Entry draw for Federal Skilled Workers for the first time in "
        "a long while, inviting 1,500 candidates.\n\n"
        "The draw took in candidates of the Canadian Experience Class as well.\n"
    )
    (round_,) = parse_article(text).rounds
    assert round_.values().get("round_type") is None
    alone = text.replace(" as well", "")
    (other,) = parse_article(alone).rounds
    assert other.values().get("round_type") == "program"


def test_a_round_numbered_in_passing_takes_no_later_date() -> None:
    # Feed: round #255, July 6, 2023, healthcare; June 28, 2023 was the first healthcare round (#252).
    text = (
        "IRCC invited 3,600 healthcare workers in its third healthcare draw.\n\n"
        "The preceding draws for healthcare occupations were held on July 6th (draw #255) and October 24th "
        "(draw #271). On June 28, 2023 IRCC held the very first healthcare draw.\n"
    )
    rounds = [r.values() for r in parse_article(text).rounds]
    assert all(r.get("date") is None for r in rounds if r.get("round_id"))
    assert "2023-06-28" in {r.get("date") for r in rounds}


def test_points_a_nomination_gives_are_no_cut_off() -> None:
    # Feed: January 7, 2021, 4,750 CEC candidates at 461.
    text = (
        "IRCC held a draw on January 7, 2021 and invited 4,750 Canadian Experience Class candidates.\n\n"
        "Candidates holding a provincial nomination automatically receive a total score of 600 points, which "
        "is why the threshold is high in such draws.\n"
    )
    (round_,) = parse_article(text).rounds
    assert round_.values().get("crs_min") is None
    stated = text.replace(
        "automatically receive a total score of 600 points", "saw a minimum score of 600 points"
    )
    (other,) = parse_article(stated).rounds
    assert other.values().get("crs_min") == 600  # a score the round's candidates needed is its cut-off


def test_a_day_after_the_articles_date_under_its_own_year_is_a_doubt() -> None:
    # Feed: July 18, 2024, 1,800 French-language candidates at 400 (a table updated after publication).
    text = (
        "Published: July 8, 2024\n\n"
        "IRCC held a French language proficiency draw today, inviting 3,200 candidates at 420.\n\n"
        "Summary of Express Entry draw results in 2024\n"
        "Date | Draw type | ITAs | CRS\n"
        "July 18 | French language proficiency | 1,800 | 400\n"
        "July 8 | French language proficiency | 3,200 | 420\n"
    )
    dates = articles.dates(text)
    assert "2023-07-18" not in dates
    assert "2024-07-08" in dates
    # In prose the table's caption rule does not apply: the day after the article's date under "in 2024"
    # is left undated and said, never read in 2023.
    prose = (
        "Published: July 8, 2024\n\n"
        "IRCC held a French language proficiency draw today, inviting 3,200 candidates at 420.\n\n"
        "Summary of Express Entry draws in 2024\n\n"
        "On July 18, IRCC invited 1,800 French-speaking candidates with a minimum CRS of 400.\n"
    )
    read = parse_article(prose)
    assert {r.values().get("date") for r in read.rounds} == {"2024-07-08", None}
    assert [r.day_written.value for r in read.rounds if r.day_written] == ["07-18"]
    assert any("'July 18' has no year" in w and "left empty" in w for w in read.warnings)


def test_a_change_a_few_words_before_the_date_is_no_round() -> None:
    # Feed: June 28, 2023, 500 healthcare candidates at 476 (job offer points went in 2025: no round).
    lead = "IRCC held a draw on June 28, 2023, inviting 500 healthcare candidates at a minimum of 476.\n\n"
    for sentence in (
        "Points for a job offer in the CRS were removed on March 25, 2025.",
        "The department updated its page of draw results on June 29, 2023 with the figures.",
    ):
        assert articles.dates(lead + sentence + "\n") == {"2023-06-28"}
    held = lead + "IRCC invited 1,500 healthcare workers on July 6, 2023.\n"
    assert "2023-07-06" in articles.dates(held)


def test_a_figure_of_another_undated_round_is_not_the_dated_ones() -> None:
    # Feed: July 4, 2023, 1,800 trades candidates at 436; July 2, 920 PNP candidates at 739.
    lead = "On July 4, 2023, IRCC invited 1,800 candidates in trade occupations.\n\n"
    for sentence in (
        "Two days earlier, 920 candidates were invited with a cut-off of 739.",
        "A separate draw invited 920 candidates with a cut-off of 739.",
        "In the other draw this week, 920 candidates were invited with a cut-off of 739.",
    ):
        (round_,) = parse_article(lead + sentence + "\n").rounds
        assert round_.values().get("crs_min") is None, sentence
    (same,) = parse_article(lead + "The cut-off was 436.\n").rounds
    assert same.values().get("crs_min") == 436


def test_a_kind_or_figure_of_a_round_named_by_its_order_is_not_the_dated_ones() -> None:
    # Feed: July 4, 2023, 1,800 trades candidates at 436 (the STEM round came in another week).
    lead = "IRCC invited 1,800 candidates on July 4, 2023"
    for tail in (
        ", one week after a STEM draw.",
        ", days after inviting STEM workers.",
        ", unlike the STEM draw a week before.",
        ", following a draw for STEM occupations.",
        ", a week after it invited 500 STEM workers with a cut-off of 486.",
    ):
        (round_,) = parse_article(lead + tail + "\n").rounds
        values = round_.values()
        assert values.get("category") is None and values.get("crs_min") is None, tail
    (own,) = parse_article(lead + " in a STEM draw.\n").rounds
    assert own.values().get("category") == "stem"


def test_a_kind_denied_is_not_the_rounds() -> None:
    # Feed: July 4, 2023, 1,800 trades candidates at 436 (no PNP round that day).
    text = "IRCC invited 1,800 candidates on July 4, 2023. It was not a PNP draw; the cut-off was 436.\n"
    (round_,) = parse_article(text).rounds
    assert round_.values().get("round_type") is None
    (said,) = parse_article(text.replace("not a PNP draw", "a PNP draw")).rounds
    assert said.values().get("round_type") == "program"
