"""The heartbeat table: one row per poll, from the daemon or from ``scrape --once``."""

from __future__ import annotations

from sqlalchemy import BigInteger, Column, Index, Integer, String, Table, Text

from eewatch.foundation.db.schema import UTCDateTime, metadata

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
