"""Doubt rules of the fourteenth pass (precision, after the fifteenth set was scored): "prior to today"; the
titles under a "Read More" heading; a site's date bar over a byline stamped with its time; a news agency's
dateline (docs/articles.md, the doubt table). Fixtures in our own words, after real pages; each case fails
without its rule."""

from __future__ import annotations

from tests.support import articles


def test_prior_to_today_names_no_round_of_today() -> None:
    text = (
        "Published: February 13, 2021\n\n"
        "IRCC invited Canadian Experience Class candidates on February 13. This round only required a CRS "
        "score of at least 75.\n\n"
        "{bound}, the lowest cut-off ever was 199 points in the May 16, 2017 draw for trades candidates.\n"
    )
    for bound in ("Prior to today", "Before today", "Up to today"):
        by_date = {r.get("date"): r for r in articles.rounds(text.format(bound=bound))}
        assert by_date["2021-02-13"].get("crs_min") == 75, bound


def test_titles_under_a_read_more_heading_are_other_articles() -> None:
    text = (
        "Canada holds a trades draw\n\n"
        "On May 15, 2019, IRCC invited 500 Federal Skilled Trades candidates.\n\n"
        "This was the 117th round overall.\n\n"
        "{heading}\n"
        "Jobs Grow By 100,000 As Unemployment Falls\n"
        "Canada Invites 3,350 With Minimum Score of 450 In New Express Entry Draw\n"
        "A Survey Finds Canadians Still Welcome Newcomers\n"
    )
    for heading in ("Read More", "Related Posts", "You may also like"):
        (round_,) = [r for r in articles.rounds(text.format(heading=heading)) if r.get("round_id") == "117"]
        assert round_.get("crs_min") is None and round_.get("invitations") == 500, heading


def test_a_sites_date_bar_gives_way_to_a_byline_stamped_with_its_time() -> None:
    text = (
        "Thursday, February 12, 2026\n"
        "National\n\n"
        "Canada invites 4,800 candidates in June\n\n"
        "News Desk The Canadian Press, 09 Jun, 2023 11:20 AM\n\n"
        "Canada invited 4,800 candidates in its latest Express Entry draw on Thursday. The draw follows the "
        "one on May 24 in which 4,800 candidates with a minimum CRS score of 488 were invited.\n"
    )
    dates = articles.dates(text)
    assert "2023-05-24" in dates and "2023-06-08" in dates
    assert not any(d and d.startswith(("2025", "2026")) for d in dates)


def test_a_news_agencys_dateline_is_the_articles_date_not_a_round() -> None:
    text = (
        "Published: 09 Jun, 2023\n\n"
        "{place}, June 9 ({agency}) Canada issued 4,800 invitations in its latest Express Entry draw, held "
        "on Thursday.\n"
    )
    for place, agency in (("Toronto", "IANS"), ("New Delhi", "PTI"), ("Ottawa", "Reuters")):
        assert articles.dates(text.format(place=place, agency=agency)) == {"2023-06-08"}, place


def test_the_day_a_stretch_of_rounds_began_is_not_the_articles_round() -> None:
    text = (
        "date 2022-10-14 Canada has invited 4,250 new Express Entry candidates to apply. It is the eighth "
        "all-program draw since {began} July 6, 2022, after 18 months without one.\n\n"
        "The draw, held on the 12th of October 2022, invited 4,250 candidates with a cut-off of 500.\n"
    )
    for began in ("it resumed on", "the draws restarted on", "they started on"):
        by_date = {r.get("date"): r for r in articles.rounds(text.format(began=began))}
        assert by_date["2022-10-12"].get("invitations") == 4250, began
        assert by_date.get("2022-07-06", {}).get("invitations") is None, began


def test_a_count_since_the_implementation_of_a_change_is_a_total() -> None:
    text = (
        "A transport draw was held on March 13, 2024, inviting 975 candidates with a minimum CRS of 430. "
        "In transport occupations, the IRCC has invited 2,645 candidates since the {change} of "
        "category-based selection draws.\n"
    )
    for change in ("implementation", "introduction", "launch"):
        (round_,) = articles.rounds(text.format(change=change))
        assert round_.get("invitations") == 975, change


def test_a_kind_since_the_last_such_draw_is_the_round_befores() -> None:
    text = (
        "Published March 16, 2023\n\n"
        "IRCC held a draw on March 15, 2023, the return of the all-program format. There were four rounds, "
        "three for provincial nominees only and one for FSWP candidates, since the last {kind} draw, the "
        "latest being for nominees only, with just 697 candidates invited on March 1.\n"
    )
    for kind in ("all-program", "general"):
        by_date = {r.get("date"): r for r in articles.rounds(text.format(kind=kind))}
        assert by_date["2023-03-01"].get("round_type") != "general", kind
    # With its own day after it, the kind is that day's round's.
    dated = "Published March 1, 2024\n\nThe cut-off fell since the last general draw on February 28.\n"
    assert {r.get("date"): r.get("round_type") for r in articles.rounds(dated)} == {"2024-02-28": "general"}


def test_todays_draw_is_the_articles_own_whatever_its_paragraph_named_before() -> None:
    text = (
        "Express Entry draw 250 invited 4,800 candidates from all programs.\n\n"
        "Draw 248 earlier in May was a PNP specific draw, for provincial nominees. However today's draw was "
        "an all-program draw.\n"
    )
    by_number = {r.get("round_id"): r for r in articles.rounds(text)}
    assert by_number["248"].get("round_type") != "general"
