"""The article parser over the real-article corpus: every round stated, right, or nothing.

``bench.articles`` scores the parser against ``tests/fixtures/articles/corpus/truth.json``
(fixtures written after real articles, facts checked against the IRCC feed). The
targets: precision >= 98% for every field, round recall >= 90%, no invented round. Timings are
in ``python -m bench.articles``, never asserted here.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from bench import articles as bench
from bench import check_unseen_facts as checker
from eewatch.domain.taxonomy import classify
from scraper.parsing import article_anchors, article_dates, article_facts
from tests.support.paths import SHARED_FEED

CORPUS = Path(__file__).parent / "fixtures" / "articles" / "corpus"
#: The IRCC feed copy every scored fact was checked against (../shared, or $EEWATCH_SHARED_FEED).
FEED = SHARED_FEED / "ee_rounds_123_en.2025-03-02T1334Z.raw.json"
needs_feed = pytest.mark.skipif(not FEED.exists(), reason=f"the IRCC feed copy is not at {FEED}")


def test_the_parser_meets_the_targets_over_the_corpus(capsys: pytest.CaptureFixture[str]) -> None:
    result = bench.score(CORPUS)
    print(bench.table(result))
    assert result.fixtures >= 60
    for name, field in result.fields.items():
        assert field.precision >= bench.TARGET_PRECISION, (name, result.problems)
    assert result.round_recall >= bench.TARGET_ROUND_RECALL, result.problems
    assert result.invented == 0, result.problems
    assert result.meets_targets()


def test_the_held_out_fixtures_get_no_wrong_value_and_no_invented_round() -> None:
    result = bench.score(bench.HELDOUT)
    print(bench.table(result))
    for name, field in result.fields.items():
        assert field.precision >= bench.TARGET_PRECISION, (name, result.problems)
    assert result.invented == 0, result.problems


@pytest.mark.parametrize(
    ("module", "name", "broken"),
    [
        # Tie-break times ("the tie-break was May 29, 2017, at 07:01:15 UTC") read as round dates.
        (article_dates, "TIE_BREAK", re.compile(r"(?!x)x")),
        # "since December 21", "expected on September 2", "announced on May 31" read as round dates.
        (article_anchors, "NOT_A_ROUND", re.compile(r"(?!x)x")),
        # Ontario's notifications of interest read as a federal round.
        (article_facts, "PROVINCIAL", re.compile(r"(?!x)x")),
        # "The May 30 draws ..." and "the three draws in January ..." read as one round.
        (article_anchors, "PLURAL", re.compile(r"(?!x)x")),
    ],
)
def test_the_score_fails_when_a_pattern_is_broken(
    monkeypatch: pytest.MonkeyPatch, module: object, name: str, broken: object
) -> None:
    monkeypatch.setattr(module, name, broken)
    result = bench.score(CORPUS)
    assert not result.meets_targets(), bench.table(result)


@pytest.mark.parametrize("folder", [CORPUS, bench.HELDOUT], ids=["corpus", "heldout"])
def test_every_truth_entry_names_an_existing_fixture_and_its_source(folder: Path) -> None:
    truth = json.loads((folder / "truth.json").read_text())
    files = {p.name for p in folder.iterdir() if p.name != "truth.json"}
    listed = [f["file"] for f in truth["fixtures"]]
    assert sorted(listed) == sorted(files)
    readme = (folder.parent / "README.md").read_text()
    for entry in truth["fixtures"]:
        assert entry["patterns"], entry["file"]
        assert entry["file"] in readme
        for r in entry["rounds"]:
            assert r["number"] or r["date"], (entry["file"], r)
            assert r["checked"] or not r["scored"], (entry["file"], r)


@needs_feed
@pytest.mark.parametrize("folder", [CORPUS, bench.HELDOUT], ids=["corpus", "heldout"])
def test_every_scored_fact_agrees_with_the_feed(folder: Path) -> None:
    feed = json.loads(FEED.read_text())["rounds"]
    by_number = {r["drawNumber"]: r for r in feed}
    last = max(r["drawDate"] for r in feed)
    truth = json.loads((folder / "truth.json").read_text())
    checked = 0
    for entry in truth["fixtures"]:
        for r in entry["rounds"]:
            if not r["scored"] or (r["date"] or "9999") > last:
                continue
            record = by_number[r["checked"].removeprefix("feed #")]
            kind = classify(record["drawName"])
            assert r["date"] in (None, record["drawDate"]), (entry["file"], r)
            assert r["number"] in (None, record["drawNumber"]), (entry["file"], r)
            assert r["invitations"] in (None, int(record["drawSize"].replace(",", ""))), (entry["file"], r)
            assert r["crs_min"] in (None, int(record["drawCRS"])), (entry["file"], r)
            assert r["round_type"] in (None, kind.round_type), (entry["file"], r)
            assert r["category"] in (None, kind.category), (entry["file"], r)
            checked += 1
    assert checked >= (100 if folder == CORPUS else 20)


@needs_feed
@pytest.mark.parametrize(
    "truth", [s.truth for s in bench.unseen_sets()], ids=[s.folder for s in bench.unseen_sets()]
)
def test_every_unseen_page_fact_agrees_with_the_feed(truth: Path) -> None:
    """The unseen pages' facts (bench/data/articles_unseen*.json) are the feed's, except where marked,
    by the one checker of the sets (bench/check_unseen_facts.py)."""
    doc = json.loads(truth.read_text())
    assert checker.check_set(doc, checker.feed_rounds(FEED)).mismatches == []
    pages = doc["pages"]
    # 30 pages or more (the fresh set), but for the sets kept as smaller ones (11 to 28 pages)
    smaller = {"unseen28": 16, "unseen30": 23, "unseen31": 27, "unseen36": 17, "unseen38": 11, "unseen40": 28}
    smaller["unseen41"] = 18
    smaller |= {"unseen43": 3, "unseen44": 6, "unseen45": 10, "unseen46": 14}  # scored together: 33 pages
    smaller |= {"unseen48": 9, "unseen49": 1, "unseen50": 9, "unseen51": 11, "unseen52": 12}  # together: 42
    # sets 53 to 67, scored together: 36 pages
    smaller |= {"unseen53": 3, "unseen54": 1, "unseen57": 6, "unseen58": 7, "unseen60": 5}
    smaller |= {"unseen61": 1, "unseen63": 3, "unseen64": 2, "unseen65": 1, "unseen67": 7}
    smaller |= {"unseen68": 5, "unseen69": 3, "unseen70": 3}  # scored together: 11 pages
    smaller |= {"unseen71": 3, "unseen72": 3}  # scored together: 6 pages
    # sets 76 to 90, scored together: 41 pages
    smaller |= {"unseen76": 8, "unseen77": 3, "unseen79": 1, "unseen80": 10, "unseen82": 2, "unseen83": 2}
    smaller |= {"unseen85": 6, "unseen87": 4, "unseen88": 1, "unseen89": 2, "unseen90": 2}
    smaller |= {"unseen93": 1, "unseen94": 5}  # scored together: 6 pages
    # sets 95 to 107, scored together: 42 pages
    smaller |= {"unseen95": 1, "unseen96": 3, "unseen99": 7, "unseen100": 14, "unseen101": 10, "unseen103": 1}
    smaller |= {"unseen105": 2, "unseen106": 1, "unseen107": 3}
    smaller |= {"unseen108": 3}  # scored on its own: 3 pages
    smaller |= {"unseen112": 4, "unseen113": 1}  # session 18's only pages, scored together: 5 pages
    assert len(pages) >= smaller.get(doc["folder"], 30)
    assert all(page["url"].startswith("http") for page in pages)
    scored = [r for page in pages for r in page["rounds"] if r.get("scored", True)]
    # Every scored round is dated: the date is how a parsed round without a number is matched.
    assert all(r["date"] is not None for r in scored)
    # the twenty-fourth set, 34 pages, states 21 (21 pages name no round or none dated); sets 43 to 46, 48
    # to 52 and 53 to 67, each scored together, state 55, 73 and 62 between them (57 with a fact stated)
    together = {"unseen43": 2, "unseen44": 10, "unseen45": 26, "unseen46": 17}
    together |= {"unseen48": 19, "unseen49": 1, "unseen50": 20, "unseen51": 12, "unseen52": 21}  # 73 in all
    together |= {"unseen53": 3, "unseen54": 4, "unseen57": 10, "unseen58": 12, "unseen60": 6}
    together |= {"unseen61": 1, "unseen63": 4, "unseen64": 3, "unseen65": 4, "unseen67": 15}
    together |= {"unseen68": 5, "unseen69": 4, "unseen70": 6}  # 15 in all
    together |= {"unseen71": 4, "unseen72": 4}
    together |= {"unseen76": 9, "unseen77": 6, "unseen79": 1, "unseen80": 13, "unseen82": 31, "unseen83": 2}
    together |= {"unseen85": 15, "unseen87": 6, "unseen88": 1, "unseen89": 2, "unseen90": 2}
    together |= {"unseen93": 1, "unseen94": 7}
    together |= {
        "unseen95": 5,
        "unseen96": 5,
        "unseen99": 12,
        "unseen100": 19,
        "unseen101": 11,
        "unseen103": 1,
    }
    together |= {"unseen105": 5, "unseen106": 1, "unseen107": 4}
    together |= {"unseen108": 3}
    together |= {"unseen112": 7, "unseen113": 8}
    assert len(scored) >= together.get(doc["folder"], 20)


def test_the_bench_says_so_when_the_unseen_texts_are_absent(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert bench.unseen_score(tmp_path) is None
    bench.main(["--size", "0", "--pages", str(tmp_path)])
    out = capsys.readouterr().out
    assert f"third set real pages: skipped, their texts are not at {tmp_path / 'unseen3'}" in out
    assert f"first set real pages: skipped, their texts are not at {tmp_path / 'unseen'}" in out
    assert "corpus (the fixtures the parser was developed on):" in out


def test_the_unseen_score_reads_the_texts_it_is_given(tmp_path: Path) -> None:
    # The held-out fixtures stand in for the unseen texts: same file names, same scoring path.
    pages = json.loads(bench.UNSEEN3_TRUTH.read_text())["pages"]
    held = sorted(p for p in bench.HELDOUT.iterdir() if p.name != "truth.json")
    for page, source in zip(pages, held * 4, strict=False):
        (tmp_path / page["file"]).write_bytes(source.read_bytes())
    result = bench.unseen_score(tmp_path)
    assert result is not None
    assert result.fixtures == len(pages)


def test_every_unseen_set_is_found_by_its_json_alone(tmp_path: Path) -> None:
    # A fresh set needs only its JSON: its folder, and no development flag (scored once, printed first).
    for name in ("articles_unseen.json", "articles_unseen3.json"):
        (tmp_path / name).write_text((bench.DATA / name).read_text())
    fresh = {"folder": "unseen4", "pages": [{"file": "x01.txt", "url": "https://example.org/", "rounds": []}]}
    (tmp_path / "articles_unseen4.json").write_text(json.dumps(fresh))
    sets = bench.unseen_sets(tmp_path)
    assert [(s.folder, s.development) for s in sets] == [
        ("unseen4", False),
        ("unseen3", True),
        ("unseen", True),
    ]
    assert sets[0].title.startswith("unseen4 (1 real pages never used for development")
    del fresh["folder"]
    (tmp_path / "articles_unseen4.json").write_text(json.dumps(fresh))
    with pytest.raises(ValueError, match=r"articles_unseen4\.json: 'folder'"):
        bench.unseen_sets(tmp_path)


def test_the_committed_sets_are_development_sets_with_their_folders() -> None:
    sets = {s.folder: s for s in bench.unseen_sets()}
    assert {"unseen", "unseen2", "unseen3"} <= set(sets)
    assert all(sets[f].development for f in ("unseen", "unseen2", "unseen3"))


def test_pages_whose_texts_are_missing_are_listed_not_scored(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pages = json.loads(bench.UNSEEN3_TRUTH.read_text())["pages"]
    held = sorted(p for p in bench.HELDOUT.iterdir() if p.name != "truth.json")
    (tmp_path / "unseen3").mkdir()
    for page, source in zip(pages[:3], held, strict=False):
        (tmp_path / "unseen3" / page["file"]).write_bytes(source.read_bytes())
    result = bench.unseen_score(tmp_path / "unseen3")
    assert result is not None
    assert result.fixtures == 3
    assert result.absent == [p["file"] for p in pages[3:]]
    bench.main(["--size", "0", "--pages", str(tmp_path)])
    out = capsys.readouterr().out
    assert f"(texts of 3 of {len(pages)} pages found at {tmp_path / 'unseen3'}; not scored: " in out


def test_a_round_whose_page_writes_no_year_matches_by_its_count_and_cut_off() -> None:
    # The page states "March 3: 1,200 invited, cut-off 478" and no year anywhere: the date is implied.
    truth = [{"number": None, "date": "2024-03-03", "invitations": 1200, "crs_min": 478, "implied": ["date"]}]
    undated = {"number": None, "date": None, "invitations": 1200, "crs_min": 478}
    assert bench._match(truth, [undated]) == [(0, 0)]
    # Another count, or only one of the two figures, is not that round.
    assert bench._match(truth, [{**undated, "invitations": 1100}]) == [(0, None), (None, 0)]
    assert bench._match(truth, [{**undated, "crs_min": None}]) == [(0, None), (None, 0)]
    # A date the page does write is matched by that date, never by the figures alone.
    written = [{**truth[0], "implied": []}]
    assert bench._match(written, [undated]) == [(0, None), (None, 0)]


def test_a_round_left_undated_matches_by_the_day_it_was_written_with_and_its_figures() -> None:
    # The page writes "March 16" for a round of 2022 and a year elsewhere: the date is stated, the parser
    # leaves its year in doubt and gives the round with the day it was written with ("03-16").
    truth = [{"number": None, "date": "2022-03-16", "invitations": 924, "crs_min": None, "implied": []}]
    undated = {"number": None, "date": None, "invitations": 924, "crs_min": None, "day": "03-16"}
    assert bench._match(truth, [undated]) == [(0, 0)]
    # Another day, or another count, is not that round.
    assert bench._match(truth, [{**undated, "day": "03-17"}]) == [(0, None), (None, 0)]
    assert bench._match(truth, [{**undated, "invitations": 942}]) == [(0, None), (None, 0)]
    # The page's own wrong figure (against the feed) is the one it was read with.
    wrong = [{**truth[0], "invitations": None, "page_error": {"invitations": 942}}]
    assert bench._match(wrong, [{**undated, "invitations": 942}]) == [(0, 0)]
    # ... and so is the page's own wrong day ("the November 28 draw, which invited 4,750": November 23's).
    misdated = [{**truth[0], "page_error": {"date": "2022-03-17"}}]
    assert bench._match(misdated, [{**undated, "day": "03-17"}]) == [(0, 0)]


def test_the_fresh_sets_are_also_scored_together(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # Two fresh sets, their texts stood in for by held-out fixtures: each is printed, then both as one
    # (the unseen score), with the pages of both counted; development sets are not in that block.
    held = sorted(p for p in bench.HELDOUT.iterdir() if p.name != "truth.json")
    data, pages = tmp_path / "data", tmp_path / "pages"
    data.mkdir()
    for n, sources in ((91, held[:2]), (92, held[2:5])):
        doc = {"feed": "absent.json", "folder": f"unseen{n}", "title": f"set {n} (fresh)", "pages": []}
        (pages / f"unseen{n}").mkdir(parents=True)
        for i, source in enumerate(sources):
            name = f"q{i:02d}.txt"
            (pages / f"unseen{n}" / name).write_bytes(source.read_bytes())
            doc["pages"].append({"file": name, "url": "https://example.org/", "rounds": []})
        (data / f"articles_unseen{n}.json").write_text(json.dumps(doc))
    found = bench.unseen_sets
    monkeypatch.setattr(bench, "unseen_sets", lambda: found(data))
    bench.main(["--size", "0", "--pages", str(pages), "--feed", str(tmp_path / "no-feed")])
    out = capsys.readouterr().out
    block = out.split("the fresh sets together (real pages never used for development: the unseen score):\n")
    assert len(block) == 2
    assert block[1].startswith("articles: 5 fixtures, 0 scored rounds")
    assert "the development sets together" not in out
