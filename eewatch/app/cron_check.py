"""``scrape --once`` on an unchanged feed: a conditional GET and two rows, nothing else imported.

Most cron runs find the feed unchanged. This check costs what such a run must:
one conditional GET (standard library), the health decision, and the poll's
``fetches`` row and heartbeat written through ``sqlite3``. It imports neither
Scrapy, Twisted, SQLAlchemy nor the notifier. It settles a run only when all of
this holds; anything else returns False and the full path runs (it fetches
again, and is the one place responses are judged, stored and alerted):

- the database is a SQLite file that exists, at the newest schema (nothing to migrate);
- no ``[[sources]]`` are due (``--feed-only``, or none configured), no ``--notify-backfill``;
- no event waits for the alert pass and no outbox row is due;
- a last good copy gave validators, and the feed answered exactly 304, which the one
  fetch decision (``scraper.fetch``) reads as not modified;
- the poll calls for no ops event (the pure health decision, on the state read now).
"""

from __future__ import annotations

import logging
import sqlite3
import time

from eewatch.app.health_rules import Poll, decide, instance_name, state_of
from eewatch.app.poll_log import log_poll
from eewatch.config import Config, check_category_names
from eewatch.domain.clock import Clock, utcnow
from eewatch.domain.fetches import NOT_MODIFIED
from eewatch.domain.userinfo import split_userinfo
from eewatch.store.light import LightStore
from scraper.fetch import feed_fetch_from_response

log = logging.getLogger("eewatch.app.cron_check")

#: The check's GET waits at most this long (a slow feed goes to the full crawl, with its retries).
MAX_WAIT = 10.0


class _Busy(Exception):
    """Something turned up between the reads and the write: the full path takes the run."""


class _Nothing:
    """What storing a 304 found: no round new or amended."""

    new: tuple[str, ...] = ()
    amended: tuple[str, ...] = ()


def check_unchanged(
    config: Config, url: str, *, sources: bool, backfill: int = 0, clock: Clock = utcnow
) -> bool:
    """True when the feed answered a clean 304 and the poll is recorded; False: run the full path."""
    started = time.monotonic()
    if backfill or (sources and config.sources) or not url.startswith(("http://", "https://")):
        return False
    if split_userinfo(url)[1] is not None:
        return False  # credentials in the URL: the full path sends them apart and masks them
    store = LightStore.open(config.database.url)
    if store is None:
        return False
    try:
        if store.alerts_waiting(clock(), config.notifications.sending_timeout_seconds):
            return False
        if any(rule.categories for rule in config.alerts) or (
            config.profile is not None and config.profile.categories
        ):
            from eewatch.domain.eligibility import shipped_category_names

            check_category_names(config, shipped_category_names() | frozenset(store.categories()))
        validators = store.validators(url)
        if validators is None or not (validators.etag or validators.last_modified):
            return False
        from scraper.conditional import conditional_get  # urllib: only when there is a GET to make

        answer = conditional_get(
            url,
            etag=validators.etag,
            last_modified=validators.last_modified,
            user_agent=config.feed.user_agent,
            timeout=min(config.feed.timeout, MAX_WAIT),
        )
        if answer is None or answer.status != 304:
            log.debug("cron check: %s; the full crawl fetches the feed", answer and f"HTTP {answer.status}")
            return False
        fetch = feed_fetch_from_response(
            url=url,
            status=answer.status,
            body=b"",
            etag=answer.etag,
            last_modified=answer.last_modified,
            previous_sha256=validators.body_sha256,
            duration_ms=answer.duration_ms,
            content_type=answer.content_type,
        )
        if fetch.outcome != NOT_MODIFIED:
            return False
        with store.writing() as conn:
            now = clock()
            if store.alerts_waiting(now, config.notifications.sending_timeout_seconds):
                raise _Busy
            row = store.health(now.date())
            state = state_of(row.failures, row.failing_id, row.recovered_id, row.stale, row.shape, row.latest)
            if decide(state, Poll(ok=True, url=url), config.health, now.date()):
                raise _Busy  # an ops event to write and alert: the full path's
            store.insert_fetch(conn, fetch, now)
            store.insert_heartbeat(conn, fetch, now, instance=instance_name(), mode="once")
    except _Busy:
        return False
    except sqlite3.Error as exc:
        log.debug("cron check: %s; the full path takes the run", type(exc).__name__)
        return False
    finally:
        store.close()
    log_poll(fetch, _Nothing(), time.monotonic() - started)
    return True
