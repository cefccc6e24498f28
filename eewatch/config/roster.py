"""``[roster] csv``: a consultant's client list, read beside the config and added to ``[[profiles]]``.

Every bad row is reported with its line number and nothing is loaded then
(:func:`eewatch.domain.roster.parse_roster`); no error repeats a value from the file.
"""

from __future__ import annotations

import dataclasses

from eewatch.config.model import Config
from eewatch.config.values import ConfigError, targets


def _target_problem(target: str) -> str | None:
    """What is wrong with one roster target (the same check as a rule's ``notify``), unechoed."""
    try:
        targets([target], "notify", "")
    except ConfigError as exc:
        return str(exc).split("notify #1: ", 1)[-1]
    return None


def with_roster(config: Config, where: str) -> Config:
    """The config with the roster's profiles after the ``[[profiles]]`` ones."""
    path = config.roster.csv
    if path is None:
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
