"""Recall of the twenty-second pass: a round whose year the text leaves in doubt is still given, undated,
with the month and day it was written with (``day_written``), its figures and its kind (docs/articles.md,
the doubt table). Our words, after real pages; each test fails without its rule. Facts from the feed:
#272-#275 (December 6, 7, 8 and 18, 2023), #218 (March 16, 2022), #307 (July 31, 2024), #234 (October 26,
2022)."""

from __future__ import annotations

from scraper.parsing.article import parse_article
from tests.support import articles


def test_on_a_page_with_no_year_each_later_day_is_a_round_of_its_own() -> None:
    # The article's own round is stated first without a day; the days after it name other rounds, and a
    # sentence saying the week held several draws does not swallow the dated sentences after it.
    text = (
        "IRCC has issued invitations in the fourth Express Entry draw of the week.\n\n"
        "It invited 400 agriculture workers, who needed a cut-off of 386.\n\n"
        "Three draws came before it this week. The December 18 draw was an all-program draw: 1,325 "
        "candidates were invited with a minimum CRS of 542.\n\n"
        "The week before was busy too, with three rounds. On December 8, 5,900 STEM candidates received "
        "invitations with a minimum CRS of 481. On December 7, a French-language round invited 1,000 "
        "candidates with at least 470 points.\n"
    )
    assert articles.dates(text) == {None}  # no year guessed
    assert articles.undated(text) == [
        ("12-18", 1325, 542, "general", None),
        ("12-08", 5900, 481, "category", "stem"),
        ("12-07", 1000, 470, "category", "french"),
    ]


def test_a_round_opening_the_article_keeps_the_sentence_before_its_day() -> None:
    # The page writes a year (2022, in a tally) but not for the round: "on March 16" is a doubt, and the
    # count said before the day in the same sentence is still that round's.
    text = (
        "Canada invites 924 PNP candidates\n\n"
        "This was already the sixth provincial nominee draw, with more to come in 2023 and 2024.\n\n"
        "Canada has invited 924 Express Entry candidates to apply for permanent residence on March 16.\n\n"
        "Only candidates with a provincial nomination were invited. To be invited, candidates needed a "
        "Comprehensive Ranking System score of at least 754.\n"
    )
    rounds = parse_article(text).rounds
    assert [
        (r.day_written and r.day_written.value, r.values().get("invitations"), r.values().get("crs_min"))
        for r in rounds
    ] == [("03-16", 924, 754)]
    assert rounds[0].date is None
    # A date the text does give for that day leaves no second, undated round beside it.
    dated = text.replace("on March 16.", "on March 16, 2022.")
    assert articles.dates(dated) == {"2022-03-16"}


def test_this_draw_held_on_a_day_gives_the_article_its_day() -> None:
    # The figures come first, "its latest draw"; "This CEC-only draw, held on July 31" names its day later. A
    # month's tally ("In total, ... throughout July") is no round's count.
    text = (
        "IRCC has issued 5,000 invitations in its latest Express Entry draw, for Canadian Experience Class "
        "candidates. Candidates needed a minimum CRS score of 510.\n\n"
        "This CEC-only draw, held on July 31, was the ninth of a busy month. In total, 25,125 ITAs have "
        "been issued throughout July.\n"
    )
    assert articles.dates(text) == {None}  # no year guessed
    assert articles.undated(text) == [("07-31", 5000, 510, "program", None)]
    # Without the day, the round is named by nothing: not given.
    assert parse_article(text.replace(", held on July 31,", "")).rounds == ()


def test_a_mark_the_cut_off_went_past_is_not_the_cut_off() -> None:
    text = (
        "On October 26, IRCC invited 4,750 candidates from all programs. In this draw the cut-off score "
        "was finally below 500 points, at only 496.\n"
    )
    # 496 is not read here (no cue just before it), but 500 is never taken for the cut-off.
    assert [r[2] for r in articles.undated(text)] == [None]
    assert all("500" not in str(r.values().get("crs_min")) for r in parse_article(text).rounds)
    assert [
        r[2] for r in articles.undated(text.replace("was finally below 500 points, at only 496", "was 496"))
    ] == [496]
