"""Alert tables: which events were handled, and the outbox of deliveries.

Added to :data:`eewatch.foundation.db.schema.metadata` (``load_all_tables()`` imports
this module). ``docs/alerts.md`` explains the life of an outbox row. No
column ever holds a secret: targets are stored as a redacted label and a
stable hash of the configured (unexpanded) target string.
"""

from __future__ import annotations

from sqlalchemy import Column, ForeignKey, Index, Integer, String, Table, Text, UniqueConstraint

from eewatch.foundation.db.schema import UTCDateTime, metadata

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
