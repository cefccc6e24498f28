"""The configuration: every section declared once, typed, with its defaults and checks.

Found by ``--config PATH``, then ``$EEWATCH_CONFIG``, then ``./config.toml``;
``$EEWATCH_DATABASE_URL`` overrides the database URL. A config file holds only
what it changes (an empty file is valid). :func:`load_config` checks every
section and what spans sections, for every command and the daemon alike; a
problem raises :class:`ConfigError`: one line naming the file, the section and
the key, with the nearest known name where a name was mistyped.

``model`` declares the sections, ``values`` the checks of one value, ``sections``
the loader, ``checks`` what spans sections, ``load`` the file; the names here are
the ones the rest of eewatch imports.
"""

from eewatch.config.checks import check_category_names, unknown_category
from eewatch.config.load import find_config_path, load_config, parse_config
from eewatch.config.model import (
    DEFAULT_CRON,
    DEFAULT_REPORT_TITLE,
    DEFAULT_STORED_LIMIT,
    FEED_URL,
    MAX_RETRIES,
    SOURCE_KINDS,
    STORED_PAGES,
    Config,
    DatabaseConfig,
    FeedConfig,
    HealthConfig,
    NotificationSettings,
    Profile,
    ReportConfig,
    Rule,
    ScheduleConfig,
    SourceConfig,
)
from eewatch.config.sections import (
    parse_alerts,
    parse_database,
    parse_feed,
    parse_health,
    parse_notifications,
    parse_profile,
    parse_report,
    parse_schedule,
    parse_sources,
)
from eewatch.config.values import (
    MAX_DURATION,
    TEMPLATE_FIELDS,
    ConfigError,
    check_database_url,
    default_database_url,
    did_you_mean,
)

__all__ = [
    "DEFAULT_CRON", "DEFAULT_REPORT_TITLE", "DEFAULT_STORED_LIMIT", "FEED_URL", "MAX_DURATION",
    "MAX_RETRIES", "SOURCE_KINDS", "STORED_PAGES", "TEMPLATE_FIELDS", "Config", "ConfigError",
    "DatabaseConfig", "FeedConfig", "HealthConfig", "NotificationSettings", "Profile", "ReportConfig",
    "Rule", "ScheduleConfig", "SourceConfig", "check_category_names", "check_database_url",
    "default_database_url", "did_you_mean", "find_config_path", "load_config", "parse_alerts",
    "parse_config", "parse_database", "parse_feed", "parse_health", "parse_notifications",
    "parse_profile", "parse_report", "parse_schedule", "parse_sources", "unknown_category",
]  # fmt: skip
