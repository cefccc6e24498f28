"""The notifier's entry points: :func:`run_alerts` after each crawl (enqueue, then
deliver), and :func:`deliver_due` for the daemon's retry job.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Mapping

from eewatch.config import Config
from eewatch.domain.clock import Clock, utcnow
from eewatch.store.store import Store
from notifier import outbox
from notifier.deliver import DeliveryReport, Hooks, TargetResult, deliver_due

__all__ = ["AlertReport", "deliver_due", "run_alerts"]

log = logging.getLogger(__name__)


@dataclasses.dataclass
class AlertReport:
    """What one alert pass did; per-target results carry redacted labels only."""

    events: int = 0
    enqueued: int = 0
    sent: int = 0
    failed: int = 0
    pending: int = 0
    #: Rows waiting for their retry time (``pending``; a row being sent, or left ``sending`` by a
    #: crash until ``sending_timeout_seconds``, is not counted: another instance may be sending it).
    waiting: int = 0
    outcomes: dict[str, int] = dataclasses.field(default_factory=dict)
    results: list[TargetResult] = dataclasses.field(default_factory=list)

    retrying: int = 0

    @property
    def ok(self) -> bool:
        """Nothing left undelivered: every delivery this pass attempted succeeded (none failed for
        good, none waits for a retry) and no row waits in the outbox from an earlier pass."""
        return self.failed == 0 and self.retrying == 0 and self.waiting == 0

    def summary(self) -> str:
        return (
            f"alerts: events={self.events} enqueued={self.enqueued} sent={self.sent} "
            f"failed={self.failed} pending={self.pending}"
        )


def run_alerts(
    store: Store,
    config: Config,
    *,
    send: bool = True,
    backfill: int = 0,
    clock: Clock | None = None,
    env: Mapping[str, str] | None = None,
    hooks: Hooks | None = None,
) -> AlertReport:
    """Enqueue every new event for every rule, then deliver the due outbox rows.

    ``send=False`` (``--no-notify``) marks new events handled without outbox rows
    and sends nothing. ``backfill=N`` sends the newest N baseline new_round events.
    """
    clock = clock or utcnow
    settings = config
    queued = outbox.enqueue(store, settings, clock(), send=send, backfill=backfill)
    report = AlertReport(events=queued.events, enqueued=queued.enqueued, outcomes=queued.by_outcome)
    if send:
        delivered: DeliveryReport = deliver_due(store, settings, clock, env=env, hooks=hooks)
        report.sent, report.failed, report.results = delivered.sent, delivered.failed, delivered.results
        report.retrying = delivered.retrying
    counts = store.outbox_counts()
    report.pending = counts.get(outbox.PENDING, 0) + counts.get(outbox.SENDING, 0)
    report.waiting = counts.get(outbox.PENDING, 0)
    # A pass that sent nothing and left nothing waiting is not news: said at debug.
    busy = report.enqueued or report.sent or report.failed or report.pending
    log.log(logging.INFO if busy else logging.DEBUG, report.summary())
    return report
