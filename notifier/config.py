"""The ``[profile]``, ``[[alerts]]`` and ``[notifications]`` config sections.

Registered with :func:`eewatch.foundation.config.register_section` on import; the parsed
values land in ``Config.extra``. :func:`alert_settings` gathers them and
checks what spans sections (``eligible`` needs a profile, ``tag:`` targets
need an Apprise config file). Every problem is one :class:`ConfigError` line
naming the file and the key.
"""

from __future__ import annotations

import dataclasses
import re
import string
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from eewatch.foundation.config import Config, ConfigError, register_section
from notifier.apprise_loader import plugins
from notifier.events import DEFAULT_EVENTS, EVENT_KINDS
from scraper.domain.record import PROGRAM_CODES, ROUND_TYPES

#: Names a title/body template may use, as ``{name}``.
TEMPLATE_FIELDS = (
    "event",
    "round",
    "number",
    "name",
    "label",
    "date",
    "held_at",
    "tie_break_at",
    "invitations",
    "crs",
    "programs",
    "change",
    "changes",
    "verdict",
    "url",
    "error",
    "rule",
)

_VAR = re.compile(r"\$\{([^}]*)\}")
_VAR_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")


@dataclasses.dataclass(frozen=True)
class Profile:
    """The person alerts are for: their score and what they are eligible for."""

    crs: int | None = None
    programs: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()


@dataclasses.dataclass(frozen=True)
class Rule:
    """One ``[[alerts]]`` entry. ``None`` or empty means "no condition"."""

    name: str
    notify: tuple[str, ...]
    events: tuple[str, ...] = DEFAULT_EVENTS
    round_types: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    programs: tuple[str, ...] = ()
    crs_max: int | None = None
    crs_min: int | None = None
    invitations_min: int | None = None
    eligible: bool | None = None
    include_provisional: bool = False
    title: str | None = None
    body: str | None = None


@dataclasses.dataclass(frozen=True)
class NotificationSettings:
    """``[notifications]``: the Apprise config file and the retry policy."""

    apprise_config: Path | None = None
    max_attempts: int = 8
    backoff_seconds: float = 60.0
    backoff_max_seconds: float = 6 * 3600.0
    timeout: float = 60.0
    #: A row left ``sending`` longer than this is taken for a crash mid-send
    #: and tried again (at most one duplicate, see docs/alerts.md).
    sending_timeout_seconds: float = 900.0


@dataclasses.dataclass(frozen=True)
class AlertSettings:
    """Everything the notifier reads from the config, checked across sections."""

    rules: tuple[Rule, ...] = ()
    profile: Profile | None = None
    notifications: NotificationSettings = dataclasses.field(default_factory=NotificationSettings)

    def rule(self, name: str) -> Rule | None:
        return next((r for r in self.rules if r.name == name), None)


# -- parsing --------------------------------------------------------------------


def parse_profile(raw: Any, where: str) -> Profile | None:
    """``[profile]`` -> :class:`Profile` (``None`` when absent)."""
    if raw is None:
        return None
    table = _table(raw, "[profile]", where)
    _known_keys(table, ("crs", "programs", "categories"), "[profile]", where)
    crs = _int(table.get("crs"), "[profile] crs", where, low=0, high=1200)
    programs = _choices(table.get("programs"), PROGRAM_CODES, "[profile] programs", where)
    categories = _slugs(table.get("categories"), "[profile] categories", where)
    return Profile(crs=crs, programs=programs, categories=categories)


def parse_notifications(raw: Any, where: str) -> NotificationSettings:
    """``[notifications]`` -> :class:`NotificationSettings`."""
    if raw is None:
        return NotificationSettings()
    table = _table(raw, "[notifications]", where)
    fields = [f.name for f in dataclasses.fields(NotificationSettings)]
    _known_keys(table, fields, "[notifications]", where)
    values: dict[str, Any] = {}
    if "apprise_config" in table:
        path = _str(table["apprise_config"], "[notifications] apprise_config", where)
        resolved = Path(path).expanduser()
        if not resolved.is_absolute() and where not in ("<defaults>", "<config>"):
            resolved = Path(where).parent / resolved
        values["apprise_config"] = resolved
    if "max_attempts" in table:
        values["max_attempts"] = _int(table["max_attempts"], "[notifications] max_attempts", where, low=1)
    for key in ("backoff_seconds", "backoff_max_seconds", "timeout", "sending_timeout_seconds"):
        if key in table:
            values[key] = _number(table[key], f"[notifications] {key}", where)
    return NotificationSettings(**values)


def parse_alerts(raw: Any, where: str) -> tuple[Rule, ...]:
    """``[[alerts]]`` -> rules, in file order; names must be unique."""
    if raw is None:
        return ()
    if not isinstance(raw, list):
        raise ConfigError(f"{where}: alerts: must be an array of tables ([[alerts]])")
    rules: list[Rule] = []
    for index, entry in enumerate(raw, start=1):
        rule = _parse_rule(entry, index, where)
        if any(r.name == rule.name for r in rules):
            raise ConfigError(f"{where}: [[alerts]] #{index} name: {rule.name!r} is used twice")
        rules.append(rule)
    return tuple(rules)


def _parse_rule(entry: Any, index: int, where: str) -> Rule:
    label = f"[[alerts]] #{index}"
    table = _table(entry, label, where)
    fields = [f.name for f in dataclasses.fields(Rule)]
    _known_keys(table, fields, label, where)
    if "name" not in table:
        raise ConfigError(f"{where}: {label} name: missing (every rule needs a name)")
    name = _str(table["name"], f"{label} name", where)
    if not re.fullmatch(r"[\w.-]{1,64}", name):
        raise ConfigError(f"{where}: {label} name: use 1-64 letters, digits, '_', '-' or '.'")
    label = f"[[alerts]] {name}"
    if "notify" not in table:
        raise ConfigError(f"{where}: {label} notify: missing (a list of Apprise URLs or tag:NAME)")
    notify = _targets(table["notify"], f"{label} notify", where)
    events = DEFAULT_EVENTS
    if "events" in table:
        events = _choices(table["events"], tuple(sorted(EVENT_KINDS)), f"{label} events", where)
        if not events:
            raise ConfigError(f"{where}: {label} events: must not be empty")
    crs_min = _int(table.get("crs_min"), f"{label} crs_min", where, low=0, high=1200)
    crs_max = _int(table.get("crs_max"), f"{label} crs_max", where, low=0, high=1200)
    if crs_min is not None and crs_max is not None and crs_min > crs_max:
        raise ConfigError(f"{where}: {label} crs_min: {crs_min} is above crs_max {crs_max}")
    return Rule(
        name=name,
        notify=notify,
        events=events,
        round_types=_choices(table.get("round_types"), ROUND_TYPES, f"{label} round_types", where),
        categories=_slugs(table.get("categories"), f"{label} categories", where),
        programs=_choices(table.get("programs"), PROGRAM_CODES, f"{label} programs", where),
        crs_max=crs_max,
        crs_min=crs_min,
        invitations_min=_int(table.get("invitations_min"), f"{label} invitations_min", where, low=0),
        eligible=_bool(table.get("eligible"), f"{label} eligible", where),
        include_provisional=bool(
            _bool(table.get("include_provisional"), f"{label} include_provisional", where)
        ),
        title=_template(table.get("title"), f"{label} title", where),
        body=_template(table.get("body"), f"{label} body", where),
    )


def alert_settings(config: Config) -> AlertSettings:
    """The notifier's settings from a loaded config, checked across sections."""
    where = str(config.path) if config.path else "<config>"
    extra: Mapping[str, Any] = config.extra
    rules: tuple[Rule, ...] = extra.get("alerts") or ()
    profile: Profile | None = extra.get("profile")
    notifications: NotificationSettings = extra.get("notifications") or NotificationSettings()
    for rule in rules:
        if rule.eligible is not None and profile is None:
            raise ConfigError(f"{where}: [[alerts]] {rule.name} eligible: needs a [profile] section")
        for target in rule.notify:
            if target.startswith("tag:") and notifications.apprise_config is None:
                raise ConfigError(
                    f"{where}: [[alerts]] {rule.name} notify: {target} needs "
                    '[notifications] apprise_config = "path"'
                )
    return AlertSettings(rules=rules, profile=profile, notifications=notifications)


# -- helpers --------------------------------------------------------------------


def _table(raw: Any, label: str, where: str) -> dict[str, Any]:
    if not isinstance(raw, dict):
        raise ConfigError(f"{where}: {label}: must be a table")
    return raw


def _known_keys(table: Mapping[str, Any], known: Any, label: str, where: str) -> None:
    for key in table:
        if key not in known:
            raise ConfigError(f"{where}: {label} {key}: unknown key")


def _str(value: Any, label: str, where: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ConfigError(f"{where}: {label}: expected a non-empty string")
    return value.strip()


def _int(
    value: Any, label: str, where: str, *, low: int | None = None, high: int | None = None
) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise ConfigError(f"{where}: {label}: expected an integer, got {type(value).__name__}")
    if (low is not None and value < low) or (high is not None and value > high):
        raise ConfigError(
            f"{where}: {label}: {value} is out of range {low}..{high if high is not None else ''}"
        )
    return value


def _number(value: Any, label: str, where: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or value <= 0:
        raise ConfigError(f"{where}: {label}: expected a positive number")
    return float(value)


def _bool(value: Any, label: str, where: str) -> bool | None:
    if value is None:
        return None
    if not isinstance(value, bool):
        raise ConfigError(f"{where}: {label}: expected true or false, got {type(value).__name__}")
    return value


def _strings(value: Any, label: str, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise ConfigError(f"{where}: {label}: expected a list of strings")
    return tuple(dict.fromkeys(v.strip() for v in value))


def _choices(value: Any, allowed: tuple[str, ...], label: str, where: str) -> tuple[str, ...]:
    items = _strings(value, label, where)
    for item in items:
        if item not in allowed:
            raise ConfigError(f"{where}: {label}: unknown value {item!r} (one of: {', '.join(allowed)})")
    return items


def _slugs(value: Any, label: str, where: str) -> tuple[str, ...]:
    """Category slugs, lower case; a slug eewatch has since renamed is read as the new one."""
    from scraper.domain.parsing.taxonomy import canonical_category

    items = tuple(s.lower() for s in _strings(value, label, where))
    for item in items:
        if not _SLUG.match(item):
            raise ConfigError(f"{where}: {label}: {item!r} is not a category slug (e.g. stem, french)")
    return tuple(dict.fromkeys(canonical_category(item) for item in items))


def _targets(value: Any, label: str, where: str) -> tuple[str, ...]:
    targets = _strings(value, label, where)
    if not targets:
        raise ConfigError(f"{where}: {label}: must name at least one target")
    schemas = plugins()
    for number, target in enumerate(targets, start=1):
        for var in _VAR.findall(target):
            if not _VAR_NAME.match(var):
                raise ConfigError(f"{where}: {label} #{number}: bad variable ${{{var}}}")
        if target.startswith("tag:"):
            if not re.fullmatch(r"tag:[\w.-]+", target):
                raise ConfigError(f"{where}: {label} #{number}: a tag is tag:NAME")
            continue
        scheme = target.split("://", 1)[0].lower() if "://" in target else ""
        if not scheme or scheme not in schemas:
            # Never echo the target itself: it may hold a literal secret.
            raise ConfigError(
                f"{where}: {label} #{number}: not an Apprise URL (unknown scheme {scheme or '(none)'!r})"
            )
    return targets


def _template(value: Any, label: str, where: str) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise ConfigError(f"{where}: {label}: expected a string")
    try:
        parsed = list(string.Formatter().parse(value))
    except ValueError as exc:
        raise ConfigError(f"{where}: {label}: bad template: {exc}") from None
    for _text, field, spec, conversion in parsed:
        if field is None:
            continue
        if field not in TEMPLATE_FIELDS or spec or conversion:
            raise ConfigError(
                f"{where}: {label}: unknown placeholder {{{field}}} (use: {', '.join(TEMPLATE_FIELDS)})"
            )
    return value


register_section("profile", parse_profile)
register_section("notifications", parse_notifications)
register_section("alerts", parse_alerts)
