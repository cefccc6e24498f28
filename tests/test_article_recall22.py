"""The thirty-first pass (on the twenty-eighth set, after it was scored once): a tally "to date" and "since
Express Entry began", an ordinal round said with "today" or "last week", a caption line naming a day
(docs/articles.md, the doubt table). Our words, after real pages; each test fails without its rule. Facts
from the feed: #22 (December 4, 2015, 1,451 at 461), #13 (July 17, 2015, 1,581 at 451), #1 to #4 (January
31, February 7, 20 and 27, 2015)."""

from __future__ import annotations

from tests.support import articles


def test_an_ordinal_round_said_with_today_keeps_its_figures_and_a_tally_to_date_is_none() -> None:
    text = (
        "What is the change? Canada conducted its 22nd Express Entry draw today, accepting a lowest "
        "qualifying score of 461 and issuing 1,451 invitations to apply.\n\n"
        "Background: Since June, all draws have recorded minimum scores below 600. To date, 29,560 "
        "invitations to apply have been issued.\n"
    )
    assert [(r[0], *r[2:4]) for r in articles.rows(text)] == [("22", 1451, 461)]


def test_an_ordinal_round_said_with_last_week_and_a_tally_since_express_entry_began() -> None:
    text = (
        "Canada conducted its 13th draw last week for Express Entry, inviting 1,581 people to apply. The "
        "number of ITAs has topped 1,500 in each of the past four draws. Still, Canada has issued just "
        "16,025 ITAs since the Express Entry began.\n"
    )
    assert [r[:3] for r in articles.rows(text)] == [("13", None, 1581)]


def test_a_caption_line_naming_a_day_heads_its_rounds_section() -> None:
    text = (
        "On January 31st, February 7th, February 21st and February 28th 2015 CIC held rounds.\n"
        "February 7th Invitations:\n"
        "CIC invited 779 skilled workers from every program. The lowest CRS score was 818.\n"
        "February 21st Invitations:\n"
        "CIC invited 849 skilled workers from the Canadian Experience Class. The lowest CRS score was 809.\n"
        "February 28th Invitations:\n"
        "CIC invited 1187 skilled workers. The lowest CRS score was 735.\n"
    )
    by_date = {r[1]: r[2:4] for r in articles.rows(text)}
    assert by_date["2015-02-21"] == (849, 809)
    assert by_date["2015-02-28"] == (1187, 735)


def test_a_numbered_table_whose_cells_run_together_is_read_a_row_a_round() -> None:
    text = (
        "The following table gives each draw of November:\n\n"
        "Draw numberDateDraw typeInvitations issuedCRS score\n"
        "327November 20, 2024Healthcare occupations (Version 1)3,000463\n"
        "326November 19, 2024Canadian Experience Class400539\n"
    )
    assert articles.rows(text) == [
        ("327", "2024-11-20", 3000, 463, "category", "healthcare"),
        ("326", "2024-11-19", 400, 539, "program", None),
    ]


def test_a_program_included_in_a_round_and_a_years_smallest_draw_give_no_kind() -> None:
    text = (
        "Q3 2020 was the biggest quarter of Express Entry.\n\n"
        "Candidates in the Federal Skilled Worker Program, who had been left out in Q2, were finally "
        "included in the July 8th, 2020 Express Entry draw, which invited 3,900 candidates.\n\n"
        "On December 23, 2020, IRCC held the year's last draw. The smallest draw of 2020 was held a month "
        "after the pandemic began, when 118 invitations were issued during the PNP draw.\n"
    )
    assert [(r[1], r[4]) for r in articles.rows(text)] == [("2020-07-08", None), ("2020-12-23", None)]


def test_a_flattened_table_of_month_day_rows_under_a_caption_since_a_month_and_a_confirmation_day() -> None:
    text = (
        "A draw has not taken place since the all-program draw on August 15, in which 4,300 were invited. On "
        "September 18, it confirmed it would be resuming Express Entry draws this week. Summary of Express "
        "Entry draw results since June 2023 Date Program Number of ITAs Minimum CRS Aug 15 All-program 4,300 "
        "496 Aug 3 Trade occupations 1,500 388 Aug 2 French language proficiency 800 435 What is Express "
        "Entry? It is a system.\n"
    )
    rows = articles.rows(text)
    assert (None, "2023-08-03", 1500, 388, "category", "trades") in rows
    assert all(r[1] != "2023-09-18" for r in rows)
    assert all(r[0] != "09-18" for r in articles.undated(text))


def test_a_tally_thus_far_is_no_rounds_count() -> None:
    text = (
        "IRCC issued invitations to 1,400 Express Entry candidates in the second draw this week, with a "
        "minimum CRS score of 410. This category-based draw on April 24, 2024 was for French proficiency.\n\n"
        "Thus far, IRCC has invited 35,960 candidates to apply for permanent residence in Canada.\n"
    )
    assert [r[1:4] for r in articles.rows(text)] == [("2024-04-24", 1400, 410)]
