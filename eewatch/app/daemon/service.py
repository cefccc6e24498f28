"""The daemon: APScheduler driving one long-lived Scrapy crawler, all on one event loop.

Why one reactor and not a child process per crawl: the Twisted reactor cannot
be restarted, so a daemon either keeps one alive or pays a process start per
poll (~0.5 s of CPU importing Scrapy). Here one reactor (Twisted's asyncio
reactor) runs for the life of the daemon, one crawler stays open with an idle
spider, and each poll hands it one conditional GET: an unchanged feed costs one
small request. APScheduler's ``AsyncIOScheduler`` runs on the same loop; the
poll job is a coroutine in the loop's thread (a job counts as running until it
returns, so ``max_instances = 1`` still holds), and only what may block for
long (sending alerts, rebuilding the report, retrying deliveries) goes to the
reactor's thread pool, so a slow SMTP server never stalls the reactor.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import os
import threading
import time
from collections.abc import Callable
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy.exc import SQLAlchemyError

from eewatch.app import exitcodes
from eewatch.app.daemon.leader import Leadership
from eewatch.app.daemon.lock import AlreadyRunning, lock_for
from eewatch.app.database import open_store, prepare_folder
from eewatch.app.health import record_outage
from eewatch.app.names import check_config_names
from eewatch.app.poll import PollResult, deliver_retries, follow_up, record, store_failure
from eewatch.config import Config, ConfigError, ScheduleConfig
from eewatch.domain.clock import Clock, utcnow
from eewatch.domain.userinfo import mask_userinfo
from eewatch.store import integrity
from eewatch.store.errors import describe_storage_error

log = logging.getLogger("eewatch.app.daemon")

REACTOR = "twisted.internet.asyncioreactor.AsyncioSelectorReactor"
#: After SIGTERM, the process exits by this many seconds whatever a job is doing.
HARD_EXIT_AFTER = 8.0


def build_trigger(schedule: ScheduleConfig) -> Any:
    """The poll trigger: an interval, or one or more cron expressions, with jitter."""
    from apscheduler.triggers.combining import OrTrigger
    from apscheduler.triggers.cron import CronTrigger
    from apscheduler.triggers.interval import IntervalTrigger

    tz = ZoneInfo(schedule.timezone)
    jitter = int(schedule.jitter) or None
    if schedule.every:
        return IntervalTrigger(seconds=schedule.every, timezone=tz, jitter=jitter)
    triggers = [CronTrigger.from_crontab(c, timezone=tz) for c in schedule.cron]
    for trigger in triggers:
        trigger.jitter = jitter
    return triggers[0] if len(triggers) == 1 else OrTrigger(triggers, jitter=jitter)


class PollTally:
    """How the daemon's polls went, said at info once per ``every`` seconds (unchanged polls log at debug)."""

    def __init__(self, every: float = 3600.0, clock: Callable[[], float] = time.monotonic) -> None:
        self.every = every
        self.clock = clock
        self.since = clock()
        self.counts: dict[str, int] = {}

    def add(self, result: PollResult) -> None:
        for fetch, _ in result.feed:
            self.counts[fetch.outcome] = self.counts.get(fetch.outcome, 0) + 1
        if self.clock() - self.since >= self.every:
            total = sum(self.counts.values())
            detail = ", ".join(f"{n} {outcome}" for outcome, n in sorted(self.counts.items()))
            log.info("last %.0f min: %d polls (%s)", (self.clock() - self.since) / 60, total, detail)
            self.since, self.counts = self.clock(), {}


class Daemon:
    """Owns the store, the watcher and the scheduler; started by :func:`run_daemon`."""

    def __init__(self, config: Config, clock: Clock = utcnow) -> None:
        self.config = config
        self.clock = clock
        self.schedule: ScheduleConfig = config.schedule
        self.stopping = threading.Event()
        self.store = open_store(config, clock)
        self.database_file = integrity.FileIdentity(self.store.engine)
        self.leadership = Leadership(self.store.engine)
        self.exit_code = exitcodes.OK
        self.report_built = False  # the report is built once at start, then after each change
        self.reactor: Any = None
        self.watcher: Any = None
        self.runner: Any = None
        self.tally = PollTally()
        #: While the database cannot be reached: since when, how many polls, why (one line each).
        self.outage: tuple[dt.datetime, int, str] | None = None
        self.scheduler: Any = None
        self.keeper: Any = None  # keeps the schedule on the elapsed time when the wall clock steps

    def start(self) -> None:
        """Install the reactor, open the crawler, schedule the jobs (in the reactor thread)."""
        from scrapy.utils.reactor import install_reactor

        install_reactor(REACTOR)  # before anything imports twisted.internet.reactor
        from apscheduler.schedulers.asyncio import AsyncIOScheduler
        from scrapy.crawler import CrawlerRunner
        from twisted.internet import reactor

        from eewatch.app.daemon.watcher import FeedWatcher
        from scraper.crawl import scrapy_settings

        self.reactor = reactor
        feed = self.config.feed
        runner = CrawlerRunner(scrapy_settings(self.config))
        self.runner = runner
        poll_timeout = feed.timeout * (feed.retries + 1) + 30
        self.watcher = FeedWatcher(runner, self.store, feed.url, reactor, poll_timeout)
        self.scheduler = AsyncIOScheduler(
            event_loop=reactor._asyncioEventloop,
            timezone=ZoneInfo(self.schedule.timezone),
            job_defaults={
                "coalesce": True,
                "max_instances": 1,
                "misfire_grace_time": int(self.schedule.misfire_grace) or None,
            },
        )
        first = dt.datetime.now(ZoneInfo(self.schedule.timezone))
        self.scheduler.add_job(self.poll_job, build_trigger(self.schedule), id="poll", next_run_time=first)
        self.scheduler.add_job(self.deliver_job, "interval", seconds=self.schedule.retry_every, id="deliver")
        if self.config.sources:
            # Announcement pages and articles, on their own (slower) schedule; the first read at start.
            self.scheduler.add_job(
                self.sources_job,
                "interval",
                seconds=self.schedule.sources_every,
                id="sources",
                next_run_time=first,
            )
        self.reactor.addSystemEventTrigger("before", "shutdown", self._shutdown)
        opened = self.watcher.start()
        opened.addCallback(lambda _: self._started())
        opened.addErrback(self._failed_to_start)

    def _started(self) -> None:
        from eewatch.app.daemon.clocksteps import ScheduleKeeper

        self.scheduler.start()
        self.keeper = ScheduleKeeper(self.scheduler, self.loop)
        self.keeper.start()
        schedule = self.schedule
        every = f"every {schedule.every:g}s" if schedule.every else " | ".join(schedule.cron)
        polled = self.scheduler.get_job("poll")
        after = polled.next_run_time if polled is not None else None
        log.info(
            "daemon started: pid %d, feed %s, schedule %s (%s, jitter up to %gs), next poll %s, database %s",
            os.getpid(),
            mask_userinfo(self.config.feed.url),
            every,
            schedule.timezone,
            schedule.jitter,
            after.isoformat(timespec="seconds") if after is not None else "now",
            _redacted_db(self.config.database.url),
        )

    def _failed_to_start(self, failure: Any) -> None:
        log.error("the daemon could not start its crawler: %s", failure.value)
        self.exit_code = exitcodes.INTERNAL
        self.reactor.callWhenRunning(self.stop)

    # -- jobs (coroutines on the reactor's loop) -------------------------------

    async def poll_job(self) -> None:
        """One poll, in the loop's thread: fetch, health; alerts and the report in a thread."""
        if self.stopping.is_set() or self._database_gone():
            return
        try:
            leading = self.leadership.try_lead()
            if self.outage is not None:
                self._database_back()
        except SQLAlchemyError as exc:
            self._database_down(exc)
            return
        if not leading:
            log.debug("another instance crawls; this one only delivers alerts")
            return
        started = time.monotonic()
        result = PollResult(mode="daemon")
        try:
            stored = await self.watcher.poll().asFuture(self.loop)
        except asyncio.CancelledError:  # the scheduler is shutting down
            log.info("poll abandoned: the daemon is stopping")
            return
        except Exception as exc:  # the poll gave no stored result: store the failure itself
            if self.stopping.is_set():
                log.info("poll abandoned: the daemon is stopping")
                return
            if self._database_gone():  # damaged (or gone): nothing more is written to it
                return
            stored = store_failure(self.store, self.config.feed.url, f"{type(exc).__name__}: {exc}")
        if stored is not None:
            result.stored.append(stored)
        result.seconds = time.monotonic() - started
        record(self.store, self.config, result)
        self.tally.add(result)
        rebuild = result.changed or not self.report_built
        if (result.wrote_events or rebuild) and not self.stopping.is_set():
            await self.in_thread(self._after_change, result, rebuild)

    def _database_down(self, exc: SQLAlchemyError) -> None:
        """A poll found the database unreachable: one line, and the outage remembered for status."""
        reason = describe_storage_error(self.config.database.url, exc)
        first, polls = (self.outage[0], self.outage[1]) if self.outage else (self.store.clock(), 0)
        self.outage = (first, polls + 1, reason)
        log.error(
            "poll skipped: %s (%d poll(s) since %s)", reason, polls + 1, f"{first:%Y-%m-%d %H:%M:%S} UTC"
        )

    def _database_back(self) -> None:
        """The database answers again: the outage is written where ``eewatch status`` shows it."""
        assert self.outage is not None
        first, polls, reason = self.outage
        record_outage(self.store, first, polls, reason, "daemon")
        self.outage = None
        log.warning(
            "the database is back after %d skipped poll(s) since %s UTC", polls, f"{first:%Y-%m-%d %H:%M:%S}"
        )

    def _after_change(self, result: PollResult, rebuild: bool) -> None:
        """Alerts for the poll's new events (retries are the deliver job's), then the report."""
        if self.stopping.is_set():
            return
        follow_up(self.store, self.config, result, alerts=result.wrote_events, rebuild=rebuild)
        if rebuild:
            self.report_built = True

    async def sources_job(self) -> None:
        """Read every ``[[sources]]`` entry once through the daemon's reactor; store, log, alert."""
        from twisted.internet.defer import DeferredList

        from scraper.crawl import CrawlResult, add_source_crawls

        if self.stopping.is_set() or self.outage is not None or self._database_gone():
            return
        try:
            if not self.leadership.try_lead():
                return
        except SQLAlchemyError as exc:
            self._database_down(exc)
            return
        started = time.monotonic()
        crawl = CrawlResult()
        done = add_source_crawls(self.runner, self.config, self.store, crawl)
        if not done:
            return
        try:
            await DeferredList(done, consumeErrors=True).asFuture(self.loop)
        except asyncio.CancelledError:
            log.info("sources read abandoned: the daemon is stopping")
            return
        result = PollResult(mode="daemon", stored=crawl.stored, seconds=time.monotonic() - started)
        for error in crawl.errors:
            log.error("could not store an announcement: %s", error)
        record(self.store, self.config, result)
        if result.wrote_events and not self.stopping.is_set():
            await self.in_thread(self._after_change, result, False)

    async def deliver_job(self) -> None:
        """Retry due outbox deliveries (in a thread)."""
        if not self.stopping.is_set() and not self._database_gone():
            await self.in_thread(deliver_retries, self.store, self.config)

    def _database_gone(self) -> bool:
        """Stop (exit 4) when the SQLite file was deleted or replaced, or a statement found it damaged."""
        if self.exit_code == exitcodes.STORAGE:
            return True  # said already; the daemon is stopping
        problem = self.database_file.changed() or integrity.noted(self.store.engine)
        if problem is None:
            return False
        log.error("database error: %s", problem)
        self.exit_code = exitcodes.STORAGE
        self.stop()
        return True

    async def in_thread(self, function: Any, *args: Any) -> None:
        """Run ``function`` in the reactor's thread pool and wait for it.

        When the daemon stops, the wait is cancelled; the thread finishes on its
        own (or the hard exit ends it) and leaves nothing half-written.
        """
        from twisted.internet.threads import deferToThreadPool

        done = deferToThreadPool(self.reactor, self.reactor.getThreadPool(), function, *args)
        try:
            await done.asFuture(self.loop)
        except asyncio.CancelledError:
            name = getattr(function, "__name__", function)
            log.info("stopped waiting for %s: the daemon is stopping", name)

    @property
    def loop(self) -> Any:
        return self.reactor._asyncioEventloop

    # -- shutdown -------------------------------------------------------------

    def install_signal_handlers(self) -> None:
        """SIGTERM and SIGINT stop the daemon once, cleanly; exit 0."""
        import signal

        def handler(signum: int, _frame: Any) -> None:
            log.info("received %s", signal.Signals(signum).name)
            self.reactor.callFromThread(self.stop)

        signal.signal(signal.SIGTERM, handler)
        signal.signal(signal.SIGINT, handler)

    def stop(self) -> None:
        """Stop the reactor (once); shutdown triggers do the rest."""
        if self.reactor.running and not self.stopping.is_set():
            self.reactor.stop()

    def _shutdown(self) -> Any:
        """Stop taking jobs, abandon a pending poll, close the crawler."""
        log.info("daemon stopping")
        self.stopping.set()
        _exit_by(HARD_EXIT_AFTER, self.exit_code)
        self.leadership.release()
        if self.keeper is not None:
            self.keeper.stop()
        if self.scheduler is not None and self.scheduler.running:
            self.scheduler.shutdown(wait=False)
        if self.watcher is not None:
            self.watcher.abandon()
            return self.watcher.stop()
        return None


def _exit_by(seconds: float, code: int) -> None:
    """A last resort: exit even if a job thread is stuck in I/O (its transaction rolls back)."""

    def hard_exit() -> None:
        logging.getLogger("eewatch.app.daemon").warning(
            "a job did not finish in %.0fs: exiting anyway", seconds
        )
        logging.shutdown()
        os._exit(code)

    timer = threading.Timer(seconds, hard_exit)
    timer.daemon = True
    timer.start()


def _redacted_db(url: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)


def run_daemon(config: Config, clock: Clock = utcnow) -> int:
    """Run the daemon until SIGTERM or SIGINT; the exit code."""
    prepare_folder(config)  # before the lock file beside the database is made
    lock = lock_for(config.database.url)
    if lock is not None:
        try:
            lock.acquire()
        except AlreadyRunning as exc:
            log.error("%s", exc)
            return exitcodes.LOCKED
    try:
        daemon = Daemon(config, clock)
        try:
            check_config_names(config, daemon.store)
        except ConfigError:
            daemon.store.close()
            raise  # one line, exit 2 (the CLI's dispatch)
        daemon.start()
        daemon.install_signal_handlers()
        daemon.reactor.run(installSignalHandlers=False)
        daemon.store.close()
        log.info("daemon stopped")
        return daemon.exit_code
    finally:
        if lock is not None:
            lock.release()
