"""The daemon's config sections, ``[schedule]`` and ``[health]`` (a contract)."""

from __future__ import annotations

import dataclasses
import re
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from eewatch.foundation.config import ConfigError, register_section

#: Default polling: every 5 minutes in the hours IRCC runs rounds (weekdays,
#: business hours in Ottawa), hourly outside them.
DEFAULT_CRON = ("*/5 9-18 * * mon-fri", "0 * * * *")

_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)?\s*$")
_UNITS = {"ms": 0.001, "s": 1, "m": 60, "h": 3600, "d": 86400, None: 1}


def parse_duration(value: Any, label: str, where: str) -> float:
    """``"90s"``, ``"5m"``, ``"1h"``, ``"2d"`` or a number of seconds -> seconds."""
    if isinstance(value, bool):
        raise ConfigError(f"{where}: {label}: expected a duration like '5m', got a boolean")
    if isinstance(value, int | float):
        seconds = float(value)
    else:
        match = _DURATION.match(str(value))
        if not match:
            raise ConfigError(f"{where}: {label}: {value!r} is not a duration like '90s', '5m' or '1h'")
        seconds = float(match.group(1)) * _UNITS[match.group(2)]
    if seconds < 0:
        raise ConfigError(f"{where}: {label}: must not be negative")
    return seconds


@dataclasses.dataclass(frozen=True)
class ScheduleConfig:
    """``[schedule]``: when the daemon polls."""

    every: float | None = None
    cron: tuple[str, ...] = DEFAULT_CRON
    timezone: str = "America/Toronto"
    jitter: float = 20.0
    retry_every: float = 60.0
    misfire_grace: float = 300.0


@dataclasses.dataclass(frozen=True)
class HealthConfig:
    """``[health]``: when the daemon tells its operator something is wrong."""

    failures_before_alert: int = 3
    stale_after_days: float = 21.0
    unhealthy_after: float = 3 * 3600.0


def parse_schedule(raw: Any, where: str) -> ScheduleConfig:
    """Validate ``[schedule]``."""
    raw = _table(raw, "schedule", where)
    _known(raw, {"every", "cron", "timezone", "jitter", "retry_every", "misfire_grace"}, "schedule", where)
    if "every" in raw and "cron" in raw:
        raise ConfigError(f"{where}: [schedule]: give either every or cron, not both")
    values: dict[str, Any] = {}
    if "every" in raw:
        values["every"] = parse_duration(raw["every"], "[schedule] every", where)
        if values["every"] <= 0:
            raise ConfigError(f"{where}: [schedule] every: must be positive")
        values["cron"] = ()
    if "cron" in raw:
        cron = raw["cron"]
        cron = (cron,) if isinstance(cron, str) else cron
        if not isinstance(cron, list | tuple) or not cron or not all(isinstance(c, str) for c in cron):
            raise ConfigError(f"{where}: [schedule] cron: expected a cron expression or a list of them")
        values["cron"] = tuple(cron)
    timezone = raw.get("timezone", ScheduleConfig.timezone)
    try:
        ZoneInfo(str(timezone))
    except (ZoneInfoNotFoundError, ValueError):
        raise ConfigError(f"{where}: [schedule] timezone: unknown time zone {timezone!r}") from None
    values["timezone"] = str(timezone)
    for key in ("jitter", "retry_every", "misfire_grace"):
        if key in raw:
            values[key] = parse_duration(raw[key], f"[schedule] {key}", where)
    config = ScheduleConfig(**values)
    for expression in config.cron:
        _check_cron(expression, config.timezone, where)
    return config


def _check_cron(expression: str, timezone: str, where: str) -> None:
    from apscheduler.triggers.cron import CronTrigger

    try:
        CronTrigger.from_crontab(expression, timezone=ZoneInfo(timezone))
    except ValueError as exc:
        raise ConfigError(
            f"{where}: [schedule] cron: {expression!r} is not a valid cron expression ({exc})"
        ) from None


def parse_health(raw: Any, where: str) -> HealthConfig:
    """Validate ``[health]``."""
    raw = _table(raw, "health", where)
    _known(raw, {"failures_before_alert", "stale_after_days", "unhealthy_after"}, "health", where)
    values: dict[str, Any] = {}
    if "failures_before_alert" in raw:
        value = raw["failures_before_alert"]
        if not isinstance(value, int) or isinstance(value, bool) or value < 1:
            raise ConfigError(f"{where}: [health] failures_before_alert: expected a whole number >= 1")
        values["failures_before_alert"] = value
    if "stale_after_days" in raw:
        value = raw["stale_after_days"]
        if not isinstance(value, int | float) or isinstance(value, bool) or value <= 0:
            raise ConfigError(f"{where}: [health] stale_after_days: expected a positive number")
        values["stale_after_days"] = float(value)
    if "unhealthy_after" in raw:
        values["unhealthy_after"] = parse_duration(raw["unhealthy_after"], "[health] unhealthy_after", where)
    return HealthConfig(**values)


def _table(raw: Any, name: str, where: str) -> dict[str, Any]:
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        raise ConfigError(f"{where}: [{name}] must be a table")
    return raw


def _known(raw: dict[str, Any], keys: set[str], name: str, where: str) -> None:
    for key in raw:
        if key not in keys:
            raise ConfigError(f"{where}: [{name}] {key}: unknown key")


register_section("schedule", parse_schedule)
register_section("health", parse_health)
