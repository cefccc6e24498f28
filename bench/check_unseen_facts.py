"""Check an unseen set's facts against IRCC's feed: ``python -m bench.check_unseen_facts [FILE ...]``.

Each ``bench/data/articles_unseen*.json`` lists real pages and, per page, the
rounds it states with the facts it states; a round checked against the feed
says so (``"checked": "feed #N"``). This script reads the feed copy the file
names (its ``"feed"`` key, looked for in ``--feed DIR``, default
``$EEWATCH_SHARED_FEED``, else ``../shared/fixtures/ircc-feed`` beside the
checkout) with the project's own feed parser, and for every such round checks:

* the round number, if given, is N;
* date, invitations, cut-off, round type and category, where given (stated or
  implied), equal round N's in the feed;
* a ``page_error`` value differs from the feed's (else it is no error), and the
  field it names is not also given as a fact, except the date, which then holds
  the feed's date;
* the set's shape: the keys of the schema, known round types and category
  slugs, one entry per file name; a round not checked against the feed must
  say ``"scored": false``.

With ``--pages DIR`` it also looks in each page's stored text
(``DIR/<folder>/<file>``) for every stated count, cut-off and round number, as
a check on the reading (a miss is a warning, not a mismatch: a page may write
"3, 350"; arithmetic and "the same as" are ``implied``).

Exit status 1 when any fact disagrees with the feed or the file is malformed.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench.feeds import SHARED
from eewatch.domain.record import Round
from eewatch.domain.taxonomy import CATEGORY_SLUGS
from scraper.parsing.feed import parse_feed

DATA = Path(__file__).resolve().parent / "data"
FACTS = ("date", "invitations", "crs_min", "round_type", "category")
ROUND_KEYS = {"number", "date", "invitations", "crs_min", "round_type", "category", "checked", "implied"}
OPTIONAL_KEYS = {"page_error", "scored", "note"}
ROUND_TYPES = {"general", "program", "category"}
CHECKED = re.compile(r"^feed #(\w+)$")


@dataclass
class Report:
    pages: int = 0
    rounds: int = 0
    checked_rounds: int = 0
    facts: int = 0
    page_errors: int = 0
    unchecked: list[str] = field(default_factory=list)
    mismatches: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    #: Per page, the stated values found only run together with other digits.
    run_together: dict[str, int] = field(default_factory=dict)


def feed_rounds(path: Path) -> dict[str, Round]:
    """The feed copy's rounds by number."""
    return {r.id: r for r in parse_feed(path.read_bytes()).rounds}


def feed_value(r: Round, name: str) -> Any:
    return r.date.isoformat() if name == "date" else getattr(r, name)


def check_set(truth: Mapping[str, Any], rounds: Mapping[str, Round], pages_dir: Path | None = None) -> Report:
    """Check one set's facts against the feed's rounds."""
    report = Report()
    for key in ("feed", "note", "pages"):
        if key not in truth:
            report.mismatches.append(f"the set has no {key!r} key")
    if "folder" not in truth:
        report.warnings.append("the set has no 'folder' key (the folder of its texts)")
    if not isinstance(truth.get("used_for_development"), bool):
        report.warnings.append("the set has no boolean 'used_for_development' key")
    seen: set[str] = set()
    for page in truth.get("pages", ()):
        report.pages += 1
        where = page.get("file", "?")
        if where in seen:
            report.mismatches.append(f"{where}: listed twice")
        seen.add(where)
        if not page.get("url"):
            report.mismatches.append(f"{where}: no url")
        text = _page_text(pages_dir, truth.get("folder", ""), where, report)
        for t in page.get("rounds", ()):
            report.rounds += 1
            _check_round(where, t, rounds, report)
            if text is not None:
                _look_in_text(where, t, text, report)
    return report


def _check_round(where: str, t: Mapping[str, Any], rounds: Mapping[str, Round], report: Report) -> None:
    label = f"{where}: round {t.get('number') or t.get('date')}"
    missing = ROUND_KEYS - set(t)
    extra = set(t) - ROUND_KEYS - OPTIONAL_KEYS
    if missing or extra:
        report.mismatches.append(f"{label}: keys missing {sorted(missing)}, unknown {sorted(extra)}")
        return
    if t["round_type"] is not None and t["round_type"] not in ROUND_TYPES:
        report.mismatches.append(f"{label}: round type {t['round_type']!r} is none of {sorted(ROUND_TYPES)}")
    if t["category"] is not None and t["category"] not in CATEGORY_SLUGS:
        report.mismatches.append(f"{label}: category {t['category']!r} is no known slug")
    if not set(t["implied"]) <= set(FACTS):
        report.mismatches.append(f"{label}: implied names {t['implied']}, not facts")
    if not any(t[k] is not None for k in FACTS if k != "date") and not t.get("page_error"):
        report.warnings.append(f"{label}: named only (no fact besides its date or number)")
    match = CHECKED.match(str(t["checked"]))
    if match is None:
        report.unchecked.append(f"{label}: {t['checked']} (scored: {t.get('scored', True)})")
        if t.get("scored", True):
            report.mismatches.append(f"{label}: not checked against the feed, yet scored")
        return
    report.checked_rounds += 1
    feed = rounds.get(match.group(1))
    if feed is None:
        report.mismatches.append(f"{label}: {t['checked']} is not in the feed copy")
        return
    if t["number"] is not None:
        report.facts += 1
        if t["number"] != feed.id:
            report.mismatches.append(f"{label}: number {t['number']!r}, feed #{feed.id}")
    for name in FACTS:
        if t[name] is None:
            continue
        report.facts += 1
        if t[name] != feed_value(feed, name):
            published = feed_value(feed, name)
            report.mismatches.append(f"{label}: {name} {t[name]!r}, feed #{feed.id} has {published!r}")
    for name, value in (t.get("page_error") or {}).items():
        report.page_errors += 1
        if name not in FACTS:
            report.mismatches.append(f"{label}: page_error names {name!r}, not a fact")
        elif value == feed_value(feed, name):
            report.mismatches.append(f"{label}: page_error {name} {value!r} is the feed's own value")
        elif name != "date" and t[name] is not None:
            report.mismatches.append(f"{label}: {name} given both as a fact and as the page's error")


def _page_text(pages_dir: Path | None, folder: str, name: str, report: Report) -> str | None:
    if pages_dir is None:
        return None
    path = pages_dir / folder / name
    if not path.is_file():
        report.mismatches.append(f"{name}: no text at {path}")
        return None
    return path.read_text(errors="replace")


def _number_forms(value: int) -> Iterable[str]:
    plain = str(value)
    yield plain
    if value >= 1000:
        yield f"{value:,}"
        yield f"{value:,}".replace(",", ", ")
        yield f"{value:,}".replace(",", ".")


#: Round numbers as pages spell them ("the eleventh draw").
_ORDINALS = (
    *("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"),
    *("eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth"),
    *("eighteenth", "nineteenth", "twentieth"),
)


def _look_in_text(where: str, t: Mapping[str, Any], text: str, report: Report) -> None:
    """Warn where a stated count, cut-off or number is nowhere in the page's text.

    A value found only run together with other digits (a table whose cells lost
    their separators: "July 18French language proficiency1,800400") is counted
    apart, one warning per page.
    """
    skip = set(t["implied"]) | set(t.get("page_error") or {})
    label = f"{where}: round {t['number'] or t['date']}"
    for name in ("invitations", "crs_min", "number"):
        value = t[name]
        if value is None or name in skip:
            continue
        forms = list(_number_forms(int(value))) if str(value).isdigit() else [str(value)]
        if name == "number" and str(value).isdigit() and 0 < int(value) <= len(_ORDINALS):
            forms.append(_ORDINALS[int(value) - 1])
        if any(re.search(rf"(?<![\d,.]){re.escape(f)}(?![\d])", text, re.I) for f in forms):
            continue
        if any(f in text for f in forms):
            report.run_together.setdefault(where, 0)
            report.run_together[where] += 1
        else:
            report.warnings.append(f"{label}: {name} {value} not found in the text")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("files", nargs="*", type=Path, help="sets to check (default: articles_unseen*.json)")
    parser.add_argument("--feed", type=Path, default=SHARED, help="folder of the IRCC feed copies")
    parser.add_argument("--pages", type=Path, help="folder of each set's text folder: look in the texts too")
    args = parser.parse_args(argv)
    files = args.files or sorted(DATA.glob("articles_unseen*.json"))
    failed = False
    for path in files:
        truth = json.loads(path.read_text())
        copy = args.feed / truth.get("feed", "")
        if not copy.is_file():
            print(f"{path.name}: the feed copy {copy} is not there (give --feed DIR)", file=sys.stderr)
            return 2
        report = check_set(truth, feed_rounds(copy), args.pages)
        print(
            f"{path.name}: {report.pages} pages, {report.rounds} rounds, {report.checked_rounds} checked "
            f"against {copy.name}: {report.facts} facts, {len(report.mismatches)} mismatches; "
            f"{report.page_errors} page errors recorded; {len(report.unchecked)} rounds not in the feed"
        )
        for line in report.unchecked:
            print(f"  unchecked: {line}")
        for line in report.mismatches:
            print(f"  MISMATCH: {line}")
        for line in report.warnings:
            print(f"  warning: {line}")
        for name, count in report.run_together.items():
            print(
                f"  note: {name}: {count} stated values found only run together with other digits (a table)"
            )
        failed = failed or bool(report.mismatches)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
