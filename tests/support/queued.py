"""An outbox with one new round queued: a baseline copy of round 1, then a copy that adds round 2."""

from __future__ import annotations

import datetime as dt

from eewatch.config import Config
from eewatch.domain.fetches import CHANGED, FeedFetch, FeedParse
from eewatch.domain.record import Round
from eewatch.store.store import Store
from notifier import outbox


def general_round(number: int) -> Round:
    """A general round numbered ``number``, dated that many days after 2025-01-01."""
    return Round(
        id=str(number),
        number=number,
        date=dt.date(2025, 1, 1) + dt.timedelta(days=number),
        round_type="general",
        programs=("CEC", "FSW", "FST", "PNP"),
        name="No Program Specified",
        invitations=4000,
        crs_min=480,
    )


def queue_one_new_round(store: Store, config: Config, now: dt.datetime) -> None:
    """Store the baseline (round 1), then round 2 as new, each followed by the alert pass's enqueue:
    one outbox row per target of each rule of ``config`` that round 2 matches."""
    for copy in ((general_round(1),), (general_round(1), general_round(2))):
        store.record_feed_fetch(
            FeedFetch(url="f", outcome=CHANGED, parsed=FeedParse(rounds=copy), body_sha256=str(len(copy)))
        )
        outbox.enqueue(store, config, now)
