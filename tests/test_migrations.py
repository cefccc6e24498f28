"""Alembic migrations: a new database, one made before migrations, and no drift from the code's schema."""

from __future__ import annotations

from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import func, select

from eewatch.store import migrate, schema
from eewatch.store.store import Store, create_store_engine
from scraper.fetch import feed_fetch_from_response
from tests.support.cli import cli
from tests.support.paths import FIXTURES


def test_a_new_database_is_migrated_to_head_and_matches_the_code(db_url: str) -> None:
    store = Store.open(db_url)
    try:
        with store.engine.connect() as conn:
            assert migrate.current_revision(conn) == migrate.HEAD
            diff = compare_metadata(MigrationContext.configure(conn), schema.metadata)
        assert diff == [], f"the migrations and schema.py disagree: {diff}"
    finally:
        store.close()


def test_a_database_from_before_migrations_upgrades_without_loss(db_url: str) -> None:
    engine = create_store_engine(db_url)
    schema.metadata.create_all(engine)  # how the first release created its tables
    legacy = Store(engine)
    legacy.record_feed_fetch(
        feed_fetch_from_response(
            url="https://example.test/feed.json",
            status=200,
            body=(FIXTURES / "feed" / "small.json").read_bytes(),
            etag=None,
            last_modified=None,
            previous_sha256=None,
            duration_ms=1,
        )
    )
    before = [r.to_dict() for r in legacy.rounds()]
    engine.dispose()

    store = Store.open(db_url)
    try:
        with store.engine.connect() as conn:
            assert migrate.current_revision(conn) == migrate.HEAD
            assert conn.execute(select(func.count()).select_from(schema.events)).scalar_one() == 8
        assert [r.to_dict() for r in store.rounds()] == before
    finally:
        store.close()


def test_eewatch_db_upgrade_and_current(tmp_path: Path, empty_config: Path) -> None:
    env = {"EEWATCH_DATABASE_URL": f"sqlite:///{tmp_path / 'cli.sqlite'}"}
    first = cli("db", "upgrade", "--config", str(empty_config), env=env)
    assert first.returncode == 0, first.stderr
    assert first.stdout.strip() == f"schema: empty -> {migrate.HEAD}"
    current = cli("db", "current", "--config", str(empty_config), env=env)
    assert current.stdout.strip() == f"schema: {migrate.HEAD} (newest: {migrate.HEAD})"


def test_a_read_only_command_on_a_new_database_logs_no_alembic_chatter(
    tmp_path: Path, empty_config: Path
) -> None:
    """Alembic's INFO lines (plugin set-up, "Context impl ...") are noise to a user: only our one line."""
    env = {"EEWATCH_DATABASE_URL": f"sqlite:///{tmp_path / 'fresh.sqlite'}"}
    result = cli("rounds", "--config", str(empty_config), env=env)
    assert result.returncode == 0, result.stderr
    assert "alembic" not in result.stderr, result.stderr
    assert [line.split(": ", 1)[1] for line in result.stderr.splitlines()] == [
        f"database schema: empty -> {migrate.HEAD}"
    ]
