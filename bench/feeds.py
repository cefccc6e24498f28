"""The real feed copies (read from ../shared) and synthetic feeds built from them."""

from __future__ import annotations

import json
import os
from functools import cache
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("EEWATCH_SHARED_FEED", ROOT.parent / "shared" / "fixtures" / "ircc-feed"))
NEWEST = "ee_rounds_123_en.2025-03-02T1334Z.raw.json"
#: A real stale copy served by canada.ca (336 rounds: #336 and #337 missing).
STALE = "ee_rounds_123_en.2025-02-19T1842Z.rounds-array.json"


class MissingFeeds(RuntimeError):
    """The shared copies are not there."""


def copy(name: str = NEWEST) -> bytes:
    """The bytes of one real copy, exactly as archived."""
    path = SHARED / name
    if not path.is_file():
        raise MissingFeeds(
            f"the real IRCC feed copies are not at {SHARED} (missing {name}); "
            "set EEWATCH_SHARED_FEED to the folder that holds them"
        )
    return path.read_bytes()


@cache
def real_records() -> list[dict[str, Any]]:
    """The newest copy's records, newest first."""
    doc = json.loads(copy(NEWEST).decode("utf-8-sig"))
    return list(doc["rounds"])


def synthetic(count: int, extra: int = 0) -> bytes:
    """A whole document of ``count + extra`` rounds, newest first, in the real shape.

    Records are copies of the real ones (oldest real record is round 1) with
    new ids: round n is a copy of real record ((n - 1) mod 338), renumbered.
    ``extra`` adds that many newer rounds on top, so ``synthetic(n, 1)`` is the
    next copy of ``synthetic(n)`` with exactly one new round.
    """
    real = [r for r in reversed(real_records()) if r["drawNumber"].isdigit()]
    rounds = []
    for number in range(count + extra, 0, -1):
        record = dict(real[(number - 1) % len(real)])
        record["drawNumber"] = str(number)
        rounds.append(record)
    return json.dumps({"classes": "wb-tables", "rounds": rounds}, ensure_ascii=False, indent=1).encode()


def with_new_rounds(base: bytes, count: int, start: int) -> bytes:
    """``base`` (a whole real document) with ``count`` new rounds on top, numbered from ``start``."""
    doc = json.loads(base.decode("utf-8-sig"))
    newest = doc["rounds"][0]
    fresh = []
    for number in range(start + count - 1, start - 1, -1):
        record = dict(newest)
        record["drawNumber"] = str(number)
        fresh.append(record)
    doc["rounds"] = fresh + doc["rounds"]
    return json.dumps(doc, ensure_ascii=False, indent=1).encode()
