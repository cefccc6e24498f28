"""Articles: each round's facts apart, with where they came from; nothing invented."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from eewatch.domain.announcement import ARTICLE, NotAnnouncement, RoundFacts
from scraper.parsing.article import article_text, parse_article, parse_article_text

ARTICLES = Path(__file__).parent / "fixtures" / "articles"


def rounds_of(name: str) -> dict[str | None, RoundFacts]:
    result = parse_article((ARTICLES / name).read_bytes())
    assert result.kind == ARTICLE
    return {(r.round_id.value if r.round_id else None): r for r in result.rounds}


def values(facts: RoundFacts) -> dict[str, object]:
    return {name: found.value for name, found in facts.found().items()}


def test_html_article_with_the_previous_round_keeps_them_apart() -> None:
    rounds = rounds_of("stem-254-with-previous.html")
    assert set(rounds) == {"254", "253"}
    assert values(rounds["254"]) == {
        "round_id": "254",
        "date": dt.date(2026, 11, 19),
        "tie_break_at": dt.datetime(2026, 11, 2, 10, 46, 54, tzinfo=dt.UTC),
        "round_type": "category",
        "category": "stem",
        "invitations": 500,
        "crs_min": 486,
    }
    previous = values(rounds["253"])
    assert previous["invitations"] == 1000 and previous["crs_min"] == 510
    assert previous["date"] == dt.date(2026, 11, 5) and previous["programs"] == ("CEC",)


def test_scripts_footers_and_approximations_are_not_counts() -> None:
    rounds = rounds_of("stem-254-with-previous.html")
    # "Draw #999: 9,999 invitations" sits in a <script>; "About 230,000 candidates" is the pool.
    assert "999" not in rounds
    assert all(r.invitations is None or r.invitations.value in (500, 1000) for r in rounds.values())


def test_plain_text_with_commas_and_draw_no() -> None:
    facts = rounds_of("draw-no-255-plain.txt")["255"]
    assert values(facts) == {
        "round_id": "255",
        "date": dt.date(2026, 11, 24),
        "held_at": dt.datetime(2026, 11, 24, 14, 2, 11, tzinfo=dt.UTC),
        "round_type": "program",
        "programs": ("CEC",),
        "invitations": 6000,
        "crs_min": 512,
    }
    assert facts.invitations.snippet == "6,000 ITAs" and facts.round_id.snippet == "draw no. 255"


def test_two_rounds_in_one_article() -> None:
    rounds = rounds_of("two-rounds-in-one.txt")
    assert values(rounds["256"])["invitations"] == 1500 and values(rounds["256"])["crs_min"] == 791
    assert values(rounds["256"])["programs"] == ("PNP",)
    later = values(rounds["257"])
    assert later["invitations"] == 2000 and later["crs_min"] == 430 and later["category"] == "french"
    # "The next day" gives no date: it stays empty rather than borrowing #256's.
    assert "date" not in later


def test_ordinals_and_facts_before_the_round_is_named() -> None:
    rounds = rounds_of("ordinal-headline-first.html")
    main = values(rounds["258"])
    assert main["invitations"] == 1500 and main["crs_min"] == 520 and main["round_type"] == "general"
    assert main["date"] == dt.date(2026, 11, 26)
    assert rounds["258"].round_id.snippet == "258th Express Entry round"
    # The comparison belongs to #250; "Nearly 2,000 candidates" is not a count.
    assert values(rounds["250"]) == {"round_id": "250", "crs_min": 470}


def test_an_article_about_no_round_is_an_empty_result() -> None:
    result = parse_article((ARTICLES / "no-round.txt").read_bytes())
    assert result.rounds == ()


@pytest.mark.parametrize("body", [b"", b"  \n\n ", "<html><body></body></html>"])
def test_an_empty_article_is_a_clear_error(body: bytes | str) -> None:
    with pytest.raises(NotAnnouncement, match="empty"):
        parse_article(body)


def test_bytes_that_are_not_text_are_a_clear_error() -> None:
    with pytest.raises(NotAnnouncement, match="UTF-8"):
        parse_article(b"\xff\xfe draw #254 \xff")


@pytest.mark.parametrize(
    "name", ["stem-254-with-previous.html", "draw-no-255-plain.txt", "two-rounds-in-one.txt"]
)
def test_every_span_points_at_its_snippet(name: str) -> None:
    text = article_text((ARTICLES / name).read_bytes())
    for facts in parse_article_text(text).rounds:
        for field, found in facts.found().items():
            assert text[found.start : found.end] in found.snippet, field
            assert found.snippet in text, field


@pytest.mark.parametrize(
    ("sentence", "round_id", "invitations", "crs"),
    [
        ("IRCC invited 500 applicants in the 254th round, with a CRS score of 486.", "254", 500, 486),
        ("Draw #254: 6,000 ITAs issued, CRS cutoff 486.", "254", 6000, 486),
        (
            "In round number 254 the minimum CRS required was 486; 1,250 invitations were issued.",
            "254",
            1250,
            486,
        ),
        ("Express Entry draw no. 254 saw more than 500 candidates invited.", "254", None, None),
        ("Draw #254 invited candidates; the lowest-ranked candidate had a score of 486.", "254", None, 486),
    ],
)
def test_sentence_styles(sentence: str, round_id: str, invitations: int | None, crs: int | None) -> None:
    (facts,) = parse_article_text(sentence).rounds
    assert facts.round_id.value == round_id
    assert (facts.invitations.value if facts.invitations else None) == invitations
    assert (facts.crs_min.value if facts.crs_min else None) == crs


def test_a_comparison_without_a_round_number_is_dropped_not_misattributed() -> None:
    text = "Draw #260 invited 3,000 candidates. The previous draw invited 1,000 candidates with a CRS of 500."
    (facts,) = parse_article_text(text).rounds
    assert facts.invitations.value == 3000 and facts.crs_min is None


def test_conflicting_values_for_one_round_leave_it_empty_with_a_warning() -> None:
    """Two candidates named as strongly are a doubt (issue 16: never a wrong value): no value, said why."""
    text = "Draw #261 invited 3,000 candidates. Draw #261 invited 3,500 candidates."
    (facts,) = parse_article_text(text).rounds
    assert facts.invitations is None
    assert any("3,000" in w and "3,500" in w and "left empty" in w for w in facts.warnings)


def test_a_date_without_a_year_takes_the_publication_year() -> None:
    text = "Published: January 3, 2027\nDraw #262 was held on December 30 and invited 800 candidates."
    (facts,) = parse_article_text(text).rounds
    assert facts.date.value == dt.date(2026, 12, 30)
    assert any("no year" in w for w in facts.warnings)


def test_facts_of_an_unnumbered_round_are_kept_apart_and_flagged() -> None:
    result = parse_article_text("IRCC invited 700 candidates with a CRS score of 480 on November 3, 2026.")
    (facts,) = result.rounds
    assert facts.round_id is None and facts.invitations.value == 700
    assert facts.to_round(ARTICLE, None) is None
    assert result.warnings


# -- the patterns of real articles (docs/articles.md) ---------------------------------------------


@pytest.mark.parametrize(
    ("text", "crs"),
    [
        (
            'Draw #139 invited 668 nominees. The minimum Comprehensive Ranking Score ("CRS") is currently'
            " 720.",
            720,
        ),
        ("Draw #64 invited 400 candidates, with a 417 CRS score for the lowest-ranked candidate.", 417),
        ("In draw #128, the Comprehensive Ranking System (CRS)'s cut-off score in this draw was 357.", 357),
        ("Draw #254: the CRS score of the lowest-ranked candidate invited in this draw was 486.", 486),
        ("In draw #96 the minimum C.R.S. score required was 388.", 388),
        ("Draw #254 invited STEM candidates with CRS as low as 486.", 486),
    ],
)
def test_cut_off_phrasings(text: str, crs: int) -> None:
    (facts,) = parse_article_text(text).rounds
    assert facts.crs_min is not None and facts.crs_min.value == crs


@pytest.mark.parametrize(
    ("text", "round_id"),
    [
        ("In the sixteenth, and latest, draw the minimum CRS score required was 388.", "16"),
        ("The 50th Express Entry draw invited candidates with a CRS of 486.", "50"),
        ("Express Entry Draw: 253. The CRS score of the lowest-ranked candidate invited was 486.", "253"),
        ("The previous draw (number 396) invited 400 candidates.", "396"),
    ],
)
def test_ordinals_and_labels_number_a_round(text: str, round_id: str) -> None:
    (facts,) = parse_article_text(text).rounds
    assert facts.round_id is not None and facts.round_id.value == round_id


def test_explanatory_numbers_are_not_cut_offs() -> None:
    text = (
        "Draw #213 invited 392 PNP candidates; the minimum CRS was 808. A provincial nomination adds 600"
        " points. Without it, the lowest-ranked candidate would have had a CRS of 208."
    )
    (facts,) = parse_article_text(text).rounds
    assert facts.crs_min.value == 808
    assert any("600" in w for w in facts.warnings) and any("208" in w for w in facts.warnings)


def test_the_previous_days_draw_is_a_round_of_its_own() -> None:
    text = (
        "Published: December 8, 2023\nIRCC invited 5,900 STEM candidates today with a CRS of 481. This"
        " follows the previous day's draw on December 7th, where 1,000 candidates proficient in French were"
        " invited with a CRS of 470."
    )
    rounds = {r.date.value: r.values() for r in parse_article_text(text).rounds}
    assert (
        rounds[dt.date(2023, 12, 8)]["invitations"] == 5900 and rounds[dt.date(2023, 12, 8)]["crs_min"] == 481
    )
    assert rounds[dt.date(2023, 12, 7)] == {
        "date": "2023-12-07",
        "round_type": "category",
        "category": "french",
        "invitations": 1000,
        "crs_min": 470,
    }


def test_list_rows_are_rounds_of_their_own() -> None:
    text = (
        "Recent draws\nJuly 5: Healthcare occupations draw, 3,750 ITAs, minimum CRS score 445.\n"
        "July 4: Trade occupations draw, 1,800 ITAs, minimum CRS score 436."
    )
    rounds = parse_article_text(text, published=dt.date(2024, 7, 9)).rounds
    assert [(r.date.value, r.invitations.value, r.crs_min.value, r.category.value) for r in rounds] == [
        (dt.date(2024, 7, 5), 3750, 445, "healthcare"),
        (dt.date(2024, 7, 4), 1800, 436, "trades"),
    ]


def test_footnotes_since_dates_and_tie_breaks_lend_nothing_to_the_round() -> None:
    text = (
        "Draw #290 on March 25, 2024 invited 1,980 candidates with a CRS of 524; the tie-break was"
        " January 10, 2024 at 10:00:00 UTC. It is the first general draw since December 21, 2023.\n"
        "*IRCC issued 3,600 ITAs on October 26."
    )
    facts, footnote = parse_article_text(text).rounds
    assert facts.round_id.value == "290" and facts.date.value == dt.date(2024, 3, 25)
    assert facts.invitations.value == 1980 and facts.tie_break_at is not None
    # The footnote states a round of its own (its date and count), never #290's.
    assert footnote.values() == {"date": "2023-10-26", "invitations": 3600}


def test_relative_dates_resolve_against_the_articles_date() -> None:
    text = "By Jane Doe\nPosted: February 6, 2025\nOn Wednesday, IRCC invited 4,000 CEC candidates."
    (facts,) = parse_article_text(text).rounds
    assert facts.date.value == dt.date(2025, 2, 5) and facts.round_type.value == "program"
    # Without the article's date, "Wednesday" names no day: the round cannot be identified.
    assert parse_article_text("On Wednesday, IRCC invited 4,000 candidates.").rounds == ()


def test_boilerplate_names_no_kind() -> None:
    text = (
        "Draw #300 invited 1,800 candidates. Candidates are scored on skills, education and work experience"
        " and proficiency in French or English. IRCC will resume all-program draws."
    )
    (facts,) = parse_article_text(text).rounds
    assert facts.round_type is None and facts.category is None


# -- doubts: a field the text leaves in doubt stays empty, with a warning naming the doubt (issue 23) --


def test_a_date_whose_year_is_a_doubt_names_no_round_and_says_why() -> None:
    text = (
        "Federal trades candidates were invited on May 15th: 500 of them, with a cut-off of 332.\n\n"
        "The tie-break was set at 29th August 2018 at 8:32:03 UTC.\n\n"
        "Admission targets for 2019 and 2020 are higher."
    )
    result = parse_article_text(text)
    # never May 15, 2018 (the tie-break's year): given undated, with the day as written
    assert [(r.date, r.day_written and r.day_written.value) for r in result.rounds] == [(None, "05-15")]
    doubt = [w for w in result.warnings if "'May 15th' has no year" in w]
    # The tie-break's moment and "2019 and 2020" (several years) name no round's year.
    assert doubt and "no single year is named near it (named: none)" in doubt[0] and "left empty" in doubt[0]


def test_a_year_named_in_the_paragraph_or_above_a_table_dates_the_rounds() -> None:
    text = (
        "Before it, a general draw on April 10 invited 1,280 candidates with a minimum CRS score of 549,"
        " the highest of any 2024 draw.\n\n"
        "Draws of 2025 so far\nDate\nDraw Type\nNumber of ITAs\nCut-off CRS score\n"
        "January 8\nCanadian Experience Class\n1,350\n542\n"
        "January 7\nProvincial Nominee Program\n471\n793\n"
    )
    got = {r.date.value: values(r) for r in parse_article_text(text).rounds if r.date}
    assert got[dt.date(2024, 4, 10)]["invitations"] == 1280
    assert got[dt.date(2025, 1, 8)] == {
        "date": dt.date(2025, 1, 8),
        "invitations": 1350,
        "crs_min": 542,
        "round_type": "program",
        "programs": ("CEC",),
    }
    assert got[dt.date(2025, 1, 7)]["crs_min"] == 793


def test_programs_of_an_explanatory_paragraph_are_not_the_rounds() -> None:
    text = (
        "Canada invited 557 candidates on May 12, 2021; they needed at least 752 points.\n\n"
        "Since the start of the year, candidates were invited only through the PNP and the"
        " Canadian Experience Class (CEC)."
    )
    (facts,) = parse_article_text(text).rounds
    assert facts.round_type is None and facts.programs is None
    assert any("does not speak of this round" in w for w in facts.warnings)


def test_a_plan_and_a_record_of_another_year_are_no_round() -> None:
    text = (
        "IRCC invited 3,000 candidates with a CRS score of at least 442 on February 7.\n\n"
        "The lowest score of 2017 was 413 on May 31, 2017."
        " IRCC will issue 1,500 more invitations on July 5.\n\n"
        "IRCC will allocate 110,770 invitations over the year."
    )
    result = parse_article_text(text)
    by_date = {r.date.value: values(r) for r in result.rounds if r.date}
    assert dt.date(2017, 5, 31) in by_date and by_date[dt.date(2017, 5, 31)].get("invitations") is None
    assert all(v.get("invitations") not in (3000, 1500, 110770) for v in by_date.values())
    assert not any(d.month == 7 for d in by_date)


def test_the_day_before_is_the_eve_of_the_articles_round() -> None:
    text = (
        "Express Entry draw 254 on July 5, 2023 invited 500 STEM candidates with a CRS score of 486.\n\n"
        "It followed an all-program draw, held the day before, which invited 700 candidates"
        " with a cut-off of 511."
    )
    rounds = {r.date.value: values(r) for r in parse_article_text(text).rounds if r.date}
    assert rounds[dt.date(2023, 7, 4)]["invitations"] == 700
    assert rounds[dt.date(2023, 7, 4)]["crs_min"] == 511
    assert rounds[dt.date(2023, 7, 5)]["invitations"] == 500
