"""Opening the config's database: only the default data folder is made, never a typo'd one."""

from __future__ import annotations

from sqlalchemy.engine import Engine

from eewatch.config import Config, default_database_url
from eewatch.domain.clock import Clock, utcnow
from eewatch.store.store import Store, check_sqlite_folder, create_store_engine


def is_default_folder(url: str) -> bool:
    """``url`` is the default SQLite file (in the user's data folder, which eewatch may create)."""
    return url == default_database_url()


def open_store(config: Config, clock: Clock = utcnow, *, migrate: bool = True) -> Store:
    """The config's database, opened (and migrated unless ``migrate=False``)."""
    url = config.database.url
    return Store.open(url, clock, migrate=migrate, make_folder=is_default_folder(url))


def open_engine(config: Config) -> Engine:
    """An engine on the config's database (for the schema commands)."""
    url = config.database.url
    return create_store_engine(url, make_folder=is_default_folder(url))


def prepare_folder(config: Config) -> None:
    """The SQLite file's folder exists (the default one is made), else :class:`StorageError`."""
    url = config.database.url
    check_sqlite_folder(url, make=is_default_folder(url))
