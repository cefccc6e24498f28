"""The store's read API: what the views, the alerts and health read of rounds, revisions,
fetches and events (:class:`ReadAPI`, a base of :class:`eewatch.store.store.Store`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import Connection, Engine, bindparam, func, select

from eewatch.domain.announcement import RoundFacts
from eewatch.domain.fetches import CHANGED
from eewatch.domain.record import CONFIRMED, PROVISIONAL, Round
from eewatch.domain.taxonomy import category_spellings
from eewatch.domain.userinfo import mask_userinfo
from eewatch.store import announcements, schema
from eewatch.store.rows import chunks, row_to_round


@dataclass(frozen=True)
class Validators:
    """What the last good fetch of a URL gives the next conditional GET."""

    etag: str | None = None
    last_modified: str | None = None
    body_sha256: str | None = None


#: Outbox rows not yet delivered: ``notifier.outbox``'s PENDING and SENDING (the store reads them
#: for ``eewatch status``, which imports no notifier; a test holds the two together).
UNDELIVERED = ("pending", "sending")

# Built once: the daemon runs these on every poll, and building a statement costs
# more than SQLite takes to run it.
VALIDATORS_QUERY = (
    select(schema.fetches.c.etag, schema.fetches.c.last_modified, schema.fetches.c.body_sha256)
    .where(schema.fetches.c.url == bindparam("url"), schema.fetches.c.outcome == CHANGED)
    .order_by(schema.fetches.c.id.desc())
    .limit(1)
)


class ReadAPI:
    """Reads rounds, revisions, fetches and events (``engine`` is the store's)."""

    engine: Engine

    def validators(self, url: str) -> Validators:
        """ETag, Last-Modified and body hash of the last good copy of ``url``.

        Fetches are stored under the URL with its user part masked (eewatch/domain/userinfo.py).
        """
        with self.engine.connect() as conn:
            row = conn.execute(VALIDATORS_QUERY, {"url": mask_userinfo(url)}).first()
        return Validators(*row) if row else Validators()

    def rounds(
        self,
        *,
        category: str | None = None,
        round_type: str | None = None,
        since: dt.date | None = None,
        limit: int | None = None,
        include_provisional: bool = False,
    ) -> list[Round]:
        """Stored rounds, newest first: those the official feed has confirmed, unless told otherwise.

        ``category`` is read as a user writes it: any case, an old slug as its new name
        (``senior-managers-canadian`` finds the rounds of ``senior-managers``, however stored).

        A provisional round (seen only in an announcement so far) carries a warning saying so,
        and every round the warnings of announcements that disagree with it.
        """
        r = schema.rounds
        query = select(r).order_by(r.c.date.desc(), r.c.number.desc(), r.c.id.desc())
        if category:
            # Also the rounds stored under a slug eewatch has since renamed (they read as the new one).
            query = query.where(r.c.category.in_(category_spellings(category)))
        if round_type:
            query = query.where(r.c.round_type == round_type)
        if since:
            query = query.where(r.c.date >= since)
        if not include_provisional:
            query = query.where(r.c.status == CONFIRMED)
        if limit:
            query = query.limit(limit)
        with self.engine.connect() as conn:
            found = [_marked(row._mapping) for row in conn.execute(query)]
            extra = announcements.source_warnings(conn, [item.id for item in found])
        return [replace(r, warnings=(*r.warnings, *extra[r.id])) if r.id in extra else r for r in found]

    def categories(self) -> list[str]:
        """The category slugs of the stored rounds (provisional ones included), sorted."""
        r = schema.rounds
        query = select(r.c.category).where(r.c.category.is_not(None)).distinct()
        with self.engine.connect() as conn:
            return sorted(str(row.category) for row in conn.execute(query))

    def revisions(self, round_id: str) -> list[dict[str, Any]]:
        """Every stored version of a round, oldest first.

        ``last_seen`` is when a copy carrying the version was last seen: for the
        version the latest copy of the feed carried, that copy's time.
        """
        return self.all_revisions([round_id]).get(round_id, [])

    def all_revisions(self, round_ids: Iterable[str] | None = None) -> dict[str, list[dict[str, Any]]]:
        """:meth:`revisions` of every round (or of ``round_ids``), by round id: two queries in all."""
        r, rv = schema.rounds, schema.round_revisions
        carried = (r.c.latest_copy_hash == rv.c.content_hash).label("carried")
        query = select(rv, carried).join(r, r.c.id == rv.c.round_id).order_by(rv.c.round_id, rv.c.id)
        wanted = None if round_ids is None else list(round_ids)
        found: dict[str, list[dict[str, Any]]] = {}
        with self.engine.connect() as conn:
            for chunk in [None] if wanted is None else chunks(wanted, 500):
                rows = conn.execute(query if chunk is None else query.where(rv.c.round_id.in_(chunk)))
                for stored in rows:
                    found.setdefault(stored.round_id, []).append(dict(stored._mapping))
            carrying = any(row["carried"] for versions in found.values() for row in versions)
            latest = latest_copy_time(conn) if carrying else None
        for versions in found.values():
            for row in versions:
                if row.pop("carried") and latest is not None:
                    row["last_seen"] = latest
        return found

    def outbox_counts(self) -> dict[str, int]:
        """Outbox rows per status (``pending``, ``sending``, ``sent``, ``failed``: notifier.outbox's)."""
        o = schema.alert_outbox
        with self.engine.connect() as conn:
            found = conn.execute(select(o.c.status, func.count()).group_by(o.c.status)).all()
        return {status: int(n) for status, n in found}

    def oldest_undelivered(self) -> dt.datetime | None:
        """When the oldest outbox row still waiting to be sent (pending or sending) was queued."""
        o = schema.alert_outbox
        with self.engine.connect() as conn:
            oldest: dt.datetime | None = conn.execute(
                select(func.min(o.c.created_at)).where(o.c.status.in_(UNDELIVERED))
            ).scalar()
        return oldest

    def events(self, kind: str | None = None) -> list[dict[str, Any]]:
        """Stored events, oldest first."""
        e = schema.events
        query = select(e).order_by(e.c.id)
        if kind:
            query = query.where(e.c.kind == kind)
        with self.engine.connect() as conn:
            return [dict(row._mapping) for row in conn.execute(query)]

    def source_warnings(self, round_ids: Iterable[str]) -> dict[str, list[str]]:
        """Where announcements disagree with the stored rounds, as lines to show with each round."""
        with self.engine.connect() as conn:
            return announcements.source_warnings(conn, round_ids)

    def stored_matches(
        self, mentions: Iterable[RoundFacts]
    ) -> list[tuple[Round | None, dict[str, tuple[Any, Any]]]]:
        """For each mention of an announcement: the stored round it is about, and where they differ."""
        with self.engine.connect() as conn:
            return [announcements.stored_match(conn, facts) for facts in mentions]

    def static_page_urls(self, limit: int) -> list[str]:
        """The MI page URLs of the newest stored rounds whose page is static (``invitations-N.html``)."""
        with self.engine.connect() as conn:
            return announcements.static_page_urls(conn, limit)


PROVISIONAL_NOTE = "provisional: seen in an announcement, not yet in the official feed"


def _marked(row: Any) -> Round:
    """A ``rounds`` row as a Round, a provisional one saying so in its warnings."""
    item = row_to_round(row)
    if row["status"] == PROVISIONAL:
        item = replace(item, warnings=(PROVISIONAL_NOTE, *item.warnings))
    return item


def latest_copy_time(conn: Connection, source: str = "feed") -> dt.datetime | None:
    """When the latest copy of the feed whose rounds were stored was fetched."""
    return copy_time(conn, source)


def copy_time(conn: Connection, source: str, before: int | None = None) -> dt.datetime | None:
    f = schema.fetches
    query = select(f.c.fetched_at).where(
        f.c.source == source, f.c.outcome == CHANGED, f.c.rounds_seen.is_not(None)
    )
    if before is not None:
        query = query.where(f.c.id < before)
    return conn.execute(query.order_by(f.c.id.desc()).limit(1)).scalar()
