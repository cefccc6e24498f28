"""The forty-sixth pass (on the thirty-fourth set, after its one score): no round before 2015 (a year-less
day read then, a page's "February 19, 2010"), a story that goes on "After that", a list's "#1" markers, "in
June 3,750 ITAs", "still no sign of a draw", an added score "or 200 points", a count "at each draw", "Earlier
in the PNP-only draw". Our words, after real pages; each test fails without its rule. Facts from the feed:
#137 (February 19, 2020, 4,500 at 470), #111 to #113 (February 20, March 6 and 20, 2019: 457, 454, 452),
#166 (November 5, 2020, 4,500 at 478), #152 (June 11, 2020, 437), #93 (June 25, 2018, 3,750 at 442), #295
(April 24, 2024, 1,400 French-speaking at 410), #191 (June 9, 2021, 940 at 711)."""

from __future__ import annotations

import datetime as dt

from eewatch.domain.against_record import against_record
from eewatch.domain.record import Round
from scraper.parsing.article import parse_article
from tests.support import articles

#: #136 and #137 of the feed (February 5 and 19, 2020).
RECORD = [
    Round(id="136", number=136, date=dt.date(2020, 2, 5), invitations=3500, crs_min=472),
    Round(id="137", number=137, date=dt.date(2020, 2, 19), invitations=4500, crs_min=470),
]


def test_no_round_is_dated_before_express_entry_began() -> None:
    text = (
        "Canada's levels plan named 107,350 immigrants for 2010.\n\n"
        "The draw was held on March 18, but it only took provincial nominees.\n\n"
        "On February 19, 2010, Canada invited 4,500 applicants to apply for permanent residence.\n"
    )
    assert all(r[1] is None for r in articles.rows(text))


def test_a_days_figures_dated_wrong_by_the_page_are_dated_by_irccs_record() -> None:
    text = "On February 19, 2010, Canada invited 4,500 applicants to apply for permanent residence.\n"
    read = against_record(parse_article(text), RECORD)
    assert [(r.values().get("date"), r.values().get("invitations")) for r in read.rounds] == [
        ("2020-02-19", 4500)
    ]


def test_a_story_that_goes_on_after_a_full_date_stays_in_its_year() -> None:
    text = (
        "A new Express Entry draw happened on 1st May. The score fell to 450 in this draw.\n\n"
        "The score had climbed to 457 on February 20th, 2019. After that, it kept falling. It had been 454 "
        "in the March 6th draw.\n"
    )
    assert "2019-03-06" in articles.dates(text) and "2018-03-06" not in articles.dates(text)


def test_a_lists_markers_are_no_round_numbers() -> None:
    text = (
        "Quick highlights of the 166th Express Entry draw\n\n"
        "#1 Largest Draw Size: IRCC kept the draw size of the previous draw, 4,500 invitations.\n\n"
        "Express Entry draw chart\n\n#3\n"
    )
    assert {r[0] for r in articles.rows(text)} == {"166"}


def test_a_month_before_a_count_is_no_day_and_no_draw_is_no_round() -> None:
    text = (
        "In April it reached 3,500 ITAs per draw, and finally, in June 3,750 ITAs have been issued.\n\n"
        "The latest draw was held on 24th April 2024 for French speakers with at least 410 points. However, "
        "today's 30th April 2024, and still no sign of a draw.\n"
    )
    assert articles.dates(text) == {"2024-04-24"}
    assert articles.dates("On March 4,2020 IRCC invited 3,900 candidates.\n") == {"2020-03-04"}  # a day still


def test_an_added_score_a_count_at_each_draw_and_an_earlier_draws_cut_off_are_not_this_rounds() -> None:
    texts = {
        "extra": "The cutoff was 437 for the draw held June 11, 2020. A job offer guarantees an extra 50 "
        "points, or 200 points for a management job.\n",
        "each": "IRCC held a draw on June 11, 2020. Canada has continued to issue 3,900 Invitations to Apply "
        "at each draw.\n",
        "earlier": "On June 9, 2021, Canada invited 940 provincial nominees. Earlier in the PNP-only draw, "
        "500 candidates were invited, and the score requirement was 713 points.\n",
    }
    assert {k: [r[2:4] for r in articles.rows(t)] for k, t in texts.items()} == {
        "extra": [(None, 437)],
        "each": [(None, None)],
        "earlier": [(940, None)],
    }
