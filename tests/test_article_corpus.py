"""The article parser over the real-article corpus: every round stated, right, or nothing.

``bench.articles`` scores the parser against ``tests/fixtures/articles/corpus/truth.json``
(fixtures written after real articles, facts checked against the IRCC feed). The
targets: precision >= 98% for every field, round recall >= 90%, no invented round.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from bench import articles as bench
from eewatch.domain.taxonomy import classify
from scraper.parsing import article_facts, article_mentions

CORPUS = Path(__file__).parent / "fixtures" / "articles" / "corpus"
FEED = Path("/work/shared/fixtures/ircc-feed/ee_rounds_123_en.2025-03-02T1334Z.raw.json")


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
        (article_mentions, "_TIE_BREAK", re.compile(r"(?!x)x")),
        # "since December 21", "expected on September 2", "announced on May 31" read as round dates.
        (article_mentions, "_NOT_A_ROUND", re.compile(r"(?!x)x")),
        # Ontario's notifications of interest read as a federal round.
        (article_facts, "PROVINCIAL", re.compile(r"(?!x)x")),
        # "The May 30 draws ..." and "the three draws in January ..." read as one round.
        (article_mentions, "_PLURAL", re.compile(r"(?!x)x")),
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


@pytest.mark.skipif(
    not FEED.exists(), reason="the IRCC feed copies (/work/shared/fixtures/ircc-feed) are absent"
)
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


def test_a_megabyte_article_page_parses_in_under_a_second() -> None:
    page = bench.article_page(1_000_000)
    assert len(page) >= 1_000_000
    assert bench.time_page(1_000_000) < 1.0


def test_dense_text_parses_in_linear_time() -> None:
    # 1 MB of nothing but round statements is the worst case: the time must grow with the size, not faster.
    small, large = bench.time_parse(50_000), bench.time_parse(400_000)
    assert large < 8 * small * 1.6
