"""The fifty-eighth pass (session 14, on the forty-third to forty-sixth sets, after their one score): days
listed with their figures "respectively" are matched in order ("Held on April 10th and 23rd, with CRS
cut-offs of 549 and 529 respectively"); a list of another length gives nothing; and a real round cited by
its number under "For example:" is read; "09/28/2022" is read month first (28 is no month), and
"the number of invitees was 3,750" is a count; counts paired with their days ("512 ITAs on August 4 and
another 463 on August 18") are each day's. Our words, after real pages; each test but the third (a guard
of the first two) fails without its rule.
Facts from the feed: #292 and #294 (April 10 and 23, 2024, 1,280 at 549 and 2,095 at 529), #286 and #287
(February 28 and 29, 2024, 1,470 at 534, 2,500 at 336), #331 to #335 (January 7 to February 5, 2025)."""

from __future__ import annotations

from tests.support import articles


def test_days_and_cut_offs_listed_respectively() -> None:
    text = (
        "Express Entry in April 2024\n\n"
        "General draws: held on April 10th and 23rd, 2024, with CRS cut-offs of 549 and 529 respectively.\n"
    )
    assert [r[1:4] for r in articles.rows(text)] == [("2024-04-10", None, 549), ("2024-04-23", None, 529)]


def test_counts_and_cut_offs_listed_respectively() -> None:
    text = (
        "Two draws this week\n\n"
        "On February 28 and 29, 2024, IRCC invited 1,470 and 2,500 candidates, with minimum scores of 534 "
        "and 336, respectively.\n"
    )
    assert [r[1:4] for r in articles.rows(text)] == [("2024-02-28", 1470, 534), ("2024-02-29", 2500, 336)]


def test_a_list_of_another_length_gives_nothing() -> None:
    text = (
        "Two draws this week\n\n"
        "On February 28 and 29, 2024, IRCC invited 1,470, 2,500 and 800 candidates respectively.\n"
    )
    assert all(r[2] is None for r in articles.rows(text))


def test_rounds_cited_by_number_under_for_example() -> None:
    text = (
        "Current trends\n\n"
        "CEC cut-offs have been falling. For example:\n"
        "- Draw #335 (February 5, 2025): CEC, 4,000 invitations, CRS score: 521\n"
        "- Draw #333 (January 23, 2025): CEC, 4,000 invitations, CRS score: 527\n"
    )
    assert [r[:4] for r in articles.rows(text)] == [
        ("335", "2025-02-05", 4000, 521),
        ("333", "2025-01-23", 4000, 527),
    ]


def test_an_example_that_cites_a_selection_by_its_full_date() -> None:
    # Feed: #226 (July 6, 2022, 1,500 at 557) and #204 (September 14, 2021, 2,000 CEC at 462).
    text = (
        "Selections resume\n\n"
        "On July 6, 2022, IRCC invited 1,500 candidates with a minimum score of 557. For example, in the "
        "last selection for professionals with Canadian experience, which was September 14, 2021, the "
        "minimum score was 462.\n"
    )
    assert [r[1:4] for r in articles.rows(text)] == [("2022-07-06", 1500, 557), ("2021-09-14", None, 462)]


def test_a_slashed_day_read_month_first_and_the_number_of_invitees() -> None:
    # Feed: #233 (October 12, 2022, 4,250 at 500) and #232 (September 28, 2022, 3,750 at 504).
    text = (
        "Record approvals in 2022\n\n"
        "On October 12, 2022, Canada held a draw with a threshold of 500.\n\n"
        "For comparison, in the last round of 09/28/2022, the minimum score was 504 and the number of "
        "invitees was 3,750.\n"
    )
    assert [r[1:4] for r in articles.rows(text)] == [("2022-10-12", None, 500), ("2022-09-28", 3750, 504)]


def test_counts_paired_with_their_days() -> None:
    # Feed: #199 and #201 (August 4 and 18, 2021, 512 and 463 PNP).
    text = (
        "PNP results for August 2021\n\n"
        "Published: September 2, 2021\n\n"
        "In August, IRCC conducted two Express Entry draws targeting PNP candidates, issuing 512 ITAs on "
        "August 4 and another 463 on August 18.\n"
    )
    assert [r[1:3] for r in articles.rows(text)] == [("2021-08-04", 512), ("2021-08-18", 463)]
