"""Doubt rules of the eleventh pass (precision): a year said relative to the article's ("the previous year",
"last year"); a month and year naming one other round; a group "among" those invited; a round named among
several; programs a profile is registered under (docs/articles.md, the doubt table). Fixtures in our own
words, after real pages."""

from __future__ import annotations

import datetime as dt
from typing import Any

from tests.support import articles


def _by_date(text: str, published: dt.date | None = None) -> dict[object, dict[str, Any]]:
    return {r.get("date"): r for r in articles.rounds(text, published)}


_OPENING = (
    "The opening draw of 2025\n\n"
    "IRCC opened the year with 1,350 invitations in an all-program draw.\n\n"
    "The final two rounds {said} came on December 10 and 12. The December 10 round invited 2,000 "
    "candidates with a cut-off of 520.\n\n"
    "On December 12, 800 healthcare workers were invited, with a cut-off of 470.\n"
)


def test_the_previous_year_said_with_a_day_is_the_year_before_the_articles() -> None:
    # After a page on "the initial draw of 2024" whose "last four draws of the previous year" (December
    # 2023) were read in 2024: seven invented rounds.
    for said in ("of the previous year", "of the year before", "of last year", "of the prior year"):
        rounds = _by_date(_OPENING.format(said=said))
        assert set(rounds) == {"2024-12-10", "2024-12-12"}, said
        assert rounds["2024-12-10"].get("invitations") == 2000
        assert rounds["2024-12-12"].get("crs_min") == 470  # the next paragraph takes the year named above it
    # Without the relative year the one year the page names dates them, as before.
    assert set(_by_date(_OPENING.format(said="of the season"))) == {"2025-12-10", "2025-12-12"}


def test_a_relative_year_in_a_comparison_or_without_a_day_dates_nothing() -> None:
    text = (
        "Draws so far in 2021\n\n"
        "So far in 2021, 66,000 candidates were invited, far ahead of last year's pace. One was the "
        "February 13 draw, where 27,332 CEC candidates were invited.\n"
    )
    assert set(_by_date(text)) == {"2021-02-13"}  # "last year's pace" names no round's year
    compared = (
        "Draws of 2024\n\n"
        "On March 5, IRCC invited 3,000 candidates, more than in the same week of the previous year, with a "
        "cut-off of 480.\n"
    )
    assert set(_by_date(compared)) == {"2024-03-05"}


def test_last_year_in_the_clause_of_a_date_on_a_dated_page() -> None:
    published = dt.date(2024, 3, 20)
    text = "IRCC news\n\nOn March 5 last year, IRCC invited candidates with a cut-off of 480.\n"
    assert set(_by_date(text, published)) == {"2023-03-05"}  # not 2024-03-05, the page's reading
    plain = text.replace(" last year", "")
    assert set(_by_date(plain, published)) == {"2024-03-05"}
    compared = (
        "IRCC news\n\nOn March 5, IRCC invited candidates with a cut-off of 480, compared with the same "
        "period last year.\n"
    )
    assert set(_by_date(compared, published)) == {"2024-03-05"}


_TRADES = (
    "Trades draw\n\nIRCC held a trades draw on August 3, inviting 1,500 candidates with a cut-off of 388.\n\n"
)


def test_a_month_and_year_naming_another_round_dates_no_other() -> None:
    # After a page whose "the FSTP-specific draw held on August 2020 ... CRS 415" dated its August 3 (2023)
    # round in 2020 and gave it the FST program.
    for said in (
        "The nearest comparison is the FST-only draw held in August 2020, which needed a CRS of 415.",
        "The nearest comparison is the FST-only draw of August 2020, which needed a CRS of 415.",
        "The last time such a draw happened was in August 2020, when FST candidates needed a CRS of 415.",
        "The nearest comparison is an FST-only round (August 2020) that needed a CRS of 415.",
        "Back in August 2020, an FST-only round needed a CRS of 415.",
    ):
        # August 3's year is not said: the round is given undated
        assert [r.get("date") for r in articles.rounds(_TRADES + said + "\n")] == [None], said
        dated = _by_date(_TRADES + said + "\n", dt.date(2023, 8, 4))
        assert set(dated) == {"2023-08-03"}, said
        assert dated["2023-08-03"].get("crs_min") == 388, said  # 415 is the other round's
        assert dated["2023-08-03"].get("programs") is None, said  # FST is the other round's
        assert dated["2023-08-03"].get("category") == "trades", said
    # A year said of the rounds, not of one round by its month, dates them as before.
    assert set(_by_date(_TRADES + "More Express Entry news in 2020 below.\n")) == {"2020-08-03"}


def test_a_month_and_year_of_the_articles_own_month_is_kept() -> None:
    text = (
        "Trades draw\n\nThe August 2023 trades draw was held on August 3, with a cut-off of 388 for 1,500.\n"
    )
    rounds = _by_date(text, dt.date(2023, 8, 4))
    assert rounds["2023-08-03"].get("crs_min") == 388


def test_a_group_among_those_invited_is_not_the_rounds_kind() -> None:
    # After a page whose all-program round was typed "program": "FSW candidates were among today's
    # successful candidates".
    base = "CEC draw\n\nIRCC invited 3,000 candidates on May 12 with a cut-off of 452. "
    for said in (
        "Canadian Experience Class candidates were among them.",
        "Among those invited were Federal Skilled Worker candidates.",
        "Federal Skilled Worker candidates were again among today's successful candidates.",
    ):
        (round_,) = articles.rounds(base + said + "\n", dt.date(2021, 5, 13))
        assert round_.get("round_type") is None, said
    (health,) = articles.rounds(
        base + "Healthcare workers were also among today's invitees.\n", dt.date(2023, 5, 13)
    )
    assert health.get("round_type") is None
    (cec,) = articles.rounds(
        base + "This draw was for Canadian Experience Class candidates only.\n", dt.date(2021, 5, 13)
    )
    assert cec.get("round_type") == "program"  # said of the round, not of a group among others


def test_a_round_named_among_several_gives_the_page_round_nothing() -> None:
    # After a page whose May 31 round took the 27,332 of "the February 13 draw when all 27,332 ... were
    # invited, and multiple April rounds that issued 6,000 each".
    text = (
        "Big draw\n\nOn May 31, IRCC held a CEC draw. It follows records such as the February 13 draw that "
        "invited 27,000 people, and the spring rounds of 6,000 each.\n"
    )
    rounds = _by_date(text, dt.date(2021, 6, 1))
    assert set(rounds) == {"2021-05-31"}
    assert rounds["2021-05-31"].get("invitations") is None  # 27,000 is the February round's
    single = text.replace(", and the spring rounds of 6,000 each", "")
    assert _by_date(single, dt.date(2021, 6, 1))["2021-02-13"].get("invitations") == 27000


def test_programs_a_profile_is_registered_under_are_not_the_rounds() -> None:
    # After a trades round whose page says "it included only registered profiles under FSWP, CEC, or FSTP".
    base = "Trades draw\n\nOn August 3, 2023, IRCC invited 1,500 {who}, with a cut-off of 388.\n"
    for who in (
        "profiles registered under the FSWP or CEC",
        "candidates qualifying under the FSWP or the CEC",
        "candidates with profiles under the FSWP or CEC",
    ):
        (round_,) = articles.rounds(base.format(who=who))
        assert round_.get("round_type") is None, who  # who may be invited, not the round's program
    (cec,) = articles.rounds(base.format(who="candidates registered under the CEC"))
    assert cec.get("programs") == ["CEC"]  # one program named: the round's
    (both,) = articles.rounds(base.format(who="candidates registered under the FSWP and the CEC"))
    assert both.get("round_type") == "program"


def test_years_ago_and_a_round_of_another_year_is_not_the_articles_own() -> None:
    lead = "First draw of 2024\n\nIRCC invited 1,510 candidates. "
    ago = lead + "Two years ago, on December 14, IRCC invited 5,000 candidates with a cut-off of 480.\n"
    assert set(_by_date(ago)) == {"2022-12-14"}  # not 2024-12-14, the one year the page names
    late = lead + "Late last year, on December 14, IRCC invited candidates with a cut-off of 480.\n"
    rounds = _by_date(late)
    assert set(rounds) == {"2023-12-14"}
    assert rounds["2023-12-14"].get("invitations") is None  # the 1,510 are the article's own round's
    same = lead + "On January 10, IRCC invited candidates with a cut-off of 546.\n"
    assert _by_date(same)["2024-01-10"].get("invitations") == 1510  # the unnamed lead named, as before


def test_a_months_own_round_is_another_periods() -> None:
    # "February's record draw of 27,332" on a page about a May round.
    text = (
        "Big draw\n\nOn May 31, IRCC held a CEC draw. It trails only February's record draw of 27,332 "
        "invitations.\n"
    )
    (round_,) = articles.rounds(text, dt.date(2021, 6, 1))
    assert round_.get("invitations") is None
    for other in ("the February draw of 27,332 invitations", "last February's draw of 27,332 invitations"):
        (round_,) = articles.rounds(
            text.replace("February's record draw of 27,332 invitations", other), dt.date(2021, 6, 1)
        )
        assert round_.get("invitations") is None, other
    own = text.replace("It trails only February's record draw", "The May draw issued")
    assert articles.rounds(own, dt.date(2021, 6, 1))[0].get("invitations") == 27332  # its own month: its own


def test_a_share_of_those_invited_is_not_the_rounds_kind() -> None:
    base = "CEC draw\n\nIRCC invited 3,000 candidates on May 12 with a cut-off of 452"
    for said in (
        ", many of them Federal Skilled Worker candidates.",
        ". Most of those invited were CEC candidates.",
    ):
        (round_,) = articles.rounds(base + said + "\n", dt.date(2021, 5, 13))
        assert round_.get("round_type") is None, said
    # A share of the year's invitations that names the round ("many of them in the February 13 draw that
    # reached every CEC candidate") still types that round.
    year = (
        "News\n\nIRCC invited 50,000 this year, many of them in the February 13 draw that reached every CEC "
        "candidate.\n"
    )
    assert _by_date(year, dt.date(2021, 4, 28))["2021-02-13"].get("programs") == ["CEC"]


def test_a_relative_year_earlier_in_the_paragraph() -> None:
    published = dt.date(2024, 12, 20)
    lead = "Draw news\n\nIRCC invited 1,000 on December 19 with a cut-off of 500.\n\n"
    # Said with a day: the paragraph's later days are that year's too.
    said = (
        lead
        + "Last year, on December 12, IRCC invited 800. On December 14, IRCC invited 500 with a cut-off "
        + "of 470.\n"
    )
    assert set(_by_date(said, published)) == {"2024-12-19", "2023-12-12", "2023-12-14"}
    # Said without a day: the article's year or the one before? A doubt, no round.
    for opening in (
        "The previous year ended with two draws.",
        "In the final days of last year, IRCC held two draws.",
    ):
        text = (
            lead + opening + " On December 12, IRCC invited 800 healthcare workers with a cut-off of 470.\n"
        )
        assert set(_by_date(text, published)) == {"2024-12-19", None}, opening  # December 12: undated
    # "last year's pace" and a comparison name no year: read as before.
    for opening in ("Last year's pace was slower.", "Compared with last year, draws were larger."):
        text = (
            lead + opening + " On December 12, IRCC invited 800 healthcare workers with a cut-off of 470.\n"
        )
        assert set(_by_date(text, published)) == {"2024-12-19", "2024-12-12"}, opening
