"""Doubt rules of the sixteenth pass (after the seventeenth set was scored): the fields under a numbered list
item; a count "from the earlier draw"; a count of those invited "in the IRCC's draws"; a deadline; the day
of the pool's figures (docs/articles.md, the doubt table). Fixtures in our own words, after real pages; each
case fails without its rule."""

from __future__ import annotations

from tests.support import articles


def test_the_fields_under_a_numbered_list_item_are_that_rounds() -> None:
    text = (
        "Here are the details of the Express Entry draws held in August 2024:\n\n"
        "  • Draw #312:\n"
        "  • Date: August 27, 2024\n"
        "  • Round Type: Canadian Experience Class (CEC)\n"
        "  • ITAs Issued: 3,300\n"
        "  • CRS Cut-off Score: 507\n"
        "  • Draw #311:\n"
        "  • Date: August 26, 2024\n"
        "  • Round Type: Provincial Nominee Program (PNP)\n"
        "  • ITAs Issued: 1,121\n"
        "  • CRS Cut-off Score: 694\n"
        "  • Draw #310:\n"
        "  • Date: August 15, 2024\n"
        "  • Round Type: Category-Based Selection (CBS) – French Language Proficiency\n"
        "  • ITAs Issued: 2,000\n"
        "  • CRS Cut-off Score: 394\n"
    )
    rows = {r[0]: r for r in articles.rows(text)}
    assert rows["312"][2:] == (3300, 507, "program", None)
    assert rows["311"][2:] == (1121, 694, "program", None)
    assert rows["310"][2:] == (2000, 394, "category", "french")
    # The "Date:" fields are not read as the rounds' days (a known limit), never as another round's.
    assert [rows[n][1] for n in ("312", "311", "310")] in (
        [None, None, None],
        ["2024-08-27", "2024-08-26", "2024-08-15"],
    )


def test_a_count_from_the_earlier_draw_is_that_rounds_not_the_paragraphs() -> None:
    text = (
        "Published March 9, 2021\n\n"
        "IRCC held a PNP-only draw on March 8, inviting 671 provincial nominees with a cut-off of 739.\n\n"
        "So far this year IRCC has issued 38,657 ITAs. Most of these invitations came from when IRCC issued "
        "27,332 {noun} from the {which} draw on Saturday, February 13. That draw was for CEC candidates.\n"
    )
    for noun, which in (("invitations to apply", "earlier"), ("ITAs", "previous"), ("candidates", "prior")):
        by_date = {r.get("date"): r for r in articles.rounds(text.format(noun=noun, which=which))}
        assert by_date["2021-03-08"].get("invitations") != 27332, noun
        assert by_date["2021-02-13"].get("invitations") == 27332, noun


def test_a_count_of_those_invited_in_the_departments_draws_is_a_total() -> None:
    text = (
        "The draw on May 24, 2023 invited 4,800 candidates with a minimum CRS score of 488.\n\n"
        "A total of 49,948 candidates have been invited to take part in {whose} draws in 2023, not counting "
        "the present draw.\n"
    )
    for whose in ("the IRCC’s", "the department's", "Canada's federal"):
        (round_,) = articles.rounds(text.format(whose=whose))
        assert round_.get("invitations") == 4800, whose


def test_a_deadline_is_no_round() -> None:
    text = (
        "IRCC held an Express Entry draw on January 11, 2023, inviting 5,500 candidates.\n\n"
        "Only those invited in a draw held between November 19, 2018, and July 12, 2019, may apply (buyers "
        "whose FRA {said} June 30, 2021, are excluded) for the Express Entry draw.\n"
    )
    for said in ("expires on", "expired on", "has a deadline of"):
        assert articles.dates(text.format(said=said)) == {"2023-01-11"}, said


def test_the_day_of_the_pools_figures_is_no_round() -> None:
    text = (
        "IRCC issued 1,842 invitations to CEC candidates on May 20, 2021.\n\n"
        "Some statistics:\n"
        "  • According to the newest {what} May 17th: the Express Entry pool holds 143,000 candidates.\n"
    )
    for what in ("data per", "figures as at", "statistics dated"):
        assert articles.dates(text.format(what=what)) == {"2021-05-20"}, what
