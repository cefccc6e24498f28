"""The fortieth pass (on the thirty-first set, after its one score): the first round of all as "the inaugural
round", its invitations "issued ... on January 31, 2015 at 11:59:48 UTC", "offered permanent residency to
779 skilled workers"; points a candidate earns, the scale's "possible 1200 points", an estimate and a
report's day are no round's. Our words, after real pages; each test fails without its rule. Facts from the
feed: #1 (January 31, 2015, 779 at 886), #107 (December 19, 2018, 3,900 at 439)."""

from __future__ import annotations

from tests.support import articles


def test_the_inaugural_round_is_the_first_round_of_all() -> None:
    text = (
        "A total of 779 candidates were selected in the inaugural round of the government's new skilled "
        "immigration system, out of an estimated 3,000 people in the pool. The successful candidates scored "
        "at least 886 points; a job offer backed by an LMIA automatically earned applicants 600 points.\n"
    )
    assert [r[:4] for r in articles.rows(text)] == [("1", None, 779, 886)]


def test_the_inaugural_round_of_a_year_or_of_the_categories_is_no_number() -> None:
    text = "The inaugural round of 2023 invited 5,500. The inaugural draw for the categories came next.\n"
    assert all(r[0] is None for r in articles.rows(text))


def test_invitations_issued_on_a_day_and_time_date_the_round() -> None:
    text = (
        "The first Express Entry draw is done. 779 Invitations to Apply were issued for candidates holding "
        "886 points or higher of a possible 1200 points on January 31, 2015 at 11:59:48 UTC.\n"
    )
    assert [r[1:4] for r in articles.rows(text)] == [("2015-01-31", 779, 886)]


def test_a_report_named_by_its_day_is_no_round_and_an_offer_of_residency_is_a_count() -> None:
    text = (
        "Published May 18, 2015. Many of the top candidates lived in Canada, according to the Jan. 22 report "
        "prepared by the department. The government offered permanent residency to 779 skilled workers in "
        "its first draw held on Jan. 31.\n"
    )
    assert [r[1:3] for r in articles.rows(text)] == [("2015-01-31", 779)]


def test_points_a_candidate_can_earn_are_no_cut_off_and_give_no_kind() -> None:
    text = (
        "Did you know you can earn 600 points with the Canadian PNP?\n\n"
        "Express Entry draw #107 invited 3,900 candidates to apply.\n"
    )
    assert [r[:5] for r in articles.rows(text)] == [("107", None, 3900, None, None)]


def test_a_tables_date_column_headed_by_its_year_is_read() -> None:
    text = (
        "The draws held so far this year:\n"
        "Draw in 2025 | Draw Type | ITAs Issued | CRS Cut-off |\n"
        "February 19 | French Language Proficiency | 6,500 | 428 |\n"
        "February 17 | Provincial Nominee Program | 646 | 750 |\n"
    )
    assert [r[1:6] for r in articles.rows(text)] == [
        ("2025-02-19", 6500, 428, "category", "french"),
        ("2025-02-17", 646, 750, "program", None),
    ]


def test_the_year_express_entry_began_leaves_a_page_without_a_year_of_its_own() -> None:
    text = (
        "IRCC issued 3,600 more ITAs to healthcare workers in its first such draw since July 6.\n"
        "The October 26 draw follows two other draws this week. IRCC held a draw for French-language "
        "proficiency candidates on October 25 where it issued 300 ITAs and the minimum CRS was 486.\n\n"
        "In place since the inception of Express Entry in 2015, the standard draws rank every candidate.\n"
    )
    assert articles.undated(text) == [("10-25", 300, 486, "category", "french")]
