"""SQL views for people reading the database (Datasette, psql, any SQL tool).

Plain SQL that runs on SQLite and PostgreSQL; where the two differ (a month
from a date), each gets its own text. ``docs/database.md`` documents every
table and view. :func:`create_views` is idempotent (``CREATE VIEW IF NOT
EXISTS`` on SQLite, ``CREATE OR REPLACE VIEW`` on PostgreSQL).
"""

from __future__ import annotations

from sqlalchemy import Connection, Engine, text

#: The programs JSON array as plain text: ``["CEC", "FSW"]`` -> ``CEC,FSW``.
_PROGRAMS = "REPLACE(REPLACE(REPLACE(REPLACE(CAST(programs AS TEXT), '[', ''), ']', ''), '\"', ''), ' ', '')"
#: A round's group: the category slug, the programs (``PNP``, ``CEC,FSW``), or ``general``.
_GROUP_KEY = (
    "CASE WHEN round_type = 'category' THEN category "
    f"WHEN round_type = 'program' THEN {_PROGRAMS} "
    "ELSE COALESCE(round_type, 'unknown') END"
)

#: ``YYYY-MM`` of a round's date, per dialect.
_MONTH = {
    "sqlite": "strftime('%Y-%m', date)",
    "postgresql": "to_char(date, 'YYYY-MM')",
}

VIEWS: dict[str, str] = {
    # One row per round: the columns most people want, programs as text.
    "rounds_readable": f"""
        SELECT id, number, date, round_type, category, category_version,
               {_PROGRAMS} AS programs, {_GROUP_KEY} AS group_key,
               name, invitations, crs_min, held_at, tie_break_at, url,
               revision_count, first_seen, updated_at
        FROM rounds
    """,
    # Per round type and category (program rounds per set of programs).
    "rounds_by_category": f"""
        SELECT round_type, {_GROUP_KEY} AS group_key,
               COUNT(*) AS rounds,
               MIN(date) AS first_date,
               MAX(date) AS last_date,
               SUM(invitations) AS invitations,
               SUM(CASE WHEN invitations IS NULL THEN 1 ELSE 0 END) AS rounds_without_invitations,
               MIN(crs_min) AS lowest_crs_min,
               MAX(crs_min) AS highest_crs_min,
               SUM(CASE WHEN crs_min IS NULL THEN 1 ELSE 0 END) AS rounds_without_crs_min
        FROM rounds
        GROUP BY round_type, {_GROUP_KEY}
    """,
    # The newest round of each round type and category.
    "latest_round_per_category": f"""
        SELECT round_type, group_key, id, number, date, name, invitations, crs_min, tie_break_at, url
        FROM (
            SELECT r.*, {_GROUP_KEY} AS group_key,
                   ROW_NUMBER() OVER (
                       PARTITION BY round_type, {_GROUP_KEY}
                       ORDER BY date DESC, number DESC, id DESC
                   ) AS recency
            FROM rounds r
        ) ranked
        WHERE recency = 1
    """,
    # Every published CRS cut-off (rounds without one are left out, not zero).
    "crs_cutoffs": f"""
        SELECT id AS round_id, date, round_type, {_GROUP_KEY} AS group_key, name, crs_min, invitations
        FROM rounds
        WHERE crs_min IS NOT NULL
    """,
    # Invitations per calendar month and round type.
    "invitations_by_month": """
        SELECT {month} AS month, round_type,
               COUNT(*) AS rounds,
               SUM(invitations) AS invitations,
               SUM(CASE WHEN invitations IS NULL THEN 1 ELSE 0 END) AS rounds_without_invitations
        FROM rounds
        GROUP BY {month}, round_type
    """,
    # Rounds that IRCC changed after publishing them, with how often.
    "amended_rounds": """
        SELECT r.id AS round_id, r.date, r.name, r.revision_count, r.first_seen, r.updated_at
        FROM rounds r
        WHERE r.revision_count > 1
    """,
    # Every version of every round with when a copy of the feed carrying it was first and
    # last seen: for the version the latest copy carried, that copy (see docs/database.md).
    "revision_sightings": """
        SELECT rv.round_id, rv.id AS revision_id, rv.content_hash, rv.source, rv.first_seen,
               CASE WHEN r.latest_copy_hash = rv.content_hash
                    THEN (SELECT fetched_at FROM fetches
                          WHERE source = 'feed' AND outcome = 'changed' AND rounds_seen IS NOT NULL
                          ORDER BY id DESC LIMIT 1)
                    ELSE rv.last_seen END AS last_seen,
               r.latest_copy_hash = rv.content_hash AS in_latest_copy
        FROM round_revisions rv JOIN rounds r ON r.id = rv.round_id
    """,
}


def view_sql(name: str, dialect: str) -> str:
    """The SELECT of one view for a dialect (``sqlite`` or ``postgresql``)."""
    month = _MONTH.get(dialect, _MONTH["postgresql"])
    return VIEWS[name].replace("{month}", month).strip()


def create_views(bind: Engine | Connection) -> list[str]:
    """Create (or on PostgreSQL, replace) every view; returns their names.

    Given a connection, the views are made in its transaction (the migration's, under its lock).
    """
    if isinstance(bind, Engine):
        with bind.begin() as conn:
            return create_views(conn)
    dialect = bind.dialect.name
    verb = "CREATE VIEW IF NOT EXISTS" if dialect == "sqlite" else "CREATE OR REPLACE VIEW"
    for name in VIEWS:
        bind.execute(text(f"{verb} {name} AS {view_sql(name, dialect)}"))
    return list(VIEWS)
