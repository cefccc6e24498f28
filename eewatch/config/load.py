"""Finding the config file, reading its TOML, checking every section and what spans them; the roster.

``[roster] csv`` is a consultant's client list, read beside the config and added to
``[[profiles]]``: every bad row is reported with its line number and nothing is loaded then
(:func:`eewatch.domain.roster.parse_roster`); no error repeats a value from the file.
"""

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
from eewatch.config.sections import SECTIONS
from eewatch.config.values import ConfigError, check_database_url, did_you_mean, targets


def find_config_path(explicit: str | os.PathLike[str] | None, env: Mapping[str, str]) -> Path | None:
    """``--config``, then ``$EEWATCH_CONFIG``, then ``./config.toml`` if it exists."""
    if explicit or env.get("EEWATCH_CONFIG"):
        return Path(explicit or env["EEWATCH_CONFIG"])
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
    config = dataclasses.replace(parse_config(data, str(path) if path else "<defaults>"), path=path)
    if path is not None:
        from eewatch.config.secrets import config_file_warnings

        for line in config_file_warnings(path, data):
            logging.getLogger("eewatch.config").warning("%s", line)
    if env.get("EEWATCH_DATABASE_URL"):
        url = check_database_url(env["EEWATCH_DATABASE_URL"], "$EEWATCH_DATABASE_URL", "environment")
        config = dataclasses.replace(config, database=DatabaseConfig(url=url))
    return config


def parse_config(data: Mapping[str, Any], where: str = "<config>") -> Config:
    """Validate a parsed TOML mapping into a :class:`Config`, sections and what spans them."""
    from eewatch.config.secrets import refuse_misplaced_variables

    for key in data:
        if key not in SECTIONS:
            raise ConfigError(f"{where}: unknown section or key [{key}]{did_you_mean(key, SECTIONS)}")
    refuse_misplaced_variables(data, where)
    config = Config(**{name: parse(data.get(name), where) for name, parse in SECTIONS.items()})
    config = with_roster(config, where)
    check_across(config, where)
    return config


def with_roster(config: Config, where: str) -> Config:
    """The config with the roster's profiles after the ``[[profiles]]`` ones."""
    if (path := config.roster.csv) is None:
        return config
    from eewatch.domain.roster import RosterError, parse_roster  # eligibility's catalog: only with a roster

    label = f"{where}: [roster] csv"
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise ConfigError(f"{label}: {path}: no such file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{label}: {path}: cannot read it ({type(exc).__name__})") from None
    taken = [p.name for p in config.profiles if p.name]
    try:
        rows = parse_roster(text, str(path), check_target=_target_problem, taken=taken)
    except RosterError as exc:
        raise ConfigError(f"{label}: {exc}") from None
    return dataclasses.replace(config, profiles=config.profiles + rows)


def _target_problem(target: str) -> str | None:
    """What is wrong with one roster target (the same check as a rule's ``notify``), unechoed."""
    try:
        targets([target], "notify", "")
    except ConfigError as exc:
        return str(exc).split("notify #1: ", 1)[-1]
    return None
