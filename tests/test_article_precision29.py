"""The fifty-ninth pass (session 14, on the forty-eighth to fifty-second sets, after their one score): "the
province issuing 21 invitations" under a province's heading is the province's draw; a figure said "back
then" is the compared round's; a year named above a year-less day with another year named since is a
doubt; the kind of a round to come ("the first STEM round ... will open") is not the kind of the round held
that day; and a blog's date badge on the title line ("31 May Express Entry Draw #118") is no round's day.
Our words, after real pages; each test fails without its rule. Facts from the feed: #198 (July 7, 2021,
627 PNP at 760), #243 (March 29, 2023, 7,000 at 481), #170 (December 23, 2020, 5,000 at 468), #176
(February 13, 2021, 27,332 CEC at 75), #252 (June 28, 2023, healthcare, 500 at 476), #118 (May 29, 2019,
3,350 at 470)."""

from __future__ import annotations

from tests.support import articles


def test_the_province_as_subject_is_the_provinces_draw() -> None:
    text = (
        "PNP results for July 2021\n\n"
        "Ontario\n\n"
        "The first draw took place on July 7, 2021 with the province issuing 21 invitations to apply under "
        "the Entrepreneur Stream.\n"
    )
    assert articles.rows(text) == []


def test_a_figure_said_back_then_is_the_compared_rounds() -> None:
    text = (
        "All-program draw on March 29, 2023\n\n"
        "The all-program draw held on March 29, 2023 had the lowest score since the December 23, 2020 draw "
        "(back then, the score was 468). IRCC issued 7,000 invitations. The minimum CRS score was 481.\n"
    )
    assert (None, "2023-03-29", 7000, 481, "general", None) in articles.rows(text)


def test_a_year_named_above_with_another_year_named_since_is_a_doubt() -> None:
    text = (
        "Immigration in the news\n\n"
        "The primary objective of economic-class immigration is to raise GDP per capita.\n\n"
        "COVID-19 travel restrictions hobbled immigrant admissions in 2020. In response last fall, the "
        "federal government revised its 2021 targets upwards.\n\n"
        "Showing its commitment, on February 13 the government issued invitations to a record-breaking "
        "27,332 applicants in its Canadian Experience Class (CEC) program.\n"
    )
    assert "2020-02-13" not in articles.dates(text)


def test_the_kind_of_a_round_to_come_is_not_the_kind_of_the_days_round() -> None:
    text = (
        "Latest news\n\n"
        "  1. On June 28, 2023, Canada invited 500 Express Entry applicants for health occupations. The "
        "minimum score was 476.\n"
        "  2. On June 28, 2023, the Minister announced that the first STEM round will open the week of "
        "July 5.\n"
        "    The draw will prioritize candidates with a background in STEM.\n"
    )
    assert all(r[5] != "stem" for r in articles.rows(text))


def test_a_date_badge_on_the_title_is_no_rounds_day() -> None:
    text = (
        "31 May Express Entry Draw #118\n"
        "Express Entry Draw #118\n"
        "On May 29, 2019, IRCC held a new draw. In round #118, IRCC issued 3,350 invitations. The minimum "
        "score for this round is 470, which is 20 points higher than in the round 116. The tie-breaking rule "
        "for this round is May 23, 2019, at 10:18:56 UTC. As of May 24, 2019, there are 109,011 profiles in "
        "the pool.\n"
    )
    assert articles.rows(text) == [("118", "2019-05-29", 3350, 470, None, None)]
