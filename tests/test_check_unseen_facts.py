"""The unseen sets' fact checker (bench/check_unseen_facts.py): a wrong fact fails, a right one passes.

The checks run against the project's own small feed fixture; the fresh sets
(bench/data/articles_unseen4.json to articles_unseen8.json) are checked against
the shared IRCC copy each names, where that copy is present.
"""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path
from typing import Any

import pytest

from bench import check_unseen_facts as checker
from tests.support.paths import SHARED_FEED

SMALL = Path(__file__).parent / "fixtures" / "feed" / "small.json"
FRESH = checker.DATA / "articles_unseen4.json"
FIFTH = checker.DATA / "articles_unseen5.json"
SIXTH = checker.DATA / "articles_unseen6.json"
SEVENTH = checker.DATA / "articles_unseen7.json"
EIGHTH = checker.DATA / "articles_unseen8.json"
NINTH = checker.DATA / "articles_unseen9.json"
TENTH = checker.DATA / "articles_unseen10.json"
ELEVENTH = checker.DATA / "articles_unseen11.json"
TWELFTH = checker.DATA / "articles_unseen12.json"
THIRTEENTH = checker.DATA / "articles_unseen13.json"
FOURTEENTH = checker.DATA / "articles_unseen14.json"
FIFTEENTH = checker.DATA / "articles_unseen15.json"
SIXTEENTH = checker.DATA / "articles_unseen16.json"
SEVENTEENTH = checker.DATA / "articles_unseen17.json"
EIGHTEENTH = checker.DATA / "articles_unseen18.json"
NINETEENTH = checker.DATA / "articles_unseen19.json"
TWENTIETH = checker.DATA / "articles_unseen20.json"
TWENTY_FIRST = checker.DATA / "articles_unseen21.json"
TWENTY_SECOND = checker.DATA / "articles_unseen22.json"
TWENTY_THIRD = checker.DATA / "articles_unseen23.json"
TWENTY_FOURTH = checker.DATA / "articles_unseen24.json"
TWENTY_FIFTH = checker.DATA / "articles_unseen25.json"
TWENTY_SIXTH = checker.DATA / "articles_unseen26.json"
TWENTY_SEVENTH = checker.DATA / "articles_unseen27.json"
TWENTY_EIGHTH = checker.DATA / "articles_unseen28.json"
TWENTY_NINTH = checker.DATA / "articles_unseen29.json"
THIRTIETH = checker.DATA / "articles_unseen30.json"
THIRTY_FIRST = checker.DATA / "articles_unseen31.json"
THIRTY_SECOND = checker.DATA / "articles_unseen32.json"
THIRTY_THIRD = checker.DATA / "articles_unseen33.json"
THIRTY_FOURTH = checker.DATA / "articles_unseen34.json"
THIRTY_FIFTH = checker.DATA / "articles_unseen35.json"
THIRTY_SIXTH = checker.DATA / "articles_unseen36.json"
THIRTY_SEVENTH = checker.DATA / "articles_unseen37.json"
THIRTY_EIGHTH = checker.DATA / "articles_unseen38.json"
THIRTY_NINTH = checker.DATA / "articles_unseen39.json"
FORTIETH = checker.DATA / "articles_unseen40.json"
FORTY_FIRST = checker.DATA / "articles_unseen41.json"
FORTY_THIRD = checker.DATA / "articles_unseen43.json"
FORTY_FOURTH = checker.DATA / "articles_unseen44.json"
FORTY_FIFTH = checker.DATA / "articles_unseen45.json"
FORTY_SIXTH = checker.DATA / "articles_unseen46.json"
FORTY_EIGHTH = checker.DATA / "articles_unseen48.json"
FORTY_NINTH = checker.DATA / "articles_unseen49.json"
FIFTIETH = checker.DATA / "articles_unseen50.json"
FIFTY_FIRST = checker.DATA / "articles_unseen51.json"
FIFTY_SECOND = checker.DATA / "articles_unseen52.json"
FIFTY_THIRD = checker.DATA / "articles_unseen53.json"
FIFTY_FOURTH = checker.DATA / "articles_unseen54.json"
FIFTY_SEVENTH = checker.DATA / "articles_unseen57.json"
FIFTY_EIGHTH = checker.DATA / "articles_unseen58.json"
SIXTIETH = checker.DATA / "articles_unseen60.json"
SIXTY_FIRST = checker.DATA / "articles_unseen61.json"
SIXTY_THIRD = checker.DATA / "articles_unseen63.json"
SIXTY_FOURTH = checker.DATA / "articles_unseen64.json"
SIXTY_FIFTH = checker.DATA / "articles_unseen65.json"
SIXTY_SEVENTH = checker.DATA / "articles_unseen67.json"
SIXTY_EIGHTH = checker.DATA / "articles_unseen68.json"
SIXTY_NINTH = checker.DATA / "articles_unseen69.json"
SEVENTIETH = checker.DATA / "articles_unseen70.json"
SEVENTY_FIRST = checker.DATA / "articles_unseen71.json"
SEVENTY_SECOND = checker.DATA / "articles_unseen72.json"
SEVENTY_SIXTH = checker.DATA / "articles_unseen76.json"
SEVENTY_SEVENTH = checker.DATA / "articles_unseen77.json"
SEVENTY_NINTH = checker.DATA / "articles_unseen79.json"
EIGHTIETH = checker.DATA / "articles_unseen80.json"
EIGHTY_SECOND = checker.DATA / "articles_unseen82.json"
EIGHTY_THIRD = checker.DATA / "articles_unseen83.json"
EIGHTY_FIFTH = checker.DATA / "articles_unseen85.json"
EIGHTY_SEVENTH = checker.DATA / "articles_unseen87.json"
EIGHTY_EIGHTH = checker.DATA / "articles_unseen88.json"
EIGHTY_NINTH = checker.DATA / "articles_unseen89.json"
NINETIETH = checker.DATA / "articles_unseen90.json"
NINETY_THIRD = checker.DATA / "articles_unseen93.json"
NINETY_FOURTH = checker.DATA / "articles_unseen94.json"
NINETY_FIFTH = checker.DATA / "articles_unseen95.json"
NINETY_SIXTH = checker.DATA / "articles_unseen96.json"
NINETY_NINTH = checker.DATA / "articles_unseen99.json"
HUNDREDTH = checker.DATA / "articles_unseen100.json"
HUNDRED_FIRST = checker.DATA / "articles_unseen101.json"
HUNDRED_THIRD = checker.DATA / "articles_unseen103.json"
HUNDRED_FIFTH = checker.DATA / "articles_unseen105.json"
HUNDRED_SIXTH = checker.DATA / "articles_unseen106.json"
HUNDRED_SEVENTH = checker.DATA / "articles_unseen107.json"
HUNDRED_EIGHTH = checker.DATA / "articles_unseen108.json"
HUNDRED_TWELFTH = checker.DATA / "articles_unseen112.json"
HUNDRED_THIRTEENTH = checker.DATA / "articles_unseen113.json"


def _round(**facts: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "number": None,
        "date": "2024-07-04",
        "invitations": 1800,
        "crs_min": 436,
        "round_type": "category",
        "category": "trades",
        "checked": "feed #303",
        "implied": [],
    }
    return {**base, **facts}


def _set(*rounds: dict[str, Any]) -> dict[str, Any]:
    return {
        "feed": SMALL.name,
        "folder": "unseenX",
        "used_for_development": False,
        "note": "test",
        "pages": [{"file": "p01.txt", "url": "https://example.org/p01", "rounds": list(rounds)}],
    }


@pytest.fixture(scope="module")
def feed() -> dict[str, Any]:
    return checker.feed_rounds(SMALL)


def test_a_set_that_agrees_with_the_feed_has_no_mismatch(feed: dict[str, Any]) -> None:
    right = _set(
        _round(),
        _round(
            number="302",
            date="2024-07-02",
            invitations=920,
            crs_min=739,
            round_type="program",
            category=None,
            checked="feed #302",
        ),
        # The page's own wrong date, recorded as such: the date field holds the feed's.
        _round(date="2024-07-04", page_error={"date": "2024-07-05"}),
    )
    report = checker.check_set(right, feed)
    assert report.mismatches == []
    assert (report.rounds, report.checked_rounds, report.page_errors) == (3, 3, 1)
    # Each given fact counts: 5, 5 (a number, no category), 5 (the date with its page error).
    assert report.facts == 5 + 5 + 5


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"crs_min": 437}, "crs_min 437, feed #303 has 436"),
        ({"invitations": 1500}, "invitations 1500, feed #303 has 1800"),
        ({"date": "2024-07-05"}, "date '2024-07-05', feed #303 has '2024-07-04'"),
        ({"number": "300"}, "number '300', feed #303"),
        ({"round_type": "general", "category": None}, "round_type 'general', feed #303 has 'category'"),
        ({"category": "trade"}, "category 'trade' is no known slug"),
        ({"page_error": {"crs_min": 436}, "crs_min": None}, "page_error crs_min 436 is the feed's own value"),
        ({"page_error": {"crs_min": 431}}, "crs_min given both as a fact and as the page's error"),
        ({"checked": "feed #999"}, "feed #999 is not in the feed copy"),
        ({"checked": "the page's own mistake"}, "not checked against the feed, yet scored"),
    ],
)
def test_every_kind_of_wrong_fact_is_a_mismatch(
    feed: dict[str, Any], change: dict[str, Any], expected: str
) -> None:
    report = checker.check_set(_set(_round(**change)), feed)
    assert any(expected in line for line in report.mismatches), report.mismatches


def test_a_round_the_feed_cannot_check_passes_only_unscored(feed: dict[str, Any]) -> None:
    report = checker.check_set(_set(_round(checked="not in the feed copies", scored=False)), feed)
    assert report.mismatches == []
    assert report.unchecked == ["p01.txt: round 2024-07-04: not in the feed copies (scored: False)"]


def test_a_stated_value_missing_from_the_page_text_is_a_warning(feed: dict[str, Any], tmp_path: Path) -> None:
    (tmp_path / "unseenX").mkdir()
    (tmp_path / "unseenX" / "p01.txt").write_text("On July 4, 2024, 1,800 candidates in trade occupations.")
    report = checker.check_set(_set(_round()), feed, tmp_path)
    assert report.mismatches == []
    assert report.warnings == ["p01.txt: round 2024-07-04: crs_min 436 not found in the text"]


def test_the_command_exits_1_on_a_mismatch(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    wrong = tmp_path / "articles_unseen_wrong.json"
    wrong.write_text(json.dumps(_set(_round(crs_min=437))))
    assert checker.main([str(wrong), "--feed", str(SMALL.parent)]) == 1
    assert "1 mismatches" in capsys.readouterr().out
    right = tmp_path / "articles_unseen_right.json"
    right.write_text(json.dumps(_set(_round())))
    assert checker.main([str(right), "--feed", str(SMALL.parent)]) == 0


#: The sets gathered fresh: (their facts, the fewest pages).
SETS = {
    "unseen4": (FRESH, 36),
    "unseen5": (FIFTH, 30),
    "unseen6": (SIXTH, 30),
    "unseen7": (SEVENTH, 30),
    "unseen8": (EIGHTH, 30),
    "unseen9": (NINTH, 30),
    "unseen10": (TENTH, 30),
    "unseen11": (ELEVENTH, 32),
    "unseen12": (TWELFTH, 32),
    "unseen13": (THIRTEENTH, 34),
    "unseen14": (FOURTEENTH, 32),
    "unseen15": (FIFTEENTH, 35),
    "unseen16": (SIXTEENTH, 32),
    "unseen17": (SEVENTEENTH, 32),
    "unseen18": (EIGHTEENTH, 32),
    "unseen19": (NINETEENTH, 32),
    "unseen20": (TWENTIETH, 34),
    "unseen21": (TWENTY_FIRST, 34),
    "unseen22": (TWENTY_SECOND, 34),
    "unseen23": (TWENTY_THIRD, 35),
    "unseen24": (TWENTY_FOURTH, 34),
    "unseen25": (TWENTY_FIFTH, 32),
    "unseen26": (TWENTY_SIXTH, 34),
    "unseen27": (TWENTY_SEVENTH, 32),
    "unseen28": (TWENTY_EIGHTH, 16),  # too few pages to stand as the fresh set
    "unseen29": (TWENTY_NINTH, 32),
    "unseen30": (THIRTIETH, 23),  # too few pages to stand as the fresh set
    "unseen31": (THIRTY_FIRST, 27),  # too few pages to stand as the fresh set
    "unseen32": (THIRTY_SECOND, 33),
    "unseen33": (THIRTY_THIRD, 31),
    "unseen34": (THIRTY_FOURTH, 32),
    "unseen35": (THIRTY_FIFTH, 32),
    "unseen36": (THIRTY_SIXTH, 17),  # too few pages to stand alone as the fresh set (with 37: 48)
    "unseen37": (THIRTY_SEVENTH, 31),
    "unseen38": (THIRTY_EIGHTH, 11),  # too few pages to stand alone as the fresh set (with 39: 41)
    "unseen39": (THIRTY_NINTH, 30),
    "unseen40": (FORTIETH, 28),  # too few pages to stand as the fresh set
    "unseen41": (FORTY_FIRST, 18),  # too few pages to stand as the fresh set
    # Sets 43 to 46 were gathered together and scored once together (33 pages): none stands alone.
    "unseen43": (FORTY_THIRD, 3),
    "unseen44": (FORTY_FOURTH, 6),
    "unseen45": (FORTY_FIFTH, 10),
    "unseen46": (FORTY_SIXTH, 14),
    # Sets 48 to 52 were gathered at the same time and scored once together (42 pages); 47 found none.
    "unseen48": (FORTY_EIGHTH, 9),
    "unseen49": (FORTY_NINTH, 1),
    "unseen50": (FIFTIETH, 9),
    "unseen51": (FIFTY_FIRST, 11),
    "unseen52": (FIFTY_SECOND, 12),
    # Sets 53 to 67 were gathered in session 15 and the ten with pages scored once together (36 pages); 55,
    # 56, 59, 62 and 66 found none.
    "unseen53": (FIFTY_THIRD, 3),
    "unseen54": (FIFTY_FOURTH, 1),
    "unseen57": (FIFTY_SEVENTH, 6),
    "unseen58": (FIFTY_EIGHTH, 7),
    "unseen60": (SIXTIETH, 5),
    "unseen61": (SIXTY_FIRST, 1),
    "unseen63": (SIXTY_THIRD, 3),
    "unseen64": (SIXTY_FOURTH, 2),
    "unseen65": (SIXTY_FIFTH, 1),
    "unseen67": (SIXTY_SEVENTH, 7),
    # Sets 68 to 70, gathered after pass sixty and scored once together at its end (11 pages).
    "unseen68": (SIXTY_EIGHTH, 5),
    "unseen69": (SIXTY_NINTH, 3),
    "unseen70": (SEVENTIETH, 3),
    # Sets 71 and 72, gathered last and scored once together on the session's final parser (6 pages); 73 found
    # none.
    "unseen71": (SEVENTY_FIRST, 3),
    "unseen72": (SEVENTY_SECOND, 3),
    # Sets 76 to 90 (session 16), scored once together at f52ed50 (41 pages); 74, 75, 78, 81, 84 and 86 found
    # none.
    "unseen76": (SEVENTY_SIXTH, 8),
    "unseen77": (SEVENTY_SEVENTH, 3),
    "unseen79": (SEVENTY_NINTH, 1),
    "unseen80": (EIGHTIETH, 10),
    "unseen82": (EIGHTY_SECOND, 2),
    "unseen83": (EIGHTY_THIRD, 2),
    "unseen85": (EIGHTY_FIFTH, 6),
    "unseen87": (EIGHTY_SEVENTH, 4),
    "unseen88": (EIGHTY_EIGHTH, 1),
    "unseen89": (EIGHTY_NINTH, 2),
    "unseen90": (NINETIETH, 2),
    # Sets 93 and 94, gathered blind while pass sixty-two was made and scored once together on its final
    # parser (6 pages); 91 and 92 found none.
    "unseen93": (NINETY_THIRD, 1),
    "unseen94": (NINETY_FOURTH, 5),
    # Sets 95 to 107 (session 17), scored once together at 2880654 (42 pages); 97, 98, 102 and 104 found none.
    "unseen95": (NINETY_FIFTH, 1),
    "unseen96": (NINETY_SIXTH, 3),
    "unseen99": (NINETY_NINTH, 7),
    "unseen100": (HUNDREDTH, 14),
    "unseen101": (HUNDRED_FIRST, 10),
    "unseen103": (HUNDRED_THIRD, 1),
    "unseen105": (HUNDRED_FIFTH, 2),
    "unseen106": (HUNDRED_SIXTH, 1),
    "unseen107": (HUNDRED_SEVENTH, 3),
    # Set 108, gathered last and scored once on the session's final parser (3 pages).
    "unseen108": (HUNDRED_EIGHTH, 3),
    # Sets 112 and 113, session 18's only pages (eight gatherings, 225 look-ups), scored together.
    "unseen112": (HUNDRED_TWELFTH, 4),
    "unseen113": (HUNDRED_THIRTEENTH, 1),
}
SCORED = re.compile(r"Scored once at commit ([0-9a-f]{7,40})")


@pytest.mark.parametrize("folder", SETS)
def test_a_fresh_set_has_the_schema_its_pages_and_says_where_it_stands(folder: str) -> None:
    path, fewest = SETS[folder]
    doc = json.loads(path.read_text())
    assert doc["folder"] == folder
    assert len(doc["pages"]) >= fewest
    assert len({page["file"] for page in doc["pages"]}) == len(doc["pages"])
    assert all(page["url"].startswith("http") for page in doc["pages"])
    rounds = [r for page in doc["pages"] for r in page["rounds"]]
    # Every round the feed copies cannot check is left unscored, and only those.
    assert all((r.get("scored", True) is False) == (not r["checked"].startswith("feed #")) for r in rounds)
    # Its state, in its note and its title: to be scored once; scored once (at a commit) and not used
    # for development since; or scored once, then used for development ("seen since").
    assert "To be scored once" in doc["note"]
    scored = SCORED.search(doc["note"])
    if doc["used_for_development"]:
        assert scored is not None and "seen since" in doc["title"]
    elif scored is not None:
        assert f"never used for development; scored once at commit {scored.group(1)})" in doc["title"]
    else:
        assert (
            f"({len(doc['pages'])} real pages never used for development; to be scored once)" in doc["title"]
        )


needs_shared = pytest.mark.skipif(
    not SHARED_FEED.is_dir(), reason=f"the IRCC feed copies are not at {SHARED_FEED}"
)
#: The fresh sets: (their facts, the fewest rounds checked against the feed, whether every round is).
FRESH_SETS = {
    "unseen4": (FRESH, 100, True),
    "unseen5": (FIFTH, 100, False),
    "unseen6": (SIXTH, 70, True),
    "unseen7": (SEVENTH, 60, False),
    "unseen8": (EIGHTH, 90, False),
    "unseen9": (NINTH, 85, False),
    "unseen10": (TENTH, 100, True),
    "unseen11": (ELEVENTH, 125, True),
    "unseen12": (TWELFTH, 78, True),
    "unseen13": (THIRTEENTH, 70, False),
    "unseen14": (FOURTEENTH, 105, False),
    "unseen15": (FIFTEENTH, 120, True),
    "unseen16": (SIXTEENTH, 90, False),
    "unseen17": (SEVENTEENTH, 60, True),
    "unseen18": (EIGHTEENTH, 70, True),
    "unseen19": (NINETEENTH, 110, True),
    "unseen20": (TWENTIETH, 55, True),
    "unseen21": (TWENTY_FIRST, 70, True),
    "unseen22": (TWENTY_SECOND, 55, False),
    "unseen23": (TWENTY_THIRD, 44, True),
    "unseen24": (TWENTY_FOURTH, 21, False),
    "unseen25": (TWENTY_FIFTH, 54, True),
    "unseen26": (TWENTY_SIXTH, 37, True),
    "unseen27": (TWENTY_SEVENTH, 60, False),
    "unseen28": (TWENTY_EIGHTH, 55, True),
    "unseen29": (TWENTY_NINTH, 49, True),
    "unseen30": (THIRTIETH, 42, True),
    "unseen31": (THIRTY_FIRST, 60, False),
    "unseen32": (THIRTY_SECOND, 60, True),
    "unseen33": (THIRTY_THIRD, 73, True),
    "unseen34": (THIRTY_FOURTH, 79, True),
    "unseen35": (THIRTY_FIFTH, 55, True),
    "unseen36": (THIRTY_SIXTH, 42, True),
    "unseen37": (THIRTY_SEVENTH, 72, False),
    "unseen38": (THIRTY_EIGHTH, 30, True),
    "unseen39": (THIRTY_NINTH, 67, True),
    "unseen40": (FORTIETH, 57, False),
    "unseen41": (FORTY_FIRST, 36, True),
    "unseen43": (FORTY_THIRD, 3, True),
    "unseen44": (FORTY_FOURTH, 11, True),
    "unseen45": (FORTY_FIFTH, 26, False),
    "unseen46": (FORTY_SIXTH, 18, True),
    "unseen48": (FORTY_EIGHTH, 19, True),
    "unseen49": (FORTY_NINTH, 2, True),
    "unseen50": (FIFTIETH, 20, True),
    "unseen51": (FIFTY_FIRST, 15, True),
    "unseen52": (FIFTY_SECOND, 22, True),
    # (the sixty-first set states one round, named only: no count or cut-off to break)
    "unseen53": (FIFTY_THIRD, 3, True),
    "unseen54": (FIFTY_FOURTH, 4, True),
    "unseen57": (FIFTY_SEVENTH, 10, False),
    "unseen58": (FIFTY_EIGHTH, 12, True),
    "unseen60": (SIXTIETH, 6, True),
    "unseen63": (SIXTY_THIRD, 4, True),
    "unseen64": (SIXTY_FOURTH, 3, True),
    "unseen65": (SIXTY_FIFTH, 4, True),
    "unseen67": (SIXTY_SEVENTH, 15, True),
    "unseen68": (SIXTY_EIGHTH, 5, True),
    "unseen69": (SIXTY_NINTH, 4, True),
    "unseen70": (SEVENTIETH, 6, True),
    "unseen71": (SEVENTY_FIRST, 4, True),
    "unseen72": (SEVENTY_SECOND, 4, True),
    "unseen76": (SEVENTY_SIXTH, 9, True),
    "unseen77": (SEVENTY_SEVENTH, 6, True),
    "unseen79": (SEVENTY_NINTH, 1, True),
    "unseen80": (EIGHTIETH, 13, True),
    "unseen82": (EIGHTY_SECOND, 31, True),
    "unseen83": (EIGHTY_THIRD, 2, True),
    "unseen85": (EIGHTY_FIFTH, 15, True),
    "unseen87": (EIGHTY_SEVENTH, 6, False),
    "unseen88": (EIGHTY_EIGHTH, 1, True),
    "unseen89": (EIGHTY_NINTH, 2, True),
    "unseen90": (NINETIETH, 2, True),
    "unseen94": (NINETY_FOURTH, 7, True),
    "unseen95": (NINETY_FIFTH, 5, True),
    "unseen96": (NINETY_SIXTH, 5, True),
    "unseen99": (NINETY_NINTH, 12, True),
    "unseen100": (HUNDREDTH, 19, True),
    "unseen101": (HUNDRED_FIRST, 11, True),
    "unseen105": (HUNDRED_FIFTH, 5, True),
    "unseen106": (HUNDRED_SIXTH, 1, True),
    "unseen107": (HUNDRED_SEVENTH, 4, True),
    "unseen108": (HUNDRED_EIGHTH, 3, True),
    "unseen112": (HUNDRED_TWELFTH, 7, True),
}


def _first(doc: dict[str, Any], found: Any) -> dict[str, Any]:
    return next(r for page in doc["pages"] for r in page["rounds"] if found(r))


@needs_shared
@pytest.mark.parametrize("folder", FRESH_SETS)
def test_every_fact_of_a_fresh_set_agrees_with_the_feed(folder: str) -> None:
    path, fewest, all_checked = FRESH_SETS[folder]
    doc = json.loads(path.read_text())
    rounds = checker.feed_rounds(SHARED_FEED / doc["feed"])
    report = checker.check_set(doc, rounds)
    assert report.mismatches == []
    assert report.checked_rounds >= fewest and report.rounds - report.checked_rounds == len(report.unchecked)
    assert (report.checked_rounds == report.rounds) is all_checked
    # The checker sees any one changed count or cut-off.
    for name in ("invitations", "crs_min"):
        broken = copy.deepcopy(doc)
        _first(broken, lambda r, name=name: r[name] is not None)[name] += 1
        assert len(checker.check_set(broken, rounds).mismatches) == 1


@needs_shared
def test_the_checker_sees_a_page_error_that_is_the_feeds_own_value() -> None:
    fifth = json.loads(FIFTH.read_text())
    rounds = checker.feed_rounds(SHARED_FEED / fifth["feed"])
    erred = _first(fifth, lambda r: "crs_min" in r.get("page_error", {}))
    erred["page_error"]["crs_min"] = rounds[erred["checked"].removeprefix("feed #")].crs_min
    assert len(checker.check_set(fifth, rounds).mismatches) == 1


@needs_shared
def test_the_checker_sees_a_date_moved_by_a_day() -> None:
    sixth = json.loads(SIXTH.read_text())
    rounds = checker.feed_rounds(SHARED_FEED / sixth["feed"])
    _first(sixth, lambda r: r["date"] == "2023-08-03")["date"] = "2023-08-04"
    assert len(checker.check_set(sixth, rounds).mismatches) == 1
