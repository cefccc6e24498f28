"""The feed parser: bytes -> rounds + problems, from fixtures we wrote in IRCC's shape."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from eewatch.domain.record import FIELDS, Round
from scraper.parsing.feed import EXPECTED_KEYS, FeedFormatError, parse_feed, parse_record

FEED = Path(__file__).parent / "fixtures" / "feed"


@pytest.fixture(scope="module")
def small() -> dict[str, Round]:
    parsed = parse_feed((FEED / "small.json").read_bytes())
    assert parsed.problems == ()
    return {r.id: r for r in parsed.rounds}


def test_whole_document_and_bare_array_give_the_same_rounds() -> None:
    whole = parse_feed((FEED / "small.json").read_bytes())
    bare = parse_feed((FEED / "small.rounds-array.json").read_bytes())
    assert whole.rounds == bare.rounds
    assert whole.keys == EXPECTED_KEYS


def test_a_category_round_every_field(small: dict[str, Round]) -> None:
    r = small["305"]
    assert r.to_dict() == {
        "id": "305",
        "number": 305,
        "date": "2024-07-08",
        "held_at": "2024-07-08T14:59:31Z",
        "tie_break_at": "2024-06-27T10:12:58Z",
        "round_type": "category",
        "programs": ["CEC", "FSW", "FST"],
        "category": "french",
        "category_version": "1",
        "name": "French language proficiency (Version 1)",
        "invitations": 3200,
        "crs_min": 420,
        "distribution_as_of": "2024-07-07",
        "distribution": {
            "601-1200": 512,
            "501-600": 18104,
            "451-500": 60011,
            "491-500": 12010,
            "481-490": 11900,
            "471-480": 12345,
            "461-470": 11876,
            "451-460": 11880,
            "401-450": 57001,
            "441-450": 11500,
            "431-440": 11400,
            "421-430": 11300,
            "411-420": 11401,
            "401-410": 11400,
            "351-400": 50123,
            "301-350": 22010,
            "0-300": 5601,
            "total": 213362,
        },
        "url": "https://www.canada.ca/en/immigration-refugees-citizenship/corporate/mandate/"
        "policies-operational-instructions-agreements/ministerial-instructions/express-entry-rounds/"
        "invitations.html?q=305",
        "warnings": [],
    }
    assert list(r.to_dict()) == list(FIELDS)


def test_suffixed_round_ids(small: dict[str, Round]) -> None:
    assert (small["91a"].number, small["91b"].number) == (91, 91)
    assert small["91a"].round_type == "program" and small["91a"].programs == ("FST",)
    assert small["91b"].round_type == "general"


def test_old_links_and_no_distribution(small: dict[str, Round]) -> None:
    first = small["1"]
    assert first.url.endswith("/express-entry-rounds/invitations-1.html")
    assert first.url.startswith("https://www.canada.ca/en/")
    assert first.distribution is None and first.distribution_as_of is None
    assert first.tie_break_at is None  # empty drawCutOff: absent, not guessed


def test_subtotal_that_does_not_add_up_is_flagged_not_fatal(small: dict[str, Round]) -> None:
    r = small["304"]
    assert r.distribution["451-500"] == 60101  # what the source said
    assert any("451-500 is 60,101 but its parts add up to 60,011" in w for w in r.warnings)


def test_untrusted_times_are_kept_with_warnings(small: dict[str, Round]) -> None:
    assert small["303"].held_at == dt.datetime(2024, 7, 4, 12, 48, 30, tzinfo=dt.UTC)
    assert any("mixes a 24-hour time with AM" in w for w in small["303"].warnings)
    assert small["302"].tie_break_at == dt.datetime(2024, 7, 2, 11, 1, 2, tzinfo=dt.UTC)
    assert any("has no year; took 2024" in w for w in small["302"].warnings)
    assert any("names no time zone" in w for w in small["91b"].warnings)


def test_category_version_as_first_published(small: dict[str, Round]) -> None:
    assert (small["301"].category, small["301"].category_version) == ("stem", "2023-1")


def _record(**changes: object) -> dict[str, object]:
    base = json.loads((FEED / "small.json").read_text())["rounds"][0]
    base.update(changes)
    return base


def test_a_tie_break_after_the_round_is_a_probable_typo() -> None:
    r = parse_record(_record(drawCutOff="June 27, 2025 at 10:12:58 UTC"))
    assert r.tie_break_at == dt.datetime(2025, 6, 27, 10, 12, 58, tzinfo=dt.UTC)
    assert any("after the round" in w for w in r.warnings)


@pytest.mark.parametrize(
    ("changes", "field", "warning"),
    [
        ({"drawSize": ""}, "invitations", "drawSize is missing"),
        ({"drawCRS": "n/a"}, "crs_min", "drawCRS: 'n/a' is not a whole number"),
        ({"drawSize": None}, "invitations", "drawSize is missing"),
        ({"drawCRS": "4,2,0"}, "crs_min", "not a whole number"),
    ],
    ids=["empty-size", "text-crs", "null-size", "bad-commas"],
)
def test_missing_numbers_are_null_never_zero(changes: dict[str, object], field: str, warning: str) -> None:
    r = parse_record(_record(**changes))
    assert getattr(r, field) is None
    assert any(warning in w for w in r.warnings)


def test_a_new_category_name_is_a_category_with_a_warning() -> None:
    r = parse_record(_record(drawName="Veterinarians who hold a Canadian licence (Version 1)"))
    assert r.round_type == "category" and r.category == "veterinarians"
    assert any("unknown category" in w for w in r.warnings)


def test_a_category_whose_list_ships_has_no_unknown_category_warning() -> None:
    r = parse_record(_record(drawName="Senior Managers with Canadian Work Experience, 2026-Version 1"))
    assert r.round_type == "category" and r.category == "senior-managers"
    assert not any("unknown category" in w for w in r.warnings), r.warnings


@pytest.mark.parametrize(
    ("name", "body", "message"),
    [
        ("malformed", (FEED / "malformed.json").read_bytes(), "not valid JSON"),
        ("empty", b"", "empty"),
        ("whitespace", b"  \n ", "empty"),
        ("html-error-page", b"<html><body>Service unavailable</body></html>", "not valid JSON"),
        ("invalid-utf8", b'{"rounds": ["\xff\xfe"]}', "not valid UTF-8"),
        ("wrong-shape", b'{"data": []}', "no 'rounds' key"),
        ("rounds-not-list", b'{"rounds": {"a": 1}}', "not a list"),
        ("no-rounds", b'{"rounds": []}', "holds no rounds"),
        ("all-rejected", (FEED / "all-rejected.json").read_bytes(), "no usable round"),
        ("scalar", b"42", "not a list"),
    ],
    ids=lambda v: v if isinstance(v, str) and len(v) < 20 else None,
)
def test_unusable_documents_raise_a_clear_error(name: str, body: bytes, message: str) -> None:
    with pytest.raises(FeedFormatError, match=message):
        parse_feed(body)


def test_bad_records_are_rejected_with_reasons_and_the_rest_kept() -> None:
    good = _record()
    doc = [good, {"drawNumber": "abc"}, "text", {**good, "drawDate": "", "drawDateFull": ""}, dict(good)]
    parsed = parse_feed(json.dumps(doc).encode())
    assert [r.id for r in parsed.rounds] == ["305"]
    reasons = [(p.index, p.reason) for p in parsed.problems]
    assert reasons == [
        (1, "drawNumber 'abc' is not a round number"),
        (2, "record is a str, not an object"),
        (3, "drawDate is missing or unreadable"),
        (4, "a second record with this round id; kept the first"),
    ]


def test_extra_and_missing_keys_are_reported_in_keys() -> None:
    record = _record(newKey="x")
    del record["dd18"]
    parsed = parse_feed(json.dumps([record]).encode())
    assert "newKey" in parsed.keys and "dd18" not in parsed.keys
