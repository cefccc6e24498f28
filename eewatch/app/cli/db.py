"""``eewatch db upgrade|current``: the database schema's migrations (Alembic)."""

from __future__ import annotations

import argparse
import sys

from sqlalchemy.exc import SQLAlchemyError

from eewatch.app import exitcodes
from eewatch.app.cli import add_common, verbosity
from eewatch.app.logs import setup_logging
from eewatch.config import load_config
from eewatch.store import migrate
from eewatch.store.errors import describe_storage_error
from eewatch.store.store import create_store_engine


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "db", help="database schema: upgrade (also done on every start) or show the revision"
    )
    add_common(parser)
    parser.add_argument("action", choices=("upgrade", "current"))
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    setup_logging(verbosity(args), args.log_format)
    config = load_config(args.config)
    try:
        engine = create_store_engine(config.database.url)
    except OSError as exc:
        sys.stderr.write(f"database error: {describe_storage_error(config.database.url, exc)}\n")
        return exitcodes.STORAGE
    try:
        if args.action == "upgrade":
            before = migrate.upgrade(engine)
            with engine.connect() as conn:
                now = migrate.current_revision(conn)
            sys.stdout.write(f"schema: {before or 'empty'} -> {now}\n")
        else:
            with engine.connect() as conn:
                now = migrate.current_revision(conn)
            sys.stdout.write(f"schema: {now or 'none'} (newest: {migrate.HEAD})\n")
    except (OSError, SQLAlchemyError) as exc:
        sys.stderr.write(f"database error: {describe_storage_error(config.database.url, exc)}\n")
        return exitcodes.STORAGE
    finally:
        engine.dispose()
    return exitcodes.OK
