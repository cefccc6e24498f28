"""``eewatch db upgrade|current``: the database schema's migrations (Alembic)."""

from __future__ import annotations

import argparse
import sys

from sqlalchemy.exc import SQLAlchemyError

from eewatch.app import exitcodes
from eewatch.app.cli import Context, command_parser
from eewatch.app.database import open_engine
from eewatch.store import migrate
from eewatch.store.errors import describe_storage_error


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = command_parser(
        sub, "db", run, help="database schema: upgrade (also done on every start) or show the revision"
    )
    parser.add_argument("action", choices=("upgrade", "current"))


def run(ctx: Context) -> int:
    args, config = ctx.args, ctx.config
    try:
        engine = open_engine(config)
    except OSError as exc:
        return ctx.error(
            f"database error: {describe_storage_error(config.database.url, exc)}", exitcodes.STORAGE
        )
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
        return ctx.error(
            f"database error: {describe_storage_error(config.database.url, exc)}", exitcodes.STORAGE
        )
    finally:
        engine.dispose()
    return exitcodes.OK
