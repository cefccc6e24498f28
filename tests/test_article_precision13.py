"""Doubt rules of the thirteenth pass (precision, after the fourteenth set was scored): a rank within a month
or since an event; the feed's "drawNextDate"; the day of an announcement; a tie-break named after a long
subject; "this round" after a sentence opening on another day (docs/articles.md, the doubt table). Fixtures
in our own words, after real pages; each case fails without its rule."""

from __future__ import annotations

from tests.support import articles


def test_a_rank_within_a_month_or_since_an_event_is_no_round_number() -> None:
    text = (
        "On July 12, 2023, IRCC held Express Entry draw #258, inviting 3,800 French-speaking candidates "
        "with a cut-off of 375.\n\n"
        "This is the {rank}, a record so early in the month.\n"
    )
    for rank in ("6th draw of July", "5th all-program draw after the lockdown", "2nd draw of the month"):
        numbers = {r.get("round_id") for r in articles.rounds(text.format(rank=rank))}
        assert numbers == {"258"}, rank
    # An overall ordinal still numbers its round.
    numbers = {r.get("round_id") for r in articles.rounds(text.format(rank="258th draw overall"))}
    assert "258" in numbers


def test_the_next_draw_date_of_the_feed_is_no_round() -> None:
    # A change log of the feed, its lines run together with literal "\\n" between them.
    text = (
        r"Watch report: https://example.org/rounds.json changed \n---\n"
        r'@was "drawDateFull": "January 31, 2015",@end\n'
        r'@was "drawDateTime": "January 31, 2015 at 11:59:48 UTC",@end\n'
        r'@now "drawDateFull": "31 janvier 2015",@end\n'
        r'@was "drawName": "No Program Specified",@end\n@was "drawNextDate": "February 1, 2015",@end\n'
        r'@now "drawName": "Aucun programme",@end\n'
    )
    assert "2015-02-01" not in articles.dates(text)


def test_the_day_of_an_announcement_is_no_round_unless_its_sentence_states_figures() -> None:
    text = (
        "IRCC invited 667 provincial nominees on 15th February 2023, with a cut-off of 748.\n\n"
        "On February 8, {said}\n"
    )
    for said in (
        "IRCC announced that applicants can now follow their files online.",
        "in an announcement made by the minister, a new tracker for applications was unveiled to the public.",
        "the department made an announcement about processing times.",
    ):
        assert articles.dates(text.format(said=said)) == {"2023-02-15"}, said
    # With a round's figures in its sentence, the day is that round's.
    stated = "IRCC announced that it had invited 3,300 candidates with a cut-off of 791."
    assert "2023-02-08" in articles.dates(text.format(said=stated))


def test_a_tie_break_after_a_long_subject_is_no_round() -> None:
    text = (
        "Canada invited 4,200 candidates on the 2nd of September 2020.\n\n"
        "The tie-break applied by the Immigration, Refugees and Citizenship Canada (IRCC), was August 16, "
        "so all candidates with a CRS score of 475 and above who entered the pool before then were invited.\n"
    )
    (round_,) = articles.rounds(text)
    assert round_.get("date") == "2020-09-02"


def test_this_round_after_a_sentence_opening_on_another_day_is_not_the_articles() -> None:
    text = (
        "Canada's trades draw\n\n"
        "On the 3rd of August, 2023, the IRCC invited 1,500 candidates in the first trades draw. Candidates "
        "needed a minimum CRS score of 388.\n\n"
        "On August 1st, the IRCC resumed all-program Express Entry draws, inviting 2,000 candidates from the "
        "FSWP, the FSTP and the CEC. The minimum CRS score required for this round was 517.\n"
    )
    by_date = {r.get("date"): r for r in articles.rounds(text)}
    assert by_date["2023-08-03"].get("crs_min") == 388
    # The day the draws resumed is a round of its own (the first resumed), and "this round" is that one.
    assert all(r.get("crs_min") != 517 for d, r in by_date.items() if d != "2023-08-01")
    # Said in the article's own paragraph, "this round" is the article's.
    own = text.replace(
        " Candidates needed a minimum CRS score of 388.", " The cut-off for this round was 388."
    )
    assert {r.get("date"): r for r in articles.rounds(own)}["2023-08-03"].get("crs_min") == 388


def test_after_other_rounds_named_together_what_follows_undated_is_no_rounds() -> None:
    text = (
        "IRCC has held its latest Express Entry draw, issuing 1,085 ITAs under the Provincial Nominee "
        "Program. It is the third Express Entry draw of December 2024.\n"
        "In the December 16 draw, candidates needed a minimum CRS score of 727.\n"
        "The December draw follows closely behind {others} earlier in the month\u2014a PNP draw on "
        "December 2 and a draw for French-speaking candidates on December 3. The French language draw "
        "invited 800 candidates with a CRS threshold of 466.\n"
    )
    for others in ("two other rounds", "several draws", "three rounds"):
        rounds = articles.rounds(text.format(others=others))
        (own,) = [r for r in rounds if r.get("date") == "2024-12-16"]
        assert (own.get("invitations"), own.get("crs_min")) == (1085, 727), others
        assert own.get("category") is None, others
        assert all(r.get("invitations") != 800 and r.get("crs_min") != 466 for r in rounds), others
