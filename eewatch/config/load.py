"""Finding the config file, reading its TOML, and checking every section and what spans them."""

from __future__ import annotations

import dataclasses
import logging
import os
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from eewatch.config.checks import check_across
from eewatch.config.model import Config, DatabaseConfig
from eewatch.config.roster import with_roster
from eewatch.config.sections import SECTIONS
from eewatch.config.values import ConfigError, check_database_url, did_you_mean


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
        except RecursionError:
            raise ConfigError(f"{path}: not valid TOML: nested too deeply") from None
    config = parse_config(data, where=str(path) if path else "<defaults>")
    config = dataclasses.replace(config, path=path)
    if path is not None:
        from eewatch.config.secrets import config_file_warnings

        for line in config_file_warnings(path):
            logging.getLogger("eewatch.config").warning("%s", line)
    if env.get("EEWATCH_DATABASE_URL"):
        url = check_database_url(env["EEWATCH_DATABASE_URL"], "$EEWATCH_DATABASE_URL", "environment")
        config = dataclasses.replace(config, database=DatabaseConfig(url=url))
    return config


def refuse_misplaced_variables(data: Mapping[str, Any], where: str) -> None:
    """``${VAR}`` is read from the environment in ``[[alerts]] notify`` only; elsewhere it is an error."""
    from eewatch.config.secrets import misplaced_variables

    for label in misplaced_variables(dict(data)):
        hint = (
            "; for a database password set $EEWATCH_DATABASE_URL instead"
            if label.startswith("[database]")
            else ""
        )
        raise ConfigError(
            f"{where}: {label}: ${{...}} is read from the environment only in [[alerts]] notify "
            f"targets; write the value itself here{hint}"
        )


def parse_config(data: Mapping[str, Any], where: str = "<config>") -> Config:
    """Validate a parsed TOML mapping into a :class:`Config`, sections and what spans them."""
    for key in data:
        if key not in SECTIONS:
            raise ConfigError(f"{where}: unknown section or key [{key}]{did_you_mean(key, SECTIONS)}")
    refuse_misplaced_variables(data, where)
    config = Config(**{name: parse(data.get(name), where) for name, parse in SECTIONS.items()})
    config = with_roster(config, where)
    check_across(config, where)
    return config
