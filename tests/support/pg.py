"""A fresh PostgreSQL database per test, where ``$EEWATCH_TEST_PG_URL`` names a server."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

PG_URL = os.environ.get("EEWATCH_TEST_PG_URL")
PG_SKIP_REASON = (
    "PostgreSQL tests need $EEWATCH_TEST_PG_URL (e.g. postgresql+psycopg://postgres@127.0.0.1/postgres)"
)


def fresh_pg_database(server_url: str) -> Iterator[str]:
    """Create a uniquely named database on the server, yield its URL, drop it afterwards."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    name = f"eewatch_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(server_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(server_url).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
