"""Doubt rules of the twelfth pass (precision, after the thirteenth set was scored): a relative year said of
the system's launch; a difference after "Compared to"; a tally opening with "Since"; "no specific program
listed"; points a system "allots" (docs/articles.md, the doubt table). Fixtures in our own words, after real
pages; each case fails without its rule."""

from __future__ import annotations

from tests.support import articles


def test_years_ago_said_of_the_systems_launch_dates_no_round() -> None:
    # After a page dated "date 2017-02-21" whose "draw of 8th of February" was read in 2015: "since it was
    # introduced a little over two years ago" (the launch) gave the year.
    text = (
        "date 2017-02-21 Skilled workers who qualify enter a pool of candidates.\n"
        "The latest draw, on the 8th of February, set a mark not seen {said}. A record 3,644 candidates "
        "received an invitation, as the score needed fell to 447 points.\n"
    )
    for said in (
        "since it started about two years ago",
        "since its launch nearly two years ago",
        "since it opened two years ago",
        "in the system since it was set up just over two years ago",
    ):
        (round_,) = articles.rounds(text.format(said=said))
        assert round_.get("date") == "2017-02-08", said
        assert (round_.get("invitations"), round_.get("crs_min")) == (3644, 447)


def test_a_count_more_than_another_rounds_after_compared_to_is_a_difference() -> None:
    text = (
        "Express Entry draw #228 took place on August 3, 2022, with a cut-off of 533.\n\n"
        "{compared} draw #227, 250 (ITA) more candidates were invited to this draw.\n"
    )
    for compared in ("Compared to the previous", "Compared with the last", "In comparison with"):
        # Neither round's: not #228's (a difference), nor #227's (the round compared with).
        assert all(r.get("invitations") is None for r in articles.rounds(text.format(compared=compared)))
    # The same count without the comparison is the round's.
    alone = text.replace("{compared} draw #227,", "In this draw,")
    (round_,) = [r for r in articles.rounds(alone) if r.get("round_id") == "228"]
    assert round_.get("invitations") == 250


def test_a_count_in_a_sentence_opening_with_since_that_have_been_issued_is_a_total() -> None:
    text = (
        "Canada invited 2,000 candidates on August 3, 2022, with a cut-off of 533.\n\n"
        "Since the first all-program draw on July 6, 2022, 5,250 applicants {verb} ITAs.\n"
    )
    for verb in ("have been issued", "have received", "has been sent"):
        by_date = {r.get("date"): r for r in articles.rounds(text.format(verb=verb))}
        assert by_date["2022-08-03"].get("invitations") == 2000
        assert all(r.get("invitations") != 5250 for r in by_date.values()), verb


def test_no_specific_program_listed_makes_a_general_round() -> None:
    text = (
        "Canada held an Express Entry draw on August 3, 2022, inviting 2,000 candidates with scores of at "
        "least 533. Candidates from the Federal Skilled Worker Program and the Canadian Experience Class "
        "were eligible because there was no {what} for this draw.\n"
    )
    for what in ("specific program listed", "program named", "particular program specified"):
        (round_,) = articles.rounds(text.format(what=what))
        assert round_.get("round_type") == "general", what


def test_points_a_system_allots_to_candidates_are_no_cut_off() -> None:
    text = (
        "Express Entry had its ninth draw on May 22nd, 2015, inviting 1,361 candidates.\n\n"
        "The Comprehensive Ranking System {verb} 600 points to candidates with a Canadian job offer backed "
        "by a Labour Market Impact Assessment.\n"
    )
    for verb in ("allots", "allocates", "awards", "grants", "assigns"):
        (round_,) = articles.rounds(text.format(verb=verb))
        assert round_.get("date") == "2015-05-22" and round_.get("invitations") == 1361
        assert "crs_min" not in round_, verb
