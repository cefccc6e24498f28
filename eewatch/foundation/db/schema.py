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


def load_all_tables() -> MetaData:
    """Import the modules that add their tables to :data:`metadata`, and return it.

    The core tables live here; the alert outbox, the announcement sources and
    the heartbeats add theirs from their own modules.
    """
    import eewatch.foundation.db.schema_alerts
    import eewatch.foundation.db.schema_health
    import eewatch.foundation.db.schema_sources  # noqa: F401

    return metadata
