"""Tables of the announcement sources (MI pages, articles), added to the core metadata.

* ``source_observations``: one row per fetched document and round it speaks
  of (or one row for the document when it named no usable round or failed):
  what it said, with where each fact came from.
* ``round_occupations``: the occupations (and NOC codes) a category round
  was open to, as its MI page lists them.
* ``round_source_warnings``: where a source disagrees with the stored round
  (the feed wins; the disagreement is kept here).
"""

from __future__ import annotations

from sqlalchemy import JSON, Column, ForeignKey, Index, Integer, String, Table, Text, UniqueConstraint

from eewatch.foundation.db.schema import UTCDateTime, metadata

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
