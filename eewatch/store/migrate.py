"""Schema migrations with Alembic, for SQLite and PostgreSQL alike.

``Store.open`` upgrades automatically: on PostgreSQL under an advisory lock, so
several instances starting at once migrate once. A database created before
migrations existed (tables but no ``alembic_version``) is stamped with the
first revision, whose schema it has, and then upgraded: nothing is lost.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterator

from sqlalchemy import Connection, Engine, inspect, text

log = logging.getLogger(__name__)

#: The newest revision in ``eewatch/store/migrations/versions``; a database already
#: there is opened without importing Alembic at all (start-up time matters to cron).
HEAD = "0002"
BASELINE = "0001"
#: pg_advisory_xact_lock key: "eewatch" migrations.
_LOCK_KEY = 0x65657761


def _alembic_config(conn: Connection):  # type: ignore[no-untyped-def]
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", "eewatch.store:migrations")
    cfg.attributes["connection"] = conn
    return cfg


@contextlib.contextmanager
def _quiet_alembic() -> Iterator[None]:
    """Alembic logs a dozen INFO lines per run (plugin set-up, "Context impl"): keep its warnings only.

    What changed is said once, by our own ``database schema: A -> B`` line. A level set on
    the ``alembic`` logger by whoever embeds eewatch is left alone.
    """
    logger = logging.getLogger("alembic")
    if logger.level != logging.NOTSET:
        yield
        return
    logger.setLevel(logging.WARNING)
    try:
        yield
    finally:
        logger.setLevel(logging.NOTSET)


def current_revision(conn: Connection) -> str | None:
    """The database's revision, or None where Alembic has not been there."""
    if not inspect(conn).has_table("alembic_version"):
        return None
    return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def upgrade(engine: Engine, target: str = "head") -> str | None:
    """Bring the schema to ``target`` and (re)make the SQL views; returns the revision before.

    None means a new database. On PostgreSQL this runs under an advisory lock, so
    instances starting together migrate once and never race on the views.
    """
    from eewatch.store.sql_views import create_views

    with engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _LOCK_KEY})
        before = current_revision(conn)
        if before != HEAD or target != "head":
            with _quiet_alembic():  # it logs its plugins' set-up on import
                from alembic import command

                cfg = _alembic_config(conn)
                if before is None and inspect(conn).has_table("rounds"):
                    log.warning(
                        "database without migration history: stamping revision %s, then upgrading", BASELINE
                    )
                    command.stamp(cfg, BASELINE)
                command.upgrade(cfg, target)
            log.info("database schema: %s -> %s", before or "empty", current_revision(conn))
        create_views(conn)
        return before
