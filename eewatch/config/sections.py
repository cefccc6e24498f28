"""The one loader, :func:`read`, and the sections' readers: what one key cannot say alone.

:func:`read` takes a TOML table and a section's dataclass: it refuses an unknown key
(naming the nearest), requires the keys without a default, and passes every key given
through the check its field declares (eewatch/config/model.py).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
from collections.abc import Callable, Mapping
from typing import Any

from eewatch.config import model as m
from eewatch.config.values import Check, ConfigError, bad, did_you_mean

#: A section's reader: ``reader(raw, where)`` -> the section, or :class:`ConfigError`.
Reader = Callable[[Any, str], Any]


def read(
    cls: type, raw: Any, label: str, where: str, checks: Mapping[str, Check] | None = None
) -> dict[str, Any]:
    """The checked values of the keys ``raw`` gives, by field name (an absent key keeps its default).

    ``checks``: for a class declared outside the config (``[profile]``). An array's entry
    (``label`` ``[[alerts]] #2``) is labelled by its ``name`` once that is read.
    """
    if not isinstance(raw := {} if raw is None else raw, dict):
        raise ConfigError(f"{where}: {label} must be a table")
    known = [f.name for f in dataclasses.fields(cls) if checks is None or f.name in checks]
    for name in raw:
        if name not in known:
            raise bad(where, f"{label} {name}", f"unknown key{did_you_mean(name, known)}")
    values: dict[str, Any] = {}
    for f in dataclasses.fields(cls):
        if f.name not in known:
            continue
        if f.name in raw:
            check = checks[f.name] if checks is not None else f.metadata["check"]
            values[f.name] = check(raw[f.name], f"{label} {f.name}", where)
            # An array's entry: [[alerts]] #2 -> [[alerts]] stem; never a profile (its name is personal).
            if f.name == "name" and " #" in label and cls is not m.Profile:
                label = f"{label.split(' #')[0]} {values['name']}"
        elif f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING:
            raise bad(where, f"{label} {f.name}", f"missing ({f.metadata['missing']})")
    return values


def table(cls: type, label: str, then: Callable[[Any, str], None] | None = None) -> Reader:
    """The reader of a table: its keys by :func:`read`, then ``then(section, where)`` if given."""

    def reader(raw: Any, where: str) -> Any:
        section = cls(**read(cls, raw, label, where))
        if then is not None:
            then(section, where)
        return section

    return reader


def _check_feed(feed: m.FeedConfig, where: str) -> None:
    if feed.timeout <= 0 or feed.max_bytes <= 0 or feed.retries < 0:
        zero = "(retries may also be 0: no retry)"
        raise ConfigError(f"{where}: [feed] timeout, max_bytes and retries must be positive {zero}")
    if feed.retries > m.MAX_RETRIES:
        raise bad(where, "[feed] retries", f"at most {m.MAX_RETRIES} (a poll must end)")


parse_report = table(m.ReportConfig, "[report]")


def parse_profile(raw: Any, where: str) -> m.Profile | None:
    """``[profile]`` -> :class:`Profile` (``None`` when absent)."""
    return None if raw is None else m.Profile(**read(m.Profile, raw, "[profile]", where, m.PROFILE_CHECKS))


def parse_profiles(raw: Any, where: str) -> tuple[m.Profile, ...]:
    """``[[profiles]]`` -> named profiles, in file order; a name is used once. Errors name the entry
    by its number, never by its name or a value (personal data)."""
    return tuple(entries(m.Profile, raw, "profiles", where, checks=m.PROFILES_CHECKS, personal=True))


def parse_schedule(raw: Any, where: str) -> m.ScheduleConfig:
    """``[schedule]``: an interval or cron expressions (not both), a time zone, durations."""
    values = read(m.ScheduleConfig, raw, "[schedule]", where)
    if "every" in values:
        if "cron" in values:
            raise bad(where, "[schedule]", "give either every or cron, not both")
        # The default jitter is a fraction of a short interval, never more than 20 s.
        values.update(
            cron=(), jitter=values.get("jitter", min(m.ScheduleConfig.jitter, values["every"] / 10))
        )
    schedule = m.ScheduleConfig(**values)
    if schedule.every is not None and schedule.jitter > schedule.every / 2:
        half = "%s: [schedule] jitter: %gs is more than half of every (%gs): polls will bunch and gap"
        logging.getLogger("eewatch.config").warning(half, where, schedule.jitter, schedule.every)
    for expression in schedule.cron:
        # The shipped expressions are known good (tests/test_cron_check.py): checking them would
        # import APScheduler on every cron run that never schedules anything.
        if expression not in m.DEFAULT_CRON:
            _check_cron(expression, schedule.timezone, where)
    return schedule


def _check_cron(expression: str, timezone: str, where: str) -> None:
    from zoneinfo import ZoneInfo

    from apscheduler.triggers.cron import CronTrigger

    label = "[schedule] cron"
    try:
        trigger = CronTrigger.from_crontab(expression, timezone=ZoneInfo(timezone))
    except ValueError as exc:
        raise bad(where, label, f"{expression!r} is not a valid cron expression ({exc})") from None
    if trigger.get_next_fire_time(None, dt.datetime.now(ZoneInfo(timezone))) is None:
        raise bad(where, label, f"{expression!r} never fires (a date that does not exist?)")


def entries(
    cls: type,
    raw: Any,
    name: str,
    where: str,
    then: Any = None,
    checks: Mapping[str, Check] | None = None,
    *,
    personal: bool = False,
) -> list[Any]:
    """``[[name]]``: an array of tables, each read by :func:`read` (labelled ``#1``, ``#2``, ...,
    then by its ``name`` if it has one), then checked by ``then(entry, where)``; no two entries
    share a name. ``personal``: each entry is a person's, so a name is required and an error never
    repeats it (a twin is named by its number)."""
    if not isinstance(raw := [] if raw is None else raw, list):
        raise ConfigError(f"{where}: [[{name}]] must be an array of tables")
    found: list[Any] = []
    for index, entry in enumerate(raw, start=1):
        label = f"[[{name}]] #{index}"
        found.append(item := cls(**read(cls, entry, label, where, checks)))
        if then is not None:
            then(item, where)
        if (named := getattr(item, "name", None)) is None:
            if personal:
                raise bad(where, f"{label} name", "missing (lowercase letters, digits and dashes)")
        elif twin := next((n for n, e in enumerate(found[:-1], 1) if e.name == named), 0):
            same = f"the same as [[{name}]] #{twin}" if personal else f"{named!r} is used twice"
            raise bad(where, f"{label} name", same)
    return found


def parse_alerts(raw: Any, where: str) -> tuple[m.Rule, ...]:
    """``[[alerts]]`` -> rules, in file order; names must be unique."""
    return tuple(entries(m.Rule, raw, "alerts", where, then=_check_rule))


def _check_rule(rule: m.Rule, where: str) -> None:
    label = f"[[alerts]] {rule.name}"
    if rule.crs_min is not None and rule.crs_max is not None and rule.crs_min > rule.crs_max:
        raise bad(where, f"{label} crs_min", f"{rule.crs_min} is above crs_max {rule.crs_max}")
    if rule.categories and rule.round_types and "category" not in rule.round_types:
        narrows = f"narrows category rounds, but round_types {list(rule.round_types)} has no 'category'"
        raise bad(where, f"{label} categories", f"{narrows} (add it, or drop categories)")
    if not rule.notify and not rule.to_profiles:
        raise bad(where, f"{label} notify", "missing (a list of Apprise URLs or tag:NAME)")
    if rule.digest and not rule.notify:
        raise bad(where, f"{label} digest", "needs notify: the digest goes to the rule's own targets")
    if (rule.to_profiles or rule.digest) and rule.profiles is None:
        what = "to_profiles" if rule.to_profiles else "digest"
        raise bad(where, f"{label} {what}", 'needs profiles = "*" or a list of [[profiles]] names')


def parse_sources(raw: Any, where: str) -> tuple[m.SourceConfig, ...]:
    """``[[sources]]``: announcement pages and articles to read besides the feed."""
    if not isinstance(raw := [] if raw is None else raw, list):
        raise ConfigError(f"{where}: [[sources]] must be an array of tables")
    return tuple(_source({} if e is None else e, where, index) for index, e in enumerate(raw, start=1))


def _source(entry: Any, where: str, index: int) -> m.SourceConfig:
    label, stored = "[[sources]]", m.STORED_PAGES
    if not isinstance(entry, dict):
        raise ConfigError(f"{where}: {label} #{index} must be a table")
    # ``limit`` is read last: whether it may be given depends on the kind.
    values = read(m.SourceConfig, {k: v for k, v in entry.items() if k != "limit"}, label, where)
    kind, url = values["kind"], values.get("url")
    if kind == stored and url is not None:
        raise bad(where, f"{label} url", f"not used with kind = {stored!r}")
    if kind != stored and (not isinstance(url, str) or not url.strip()):
        raise bad(where, f"{label} url", f"a non-empty string is required for kind = {kind!r}")
    if "limit" in entry and kind != stored:
        raise bad(where, f"{label} limit", f"only used with kind = {stored!r}")
    values = read(m.SourceConfig, entry, label, where)
    return m.SourceConfig(**{**values, "url": url.strip() if url else None})


#: Every section, by its TOML name, with its reader (the order errors are found in).
SECTIONS: dict[str, Reader] = {
    "feed": table(m.FeedConfig, "[feed]", _check_feed),
    "database": table(m.DatabaseConfig, "[database]"),
    "profile": parse_profile,
    "profiles": parse_profiles,
    "roster": table(m.RosterConfig, "[roster]"),
    "alerts": parse_alerts,
    "notifications": table(m.NotificationSettings, "[notifications]"),
    "schedule": parse_schedule,
    "health": table(m.HealthConfig, "[health]"),
    "report": parse_report,
    "sources": parse_sources,
}
