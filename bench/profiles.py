"""10,000 profiles and one new round: judging them all, writing the outbox rows and the digest.

``python -m bench.profiles [--profiles N] [--runs N]`` prints JSON figures (medians over the runs):

* ``judge_s``: :func:`eewatch.domain.verdicts.judge` for every profile and round #422 alone;
* ``roster_s``: reading a CSV roster of N rows (:func:`eewatch.domain.roster.parse_roster`);
* ``enqueue_s``: ``notifier.outbox.enqueue`` of the ``new_round`` event of #422 (the whole alert
  planning: every profile judged once, a ``likely_invited`` message per invited profile at its own
  target, one digest for the consultant, the rows written in one transaction), on SQLite;
* the rows written and the digest's size.

Round #422 is real (healthcare, 2026-06-25, cut-off 475, tie-break 2026-05-21 12:14:09 UTC; the
stored rounds are tests/fixtures/feed/2026.json); the profiles are synthetic: nurses (NOC 31301) with
scores 440-520 and submission times around the tie-break, so about half are invited, some on the
tie-break. Targets are ``json://`` URLs on a closed port: nothing is sent, the delivery is not timed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
FEED_2026 = ROOT / "tests" / "fixtures" / "feed" / "2026.json"
NOW = dt.datetime(2026, 6, 25, 14, tzinfo=dt.UTC)
TIE_BREAK = dt.datetime(2026, 5, 21, 12, 14, 9, tzinfo=dt.UTC)


def roster_text(count: int, seed: int = 22) -> str:
    """A CSV roster of ``count`` nurses (names p00001...), deterministic."""
    rng = random.Random(seed)
    lines = ["name,crs,programs,noc,french_nclc,canadian_experience_months,submitted_at,notify"]
    for n in range(1, count + 1):
        crs = rng.randint(440, 520)
        submitted = TIE_BREAK + dt.timedelta(hours=rng.randint(-24 * 60, 24 * 30))
        stamp = submitted.strftime("%Y-%m-%dT%H:%M:%SZ")
        lines.append(f"p{n:05d},{crs},FSW CEC,31301,,,{stamp},json://127.0.0.1:9/p{n:05d}")
    return "\n".join(lines) + "\n"


def copy_of(numbers: set[str] | None) -> bytes:
    data = json.loads(FEED_2026.read_bytes())
    if numbers is not None:
        data["rounds"] = [r for r in data["rounds"] if r["drawNumber"] in numbers]
    return json.dumps(data).encode()


def prepare(folder: Path, count: int) -> Path:
    """A database holding every 2026 round but #422, its events handled; and the config."""
    from eewatch.config import load_config
    from eewatch.domain.fetches import CHANGED, FeedFetch
    from eewatch.store.store import Store
    from notifier import outbox
    from scraper.parsing.feed import parse_feed

    (folder / "clients.csv").write_text(roster_text(count))
    (folder / "config.toml").write_text(
        f'[database]\nurl = "sqlite:///{folder / "base.sqlite"}"\n\n[roster]\ncsv = "clients.csv"\n\n'
        '[[alerts]]\nname = "clients"\nevents = ["likely_invited"]\nprofiles = "*"\nto_profiles = true\n\n'
        '[[alerts]]\nname = "consultant"\nevents = ["likely_invited"]\nprofiles = "*"\ndigest = true\n'
        'notify = ["json://127.0.0.1:9/consultant"]\n'
    )
    config = load_config(folder / "config.toml", env={})
    numbers = {r["drawNumber"] for r in json.loads(FEED_2026.read_bytes())["rounds"]} - {"422"}
    with Store.open(config.database.url) as store:
        parsed = parse_feed(copy_of(numbers))
        store.record_feed_fetch(FeedFetch(url="bench", outcome=CHANGED, parsed=parsed, body_sha256="a"))
        outbox.enqueue(store, config, NOW)  # the baseline: handled, nothing written
    return folder / "base.sqlite"


def one_run(folder: Path, base: Path, run: int) -> dict[str, Any]:
    import dataclasses

    from eewatch.config import DatabaseConfig, load_config
    from eewatch.domain.fetches import CHANGED, FeedFetch
    from eewatch.domain.occupations import load_catalog
    from eewatch.domain.roster import parse_roster
    from eewatch.domain.verdicts import judge
    from eewatch.store.store import Store
    from notifier import outbox
    from scraper.parsing.feed import parse_feed

    db = folder / f"run{run}.sqlite"
    shutil.copy(base, db)
    config = load_config(folder / "config.toml", env={})
    config = dataclasses.replace(config, database=DatabaseConfig(url=f"sqlite:///{db}"))
    text = (folder / "clients.csv").read_text()
    started = time.perf_counter()
    parse_roster(text, "clients.csv")
    roster_s = time.perf_counter() - started
    parsed = parse_feed(copy_of(None))
    r422 = next(r for r in parsed.rounds if r.id == "422")
    catalog = load_catalog()
    started = time.perf_counter()
    verdicts = [judge(r422, p, catalog) for p in config.profiles]
    judge_s = time.perf_counter() - started
    with Store.open(config.database.url) as store:
        store.record_feed_fetch(FeedFetch(url="bench", outcome=CHANGED, parsed=parsed, body_sha256="b"))
        started = time.perf_counter()
        result = outbox.enqueue(store, config, NOW)
        enqueue_s = time.perf_counter() - started
        rows = outbox.rows(store)
    digest = [r for r in rows if r.rule == "consultant"]
    return {
        "judge_s": judge_s,
        "roster_s": roster_s,
        "enqueue_s": enqueue_s,
        "rows": result.enqueued,
        "invited": sum(1 for v in verdicts if v.invited is True),
        "invited_on_tie_break": sum(1 for v in verdicts if v.invited is True and v.margin == 0),
        "digests": len(digest),
        "digest_text_chars": len(digest[0].message.text) if digest else 0,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.profiles", description=__doc__.splitlines()[0])
    parser.add_argument("--profiles", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    folder = Path(tempfile.mkdtemp(prefix="eewatch-bench-profiles-"))
    try:
        base = prepare(folder, args.profiles)
        runs = [one_run(folder, base, n) for n in range(args.runs)]
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    figures: dict[str, Any] = {"profiles": args.profiles, "runs": args.runs}
    for key in ("judge_s", "roster_s", "enqueue_s"):
        values = [r[key] for r in runs]
        figures[key] = round(statistics.median(values), 3)
        figures[key + "_range"] = [round(min(values), 3), round(max(values), 3)]
    for key in ("rows", "invited", "invited_on_tie_break", "digests", "digest_text_chars"):
        figures[key] = runs[0][key]
    figures["target_enqueue_s"] = 2.0
    figures["verdict"] = "PASS" if figures["enqueue_s"] < 2.0 else "MISS"
    sys.stdout.write(json.dumps(figures, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
