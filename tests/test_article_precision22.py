"""The forty-fourth pass (on the thirty-third set, after its one score): a year's total opened "Back in
2018,", a day "yesterday by July 6", "this draw" inside a list item, an announcement's day, the day results
were released, a draw "organized for" a day and "the expected date of the draw", a count "A total number of
4750 invitations ... in this draw", "the 252nd Express Entry since 2015".
Our words, after real pages; each test fails without its rule. Facts from the feed: #116 (May 1, 2019,
3,350 at 450), #254 to #256 (July 5 to 7, 2023: STEM 500 at 486, healthcare 1,500 at 463, French 2,300 at
439), #252 (June 28, 2023, healthcare, 500 at 476), #172 (January 7, 2021, CEC, 4,750 at 461), #203 and
#204 (September 1 and 14, 2021)."""

from __future__ import annotations

from tests.support import articles


def test_a_years_total_and_a_count_being_issued() -> None:
    text = (
        "Canada has now issued more 30,000 ITAs for 2019. So far 31,250 have been issued with the latest "
        "May 1, 2019 batch of 3,350 being issued ITAs with a minimum CRS score of 450.\n\n"
        "Back in 2018, the immigration ministry in Canada issued a record-breaking 89,800 ITAs.\n"
    )
    assert [r[1:4] for r in articles.rows(text)] == [("2019-05-01", 3350, 450)]


def test_yesterday_by_a_day_and_this_draw_in_a_list_item() -> None:
    text = (
        "Date: 7 July 2023\n\nInvitation to Apply (ITA): 2,300\n\nMinimum CRS Score: 439\n\n"
        "Draws of this week\n\n"
        "  • The most recent draw of this week took place yesterday by July 6 with the invitation of 1,500 "
        "candidates with healthcare experience. The minimum CRS score needed for this draw was 463 points.\n"
    )
    assert {r[1]: r[2:4] for r in articles.rows(text)} == {
        "2023-07-07": (2300, 439),
        "2023-07-06": (1500, 463),
    }


def test_an_announcements_day_and_the_day_results_were_released_are_no_rounds() -> None:
    text = (
        "This draw, which took place on July 6, 2023, saw 1,500 candidates invited. It followed the "
        "announcement of the first-ever invitations for 500 healthcare professionals on June 27.\n\n"
        "On January 7, 2021, Canada held another draw. The results of this draw were released a day after "
        "the draw took place which was 8th January 2021.\n"
    )
    assert articles.dates(text) == {"2023-07-06", "2021-01-07"}
    assert {r[1]: r[2] for r in articles.rows(text)}["2023-07-06"] == 1500


def test_a_draw_organized_for_a_day_and_an_expected_date_are_plans() -> None:
    text = (
        "On June 28th, 2023, IRCC invited 500 healthcare employees. Another draw is organized for July 5th, "
        "inviting an additional 1,500 healthcare workers.\n\n"
        "A CEC draw was to follow on Thursday. The expected date of the draw was 2nd September 2021, but it "
        "could not be held. IRCC invited 2,000 CEC candidates on September 14, 2021.\n"
    )
    assert articles.dates(text) == {"2023-06-28", "2021-09-14"}


def test_a_total_number_of_invitations_in_this_draw_is_its_count() -> None:
    text = (
        "On January 7, 2021, Canada held another Express Entry draw. A total number of 4750 invitations were "
        "issued in this draw to Canadian Experience Class candidates. The minimum score required for getting "
        "an Invitation to Apply (ITA) was a 461 CRS score.\n"
    )
    assert [r[1:4] for r in articles.rows(text)] == [("2021-01-07", 4750, 461)]


def test_the_nth_express_entry_since_2015_is_a_rounds_number() -> None:
    text = "IRCC held its first category-based draw on June 28, 2023: the 252nd Express Entry since 2015.\n"
    assert [r[:2] for r in articles.rows(text)] == [("252", "2023-06-28")]


def test_the_number_of_candidates_invited_was_and_a_cut_off_closed_at_a_high() -> None:
    texts = {
        "first": "The very first draw on January 31, 2015 required a score of 886 out of 1200. The actual "
        "number of candidates invited was 779.\n",
        "receive": "The first EE draw was conducted on January 31, 2015. The minimum CRS score required to "
        "receive an invitation to apply (ITA) was 886.\n",
        "high": "The awaited draw of 6th July 2022 is here: the CRS cut off closed at an unthinkable high "
        "of 557.\n",
    }
    assert {k: [r[2:4] for r in articles.rows(t)] for k, t in texts.items()} == {
        "first": [(779, 886)],
        "receive": [(None, 886)],
        "high": [(None, 557)],
    }
