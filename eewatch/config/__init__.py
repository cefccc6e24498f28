"""The configuration: every section declared once, typed, with its defaults and checks.

Found by ``--config PATH``, then ``$EEWATCH_CONFIG``, then ``./config.toml``; ``$EEWATCH_DATABASE_URL``
overrides the database URL; an empty file is valid. Every problem is a :class:`ConfigError`: one line
naming the file, the section and the key (and the nearest known name, where one was mistyped).
``model`` declares the sections, ``values`` the checks of one value, ``sections`` the loader,
``checks`` what spans sections, ``load`` the file; the names here are the ones eewatch imports.
"""

from eewatch.config.checks import check_category_names, unknown_category
from eewatch.config.load import load_config, parse_config
from eewatch.config.model import (
    DEFAULT_CRON,
    DEFAULT_REPORT_TITLE,
    FEED_URL,
    STORED_PAGES,
    Config,
    DatabaseConfig,
    HealthConfig,
    NotificationSettings,
    Profile,
    ReportConfig,
    Rule,
    ScheduleConfig,
)
from eewatch.config.sections import parse_report
from eewatch.config.values import TEMPLATE_FIELDS, ConfigError, default_database_url, did_you_mean

__all__ = [
    "DEFAULT_CRON", "DEFAULT_REPORT_TITLE", "FEED_URL", "STORED_PAGES", "TEMPLATE_FIELDS", "Config",
    "ConfigError", "DatabaseConfig", "HealthConfig", "NotificationSettings", "Profile", "ReportConfig",
    "Rule", "ScheduleConfig", "check_category_names", "default_database_url", "did_you_mean", "load_config",
    "parse_config", "parse_report", "unknown_category",
]  # fmt: skip
