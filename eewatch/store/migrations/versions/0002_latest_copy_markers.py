"""latest copy markers: which version of each round the latest copy of the feed carried

Until now every copy of the feed (the whole history) moved ``last_seen`` of every
revision it carried: an UPDATE of every row per copy. From here a copy writes only
what differs from the copy before: ``rounds.latest_copy_hash`` names the version
the latest copy carried, and a revision's ``last_seen`` is written when a copy
stops carrying it (see docs/database.md).

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    inspector = sa.inspect(op.get_bind())
    # A database made before migrations (tables from schema.py, stamped 0001) may have them already.
    if "latest_copy_hash" not in {c["name"] for c in inspector.get_columns("rounds")}:
        op.add_column(
            "rounds",
            sa.Column(
                "latest_copy_hash",
                sa.String(length=64),
                nullable=True,
                comment="the version the latest copy of the feed carried; NULL: it lacked the round",
            ),
        )
    if "ix_fetches_copies" not in {i["name"] for i in inspector.get_indexes("fetches")}:
        op.create_index("ix_fetches_copies", "fetches", ["source", "outcome", "id"], unique=False)
    # Every copy so far moved last_seen of the versions it carried to its own time:
    # the versions the latest copy carried are those last seen at that copy's time.
    op.execute(
        sa.text(
            """
            UPDATE rounds SET latest_copy_hash = (
                SELECT rv.content_hash FROM round_revisions rv
                WHERE rv.round_id = rounds.id AND rv.last_seen = (
                    SELECT f.fetched_at FROM fetches f
                    WHERE f.source = 'feed' AND f.outcome = 'changed' AND f.rounds_seen IS NOT NULL
                    ORDER BY f.id DESC LIMIT 1
                )
                ORDER BY rv.id DESC LIMIT 1
            )
            WHERE rounds.status = 'confirmed'
            """
        )
    )


def downgrade() -> None:
    # Back to a last_seen moved by every copy: the versions the latest copy carried were seen then.
    op.execute(
        sa.text(
            """
            UPDATE round_revisions SET last_seen = (
                SELECT f.fetched_at FROM fetches f
                WHERE f.source = 'feed' AND f.outcome = 'changed' AND f.rounds_seen IS NOT NULL
                ORDER BY f.id DESC LIMIT 1
            )
            WHERE EXISTS (
                SELECT 1 FROM rounds r
                WHERE r.id = round_revisions.round_id AND r.latest_copy_hash = round_revisions.content_hash
            )
            """
        )
    )
    op.drop_index("ix_fetches_copies", table_name="fetches")
    # PostgreSQL ties a view selecting r.* to every column of rounds; the views are made
    # again on every open (eewatch/store/migrate.py). ALTER TABLE DROP COLUMN: SQLite 3.35+.
    op.execute(sa.text("DROP VIEW IF EXISTS latest_round_per_category"))
    op.execute(sa.text("DROP VIEW IF EXISTS revision_sightings"))  # made from 0002 on: reads the column
    op.execute(sa.text("ALTER TABLE rounds DROP COLUMN latest_copy_hash"))
