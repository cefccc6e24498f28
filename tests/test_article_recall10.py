"""Recall rules of the article reader's tenth pass: rounds a page states that it must find
(docs/articles.md)."""

from __future__ import annotations

from scraper.parsing.article_dates import publication_date
from scraper.parsing.article_run_together import unjammed
from tests.support import articles


def test_a_run_together_table_whose_count_column_is_misspelt_and_whose_type_column_is_draw() -> None:
    # Feed: March 13, 2024 (transport, 975 at 430) and March 12, 2024 (general, 2,850 at 525).
    text = (
        "Every Express Entry round of 2024:\n\n"
        "DateDrawNo of InvitesCRS Score\n"
        "March 13Transport Occupations975430\n"
        "March 12General2,850525\n"
        "Why transport workers?\n"
    )
    assert articles.rows(text) == [
        (None, "2024-03-13", 975, 430, "category", "transport"),
        (None, "2024-03-12", 2850, 525, "general", None),
    ]
    # A misspelt count column ("Invitrations") is still the count column.
    assert articles.rows(text.replace("No of Invites", "No of Invitrations")) == articles.rows(text)
    # Without a count column the rows are not split (nothing says which figure is which).
    assert articles.rows(text.replace("No of Invites", "Size of it")) == []


def test_a_box_of_fields_whose_labels_run_into_their_values() -> None:
    # Feed: September 28, 2023, agriculture and agri-food occupations, 600 at 354.
    text = (
        "IRCC has run its first round for farm and food jobs. The figures:\n\n"
        "Type of selectionCategory-based\n"
        "Occupations targetedAgriculture and agri-food\n"
        "DateSeptember 28, 2023\n"
        "No of Invitations to apply (ITA)600\n"
        "Ranks600 or better\n"
        "CRS Cutoff354\n"
        "Tie-break ruleJune 12, 2023, at 10:23:21 UTC\n\n"
        "More rounds for these jobs are expected.\n"
    )
    assert [(d, n, c) for _, d, n, c, _, _ in articles.rows(text)] == [("2023-09-28", 600, 354)]
    assert "Date: September 28, 2023\nNo of Invitations to apply (ITA): 600" in unjammed(text)
    # The same box with its colons reads the same; its "Date:" line is the round's, not the article's.
    spaced = unjammed(text)
    assert [(d, n, c) for _, d, n, c, _, _ in articles.rows(spaced)] == [("2023-09-28", 600, 354)]
    assert publication_date(spaced) is None
    # A lone line of that shape is no box: it is left as it is.
    lone = "Our office hours\nDateSeptember 28, 2023 was a holiday.\n"
    assert unjammed(lone) == lone
    # A "Date:" line over prose (no box of figures) is still the article's date, never a round.
    byline = "Date: October 3, 2023\n\nThe pool keeps growing, and IRCC invited 600 candidates at 354.\n"
    assert articles.rows(byline) == []


def test_a_table_whose_number_column_is_headed_by_a_hash_alone() -> None:
    # Feed: #326 on November 19, 2024 and #323 on November 13, 2024 (CEC, 400 at 539 and 547).
    text = (
        "The last CEC rounds at a glance\n"
        "# | Date | Kind of round | Invitations | Lowest CRS |\n"
        "---|---|---|---|---|\n"
        "326 | November 19, 2024 | Canadian Experience Class | 400 | 539 |\n"
        "323 | November 13, 2024 | Canadian Experience Class | 400 | 547 |\n"
    )
    assert [(n, d, c) for n, d, _, c, _, _ in articles.rows(text)] == [
        ("326", "2024-11-19", 539),
        ("323", "2024-11-13", 547),
    ]
    # A "#" column whose figures cannot be the rounds' numbers (a rank) is left empty.
    ranks = text.replace("326 |", "1 |").replace("323 |", "2 |")
    assert [n for n, _, _, _, _, _ in articles.rows(ranks)] == [None, None]


def test_a_run_together_row_whose_type_cell_holds_a_note_with_figures() -> None:
    # Feed: February 1, 2024 (French, 7,000 at 365) and January 31, 2024 (general, 730 at 541).
    text = (
        "Category rounds held so far in 2024\n\n"
        "DateRound typeInvitations issuedCRS score cutoff\n"
        "February 1, 2024French language proficiency (2023-1)7,000365\n"
        "January 31, 2024General730541\n"
    )
    assert articles.rows(text) == [
        (None, "2024-02-01", 7000, 365, "category", "french"),
        (None, "2024-01-31", 730, 541, "general", None),
    ]
    # A note in words ("(Version 1)") reads the same.
    worded = articles.rows(text.replace("(2023-1)", "(Version 1)"))
    assert worded[0] == (None, "2024-02-01", 7000, 365, "category", "french")


_APRIL_2024 = [
    (None, "2024-04-10", 1280, 549, "general", None),
    (None, "2024-04-11", 4500, 491, "category", "stem"),
]


def test_table_headers_that_name_the_count_and_the_cut_off_in_other_words() -> None:
    # Feed: April 10, 2024 (general, 1,280 at 549) and April 11, 2024 (STEM, 4,500 at 491).
    caption = "Every Express Entry round held in 2024\n\n"
    jammed = "April 10General1,280549\nApril 11STEM occupations4,500491\n"
    spaced = "April 10 General 1,280 549\nApril 11 STEM occupations 4,500 491\n"
    piped = (
        "---|---|---|---|\nApril 10 | General | 1,280 | 549 |\nApril 11 | STEM occupations | 4,500 | 491 |\n"
    )
    for header, rows in (
        ("DateProgramInvitationsCut-off", jammed),  # a cut-off column without "CRS" or "score"
        ("DateDraw TypeDraw SizeCRS Cut-off", jammed),  # "Draw Size" is the count
        ("DateTypeInvitationsMinimum points", jammed),
        ("Date Round type Invitations issued Lowest CRS score", spaced),
        ("Date Draw type Draw size CRS cut-off", spaced),
        ("Date | Draw type | Draw size | CRS |", piped),
        ("Date | Program | Invitations | Points |", piped),
    ):
        assert articles.rows(caption + header + "\n" + rows) == _APRIL_2024, header
    # A header naming no count column leaves the run-together rows unread.
    assert articles.rows(caption + "DateProgramCut-off\n" + jammed) == []


def test_spaced_tables_with_the_cut_off_first_a_note_or_ordinal_days() -> None:
    # Feed: April 10, 2024 (general, 1,280 at 549) and April 11, 2024 (STEM, 4,500 at 491).
    caption = "Every Express Entry round held in 2024\n\n"
    crs_first = (
        "Date Draw type Minimum CRS Invitations\nApril 10 General 549 1,280\n"
        "April 11 STEM occupations 491 4,500\n"
    )
    assert articles.rows(caption + crs_first) == _APRIL_2024
    # "No. of ITAs" names the count column.
    counted = (
        "Draw Date Draw Type No. of ITAs CRS Score\nApril 10 General 1,280 549\n"
        "April 11 STEM occupations 4,500 491\n"
    )
    assert articles.rows(caption + counted) == _APRIL_2024
    # A note in brackets after the count is passed over; "Score" alone heads the cut-off.
    noted = "Date Invitations Score\nApril 10 1,280 549\nApril 11 4,500 (STEM only) 491\n"
    assert [(d, n, c) for _, d, n, c, _, _ in articles.rows(caption + noted)] == [
        ("2024-04-10", 1280, 549),
        ("2024-04-11", 4500, 491),
    ]
    # A run-together row whose day has an ordinal ("April 11th") keeps its type cell whole ("STEM ...").
    ordinal = "DateDraw TypeInvitationsCRS\nApril 10thGeneral1,280549\nApril 11thSTEM occupations4,500491\n"
    assert articles.rows(caption + ordinal) == _APRIL_2024
    plain = "DateDraw TypeInvitationsCRS\nApril 10General1,280549\nApril 11STEM occupations4,500491\n"
    assert articles.rows(caption + plain) == _APRIL_2024


def test_a_table_laid_out_one_cell_per_line_whose_number_column_comes_first() -> None:
    # Feed: #292 on April 10, 2024 (general, 1,280 at 549) and #293 on April 11, 2024 (STEM, 4,500 at 491).
    text = (
        "Every Express Entry round held in 2024\n\n"
        "Draw #\nDate\nDraw type\nInvitations\nCRS\n"
        "292\nApril 10\nGeneral\n1,280\n549\n"
        "293\nApril 11\nSTEM occupations\n4,500\n491\n"
    )
    assert articles.rows(text) == [
        ("292", "2024-04-10", 1280, 549, "general", None),
        ("293", "2024-04-11", 4500, 491, "category", "stem"),
    ]
    # A first column that is not a number column ("Notes") makes no such table: no figure is read.
    assert all(
        n is None and c is None for _, _, n, c, _, _ in articles.rows(text.replace("Draw #\n", "Notes\n"))
    )


def test_a_year_less_day_just_before_a_full_date_of_the_only_year_named() -> None:
    # Feed: September 27, 2023 (French, 500 at 472) and #267 on September 28, 2023 (agriculture, 600 at 354).
    text = (
        "IRCC has held its first round for farm and food jobs, with 600 invitations.\n\n"
        "The day before, September 27, 500 French-speaking candidates were invited with a CRS of at least "
        "472.\n\n"
        "The new round in short\n"
        "  • Express Entry Round: #267\n"
        "  • Draw Date:  September 28, 2023\n"
        "  • CRS Cut-off Score: 354\n"
        "  • No. of invitations: 600\n"
    )
    dated = {d: (n, c) for _, d, n, c, _, _ in articles.rows(text)}
    assert dated == {"2023-09-27": (500, 472), "2023-09-28": (600, 354)}
    # A full date of that year more than a week later does not date it (the article may be of the next year).
    later = text.replace("September 28, 2023", "October 12, 2023")
    assert "2023-09-27" not in {d for _, d, _, _, _, _ in articles.rows(later)}


def test_headers_naming_the_round_date_day_first_full_dates_and_figures_with_their_unit() -> None:
    # Feed: April 10, 2024 (general, 1,280 at 549) and April 11, 2024 (STEM, 4,500 at 491).
    caption = "Every Express Entry round held in 2024\n\n"
    spaced = "April 10 General 1,280 549\nApril 11 STEM occupations 4,500 491\n"
    for header in ("Date of draw Draw type Invitations CRS", "Round date Round type Invitations CRS"):
        assert articles.rows(caption + header + "\n" + spaced) == _APRIL_2024, header
    jammed = "April 10General1,280549\nApril 11STEM occupations4,500491\n"
    assert articles.rows(caption + "Round DateRound TypeInvitationsCRS\n" + jammed) == _APRIL_2024
    # A run-together row whose full date puts the day first: "10 April 2024General1,280549".
    day_first = (
        "DateDraw TypeInvitationsCRS\n10 April 2024General1,280549\n11 April 2024STEM occupations4,500491\n"
    )
    assert articles.rows(day_first) == _APRIL_2024
    # A cell may carry its column's unit ("1,280 ITAs", "549 points"); another word is no figure of it.
    piped = (
        "Date | Type | ITAs | CRS |\n---|---|---|---|\nApril 10 | General | 1,280 ITAs | 549 points |\n"
        "April 11 | STEM occupations | 4,500 ITAs | 491 points |\n"
    )
    assert articles.rows(caption + piped) == _APRIL_2024
    other = articles.rows(caption + piped.replace("549 points", "549 days"))
    assert other[0][3] is None and other[1][3] == 491


def test_a_year_at_a_line_end_over_a_dashed_list_item_is_no_range() -> None:
    # Feed: April 10, 2024 (general, 1,280 at 549) and April 11, 2024 (STEM, 4,500 at 491).
    text = (
        "Express Entry draws held in 2024\n\n"
        "- 10 April: General, 1,280 ITAs, CRS 549\n"
        "- 11 April: STEM occupations, 4,500 ITAs, CRS 491\n"
    )
    assert articles.rows(text) == _APRIL_2024
    # A range on one line ("2024 - 2026") still names no year.
    ranged = text.replace("Express Entry draws held in 2024", "The levels plan for 2024 - 2026")
    assert articles.rows(ranged) == [(None, None, 1280, 549, "general", None)]  # April 10's year: a doubt
