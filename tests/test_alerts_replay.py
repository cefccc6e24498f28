"""Replay IRCC's real copies (oldest first) through the store and the notifier.

The exact alerts: one per new matching round, one amendment (round 335's
tie-break), nothing for the stale copies, one source error for the malformed
copy, nothing for the baseline (the first copy).
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest
from apprise.decorators import notify as apprise_notify

from eewatch.config import parse_config
from eewatch.domain.clock import FrozenClock
from eewatch.domain.fetches import CHANGED
from eewatch.store.store import Store
from notifier.run import run_alerts
from scraper.fetch import feed_fetch_from_response

RECEIVED: list[tuple[str, str, str]] = []


@apprise_notify(on="replay", name="replay capture")
def _capture(
    body: str, title: str, notify_type: str, meta: dict[str, Any], *args: Any, **kwargs: Any
) -> bool:
    RECEIVED.append((str(meta["host"]), title, body))
    return True


CONFIG = {
    "profile": {"crs": 478, "programs": ["CEC", "FSW"], "categories": ["stem"]},
    "alerts": [
        {"name": "stem", "categories": ["stem"], "notify": ["replay://stem"]},
        {"name": "pnp", "round_types": ["program"], "programs": ["PNP"], "notify": ["replay://pnp"]},
        {"name": "mine", "crs_max": 500, "eligible": True, "notify": ["replay://mine"]},
        {"name": "errors", "events": ["source_error"], "notify": ["replay://errors"]},
        # Round 335 (a CEC round, CRS 521) matches none of the rules above, so
        # its amendment needs a rule of its own to be seen.
        {"name": "amendments", "events": ["round_amended"], "notify": ["replay://amendments"]},
    ],
}

#: (copy, rule, alert) in delivery order. "#N" is a new round, "#N amended" an amendment.
EXPECTED = [
    ("2023-01-19T0343Z.raw", "mine", "#238"),
    ("2023-01-19T0343Z.raw", "mine", "#236"),
    ("2023-01-19T0343Z.raw", "mine", "#235"),
    ("2023-01-19T0343Z.raw", "mine", "#234"),
    ("2023-01-19T0343Z.raw", "mine", "#233"),
    *[
        ("2024-11-13T1934Z.rounds-array", rule, f"#{n}")
        for rule, n in [
            ("pnp", 322),
            ("pnp", 319),
            ("pnp", 316),
            ("pnp", 313),
            ("pnp", 311),
            ("pnp", 308),
            ("pnp", 306),
            ("pnp", 303),
            ("pnp", 299),
            ("pnp", 298),
            ("pnp", 296),
            ("stem", 293),
            ("mine", 293),
            ("stem", 274),
            ("mine", 274),
            ("pnp", 269),
            ("mine", 268),
            ("mine", 262),
            ("stem", 254),
            ("mine", 254),
            ("mine", 251),
            ("mine", 250),
            ("mine", 249),
            ("pnp", 248),
            ("mine", 247),
            ("mine", 246),
            ("mine", 245),
            ("mine", 244),
            ("mine", 243),
            ("pnp", 242),
            ("pnp", 241),
            ("mine", 240),
            ("pnp", 239),
        ]
    ],
    ("2024-11-20T1713Z.raw", "pnp", "#325"),
    ("2025-02-06T0815Z.raw", "pnp", "#334"),
    ("2025-02-06T0815Z.raw", "pnp", "#331"),
    ("2025-02-06T0815Z.raw", "pnp", "#330"),
    ("2025-02-06T0815Z.raw", "pnp", "#328"),
    ("2025-02-16T0511Z.raw", "amendments", "#335 amended"),
    ("2025-02-17T1909Z.rounds-array", "pnp", "#336"),
    ("2025-02-19T1909Z.raw.MALFORMED", "errors", "source error"),
]


def _alert(title: str) -> str:
    if title.startswith("eewatch: the feed failed"):
        return "source error"
    match = re.match(r"Express Entry round (#\w+)( amended)?", title)
    assert match, title
    return match.group(1) + (match.group(2) or "")


@pytest.mark.slow
@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_replay_of_the_real_copies_gives_exactly_these_alerts(shared_feed: list[Path], db_url: str) -> None:
    RECEIVED.clear()
    config = parse_config(CONFIG)
    clock = FrozenClock(dt.datetime(2026, 11, 25, tzinfo=dt.UTC))
    store = Store.open(db_url, clock)
    got: list[tuple[str, str, str]] = []
    previous_sha: str | None = None
    try:
        for path in shared_feed:
            fetch = feed_fetch_from_response(
                url="https://www.canada.ca/content/dam/ircc/documents/json/ee_rounds_123_en.json",
                status=200,
                body=path.read_bytes(),
                etag=None,
                last_modified=None,
                previous_sha256=previous_sha,
                duration_ms=5,
            )
            store.record_feed_fetch(fetch)
            if fetch.outcome == CHANGED:
                previous_sha = fetch.body_sha256
            before = len(RECEIVED)
            report = run_alerts(store, config, clock=clock)
            assert report.failed == 0 and report.pending == 0
            copy = path.name.removeprefix("ee_rounds_123_en.").removesuffix(".json")
            got += [(copy, rule, _alert(title)) for rule, title, _ in RECEIVED[before:]]
            clock.advance(hours=1)
    finally:
        store.close()
    # Targets are sent to concurrently: the order holds per target (each rule has its own),
    # a target's alerts in the order of their events; across targets it is not kept.
    assert _per_target(got) == _per_target(EXPECTED)


def _per_target(alerts: list[tuple[str, str, str]]) -> list[tuple[str, str, str]]:
    """Alerts grouped by copy and rule, each group in its original order (a stable sort)."""
    copies = list(dict.fromkeys(copy for copy, _, _ in EXPECTED))
    return sorted(alerts, key=lambda alert: (copies.index(alert[0]), alert[1]))

    amendment = next(body for rule, _, body in RECEIVED if rule == "amendments")
    assert "- tie-break: 2025-11-14 02:52:14 UTC -> 2024-11-14 02:52:14 UTC" in amendment
    error = next(body for rule, _, body in RECEIVED if rule == "errors")
    assert "Error: feed is not valid JSON" in error
    stem_254 = next(body for rule, title, body in RECEIVED if rule == "mine" and "#254:" in title)
    assert "your CRS 478 would not have been invited (cut-off 486)" in stem_254
