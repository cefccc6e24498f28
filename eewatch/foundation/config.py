"""Configuration: defaults in code, a TOML file holds only what it changes.

Found by ``--config PATH``, then ``$EEWATCH_CONFIG``, then ``./config.toml``;
``$EEWATCH_DATABASE_URL`` overrides the database URL. A bad config raises
:class:`ConfigError` with one line naming the file and the key.
"""

from __future__ import annotations

import dataclasses
import logging
import os
import tomllib
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, TypeVar

import platformdirs

T = TypeVar("T")

FEED_URL = "https://www.canada.ca/content/dam/ircc/documents/json/ee_rounds_123_en.json"


class ConfigError(Exception):
    """A configuration problem, as one line for the operator."""


def default_database_url() -> str:
    """A SQLite file in the user's data directory."""
    path = Path(platformdirs.user_data_dir("eewatch")) / "eewatch.sqlite"
    return f"sqlite:///{path}"


@dataclasses.dataclass(frozen=True)
class FeedConfig:
    """``[feed]``: the official JSON feed and how politely to fetch it."""

    url: str = FEED_URL
    timeout: float = 30.0
    retries: int = 2
    max_bytes: int = 16 * 1024 * 1024
    user_agent: str = "eewatch (+https://github.com/eewatch/eewatch; Express Entry round watcher)"


@dataclasses.dataclass(frozen=True)
class DatabaseConfig:
    """``[database]``: an SQLAlchemy URL."""

    url: str = dataclasses.field(default_factory=default_database_url)


@dataclasses.dataclass(frozen=True)
class Config:
    """The whole configuration; every section has defaults."""

    feed: FeedConfig = dataclasses.field(default_factory=FeedConfig)
    database: DatabaseConfig = dataclasses.field(default_factory=DatabaseConfig)
    path: Path | None = None
    #: Sections other modules read (``alerts``, ``profile``, ``schedule`` ...),
    #: validated by the parser registered for them in :data:`SECTIONS`.
    extra: Mapping[str, Any] = dataclasses.field(default_factory=dict)


#: Parsers of further sections, registered by the modules that own them:
#: name -> function(raw value, where) -> parsed value.
SECTIONS: dict[str, Callable[[Any, str], Any]] = {}


def find_config_path(explicit: str | os.PathLike[str] | None, env: Mapping[str, str]) -> Path | None:
    """``--config``, then ``$EEWATCH_CONFIG``, then ``./config.toml`` if it exists."""
    if explicit:
        return Path(explicit)
    if env.get("EEWATCH_CONFIG"):
        return Path(env["EEWATCH_CONFIG"])
    local = Path("config.toml")
    return local if local.is_file() else None


def load_config(
    explicit: str | os.PathLike[str] | None = None,
    env: Mapping[str, str] | None = None,
) -> Config:
    """Find, read and validate the configuration."""
    env = os.environ if env is None else env
    path = find_config_path(explicit, env)
    data: dict[str, Any] = {}
    if path is not None:
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise ConfigError(f"{path}: config file not found") from None
        except (OSError, UnicodeDecodeError) as exc:
            raise ConfigError(f"{path}: cannot read config file: {exc}") from None
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"{path}: not valid TOML: {exc}") from None
    config = parse_config(data, where=str(path) if path else "<defaults>")
    config = dataclasses.replace(config, path=path)
    if path is not None:
        from eewatch.foundation.config_secrets import config_file_warnings

        for line in config_file_warnings(path):
            logging.getLogger("eewatch.foundation.config").warning("%s", line)
    if env.get("EEWATCH_DATABASE_URL"):
        config = dataclasses.replace(config, database=DatabaseConfig(url=env["EEWATCH_DATABASE_URL"]))
    return config


def parse_config(data: Mapping[str, Any], where: str = "<config>") -> Config:
    """Validate a parsed TOML mapping into a :class:`Config`."""
    _import_section_owners()
    known = {"feed", "database", *SECTIONS}
    for key in data:
        if key not in known:
            raise ConfigError(f"{where}: unknown section or key [{key}]")
    feed = _section(FeedConfig, data.get("feed", {}), "feed", where)
    if not feed.url.strip():
        raise ConfigError(f"{where}: [feed] url: must not be empty")
    if feed.timeout <= 0 or feed.max_bytes <= 0 or feed.retries < 0:
        raise ConfigError(f"{where}: [feed] timeout, max_bytes and retries must be positive")
    database = _section(DatabaseConfig, data.get("database", {}), "database", where)
    extra = {name: parse(data.get(name), where) for name, parse in SECTIONS.items()}
    return Config(feed=feed, database=database, extra=extra)


def _import_section_owners() -> None:
    """Import the modules that register further sections (lazily: they are heavier)."""
    import importlib

    for module in _SECTION_OWNERS:
        importlib.import_module(module)


#: Modules that call :func:`register_section` at import: the alert rules and
#: profile, the announcement sources, the daemon's schedule and health, the report.
_SECTION_OWNERS = (
    "notifier.config",
    "scraper.sources",
    "eewatch.app.daemon.config",
    "eewatch.app.views.config",
)


def register_section(name: str, parse: Callable[[Any, str], Any]) -> None:
    """Register the parser of a further config section."""
    SECTIONS[name] = parse


def _section(cls: type[T], raw: Any, name: str, where: str) -> T:
    """Build a section dataclass from a TOML table, checking keys and types."""
    if not isinstance(raw, dict):
        raise ConfigError(f"{where}: [{name}] must be a table")
    fields = {f.name: f for f in dataclasses.fields(cls)}  # type: ignore[arg-type]
    values: dict[str, Any] = {}
    for key, value in raw.items():
        if key not in fields:
            raise ConfigError(f"{where}: [{name}] {key}: unknown key")
        values[key] = check_type(value, fields[key].type, f"[{name}] {key}", where)
    return cls(**values)


_TYPES: dict[str, tuple[type, ...]] = {
    "str": (str,),
    "float": (int, float),
    "int": (int,),
    "bool": (bool,),
}


def check_type(value: Any, annotation: Any, label: str, where: str) -> Any:
    """Check a scalar config value against its annotation (given as a string)."""
    expected = _TYPES.get(str(annotation))
    if expected is None:
        return value
    if isinstance(value, bool) and bool not in expected:
        raise ConfigError(f"{where}: {label}: expected {annotation}, got a boolean")
    if not isinstance(value, expected):
        raise ConfigError(f"{where}: {label}: expected {annotation}, got {type(value).__name__}")
    return float(value) if annotation == "float" else value
