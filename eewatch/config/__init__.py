"""The configuration: every section declared here, typed, with its defaults; one validation style.

Found by ``--config PATH``, then ``$EEWATCH_CONFIG``, then ``./config.toml``;
``$EEWATCH_DATABASE_URL`` overrides the database URL. A config file holds only
what it changes (an empty file is valid). :func:`load_config` checks every
section and what spans sections, for every command and the daemon alike; a
problem raises :class:`ConfigError`: one line naming the file, the section and
the key, with the nearest known name where a name was mistyped.
"""

from __future__ import annotations

import dataclasses
import difflib
import logging
import os
import re
import string
import tomllib
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any, cast
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import platformdirs

from eewatch.domain.announcement import ARTICLE, PAGE

# ``[profile]`` is declared in the domain (eewatch/domain/eligibility.py) and re-exported here.
from eewatch.domain.eligibility import Profile as Profile
from eewatch.domain.events import DEFAULT_EVENTS, EVENT_KINDS
from eewatch.domain.record import PROGRAM_CODES, ROUND_TYPES

FEED_URL = "https://www.canada.ca/content/dam/ircc/documents/json/ee_rounds_123_en.json"

#: Default polling: every 5 minutes in the hours IRCC runs rounds (weekdays,
#: business hours in Ottawa), hourly outside them.
DEFAULT_CRON = ("*/5 9-18 * * mon-fri", "0 * * * *")

#: The report's title where ``[report] title`` is not set.
DEFAULT_REPORT_TITLE = "Express Entry rounds of invitations"

#: ``[[sources]] kind``: a Ministerial Instructions page, an article, or the static MI
#: pages of the rounds already stored.
STORED_PAGES = "stored-pages"
SOURCE_KINDS = (PAGE, ARTICLE, STORED_PAGES)
DEFAULT_STORED_LIMIT = 20

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
    "eligibility",
    "url",
    "error",
    "rule",
)


class ConfigError(Exception):
    """A configuration problem, as one line for the operator."""


def default_database_url() -> str:
    """A SQLite file in the user's data directory."""
    path = Path(platformdirs.user_data_dir("eewatch")) / "eewatch.sqlite"
    return f"sqlite:///{path}"


# -- the sections ------------------------------------------------------------------


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
    #: With ``eligible = true``: what a round whose eligibility the data cannot decide does.
    #: ``"alert"`` (the default: the alert says "eligibility unknown" and why) or ``"skip"``.
    unknown: str = "alert"
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
    #: More amendments than this in one copy make one summary alert per rule, not one each.
    mass_amendment_threshold: int = 10


@dataclasses.dataclass(frozen=True)
class ScheduleConfig:
    """``[schedule]``: when the daemon polls (seconds)."""

    every: float | None = None
    cron: tuple[str, ...] = DEFAULT_CRON
    timezone: str = "America/Toronto"
    jitter: float = 20.0
    retry_every: float = 60.0
    misfire_grace: float = 300.0
    #: How often the daemon reads the ``[[sources]]`` (announcement pages change rarely).
    sources_every: float = 3600.0


@dataclasses.dataclass(frozen=True)
class HealthConfig:
    """``[health]``: when eewatch tells its operator something is wrong (daemon and cron alike)."""

    failures_before_alert: int = 3
    stale_after_days: float = 21.0
    unhealthy_after: float = 3 * 3600.0
    #: ``eewatch status`` is unhealthy when an alert has waited this long to be delivered.
    undelivered_after: float = 3600.0


@dataclasses.dataclass(frozen=True)
class ReportConfig:
    """``[report]``: ``out`` None means no report is built after a change."""

    out: Path | None = None
    title: str = DEFAULT_REPORT_TITLE
    site_url: str | None = None


@dataclasses.dataclass(frozen=True)
class SourceConfig:
    """One ``[[sources]]`` entry: an announcement page or article to read besides the feed."""

    kind: str
    url: str | None = None
    #: For ``stored-pages``: how many of the newest static pages to read.
    limit: int = DEFAULT_STORED_LIMIT


@dataclasses.dataclass(frozen=True)
class Config:
    """The whole configuration; every section has defaults."""

    feed: FeedConfig = dataclasses.field(default_factory=FeedConfig)
    database: DatabaseConfig = dataclasses.field(default_factory=DatabaseConfig)
    profile: Profile | None = None
    alerts: tuple[Rule, ...] = ()
    notifications: NotificationSettings = dataclasses.field(default_factory=NotificationSettings)
    schedule: ScheduleConfig = dataclasses.field(default_factory=ScheduleConfig)
    health: HealthConfig = dataclasses.field(default_factory=HealthConfig)
    report: ReportConfig = dataclasses.field(default_factory=ReportConfig)
    sources: tuple[SourceConfig, ...] = ()
    path: Path | None = None

    def rule(self, name: str) -> Rule | None:
        """The ``[[alerts]]`` rule of this name."""
        return next((r for r in self.alerts if r.name == name), None)


# -- loading -----------------------------------------------------------------------


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


#: URL schemes eewatch runs on, and what to write for the ones people try.
_DATABASE_HINTS = {
    "postgres": "write postgresql+psycopg://USER@HOST/DB (SQLAlchemy does not take postgres://)",
    "postgresql": "write postgresql+psycopg://USER@HOST/DB (eewatch's driver is psycopg 3)",
    "mysql": "eewatch runs on SQLite and PostgreSQL only (MySQL would also need a driver: mysqlclient)",
    "mariadb": "eewatch runs on SQLite and PostgreSQL only (MariaDB would also need a driver: mariadb)",
}


def _relative_to_config(url: str, where: str) -> str:
    """A relative SQLite path in a config file names a file beside that config file."""
    prefix = "sqlite:///"
    if not url.startswith(prefix) or where in ("<defaults>", "<config>"):
        return url
    path = url[len(prefix) :]
    if not path or path.startswith(("/", ":memory:", "file:")) or "?" in path:
        return url
    return prefix + str((Path(where).parent / path).resolve())


def check_database_url(url: str, label: str, where: str) -> str:
    """A database URL eewatch can run on, or a ConfigError saying what to write instead.

    A relative SQLite path is allowed with a warning: it depends on the working directory.
    """
    url = url.strip()
    if "://" not in url:
        raise ConfigError(
            f"{where}: {label}: {url!r} is not a URL: write sqlite:///{Path(url).expanduser().resolve()} "
            "(a file) or postgresql+psycopg://USER@HOST/DB"
        )
    scheme = url.split("://", 1)[0].lower()
    if scheme in ("sqlite", "sqlite+pysqlite"):
        path = url.split("://", 1)[1]
        if path in ("", "/", "/:memory:") or "mode=memory" in path:
            raise ConfigError(
                f"{where}: {label}: an in-memory database forgets everything when the command exits: "
                "use a file (sqlite:///PATH)"
            )
        if not path.startswith("//") and "uri=true" not in path:
            logging.getLogger("eewatch.config").warning(
                "%s: %s: %s is relative to the working directory (%s); use sqlite:////absolute/path",
                where,
                label,
                url,
                Path.cwd(),
            )
        return url
    if scheme in ("postgresql+psycopg", "postgresql+psycopg2"):
        return url
    hint = _DATABASE_HINTS.get(
        scheme.split("+", 1)[0], "eewatch runs on sqlite:///PATH or postgresql+psycopg://"
    )
    raise ConfigError(f"{where}: {label}: {scheme}:// is not a database eewatch runs on: {hint}")


def parse_config(data: Mapping[str, Any], where: str = "<config>") -> Config:
    """Validate a parsed TOML mapping into a :class:`Config`, sections and what spans them."""
    for key in data:
        if key not in _SECTIONS:
            raise ConfigError(f"{where}: unknown section or key [{key}]{_did_you_mean(key, _SECTIONS)}")
    values = {name: parse(data.get(name), where) for name, parse in _SECTIONS.items()}
    config = Config(**values)
    _check_across(config, where)
    return config


def _check_across(config: Config, where: str) -> None:
    """What spans sections: ``eligible`` needs a profile, ``tag:`` targets an Apprise config file."""
    for rule in config.alerts:
        if rule.eligible is not None and config.profile is None:
            raise ConfigError(f"{where}: [[alerts]] {rule.name} eligible: needs a [profile] section")
        for target in rule.notify:
            if target.startswith("tag:") and config.notifications.apprise_config is None:
                raise ConfigError(
                    f"{where}: [[alerts]] {rule.name} notify: {target} needs "
                    '[notifications] apprise_config = "path"'
                )


def check_category_names(config: Config, known: Iterable[str]) -> None:
    """Every category the config names is ``known`` (case-insensitively), else :class:`ConfigError`.

    ``known``: the shipped names (:func:`eewatch.domain.eligibility.shipped_category_names`)
    and the categories present in the database, so a category IRCC creates later is
    known as soon as a copy of the feed brings it. Called by the app once the store is open.
    """
    names = {k.lower() for k in known}
    where = str(config.path) if config.path else "<config>"
    places: list[tuple[str, tuple[str, ...]]] = []
    if config.profile is not None:
        places.append(("[profile] categories", config.profile.categories))
    places += [(f"[[alerts]] {rule.name} categories", rule.categories) for rule in config.alerts]
    for label, slugs in places:
        for slug in slugs:
            if slug.lower() not in names:
                raise ConfigError(f"{where}: {label}: {unknown_category(slug, names)}")


def unknown_category(name: str, known: Iterable[str]) -> str:
    """``unknown category 'stme' (did you mean 'stem'?; known: french, stem, ...)``."""
    names = sorted(set(known))
    return f"unknown category {name!r}{_did_you_mean(name, names)} (known: {', '.join(names)})"


# -- one parser per section, all in one style ------------------------------------


def parse_feed(raw: Any, where: str) -> FeedConfig:
    table = _table(raw, "[feed]", where)
    _known_keys(table, _field_names(FeedConfig), "[feed]", where)
    values: dict[str, Any] = {}
    if "url" in table:
        values["url"] = _typed(table["url"], str, "[feed] url", where)
        if not values["url"].strip():
            raise ConfigError(f"{where}: [feed] url: must not be empty")
    for key in ("timeout",):
        if key in table:
            values[key] = _typed(table[key], float, f"[feed] {key}", where)
    for key in ("retries", "max_bytes"):
        if key in table:
            values[key] = _typed(table[key], int, f"[feed] {key}", where)
    if "user_agent" in table:
        values["user_agent"] = _typed(table["user_agent"], str, "[feed] user_agent", where)
    feed = FeedConfig(**values)
    if feed.timeout <= 0 or feed.max_bytes <= 0 or feed.retries < 0:
        raise ConfigError(f"{where}: [feed] timeout, max_bytes and retries must be positive")
    if feed.retries > MAX_RETRIES:
        raise ConfigError(f"{where}: [feed] retries: at most {MAX_RETRIES} (a poll must end)")
    return feed


#: No more retries than this: every try may take the whole timeout.
MAX_RETRIES = 10


def parse_database(raw: Any, where: str) -> DatabaseConfig:
    table = _table(raw, "[database]", where)
    _known_keys(table, _field_names(DatabaseConfig), "[database]", where)
    if "url" in table:
        url = _typed(table["url"], str, "[database] url", where)
        url = _relative_to_config(url.strip(), where)
        return DatabaseConfig(url=check_database_url(url, "[database] url", where))
    return DatabaseConfig()


def parse_profile(raw: Any, where: str) -> Profile | None:
    """``[profile]`` -> :class:`Profile` (``None`` when absent)."""
    if raw is None:
        return None
    label = "[profile]"
    table = _table(raw, label, where)
    _known_keys(table, _field_names(Profile), label, where)
    return Profile(
        crs=_int(table.get("crs"), f"{label} crs", where, low=0, high=1200),
        programs=_choices(table.get("programs"), PROGRAM_CODES, f"{label} programs", where),
        categories=_slugs(table.get("categories"), f"{label} categories", where),
        noc=_noc_codes(table.get("noc"), f"{label} noc", where),
        french_nclc=_int(table.get("french_nclc"), f"{label} french_nclc", where, low=0, high=12),
        canadian_experience_months=_int(
            table.get("canadian_experience_months"), f"{label} canadian_experience_months", where, low=0
        ),
    )


def parse_notifications(raw: Any, where: str) -> NotificationSettings:
    """``[notifications]`` -> :class:`NotificationSettings`."""
    label = "[notifications]"
    table = _table(raw, label, where)
    _known_keys(table, _field_names(NotificationSettings), label, where)
    values: dict[str, Any] = {}
    if "apprise_config" in table:
        path = _str(table["apprise_config"], f"{label} apprise_config", where)
        resolved = Path(path).expanduser()
        if not resolved.is_absolute() and where not in ("<defaults>", "<config>"):
            resolved = Path(where).parent / resolved
        values["apprise_config"] = resolved
    if "max_attempts" in table:
        values["max_attempts"] = _int(table["max_attempts"], f"{label} max_attempts", where, low=1)
    if "mass_amendment_threshold" in table:
        values["mass_amendment_threshold"] = _int(
            table["mass_amendment_threshold"], f"{label} mass_amendment_threshold", where, low=1
        )
    for key in ("backoff_seconds", "backoff_max_seconds", "timeout", "sending_timeout_seconds"):
        if key in table:
            values[key] = _positive(table[key], f"{label} {key}", where)
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
    _known_keys(table, _field_names(Rule), label, where)
    if "name" not in table:
        raise ConfigError(f"{where}: {label} name: missing (every rule needs a name)")
    name = _str(table["name"], f"{label} name", where)
    if not re.fullmatch(r"[\w.-]{1,64}", name):
        raise ConfigError(f"{where}: {label} name: use 1-64 letters, digits, '_', '-' or '.'")
    label = f"[[alerts]] {name}"
    if "notify" not in table:
        raise ConfigError(f"{where}: {label} notify: missing (a list of Apprise URLs or tag:NAME)")
    events = DEFAULT_EVENTS
    if "events" in table:
        events = _choices(table["events"], EVENT_KINDS, f"{label} events", where)
        if not events:
            raise ConfigError(f"{where}: {label} events: must not be empty")
    crs_min = _int(table.get("crs_min"), f"{label} crs_min", where, low=0, high=1200)
    crs_max = _int(table.get("crs_max"), f"{label} crs_max", where, low=0, high=1200)
    if crs_min is not None and crs_max is not None and crs_min > crs_max:
        raise ConfigError(f"{where}: {label} crs_min: {crs_min} is above crs_max {crs_max}")
    round_types = _choices(table.get("round_types"), ROUND_TYPES, f"{label} round_types", where)
    categories = _slugs(table.get("categories"), f"{label} categories", where)
    if categories and round_types and "category" not in round_types:
        raise ConfigError(
            f"{where}: {label} categories: narrows category rounds, but round_types "
            f"{list(round_types)} has no 'category' (add it, or drop categories)"
        )
    return Rule(
        name=name,
        notify=_targets(table["notify"], f"{label} notify", where),
        events=events,
        round_types=round_types,
        categories=categories,
        programs=_choices(table.get("programs"), PROGRAM_CODES, f"{label} programs", where),
        crs_max=crs_max,
        crs_min=crs_min,
        invitations_min=_int(table.get("invitations_min"), f"{label} invitations_min", where, low=0),
        eligible=_bool(table.get("eligible"), f"{label} eligible", where),
        unknown=_unknown(table.get("unknown"), f"{label} unknown", where),
        include_provisional=bool(
            _bool(table.get("include_provisional"), f"{label} include_provisional", where)
        ),
        title=_template(table.get("title"), f"{label} title", where),
        body=_template(table.get("body"), f"{label} body", where),
    )


UNKNOWN_CHOICES = ("alert", "skip")


def _unknown(value: Any, label: str, where: str) -> str:
    if value is None:
        return "alert"
    text = _str(value, label, where)
    if text not in UNKNOWN_CHOICES:
        raise ConfigError(
            f'{where}: {label}: {text!r} is not "alert" or "skip"{_did_you_mean(text, UNKNOWN_CHOICES)}'
        )
    return text


def parse_schedule(raw: Any, where: str) -> ScheduleConfig:
    """``[schedule]``: an interval or cron expressions (not both), a time zone, durations."""
    label = "[schedule]"
    table = _table(raw, label, where)
    _known_keys(table, _field_names(ScheduleConfig), label, where)
    if "every" in table and "cron" in table:
        raise ConfigError(f"{where}: {label}: give either every or cron, not both")
    values: dict[str, Any] = {}
    if "every" in table:
        values["every"] = _duration(table["every"], f"{label} every", where)
        if values["every"] <= 0:
            raise ConfigError(f"{where}: {label} every: must be positive")
        values["cron"] = ()
    if "cron" in table:
        cron = table["cron"]
        cron = (cron,) if isinstance(cron, str) else cron
        if not isinstance(cron, list | tuple) or not cron or not all(isinstance(c, str) for c in cron):
            raise ConfigError(f"{where}: {label} cron: expected a cron expression or a list of them")
        values["cron"] = tuple(cron)
    timezone = table.get("timezone", ScheduleConfig.timezone)
    try:
        ZoneInfo(str(timezone))
    except (ZoneInfoNotFoundError, ValueError):
        raise ConfigError(f"{where}: {label} timezone: unknown time zone {timezone!r}") from None
    values["timezone"] = str(timezone)
    for key in ("jitter", "retry_every", "misfire_grace", "sources_every"):
        if key in table:
            values[key] = _duration(table[key], f"{label} {key}", where)
    if values.get("sources_every") == 0:
        raise ConfigError(f"{where}: {label} sources_every: must be positive")
    if "jitter" not in table and schedule_every(values) is not None:
        # The default jitter is a fraction of a short interval, never more than 20 s.
        values["jitter"] = min(ScheduleConfig.jitter, values["every"] / 10)
    schedule = ScheduleConfig(**values)
    if schedule.every is not None and schedule.jitter > schedule.every / 2:
        logging.getLogger("eewatch.config").warning(
            "%s: [schedule] jitter: %gs is more than half of every (%gs): polls will bunch and gap",
            where,
            schedule.jitter,
            schedule.every,
        )
    for expression in schedule.cron:
        _check_cron(expression, schedule.timezone, where)
    return schedule


def schedule_every(values: Mapping[str, Any]) -> float | None:
    every = values.get("every")
    return float(every) if every is not None else None


def parse_health(raw: Any, where: str) -> HealthConfig:
    """``[health]``: thresholds of the ops events and of ``eewatch status``."""
    label = "[health]"
    table = _table(raw, label, where)
    _known_keys(table, _field_names(HealthConfig), label, where)
    values: dict[str, Any] = {}
    if "failures_before_alert" in table:
        value = table["failures_before_alert"]
        if not isinstance(value, int) or isinstance(value, bool) or value < 1:
            raise ConfigError(f"{where}: {label} failures_before_alert: expected a whole number >= 1")
        values["failures_before_alert"] = value
    if "stale_after_days" in table:
        values["stale_after_days"] = _positive(table["stale_after_days"], f"{label} stale_after_days", where)
    for key in ("unhealthy_after", "undelivered_after"):
        if key in table:
            values[key] = _duration(table[key], f"{label} {key}", where)
    return HealthConfig(**values)


def parse_report(raw: Any, where: str) -> ReportConfig:
    """``[report]``: where the static report is rebuilt after a change, if anywhere."""
    label = "[report]"
    table = _table(raw, label, where)
    _known_keys(table, _field_names(ReportConfig), label, where)
    values: dict[str, Any] = {key: _str(value, f"{label} {key}", where) for key, value in table.items()}
    if "out" in values:
        values["out"] = Path(values["out"]).expanduser()
    site_url = values.get("site_url")
    if site_url is not None and not site_url.startswith(("https://", "http://")):
        raise ConfigError(f"{where}: {label} site_url: expected an http(s) URL")
    return ReportConfig(**values)


def parse_sources(raw: Any, where: str) -> tuple[SourceConfig, ...]:
    """``[[sources]]``: announcement pages and articles to read besides the feed."""
    if raw is None:
        return ()
    if not isinstance(raw, list):
        raise ConfigError(
            f"{where}: [[sources]] must be an array of tables ([[sources]] url = ..., kind = ...)"
        )
    return tuple(_source(entry, where, index) for index, entry in enumerate(raw, start=1))


def _source(entry: Any, where: str, index: int) -> SourceConfig:
    label = "[[sources]]"
    table = _table(entry, f"{label} #{index}", where)
    _known_keys(table, _field_names(SourceConfig), label, where)
    kind = table.get("kind")
    if kind is None:
        raise ConfigError(f"{where}: {label} kind: missing (one of {', '.join(SOURCE_KINDS)})")
    if not isinstance(kind, str) or kind not in SOURCE_KINDS:
        hint = _did_you_mean(kind, SOURCE_KINDS) if isinstance(kind, str) else ""
        raise ConfigError(f"{where}: {label} kind: {kind!r} is not one of {', '.join(SOURCE_KINDS)}{hint}")
    url = table.get("url")
    if kind == STORED_PAGES:
        if url is not None:
            raise ConfigError(f"{where}: {label} url: not used with kind = {STORED_PAGES!r}")
    elif not isinstance(url, str) or not url.strip():
        raise ConfigError(f"{where}: {label} url: a non-empty string is required for kind = {kind!r}")
    if "limit" in table and kind != STORED_PAGES:
        raise ConfigError(f"{where}: {label} limit: only used with kind = {STORED_PAGES!r}")
    limit = table.get("limit", DEFAULT_STORED_LIMIT)
    if isinstance(limit, bool) or not isinstance(limit, int) or limit < 1:
        raise ConfigError(f"{where}: {label} limit: expected a positive int, got {limit!r}")
    return SourceConfig(kind=kind, url=url.strip() if url else None, limit=limit)


#: Every section, by its TOML name, with its parser (the order errors are found in).
_SECTIONS: dict[str, Callable[[Any, str], Any]] = {
    "feed": parse_feed,
    "database": parse_database,
    "profile": parse_profile,
    "alerts": parse_alerts,
    "notifications": parse_notifications,
    "schedule": parse_schedule,
    "health": parse_health,
    "report": parse_report,
    "sources": parse_sources,
}


# -- the one set of checks every section uses ------------------------------------

_DURATION = re.compile(r"^\s*(\d{1,12}(?:\.\d{1,9})?)\s*(ms|s|m|h|d)?\s*$")
_UNITS: dict[str | None, float] = {"ms": 0.001, "s": 1, "m": 60, "h": 3600, "d": 86400, None: 1}
#: No duration eewatch takes is longer than this (a typo beyond it would overflow a timer).
MAX_DURATION = 366 * 86400.0
_VAR = re.compile(r"\$\{([^}]*)\}")
_VAR_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")


def _field_names(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(cls))


def _did_you_mean(name: str, known: Iterable[str]) -> str:
    """`` (did you mean 'stem'?)`` for the nearest known name, case-insensitively; else ''."""
    choices = {k.lower(): k for k in known}
    close = difflib.get_close_matches(name.lower(), list(choices), n=1, cutoff=0.6)
    return f" (did you mean {choices[close[0]]!r}?)" if close else ""


def did_you_mean(name: str, known: Iterable[str]) -> str:
    """`` (did you mean 'stem'?)`` for the nearest known name, case-insensitively; else ''."""
    return _did_you_mean(name, known)


def _table(raw: Any, label: str, where: str) -> dict[str, Any]:
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        raise ConfigError(f"{where}: {label} must be a table")
    return raw


def _known_keys(table: Mapping[str, Any], known: Iterable[str], label: str, where: str) -> None:
    known = tuple(known)
    for key in table:
        if key not in known:
            raise ConfigError(f"{where}: {label} {key}: unknown key{_did_you_mean(key, known)}")


_TYPE_NAMES = {str: "str", int: "int", float: "float"}


def _typed(value: Any, kind: type, label: str, where: str) -> Any:
    """A scalar of ``kind`` (an int is a float too; a boolean is neither)."""
    name = _TYPE_NAMES[kind]
    if isinstance(value, bool):
        raise ConfigError(f"{where}: {label}: expected {name}, got a boolean")
    accepted: tuple[type, ...] = (int, float) if kind is float else (kind,)
    if not isinstance(value, accepted):
        raise ConfigError(f"{where}: {label}: expected {name}, got {type(value).__name__}")
    return float(cast(float, value)) if kind is float else value


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


def _positive(value: Any, label: str, where: str) -> float:
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
    """Names from ``allowed``, matched case-insensitively, returned as ``allowed`` spells them."""
    by_lower = {a.lower(): a for a in allowed}
    items: list[str] = []
    for item in _strings(value, label, where):
        if item.lower() not in by_lower:
            raise ConfigError(
                f"{where}: {label}: unknown value {item!r}{_did_you_mean(item, allowed)} "
                f"(one of: {', '.join(allowed)})"
            )
        items.append(by_lower[item.lower()])
    return tuple(dict.fromkeys(items))


def _slugs(value: Any, label: str, where: str) -> tuple[str, ...]:
    """Category slugs, lower case; a slug eewatch has since renamed is read as the new one."""
    from eewatch.domain.taxonomy import canonical_category

    items = tuple(dict.fromkeys(s.lower() for s in _strings(value, label, where)))
    for item in items:
        if not _SLUG.match(item):
            raise ConfigError(f"{where}: {label}: {item!r} is not a category slug (e.g. stem, french)")
    return tuple(dict.fromkeys(canonical_category(item) for item in items))


def _noc_codes(value: Any, label: str, where: str) -> tuple[str, ...]:
    if isinstance(value, int) and not isinstance(value, bool):
        value = [str(value)]
    if isinstance(value, list):
        value = [str(v) if isinstance(v, int) and not isinstance(v, bool) else v for v in value]
    codes = _strings(value, label, where)
    for code in codes:
        if not re.fullmatch(r"\d{5}", code):
            raise ConfigError(f"{where}: {label}: {code!r} is not a NOC 2021 code (five digits: '21231')")
    return codes


def _duration(value: Any, label: str, where: str) -> float:
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
    if seconds > MAX_DURATION:
        raise ConfigError(f"{where}: {label}: {value!r} is longer than a year")
    return seconds


def parse_duration(value: Any, label: str, where: str) -> float:
    """A duration in seconds (``"90s"``, ``"5m"``, ``"1h"``, ``"2d"`` or a number)."""
    return _duration(value, label, where)


def _check_cron(expression: str, timezone: str, where: str) -> None:
    from apscheduler.triggers.cron import CronTrigger

    try:
        trigger = CronTrigger.from_crontab(expression, timezone=ZoneInfo(timezone))
    except ValueError as exc:
        raise ConfigError(
            f"{where}: [schedule] cron: {expression!r} is not a valid cron expression ({exc})"
        ) from None
    import datetime as dt

    now = dt.datetime.now(ZoneInfo(timezone))
    if trigger.get_next_fire_time(None, now) is None:
        raise ConfigError(
            f"{where}: [schedule] cron: {expression!r} never fires (a date that does not exist?)"
        )


def _targets(value: Any, label: str, where: str) -> tuple[str, ...]:
    from eewatch.config.apprise_plugins import plugins

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
