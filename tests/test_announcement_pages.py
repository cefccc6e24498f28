"""Ministerial Instructions pages: facts by their labels, whatever the markup; loud when labels change."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from eewatch.domain.announcement import PAGE, AnnouncementError, NotAnnouncement, RoundFacts
from eewatch.domain.fetches import CHANGED, ERROR, NOT_MODIFIED, UNCHANGED
from scraper.fetch import document_from_response
from scraper.parsing.mi_page import html_text, parse_page, parse_page_text

PAGES = Path(__file__).parent / "fixtures" / "pages"


def page(name: str) -> RoundFacts:
    result = parse_page((PAGES / name).read_bytes(), f"https://www.canada.ca/en/x/{name}")
    assert result.kind == PAGE and len(result.rounds) == 1
    return result.rounds[0]


def utc(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=dt.UTC)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        (
            "invitations-205.html",
            {
                "round_id": "205",
                "date": dt.date(2021, 9, 15),
                "held_at": utc(2021, 9, 15, 14, 59, 17),
                "tie_break_at": utc(2021, 2, 24, 10, 46, 54),
                "invitations": 521,
                "rank_required": 521,
                "crs_min": 732,
                "round_type": "program",
                "programs": ("PNP",),
                "name": "Provincial Nominee Program",
            },
        ),
        (
            "invitations-206-extra-markup.html",
            {
                "round_id": "206",
                "date": dt.date(2021, 9, 29),
                "held_at": utc(2021, 9, 29, 14, 51, 54),
                "tie_break_at": utc(2021, 9, 13, 15, 6, 6),
                "invitations": 2000,
                "rank_required": 2000,
                "crs_min": 462,
                "round_type": "program",
                "programs": ("CEC",),
            },
        ),
        (
            "invitations-207-footnotes.html",
            {
                "round_id": "207",
                "held_at": utc(2021, 10, 13, 15, 21, 50),
                "invitations": 521,
                "rank_required": 521,
                "crs_min": 720,
                "tie_break_at": utc(2021, 9, 23, 13, 46, 43),
            },
        ),
        (
            "invitations-208-no-tie-break.html",
            {"round_id": "208", "invitations": 888, "crs_min": 744, "tie_break_at": None},
        ),
        (
            "invitations-254-stem.html",
            {
                "round_id": "254",
                "date": dt.date(2023, 7, 5),
                "invitations": 500,
                "crs_min": 486,
                "round_type": "category",
                "category": "stem",
                "category_version": "2023-1",
                "programs": None,
            },
        ),
    ],
    ids=lambda v: v if isinstance(v, str) else "",
)
def test_label_pages(name: str, expected: dict[str, object]) -> None:
    facts = page(name)
    for field, value in expected.items():
        found = getattr(facts, field)
        assert (found.value if found is not None else None) == value, field


def test_every_fact_says_where_it_came_from() -> None:
    facts = page("invitations-206-extra-markup.html")
    text = html_text((PAGES / "invitations-206-extra-markup.html").read_bytes())
    for name, found in facts.found().items():
        assert found.snippet in text, name
        assert 0 <= found.start < found.end <= len(text), name
    assert text[facts.invitations.start : facts.invitations.end] == "2,000"
    assert text[facts.crs_min.start : facts.crs_min.end] == "462"
    assert facts.crs_min.snippet.startswith("CRS score of lowest-ranked candidate invited")


def test_scripts_and_styles_are_not_read() -> None:
    # The extra-markup page has "Number of invitations issued: 9999" inside a <script>.
    assert page("invitations-206-extra-markup.html").invitations.value == 2000


def test_footnote_markers_do_not_spoil_values() -> None:
    facts = page("invitations-207-footnotes.html")
    assert facts.invitations.value == 521
    assert facts.held_at.value == utc(2021, 10, 13, 15, 21, 50)
    assert not any("unrecognised" in w for w in facts.warnings)


def test_a_missing_tie_break_is_none_and_said() -> None:
    facts = page("invitations-208-no-tie-break.html")
    assert facts.tie_break_at is None
    assert any("Tie-breaking rule" in w for w in facts.warnings)


def test_category_page_lists_its_occupations() -> None:
    facts = page("invitations-254-stem.html")
    pairs = [(o.name, o.noc_code) for o in facts.occupations]
    assert pairs[:2] == [("Architects", "21200"), ("Civil engineers", "21300")]
    assert ("Data scientists", "21211") in pairs and len(pairs) == 5
    # The table's header and the sentence before it are not occupations; the phone number after is not.
    assert all(code.isdigit() and len(code) == 5 for _, code in pairs)


def test_program_pages_list_no_occupations() -> None:
    assert page("invitations-205.html").occupations == ()


def test_changed_labels_are_a_clear_error_naming_them() -> None:
    with pytest.raises(AnnouncementError) as caught:
        parse_page((PAGES / "labels-changed-209.html").read_bytes())
    message = str(caught.value)
    assert "#209" in message and "'Number of invitations issued:'" in message
    assert "'CRS score of lowest-ranked candidate invited:'" in message
    assert not isinstance(caught.value, NotAnnouncement)


@pytest.mark.parametrize("name", ["unrelated.html", "empty.html"])
def test_unrelated_and_empty_pages_are_not_announcements(name: str) -> None:
    with pytest.raises(NotAnnouncement):
        parse_page((PAGES / name).read_bytes())


@pytest.mark.parametrize("body", [b"", b"   \n", "\u00a0", b"\xff\xfe\x00"])
def test_junk_is_a_clear_error_not_a_crash(body: bytes | str) -> None:
    with pytest.raises(AnnouncementError):
        parse_page(body)


def test_a_value_that_is_not_a_number_stays_empty() -> None:
    text = (
        "Ministerial Instructions ... Express Entry system #210 – November 24, 2021\n"
        "Provincial Nominee Program\n"
        "Number of invitations issued: to be confirmed\n"
        "Date and time of round: November 24, 2021 at 14:00:00 UTC\n"
        "CRS score of lowest-ranked candidate invited: 697\n"
    )
    facts = parse_page_text(text).rounds[0]
    assert facts.invitations is None and facts.crs_min.value == 697
    assert any("'to be confirmed' is not a number" in w for w in facts.warnings)


def test_labels_without_a_heading_are_an_error() -> None:
    text = (
        "Number of invitations issued: 5\nDate and time of round: x\n"
        "CRS score of lowest-ranked candidate invited: 1"
    )
    with pytest.raises(AnnouncementError, match="heading"):
        parse_page_text(text)


def test_the_address_and_the_heading_must_agree() -> None:
    body = (PAGES / "invitations-205.html").read_bytes()
    facts = parse_page(body, "https://www.canada.ca/x/invitations-206.html").rounds[0]
    assert facts.round_id.value == "205"
    assert any("names round 206" in w for w in facts.warnings)


def test_to_round_builds_a_provisional_record() -> None:
    facts = page("invitations-254-stem.html")
    item = facts.to_round(PAGE, "https://www.canada.ca/x/invitations-254.html")
    assert item is not None and item.id == "254" and item.number == 254
    assert item.crs_min == 486 and item.category == "stem" and item.url.endswith("invitations-254.html")
    assert item.distribution is None  # a page publishes none: never invented


@pytest.mark.parametrize(
    ("status", "body", "previous", "outcome"),
    [
        (200, (PAGES / "invitations-205.html").read_bytes(), None, CHANGED),
        (304, b"", None, NOT_MODIFIED),
        (404, b"gone", None, ERROR),
        (200, (PAGES / "unrelated.html").read_bytes(), None, ERROR),
    ],
)
def test_document_from_response(status: int, body: bytes, previous: str | None, outcome: str) -> None:
    doc = document_from_response(
        url="https://x.test/p.html", kind=PAGE, status=status, body=body, parse=parse_page
    )
    assert doc.outcome == outcome
    assert (doc.announcement is not None) == (outcome == CHANGED)
    assert (doc.error is not None) == (outcome == ERROR)


def test_the_same_bytes_are_not_parsed_again() -> None:
    body = (PAGES / "invitations-205.html").read_bytes()
    first = document_from_response(url="u", kind=PAGE, status=200, body=body, parse=parse_page)
    again = document_from_response(
        url="u", kind=PAGE, status=200, body=body, parse=parse_page, previous_sha256=first.body_sha256
    )
    assert again.outcome == UNCHANGED and again.announcement is None
