"""The database schema (SQLAlchemy Core), the same on SQLite and PostgreSQL.

Tables are meant to be read by people too (Datasette, any SQL tool): plain
column names, ISO dates, UTC times. ``docs/database.md`` documents them.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator


class UTCDateTime(TypeDecorator[dt.datetime]):
    """A timezone-aware UTC datetime on every backend (SQLite stores it naive, in UTC)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Dialect) -> Any:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError(f"naive datetime {value!r}: store timezone-aware UTC")
        value = value.astimezone(dt.UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: dt.datetime | None, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=dt.UTC)
        return value.astimezone(dt.UTC)


metadata = MetaData()

#: The current state of every round ever seen (derived from its newest revision).
rounds = Table(
    "rounds",
    metadata,
    Column("id", String(16), primary_key=True, comment="the round as published: 254, 91a"),
    Column("number", Integer, nullable=False),
    Column("date", Date, nullable=False),
    Column("held_at", UTCDateTime),
    Column("tie_break_at", UTCDateTime),
    Column("round_type", String(16)),
    Column("programs", JSON, nullable=False),
    Column("category", String(64)),
    Column("category_version", String(32)),
    Column("name", Text),
    Column("invitations", Integer),
    Column("crs_min", Integer),
    Column("distribution_as_of", Date),
    Column("distribution", JSON),
    Column("url", Text),
    Column("warnings", JSON, nullable=False),
    Column("status", String(16), nullable=False, default="confirmed"),
    Column("content_hash", String(64), nullable=False),
    Column("revision_count", Integer, nullable=False, default=1),
    Column("first_seen", UTCDateTime, nullable=False),
    Column("updated_at", UTCDateTime, nullable=False),
    Column(
        "latest_copy_hash",
        String(64),
        comment="the version the latest copy of the feed carried; NULL: it lacked the round",
    ),
    Index("ix_rounds_date", "date"),
    Index("ix_rounds_category", "category"),
)

#: Every distinct published version of every round; never updated but for last_seen, which is
#: written when a copy of the feed stops carrying the version (see rounds.latest_copy_hash).
round_revisions = Table(
    "round_revisions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("round_id", String(16), ForeignKey("rounds.id"), nullable=False),
    Column("content_hash", String(64), nullable=False),
    Column("record", JSON, nullable=False, comment="the normalized round, contract shape"),
    Column("source", String(32), nullable=False),
    Column("first_seen", UTCDateTime, nullable=False),
    Column("last_seen", UTCDateTime, nullable=False),
    Column("first_fetch_id", Integer, ForeignKey("fetches.id")),
    UniqueConstraint("round_id", "content_hash", name="uq_revision_content"),
    Index("ix_round_revisions_hash", "content_hash"),
)

#: The CRS distribution of the pool published with each round: one row per band.
pool_distributions = Table(
    "pool_distributions",
    metadata,
    Column("round_id", String(16), ForeignKey("rounds.id"), primary_key=True),
    Column("band", String(16), primary_key=True),
    Column("as_of", Date),
    Column("candidates", Integer, nullable=False),
)

#: One row per fetch of a source: what was asked, what came back, what it did.
fetches = Table(
    "fetches",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("source", String(32), nullable=False),
    Column("url", Text, nullable=False),
    Column("fetched_at", UTCDateTime, nullable=False),
    Column("duration_ms", Integer),
    Column("http_status", Integer),
    Column("etag", Text),
    Column("last_modified", Text),
    Column("bytes", BigInteger),
    Column("body_sha256", String(64)),
    Column("outcome", String(16), nullable=False, comment="changed|unchanged|not_modified|error"),
    Column("error", Text),
    Column("rounds_seen", Integer),
    Column("new_rounds", Integer),
    Column("amended_rounds", Integer),
    Column("stale_rounds", Integer),
    Column("problems", JSON),
    Index("ix_fetches_url_time", "url", "fetched_at"),
    Index("ix_fetches_validators", "url", "outcome", "id"),
    Index("ix_fetches_copies", "source", "outcome", "id"),
)

#: What happened, written in the same transaction as the data it describes.
events = Table(
    "events",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("kind", String(32), nullable=False),
    Column("round_id", String(16)),
    Column("fetch_id", Integer, ForeignKey("fetches.id")),
    Column("created_at", UTCDateTime, nullable=False),
    Column("baseline", Boolean, nullable=False, default=False),
    Column("payload", JSON, nullable=False),
    Index("ix_events_kind", "kind"),
)


# -- Announcement sources ------------------------------------------------------
# Tables of the announcement sources (MI pages, articles), added to the core metadata.
#
# * ``source_observations``: one row per fetched document and round it speaks
#   of (or one row for the document when it named no usable round or failed):
#   what it said, with where each fact came from.
# * ``round_occupations``: the occupations (and NOC codes) a category round
#   was open to, as its MI page lists them.
# * ``round_source_warnings``: where a source disagrees with the stored round
#   (the feed wins; the disagreement is kept here).


source_observations = Table(
    "source_observations",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("fetch_id", Integer, ForeignKey("fetches.id"), nullable=False),
    Column("kind", String(16), nullable=False, comment="page|article"),
    Column("url", Text, nullable=False),
    Column("fetched_at", UTCDateTime, nullable=False),
    Column("round_id", String(16), comment="the round the document speaks of; NULL if none"),
    Column(
        "action",
        String(16),
        nullable=False,
        comment="provisional|filled|compared|unnumbered|undated|error",
    ),
    Column("facts", JSON, comment="the extracted fields, each with value, start, end, snippet"),
    Column("warnings", JSON, nullable=False),
    Column("error", Text),
    Index("ix_source_observations_round", "round_id"),
    Index("ix_source_observations_url", "url", "fetched_at"),
)

round_occupations = Table(
    "round_occupations",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("round_id", String(16), nullable=False),
    Column("occupation", Text, nullable=False),
    Column("noc_code", String(8), nullable=False),
    Column("source_url", Text, nullable=False),
    Column("first_seen", UTCDateTime, nullable=False),
    UniqueConstraint("round_id", "noc_code", "source_url", name="uq_round_occupation"),
    Index("ix_round_occupations_noc", "noc_code"),
)

round_source_warnings = Table(
    "round_source_warnings",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("round_id", String(16), nullable=False),
    Column("source_kind", String(16), nullable=False),
    Column("source_url", Text, nullable=False),
    Column("field", String(32), nullable=False),
    Column("source_value", JSON),
    Column("stored_value", JSON, comment="the round's value when compared (the feed's, once confirmed)"),
    Column("stored_status", String(16), nullable=False, comment="confirmed|provisional"),
    Column("first_seen", UTCDateTime, nullable=False),
    Column("last_seen", UTCDateTime, nullable=False),
    Index("ix_round_source_warnings_round", "round_id"),
)


# -- Alerts --------------------------------------------------------------------
# Alert tables: which events were handled, and the outbox of deliveries.
#
# this module). ``docs/alerts.md`` explains the life of an outbox row. No
# column ever holds a secret: targets are stored as a redacted label and a
# stable hash of the configured (unexpanded) target string.


#: The alert cursor: one row per event turned into outbox rows (or skipped on
#: purpose), written in the same transaction as those rows. An event without
#: a row here has not been handled yet. A row per event (rather than one
#: high-water id) stays correct when events commit out of id order (PostgreSQL).
alert_events_handled = Table(
    "alert_events_handled",
    metadata,
    Column("event_id", Integer, ForeignKey("events.id"), primary_key=True),
    Column("handled_at", UTCDateTime, nullable=False),
    Column(
        "outcome",
        String(16),
        nullable=False,
        comment="enqueued|no_match|baseline|suppressed",
    ),
    Column("deliveries", Integer, nullable=False, default=0),
)

#: One row per (event, rule, target): the rendered message, frozen at enqueue
#: time, and the state of its delivery.
alert_outbox = Table(
    "alert_outbox",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("event_id", Integer, ForeignKey("events.id"), nullable=False),
    Column("rule", String(64), nullable=False),
    Column("target_key", String(64), nullable=False, comment="sha256 of the configured target string"),
    Column("target_label", Text, nullable=False, comment="the target, secrets redacted"),
    Column("kind", String(32), nullable=False),
    Column("round_id", String(16)),
    Column("title", Text, nullable=False),
    Column("body_text", Text, nullable=False),
    Column("body_markdown", Text, nullable=False),
    Column("body_html", Text, nullable=False),
    Column("status", String(16), nullable=False, comment="pending|sending|sent|failed"),
    Column("attempts", Integer, nullable=False, default=0),
    Column("created_at", UTCDateTime, nullable=False),
    Column("next_attempt_at", UTCDateTime, nullable=False),
    Column("last_attempt_at", UTCDateTime),
    Column("sent_at", UTCDateTime),
    Column("last_error", Text, comment="redacted"),
    UniqueConstraint("event_id", "rule", "target_key", name="uq_outbox_event_rule_target"),
    Index("ix_outbox_due", "status", "next_attempt_at"),
)


# -- Health --------------------------------------------------------------------
# The heartbeat table: one row per poll, from the daemon or from ``scrape --once``.


heartbeats = Table(
    "heartbeats",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("instance", String(128), nullable=False, comment="host:pid of the process that polled"),
    Column("mode", String(16), nullable=False, comment="daemon or once"),
    Column("at", UTCDateTime, nullable=False),
    Column("outcome", String(16), nullable=False, comment="changed|unchanged|not_modified|error"),
    Column("http_status", Integer),
    Column("bytes", BigInteger),
    Column("duration_ms", Integer),
    Column("new_rounds", Integer),
    Column("amended_rounds", Integer),
    Column("error", Text),
    Index("ix_heartbeats_at", "at"),
)
