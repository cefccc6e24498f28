"""Score the article parser over the real-article corpus: ``python -m bench.articles``.

The corpus is ``tests/fixtures/articles/corpus/``: fixtures written after real
articles, and ``truth.json``, every round each one states with the facts it
states (checked against the IRCC feed). This module reads those files as data;
it imports nothing from ``tests``.

A parsed round is matched to a true round by its number when both have one,
otherwise by its date. Per field (number, date, invitations, crs_min,
round_type, category): *precision* is the share of values the parser gave that
are right (a value for a field the article does not state is wrong, and so is
every value of an invented round); *recall* is the share of stated values it
gave right. A round is *found* when a parsed round matches it, *invented* when
a parsed round matches no round the article states.

The *unseen* sets are real pages never used to develop the parser when they
were gathered: each is one ``bench/data/articles_unseen*.json`` (found by that
name: a new set needs only its JSON) holding the pages' addresses and facts
(checked against the IRCC feed), the ``folder`` its texts are read from under
DIR (the pages as stored, not ours to commit; DIR given by ``--pages DIR``,
default ``$EEWATCH_UNSEEN_PAGES``, else ``../helpers`` beside the checkout), and
``used_for_development``: true once a set was scored and then used to fix what
it showed. Fresh sets are printed first, each on its own, then together (the
unseen score of the parser at hand); the development sets after them, each and
then together. A set whose texts are absent is skipped
and says so; one whose texts are partly there is scored on those, and the
others are named. A fact a page gives
only by "the same as" or arithmetic is *implied*: a value given for it is
checked, but it is not asked for. A fact the page gets wrong (against the
feed) is not scored. A round a page only names, with no fact, counts neither as
found nor as missed. A round whose page writes no year anywhere has an implied
date: a parsed round that leaves the date empty (and has no number) is matched
to it when it states the same count and cut-off.

``--detail`` prints every wrong, missing and invented value; ``--size`` times
the parser over an article page of that many bytes (HTML: scripts, navigation,
an article, a table, comments) and over that many bytes of dense round prose
(the corpus repeated: the worst case, every line a round statement).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench.feeds import SHARED
from bench.machine import reference_cpu
from eewatch.domain.against_record import against_record
from eewatch.domain.record import Round
from scraper.parsing.article import parse_article
from scraper.parsing.feed import parse_feed

ARTICLES = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "articles"
CORPUS = ARTICLES / "corpus"
#: Ten more fixtures, written after the parser was built and first scored before any change to it.
HELDOUT = ARTICLES / "heldout"
#: The unseen real pages: their facts (committed), each naming the folder of its texts (not committed).
DATA = Path(__file__).resolve().parent / "data"
UNSEEN_TRUTH = DATA / "articles_unseen.json"
UNSEEN2_TRUTH = DATA / "articles_unseen2.json"
UNSEEN3_TRUTH = DATA / "articles_unseen3.json"
_BESIDE = Path(__file__).resolve().parent.parent.parent / "helpers"
UNSEEN_PAGES = Path(os.environ.get("EEWATCH_UNSEEN_PAGES", _BESIDE))
FIELDS = ("number", "date", "invitations", "crs_min", "round_type", "category")
#: The targets the corpus test asserts.
TARGET_PRECISION = 0.98
TARGET_ROUND_RECALL = 0.90
#: The targets on real pages never used for development (issue 23): no wrong fact, most rounds found.
UNSEEN_PRECISION = 0.99
UNSEEN_ROUND_RECALL = 0.75
UNSEEN_FIELDS = ("date", "invitations", "crs_min", "round_type", "category")


@dataclass
class FieldScore:
    predicted: int = 0
    correct: int = 0
    stated: int = 0
    recalled: int = 0

    @property
    def precision(self) -> float:
        return self.correct / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.recalled / self.stated if self.stated else 1.0


@dataclass
class Score:
    fixtures: int = 0
    rounds: int = 0
    found: int = 0
    missed: int = 0
    invented: int = 0
    unscored: int = 0
    fields: dict[str, FieldScore] = field(default_factory=lambda: {f: FieldScore() for f in FIELDS})
    problems: list[str] = field(default_factory=list)
    #: Pages that state a round with a count or cut-off, and those of them that yield none of those rounds.
    stating: int = 0
    silent: int = 0
    #: Pages of an unseen set whose texts were not found (not scored).
    absent: list[str] = field(default_factory=list)

    @property
    def round_recall(self) -> float:
        return self.found / self.rounds if self.rounds else 1.0

    def meets_unseen_targets(self) -> bool:
        return (
            all(self.fields[f].precision >= UNSEEN_PRECISION for f in UNSEEN_FIELDS)
            and self.round_recall >= UNSEEN_ROUND_RECALL
            and self.invented == 0
            and self.silent == 0
        )

    def meets_targets(self) -> bool:
        return (
            all(s.precision >= TARGET_PRECISION for s in self.fields.values())
            and self.round_recall >= TARGET_ROUND_RECALL
            and self.invented == 0
        )


def parsed_rounds(body: bytes, url: str, record: list[Round] | None = None) -> list[dict[str, Any]]:
    """The parser's rounds as plain values, one dict per round; with ``record`` (IRCC's rounds), read
    against it as ``eewatch announcement`` does with a database."""
    announcement = parse_article(body, url)
    if record is not None:
        announcement = against_record(announcement, record)
    out = []
    for facts in announcement.rounds:
        values = facts.values()
        out.append(
            {
                "number": values.get("round_id"),
                "date": values.get("date"),
                "invitations": values.get("invitations"),
                "crs_min": values.get("crs_min"),
                "round_type": values.get("round_type"),
                "category": values.get("category"),
                # the month and day of a round whose year the page leaves in doubt (not scored: no field)
                "day": facts.day_written.value if facts.day_written is not None else None,
            }
        )
    return out


def _match(truth: list[dict[str, Any]], parsed: list[dict[str, Any]]) -> list[tuple[int | None, int | None]]:
    """Pairs (truth index, parsed index); None on one side for an unmatched round."""
    pairs: list[tuple[int | None, int | None]] = []
    free_truth = set(range(len(truth)))
    free_parsed = set(range(len(parsed)))
    for ti in sorted(free_truth):
        number = truth[ti]["number"]
        if number is None:
            continue
        for pi in sorted(free_parsed):
            if parsed[pi]["number"] == number:
                pairs.append((ti, pi))
                free_truth.discard(ti)
                free_parsed.discard(pi)
                break
    for pi in sorted(free_parsed):
        p = parsed[pi]
        candidates = [
            ti
            for ti in sorted(free_truth)
            if truth[ti]["date"] is not None
            and _dates(truth[ti]).__contains__(p["date"])
            and (p["number"] is None or truth[ti]["number"] is None)
        ]
        if not candidates:
            continue
        # Two rounds on one day: the one whose count or cut-off the parsed round states.
        agreeing = [ti for ti in candidates if any(p[k] is not None and p[k] == truth[ti][k] for k in FACTS)]
        ti = (agreeing or candidates)[0]
        pairs.append((ti, pi))
        free_truth.discard(ti)
        free_parsed.discard(pi)
    # A page that writes no year for a round (its date is implied), or whose year the parser leaves in doubt:
    # a parsed round that leaves the date empty, with no number, is that round when it states the same count
    # and cut-off, on the month and day it was read with (if it names one).
    for pi in sorted(free_parsed):
        p = parsed[pi]
        given = [k for k in FACTS if p[k] is not None]
        if p["number"] is not None or p["date"] is not None or not given:
            continue
        for ti in sorted(free_truth):
            t = truth[ti]
            on_day = p.get("day") is not None and any(d is not None and d[5:] == p["day"] for d in _dates(t))
            implied = "date" in t.get("implied", ()) and len(given) == 2
            # the page's own figure, where it contradicts the feed, is the one it was read with
            said = {k: (t[k], t.get("page_error", {}).get(k)) for k in given}
            if (implied or on_day) and all(p[k] in said[k] for k in given):
                pairs.append((ti, pi))
                free_truth.discard(ti)
                free_parsed.discard(pi)
                break
    pairs += [(ti, None) for ti in sorted(free_truth)]
    pairs += [(None, pi) for pi in sorted(free_parsed)]
    return pairs


def _dates(t: dict[str, Any]) -> tuple[str | None, ...]:
    """The dates a parsed round may carry to match ``t``: its own, and the wrong one its page states."""
    wrong = t.get("page_error", {}).get("date")
    return (t["date"], wrong) if wrong else (t["date"],)


FACTS = ("invitations", "crs_min")


def score(
    corpus: Path = CORPUS,
    *,
    break_pattern: Any = None,
    truth: Path | None = None,
    skip_absent: bool = False,
    record: list[Round] | None = None,
) -> Score:
    """Parse every fixture (or page) and compare with its truth.

    ``truth``: the truth file, when it is not ``corpus / "truth.json"`` (the
    unseen pages). ``break_pattern``, a function text -> text, is applied to
    every fixture first (the corpus test uses it to show the score can fail).
    ``skip_absent``: a page whose text is not in ``corpus`` is listed in
    ``absent`` and not scored (an unseen set whose texts were only partly found).
    ``record``: IRCC's rounds, to read each page against (see :func:`against_record`).
    """
    truth_file = json.loads((truth or corpus / "truth.json").read_text())
    result = Score()
    #: Real pages name rounds without a fact ("the last draw on 31 August"); the fixtures' truth lists none.
    named_only = "pages" in truth_file
    for entry in truth_file.get("fixtures") or truth_file["pages"]:
        if skip_absent and not (corpus / entry["file"]).is_file():
            result.absent.append(entry["file"])
            continue
        result.fixtures += 1
        body = (corpus / entry["file"]).read_bytes()
        if break_pattern is not None:
            body = break_pattern(body.decode()).encode()
        parsed = parsed_rounds(body, entry["url"] or "", record)
        truth = entry["rounds"]
        stating = [t for t in truth if t.get("scored", True) and _asked(t) & {"invitations", "crs_min"}]
        yielded = False
        for ti, pi in _match(truth, parsed):
            where = entry["file"]
            if ti is not None and not truth[ti].get("scored", True):
                result.unscored += 1
                continue
            if ti is not None and pi is not None and truth[ti] in stating:
                yielded = True
            if named_only and ti is not None and not _asked(truth[ti]):
                # Named only, with no fact: neither found nor missed; a value given for it is still checked.
                if pi is not None:
                    _check(result, where, truth[ti], parsed[pi], recall=False)
                continue
            if ti is None:
                assert pi is not None
                result.invented += 1
                result.problems.append(f"{where}: invented round {parsed[pi]}")
                for name in FIELDS:
                    if parsed[pi][name] is not None:
                        result.fields[name].predicted += 1
                continue
            result.rounds += 1
            t = truth[ti]
            if pi is None:
                result.missed += 1
                result.problems.append(f"{where}: missed round {_label(t)}")
                for name in FIELDS:
                    if t[name] is not None:
                        result.fields[name].stated += 1
                continue
            result.found += 1
            _check(result, where, t, parsed[pi], recall=True)
        if stating:
            result.stating += 1
            if not yielded:
                result.silent += 1
                result.problems.append(f"{where}: states {len(stating)} counted round(s), yields none")
    return result


@dataclass(frozen=True)
class UnseenSet:
    """A set of real pages: its facts (``truth``), the folder of its texts under the pages folder, its
    heading, and whether it was used to develop the parser (then its score is no longer an unseen one)."""

    truth: Path
    folder: str
    title: str
    development: bool


def unseen_sets(data: Path = DATA) -> list[UnseenSet]:
    """Every ``articles_unseen*.json`` in ``data``: the fresh sets (never used for development) first,
    then the development sets, newest first. A set needs only its JSON: ``folder`` names where its
    texts are, ``used_for_development`` (default false) says how to read its score."""
    found = []
    for truth in sorted(data.glob("articles_unseen*.json"), reverse=True):
        doc = json.loads(truth.read_text())
        folder = doc.get("folder")
        if not isinstance(folder, str) or not folder or "/" in folder or folder.startswith("."):
            raise ValueError(f"{truth.name}: 'folder' must name the folder of its texts (such as 'unseen4')")
        development = bool(doc.get("used_for_development", False))
        pages = len(doc["pages"])
        title = doc.get("title") or (
            f"{folder} ({pages} real pages scored once, then used for development: seen since)"
            if development
            else f"{folder} ({pages} real pages never used for development; scored once)"
        )
        found.append(UnseenSet(truth, folder, title, development))
    return sorted(found, key=lambda s: s.development)


def unseen_score(texts: Path, truth: Path = UNSEEN3_TRUTH, record: list[Round] | None = None) -> Score | None:
    """The score over the pages of an unseen set whose texts are in ``texts`` (the others are listed in
    ``absent``), or None when none of them is there; with ``record``, read against IRCC's rounds."""
    pages = json.loads(truth.read_text())["pages"]
    if not any((texts / page["file"]).is_file() for page in pages):
        return None
    return score(texts, truth=truth, skip_absent=True, record=record)


def feed_record(feeds: Path, truth: Path) -> list[Round] | None:
    """IRCC's rounds as the feed copy a set's facts were checked against has them (its ``feed``, in the
    folder ``feeds``), or None where that copy is not there."""
    copy = feeds / json.loads(truth.read_text())["feed"]
    return list(parse_feed(copy.read_bytes()).rounds) if copy.is_file() else None


def combined(scores: list[Score]) -> Score:
    """Several sets' scores as one (the development sets together)."""
    total = Score()
    for s in scores:
        for name in ("fixtures", "rounds", "found", "missed", "invented", "unscored", "stating", "silent"):
            setattr(total, name, getattr(total, name) + getattr(s, name))
        for name, f in s.fields.items():
            t = total.fields[name]
            t.predicted += f.predicted
            t.correct += f.correct
            t.stated += f.stated
            t.recalled += f.recalled
        total.problems += s.problems
        total.absent += s.absent
    return total


def _asked(t: dict[str, Any]) -> set[str]:
    """The facts a page states for a round outright (not implied, not wrong on the page)."""
    skip = set(t.get("implied", ())) | set(t.get("page_error", {}))
    return {k for k in (*FACTS, "round_type", "category") if t[k] is not None and k not in skip}


def _check(result: Score, where: str, t: dict[str, Any], p: dict[str, Any], *, recall: bool) -> None:
    """Score one parsed round against the true round it matched."""
    implied = set(t.get("implied", ()))
    wrong_on_page = t.get("page_error", {})
    for name in FIELDS:
        if name in wrong_on_page:
            continue  # the page contradicts the feed here: neither reading is scored
        s = result.fields[name]
        if p[name] is not None:
            s.predicted += 1
            if p[name] == t[name]:
                s.correct += 1
            else:
                wrong = f"parsed {p[name]!r}, true {t[name]!r}"
                result.problems.append(f"{where}: {_label(t)} {name}: {wrong}")
        if recall and t[name] is not None and name not in implied:
            s.stated += 1
            if p[name] == t[name]:
                s.recalled += 1
            elif p[name] is None:
                result.problems.append(f"{where}: {_label(t)} {name}: not found (true {t[name]!r})")


def _label(t: dict[str, Any]) -> str:
    return f"round #{t['number']}" if t["number"] else f"round of {t['date']}"


def table(result: Score, *, unseen: bool = False) -> str:
    """The score as a fixed-width table; ``unseen``: judged by the unseen pages' targets."""
    lines = [
        f"articles: {result.fixtures} fixtures, {result.rounds} scored rounds "
        f"({result.unscored} stated by one source only, not scored)",
        "",
        f"{'field':<12} {'given':>6} {'right':>6} {'precision':>9} {'stated':>7} {'found':>6} {'recall':>7}",
    ]
    for name, s in result.fields.items():
        lines.append(
            f"{name:<12} {s.predicted:>6} {s.correct:>6} {s.precision:>9.1%} "
            f"{s.stated:>7} {s.recalled:>6} {s.recall:>7.1%}"
        )
    lines += [
        "",
        f"rounds: {result.found} found, {result.missed} missed, {result.invented} invented "
        f"(round recall {result.round_recall:.1%})",
        f"pages stating a round with a count or cut-off: {result.stating}, "
        f"yielding none of those rounds: {result.silent}",
    ]
    if unseen:
        lines.append(
            f"targets (precision >= {UNSEEN_PRECISION:.0%} for {', '.join(UNSEEN_FIELDS)}, round recall >= "
            f"{UNSEEN_ROUND_RECALL:.0%}, 0 invented, no page stating a round yielding none of them): "
            f"{'met' if result.meets_unseen_targets() else 'NOT met'}"
        )
    else:
        lines.append(
            f"targets (precision >= {TARGET_PRECISION:.0%} per field, "
            f"round recall >= {TARGET_ROUND_RECALL:.0%}, 0 invented): "
            f"{'met' if result.meets_targets() else 'NOT met'}"
        )
    return "\n".join(lines)


def big_article(size: int) -> bytes:
    """Dense round prose of about ``size`` bytes: every corpus fixture's text, repeated (the worst case)."""
    texts = [p.read_text() for p in sorted(CORPUS.glob("*.txt"))]
    chunk = "\n\n".join(texts)
    return (chunk * (size // len(chunk) + 1))[:size].encode()


def article_page(size: int) -> bytes:
    """An article page of about ``size`` bytes as pages come: scripts, styles, navigation, one article
    (a corpus fixture), a table of recent rounds and a long comment thread."""
    article = (CORPUS / "2023-12-08-draw-274-footnote.txt").read_text()
    table = (CORPUS / "2024-09-13-table.html").read_text()
    body = "".join(f"<p>{p.replace(chr(10), '<br>')}</p>" for p in article.split("\n\n"))
    head = "<!DOCTYPE html><html><head><title>Express Entry</title><script>" + "var slot = {a: 1};" * 2000
    head += "</script><style>" + ".nav a { color: #333; }" * 2000 + "</style></head><body>"
    nav = "<nav>" + "".join(f'<a href="/page-{i}">Immigration news {i}</a> ' for i in range(600)) + "</nav>"
    main = f"<main><article>{body}</article>{table}</main>"
    comment = (
        '<div class="comment"><p class="who">Reader {i}</p><p>Thanks for the update. I am still waiting '
        "for my invitation; my score is close to the cut-off, fingers crossed for the next one.</p></div>"
    )
    page = head + nav + main + "<section>"
    i = 0
    while len(page) < size - 40:
        page += comment.format(i=i)
        i += 1
    return (page + "</section></body></html>").encode()


def _median_time(body: bytes, runs: int = 3) -> float:
    """Median CPU seconds of parsing ``body`` (CPU time: a loaded machine does not inflate it)."""
    times = []
    for _ in range(runs):
        started = time.process_time()
        parse_article(body, "", published=dt.date(2026, 1, 1))
        times.append(time.process_time() - started)
    return sorted(times)[len(times) // 2]


def time_parse(size: int) -> float:
    """Median seconds to parse ``size`` bytes of dense round prose."""
    return _median_time(big_article(size))


def time_page(size: int) -> float:
    """Median seconds to parse an article page of ``size`` bytes (HTML to rounds)."""
    return _median_time(article_page(size))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.articles", description=__doc__.split("\n")[0])
    parser.add_argument("--detail", action="store_true", help="print every wrong, missing or invented value")
    parser.add_argument("--size", type=int, default=1_000_000, help="bytes of the timed article (0: skip)")
    parser.add_argument(
        "--pages", type=Path, default=UNSEEN_PAGES, help="folder of the unseen pages' texts (not committed)"
    )
    parser.add_argument(
        "--feed",
        type=Path,
        default=SHARED,
        help="folder of the IRCC feed copies: each set is also read against the copy its facts were checked "
        "against, as `eewatch announcement` reads against a database (absent: that score is skipped)",
    )
    args = parser.parse_args(argv)
    result = score()
    print("corpus (the fixtures the parser was developed on):")
    print(table(result))
    heldout = score(HELDOUT) if (HELDOUT / "truth.json").exists() else None
    if heldout is not None:
        print()
        print("held out (written after the parser; scored unseen once, then used to fix the bugs it showed):")
        print(table(heldout))
    problems: list[str] = []
    fresh: list[Score] = []
    fresh_record: list[Score] = []
    development: list[Score] = []
    development_record: list[Score] = []
    for unseen_set in unseen_sets():
        print()
        texts = args.pages / unseen_set.folder
        unseen = unseen_score(texts, unseen_set.truth)
        name = unseen_set.title.split(" (")[0]
        if unseen is None:
            print(
                f"{name} real pages: skipped, their texts are not at {texts} (the facts are in "
                f"{unseen_set.truth.relative_to(unseen_set.truth.parents[2])}; give the folder holding "
                f"{unseen_set.folder}/ with --pages or $EEWATCH_UNSEEN_PAGES)"
            )
            continue
        print(unseen_set.title + ":")
        if unseen.absent:
            print(
                f"(texts of {unseen.fixtures} of {unseen.fixtures + len(unseen.absent)} pages found at "
                f"{texts}; not scored: {', '.join(unseen.absent)})"
            )
        print(table(unseen, unseen=True))
        problems += unseen.problems
        (development if unseen_set.development else fresh).append(unseen)
        record = feed_record(args.feed, unseen_set.truth)
        if record is None:
            print(f"(read against IRCC's record: skipped, the feed copy is not in {args.feed})")
            continue
        checked = unseen_score(texts, unseen_set.truth, record)
        assert checked is not None
        print()
        print(f"{name}, read against IRCC's record (the feed copy its facts were checked against):")
        print(table(checked, unseen=True))
        problems += [f"(against the record) {problem}" for problem in checked.problems]
        (development_record if unseen_set.development else fresh_record).append(checked)
    for heading, scores in (
        ("the fresh sets together (real pages never used for development: the unseen score)", fresh),
        ("the fresh sets together, read against IRCC's record", fresh_record),
        (
            "the development sets together (real pages used to develop the parser: not an unseen score)",
            development,
        ),
        ("the development sets together, read against IRCC's record", development_record),
    ):
        if len(scores) > 1:
            print()
            print(f"{heading}:")
            print(table(combined(scores), unseen=True))
    if args.size:
        print(f"machine: reference workload {reference_cpu() * 1000:.0f} ms CPU (bench/machine.py)")
        page = time_page(args.size)
        print(f"parse time, {args.size:,}-byte article page (HTML): {page:.3f} s (CPU, median of 3)")
        dense, tenth = time_parse(args.size), time_parse(args.size // 10)
        print(
            f"parse time, {args.size:,} bytes of dense round prose: {dense:.3f} s "
            f"({args.size // 10:,} bytes: {tenth:.3f} s; CPU, median of 3)"
        )
    if args.detail:
        print()
        print("\n".join(result.problems + (heldout.problems if heldout else [])))
        print("\n".join(problems))
    return 0 if result.meets_targets() else 1


if __name__ == "__main__":
    sys.exit(main())
