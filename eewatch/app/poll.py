"""The poll sequence, one for ``scrape --once`` and the daemon: fetch, store, health, alerts, report.

:func:`poll_once` runs the whole sequence in one process (cron); the daemon
fetches through its long-lived crawler, then calls :func:`record` (in the
reactor's loop) and :func:`follow_up` (in a thread). Either way the poll ends
as one :class:`PollResult`: what was fetched and stored, which events, the
health events, the alert pass and the exit code. A failure in any layer is a
recorded failed poll: health, ``eewatch status`` and the ops alerts see it.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field

from sqlalchemy.exc import SQLAlchemyError

from eewatch.app import exitcodes
from eewatch.app.health import HealthEvent, record_poll
from eewatch.app.poll_log import log_poll
from eewatch.config import Config
from eewatch.domain.events import CATEGORY_UNKNOWN, FEED_STALE
from eewatch.domain.fetches import ERROR, FeedFetch, SourceDocument
from eewatch.store import integrity
from eewatch.store.announcements import SourceSummary
from eewatch.store.errors import describe_storage_error
from eewatch.store.store import FetchSummary, Store
from scraper.crawl import StorageFailed, crawl_once
from scraper.fetch import feed_fetch_from_failure
from scraper.pipelines import Stored

log = logging.getLogger("eewatch.app.poll")


@dataclass
class PollResult:
    """One poll, for cron and the daemon alike."""

    mode: str
    stored: list[Stored] = field(default_factory=list)
    health: list[HealthEvent] = field(default_factory=list)
    #: None: no alert pass ran; False: a delivery this poll attempted did not succeed.
    alerts_ok: bool | None = None
    #: Why the poll could not store what it fetched (a storage failure), if it could not.
    storage_error: str | None = None
    seconds: float = 0.0

    @property
    def feed(self) -> list[tuple[FeedFetch, FetchSummary]]:
        return [
            (s.fetch, s.summary)
            for s in self.stored
            if isinstance(s.fetch, FeedFetch) and isinstance(s.summary, FetchSummary)
        ]

    @property
    def changed(self) -> bool:
        """Did the poll store a new or amended round?"""
        return any(summary.new or summary.amended for _, summary in self.feed)

    @property
    def wrote_events(self) -> bool:
        return bool(self.health) or any(s.summary.events > 0 for s in self.stored)

    @property
    def exit_code(self) -> int:
        """Storage error 4, source error 3, undelivered alerts 5, else 0."""
        if self.storage_error is not None:
            return exitcodes.STORAGE
        if any(fetch.outcome == ERROR for fetch, _ in self.feed):
            return exitcodes.SOURCE
        if self.alerts_ok is False:
            return exitcodes.DELIVERY
        return exitcodes.OK


def poll_once(
    config: Config,
    store: Store,
    url: str,
    *,
    sources: bool = True,
    progress: bool = False,
    log_level: str = "WARNING",
    send: bool = True,
    backfill: int = 0,
) -> PollResult:
    """``scrape --once``: crawl the feed (and the ``[[sources]]``), then the sequence after a fetch."""
    started = time.monotonic()
    result = PollResult(mode="once")
    try:
        crawl = crawl_once(config, store, url, sources=sources, progress=progress, log_level=log_level)
        result.stored = crawl.stored
    except (StorageFailed, SQLAlchemyError) as exc:
        damaged = integrity.noted(store.engine)
        if damaged is not None:
            # Nothing more is written to a damaged file (not even the failed poll): said once, exit 4.
            result.storage_error = damaged
            log.error("database error: %s", damaged)
            return result
        result.storage_error = f"{type(exc).__name__}: {exc}"[:500]
        log.error("could not store the fetch: %s", result.storage_error)
    if not any(isinstance(s.fetch, FeedFetch) for s in result.stored):
        # Nothing of the feed was stored (a storage failure, or a spider that gave
        # nothing): record the failed poll itself, so health and alerts see it.
        reason = result.storage_error or "the crawl produced no result (see the log above)"
        failed = store_failure(store, url, reason)
        if failed is not None:
            result.stored.append(failed)
    result.seconds = time.monotonic() - started
    record(store, config, result, backfill=backfill if send else 0)
    follow_up(store, config, result, send=send, backfill=backfill, rebuild=result.changed)
    return result


def store_failure(store: Store, url: str, reason: str) -> Stored | None:
    """Record a poll that stored nothing as a failed fetch; None if even that cannot be written."""
    failed = feed_fetch_from_failure(url, reason)
    try:
        return Stored(failed, store.record_feed_fetch(failed))
    except SQLAlchemyError as exc:
        log.error("could not record the failed poll either: %s", type(exc).__name__)
        return None


def record(store: Store, config: Config, result: PollResult, *, backfill: int = 0) -> None:
    """Health (heartbeat, ops events) for each fetch of the feed, and one log line per fetch.

    ``backfill``: the newest N rounds of a first run will be alerted (said, not "no alerts sent").
    """
    for fetch, summary in result.feed:
        try:
            found = record_poll(store, fetch, summary, config.health, result.mode)
        except SQLAlchemyError as exc:
            log.error("could not record the poll's health: %s", type(exc).__name__)
            result.storage_error = result.storage_error or f"health: {type(exc).__name__}"
            found = []
        for event in found:
            if event.kind == CATEGORY_UNKNOWN:
                log.warning("%s", event.payload["message"])
                continue
            # A stale feed is IRCC's silence, not eewatch's fault: said at info (status shows it).
            level = logging.INFO if event.kind == FEED_STALE else logging.WARNING
            log.log(level, "health: %s %s", event.kind, event.payload)
        result.health += found
        log_poll(fetch, summary, result.seconds, quiet_if_unchanged=result.mode == "daemon")
        if summary.baseline and backfill:
            log.info(
                "first run: %d rounds stored (the baseline); alerting the newest %d (--notify-backfill %d)",
                len(summary.new),
                min(backfill, len(summary.new)),
                backfill,
            )
        elif summary.baseline:
            log.info(
                "first run: %d rounds stored, no alerts sent (the baseline; "
                "scrape --once --notify-backfill N alerts the newest N)",
                len(summary.new),
            )
    for stored in result.stored:
        if isinstance(stored.fetch, SourceDocument) and isinstance(stored.summary, SourceSummary):
            log_document(stored.fetch, stored.summary)


def follow_up(
    store: Store,
    config: Config,
    result: PollResult,
    *,
    alerts: bool = True,
    send: bool = True,
    backfill: int = 0,
    rebuild: bool,
) -> None:
    """The alert pass (``send=False``: mark events handled, send nothing), then the report (never fatal)."""
    if alerts:
        result.alerts_ok = send_alerts(store, config, send=send, backfill=backfill)
    if rebuild:
        rebuild_report(store, config)


def send_alerts(store: Store, config: Config, *, send: bool = True, backfill: int = 0) -> bool:
    """Enqueue and send the alerts new events call for; False when a delivery did not succeed.

    A failure here never loses an event: it stays unhandled, or its outbox row
    stays pending, for the next pass.
    """
    from notifier.run import run_alerts

    try:
        report = run_alerts(store, config, send=send, backfill=backfill, clock=store.clock)
    except SQLAlchemyError as exc:  # the database, not a bug: one line
        reason = describe_storage_error(config.database.url, exc)
        log.error("the alert pass failed; its events stay queued for the next pass: %s", reason)
        return False
    except Exception:
        log.exception("the alert pass failed; its events stay queued for the next pass")
        return False
    return report.ok


def deliver_retries(store: Store, config: Config) -> None:
    """Send the outbox rows whose retry is due (the daemon's retry job)."""
    from notifier.run import deliver_due

    try:
        deliver_due(store, config, store.clock)
    except SQLAlchemyError as exc:  # the database, not a bug: one line
        log.error(
            "the delivery pass failed; the rows stay pending: %s",
            describe_storage_error(config.database.url, exc),
        )
    except Exception:
        log.exception("the delivery pass failed; the rows stay pending")


def rebuild_report(store: Store, config: Config) -> None:
    """Regenerate the static site where ``[report] out`` is configured (never fatal)."""
    report = config.report
    if report.out is None:
        return
    from eewatch.app.views.site import ReportError, build_report

    try:
        crs = config.profile.crs if config.profile is not None else None
        summary = build_report(
            store,
            report.out,
            store.clock,
            title=report.title,
            site_url=report.site_url,
            crs=crs,
            profile=config.profile,
        )
    except (ReportError, OSError):
        log.exception("could not rebuild the report in %s; the previous one stays", report.out)
        return
    log.info("report rebuilt in %s", report.out)
    log.debug("report: %s", summary)


def log_document(document: SourceDocument, summary: SourceSummary) -> None:
    """One line per announcement document: kind, outcome, rounds it added or checked."""
    line = (
        f"poll {document.kind}: {document.outcome} http={document.http_status or '-'} url={document.url}"
        f" provisional={len(summary.provisional)} checked={len(summary.compared)}"
        f" disagreements={len(summary.disagreements)}"
    )
    if document.outcome == ERROR:
        log.warning("%s: %s", line, document.error)
    else:
        log.info(line)
